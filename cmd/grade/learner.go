package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

// exerciseOptions are the options of the commands about one exercise.
type exerciseOptions struct {
	common
	Exercise []string // as typed; none means the exercise of the current folder
}

func listCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "show your progress: done, in progress, not started, best score, hints used",
		UsageText: `grade list

Progress is remembered in .grade/state.json in your workspace: every grading run, hint and
solution updates it. grade list itself grades nothing, so it is instant.

Example:
   grade list`,
		Action: func(c *cli.Context) error { return exit(runList(e, commonOf(c))) },
	}
}

// runList is grade list.
func runList(e *env, o common) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "list", err)
	}
	st := loadState(ws, e.stderr)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\texercise\tprogress\tbest\thints")
	var next *grader.Exercise
	done := 0
	for i, ex := range e.course {
		p := st.Exercises[ex.Slug]
		progress, best, hints := "not started", "-", "-"
		if p != nil {
			switch {
			case p.Status == report.Passed:
				progress = "done"
				done++
			case p.Passed:
				progress = "in progress (passed before)"
			case p.Status == report.NotStarted && p.Best == 0:
				progress = "not started"
			default:
				progress = "in progress"
			}
			if p.BestMax > 0 && progress != "not started" {
				best = fmt.Sprintf("%g/%g", p.Best, p.BestMax)
			}
			if p.Hints > 0 {
				hints = fmt.Sprintf("%d/%d", p.Hints, len(ex.Hints))
			}
			if p.GaveUp {
				hints += ", gave up"
			}
		}
		if next == nil && (p == nil || p.Status != report.Passed) {
			next = ex
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", i+1, ex.Slug, progress, best, hints)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "\n%d of %d done", done, len(e.course))
	if next != nil {
		fmt.Fprintf(e.stdout, "; next: %s %d (%s)", e.self, number(e, next), next.Dir)
	}
	fmt.Fprintln(e.stdout)
	if len(st.Exercises) == 0 {
		fmt.Fprintln(e.stdout, "nothing graded yet: run grade")
	}
	return exitPassed
}

func hintCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "hint",
		Usage:     "show the next hint for an exercise, one level at a time",
		ArgsUsage: "[EXERCISE]",
		UsageText: `grade hint [EXERCISE]

Each call shows one more hint, from a nudge to nearly the answer; the levels you used are
remembered (grade list shows them). Without EXERCISE: the exercise of the current folder.

Examples:
   grade hint 3
   grade hint standardize`,
		Action: func(c *cli.Context) error {
			return exit(runHint(e, exerciseOptions{common: commonOf(c), Exercise: c.Args().Slice()}))
		},
	}
}

// runHint is grade hint.
func runHint(e *env, o exerciseOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "hint", err)
	}
	ex, err := resolveOne(e, ws, o.Exercise, "hint")
	if err != nil {
		return fail(e, "hint", err)
	}
	n := number(e, ex)
	if len(ex.Hints) == 0 {
		fmt.Fprintf(e.stdout, "exercise %d (%s) has no hints: its README.md explains the task\n", n, ex.Slug)
		return exitPassed
	}
	st := loadState(ws, e.stderr)
	p := st.of(ex.Slug)
	p.Hints = min(max(p.Hints, 0), len(ex.Hints)) // an edited state file, or a course with fewer hints now
	last := p.Hints == len(ex.Hints)
	if !last {
		p.Hints++
	}
	fmt.Fprintf(e.stdout, "hint %d of %d for exercise %d (%s):\n\n%s\n", p.Hints, len(ex.Hints), n, ex.Slug, ex.Hints[p.Hints-1])
	switch {
	case last:
		fmt.Fprintf(e.stdout, "\nthat was the last hint; `%s solution %d --give-up` shows the reference solution\n", e.self, n)
	case p.Hints < len(ex.Hints):
		fmt.Fprintf(e.stdout, "\nstill stuck? `%s hint %d` shows the next one\n", e.self, n)
	}
	if err := st.save(ws); err != nil {
		return fail(e, "hint", err)
	}
	return exitPassed
}

