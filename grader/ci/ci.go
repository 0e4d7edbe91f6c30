// Package ci grades one submission in continuous integration: `grade ci`.
//
// Run grades the workspace with the checks compiled into the running program (in CI, the
// instructor's grade built with -tags hidden from a pinned commit, never from the
// submission), with hidden checks and a seed chosen for the run, writes the report in the
// formats asked for (files or standard output), appends the Markdown summary to the job's
// step summary, and says whether the score reached the minimum. The seed is recorded in
// every report, so a run can be reproduced with `grade --hidden --seed N`.
package ci

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

// SeedEnv is the environment variable Run reads the seed from when Options.Seed is 0.
const SeedEnv = "MLKATA_SEED"

// SummaryEnv names the file GitHub Actions shows as the job's step summary.
const SummaryEnv = "GITHUB_STEP_SUMMARY"

// Options configures Run.
type Options struct {
	// Workspace is the submission: the learner's Go module.
	Workspace string
	// Exercises is the course (exercises.All(), with the hidden checks when built with -tags
	// hidden), always whole: the report numbers each exercise by its place in it.
	Exercises []*grader.Exercise
	// Only restricts grading to these slugs (see grader.Options.Only); empty grades every
	// exercise. An unknown slug is a *grader.ConfigError.
	Only []string
	// Seed seeds the checks' random inputs; 0 reads SeedEnv, and when that is unset too uses
	// grader.DefaultSeed (the learner's local seed: say so in CI by setting one).
	Seed uint64
	// NoHidden leaves the hidden checks out; by default CI runs them.
	NoHidden bool
	// RevealHidden keeps the details of hidden checks (messages, expected and actual values,
	// output) in every report; by default they are left out (see grader.Options.RevealHidden).
	RevealHidden bool
	// Timeouts bound the learner's code (see grader.Timeouts); zero fields take the grader's
	// defaults.
	Timeouts grader.Timeouts
	// NoTimings leaves every duration out of the reports and the summary, so that they are the
	// same byte for byte for the same submission and seed (see report.Report.StripTimings).
	NoTimings bool
	// MinScore is the fraction of the maximum score, from 0 to 1, that Outcome.Passed needs.
	MinScore float64
	// Formats are the reports to write, each "NAME" (to Stdout) or "NAME=FILE", NAME one of
	// report.FormatNames(). Empty means "text".
	Formats []string
	// Summary is the file the Markdown summary is appended to; "" uses $GITHUB_STEP_SUMMARY
	// when it is set, and "-" writes none.
	Summary string
	// PlotBaseURL turns the summary's plots into links (see report.Options).
	PlotBaseURL string
	// Stdout receives the formats without a file; nil means os.Stdout.
	Stdout io.Writer
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

// Outcome is the result of Run.
type Outcome struct {
	Report *report.Report
	// Fraction is Score/MaxScore (0 when MaxScore is 0); Passed reports Fraction ≥ MinScore.
	Fraction float64
	Passed   bool
}

// Format is one report to write: a format name and the file, "" for standard output.
type Format struct{ Name, File string }

// ParseFormat parses "NAME" or "NAME=FILE" and checks that NAME is a known format.
func ParseFormat(s string) (Format, error) {
	name, file, _ := strings.Cut(s, "=")
	if _, err := report.Lookup(name); err != nil {
		return Format{}, err
	}
	return Format{Name: name, File: file}, nil
}

// Run grades opt.Workspace and writes the reports; progress receives a line per step. The
// error is for options that are wrong (a *grader.ConfigError or a bad format or seed) and
// failures of the grader or of writing a report; a low score is not an error (see
// Outcome.Passed).
func Run(ctx context.Context, opt Options, progress io.Writer) (*Outcome, error) {
	if progress == nil {
		progress = io.Discard
	}
	if opt.Stdout == nil {
		opt.Stdout = os.Stdout
	}
	if opt.Getenv == nil {
		opt.Getenv = os.Getenv
	}
	if opt.MinScore < 0 || opt.MinScore > 1 {
		return nil, &grader.ConfigError{Err: fmt.Errorf("min score %g: want a fraction from 0 to 1", opt.MinScore)}
	}
	if len(opt.Formats) == 0 {
		opt.Formats = []string{"text"}
	}
	var formats []Format
	for _, s := range opt.Formats {
		f, err := ParseFormat(s)
		if err != nil {
			return nil, &grader.ConfigError{Err: err}
		}
		formats = append(formats, f)
	}
	seed := opt.Seed
	if seed == 0 {
		if s := opt.Getenv(SeedEnv); s != "" {
			v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
			if err != nil || v == 0 {
				return nil, &grader.ConfigError{Err: fmt.Errorf("%s=%q: want a positive whole number", SeedEnv, s)}
			}
			seed = v
		}
	}
	ws, err := filepath.Abs(opt.Workspace)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "grade ci: grading %s (seed %d, hidden checks %t)\n", ws, cmp.Or(seed, grader.DefaultSeed), !opt.NoHidden)
	r, err := grader.Grade(ctx, grader.Options{
		Workspace: ws, Exercises: opt.Exercises, Only: opt.Only,
		Seed: seed, Hidden: !opt.NoHidden, RevealHidden: opt.RevealHidden, Timeouts: opt.Timeouts,
	})
	if err != nil {
		return nil, err
	}
	if opt.NoTimings {
		r.StripTimings()
	}
	out := &Outcome{Report: r}
	if r.MaxScore > 0 {
		out.Fraction = r.Score / r.MaxScore
	}
	out.Passed = out.Fraction >= opt.MinScore

	wopt := report.Options{Workspace: os.DirFS(ws), PlotBaseURL: opt.PlotBaseURL}
	for _, f := range formats {
		if err := writeFormat(f, r, wopt, opt.Stdout); err != nil {
			return nil, err
		}
		if f.File != "" {
			fmt.Fprintf(progress, "grade ci: wrote %s report to %s\n", f.Name, f.File)
		}
	}
	summary := opt.Summary
	if summary == "" {
		summary = opt.Getenv(SummaryEnv)
	}
	if summary != "" && summary != "-" {
		if err := appendSummary(summary, r, opt.PlotBaseURL); err != nil {
			return nil, err
		}
		fmt.Fprintf(progress, "grade ci: appended the summary to %s\n", summary)
	}
	// Without a minimum fraction (none, or one in points, which the caller checks) the line
	// states the score only: "minimum 0%: passed" would read as a verdict.
	if opt.MinScore > 0 {
		verdict := "below the minimum"
		if out.Passed {
			verdict = "passed"
		}
		fmt.Fprintf(progress, "grade ci: score %g/%g (%.0f%%), minimum %.0f%%: %s\n", r.Score, r.MaxScore, 100*out.Fraction, 100*opt.MinScore, verdict)
	} else {
		fmt.Fprintf(progress, "grade ci: score %g/%g (%.0f%%)\n", r.Score, r.MaxScore, 100*out.Fraction)
	}
	return out, nil
}

// writeFormat writes one report, to its file (folders created) or to stdout.
func writeFormat(f Format, r *report.Report, wopt report.Options, stdout io.Writer) (err error) {
	w, _ := report.Lookup(f.Name) // checked by ParseFormat
	if f.File == "" {
		return w(stdout, r, wopt)
	}
	if err := os.MkdirAll(filepath.Dir(f.File), 0o755); err != nil {
		return fmt.Errorf("%s report: %w", f.Name, err)
	}
	file, err := os.Create(f.File)
	if err != nil {
		return fmt.Errorf("%s report: %w", f.Name, err)
	}
	defer func() { err = errors.Join(err, file.Close()) }()
	if err := w(file, r, wopt); err != nil {
		return fmt.Errorf("%s report: %w", f.Name, err)
	}
	return nil
}

func appendSummary(file string, r *report.Report, plotBaseURL string) (err error) {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("step summary: %w", err)
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	return report.WriteGitHubSummary(f, r, plotBaseURL)
}
