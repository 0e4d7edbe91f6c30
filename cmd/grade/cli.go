package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

// The exit codes of grade.
const (
	exitPassed   = 0
	exitFailed   = 1
	exitUsage    = 2
	exitInternal = 3
)

// exitCode carries an exit code out of a cli action.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit %d", int(c)) }

// run runs grade with args (args[0] is the program name) and returns the exit code.
func run(args []string, stdout, stderr io.Writer, course []*grader.Exercise) int {
	app := newApp(stdout, stderr, course)
	err := app.Run(args)
	var code exitCode
	switch {
	case err == nil:
		return exitPassed
	case errors.As(err, &code):
		return int(code)
	default:
		// urfave/cli's own errors are all about the command line.
		fmt.Fprintln(stderr, "grade:", err)
		return exitUsage
	}
}

func newApp(stdout, stderr io.Writer, course []*grader.Exercise) *cli.App {
	workspace := &cli.StringFlag{Name: "workspace", Aliases: []string{"w"}, Usage: "the learner's Go module `DIR` (default: the module around the current folder)"}
	return &cli.App{
		Name:      "grade",
		Usage:     "grade your mlkata exercises",
		UsageText: "grade [--json] [--seed N] [--workspace DIR] [--hidden] [EXERCISE...]\ngrade verify [--workspace DIR] [EXERCISE...]",
		Writer:    stdout,
		ErrWriter: stderr,
		// Errors become exit codes in run; the library must not exit the process itself.
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "write the report as JSON"},
			&cli.Uint64Flag{Name: "seed", Value: grader.DefaultSeed, Usage: "seed of the checks' random inputs"},
			&cli.BoolFlag{Name: "hidden", Usage: "also run the hidden checks (CI)"},
			&cli.BoolFlag{Name: "no-timings", Usage: "leave durations out of the report, so that it is the same byte for byte for the same code and seed"},
			workspace,
		},
		Action: func(c *cli.Context) error {
			return gradeAction(c, course)
		},
		Commands: []*cli.Command{{
			Name:      "verify",
			Usage:     "check the course: every reference solution passes, every stub is not started, every mistake variant is caught",
			ArgsUsage: "[EXERCISE...]",
			Flags:     []cli.Flag{workspace},
			Action: func(c *cli.Context) error {
				return verifyAction(c, course)
			},
		}},
	}
}

// findWorkspace returns dir, or when it is empty the nearest folder holding go.mod from the
// current folder up.
func findWorkspace(dir string) (string, error) {
	if dir != "" {
		return filepath.Abs(dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod in %s or any folder above it: run grade inside your mlkata folder, or pass --workspace", wd)
		}
	}
}

func gradeAction(c *cli.Context, course []*grader.Exercise) error {
	stderr := c.App.ErrWriter
	ws, err := findWorkspace(c.String("workspace"))
	if err != nil {
		fmt.Fprintln(stderr, "grade:", err)
		return exitCode(exitUsage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := grader.Grade(ctx, grader.Options{
		Workspace: ws,
		Exercises: course,
		Only:      c.Args().Slice(),
		Seed:      c.Uint64("seed"),
		Hidden:    c.Bool("hidden"),
	})
	if err != nil {
		fmt.Fprintln(stderr, "grade:", err)
		var cfg *grader.ConfigError
		if errors.As(err, &cfg) {
			return exitCode(exitUsage)
		}
		return exitCode(exitInternal)
	}
	if c.Bool("no-timings") {
		r.StripTimings()
	}
	out := c.App.Writer
	if c.Bool("json") {
		err = report.WriteJSON(out, r)
	} else {
		color := false
		if f, ok := out.(*os.File); ok {
			color = report.ColorFor(f)
		}
		err = report.WriteText(out, r, report.TextOptions{Color: color, Detail: true, Timings: !c.Bool("no-timings")})
	}
	if err != nil {
		fmt.Fprintln(stderr, "grade:", err)
		return exitCode(exitInternal)
	}
	for _, e := range r.Exercises {
		if e.Status != report.Passed {
			return exitCode(exitFailed)
		}
	}
	return nil
}

func verifyAction(c *cli.Context, course []*grader.Exercise) error {
	stdout, stderr := c.App.Writer, c.App.ErrWriter
	ws, err := findWorkspace(c.String("workspace"))
	if err != nil {
		fmt.Fprintln(stderr, "grade verify:", err)
		return exitCode(exitUsage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	v, err := grader.Verify(ctx, grader.Options{Workspace: ws, Exercises: course, Only: c.Args().Slice()})
	if err != nil {
		fmt.Fprintln(stderr, "grade verify:", err)
		var cfg *grader.ConfigError
		if errors.As(err, &cfg) {
			return exitCode(exitUsage)
		}
		return exitCode(exitInternal)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, r := range v.Runs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%g/%g\n", r.Result.Status, r.Slug, r.Variant, r.Result.Score, r.Result.MaxScore)
	}
	tw.Flush()
	if !v.OK() {
		fmt.Fprintf(stdout, "\n%d problem(s):\n", len(v.Problems))
		for _, p := range v.Problems {
			fmt.Fprintln(stdout, "  -", p)
		}
		return exitCode(exitFailed)
	}
	fmt.Fprintf(stdout, "\nall %d variants behave as they should\n", len(v.Runs))
	return nil
}
