package grader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mlkata/mlkata/grader/report"
)

// Verification is the outcome of Verify.
type Verification struct {
	// Runs holds every graded variant: each exercise's reference solution, its stub and each of
	// its mistake variants.
	Runs []VerifyRun
	// Problems lists what does not hold, one sentence each; empty when the course is sound.
	Problems []string
}

// VerifyRun is one variant of one exercise, graded.
type VerifyRun struct {
	Slug    string
	Variant string // "solution", "stub", or "mistake <id>"
	Result  report.Exercise
}

// OK reports whether every exercise passed verification.
func (v *Verification) OK() bool { return len(v.Problems) == 0 }

// Verify checks a course for its authors, with hidden checks included: every exercise's
// reference solution and each of its alternative correct solutions score full marks (and no
// check names a mistake on them), its untouched stub is not-started with 0 points, and each
// mistake variant fails with the mistake it models (a check reports its ID) and no other. All variants
// are built into one driver binary. Options.Sources and Options.Hidden are ignored.
func Verify(ctx context.Context, opt Options) (*Verification, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	opt.Hidden = true
	if err := Load(opt.Workspace, opt.Exercises); err != nil {
		return nil, &ConfigError{err}
	}
	v := &Verification{}
	var jobs []job
	var variants []string
	for i, e := range opt.Exercises {
		if len(opt.Only) > 0 && !slices.Contains(opt.Only, e.Slug) {
			continue
		}
		sol := filepath.Join(opt.Workspace, filepath.FromSlash(e.SolutionDir()))
		if fi, err := os.Stat(sol); err != nil || !fi.IsDir() {
			v.Problems = append(v.Problems, fmt.Sprintf("%s: no reference solution at %s", e.Slug, e.SolutionDir()))
		} else {
			jobs = append(jobs, job{ex: e, number: i + 1, key: e.Slug + "~solution", source: sol})
			variants = append(variants, "solution")
		}
		jobs = append(jobs, job{ex: e, number: i + 1, key: e.Slug + "~stub"})
		variants = append(variants, "stub")
		ids, err := e.MistakeVariants(opt.Workspace)
		if err != nil {
			return nil, &ConfigError{err}
		}
		for _, id := range ids {
			dir := filepath.Join(opt.Workspace, filepath.FromSlash(e.MistakeDir()), id)
			jobs = append(jobs, job{ex: e, number: i + 1, key: e.Slug + "~mistake~" + id, source: dir})
			variants = append(variants, "mistake "+id)
		}
		alts, err := e.Alternatives(opt.Workspace)
		if err != nil {
			return nil, &ConfigError{err}
		}
		for _, name := range alts {
			dir := filepath.Join(opt.Workspace, filepath.FromSlash(e.AlternativeDir()), name)
			jobs = append(jobs, job{ex: e, number: i + 1, key: e.Slug + "~alternative~" + name, source: dir})
			variants = append(variants, "alternative "+name)
		}
	}
	results, _, err := gradeJobs(ctx, opt, jobs)
	if err != nil {
		return nil, err
	}
	for i, r := range results {
		run := VerifyRun{Slug: jobs[i].ex.Slug, Variant: variants[i], Result: r}
		v.Runs = append(v.Runs, run)
		if p := run.problem(); p != "" {
			v.Problems = append(v.Problems, p)
		}
	}
	return v, nil
}

// problem says what is wrong with one graded variant, or "".
func (r VerifyRun) problem() string {
	e := r.Result
	prefix := fmt.Sprintf("%s (%s): ", r.Slug, r.Variant)
	switch {
	case r.Variant == "solution":
		if !e.FullMarks() {
			return prefix + fmt.Sprintf("the reference solution scores %g/%g (%s)%s", e.Score, e.MaxScore, e.Status, firstProblem(e))
		}
	case strings.HasPrefix(r.Variant, "alternative "):
		if !e.FullMarks() {
			return prefix + fmt.Sprintf("this other correct solution scores %g/%g (%s)%s", e.Score, e.MaxScore, e.Status, firstProblem(e))
		}
		if len(e.Mistakes) > 0 {
			return prefix + fmt.Sprintf("a check names the mistake %q on this other correct solution", e.Mistakes[0].ID)
		}
	case r.Variant == "stub":
		if e.Status != report.NotStarted || e.Score != 0 {
			return prefix + fmt.Sprintf("the stub is %s with %g points, want not-started with 0%s", e.Status, e.Score, firstProblem(e))
		}
	default:
		id := strings.TrimPrefix(r.Variant, "mistake ")
		if e.Status == report.Passed {
			return prefix + "the mistake variant passes every check: no check catches it"
		}
		var seen, others []string
		for _, c := range e.Checks {
			if c.Mistake == nil {
				continue
			}
			seen = append(seen, c.Mistake.ID)
			if c.Mistake.ID != id && !slices.Contains(others, c.Mistake.ID) {
				others = append(others, c.Mistake.ID)
			}
		}
		if slices.Contains(seen, id) {
			if len(others) > 0 {
				return prefix + fmt.Sprintf("checks also name %s: a variant with one mistake must be named by that mistake only (make the other fingerprints specific)",
					strings.Join(others, ", "))
			}
			return ""
		}
		msg := prefix + fmt.Sprintf("no check names the mistake %q", id)
		if len(seen) > 0 {
			msg += fmt.Sprintf(" (checks named %s)", strings.Join(others, ", "))
		}
		return msg + firstProblem(e)
	}
	return ""
}

// firstProblem returns ": " and the exercise's message or the first message of a check that did
// not pass, or "".
func firstProblem(e report.Exercise) string {
	if e.Message != "" {
		return ": " + e.Message
	}
	for _, c := range e.Checks {
		if c.Status != report.Passed && c.Message != "" {
			return fmt.Sprintf(": check %q: %s", c.Name, c.Message)
		}
	}
	return ""
}
