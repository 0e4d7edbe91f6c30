package check

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/gradertest"
)

func TestMain(m *testing.M) { gradertest.Main(m) }

// TestExercise validates the exercise, its hidden checks and hints, and grades its reference
// solution, stub and mistake variants twice with the same seed (see gradertest.Exercise).
func TestExercise(t *testing.T) {
	gradertest.Exercise(t, Exercise(), gradertest.Options{
		Hidden:   hiddenChecks(),
		Hints:    3,
		Mistakes: []string{"epoch-loss-off-by-one", "input-mutated", "last-batch-divided-by-batch", "mean-over-m", "no-reshuffle", "not-deterministic", "no-shuffle", "partial-batch-dropped", "seed-ignored"},
	})
}

// TestSimulate checks that the check's own mini-batch SGD, from which the mistakes' results are
// computed, matches mlkit's reference when it makes no mistake, and differs from it with each.
func TestSimulate(t *testing.T) {
	X, y := visible()
	theta0 := []float64{1, -2, 3}
	for _, batch := range []int{1, 16, 200, 1000} {
		want, wantLoss := reference(X, y, theta0, 0.05, 6, batch, 9)
		got, loss := simulate(X, y, theta0, 0.05, 6, batch, 9, exact)
		assert.True(t, grader.NearSlice(got, want, tolTheta), "batch %d: θ %v, want %v", batch, got, want)
		assert.True(t, grader.NearSlice(loss, wantLoss, tolLoss), "batch %d: losses", batch)
	}
	want, _ := reference(X, y, theta0, 0.05, 6, 16, 9)
	for _, v := range []variant{sameOrder, inOrder, dropLast, divideByM, divideByBatch} {
		got, _ := simulate(X, y, theta0, 0.05, 6, 16, 9, v)
		assert.False(t, grader.NearSlice(got, want, tolTheta), "variant %d gives the reference's θ", v)
	}
}
