package check

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/gradertest"
	"github.com/mlkata/mlkata/mlkit/density"
)

func TestMain(m *testing.M) { gradertest.Main(m) }

// TestExercise validates the exercise, its hidden checks and hints, and grades its reference
// solution, stub and mistake variants twice with the same seed (see gradertest.Exercise).
func TestExercise(t *testing.T) {
	gradertest.Exercise(t, Exercise(), gradertest.Options{
		Hidden: hiddenChecks(),
		Hints:  3,
		Mistakes: []string{"density-not-log", "density-underflow", "f1-ties-largest", "fit-on-anomalies", "flag-above-threshold",
			"input-mutated", "sample-variance", "std-not-variance", "strict-threshold", "threshold-on-test"},
	})
}

// TestFixtures checks what the visible data must show for the checks to teach and to tell the
// mistakes apart.
func TestFixtures(t *testing.T) {
	d := cancer()
	for _, s := range []struct {
		y      []int
		m, pos int
	}{{d.ytrain, 210, 10}, {d.yval, 88, 10}, {d.ytest, 89, 10}} {
		assert.Len(t, s.y, s.m)
		assert.Equal(t, s.pos, count(s.y))
	}
	g := d.model()
	val := g.LogDensity(nil, d.Xval)
	eps, f1 := density.SelectThreshold(d.yval, val)
	t.Logf("validation: ε = %v, F1 = %v", eps, f1)
	assert.Greater(t, f1, 0.7, "the detector finds most malignant tumours")
	// Fitted on all training rows, the threshold differs (fit-on-anomalies shows).
	all, _ := density.SelectThreshold(d.yval, density.Fit(d.Xtrain).LogDensity(nil, d.Xval))
	assert.NotEqual(t, eps, all)
	// Chosen on the test set, too (threshold-on-test shows).
	onTest, _ := density.SelectThreshold(d.ytest, g.LogDensity(nil, d.Xtest))
	assert.NotEqual(t, eps, onTest)
	// The wide rows underflow as a product, every one of them.
	X, wg := wide(visibleWideSeed, 250)
	for i, v := range wg.LogDensity(nil, X) {
		assert.Less(t, v, logMin-50, "row %d", i)
	}
	// The F1 ties of the small example are exact in float64.
	assert.Equal(t, 2.0/3, 4.0/6)
}

// TestSyntheticHasAnomalies: every synthetic problem has anomalies in every set and a
// threshold the three mistakes of the threshold can be told from, for many seeds.
func TestSyntheticHasAnomalies(t *testing.T) {
	for seed := range uint64(50) {
		d, _ := synthetic(rand.New(rand.NewPCG(seed, 1)))
		require.Positive(t, count(d.ytrain))
		require.Positive(t, count(d.yval))
		require.Positive(t, count(d.ytest))
	}
}
