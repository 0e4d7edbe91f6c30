package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workspace is a workspace holding the sample report's one plot, a 4×3 PNG.
func workspace(t *testing.T) fstest.MapFS {
	t.Helper()
	png, err := os.ReadFile("testdata/tiny.png")
	require.NoError(t, err)
	return fstest.MapFS{".grade/regression-metrics/residuals.png": {Data: png}}
}

func TestFormatNames(t *testing.T) {
	assert.Equal(t, []string{"text", "json", "junit", "gradescope", "prairielearn", "exercism", "github", "github-summary", "html"}, FormatNames())
}

func TestFormatHelpListsEveryFormat(t *testing.T) {
	help := FormatHelp()
	lines := bytes.Split(bytes.TrimRight([]byte(help), "\n"), []byte("\n"))
	names := FormatNames()
	require.Len(t, lines, len(names), "one line per format:\n%s", help)
	for i, name := range names {
		assert.True(t, bytes.HasPrefix(lines[i], []byte(name+" ")), "line %d %q names %q", i, lines[i], name)
	}
}

// TestLookupEveryFormat writes the sample report in every format and checks that the writer
// wrote something and left the report as it was.
func TestLookupEveryFormat(t *testing.T) {
	for _, name := range FormatNames() {
		t.Run(name, func(t *testing.T) {
			write, err := Lookup(name)
			require.NoError(t, err)
			r := sample()
			var buf bytes.Buffer
			require.NoError(t, write(&buf, r, Options{Workspace: workspace(t), PlotBaseURL: "https://example.org/"}))
			assert.NotEmpty(t, buf.Bytes())
			assert.Equal(t, sample(), r, "the writer changed the report")
		})
	}
}

