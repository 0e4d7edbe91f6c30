package grader

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mlkata/mlkata/grader/internal/build"
	"github.com/mlkata/mlkata/grader/internal/mutate"
	"github.com/mlkata/mlkata/grader/report"
)

// EquivalentMutantsFile is the file, in an exercise's reference-solution folder, that lists the
// mutants of the solution that no correct check can tell from it, each with the reason. Its
// format: a mutant's ID on a line of its own, then the reason on the indented lines below it;
// lines starting with # are comments.
const EquivalentMutantsFile = "equivalent-mutants.txt"

// Mutation is the outcome of MutationTest.
type Mutation struct {
	Exercises []ExerciseMutation
}

// OK reports whether every exercise's checks kill every mutant not listed as equivalent, and
// every list is up to date.
func (m *Mutation) OK() bool {
	return !slices.ContainsFunc(m.Exercises, func(e ExerciseMutation) bool { return len(e.Problems) > 0 })
}

// ExerciseMutation is the mutation test of one exercise's checks.
type ExerciseMutation struct {
	Number  int
	Slug    string
	Mutants []MutantRun
	// Problems lists what does not hold, one sentence each: the solution does not pass, a
	// mutant survives that the list does not call equivalent, or the list names a mutant
	// that no longer exists or that the checks kill.
	Problems []string
}

// MutantRun is one mutant, graded.
type MutantRun struct {
	ID       string
	Operator string
	Position string // file:line:column in the solution
	Status   report.Status
	Score    float64
	MaxScore float64
	// KilledBy names the first check that did not pass, or the exercise's message for a
	// mutant that did not build; "" for a survivor.
	KilledBy string
	// Equivalent is the reason from the list of equivalent mutants; "" when not listed.
	Equivalent string
}

// Killed reports whether some check failed on the mutant.
func (r MutantRun) Killed() bool { return r.Status != report.Passed || r.Score != r.MaxScore }

// Counts returns how many mutants were graded, killed, listed as equivalent (and survived) and
// survived without being listed.
func (e ExerciseMutation) Counts() (total, killed, equivalent, survived int) {
	for _, r := range e.Mutants {
		total++
		switch {
		case r.Killed():
			killed++
		case r.Equivalent != "":
			equivalent++
		default:
			survived++
		}
	}
	return
}

// Score is the mutation score: the share of the non-equivalent mutants that the checks kill,
// from 0 to 1 (1 when there are none).
func (e ExerciseMutation) Score() float64 {
	total, killed, equivalent, _ := e.Counts()
	if total == equivalent {
		return 1
	}
	return float64(killed) / float64(total-equivalent)
}

