package platform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/ci"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

// AutogradeOptions configures RunGradescope.
type AutogradeOptions struct {
	// Root is the autograder's folder, /autograder on Gradescope: Root/submission holds the
	// submission, Root/template the learners' template written by setup.sh, Root/work is
	// the workspace graded, and the results go to Root/results/results.json.
	Root string
	// Exercises is the course, with the hidden checks (a grade built with -tags hidden).
	Exercises []*grader.Exercise
	// Only restricts grading to these exercise slugs (see ci.Options.Only); empty grades the
	// whole course.
	Only []string
	// Seed seeds the checks' inputs; 0 reads ci.SeedEnv (see ci.Options.Seed).
	Seed uint64
	// Timeouts bound the learner's code (see grader.Timeouts).
	Timeouts grader.Timeouts
	// TimeLimit bounds the whole grading, so that the results say what happened before the
	// platform stops the autograder (Gradescope's limit is 10 minutes unless the instructor
	// raises it); 0 means no limit.
	TimeLimit time.Duration
	// RevealHidden keeps the hidden checks' details in the results (see ci.Options).
	RevealHidden bool
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

// ResultsFile is where Gradescope reads the results, relative to the autograder's folder.
const ResultsFile = "results/results.json"

// RunGradescope grades the submission in opt.Root/submission and writes
// opt.Root/results/results.json in Gradescope's format. It copies the learners' template to a
// fresh workspace, places the submission's files in it (Place), grades it like grade ci (the
// hidden checks too) and adds to the results' output which files were graded and which were
// left out. When nothing can be graded (no file of the course in the submission, a grader
// failure, the time limit) it still writes results: score 0 and an output that says what went
// wrong and what to do. The results file is written whole or not at all. The error says why
// grading failed (for the autograder's log, which only instructors see); it is nil when the
// submission was graded.
func RunGradescope(ctx context.Context, opt AutogradeOptions, progress io.Writer) error {
	if progress == nil {
		progress = io.Discard
	}
	results := filepath.Join(opt.Root, filepath.FromSlash(ResultsFile))
	if err := os.MkdirAll(filepath.Dir(results), 0o755); err != nil {
		return err
	}
	fail := func(output string, cause error) error {
		if err := writeFailure(results, output); err != nil {
			return errors.Join(cause, err)
		}
		return cause
	}
	if opt.TimeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opt.TimeLimit)
		defer cancel()
	}

	ws := filepath.Join(opt.Root, "work")
	if err := freshCopy(filepath.Join(opt.Root, "template"), ws); err != nil {
		return fail(setupBroken, fmt.Errorf("autograde: the template workspace: %w", err))
	}
	p, err := Place(filepath.Join(opt.Root, "submission"), ws, opt.Exercises)
	if err != nil {
		return fail(setupBroken, fmt.Errorf("autograde: %w", err))
	}
	fmt.Fprintf(progress, "autograde: copied %d files of the submission, ignored %d (and %d files of the course)\n", len(p.Copied), len(p.Ignored), p.Course)
	if len(p.Copied) == 0 {
		return fail(nothingToGrade(p), nil)
	}

	tmp := results + ".grading"
	defer os.Remove(tmp)
	_, err = ci.Run(ctx, ci.Options{
		Workspace: ws, Exercises: opt.Exercises, Only: opt.Only, Seed: opt.Seed,
		Timeouts: opt.Timeouts, RevealHidden: opt.RevealHidden,
		Formats: []string{"gradescope=" + tmp}, Summary: "-", Stdout: progress, Getenv: opt.Getenv,
	}, progress)
	if err != nil {
		msg := "The autograder could not finish grading your submission, so this score is not a judgement of your code. Please submit again; if the same happens, tell your instructor."
		if errors.Is(err, context.DeadlineExceeded) {
			msg = fmt.Sprintf("Grading took longer than the autograder's limit of %s, so it was stopped and nothing was scored. Look for a loop that may never end, or a very slow computation, in the exercises you changed, try them with grade on your machine, and submit again.", opt.TimeLimit)
		}
		return fail(msg+"\n\n"+placementText(p), fmt.Errorf("autograde: %w", err))
	}
	b, err := os.ReadFile(tmp)
	if err != nil {
		return fail(setupBroken, fmt.Errorf("autograde: %w", err))
	}
	var res map[string]json.RawMessage
	if err := json.Unmarshal(b, &res); err != nil {
		return fail(setupBroken, fmt.Errorf("autograde: the Gradescope report: %w", err))
	}
	var output string
	_ = json.Unmarshal(res["output"], &output)
	res["output"], _ = json.Marshal(strings.TrimRight(output, "\n") + "\n\n" + placementText(p))
	b, err = json.MarshalIndent(res, "", "  ")
	if err != nil {
		return fail(setupBroken, fmt.Errorf("autograde: %w", err))
	}
	return atomicfile.Write(results, append(b, '\n'))
}

