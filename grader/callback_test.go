package grader

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader/report"
)

// pipelineExercise grades testdata/ws/exercises/pipeline, whose functions receive the check's
// functions (callbacks).
func pipelineExercise(checks ...Check) *Exercise {
	return &Exercise{
		Slug:  "pipeline",
		Title: "Pipeline: the learner's code calls the check's functions",
		Dir:   "exercises/pipeline",
		Functions: []Func{
			{Name: "Folds", Signature: "func(X *mat.Dense, k int, fit FitScaler) []float64"},
			{Name: "Keep", Signature: "func(f func() int) int"},
			{Name: "CallKept", Signature: "func() int"},
		},
		Hints:    []string{"Fit on the training folds only."},
		Mistakes: []Mistake{{ID: "scaler-saw-test-rows", Hint: "fit the scaler on the training folds only"}},
		Checks:   checks,
	}
}

// spyFolds passes Folds a scaler that records the rows each fit saw (column 0 holds the row's
// number) and subtracts the fitted rows' mean.
func spyFolds(t *T) {
	const m, k = 10, 3
	X := mat.NewDense(m, 2, nil)
	for i := range m {
		X.SetRow(i, []float64{float64(i), float64(i * i)})
	}
	var fits [][]int
	fit := func(A *mat.Dense) func(*mat.Dense) *mat.Dense {
		r, c := A.Dims()
		var seen []int
		mean := make([]float64, c)
		for i := range r {
			seen = append(seen, int(A.At(i, 0)))
			for j := range c {
				mean[j] += A.At(i, j) / float64(r)
			}
		}
		fits = append(fits, seen)
		return func(B *mat.Dense) *mat.Dense {
			var out mat.Dense
			out.Apply(func(_, j int, v float64) float64 { return v - mean[j] }, B)
			return &out
		}
	}
	got := t.Call("Folds", X, k, fit).Floats()
	t.Label("fits")
	t.Equal(len(fits), k)
	for f, seen := range fits {
		t.Mistake(slices.ContainsFunc(seen, func(i int) bool { return i%k == f }), "scaler-saw-test-rows",
			fmt.Sprintf("fit %d saw rows %v", f, seen))
	}
	t.Label("sums")
	t.Equal(len(got), k)
}

func TestCallbacks(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	for _, tc := range []struct {
		name    string
		source  string // a submission folder, or "" for the workspace's own file
		check   func(*T)
		status  report.Status
		message string
		mistake string
	}{
		{name: "spy sees the training rows", check: spyFolds, status: P},
		{name: "spy sees a leak", source: "testdata/pipeline/leaky", check: spyFolds, status: F, mistake: "scaler-saw-test-rows"},
		{name: "a check function's error panics in the learner's code", check: func(t *T) {
			t.Call("Folds", mat.NewDense(2, 1, []float64{1, 2}), 2, func(*mat.Dense) (func(*mat.Dense) *mat.Dense, error) {
				return nil, errors.New("this scaler refuses every matrix")
			})
		}, status: E, message: "Folds panicked: this scaler refuses every matrix"},
		{name: "a check function that panics is the check's bug", check: func(t *T) {
			t.Call("Keep", func() int { panic("oops") })
		}, status: E, message: "internal error in the check: a function it passed to Keep panicked: oops"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := testOptions(t)
			opt.Exercises = []*Exercise{pipelineExercise(Check{Name: tc.name, Points: 1, Run: tc.check})}
			if tc.source != "" {
				abs, err := filepath.Abs(tc.source)
				require.NoError(t, err)
				opt.Sources = map[string]string{"pipeline": abs}
			}
			r, err := Grade(context.Background(), opt)
			require.NoError(t, err)
			c := r.Exercises[0].Checks[0]
			assert.Equal(t, tc.status, c.Status, c.Message)
			if tc.message != "" {
				assert.Equal(t, tc.message, c.Message)
			}
			id := ""
			if c.Mistake != nil {
				id = c.Mistake.ID
			}
			assert.Equal(t, tc.mistake, id)
		})
	}
}

// TestCallbackFromEarlierCheck: a function kept by the learner's code from one check cannot
// reach the next check's functions; calling it panics with a message that says why.
func TestCallbackFromEarlierCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	opt := testOptions(t)
	opt.Exercises = []*Exercise{pipelineExercise(
		Check{Name: "keep", Points: 1, Run: func(t *T) {
			t.Label("Keep(f) with f returning 7")
			t.Equal(t.Call("Keep", func() int { return 7 }).Int(), 7)
			t.Label("CallKept() in the same check")
			t.Equal(t.Call("CallKept").Int(), 7)
		}},
		Check{Name: "call kept", Points: 1, Run: func(t *T) { t.Call("CallKept") }},
	)}
	r, err := Grade(context.Background(), opt)
	require.NoError(t, err)
	checks := r.Exercises[0].Checks
	assert.Equal(t, P, checks[0].Status, checks[0].Message)
	assert.Equal(t, E, checks[1].Status)
	assert.Contains(t, checks[1].Message, "CallKept panicked: mlkata: a function the grader gave your code in an earlier check was called in a later one")
}
