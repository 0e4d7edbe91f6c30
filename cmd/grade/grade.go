package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

// gradeOptions are the options of grade itself.
type gradeOptions struct {
	common
	Exercises []string // as typed: numbers, names or folders; none means all (or the current folder's)
}

// fail writes err for the command and returns its exit code: 2 for a usage or configuration
// error, 3 for anything else.
func fail(e *env, command string, err error) int {
	prefix := "grade"
	if command != "" {
		prefix += " " + command
	}
	fmt.Fprintf(e.stderr, "%s: %v\n", prefix, err)
	var u *usageError
	var cfg *grader.ConfigError
	if errors.As(err, &u) || errors.As(err, &cfg) {
		return exitUsage
	}
	return exitInternal
}

// gradeRun grades exs (nil: all) in workspace ws with the options o, records the results in
// the state file, and returns the report.
func gradeRun(ctx context.Context, e *env, ws string, o common, exs []*grader.Exercise, hidden bool) (*report.Report, error) {
	seed := o.Seed
	if seed == 0 {
		seed = grader.DefaultSeed
	}
	// A learner's runs reuse the results of exercises whose code has not changed, as go test
	// does. Hidden checks never leave their results in the workspace.
	var cache string
	if !o.NoCache && !hidden {
		cache = filepath.Join(ws, ".grade", "results")
	}
	r, err := grader.Grade(ctx, grader.Options{
		Workspace:    ws,
		Exercises:    e.course,
		Only:         slugs(exs),
		Seed:         seed,
		Hidden:       hidden,
		RevealHidden: o.Reveal,
		Timeouts:     grader.Timeouts{Exercise: o.Timeout},
		Now:          e.now,
		ResultCache:  cache,
	})
	if err != nil {
		return nil, err
	}
	if o.NoTimings {
		r.StripTimings()
	}
	return r, nil
}

// record adds r to the workspace's state file, and returns the state with it; a failure to
// write the file is only a warning.
func record(e *env, ws string, r *report.Report) *state {
	st := loadState(ws, e.stderr)
	st.record(r, e.now())
	if err := st.save(ws); err != nil {
		fmt.Fprintf(e.stderr, "grade: could not save your progress in %s: %v\n", stateFile, err)
	}
	return st
}

// textOptions returns the terminal report's options for o.
func textOptions(e *env, o common, detail bool) report.TextOptions {
	color := e.tty && !o.NoColor
	if f, ok := e.stdout.(*os.File); ok && color {
		color = report.ColorFor(f)
	}
	t := report.TextOptions{Color: color, Detail: detail, Timings: o.Verbose && !o.NoTimings, AllDetails: o.Verbose}
	if o.Verbose {
		t.MaxOutputLines = 1 << 20
	}
	return t
}

// exitFor returns 0 when every graded exercise passed, 1 otherwise.
func exitFor(r *report.Report) int {
	for _, x := range r.Exercises {
		if x.Status != report.Passed {
			return exitFailed
		}
	}
	return exitPassed
}

// runGrade is grade [EXERCISE...]: the table of every exercise, or the detail of some.
func runGrade(ctx context.Context, e *env, o gradeOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "", err)
	}
	exs, err := resolve(e, ws, o.Exercises)
	if err != nil {
		return fail(e, "", err)
	}
	for _, spec := range o.Formats { // before grading, which takes a while
		name, _, _ := strings.Cut(spec, "=")
		if _, err := report.Lookup(name); err != nil {
			return fail(e, "", usagef("--format %s: %v\nformats:\n%s", spec, err, report.FormatHelp()))
		}
	}
	if o.Hidden && !e.hiddenBuild {
		fmt.Fprintln(e.stderr, "grade: --hidden: this grade was built without the hidden checks (-tags hidden): only the visible checks run")
	}
	r, err := gradeRun(ctx, e, ws, o.common, exs, o.Hidden)
	if err != nil {
		return fail(e, "", err)
	}
	st := record(e, ws, r)
	if err := writeReport(e, ws, r, o.common, len(exs) > 0); err != nil {
		return fail(e, "", err)
	}
	if len(exs) > 0 && exitFor(r) == exitPassed && !o.JSON && len(o.Formats) == 0 {
		// The report's verdict is about the exercises graded: point on to the course's next.
		if next := nextToDo(e, st, nil); next != nil {
			fmt.Fprintf(e.stdout, "next in the course: %s %d (%s)\n", e.self, number(e, next), next.Dir)
		}
	}
	return exitFor(r)
}

// writeReport writes r as o asks: JSON, the --format list, or the terminal report (detailed
// or compact).
func writeReport(e *env, ws string, r *report.Report, o common, detail bool) error {
	switch {
	case o.JSON:
		return report.WriteJSON(e.stdout, r)
	case len(o.Formats) > 0:
		return writeFormats(e, ws, r, o)
	default:
		return report.WriteText(e.stdout, r, textOptions(e, o, detail))
	}
}

// formatList returns the format names for a flag's help.
func formatList() string { return strings.Join(report.FormatNames(), ", ") }

// writeFormats writes r in every format of o.Formats (NAME or NAME=FILE; stdout without FILE
// or with FILE "-").
func writeFormats(e *env, ws string, r *report.Report, o common) error {
	opt := report.Options{Text: textOptions(e, o, true), Workspace: os.DirFS(ws)}
	for _, spec := range o.Formats {
		name, file, toFile := strings.Cut(spec, "=")
		w, err := report.Lookup(name)
		if err != nil {
			return usagef("--format %s: %v\nformats:\n%s", spec, err, report.FormatHelp())
		}
		if !toFile || file == "" || file == "-" {
			if err := w(e.stdout, r, opt); err != nil {
				return err
			}
			continue
		}
		if err := atomicfile.WriteFunc(file, func(f io.Writer) error { return w(f, r, opt) }); err != nil {
			return fmt.Errorf("--format %s: %w", spec, err)
		}
	}
	return nil
}
