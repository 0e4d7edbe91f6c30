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
		Mistakes: []string{"bias-missing", "bias-twice", "constant-column-nan", "degree-off-by-one", "expanded-after-scaling", "fit-on-all-data", "rmse-no-sqrt", "sample-std", "scaled-with-test-statistics"},
	})
}
