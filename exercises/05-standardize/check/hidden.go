//go:build hidden

package check

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks scale data the learner never saw, drawn from the run's seed: columns of very
// different scales and offsets (as wine's), one constant column at a random place, and a test
// set drawn from a shifted distribution, so that test statistics differ clearly from training
// ones.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Fit, transform and invert unseen data with a constant column", Points: 2, Hidden: true, Run: hiddenScaler},
		{Name: "Prepare unseen training and test rows", Points: 1, Hidden: true, Run: hiddenPrepare},
	}
}

// unseen returns training and test matrices with n columns of random scale and offset, column
// c constant in the training rows.
func unseen(rng *rand.Rand) (Xtr, Xte *mat.Dense) {
	m, k, n := 30+rng.IntN(100), 10+rng.IntN(30), 2+rng.IntN(6)
	c := rng.IntN(n)
	scale, offset := make([]float64, n), make([]float64, n)
	for j := range n {
		scale[j] = math.Pow(10, 4*rng.Float64()-1) // 0.1 to 1000
		offset[j] = 1e3 * rng.NormFloat64()
	}
	draw := func(rows int, shift float64) *mat.Dense {
		X := mat.NewDense(rows, n, nil)
		for i := range rows {
			for j := range n {
				X.Set(i, j, offset[j]+scale[j]*(rng.NormFloat64()+shift))
			}
			X.Set(i, c, offset[c])
		}
		return X
	}
	return draw(m, 0), draw(k, 0.5)
}

func hiddenScaler(t *grader.T) {
	Xtr, Xte := unseen(t.Rand())
	sc := checkFit(t, Xtr, "unseen training rows")
	got := dense(t, sc.Method("Transform", Xte), "Transform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	t.Mistake(grader.NearMatrix(got, reference(Xte).Transform(nil, Xte), tolZ), "fit-on-test", hintFitOnTest)
	t.Label("Transform of unseen test rows, with the training μ and σ")
	t.CloseMatrix(got, reference(Xtr).Transform(nil, Xte), tolZ)
	back := dense(t, sc.Method("InverseTransform", got), "InverseTransform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	t.Label("InverseTransform(Transform(unseen test rows))")
	t.CloseMatrix(back, Xte, grader.Rel(1e-9).PlusAbs(1e-9))
}

func hiddenPrepare(t *grader.T) {
	Xtr, Xte := unseen(t.Rand())
	r := t.Call("Prepare", Xtr, Xte)
	checkPrepare(t, Xtr, Xte, r.Out(0).Dense(), r.Out(1).Dense())
}