// solutionOptions are the options of grade solution.
type solutionOptions struct {
	exerciseOptions
	GiveUp bool
}

func solutionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "solution",
		Usage:     "show the reference solution of an exercise you passed (or gave up on)",
		ArgsUsage: "[EXERCISE]",
		UsageText: `grade solution [--give-up] [EXERCISE]

Compare your code with the reference once your exercise passes. Before that, --give-up shows
it anyway, and grade list remembers that you gave up.

Examples:
   grade solution 3
   grade solution 3 --give-up`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "give-up", Usage: "show it although the exercise has not passed (recorded)"}},
		Action: func(c *cli.Context) error {
			return exit(runSolution(e, solutionOptions{
				exerciseOptions: exerciseOptions{common: commonOf(c), Exercise: c.Args().Slice()},
				GiveUp:          c.Bool("give-up"),
			}))
		},
	}
}

// runSolution is grade solution.
func runSolution(e *env, o solutionOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "solution", err)
	}
	ex, err := resolveOne(e, ws, o.Exercise, "solution")
	if err != nil {
		return fail(e, "solution", err)
	}
	n := number(e, ex)
	st := loadState(ws, e.stderr)
	p := st.of(ex.Slug)
	if !p.Passed && !o.GiveUp {
		fmt.Fprintf(e.stderr, "grade solution: exercise %d (%s) has not passed yet: `%[3]s %[1]d` shows what is left, `%[3]s hint %[1]d` helps;\n"+
			"to see the reference solution anyway, run `%[3]s solution %[1]d --give-up` (grade list will remember it)\n", n, ex.Slug, e.self)
		return exitFailed
	}
	dir := filepath.Join(ws, filepath.FromSlash(ex.SolutionDir()))
	files, err := goFiles(os.DirFS(dir))
	if err != nil || len(files) == 0 {
		return fail(e, "solution", usagef("no reference solution in %s: a learner's copy of the course leaves them out; ask your instructor", ex.SolutionDir()))
	}
	if o.GiveUp && !p.Passed {
		p.GaveUp = true
		if err := st.save(ws); err != nil {
			return fail(e, "solution", err)
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return fail(e, "solution", err)
		}
		fmt.Fprintf(e.stdout, "// %s\n\n%s\n", path.Join(ex.SolutionDir(), f), bytes.TrimRight(b, "\n"))
	}
	return exitPassed
}

// goFiles returns the names of the Go files (not tests) at the top of fsys, sorted.
func goFiles(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range entries {
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".go") && !strings.HasSuffix(d.Name(), "_test.go") {
			out = append(out, d.Name())
		}
	}
	slices.Sort(out)
	return out, nil
}

func resetCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "reset",
		Usage:     "restore an exercise's stub, keeping a backup of your code",
		ArgsUsage: "[EXERCISE]",
		UsageText: `grade reset [EXERCISE]

Puts back the exercise's Go files as you received them (from the copy built into grade, not
from your folder) and moves your versions to .grade/backup/<exercise>/<time>/, saying where.
Go files you added to the exercise's folder are moved there too.

Example:
   grade reset 3`,
		Action: func(c *cli.Context) error {
			return exit(runReset(e, exerciseOptions{common: commonOf(c), Exercise: c.Args().Slice()}))
		},
	}
}

