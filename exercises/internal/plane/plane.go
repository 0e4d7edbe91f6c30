// Package plane is the data of the gradient-descent exercises' checks (08, gradient-descent, and
// 09, minibatch-sgd): noisy points of the plane y = 4 + 3x₁ − 2x₂ with correlated features,
// standardised as those exercises expect their input. It imports no learner package.
package plane

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Correlated returns m rows of y = 4 + 3x₁ − 2x₂ + 𝒩(0, 0.1²) with x₁, x₂ ~ 𝒩(1, 2²) correlated
// (ρ ≈ 0.5), drawn from rng, and the standardised design matrix [1, z₁, z₂] (each column of X
// scaled with its own mean and population σ by preprocess.StandardScaler).
func Correlated(rng *rand.Rand, m int) (Z *mat.Dense, y []float64) {
	X := mat.NewDense(m, 2, nil)
	y = make([]float64, m)
	for i := range m {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		x1, x2 := 1+2*a, 1+2*(0.5*a+0.866*b)
		X.Set(i, 0, x1)
		X.Set(i, 1, x2)
		y[i] = 4 + 3*x1 - 2*x2 + 0.1*rng.NormFloat64()
	}
	var s preprocess.StandardScaler
	return preprocess.AddBias(nil, s.FitTransform(nil, X)), y
}
