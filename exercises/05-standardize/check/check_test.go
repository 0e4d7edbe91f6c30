package check

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mlkata/mlkata/grader/gradertest"
)

func TestMain(m *testing.M) { gradertest.Main(m) }

// TestExercise validates the exercise, its hidden checks and hints, and grades its reference
// solution, stub and mistake variants twice with the same seed (see gradertest.Exercise).
func TestExercise(t *testing.T) {
	gradertest.Exercise(t, Exercise(), gradertest.Options{
		Hidden:   hiddenChecks(),
		Hints:    3,
		Mistakes: []string{"bias-column-scaled", "constant-by-std", "constant-column-nan", "fit-on-all-data", "fit-on-test", "input-mutated", "one-pass-variance", "sample-std"},
	})
}

// TestInexactMean pins the fixtures of the constant-column checks: five 0.11 have a mean that
// no usual summation gets exactly (so a σ tested against 0 is about 1e-17), unlike five 0.1,
// whose sum happens to round to 0.5.
func TestInexactMean(t *testing.T) {
	assert.True(t, inexactMean(0.11, 5), "0.11 × 5, the visible constant column")
	assert.False(t, inexactMean(0.1, 5), "0.1 × 5")
	assert.False(t, inexactMean(0.11, 8), "a power of 2 divides exactly")
	assert.Equal(t, []bool{false, true, false, true, false}, constantColumns(withConstants()))
}
