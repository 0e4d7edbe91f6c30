package grader

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

func TestMain(m *testing.M) {
	sandbox.Main()
	os.Exit(m.Run())
}

// tinyExercise is the engine's own test exercise; its learner package is
// testdata/ws/exercises/tiny and its submissions are testdata/submissions/*.
func tinyExercise() *Exercise {
	return &Exercise{
		Slug:  "tiny",
		Title: "Tiny: a mean, a scaled matrix, a fitted line",
		Dir:   "exercises/tiny",
		Functions: []Func{
			{Name: "Mean", Signature: "func(x []float64) float64"},
			{Name: "Scale", Signature: "func(X *mat.Dense, k float64) *mat.Dense"},
			{Name: "Fit", Signature: "func(x, y []float64) (*Line, error)"},
		},
		Forbid: []string{"gonum.org/v1/gonum/stat"},
		Hints:  []string{"A mean is a sum divided by a count.", "Divide by len(x)."},
		Mistakes: []Mistake{
			{ID: "sum-not-mean", Hint: "a mean divides the sum by the count: divide by len(x)"},
		},
		Checks: []Check{
			{Name: "Mean of a small example", Points: 1, Run: meanSmall},
			{Name: "Mean of random data leaves its input alone", Points: 1, Run: meanRandom},
			{Name: "Scale a matrix", Points: 1, Run: scaleMatrix},
			{Name: "Fit a line and predict", Points: 2, Run: fitPredict},
			{Name: "Mean of large values", Points: 1, Hidden: true, Run: meanLarge},
		},
	}
}

func meanSmall(t *T) {
	x := []float64{1, 2, 3, 4}
	got := t.Call("Mean", x).Float()
	want := 2.5 // by hand
	t.Mistake(Near(got, want*float64(len(x)), Rel(1e-12)), "sum-not-mean",
		"your mean is exactly n = 4 times too big")
	t.Close(got, want, Rel(1e-12))
}

func meanRandom(t *T) {
	x := make([]float64, 50)
	for i := range x {
		x[i] = t.Rand().NormFloat64()*3 + 1
	}
	got := t.NotMutated("Mean", x).Float()
	t.Close(got, floats.Sum(x)/float64(len(x)), Rel(1e-12).PlusAbs(1e-12))
}

func scaleMatrix(t *T) {
	X := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	got := t.Call("Scale", X, 2.0).Dense()
	var want mat.Dense
	want.Scale(2, X)
	t.CloseMatrix(got, &want, Rel(1e-12))
}

func fitPredict(t *T) {
	x := []float64{0, 1, 2, 3, 4}
	y := []float64{1, 3, 5, 7, 9} // y = 1 + 2x
	line := t.Call("Fit", x, y)
	var l struct{ A, B float64 }
	line.Decode(&l)
	t.Label("the slope B of the line Fit returned")
	t.Close(l.B, 2, Rel(1e-9).PlusAbs(1e-12))
	got := line.MethodNotMutated("Predict", []float64{10, -1}).Floats()
	t.CloseSlice(got, []float64{21, -1}, Rel(1e-9).PlusAbs(1e-12))
}

func meanLarge(t *T) {
	got := t.Call("Mean", []float64{1e300, 1e300}).Float()
	if math.IsInf(got, 0) {
		t.Fatalf("Mean overflowed to %v on two values of 1e300: divide before you add, or use a running mean", got)
	}
	t.Close(got, 1e300, Rel(1e-12))
}

// testOptions returns options grading a fresh copy of the test workspace.
func testOptions(tb testing.TB) Options {
	tb.Helper()
	ws := copyWorkspace(tb)
	cache, err := os.UserCacheDir()
	require.NoError(tb, err)
	return Options{
		Workspace: ws,
		Exercises: []*Exercise{tinyExercise()},
		Timeouts:  Timeouts{Call: 2 * time.Second, Exercise: 20 * time.Second, Start: 10 * time.Second},
		Limits: sandbox.Limits{
			CPU: 20 * time.Second, Memory: 512 << 20, FileSize: 16 << 20, Processes: 256, OpenFiles: 64,
		},
		// One build cache folder for all tests, so that only the first build links cold.
		CacheDir: filepath.Join(cache, "mlkata-grader-test"),
	}
}

// copyWorkspace copies testdata/ws into a temporary folder.
func copyWorkspace(tb testing.TB) string {
	tb.Helper()
	dst := filepath.Join(tb.TempDir(), "ws")
	require.NoError(tb, os.CopyFS(dst, os.DirFS("testdata/ws")))
	return dst
}

func submission(tb testing.TB, name string) string {
	tb.Helper()
	abs, err := filepath.Abs(filepath.Join("testdata", "submissions", name))
	require.NoError(tb, err)
	return abs
}
