package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func TestWriteHTML(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(&buf, sample(), workspace(t)))
	golden(t, "sample.html", buf.Bytes())

	page := parseHTML(t, buf.Bytes())
	assert.Len(t, page.withClass("section", "exercise"), 4, "a card per exercise")
	assert.Len(t, page.withClass("li", "check"), 7, "a row per check")
	assert.Len(t, page.withClass("li", "failed"), 1)
	assert.Len(t, page.withClass("div", "mistake"), 1)
	assert.Len(t, page.elements["details"], 1, "the learner's output, folded")
	assert.Len(t, page.withClass("div", "noplot"), 0)
	require.Len(t, page.elements["img"], 1)
	assert.True(t, strings.HasPrefix(page.elements["img"][0]["src"], "data:image/png;base64,iVBORw0KGgo"))
	assert.Empty(t, page.elements["script"], "no JavaScript")
	assert.Empty(t, page.elements["link"], "no stylesheet to fetch")
	assert.Len(t, page.elements["style"], 1)
	for tag, attrs := range page.elements {
		for _, a := range attrs {
			for _, key := range []string{"src", "href"} {
				if v, ok := a[key]; ok {
					assert.True(t, strings.HasPrefix(v, "#") || strings.HasPrefix(v, "data:image/png;base64,"),
						"<%s %s=%q> points out of the page", tag, key, v)
				}
			}
		}
	}
	assert.Contains(t, page.text, "6.5")
	assert.Contains(t, page.text, "Precision divides by TP+FP")
	assert.Contains(t, page.text, "undefined: rng")
}

func TestWriteHTMLPlotNotShown(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		why  string
	}{
		{"no workspace", nil, "the workspace was not given"},
		{"missing", fstest.MapFS{}, "the file is missing"},
		{"not a PNG", fstest.MapFS{".grade/regression-metrics/residuals.png": {Data: []byte("GIF89a")}}, "not a PNG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if tt.fs == nil {
				require.NoError(t, WriteHTML(&buf, sample(), nil))
			} else {
				require.NoError(t, WriteHTML(&buf, sample(), tt.fs))
			}
			page := parseHTML(t, buf.Bytes())
			assert.Empty(t, page.elements["img"])
			assert.Len(t, page.withClass("div", "noplot"), 1)
			assert.Contains(t, page.text, tt.why)
		})
	}
}

