// Package gradertest holds the tests every exercise's check package runs, so that an author
// adding an exercise writes a few lines instead of a copy of another exercise's tests:
//
//	package check
//
//	import (
//		"testing"
//
//		"github.com/mlkata/mlkata/grader/gradertest"
//	)
//
//	func TestMain(m *testing.M) { gradertest.Main(m) }
//
//	func TestExercise(t *testing.T) {
//		gradertest.Exercise(t, Exercise(), gradertest.Options{
//			Hidden:   hiddenChecks(),
//			Hints:    3,
//			Mistakes: []string{"sum-not-mean", "input-mutated", "wrong-denominator"},
//		})
//	}
//
// Exercise runs, as subtests, the definition's checks (Validate, HiddenChecks, Hints), which
// are fast, and grader.Verify's end-to-end checks (Verify, SameSeedSameReport), which build and
// grade in sandboxed processes and are skipped under go test -short. Exercise-specific tests
// (a check's own simulation against mlkit, say) stay next to it in the exercise's check_test.go.
//
// Every exercise has hidden checks that are compiled in only with the hidden build tag, and
// the package knows which build it is part of: go test -tags hidden ./exercises/... expects
// Options.Hidden to be non-empty, plain go test expects it to be empty.
//
// MeanCourse is a one-exercise course for the tests of what grades a whole course (grade ci,
// the platforms' autograders), so that each does not define its own.
package gradertest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

// MinMistakes is the fewest mistake variants an exercise may have.
const MinMistakes = 3

// MinHints is the fewest hints an exercise may have.
const MinHints = 2

// Main is the whole TestMain of a package whose tests grade: it calls grader.Main (the
// sandbox's trampoline never returns from it), then runs the tests and exits with their
// status.
func Main(m *testing.M) {
	grader.Main()
	os.Exit(m.Run())
}

// Options says what Exercise expects of one exercise beyond the rules every exercise follows.
type Options struct {
	// Hidden are the exercise's hidden checks, as the check package builds them (usually
	// hiddenChecks()): each must be marked Hidden and be one of the exercise's checks, and no
	// other check may be marked Hidden. It must be non-empty exactly when the test is built
	// with -tags hidden.
	Hidden []grader.Check
	// Hints is the exact number of hints the exercise has; 0 only requires MinHints.
	Hints int
	// Mistakes are the IDs of the exercise's mistake variants, in any order; nil only requires
	// MinMistakes of them. Verify must grade exactly the solution, the stub and these.
	Mistakes []string
	// Workspace is the module holding the exercise; "" means the nearest folder above the
	// working directory that holds a go.mod.
	Workspace string
}

// Exercise tests one exercise's definition and its variants, each as a subtest:
//
//   - Validate: ex.Validate() returns no error.
//   - HiddenChecks: the checks in opt.Hidden, and only those, are marked Hidden and are
//     checks of ex; opt.Hidden is non-empty exactly in a build with -tags hidden.
//   - Hints: ex has at least MinHints hints, exactly opt.Hints if that is set.
//   - Mistakes: ex has a mistake catalogue (Exercise.Mistakes) that holds every mistake
//     variant's ID, and the exercise's README names every ID of the catalogue and of the
//     variants, in backquotes.
//   - Verify: grader.Verify finds no problem (the reference solution and every alternative
//     correct solution score full marks without a named mistake, the stub is not started, each
//     mistake variant is caught as its mistake, hidden checks included);
//     there are at least MinMistakes mistake variants, exactly opt.Mistakes if that is set, and
//     every one was graded. Each variant's status, score and caught mistakes are logged (go test
//     -v).
//   - SameSeedSameReport: a second Verify, with the same seed and the same frozen clock, gives
//     the same reports, durations aside. It runs in the hidden build only, which grades the
//     visible checks as well.
//
// Verify and SameSeedSameReport are skipped under -short. It panics if ex is nil.
func Exercise(t *testing.T, ex *grader.Exercise, opt Options) {
	t.Helper()
	if ex == nil {
		panic("gradertest.Exercise: nil exercise")
	}
	t.Run("Validate", func(t *testing.T) {
		require.NoError(t, ex.Validate())
	})
	t.Run("HiddenChecks", func(t *testing.T) { hiddenChecks(t, ex, opt.Hidden) })
	t.Run("Hints", func(t *testing.T) {
		assert.GreaterOrEqual(t, len(ex.Hints), MinHints, "hints")
		if opt.Hints > 0 {
			assert.Len(t, ex.Hints, opt.Hints, "hints")
		}
	})

	ws := opt.Workspace
	t.Run("Mistakes", func(t *testing.T) {
		if ws == "" {
			var err error
			ws, err = moduleRoot()
			require.NoError(t, err)
		}
		mistakeCatalogue(t, ex, ws)
	})
	verify := func(t *testing.T) *grader.Verification {
		t.Helper()
		if testing.Short() {
			t.Skip("builds and grades in sandboxed processes")
		}
		if ws == "" {
			var err error
			ws, err = moduleRoot()
			require.NoError(t, err)
		}
		v, err := grader.Verify(context.Background(), grader.Options{
			Workspace: ws,
			Exercises: []*grader.Exercise{ex},
			Now:       func() time.Time { return time.Unix(0, 0) },
		})
		require.NoError(t, err)
		return v
	}
	var first *grader.Verification
	t.Run("Verify", func(t *testing.T) {
		v := verify(t)
		logRuns(t, v.Runs)
		assert.Empty(t, v.Problems)
		mistakes, err := ex.MistakeVariants(ws)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, len(mistakes), MinMistakes, "mistake variants in %s", ex.MistakeDir())
		if opt.Mistakes != nil {
			assert.ElementsMatch(t, opt.Mistakes, mistakes, "mistake variants in %s", ex.MistakeDir())
		}
		want := []string{"solution", "stub"}
		for _, id := range mistakes {
			want = append(want, "mistake "+id)
		}
		alts, err := ex.Alternatives(ws)
		require.NoError(t, err)
		for _, name := range alts {
			want = append(want, "alternative "+name)
		}
		var got []string
		for _, r := range v.Runs {
			got = append(got, r.Variant)
		}
		assert.ElementsMatch(t, want, got, "graded variants: the solution, the stub and each mistake")
		first = v
	})
	t.Run("SameSeedSameReport", func(t *testing.T) {
		if testing.Short() {
			t.Skip("builds and grades in sandboxed processes")
		}
		if !hiddenBuild {
			// The hidden build runs every visible check too, and CI tests both builds: grading
			// every variant a second time here would repeat that comparison on fewer checks.
			t.Skip("runs in the hidden build (go test -tags hidden), which grades the visible checks as well")
		}
		if first == nil {
			t.Fatal("Verify failed: there is no first run to compare with")
		}
		again := verify(t)
		assert.Equal(t, withoutTimes(first.Runs), withoutTimes(again.Runs), "the same seed must give the same reports")
	})
}