const setupBroken = "The autograder is not working, so it could not grade your submission: this score is not a judgement of your code. Please tell your instructor, who can read the autograder's log of this submission."

// nothingToGrade is the output for a submission without a file of the course.
func nothingToGrade(p *Placement) string {
	var b strings.Builder
	if slices.ContainsFunc(p.Ignored, func(g Ignored) bool { return strings.HasSuffix(g.Path, ".go") }) {
		b.WriteString("None of the Go files of your submission could be matched to an exercise (the reasons are below), so nothing was graded.\n\n")
	} else {
		b.WriteString("Your submission has no Go file of the course's exercises, so nothing was graded.\n\n")
	}
	b.WriteString("Submit either your whole repository (with its exercises/ folder, for example from GitHub) or the files you wrote, with the names they have in the exercises' folders (for example logreg.go).")
	if len(p.Ignored) > 0 {
		b.WriteString("\n\n" + placementText(p))
	}
	return b.String()
}

// maxListed is how many ignored files the output lists.
const maxListed = 20

// placementText says which submitted files were graded and which were left out.
func placementText(p *Placement) string {
	var b strings.Builder
	if len(p.Copied) > 0 {
		fmt.Fprintf(&b, "Graded %d %s of your submission:\n", len(p.Copied), plural(len(p.Copied), "file", "files"))
		for _, c := range p.Copied {
			if c.From == c.To {
				fmt.Fprintf(&b, "  %s\n", c.To)
			} else {
				fmt.Fprintf(&b, "  %s as %s\n", c.From, c.To)
			}
		}
	}
	if len(p.Ignored) > 0 {
		fmt.Fprintf(&b, "Left out %d %s:\n", len(p.Ignored), plural(len(p.Ignored), "file", "files"))
		for i, g := range p.Ignored {
			if i == maxListed {
				fmt.Fprintf(&b, "  and %d more\n", len(p.Ignored)-maxListed)
				break
			}
			fmt.Fprintf(&b, "  %s: %s\n", g.Path, g.Reason)
		}
	}
	if p.Course > 0 {
		fmt.Fprintf(&b, "The course's own files in your repository (%d) were not used: the autograder has its own copies.\n", p.Course)
	}
	return strings.TrimRight(b.String(), "\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// failureResults is the results.json of a submission that could not be graded, in the format
// of Gradescope's autograder specification.
type failureResults struct {
	Score            float64    `json:"score"`
	Output           string     `json:"output"`
	OutputFormat     string     `json:"output_format"`
	StdoutVisibility string     `json:"stdout_visibility"`
	Tests            []struct{} `json:"tests"`
}

func writeFailure(file, output string) error {
	b, err := json.MarshalIndent(failureResults{Output: output, OutputFormat: "text", StdoutVisibility: "hidden", Tests: []struct{}{}}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(file, append(b, '\n'))
}

// freshCopy replaces dst with a copy of the folder src, without src's .grade folder.
func freshCopy(src, dst string) error {
	if _, err := os.Stat(filepath.Join(src, "go.mod")); err != nil {
		return err
	}
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() && d.Name() == ".grade" {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		}
		return nil
	})
}
