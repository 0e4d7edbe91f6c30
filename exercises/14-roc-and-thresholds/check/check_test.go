package check

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/gradertest"
	"github.com/mlkata/mlkata/mlkit/metrics"
)

func TestMain(m *testing.M) { gradertest.Main(m) }

// TestExercise validates the exercise, its hidden checks and hints, and grades its reference
// solution, stub and mistake variants twice with the same seed (see gradertest.Exercise).
func TestExercise(t *testing.T) {
	gradertest.Exercise(t, Exercise(), gradertest.Options{
		Hidden:   hiddenChecks(),
		Hints:    3,
		Mistakes: []string{"accuracy-threshold", "ascending", "f1-ties-lowest", "input-mutated", "no-start-point", "strict-recall", "strict-threshold", "ties-not-grouped", "ties-not-halved"},
	})
}

// TestFixtures checks what the visible data must show for the checks to teach and to tell the
// mistakes apart: ties in the synthetic scores, and on both imbalanced data sets a threshold of
// best accuracy that finds at most 2 positives and is not one of best F1.
func TestFixtures(t *testing.T) {
	y, s := visibleImbalanced()
	cy, cs, err := rareCancer(rand.New(rand.NewPCG(2026, 1414)), 19)
	require.NoError(t, err)
	for _, d := range []struct {
		name string
		y    []int
		s    []float64
	}{{"synthetic", y, s}, {"breast cancer", cy, cs}} {
		tb := reference(d.y, d.s)
		accs, first, acc := tb.bestAccuracy()
		best, f1 := tb.bestF1()
		t.Logf("%s: %s, AUC %.3f, best accuracy %.3f at %v (finds %d), best F1 %.3f at %v",
			d.name, describe(tb), metrics.ROCAUC(d.y, d.s), acc, accs, tb.tp[first], f1, best)
		assert.InDelta(t, 0.05, float64(tb.nPos)/float64(len(d.y)), 0.001, "5 % positive")
		assert.LessOrEqual(t, tb.tp[first], 2, "the best accuracy finds almost nothing")
		for _, a := range accs {
			assert.NotContains(t, best, a, "a threshold of best accuracy is also one of best F1")
		}
	}
	assert.Less(t, len(reference(y, s).thr), 70, "the synthetic scores tie")
	// (k/n₊)·n₊ == k for the exact target of the breast cancer check.
	assert.Equal(t, 15.0, 15.0/19*19)
}
