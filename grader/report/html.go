package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"regexp"
	"strings"
)

//go:embed html.tmpl
var htmlSource string

// The view of a report that html.tmpl renders: the report plus what the template cannot
// compute.
type (
	htmlPage struct {
		*Report
		Percent   int // score as a whole percentage of the maximum
		Passed    int // exercises passed
		Next      *Exercise
		NextStep  string
		Exercises []htmlExercise
	}
	htmlExercise struct {
		*Exercise
		Percent int
		Checks  []htmlCheck
		Plots   []htmlPlot
		// ExtraDiagnostics are the compiler diagnostics the message does not already quote.
		ExtraDiagnostics []Diagnostic
	}
	htmlCheck struct {
		*Check
		Output      string // the learner's output without terminal colour codes
		OutputLines int
	}
	htmlPlot struct {
		Plot
		URL     template.URL // a data: URL built here from the PNG's bytes, or empty
		Missing string       // why the plot is not shown
	}
)

// htmlMark is the sign of a status on the page; unlike the terminal's "·", a not-started
// check gets a dash that reads at a glance.
func htmlMark(s Status) string {
	if s == NotStarted {
		return "–"
	}
	return symbol(s)
}

// percent is part/whole as a whole percentage in [0, 100]; 0 when whole is not positive.
func percent(part, whole float64) int {
	if whole <= 0 {
		return 0
	}
	return int(min(max(100*part/whole, 0), 100))
}

// WriteHTML writes r as one self-contained HTML page for a learner to read in a browser: the
// score first, the next step, a card per exercise with its named mistakes (each once, with
// its hint and how many checks show it), its checks (✓ or ✗, points, the mistake's tag,
// message, got and want, and the learner's output folded), its build diagnostics and its
// plots. The page needs no network and no JavaScript: the CSS is inline, and the plots are
// read as PNG from workspace (at their Plot.PNG paths) and inlined as data URLs; a plot that
// cannot be shown (workspace nil, file missing or not a PNG) is named with the reason. It
// follows the reader's light or dark preference and fits a phone's width. Every text from the
// report is HTML-escaped by html/template; terminal colour codes (ANSI CSI sequences) are
// removed from the learner's output, and other control characters and invalid UTF-8 become
// U+FFFD.
func WriteHTML(w io.Writer, r *Report, workspace fs.FS) error {
	tmpl, err := template.New("report").Funcs(template.FuncMap{
		"points": points,
		"label":  label,
		"mark":   htmlMark,
		"millis": millis,
		"num":    func(n int) string { return fmt.Sprintf("%02d", n) },
		"plural": plural,
	}).Parse(htmlSource)
	if err != nil {
		return fmt.Errorf("report: HTML template: %w", err)
	}
	page := htmlPage{Report: r, Percent: percent(r.Score, r.MaxScore)}
	if e, n := Next(r); e != nil {
		page.Next, page.NextStep = e, nextStep(e, n)
	}
	ansi := regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]`)
	for i := range r.Exercises {
		e := &r.Exercises[i]
		if e.Status == Passed {
			page.Passed++
		}
		he := htmlExercise{Exercise: e, Percent: percent(e.Score, e.MaxScore), ExtraDiagnostics: e.extraDiagnostics()}
		for j := range e.Checks {
			c := &e.Checks[j]
			hc := htmlCheck{Check: c, Output: ansi.ReplaceAllString(c.Output, "")}
			if out := strings.TrimRight(hc.Output, "\n"); out != "" {
				hc.OutputLines = strings.Count(out, "\n") + 1
			}
			he.Checks = append(he.Checks, hc)
		}
		for _, p := range e.Plots {
			url, why := plotDataURL(workspace, p.PNG)
			// The URL is trusted: plotDataURL built it from base64 of bytes that start with
			// the PNG signature.
			he.Plots = append(he.Plots, htmlPlot{Plot: p, URL: template.URL(url), Missing: why})
		}
		page.Exercises = append(page.Exercises, he)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, page); err != nil {
		return fmt.Errorf("report: write HTML: %w", err)
	}
	_, err = io.WriteString(w, cleanHTMLText(buf.String()))
	return err
}

// cleanHTMLText replaces what an HTML page must not contain, and a learner's output may:
// invalid UTF-8 and control characters other than tab, line feed and carriage return, each
// by U+FFFD. The template itself contains none, so cleaning the whole page changes only the
// report's text.
func cleanHTMLText(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
