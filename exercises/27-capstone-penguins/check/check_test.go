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
		Hidden: hiddenChecks(),
		Hints:  3,
		Mistakes: []string{"card-on-training-rows", "fit-on-all-rows", "fit-on-held-out-rows", "fold-mean-not-pooled", "folds-not-shuffled", "imputed-with-zero", "last-of-tied", "lowest-cv-accuracy",
			"missing-as-category", "no-refit-on-all-rows", "preprocessing-outside-folds", "sample-std", "scaled-before-imputing", "seed-ignored"},
	})
}
