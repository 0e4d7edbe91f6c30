package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mlkata/mlkata"
	"github.com/mlkata/mlkata/grader/batch"
	"github.com/mlkata/mlkata/grader/release"
)

// releaseOptions are the options of grade release.
type releaseOptions struct {
	common
	Out          string
	Exclude      []string
	Ref          string
	Force        bool
	WithWorkflow bool   // write the grading workflow into OUT/.github/workflows/grade.yml
	WorkflowRepo string // "owner/name": the workflow's default for MLKATA_REPO
}

func releaseCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "release",
		Usage:     "for instructors: write the learners' repository, without hidden checks or solutions",
		ArgsUsage: "OUT",
		UsageText: `grade release [--force] [--ref REV] [--exclude PATTERN]...
              [--with-workflow [--workflow-repo OWNER/NAME]] OUT

Copies the course (the workspace) to OUT for learners: stubs, READMEs, visible checks,
fixtures and grade's source, leaving out files built only with -tags hidden, reference
solutions, mistake variants, tests and what --exclude names.

--with-workflow also writes OUT/.github/workflows/grade.yml, the workflow that grades every
push with your hidden checks (docs/github-actions/grade.yml). It grades with your repository
--workflow-repo at the commit released (--ref, or HEAD of a clean work tree) unless the
variables MLKATA_REPO and MLKATA_REF say otherwise. See docs/platforms/github-classroom.md.

Examples:
   grade release --exclude 'notes/*' ../mlkata-learner
   grade release --ref v1.2 --with-workflow --workflow-repo my-school/ml-course ../ml-template`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "exclude", Usage: "also leave out `PATTERN` (path.Match, relative to the workspace)"},
			&cli.StringFlag{Name: "ref", Usage: "release git revision `REV` (a tag, a commit, HEAD) instead of the work tree"},
			&cli.BoolFlag{Name: "force", Usage: "write into a non-empty OUT, replacing all but its .git"},
			&cli.BoolFlag{Name: "with-workflow", Usage: "also write the GitHub Actions workflow that grades each push (.github/workflows/grade.yml)"},
			&cli.StringFlag{Name: "workflow-repo", Usage: "the workflow grades with your GitHub repository `OWNER/NAME` (default of MLKATA_REPO)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return exit(fail(e, "release", usagef("want one OUT folder, for example: grade release ../mlkata-learner")))
			}
			o := releaseOptions{common: commonOf(c), Out: c.Args().First(), Exclude: c.StringSlice("exclude"), Ref: c.String("ref"), Force: c.Bool("force"),
				WithWorkflow: c.Bool("with-workflow"), WorkflowRepo: c.String("workflow-repo")}
			return exit(runRelease(c.Context, e, o))
		},
	}
}

// runRelease is grade release.
func runRelease(ctx context.Context, e *env, o releaseOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "release", err)
	}
	var progress = e.stderr
	if !o.Verbose {
		progress = nil
	}
	opt := release.Options{Source: ws, Out: o.Out, Exercises: e.course, Exclude: o.Exclude, Ref: o.Ref, Force: o.Force}
	if o.WorkflowRepo != "" && !o.WithWorkflow {
		return fail(e, "release", usagef("--workflow-repo is for the workflow: add --with-workflow"))
	}
	if o.WithWorkflow {
		if o.WorkflowRepo != "" {
			if err := release.CheckRepo(o.WorkflowRepo); err != nil {
				return fail(e, "release", usagef("--workflow-repo: %v", err))
			}
		}
		opt.Workflow, opt.WorkflowRepo = []byte(mlkata.GradeWorkflow), o.WorkflowRepo
	}
	res, err := release.Write(ctx, opt, progress)
	if err != nil {
		return fail(e, "release", err)
	}
	fmt.Fprintf(e.stdout, "wrote %d files to %s (left out %d, specialised the build constraint of %d)\n", len(res.Files), o.Out, len(res.Dropped), len(res.Rewritten))
	if wf := res.Workflow; wf != nil {
		printWorkflow(e, filepath.Join(o.Out, filepath.FromSlash(wf.Path)), wf)
	}
	return exitPassed
}

// printWorkflow says what grade release wrote into the workflow at p and what the instructor
// still has to set, in one line each.
func printWorkflow(e *env, p string, wf *release.Workflow) {
	repo, ref := "the repository in the variable MLKATA_REPO", "the commit in the variable MLKATA_REF"
	if wf.Repo != "" {
		repo = wf.Repo
	}
	if wf.Ref != "" {
		ref = "commit " + wf.Ref
	}
	replaced := ""
	if wf.Replaced {
		replaced = " (it replaces the one that was there)"
	}
	fmt.Fprintf(e.stdout, "wrote the grading workflow %s%s: it grades with %s at %s\n", p, replaced, repo, ref)

	var todo []string
	if wf.Ref != "" {
		todo = append(todo, "push commit "+wf.Ref[:12]+" to your repository (the workflow checks it out)")
	}
	if wf.Repo == "" {
		todo = append(todo, "set the organisation variable MLKATA_REPO to your repository's owner/name (or release with --workflow-repo)")
	}
	if wf.Ref == "" {
		todo = append(todo, "set the organisation variable MLKATA_REF to the full commit SHA to grade with ("+wf.RefNote+")")
	}
	todo = append(todo, "if your repository is private, set the organisation secret MLKATA_DEPLOY_KEY to a read-only deploy key of it")
	fmt.Fprintf(e.stdout, "next: %s; see docs/platforms/github-classroom.md\n", strings.Join(todo, "; "))
}

