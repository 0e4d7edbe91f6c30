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

// unseen returns training and test matrices with n columns of random scale and offset. Column c
// is constant in the training rows, at a value v whose mean no common way of computing it gets
// exactly (inexactMean), so that a scaler deciding constancy by testing a computed σ against 0
// fails; in the test rows it varies, so that a constant column's divisor (1) shows.
func unseen(rng *rand.Rand) (Xtr, Xte *mat.Dense) {
	m, v := 30+rng.IntN(100), 0.0
	for {
		// About 2 % of such (m, v) qualify (none where m is a power of 2).
		v = math.Round(1e4*rng.NormFloat64()) / 100
		if inexactMean(v, m) {
			break
		}
		m = 30 + rng.IntN(100)
	}
	k, n := 10+rng.IntN(30), 2+rng.IntN(6)
	c := rng.IntN(n)
	scale, offset := make([]float64, n), make([]float64, n)
	for j := range n {
		scale[j] = math.Pow(10, 4*rng.Float64()-1) // 0.1 to 1000
		offset[j] = 1e3 * rng.NormFloat64()
	}
	offset[c] = v
	draw := func(rows int, shift float64) *mat.Dense {
		X := mat.NewDense(rows, n, nil)
		for i := range rows {
			for j := range n {
				X.Set(i, j, offset[j]+scale[j]*(rng.NormFloat64()+shift))
			}
		}
		return X
	}
	Xtr, Xte = draw(m, 0), draw(k, 0.5)
	for i := range m {
		Xtr.Set(i, c, v)
	}
	return Xtr, Xte
}

func hiddenScaler(t *grader.T) {
	Xtr, Xte := unseen(t.Rand())
	sc := checkFit(t, Xtr, "unseen training rows")
	Ztr := dense(t, sc.Method("Transform", Xtr), "Transform", Xtr.RawMatrix().Rows, Xtr.RawMatrix().Cols)
	t.Label("Transform of unseen training rows with a constant column")
	flattened(t, Xtr, Ztr, 0)
	t.CloseMatrix(Ztr, reference(Xtr).Transform(nil, Xtr), tolZ)
	got := dense(t, sc.Method("Transform", Xte), "Transform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	t.Label("Transform of unseen test rows, with the training μ and σ")
	t.Mistake(grader.NearMatrix(got, reference(Xte).Transform(nil, Xte), tolZ), "fit-on-test", "every column has mean 0 on the test rows")
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