// TestWriteHTMLEscapes puts markup in every text a learner can influence and checks that it
// stays text.
func TestWriteHTMLEscapes(t *testing.T) {
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`
	r := sample()
	e := &r.Exercises[1]
	e.Title, e.Message = evil, evil
	c := &e.Checks[1]
	c.Name, c.Message, c.Got, c.Expected, c.Output, c.Location = evil, evil, evil, evil, evil, evil
	c.Mistake = &Mistake{ID: evil, Hint: evil}
	r.Exercises[2].Diagnostics[0].Message = evil
	r.Exercises[0].Plots[0].Title = evil
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(&buf, r, workspace(t)))
	page := parseHTML(t, buf.Bytes())
	assert.Empty(t, page.elements["script"])
	assert.Len(t, page.elements["img"], 1, "only the plot")
	for _, a := range page.elements["img"] {
		assert.NotContains(t, a, "onerror")
	}
	assert.GreaterOrEqual(t, strings.Count(page.text, "<script>alert(1)</script>"), 9, "shown as text")
}

// htmlPage is what the tests look at in a page: every element's attributes by tag, and the
// text.
type parsedHTML struct {
	elements map[string][]map[string]string
	text     string
}

func (p parsedHTML) withClass(tag, class string) []map[string]string {
	var found []map[string]string
	for _, a := range p.elements[tag] {
		if strings.Contains(" "+a["class"]+" ", " "+class+" ") {
			found = append(found, a)
		}
	}
	return found
}

// parseHTML reads an HTML page with encoding/xml in its lenient HTML mode (golang.org/x/net/html
// is not a dependency) and checks that every element is closed where it should be.
func parseHTML(t *testing.T, doc []byte) parsedHTML {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	p := parsedHTML{elements: map[string][]map[string]string{}}
	var text strings.Builder
	var open []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Name.Local] = a.Value
			}
			p.elements[tok.Name.Local] = append(p.elements[tok.Name.Local], attrs)
			open = append(open, tok.Name.Local)
		case xml.EndElement:
			require.NotEmpty(t, open, "</%s> closes nothing", tok.Name.Local)
			require.Equal(t, open[len(open)-1], tok.Name.Local, "mismatched end tag")
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) == 0 || open[len(open)-1] != "style" {
				text.Write(tok)
			}
		}
	}
	require.Empty(t, open, "elements left open")
	p.text = text.String()
	return p
}

// chromium returns the path of a Chromium binary, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("rendering in headless Chromium takes seconds: skipped with -short")
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium not found: install it (apt-get install -y chromium) to render the HTML report headless")
	return ""
}

// render opens the page file in headless Chromium at the window size and returns the decoded
// screenshot and the console messages Chromium logged. extra flags are added to the command.
// With MLKATA_SCREENSHOTS set to a folder, the screenshot is also kept there as name.png (and
// TestHTMLInChromium keeps the page there as report.html), for a person to look at.
func render(t *testing.T, bin, page, name string, width, height int, extra ...string) (image.Image, []string) {
	t.Helper()
	tmp := t.TempDir()
	shot := filepath.Join(tmp, "shot.png")
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir=" + filepath.Join(tmp, "profile"),
		"--enable-logging=stderr", "--v=0",
		"--screenshot=" + shot, "--window-size=" + itoa(width) + "," + itoa(height),
	}, extra...)
	args = append(args, "file://"+page)
	ctx := t.Context()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), "chromium %s\n%s", strings.Join(args, " "), stderr.String())
	f, err := os.Open(shot)
	require.NoError(t, err, "chromium wrote no screenshot:\n%s", stderr.String())
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	if dir := os.Getenv("MLKATA_SCREENSHOTS"); dir != "" {
		b, err := os.ReadFile(shot)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644))
	}
	var console []string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			console = append(console, line)
		}
	}
	return img, console
}

func itoa(n int) string { return strconv.Itoa(n) }

// residualsPNG draws a residual plot with gonum/plot, the kind of figure mlkata writes.
func residualsPNG(t *testing.T) []byte {
	t.Helper()
	p := plot.New()
	p.Title.Text = "Residuals"
	p.X.Label.Text = "prediction"
	p.Y.Label.Text = "residual"
	pts := make(plotter.XYs, 60)
	for i := range pts {
		x := float64(i) / 6
		pts[i] = plotter.XY{X: x, Y: 0.8 * math.Sin(1.7*x) * math.Exp(-x/8)}
	}
	s, err := plotter.NewScatter(pts)
	require.NoError(t, err)
	p.Add(s, plotter.NewGrid())
	w, err := p.WriterTo(5*vg.Inch, 3.5*vg.Inch, "png")
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = w.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

// TestHTMLInChromium renders the sample report, with a real plot, in headless Chromium on a
// laptop-sized and a phone-sized window, in light and dark mode: the page must render to a
// screenshot of the window's size and log nothing to the console.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	ws := fstest.MapFS{".grade/regression-metrics/residuals.png": {Data: residualsPNG(t)}}
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(&buf, sample(), ws))
	page := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(page, buf.Bytes(), 0o644))
	if dir := os.Getenv("MLKATA_SCREENSHOTS"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "report.html"), buf.Bytes(), 0o644))
	}

	tests := []struct {
		name          string
		width, height int
		extra         []string
	}{
		{"laptop", 1200, 1600, nil},
		{"phone", 390, 1600, nil},
		{"laptop-dark", 1200, 1600, []string{"--force-dark-mode", "--blink-settings=preferredColorScheme=0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, console := render(t, bin, page, "report-"+tt.name, tt.width, tt.height, tt.extra...)
			assert.Equal(t, image.Rect(0, 0, tt.width, tt.height), img.Bounds())
			assert.Empty(t, console, "console messages")
		})
	}
}

// TestChromiumConsoleDetected proves that render sees console errors, so that
// TestHTMLInChromium can fail.
func TestChromiumConsoleDetected(t *testing.T) {
	bin := chromium(t)
	page := filepath.Join(t.TempDir(), "bad.html")
	require.NoError(t, os.WriteFile(page, []byte(`<!DOCTYPE html><p>x</p><script>console.error("boom")</script>`), 0o644))
	_, console := render(t, bin, page, "bad", 400, 300)
	require.Len(t, console, 1)
	assert.Contains(t, console[0], `"boom"`)
}

func TestWriteHTMLOutputWithoutColourCodes(t *testing.T) {
	r := sample()
	r.Exercises[1].Checks[1].Output = "\x1b[31mred\x1b[0m and \x1b[1;32mbold green\x1b[m\x00\n"
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(&buf, r, nil))
	assert.Contains(t, buf.String(), "<pre>red and bold green\uFFFD\n</pre>")
	assert.Contains(t, buf.String(), "Your output (1 line)")
}
