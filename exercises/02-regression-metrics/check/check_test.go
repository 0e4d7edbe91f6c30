package check

import (
	"testing"

	"github.com/mlkata/mlkata/grader/gradertest"
)

func TestMain(m *testing.M) { gradertest.Main(m) }

// TestExercise validates the exercise, its hidden checks and hints, and grades its reference
// solution, stub and mistake variants twice with the same seed (see gradertest.Exercise).
func TestExercise(t *testing.T) {
	gradertest.Exercise(t, Exercise(), gradertest.Options{
		Hidden:   hiddenChecks(),
		Hints:    3,
		Mistakes: []string{"mae-signed-errors", "r2-arguments-swapped", "r2-clamped-at-zero", "r2-constant-by-ss-tot", "r2-is-squared-correlation", "r2-nan-on-constant-truth", "r2-ss-tot-cancellation", "rmse-is-mae", "rmse-no-sqrt", "sum-not-mean"},
	})
}
