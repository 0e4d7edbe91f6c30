//go:build hidden

package check

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks fit data the learner never saw, drawn from the run's seed: random sizes,
// coefficients, feature scales and offsets; and near-collinear features with a random gap.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Fit and Predict on unseen data with known coefficients", Points: 2, Hidden: true, Run: hiddenFit},
		{Name: "Near-collinear unseen features", Points: 2, Hidden: true, Run: hiddenCollinear},
		{Name: "Fit returns an error on unseen data with a constant feature", Points: 1, Hidden: true, Run: hiddenConstant},
	}
}

// unseen returns m rows of n features of random scales and offsets, and y from random
// coefficients plus 𝒩(0, 1) noise.
func unseen(rng *rand.Rand) (X *mat.Dense, y []float64) {
	m, n := 20+rng.IntN(200), 1+rng.IntN(6)
	X = mat.NewDense(m, n, nil)
	theta := make([]float64, n+1)
	for j := range theta {
		theta[j] = 10 * rng.NormFloat64()
	}
	scale, offset := make([]float64, n), make([]float64, n)
	for j := range n {
		scale[j] = math.Pow(10, 3*rng.Float64()-1)
		offset[j] = 10 * rng.NormFloat64()
	}
	y = make([]float64, m)
	for i := range m {
		y[i] = theta[0] + rng.NormFloat64()
		for j := range n {
			v := offset[j] + scale[j]*rng.NormFloat64()
			X.Set(i, j, v)
			y[i] += theta[j+1] * v
		}
	}
	return X, y
}

func hiddenFit(t *grader.T) {
	X, y := unseen(t.Rand())
	got := fitAndCompare(t, "unseen data", X, y, nil)
	_, want := reference(t, X, y)
	t.Label("Predict(unseen X, your θ)")
	t.CloseSlice(t.Call("Predict", X, got).Floats(), want, grader.Rel(1e-8).PlusAbs(1e-8))
}

// hiddenConstant inserts a constant feature into unseen data of the synthetic kind (features of
// scale 1, for which quiet constants are common), at a random place and of a random value that
// mat.Dense.Solve does not report as singular.
func hiddenConstant(t *grader.T) {
	rng := t.Rand()
	for {
		X, y := synthetic(rng, 30+rng.IntN(100))
		if Xc, pos, c, ok := quietConstant(rng, X, y); ok {
			checkConstant(t, Xc, y, pos, c, "unseen data")
			return
		}
	}
}

func hiddenCollinear(t *grader.T) {
	rng := t.Rand()
	delta := math.Pow(10, -7-rng.Float64()) // 1e-8 to 1e-7
	X, y := collinear(rng, 100+rng.IntN(200), delta)
	checkCollinear(t, X, y, delta, fitsWell(t), "")
}