// runReset is grade reset.
func runReset(e *env, o exerciseOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "reset", err)
	}
	ex, err := resolveOne(e, ws, o.Exercise, "reset")
	if err != nil {
		return fail(e, "reset", err)
	}
	stubDir := strings.TrimPrefix(ex.Dir, "exercises/")
	stubFS, err := fs.Sub(e.stubs, stubDir)
	if err != nil {
		return fail(e, "reset", err)
	}
	stubs, err := goFiles(stubFS)
	if err != nil || len(stubs) == 0 {
		return fail(e, "reset", fmt.Errorf("this grade has no stub for %s", ex.Dir))
	}
	dir := filepath.Join(ws, filepath.FromSlash(ex.Dir))
	mine, err := goFiles(os.DirFS(dir))
	if err != nil {
		return fail(e, "reset", err)
	}
	backup := filepath.Join(ws, ".grade", "backup", ex.Slug, e.now().Format("20060102-150405.000"))
	var moved []string
	for _, f := range mine {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return fail(e, "reset", err)
		}
		if stub, err := fs.ReadFile(stubFS, f); err == nil && bytes.Equal(stub, b) {
			continue // unchanged: nothing to keep
		}
		if err := os.MkdirAll(backup, 0o755); err != nil {
			return fail(e, "reset", err)
		}
		if err := os.WriteFile(filepath.Join(backup, f), b, 0o644); err != nil {
			return fail(e, "reset", err)
		}
		if !slices.Contains(stubs, f) {
			if err := os.Remove(filepath.Join(dir, f)); err != nil {
				return fail(e, "reset", err)
			}
		}
		moved = append(moved, f)
	}
	for _, f := range stubs {
		b, err := fs.ReadFile(stubFS, f)
		if err != nil {
			return fail(e, "reset", err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			return fail(e, "reset", err)
		}
	}
	if len(moved) == 0 {
		fmt.Fprintf(e.stdout, "%s was already as you received it: nothing to back up\n", ex.Dir)
		return exitPassed
	}
	rel, _ := filepath.Rel(ws, backup)
	fmt.Fprintf(e.stdout, "restored %s to its stub; your version of %s is in %s\n", ex.Dir, strings.Join(moved, ", "), filepath.ToSlash(rel))
	return exitPassed
}

func plotCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "plot",
		Usage:     "draw an exercise's plots and say where they are",
		ArgsUsage: "[EXERCISE]",
		UsageText: `grade plot [EXERCISE]

Grades the exercise and prints only the plots it wrote (PNG and SVG under .grade/<exercise>/),
your result beside the reference's. The exit code is grade's.

Example:
   grade plot 8`,
		Action: func(c *cli.Context) error {
			return exit(runPlot(c.Context, e, exerciseOptions{common: commonOf(c), Exercise: c.Args().Slice()}))
		},
	}
}

// runPlot is grade plot.
func runPlot(ctx context.Context, e *env, o exerciseOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "plot", err)
	}
	ex, err := resolveOne(e, ws, o.Exercise, "plot")
	if err != nil {
		return fail(e, "plot", err)
	}
	r, err := gradeRun(ctx, e, ws, o.common, []*grader.Exercise{ex}, false)
	if err != nil {
		return fail(e, "plot", err)
	}
	record(e, ws, r)
	x := r.Exercises[0]
	if len(x.Plots) == 0 {
		fmt.Fprintf(e.stdout, "no plots for exercise %d (%s): its status is %s; `%s %d` says why\n", x.Number, x.Slug, x.Status, e.self, x.Number)
		return exitFor(r)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, p := range x.Plots {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", p.Title, p.PNG, p.SVG)
	}
	tw.Flush()
	return exitFor(r)
}

func verifyCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "for authors: every reference solution passes, every stub is not started, every mistake variant is caught",
		ArgsUsage: "[EXERCISE...]",
		UsageText: `grade verify [EXERCISE...]
grade verify --mutate [--jobs N] [EXERCISE...]

Grades each exercise's reference solution, its stub and each of its mistake variants, and
checks that they pass, are not started and are recognised as their mistake.

With --mutate, measures the checks instead: grades every mutant of each reference solution
(a copy with one small change: an operator, a bound, a constant, a deleted statement, swapped
arguments, map order, an input changed in place) with the hidden checks, and lists the mutants
that keep full marks. A survivor is a bug the checks let through, unless the solution's
equivalent-mutants.txt says why no check can tell it from the solution. Build grade with
-tags hidden, or the hidden checks are not there to kill mutants.

Examples:
   grade verify
   grade verify 3
   go run -tags hidden ./cmd/grade verify --mutate 6`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "mutate", Usage: "grade the mutants of each reference solution and list the survivors"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "with --mutate: how many mutants to grade at once", Value: runtime.NumCPU(), DefaultText: "the number of cores"},
		},
		Action: func(c *cli.Context) error {
			o := gradeOptions{common: commonOf(c), Exercises: c.Args().Slice()}
			if c.Bool("mutate") {
				return exit(runMutate(c.Context, e, o, c.Int("jobs")))
			}
			return exit(runVerify(c.Context, e, o))
		},
	}
}

