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
		Mistakes: []string{"biases-regularised", "derivative-of-preactivation", "gradient-not-averaged", "log-of-zero", "missing-activation-derivative", "no-max-subtraction", "no-shuffle", "output-grad-transposed", "zero-init"},
	})
}
