package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/platform/prairielearn"
)

// prairielearnOptions are the options of grade prairielearn.
type prairielearnOptions struct {
	common
	SeedSet     bool
	Root        string
	Template    string
	Work        string
	VisibleOnly bool
	TimeLimit   time.Duration
}

func prairielearnCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "prairielearn",
		Usage: "for instructors: the entry point of a PrairieLearn external grader image",
		UsageText: `grade prairielearn [--root DIR] [--template DIR] [--work DIR] [--time-limit D] [--visible-only]

PrairieLearn runs this in the grader image (docs/platforms/prairielearn.md). It reads
ROOT/data/data.json (params.exercise: the exercise to grade, else every exercise whose
package a submitted file declares; params.seed, else variant_seed, else $MLKATA_SEED, else
42), copies the Go files in ROOT/student into a fresh copy of the template (the output of
grade release) at --work, grades them with the hidden checks as grade ci does, and writes
ROOT/results/results.json. It exits 0 whenever it wrote results.json, as PrairieLearn
needs, even when the submission could not be graded: results.json and stderr say why.
--seed overrides data.json, to reproduce a grading. --timeout bounds the checks of one
exercise, --time-limit the whole grading: keep both under the question's timeout.

Examples:
   grade prairielearn --timeout 40s --time-limit 80s
   grade prairielearn --root /tmp/job --template ./learner --work /tmp/ws --seed 7`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "root", Value: "/grade", Usage: "the PrairieLearn job `DIR` (student/, data/data.json, results/)"},
			&cli.StringFlag{Name: "template", Value: "/opt/mlkata/template", Usage: "the learners' repository `DIR` (from grade release) each workspace is copied from"},
			&cli.StringFlag{Name: "work", Value: "/opt/mlkata/ws", Usage: "the workspace `DIR` to grade in, made again from the template each time (an existing folder it did not make is refused, never removed)"},
			&cli.DurationFlag{Name: "time-limit", Usage: "stop grading after `D` and say so in results.json (set it under the question's timeout; default: no limit)"},
			&cli.BoolFlag{Name: "visible-only", Usage: "grade without the hidden checks (to try a question with a grade built without -tags hidden)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return exit(fail(e, "prairielearn", usagef("grade prairielearn takes no arguments: the exercise comes from data.json's params.exercise")))
			}
			return exit(runPrairieLearn(c.Context, e, prairielearnOptions{
				common: commonOf(c), SeedSet: seedSet(c), Root: c.String("root"), Template: c.String("template"),
				Work: c.String("work"), VisibleOnly: c.Bool("visible-only"), TimeLimit: c.Duration("time-limit"),
			}))
		},
	}
}

// runPrairieLearn is grade prairielearn. A grade built without the hidden checks refuses to
// grade (the results.json it writes says so) unless --visible-only.
func runPrairieLearn(ctx context.Context, e *env, o prairielearnOptions) int {
	opt := prairielearn.Options{
		Root: o.Root, Template: o.Template, Work: o.Work, Exercises: e.course,
		NoHidden: o.VisibleOnly, RevealHidden: o.Reveal, NoTimings: o.NoTimings,
		Timeouts: grader.Timeouts{Exercise: o.Timeout}, TimeLimit: o.TimeLimit, Getenv: e.getenv, Log: e.stderr,
	}
	if o.SeedSet {
		opt.Seed = o.Seed
	}
	var out *prairielearn.Outcome
	var err error
	if !e.hiddenBuild && !o.VisibleOnly {
		out, err = prairielearn.Refuse(o.Root, "this grade was built without the hidden checks: build the image from the instructor's repository with go build -tags hidden ./cmd/grade (or pass --visible-only to grade the visible checks alone)")
	} else {
		out, err = prairielearn.Run(ctx, opt)
	}
	if err != nil {
		return fail(e, "prairielearn", err)
	}
	switch {
	case out.Problem != nil:
		fmt.Fprintf(e.stderr, "grade prairielearn: %v\n", out.Problem)
	case !out.Gradable:
		fmt.Fprintf(e.stderr, "grade prairielearn: not gradable: %s\n", out.Message)
	default:
		fmt.Fprintf(e.stderr, "grade prairielearn: %s: score %.4g (seed %d)\n", strings.Join(out.Exercises, ", "), out.Score, out.Seed)
	}
	fmt.Fprintf(e.stderr, "grade prairielearn: wrote %s/results/results.json\n", o.Root)
	return exitPassed
}
