package gradertest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
)

func TestMain(m *testing.M) { Main(m) }

// fixture is a fake exercise whose learner package is testdata/ws/exercises/mean, with three
// mistake variants in check/mistakes and two in check/two-mistakes. Its hidden check is
// compiled in with the hidden tag only, as the course's are. hint is the hint of the
// first-element mistake, called once per graded check.
type fixture struct {
	ex   *grader.Exercise
	opt  Options
	hint func() string
}

func newFixture(t *testing.T) *fixture {
	ws, err := filepath.Abs("testdata/ws")
	require.NoError(t, err)
	f := &fixture{hint: func() string { return "your mean is x[0]" }}
	var hidden []grader.Check
	if hiddenBuild {
		hidden = []grader.Check{{Name: "Mean of random data", Points: 1, Hidden: true, Run: meanRandom}}
	}
	f.ex = &grader.Exercise{
		Slug:      "mean",
		Title:     "The mean of a slice",
		Dir:       "exercises/mean",
		Functions: []grader.Func{{Name: "Mean", Signature: "func(x []float64) float64"}},
		Checks: append([]grader.Check{
			{Name: "Mean of a small example", Points: 1, Run: func(t *grader.T) { f.meanSmall(t) }},
		}, hidden...),
		Hints: []string{"A mean is a sum divided by a count.", "Divide the sum by len(x)."},
		Mistakes: []grader.Mistake{
			{ID: "first-element", Hint: "you returned the first element: add them all up"},
			{ID: "n-minus-one", Hint: "divide by len(x), not len(x)-1"},
			{ID: "sum-not-mean", Hint: "divide the sum by len(x)"},
		},
	}
	f.opt = Options{
		Hidden:    hidden,
		Hints:     2,
		Mistakes:  []string{"first-element", "n-minus-one", "sum-not-mean"},
		Workspace: ws,
	}
	return f
}

func (f *fixture) meanSmall(t *grader.T) {
	x := []float64{1, 2, 3, 4}
	got := t.Call("Mean", x).Float()
	const want = 2.5 // by hand: 10/4
	t.Mistake(grader.Near(got, 10, grader.Rel(1e-12)), "sum-not-mean", "your mean is the sum, 10")
	t.Mistake(grader.Near(got, 10.0/3, grader.Rel(1e-12)), "n-minus-one", "your mean is 10/3")
	t.Mistake(got == x[0], "first-element", f.hint())
	t.Close(got, want, grader.Rel(1e-12))
}

func meanRandom(t *grader.T) {
	x := make([]float64, 20)
	want := 0.0
	for i := range x {
		x[i] = t.Rand().NormFloat64()
		want += x[i] / float64(len(x))
	}
	t.Close(t.Call("Mean", x).Float(), want, grader.Rel(1e-9))
}

// TestExercise runs Exercise on the sound fixture: every subtest passes.
func TestExercise(t *testing.T) {
	f := newFixture(t)
	Exercise(t, f.ex, f.opt)
}

// breakage is a fault in the fixture, which Exercise must report in the named subtest with the
// given message.
type breakage struct {
	name    string
	verify  bool // the fault shows only when the variants are graded
	subtest string
	message string
	breakIt func(f *fixture)
}

