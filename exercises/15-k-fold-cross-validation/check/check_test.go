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
		Mistakes: []string{"best-fold", "dropped-remainder", "input-mutated", "not-deterministic", "not-shuffled", "one-pass-variance", "remainder-in-last-fold", "rmse-not-mse", "rows-not-scaled", "sample-std", "scaler-fit-on-all-rows", "scaler-fit-on-test-fold", "test-rows-in-training"},
	})
}