func TestLookupUnknown(t *testing.T) {
	_, err := Lookup("yaml")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown format "yaml"`)
	assert.Contains(t, err.Error(), "github-summary")
}

func TestLookupPassesOptions(t *testing.T) {
	write, err := Lookup("text")
	require.NoError(t, err)
	var plain, color bytes.Buffer
	require.NoError(t, write(&plain, sample(), Options{}))
	require.NoError(t, write(&color, sample(), Options{Text: TextOptions{Color: true}}))
	assert.NotContains(t, plain.String(), "\x1b[")
	assert.Contains(t, color.String(), "\x1b[")
}

func TestCheckText(t *testing.T) {
	r := sample()
	tests := []struct {
		name string
		e, c int
		want string
	}{
		{"passed", 0, 0, "MSE = 0.375 (rel. tol 1e-12)"},
		{"failed with mistake", 1, 1, "Precision(yTrue, yPred) = 0.25, want 0.5 (rel. tol 1e-12, missed by 0.25)\n" +
			"got:  0.25\nwant: 0.5\nmistake: precision-recall-swapped\n" +
			"You divided by TP+FN: that is recall.\nPrecision divides by TP+FP, the predicted positives."},
		{"panic", 1, 2, "your code panicked: runtime error: integer divide by zero\nat exercises/02-classification-metrics/metrics.go:41"},
		{"build error", 2, 0, "exercises/03-train-test-split does not compile, so its checks did not run.\n" +
			"exercises/03-train-test-split/split.go:12:5: undefined: rng"},
		{"nothing to say", 1, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &r.Exercises[tt.e]
			assert.Equal(t, tt.want, checkText(e, &e.Checks[tt.c]))
		})
	}
}

func TestDiagnosticPosition(t *testing.T) {
	assert.Equal(t, "a.go:3:7", Diagnostic{File: "a.go", Line: 3, Column: 7}.Position())
	assert.Equal(t, "a.go:3", Diagnostic{File: "a.go", Line: 3}.Position())
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestEveryFormatReportsWriteErrors(t *testing.T) {
	for _, name := range FormatNames() {
		t.Run(name, func(t *testing.T) {
			write, err := Lookup(name)
			require.NoError(t, err)
			err = write(failingWriter{}, sample(), Options{Workspace: workspace(t)})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "disk full")
		})
	}
}

// FuzzWriters puts arbitrary text where a learner's code or a check can put it and checks
// that every format stays well-formed: XML parses, JSON is valid, each workflow command stays
// on its own line, the summary table keeps its cells, and the HTML page has no markup but
// its own.
func FuzzWriters(f *testing.F) {
	f.Add("Precision", "got 0.25", "0.25", "debug line\n")
	f.Add("a|b\n::warning::x", "<script>alert(1)</script>", "]]>", "\x1b[31mred\x00")
	f.Add("100%, done: yes", "\r\n%0A", "`code`", "\xff\xfe invalid utf-8")
	f.Fuzz(func(t *testing.T, name, message, got, output string) {
		r := sample()
		c := &r.Exercises[1].Checks[1]
		c.Name, c.Message, c.Got, c.Output = name, message, got, output
		r.Exercises[1].Title = name
		opt := Options{Workspace: workspace(t)}
		out := map[string][]byte{}
		for _, format := range FormatNames() {
			write, err := Lookup(format)
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, write(&buf, r, opt), format)
			out[format] = buf.Bytes()
		}
		var doc junitSuites
		require.NoError(t, xml.Unmarshal(out["junit"], &doc), "JUnit XML")
		require.Len(t, doc.Suites, 4)
		for _, format := range []string{"json", "gradescope", "prairielearn", "exercism"} {
			assert.True(t, json.Valid(out[format]), format)
		}
		lines := strings.Split(strings.TrimSuffix(string(out["github"]), "\n"), "\n")
		assert.Len(t, lines, 5, "one command per line")
		for _, line := range lines {
			assert.Regexp(t, `^::(error|notice) [a-z]+=`, line)
		}
		for _, line := range strings.Split(string(out["github-summary"]), "\n") {
			if strings.HasPrefix(line, "| 02 ") {
				assert.Equal(t, 5, strings.Count(line, "|")-strings.Count(line, `\|`), line)
			}
		}
		page := parseHTML(t, out["html"])
		assert.Empty(t, page.elements["script"])
		assert.Len(t, page.elements["img"], 1)
		assert.Len(t, page.withClass("section", "exercise"), 4)
	})
}

// BenchmarkWriters writes the sample report, with its one plot, in every format.
func BenchmarkWriters(b *testing.B) {
	png, err := os.ReadFile("testdata/tiny.png")
	require.NoError(b, err)
	opt := Options{Workspace: fstest.MapFS{".grade/regression-metrics/residuals.png": {Data: png}}}
	r := sample()
	for _, name := range FormatNames() {
		write, err := Lookup(name)
		require.NoError(b, err)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := write(io.Discard, r, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestWritersEdgeReports writes a report without exercises and one where everything passed in
// every format.
func TestWritersEdgeReports(t *testing.T) {
	allPassed := sample()
	allPassed.Exercises = allPassed.Exercises[:1]
	allPassed.Score, allPassed.MaxScore = 4, 4
	tests := []struct {
		name string
		r    *Report
		want map[string]string // format → text the output must contain
	}{
		{"no exercises", &Report{Version: Version, Tool: "mlkata 0.1.0"}, map[string]string{
			"junit": `tests="0"`, "exercism": `"status": "pass"`, "prairielearn": `"score": 0,`,
			"html": "0 of 0 exercises pass",
		}},
		{"all passed", allPassed, map[string]string{
			"exercism": `"status": "pass"`, "prairielearn": `"score": 1,`, "html": "Every exercise passes",
			"github": "::notice title=mlkata 0.1.0::4/4 points", "github-summary": "1 of 1 exercises pass",
		}},
	}
	for _, tt := range tests {
		for _, format := range FormatNames() {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				write, err := Lookup(format)
				require.NoError(t, err)
				var buf bytes.Buffer
				require.NoError(t, write(&buf, tt.r, Options{Workspace: workspace(t)}))
				if want, ok := tt.want[format]; ok {
					assert.Contains(t, buf.String(), want)
				}
				switch format {
				case "junit":
					out, ok := xmllint(t, buf.Bytes())
					assert.True(t, ok, out)
				case "html":
					parseHTML(t, buf.Bytes())
				case "json", "gradescope", "prairielearn", "exercism":
					assert.True(t, json.Valid(buf.Bytes()))
				}
			})
		}
	}
}
