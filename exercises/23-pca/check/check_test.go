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
		Mistakes: []string{"components-off-by-one", "cumulative-at-least", "input-mutated", "mean-not-added-back", "mixed-divisors", "not-centred", "population-variance", "ratio-of-kept", "sign-convention", "test-own-mean", "transform-not-centred", "used-u", "v-rows"},
	})
}