// batchOptions are the options of grade batch.
type batchOptions struct {
	common
	Dir, Out string
	Jobs     int
	Shard    string
	Force    bool
	Plots    bool
}

func batchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "batch",
		Usage:     "for instructors: grade every submission in a folder, with a gradebook",
		ArgsUsage: "DIR",
		UsageText: `grade batch [--out OUT] [--jobs N] [--shard I/N] [--seed N] [--timeout D] DIR

Grades each folder in DIR (a learner's workspace) with this grade's checks (the hidden ones
too when it was built with -tags hidden; --timeout bounds one submission), writes
OUT/results/<name>.json per submission and OUT/gradebook.csv and .json. A rerun skips what
is already graded; --shard I/N grades one slice of DIR for one machine of many, and grade
gradebook merges their results. An exercise whose code a submission shares with one graded
before (an untouched stub, an unchanged exercise after a new push) takes that result from
OUT/.cache (--no-cache grades everything). Plots are not drawn unless --plots.

Examples:
   grade batch --out graded submissions
   grade batch --shard 0/4 --out graded-0 --seed 2024 submissions`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "graded", Usage: "`FOLDER` for the results and gradebook"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "submissions graded at once (default: the number of cores)"},
			&cli.StringFlag{Name: "shard", Usage: "grade only shard `I/N` (I from 0)"},
			&cli.BoolFlag{Name: "force", Usage: "grade again submissions already graded"},
			&cli.BoolFlag{Name: "plots", Usage: "draw the checks' plots into each submission's .grade/plots (slower)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return exit(fail(e, "batch", usagef("want one DIR of submissions, for example: grade batch submissions")))
			}
			return exit(runBatch(c.Context, e, batchOptions{common: commonOf(c), Dir: c.Args().First(), Out: c.String("out"),
				Jobs: c.Int("jobs"), Shard: c.String("shard"), Force: c.Bool("force"), Plots: c.Bool("plots")}))
		},
	}
}

// runBatch is grade batch.
func runBatch(ctx context.Context, e *env, o batchOptions) int {
	if o.Hidden && !e.hiddenBuild {
		fmt.Fprintln(e.stderr, "grade: --hidden: this grade was built without the hidden checks (-tags hidden): only the visible checks run")
	}
	var shard batch.Shard
	if o.Shard != "" {
		var err error
		if shard, err = batch.ParseShard(o.Shard); err != nil {
			return fail(e, "batch", usagef("--shard %s: %v", o.Shard, err))
		}
	}
	sum, err := batch.Run(ctx, batch.Options{
		Dir: o.Dir, Out: o.Out, Exercises: e.course, Jobs: o.Jobs, Shard: shard,
		Seed: o.Seed, Hidden: e.hiddenBuild, RevealHidden: o.Reveal, Force: o.Force,
		Timeout: o.Timeout, Progress: e.stderr, Now: e.now,
		Plots: o.Plots, NoShare: o.NoCache, NoTimings: o.NoTimings,
	})
	if err != nil {
		return fail(e, "batch", err)
	}
	fmt.Fprintf(e.stdout, "%d submissions (%d in this shard): %d graded, %d already graded, %d could not be graded, %d timed out, in %s\n",
		sum.Submissions, sum.InShard, sum.Graded, sum.Skipped, sum.Errors, sum.TimedOut, sum.Duration.Round(1e7))
	fmt.Fprintf(e.stdout, "gradebook: %s/gradebook.csv and gradebook.json\n", o.Out)
	return exitPassed
}

func gradebookCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "gradebook",
		Usage:     "for instructors: merge the results of batch shards into one gradebook",
		ArgsUsage: "DIR...",
		UsageText: `grade gradebook [--out FOLDER] DIR...

Reads the results of grade batch runs (their --out folders, or folders of result files) and
writes one gradebook.csv and gradebook.json: one row per submission, one column per exercise.
Without --out the CSV goes to stdout.

Example:
   grade gradebook --out graded graded-0 graded-1 graded-2 graded-3`,
		Flags: []cli.Flag{&cli.StringFlag{Name: "out", Usage: "`FOLDER` for gradebook.csv and gradebook.json"}},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return exit(fail(e, "gradebook", usagef("want the folders of the batch results, for example: grade gradebook graded-0 graded-1")))
			}
			return exit(runGradebook(e, gradebookOptions{common: commonOf(c), Dirs: c.Args().Slice(), Out: c.String("out")}))
		},
	}
}

// gradebookOptions are the options of grade gradebook.
type gradebookOptions struct {
	common
	Dirs []string // batch --out folders (or folders of result files)
	Out  string   // "" writes the CSV to stdout
}

// runGradebook is grade gradebook.
func runGradebook(e *env, o gradebookOptions) int {
	book, err := batch.Merge(batch.MergeOptions{Dirs: o.Dirs, Out: o.Out}, e.stderr)
	if err != nil {
		return fail(e, "gradebook", err)
	}
	if o.Out == "" {
		if err := book.WriteCSV(e.stdout); err != nil {
			return fail(e, "gradebook", err)
		}
		return exitPassed
	}
	fmt.Fprintf(e.stdout, "gradebook of %d submissions: %s/gradebook.csv and gradebook.json\n", len(book.Rows), o.Out)
	return exitPassed
}
