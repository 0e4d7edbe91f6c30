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
		Mistakes: []string{"duplicates-by-index", "duplicates-ignore-split", "fit-on-all-only", "flagged-target-lags", "index-as-time",
			"input-mutated", "kept-duplicates", "kept-future-features", "kept-random-split", "leaks-not-fixed", "scaler-on-all",
			"signed-correlation", "split-by-row-order", "target-at-own-time", "threshold-too-low", "window-start-only"},
	})
}