// MutationTest measures the checks of the exercises in opt (all, or Options.Only): it makes
// the mutants of each reference solution (see package grader/internal/mutate for the
// operators), grades each with the hidden checks, and compares the survivors with the list of
// equivalent mutants in the solution's folder (EquivalentMutantsFile). The reference solution
// is graded alongside and must pass. Plots are not drawn; Options.Sources and Options.Hidden
// are ignored. Zero Timeouts default to 3 s per call and 30 s per exercise, since a mutant
// often loops.
func MutationTest(ctx context.Context, opt Options) (*Mutation, error) {
	if opt.Timeouts.Call == 0 {
		opt.Timeouts.Call = 3 * time.Second
	}
	if opt.Timeouts.Exercise == 0 {
		opt.Timeouts.Exercise = 30 * time.Second
	}
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	opt.Hidden, opt.NoPlots = true, true
	if err := Load(opt.Workspace, opt.Exercises); err != nil {
		return nil, &ConfigError{err}
	}
	var selected []*Exercise
	var dirs []string
	for _, e := range opt.Exercises {
		if len(opt.Only) == 0 || slices.Contains(opt.Only, e.Slug) {
			selected = append(selected, e)
			dirs = append(dirs, "./"+e.SolutionDir())
		}
	}
	goCmd, err := build.GoCommand()
	if err != nil {
		return nil, err
	}
	exports, err := mutate.Exports(opt.Workspace, goCmd, []string{"CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly"}, dirs...)
	if err != nil {
		return nil, &ConfigError{err}
	}
	root := filepath.Join(opt.CacheDir, "mutants")
	if err := os.RemoveAll(root); err != nil {
		return nil, err
	}
	out := &Mutation{}
	var jobs []job
	var mutants [][]mutate.Mutant       // per selected exercise
	var equivalents []map[string]string // per selected exercise: mutant ID → why
	var listed []bool                   // per job: a mutant listed as equivalent
	for _, e := range selected {
		number := slices.Index(opt.Exercises, e) + 1
		fset := token.NewFileSet()
		ms, err := mutate.Generate(fset, filepath.Join(opt.Workspace, filepath.FromSlash(e.SolutionDir())), mutate.Importer(fset, exports))
		if err != nil {
			return nil, &ConfigError{fmt.Errorf("exercise %s: %w", e.Slug, err)}
		}
		equivalent, err := readEquivalents(filepath.Join(opt.Workspace, filepath.FromSlash(e.SolutionDir()), EquivalentMutantsFile))
		if err != nil {
			return nil, &ConfigError{fmt.Errorf("exercise %s: %w", e.Slug, err)}
		}
		mutants, equivalents = append(mutants, ms), append(equivalents, equivalent)
		out.Exercises = append(out.Exercises, ExerciseMutation{Number: number, Slug: e.Slug})
		jobs = append(jobs, job{ex: e, number: number, key: fmt.Sprintf("%s~solution", e.Slug),
			source: filepath.Join(opt.Workspace, filepath.FromSlash(e.SolutionDir()))})
		listed = append(listed, false)
		for i, m := range ms {
			dir := filepath.Join(root, e.Slug, strconv.Itoa(i))
			if err := writeFiles(dir, m.Files); err != nil {
				return nil, err
			}
			jobs = append(jobs, job{ex: e, number: number, key: fmt.Sprintf("%s~mutant~%d", e.Slug, i), source: dir})
			listed = append(listed, equivalent[m.ID] != "")
		}
	}
	results, _, err := gradeJobs(ctx, opt, jobs)
	if err != nil {
		return nil, err
	}
	if err := regradeListed(ctx, opt, jobs, listed, results); err != nil {
		return nil, err
	}
	next := 0
	for k, e := range selected {
		em := &out.Exercises[k]
		sol := results[next]
		next++
		if !sol.FullMarks() {
			em.Problems = append(em.Problems, fmt.Sprintf("%s: the reference solution scores %g/%g (%s)%s: mutants are not graded against a failing solution",
				e.Slug, sol.Score, sol.MaxScore, sol.Status, firstProblem(sol)))
		}
		equivalent := equivalents[k]
		seen := map[string]bool{}
		for _, m := range mutants[k] {
			r := results[next]
			next++
			run := MutantRun{ID: m.ID, Operator: string(m.Operator), Position: e.SolutionDir() + "/" + m.Position(),
				Status: r.Status, Score: r.Score, MaxScore: r.MaxScore, Equivalent: equivalent[m.ID]}
			seen[m.ID] = true
			if run.Killed() {
				run.KilledBy = killer(r)
				if run.Equivalent != "" {
					em.Problems = append(em.Problems, fmt.Sprintf("%s: %s is listed as equivalent, but %s kills it: take it off the list",
						e.Slug, m.ID, run.KilledBy))
				}
			} else if run.Equivalent == "" {
				em.Problems = append(em.Problems, fmt.Sprintf("%s: mutant survives with full marks: %s (%s, %s)", e.Slug, m.ID, m.Operator, run.Position))
			}
			em.Mutants = append(em.Mutants, run)
		}
		var stale []string
		for id := range equivalent {
			if !seen[id] {
				stale = append(stale, id)
			}
		}
		slices.Sort(stale)
		for _, id := range stale {
			em.Problems = append(em.Problems, fmt.Sprintf("%s: %s lists %q, which is no longer a mutant of the solution: take it off the list",
				e.Slug, EquivalentMutantsFile, id))
		}
	}
	return out, nil
}

// regradeListed grades once more, one at a time and with twice the time, the mutants listed as
// equivalent that lost points, and keeps the second result when it has full marks: on a loaded
// machine a slow but equivalent mutant can run out of time, and that is not a kill.
func regradeListed(ctx context.Context, opt Options, jobs []job, listed []bool, results []report.Exercise) error {
	var again []job
	var at []int
	for i, j := range jobs {
		if listed[i] && !results[i].FullMarks() {
			again, at = append(again, j), append(at, i)
		}
	}
	if len(again) == 0 {
		return nil
	}
	opt.Parallel = 1
	opt.Timeouts.Call *= 2
	opt.Timeouts.Exercise *= 2
	second, _, err := gradeJobs(ctx, opt, again)
	if err != nil {
		return err
	}
	for k, r := range second {
		if r.FullMarks() {
			results[at[k]] = r
		}
	}
	return nil
}

// killer names what killed a mutant: the first check that did not pass, or the exercise's
// own message.
func killer(e report.Exercise) string {
	for _, c := range e.Checks {
		if c.Status != report.Passed {
			return fmt.Sprintf("check %q (%s)", c.Name, c.Status)
		}
	}
	if e.Message != "" {
		return e.Status.String() + ": " + firstLine(e.Message)
	}
	return e.Status.String()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// writeFiles writes a mutant's package into dir.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// readEquivalents reads a list of equivalent mutants (see EquivalentMutantsFile): ID → reason.
// A missing file is an empty list.
func readEquivalents(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	return parseEquivalents(b, filepath.Base(path))
}

func parseEquivalents(b []byte, name string) (map[string]string, error) {
	out := map[string]string{}
	var id string
	var reason []string
	flush := func(line int) error {
		if id == "" {
			return nil
		}
		if len(reason) == 0 {
			return fmt.Errorf("%s:%d: mutant %q has no reason: say on the indented lines below it why no check can tell it from the solution", name, line, id)
		}
		if _, dup := out[id]; dup {
			return fmt.Errorf("%s:%d: mutant %q is listed twice", name, line, id)
		}
		out[id] = strings.Join(reason, " ")
		id, reason = "", nil
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] == ' ' || line[0] == '\t':
			if id == "" {
				return nil, fmt.Errorf("%s:%d: an indented reason with no mutant ID above it", name, n)
			}
			reason = append(reason, trimmed)
		default:
			if err := flush(n); err != nil {
				return nil, err
			}
			id = trimmed
		}
	}
	if err := flush(n); err != nil {
		return nil, err
	}
	return out, sc.Err()
}