// runMutate is grade verify --mutate.
func runMutate(ctx context.Context, e *env, o gradeOptions, jobs int) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "verify", err)
	}
	exs, err := resolve(e, ws, o.Exercises)
	if err != nil {
		return fail(e, "verify", err)
	}
	if jobs < 1 {
		return fail(e, "verify", usagef("--jobs must be at least 1, not %d", jobs))
	}
	if !hiddenBuild {
		fmt.Fprintln(e.stderr, "grade verify: warning: this grade was built without -tags hidden, so the hidden checks do not run and more mutants survive")
	}
	m, err := grader.MutationTest(ctx, grader.Options{Workspace: ws, Exercises: e.course, Only: slugs(exs), Seed: o.Seed,
		Timeouts: grader.Timeouts{Exercise: o.Timeout}, Parallel: jobs})
	if err != nil {
		return fail(e, "verify", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "#\texercise\tmutants\tkilled\tequivalent\tsurvived\tscore\t")
	var all [4]int
	for _, x := range m.Exercises {
		total, killed, equivalent, survived := x.Counts()
		for i, n := range []int{total, killed, equivalent, survived} {
			all[i] += n
		}
		fmt.Fprintf(tw, "%02d\t%s\t%d\t%d\t%d\t%d\t%.1f%%\t\n", x.Number, x.Slug, total, killed, equivalent, survived, 100*x.Score())
	}
	if len(m.Exercises) > 1 {
		score := 1.0
		if all[0] > all[2] {
			score = float64(all[1]) / float64(all[0]-all[2])
		}
		fmt.Fprintf(tw, "\tall\t%d\t%d\t%d\t%d\t%.1f%%\t\n", all[0], all[1], all[2], all[3], 100*score)
	}
	tw.Flush()
	if o.Verbose {
		for _, x := range m.Exercises {
			fmt.Fprintf(e.stdout, "\n%02d %s\n", x.Number, x.Slug)
			for _, r := range x.Mutants {
				verdict := "killed by " + r.KilledBy
				switch {
				case !r.Killed() && r.Equivalent != "":
					verdict = "equivalent: " + r.Equivalent
				case !r.Killed():
					verdict = "SURVIVED"
				}
				fmt.Fprintf(e.stdout, "  %s  %s\n      %s\n", r.Position, r.ID, verdict)
			}
		}
	}
	if !m.OK() {
		var problems []string
		for _, x := range m.Exercises {
			problems = append(problems, x.Problems...)
		}
		fmt.Fprintf(e.stdout, "\n%d problem(s):\n", len(problems))
		for _, p := range problems {
			fmt.Fprintln(e.stdout, "  -", p)
		}
		fmt.Fprintf(e.stdout, "\nkill each survivor with a check, or list it with its reason in the solution's %s\n", grader.EquivalentMutantsFile)
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "\nevery mutant is killed or listed as equivalent\n")
	return exitPassed
}

// runVerify is grade verify.
func runVerify(ctx context.Context, e *env, o gradeOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "verify", err)
	}
	exs, err := resolve(e, ws, o.Exercises)
	if err != nil {
		return fail(e, "verify", err)
	}
	v, err := grader.Verify(ctx, grader.Options{Workspace: ws, Exercises: e.course, Only: slugs(exs), Seed: o.Seed, Timeouts: grader.Timeouts{Exercise: o.Timeout}})
	if err != nil {
		return fail(e, "verify", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, r := range v.Runs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%g/%g\n", r.Result.Status, r.Slug, r.Variant, r.Result.Score, r.Result.MaxScore)
	}
	tw.Flush()
	if !v.OK() {
		fmt.Fprintf(e.stdout, "\n%d problem(s):\n", len(v.Problems))
		for _, p := range v.Problems {
			fmt.Fprintln(e.stdout, "  -", p)
		}
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "\nall %d variants behave as they should\n", len(v.Runs))
	return exitPassed
}