func breakages() []breakage {
	return []breakage{
		{"invalid slug", false, "Validate", "slug", func(f *fixture) { f.ex.Slug = "Not A Slug" }},
		{"hidden check not marked", false, "HiddenChecks", "is not marked Hidden", func(f *fixture) {
			f.opt.Hidden = append(f.opt.Hidden, f.ex.Checks[0])
			f.ex.Checks[0].Hidden = false
		}},
		{"hidden check not in the exercise", false, "HiddenChecks", "is not one of the exercise's checks", func(f *fixture) {
			f.opt.Hidden = append(f.opt.Hidden, grader.Check{Name: "Elsewhere", Points: 1, Hidden: true, Run: meanRandom})
		}},
		{"a visible check marked Hidden", false, "HiddenChecks", `check "Mean of a small example": Hidden`, func(f *fixture) {
			f.ex.Checks[0].Hidden = true
		}},
		{"hidden checks in the wrong build", false, "HiddenChecks", "with the hidden build tag only", func(f *fixture) {
			if hiddenBuild {
				f.opt.Hidden = nil
			} else {
				f.opt.Hidden = []grader.Check{{Name: "Extra", Points: 1, Hidden: true, Run: meanRandom}}
				f.ex.Checks = append(f.ex.Checks, f.opt.Hidden...)
			}
		}},
		{"one hint", false, "Hints", "hints", func(f *fixture) { f.ex.Hints = f.ex.Hints[:1]; f.opt.Hints = 0 }},
		{"a hint fewer than promised", false, "Hints", "hints", func(f *fixture) { f.opt.Hints = 3 }},
		{"a mistake not caught", true, "Verify", `no check names the mistake "first-element"`, func(f *fixture) {
			f.ex.Checks[0].Run = func(t *grader.T) { // meanSmall without its first-element fingerprint
				got := t.Call("Mean", []float64{1, 2, 3, 4}).Float()
				t.Mistake(grader.Near(got, 10, grader.Rel(1e-12)), "sum-not-mean", "divide the sum by len(x)")
				t.Mistake(grader.Near(got, 10.0/3, grader.Rel(1e-12)), "n-minus-one", "divide by len(x), not len(x)-1")
				t.Close(got, 2.5, grader.Rel(1e-12))
			}
		}},
		{"a mistake variant not in the catalogue", false, "Mistakes", "mistake variant first-element is not in the exercise's Mistakes", func(f *fixture) {
			f.ex.Mistakes = f.ex.Mistakes[1:]
		}},
		{"a mistake the README does not list", false, "Mistakes", "does not list the mistake median-not-mean", func(f *fixture) {
			f.ex.Mistakes = append(f.ex.Mistakes, grader.Mistake{ID: "median-not-mean", Hint: "sort nothing: add up and divide"})
		}},
		{"a mistake missing from the list", true, "Verify", "mistake variants in exercises/mean/check/mistakes", func(f *fixture) {
			f.opt.Mistakes = []string{"n-minus-one", "sum-not-mean"}
		}},
		{"too few mistakes", true, "Verify", "mistake variants in exercises/mean/check/two-mistakes", func(f *fixture) {
			f.ex.MistakesDir = "check/two-mistakes"
			f.opt.Mistakes = nil
		}},
		{"a report that changes between runs", true, "SameSeedSameReport", "the same seed must give the same reports", func(f *fixture) {
			calls := 0
			f.hint = func() string { calls++; return fmt.Sprintf("hint number %d", calls) }
		}},
	}
}

// TestExerciseCatches runs Exercise on each broken fixture in a child process (a failing
// subtest cannot be undone in this one) and checks that the child fails in the right subtest
// with the right message.
func TestExerciseCatches(t *testing.T) {
	for _, b := range breakages() {
		t.Run(b.name, func(t *testing.T) {
			if b.verify && testing.Short() {
				t.Skip("builds and grades in sandboxed processes")
			}
			if b.subtest == "SameSeedSameReport" && !hiddenBuild {
				t.Skip("SameSeedSameReport runs in the hidden build only")
			}
			args := []string{"-test.run=^TestBroken$", "-test.v", "-test.count=1"}
			if !b.verify || testing.Short() {
				args = append(args, "-test.short")
			}
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), "GRADERTEST_BREAK="+b.name)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "the child must fail: err = %v\n%s", err, out)
			assert.Contains(t, string(out), "--- FAIL: TestBroken/"+b.subtest+" ", "failing subtest")
			assert.Contains(t, string(out), b.message)
		})
	}
}

// TestBroken is TestExerciseCatches' child: it runs Exercise on the fixture broken as
// $GRADERTEST_BREAK says, and is skipped when that is unset.
func TestBroken(t *testing.T) {
	name := os.Getenv("GRADERTEST_BREAK")
	if name == "" {
		t.Skip("run by TestExerciseCatches")
	}
	bs := breakages()
	i := slices.IndexFunc(bs, func(b breakage) bool { return b.name == name })
	require.GreaterOrEqual(t, i, 0, "unknown breakage %q", name)
	f := newFixture(t)
	bs[i].breakIt(f)
	Exercise(t, f.ex, f.opt)
}