// mistakeCatalogue asserts that ex's catalogue covers its mistake variants and that its README
// lists them all.
func mistakeCatalogue(t *testing.T, ex *grader.Exercise, ws string) {
	variants, err := ex.MistakeVariants(ws)
	require.NoError(t, err)
	ids := map[string]bool{}
	for _, m := range ex.Mistakes {
		ids[m.ID] = true
	}
	readme, err := os.ReadFile(filepath.Join(ws, filepath.FromSlash(ex.Dir), "README.md"))
	require.NoError(t, err)
	for _, v := range variants {
		assert.True(t, ids[v] || v == "input-mutated" || v == "not-deterministic",
			"mistake variant %s is not in the exercise's Mistakes", v)
		ids[v] = true
	}
	for id := range ids {
		assert.Contains(t, string(readme), "`"+id+"`", "%s/README.md does not list the mistake %s", ex.Dir, id)
	}
}

// hiddenChecks asserts that hidden, and only hidden, are ex's hidden checks, and that the
// build has hidden checks exactly when it has the hidden tag.
func hiddenChecks(t *testing.T, ex *grader.Exercise, hidden []grader.Check) {
	assert.Equal(t, hiddenBuild, len(hidden) > 0,
		"hidden checks are compiled in with the hidden build tag only (hidden tag: %t, hidden checks: %d)", hiddenBuild, len(hidden))
	isHidden := map[string]bool{}
	for _, c := range hidden {
		assert.True(t, c.Hidden, "hidden check %q is not marked Hidden", c.Name)
		isHidden[c.Name] = true
	}
	seen := map[string]bool{}
	for _, c := range ex.Checks {
		seen[c.Name] = true
		assert.Equal(t, isHidden[c.Name], c.Hidden, "check %q: Hidden", c.Name)
	}
	for _, c := range hidden {
		assert.True(t, seen[c.Name], "hidden check %q is not one of the exercise's checks", c.Name)
	}
}

// logRuns logs each variant's status and score, the mistakes its checks caught and the
// checks that did not pass for another reason.
func logRuns(t *testing.T, runs []grader.VerifyRun) {
	for _, r := range runs {
		t.Logf("%s: %s, %g/%g", r.Variant, r.Result.Status, r.Result.Score, r.Result.MaxScore)
		for _, c := range r.Result.Checks {
			if c.Mistake != nil {
				t.Logf("  %s: %s [%s] %s", c.Name, c.Status, c.Mistake.ID, c.Mistake.Hint)
			} else if c.Status != report.Passed {
				t.Logf("  %s: %s %s", c.Name, c.Status, c.Message)
			}
		}
	}
}

// withoutTimes returns a copy of runs with every duration set to 0.
func withoutTimes(runs []grader.VerifyRun) []grader.VerifyRun {
	out := make([]grader.VerifyRun, len(runs))
	for i, r := range runs {
		r.Result.Checks = slices.Clone(r.Result.Checks)
		r.Result.StripTimings()
		out[i] = r
	}
	return out
}

// moduleRoot returns the nearest folder, from the working directory up, that holds a go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod in the working directory or above it")
		}
		dir = parent
	}
}
