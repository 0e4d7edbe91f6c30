//go:build hidden

package check

import (
	"github.com/mlkata/mlkata/exercises/internal/sincurve"
	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run the exercise on inputs drawn from the run's seed: random inputs in [−2, 2]
// and degrees for the features; a random size, noise and maximum degree for the experiment.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "PolyFeatures and ScaledPolyFeatures on unseen inputs", Points: 2, Hidden: true, Run: hiddenFeatures},
		{Name: "RMSEByDegree on an unseen sample of sin(2πx)", Points: 2, Hidden: true, Run: hiddenRMSE},
	}
}

func hiddenFeatures(t *grader.T) {
	rng := t.Rand()
	draw := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = 4*rng.Float64() - 2
		}
		return x
	}
	xTr, xTe := draw(5+rng.IntN(30)), draw(1+rng.IntN(10))
	degree := 2 + rng.IntN(7)
	checkPoly(t, xTr, degree, "unseen x")
	checkScaled(t, xTr, xTe, degree)
}

func hiddenRMSE(t *grader.T) {
	rng := t.Rand()
	m := 12 + rng.IntN(30)
	noise := 0.1 + 0.3*rng.Float64()
	xTr, yTr := sincurve.Sample(rng, m, false, noise)
	xVal, yVal := sincurve.Sample(rng, 50, false, noise)
	checkRMSE(t, xTr, yTr, xVal, yVal, 3+rng.IntN(6), "unseen points")
}
