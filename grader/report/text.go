package report

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TextOptions controls WriteText.
type TextOptions struct {
	// Color turns on ANSI colours. Use ColorFor to decide it for a terminal.
	Color bool
	// Detail shows every check of every exercise; otherwise one line per exercise.
	Detail bool
	// Timings shows how long each exercise and check took.
	Timings bool
	// MaxOutputLines caps the learner output shown for one check; 0 means 12.
	MaxOutputLines int
	// AllDetails shows what went wrong in every check; otherwise a check whose named mistake
	// an earlier check already showed gets one line.
	AllDetails bool
}

// ColorFor reports whether text written to f should be coloured: f is a terminal and the
// NO_COLOR environment variable (https://no-color.org) is unset or empty.
func ColorFor(f *os.File) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Next returns the exercise a learner should work on next, the first one in course order that
// has not passed, and how many of its checks are not yet passing. It returns nil when every
// exercise passed.
func Next(r *Report) (*Exercise, int) {
	for i := range r.Exercises {
		e := &r.Exercises[i]
		if e.Status == Passed {
			continue
		}
		left := 0
		for _, c := range e.Checks {
			if c.Status != Passed {
				left++
			}
		}
		return e, left
	}
	return nil, 0
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

type textWriter struct {
	w   io.Writer
	opt TextOptions
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err != nil {
		return
	}
	_, t.err = fmt.Fprintf(t.w, format, args...)
}

// paint wraps s in an ANSI style when colours are on.
func (t *textWriter) paint(style, s string) string {
	if !t.opt.Color || s == "" {
		return s
	}
	return style + s + ansiReset
}

// symbol is the one-character mark for a status.
func symbol(s Status) string {
	switch s {
	case Passed:
		return "✓"
	case Failed, BuildError:
		return "✗"
	case Error:
		return "!"
	default:
		return "·"
	}
}

func statusStyle(s Status) string {
	switch s {
	case Passed:
		return ansiGreen
	case Failed, BuildError, Error:
		return ansiRed
	default:
		return ansiDim
	}
}

// label is the status as a learner reads it in the table.
func label(s Status) string {
	switch s {
	case BuildError:
		return "does not build"
	case NotStarted:
		return "not started"
	default:
		return s.String()
	}
}

// points formats a score without trailing zeros: 4, 2.5.
func points(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func millis(ms int64) string {
	if ms < 1000 {
		return fmt.Sprintf("%dms", ms)
	}
	return fmt.Sprintf("%.1fs", float64(ms)/1000)
}

// pad right-pads s with spaces to n runes; colour is applied after padding so that escapes do
// not disturb the alignment.
func pad(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

// WriteText writes r for a person at a terminal: the header, one line per exercise (or every
// check with Detail), the total and the next step.
func WriteText(w io.Writer, r *Report, opt TextOptions) error {
	if opt.MaxOutputLines == 0 {
		opt.MaxOutputLines = 12
	}
	t := &textWriter{w: w, opt: opt}
	t.printf("%s %s\n\n", t.paint(ansiBold, r.Tool), t.paint(ansiDim, fmt.Sprintf("· seed %d · sandbox %s", r.Seed, r.Sandbox)))
	if opt.Detail {
		for i := range r.Exercises {
			t.exerciseDetail(&r.Exercises[i])
		}
	} else {
		t.summary(r)
	}
	t.printf("%s %s/%s\n", t.paint(ansiBold, "total"), points(r.Score), points(r.MaxScore))
	if e, left := Next(r); e != nil {
		checks := "checks"
		if left == 1 {
			checks = "check"
		}
		switch e.Status {
		case NotStarted:
			t.printf("next: %s, %s\n", t.paint(ansiCyan, e.Dir), "read its README.md and replace the stubs")
		case BuildError:
			t.printf("next: %s, %s\n", t.paint(ansiCyan, e.Dir), "make it build (see the messages above)")
		default:
			t.printf("next: %s, %d %s left\n", t.paint(ansiCyan, e.Dir), left, checks)
		}
	} else if len(r.Exercises) == 1 {
		// One exercise graded (grade 3): its verdict, not the course's.
		t.printf("%s\n", t.paint(ansiGreen, fmt.Sprintf("exercise %d passes: well done", r.Exercises[0].Number)))
	} else if len(r.Exercises) > 0 {
		t.printf("%s\n", t.paint(ansiGreen, "every exercise passes: well done"))
	}
	return t.err
}

func (t *textWriter) summary(r *Report) {
	width := len("exercise")
	for _, e := range r.Exercises {
		width = max(width, utf8.RuneCountInString(e.Slug))
	}
	t.printf("%s\n", t.paint(ansiDim, fmt.Sprintf("%-3s %s %-16s %s", "#", pad("exercise", width), "status", "score")))
	for _, e := range r.Exercises {
		status := t.paint(statusStyle(e.Status), pad(symbol(e.Status)+" "+label(e.Status), 16))
		line := fmt.Sprintf("%-3s %s %s %s", fmt.Sprintf("%02d", e.Number), pad(e.Slug, width), status, points(e.Score)+"/"+points(e.MaxScore))
		if t.opt.Timings && e.Cached {
			line += "  " + t.paint(ansiDim, "(cached)")
		} else if t.opt.Timings && e.DurationMS > 0 {
			line += "  " + t.paint(ansiDim, millis(e.DurationMS))
		}
		t.printf("%s\n", line)
	}
	t.printf("\n")
}

func (t *textWriter) exerciseDetail(e *Exercise) {
	head := fmt.Sprintf("%02d %s", e.Number, e.Title)
	cached := ""
	if t.opt.Timings && e.Cached {
		cached = "  " + t.paint(ansiDim, "(cached)")
	}
	t.printf("%s  %s  %s%s\n", t.paint(ansiBold, head), t.paint(statusStyle(e.Status), label(e.Status)), points(e.Score)+"/"+points(e.MaxScore), cached)
	t.printf("   %s\n", t.paint(ansiDim, e.Dir))
	if e.Message != "" {
		t.block("   ", e.Message)
	}
	for _, d := range e.extraDiagnostics() {
		t.printf("   %s: %s\n", t.paint(ansiYellow, d.Position()), d.Message)
	}
	switch e.Status {
	case BuildError:
		// Its checks did not run: one line for all of them, not one each.
		t.printf("   %s\n", t.paint(ansiDim, fmt.Sprintf("%s (%s %s) will run once it builds",
			countChecks(len(e.Checks)), points(e.MaxScore), plural(int(e.MaxScore), "point", "points"))))
		t.printf("\n")
		return
	case NotStarted:
		t.printf("   %s\n", t.paint(ansiDim, fmt.Sprintf("not started: %s (%s %s) %s for your code; read README.md, then replace the stubs",
			countChecks(len(e.Checks)), points(e.MaxScore), plural(int(e.MaxScore), "point", "points"), plural(len(e.Checks), "waits", "wait"))))
		t.printf("\n")
		return
	}
	for _, m := range e.Mistakes {
		n := len(m.Checks)
		t.printf("   %s %s %s\n", t.paint(ansiYellow, "mistake:"), t.paint(ansiBold, m.ID),
			t.paint(ansiDim, fmt.Sprintf("(%s %s)", countChecks(n), plural(n, "shows it", "show it"))))
		t.block("     ", m.Hint)
	}
	for i := range e.Checks {
		t.check(e, &e.Checks[i])
	}
	for _, p := range e.Plots {
		t.printf("   plot: %s %s\n", p.Title, t.paint(ansiCyan, p.PNG))
	}
	t.printf("\n")
}

// countChecks is "1 check" or "n checks".
func countChecks(n int) string { return fmt.Sprintf("%d %s", n, plural(n, "check", "checks")) }

// check writes one check: a line with its status, name and points and, when it did not pass,
// what went wrong. A check whose mistake an earlier check of the exercise already showed gets
// only its line, tagged with the mistake: a mistake's explanation is shown once.
func (t *textWriter) check(e *Exercise, c *Check) {
	name := c.Name
	if c.Visibility == Hidden {
		name += " (hidden)"
	}
	line := fmt.Sprintf("   %s %s  %s", t.paint(statusStyle(c.Status), symbol(c.Status)), name, t.paint(ansiDim, points(c.Points)+"/"+points(c.MaxPoints)))
	if c.Mistake != nil {
		line += "  " + t.paint(ansiYellow, "["+c.Mistake.ID+"]")
	}
	if t.opt.Timings && c.DurationMS > 0 {
		line += " " + t.paint(ansiDim, millis(c.DurationMS))
	}
	t.printf("%s\n", line)
	if c.Status == Passed {
		return
	}
	if c.Mistake != nil && e.firstNaming(c.Mistake.ID).Name != c.Name && !t.opt.AllDetails {
		return
	}
	if c.Message != "" {
		t.block("       ", c.Message)
	}
	if c.Expected != "" || c.Got != "" {
		t.printf("       got:  %s\n       want: %s\n", c.Got, c.Expected)
	}
	if c.Location != "" {
		t.printf("       at %s\n", t.paint(ansiYellow, c.Location))
	}
	if c.Output != "" {
		t.printf("       %s\n", t.paint(ansiDim, "your output:"))
		lines := strings.Split(strings.TrimRight(c.Output, "\n"), "\n")
		shown := lines
		if len(lines) > t.opt.MaxOutputLines {
			shown = lines[:t.opt.MaxOutputLines]
		}
		for _, l := range shown {
			t.printf("       %s %s\n", t.paint(ansiDim, "|"), l)
		}
		if n := len(lines) - len(shown); n > 0 {
			t.printf("       %s\n", t.paint(ansiDim, fmt.Sprintf("| … %d more lines", n)))
		}
	}
}

// block writes a possibly multi-line text with every line indented.
func (t *textWriter) block(indent, s string) {
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		t.printf("%s%s\n", indent, l)
	}
}
