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
		Mistakes: []string{"in-sample-leak", "old-stage1-outputs", "oof-misaligned", "stage1-error-only", "stage1-not-refitted", "stage2-given-truth", "stale-stage2", "unshuffled-folds"},
	})
}
