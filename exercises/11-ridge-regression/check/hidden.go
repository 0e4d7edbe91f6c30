//go:build hidden

package check

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on data the learner never saw, drawn from the run's seed: raw features with
// random scales and offsets (so that θ₀ is not mean(y)), a random λ and θ.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "RidgeCost and RidgeGrad on unseen data", Points: 1, Hidden: true, Run: hiddenCostGrad},
		{Name: "FitRidge on unseen data and λ", Points: 2, Hidden: true, Run: hiddenFit},
	}
}

// unseen returns a design matrix [1 X] with m rows of n raw features and linear targets.
func unseen(t *grader.T) (*mat.Dense, []float64) {
	rng := t.Rand()
	m, n := 20+rng.IntN(100), 1+rng.IntN(6)
	X := mat.NewDense(m, n+1, nil)
	y := make([]float64, m)
	w := make([]float64, n)
	for j := range w {
		w[j] = 3 * rng.NormFloat64()
	}
	scale, offset := make([]float64, n), make([]float64, n)
	for j := range n {
		scale[j] = math.Pow(10, rng.Float64()-0.5)
		offset[j] = 3 * rng.NormFloat64()
	}
	for i := range m {
		X.Set(i, 0, 1)
		y[i] = 2 + rng.NormFloat64()
		for j := range n {
			v := offset[j] + scale[j]*rng.NormFloat64()
			X.Set(i, j+1, v)
			y[i] += w[j] * v
		}
	}
	return X, y
}

func hiddenCostGrad(t *grader.T) {
	X, y := unseen(t)
	rng := t.Rand()
	_, n := X.Dims()
	theta := make([]float64, n)
	for j := range theta {
		theta[j] = 2 * rng.NormFloat64()
	}
	checkCostGrad(t, X, y, theta, math.Pow(10, 2*rng.Float64()-1), "unseen data")
}

func hiddenFit(t *grader.T) {
	X, y := unseen(t)
	lambda := math.Pow(10, 4*t.Rand().Float64()-2)
	checkFit(t, X, y, lambda, "unseen data")
	checkLambdaZero(t, X, y, "unseen data")
}
