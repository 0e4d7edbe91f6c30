package report

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// Writer renders a report in one format. A Writer never changes the report.
type Writer func(w io.Writer, r *Report, opt Options) error

// Options carries what some formats need beyond the report. Every field may be left zero.
type Options struct {
	// Text controls the "text" format.
	Text TextOptions
	// Workspace is the graded workspace as a file system; plot PNGs (Plot.PNG, relative to the
	// workspace) are read from it and inlined by "html" and "prairielearn". With a nil
	// Workspace those formats name the plots without showing them.
	Workspace fs.FS
	// PlotBaseURL, when set, turns the plots of "github-summary" into links: the URL of a plot
	// is PlotBaseURL followed by its path, e.g. a raw-file URL of the pushed `.grade` folder.
	PlotBaseURL string
}

// format is one entry of the table that Lookup and FormatHelp read.
type format struct {
	name, summary string
	write         Writer
}

// formats returns the table of formats, built on each call so that no package state can be
// changed by a caller.
func formats() []format {
	return []format{
		{"text", "the terminal report (the default)", func(w io.Writer, r *Report, opt Options) error {
			return WriteText(w, r, opt.Text)
		}},
		{"json", "mlkata's own JSON, the contract with other tools", func(w io.Writer, r *Report, _ Options) error {
			return WriteJSON(w, r)
		}},
		{"junit", "JUnit XML: one test suite per exercise, one test case per check", func(w io.Writer, r *Report, _ Options) error {
			return WriteJUnit(w, r)
		}},
		{"gradescope", "Gradescope autograder results.json", func(w io.Writer, r *Report, _ Options) error {
			return WriteGradescope(w, r)
		}},
		{"prairielearn", "PrairieLearn external grader results.json, plots inlined", func(w io.Writer, r *Report, opt Options) error {
			return WritePrairieLearn(w, r, opt.Workspace)
		}},
		{"exercism", "Exercism test runner results.json, version 3", func(w io.Writer, r *Report, _ Options) error {
			return WriteExercism(w, r)
		}},
		{"github", "GitHub Actions workflow commands: annotations for build errors and failed checks", func(w io.Writer, r *Report, _ Options) error {
			return WriteGitHubAnnotations(w, r)
		}},
		{"github-summary", "Markdown for $GITHUB_STEP_SUMMARY", func(w io.Writer, r *Report, opt Options) error {
			return WriteGitHubSummary(w, r, opt.PlotBaseURL)
		}},
		{"html", "a self-contained HTML page, plots inlined", func(w io.Writer, r *Report, opt Options) error {
			return WriteHTML(w, r, opt.Workspace)
		}},
	}
}

// FormatNames returns the names Lookup accepts, in a fixed order: "text", "json", "junit",
// "gradescope", "prairielearn", "exercism", "github", "github-summary", "html".
func FormatNames() []string {
	fs := formats()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return names
}

// FormatHelp returns one line per format, its name and what it is for, for a command's help.
func FormatHelp() string {
	fs := formats()
	width := 0
	for _, f := range fs {
		width = max(width, len(f.name))
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%-*s  %s\n", width, f.name, f.summary)
	}
	return b.String()
}

// Lookup returns the writer of the format with the given name (see FormatNames). It returns an
// error naming the known formats for any other name.
func Lookup(name string) (Writer, error) {
	for _, f := range formats() {
		if f.name == name {
			return f.write, nil
		}
	}
	return nil, fmt.Errorf("report: unknown format %q (want one of %s)", name, strings.Join(FormatNames(), ", "))
}

// writeIndentedJSON writes v as JSON indented by two spaces, without HTML escaping (the files
// are read by programs, and `<` in a message should stay readable), followed by a newline.
func writeIndentedJSON(w io.Writer, what string, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("report: write %s: %w", what, err)
	}
	return nil
}

// checkText explains a check in plain text for the formats without styling: the message, got
// and want, where the code panicked, and the named mistake with its hint. For a check that did
// not run because its exercise does not build, it is the exercise's build problem. The
// learner's output is not part of it. It is empty for a check with nothing to say.
func checkText(e *Exercise, c *Check) string {
	var b strings.Builder
	add := func(s string) {
		if s = strings.TrimRight(s, "\n"); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	add(c.Message)
	if c.Status == BuildError {
		add(buildText(e))
	}
	if c.Got != "" || c.Expected != "" {
		add("got:  " + c.Got + "\nwant: " + c.Expected)
	}
	if c.Location != "" {
		add("at " + c.Location)
	}
	if c.Mistake != nil {
		if first := e.firstNaming(c.Mistake.ID); first != nil && first.Name != c.Name {
			add("mistake: " + c.Mistake.ID + " (explained under “" + first.Name + "”)")
		} else {
			add("mistake: " + c.Mistake.ID)
			add(c.Mistake.Hint)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// firstNaming returns the first check of e that names the mistake id, or nil. A mistake's hint
// is shown once per exercise, under that check; later checks refer to it.
func (e *Exercise) firstNaming(id string) *Check {
	for i := range e.Checks {
		if m := e.Checks[i].Mistake; m != nil && m.ID == id {
			return &e.Checks[i]
		}
	}
	return nil
}

// extraDiagnostics returns the diagnostics of e that its message does not already quote (a
// build message names the first compiler error), so that no error is printed twice.
func (e *Exercise) extraDiagnostics() []Diagnostic {
	var out []Diagnostic
	for _, d := range e.Diagnostics {
		if !strings.Contains(e.Message, d.Position()+": "+firstLine(d.Message)) {
			out = append(out, d)
		}
	}
	return out
}

// explain is checkText, or for a check that did not pass and has nothing to say, its status in
// words ("failed", "does not build").
func explain(e *Exercise, c *Check) string {
	if s := checkText(e, c); s != "" || c.Status == Passed {
		return s
	}
	return label(c.Status)
}

// buildText is an exercise's message followed by its compiler diagnostics (those the message
// does not already quote), one a line.
func buildText(e *Exercise) string {
	lines := make([]string, 0, 1+len(e.Diagnostics))
	if m := strings.TrimRight(e.Message, "\n"); m != "" {
		lines = append(lines, m)
	}
	for _, d := range e.extraDiagnostics() {
		lines = append(lines, d.Position()+": "+d.Message)
	}
	return strings.Join(lines, "\n")
}

// Position returns the diagnostic's place as the compiler writes it: file:line or
// file:line:column.
func (d Diagnostic) Position() string {
	s := d.File + ":" + strconv.Itoa(d.Line)
	if d.Column > 0 {
		s += ":" + strconv.Itoa(d.Column)
	}
	return s
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// checkID is "exercise.check", both 1-based: "2.3".
func checkID(e *Exercise, i int) string {
	return strconv.Itoa(e.Number) + "." + strconv.Itoa(i+1)
}
