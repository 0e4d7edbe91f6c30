//go:build hidden

package check

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on data the learner never saw, drawn from the run's seed: dam-like data of
// another size, noise and degree, other sizes and penalties, and made-up curves.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "LearningCurve on unseen data, sizes and λ", Points: 2, Hidden: true, Run: hiddenLearning},
		{Name: "ValidationCurve on unseen data and penalties", Points: 1, Hidden: true, Run: hiddenValidation},
		{Name: "Diagnose unseen learning curves", Points: 1, Hidden: true, Run: hiddenDiagnose},
	}
}

// unseen returns dam-like data: 10 to 30 training and 15 to 40 validation points with noise
// 1 to 4, their features of a random degree 1 to 8, and the straight-line features of the same
// points.
func unseen(rng *rand.Rand) (d, line split, degree int) {
	mTr, mVal := 10+rng.IntN(21), 15+rng.IntN(26)
	noise := 1 + 3*rng.Float64()
	degree = 1 + rng.IntN(8)
	xTr, yTr := dam(rng, mTr, noise)
	xVal, yVal := dam(rng, mVal, noise)
	Xtr, Xval := design(xTr, xVal, degree)
	d = split{Xtr, yTr, Xval, yVal, fmt.Sprintf("unseen data with degree-%d features", degree)}
	Xtr, Xval = design(xTr, xVal, 1)
	line = split{Xtr, yTr, Xval, yVal, "unseen data with a straight line"}
	return d, line, degree
}

// increasing returns a random increasing list of at least 3 sizes from lo…hi, ending at hi.
func increasing(rng *rand.Rand, lo, hi int) []int {
	var s []int
	for i := lo; i < hi; i++ {
		if rng.IntN(2) == 0 || hi-i <= 3-len(s) {
			s = append(s, i)
		}
	}
	return append(s, hi)
}

func hiddenLearning(t *grader.T) {
	rng := t.Rand()
	d, line, _ := unseen(rng)
	m, _ := d.Xtr.Dims()
	lambda := math.Pow(10, 3*rng.Float64()-2) // 0.01 … 10
	callLearning(t, d, lambda, increasing(rng, 1, m), tolErr).check(t)
	callLearning(t, line, 0, increasing(rng, 2, m), tolErr).check(t)
}

func hiddenValidation(t *grader.T) {
	rng := t.Rand()
	d, line, degree := unseen(rng)
	lambdas := make([]float64, 6)
	for k := range lambdas {
		lambdas[k] = math.Pow(10, 5*rng.Float64()-3) // 0.001 … 100, in no order
	}
	if degree <= 3 {
		lambdas = append(lambdas, 0)
	}
	callValidation(t, d, lambdas, tolErr).check(t)
	callValidation(t, line, []float64{10, 0, 1}, tolErr).check(t)
}

// hiddenDiagnose makes up six learning curves, two of each diagnosis, whose first points are
// those of a fit on a few rows (a training error of 0, a validation error far above the
// target).
func hiddenDiagnose(t *grader.T) {
	rng := t.Rand()
	var cases []diagnosis
	for i := range 6 {
		n := 2 + rng.IntN(11)
		target := math.Pow(10, 4*rng.Float64()-1)
		train, val := make([]float64, n), make([]float64, n)
		val[0] = target * (2 + 8*rng.Float64())
		for k := 1; k < n-1; k++ {
			train[k] = target * 2 * rng.Float64()
			val[k] = train[k] + target*3*rng.Float64()
		}
		switch i % 3 {
		case 0: // high bias: both errors above the target
			train[n-1] = target * (1.05 + 2*rng.Float64())
			val[n-1] = train[n-1] * (1 + 0.5*rng.Float64())
		case 1: // high variance
			train[n-1] = target * 0.95 * rng.Float64()
			val[n-1] = target * (1.05 + 5*rng.Float64())
		case 2: // neither
			train[n-1] = target * 0.9 * rng.Float64()
			val[n-1] = train[n-1] + (0.95*target-train[n-1])*rng.Float64()
		}
		cases = append(cases, diagnosis{fmt.Sprintf("unseen curve %d", i+1), train, val, target})
	}
	checkDiagnoses(t, cases)
}
