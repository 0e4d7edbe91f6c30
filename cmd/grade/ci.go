package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/ci"
	"github.com/mlkata/mlkata/grader/report"
)

// ciOptions are the options of grade ci.
type ciOptions struct {
	common
	SeedSet     bool   // --seed was given (else $MLKATA_SEED, else grader.DefaultSeed)
	MinScore    string // "" (full marks), points ("18") or a percentage ("75%")
	PlotBaseURL string
	Exercises   []string
}

func ciCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "ci",
		Usage:     "for instructors: grade a submission with the hidden checks, for CI",
		ArgsUsage: "[EXERCISE...]",
		UsageText: `grade ci [--seed N] [--min-score S] [--format NAME[=FILE]]... [EXERCISE...]

Grades the workspace (the learner's submission) with the visible and the hidden checks. grade
must be built by the instructor with the hidden checks: go build -tags hidden ./cmd/grade.
The seed is --seed, else $MLKATA_SEED, else 42 (the local one); it is written in every report.
--min-score decides the exit code: points ("18") or a percentage of the maximum ("75%");
without it every graded check must pass. --format NAME[=FILE] writes a report (to stdout
without FILE) and may be repeated; without it the text report goes to stdout. On GitHub
Actions ($GITHUB_ACTIONS=true) grade ci also writes annotations on stdout and the summary to
$GITHUB_STEP_SUMMARY.

Examples:
   grade ci --seed 2024 --min-score 60% --format html=report.html --format junit=junit.xml
   MLKATA_SEED=7 grade ci --format gradescope=/autograder/results/results.json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "min-score", Usage: "least score for exit code 0: `POINTS` or PERCENT% (default: every check passes)"},
			&cli.StringFlag{Name: "plot-base-url", Usage: "`URL` the github-summary links plots to (URL + the plot's path)"},
		},
		Action: func(c *cli.Context) error {
			return exit(runCI(c.Context, e, ciOptions{
				common: commonOf(c), SeedSet: seedSet(c),
				MinScore: c.String("min-score"), PlotBaseURL: c.String("plot-base-url"),
				Exercises: c.Args().Slice(),
			}))
		},
	}
}

// runCI is grade ci: package ci does the work; this adds the check that the hidden checks
// are compiled in, --min-score in points, and GitHub annotations on GitHub Actions.
func runCI(ctx context.Context, e *env, o ciOptions) int {
	if !e.hiddenBuild {
		return fail(e, "ci", usagef("this grade was built without the hidden checks: build it from the instructor's repository with `go build -tags hidden ./cmd/grade`"))
	}
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "ci", err)
	}
	// The whole course goes to package ci with the chosen slugs: an exercise keeps its number.
	var only []string
	if len(o.Exercises) > 0 {
		exs, err := resolve(e, ws, o.Exercises)
		if err != nil {
			return fail(e, "ci", err)
		}
		only = slugs(exs)
	}
	min, err := parseMinScore(o.MinScore)
	if err != nil {
		return fail(e, "ci", err)
	}
	formats := o.Formats
	if o.JSON {
		formats = append(formats, "json")
	}
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	if e.getenv("GITHUB_ACTIONS") == "true" && !slices.ContainsFunc(formats, func(f string) bool { return f == "github" || strings.HasPrefix(f, "github=") }) {
		formats = append(formats, "github")
	}
	seed := uint64(0) // ci.Run reads $MLKATA_SEED, else uses grader.DefaultSeed
	if o.SeedSet {
		seed = o.Seed
	}
	out, err := ci.Run(ctx, ci.Options{
		Workspace: ws, Exercises: e.course, Only: only, Seed: seed,
		Timeouts: grader.Timeouts{Exercise: o.Timeout}, NoTimings: o.NoTimings, RevealHidden: o.Reveal,
		MinScore: min.fraction(), Formats: formats, PlotBaseURL: o.PlotBaseURL,
		Stdout: e.stdout, Getenv: e.getenv,
	}, e.stderr)
	if err != nil {
		return fail(e, "ci", err) // a bad format or seed is a *grader.ConfigError: exit code 2
	}
	if ok, need := min.met(out.Report); !ok {
		fmt.Fprintf(e.stderr, "grade ci: score %g/%g is below %s\n", out.Report.Score, out.Report.MaxScore, need)
		return exitFailed
	}
	return exitPassed
}

// minScore is the least score grade ci accepts.
type minScore struct {
	set     bool
	value   float64
	percent bool
}

// parseMinScore parses "" (every check passes), points ("18", "7.5") or a percentage ("75%").
func parseMinScore(s string) (minScore, error) {
	if s == "" {
		return minScore{}, nil
	}
	num, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || (pct && v > 100) {
		return minScore{}, usagef("--min-score %q: want points (18) or a percentage (75%%)", s)
	}
	return minScore{set: true, value: v, percent: pct}, nil
}

// fraction is the fraction of the maximum score package ci is told m is: the percentage, 1
// for full marks, and 0 for points (checked by met once the maximum is known).
func (m minScore) fraction() float64 {
	switch {
	case !m.set:
		return 1
	case m.percent:
		return m.value / 100
	default:
		return 0
	}
}

// met reports whether r reaches m, and how m reads.
func (m minScore) met(r *report.Report) (bool, string) {
	const eps = 1e-9 // scores are sums of check points: allow for rounding only
	switch {
	case !m.set:
		return exitFor(r) == exitPassed, "full marks (every graded check passing)"
	case m.percent:
		return r.Score >= m.value/100*r.MaxScore-eps, fmt.Sprintf("--min-score %g%% (%g points)", m.value, m.value/100*r.MaxScore)
	default:
		return r.Score >= m.value-eps, fmt.Sprintf("--min-score %g", m.value)
	}
}
