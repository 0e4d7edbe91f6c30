// Package selection is an alternative solution of exercise 16, written from the README: each
// fold's training rows are the blocks of X before and after the fold, joined with
// mat.Dense.Stack; the error sums squared residuals with a plain loop; the argmin is
// slices.Index of slices.Min, which finds the first of equal minima.
package selection

import (
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Fit fits ridge regression and returns θ (bias first).
type Fit func(X *mat.Dense, y []float64, lambda float64) []float64

// TestError returns the test MSE of the linear model θ.
type TestError func(theta []float64) float64

// CVError returns the k-fold cross-validation error of ridge with penalty λ.
func CVError(X *mat.Dense, y []float64, lambda float64, k int, fit Fit) float64 {
	m, n := X.Dims()
	var errs []float64
	lo := 0
	for f := range k {
		hi := lo + m/k
		if f < m%k {
			hi++
		}
		var Xtr mat.Dense
		switch {
		case lo == 0:
			Xtr.CloneFrom(X.Slice(hi, m, 0, n))
		case hi == m:
			Xtr.CloneFrom(X.Slice(0, lo, 0, n))
		default:
			Xtr.Stack(X.Slice(0, lo, 0, n), X.Slice(hi, m, 0, n))
		}
		yTr := slices.Concat(y[:lo], y[hi:])
		theta := fit(&Xtr, yTr, lambda)
		sse := 0.0
		for i := lo; i < hi; i++ {
			pred := 0.0
			for j, t := range theta {
				pred += X.At(i, j) * t
			}
			sse += (pred - y[i]) * (pred - y[i])
		}
		errs = append(errs, sse/float64(hi-lo))
		lo = hi
	}
	sum := 0.0
	for _, e := range errs {
		sum += e
	}
	return sum / float64(len(errs))
}

// SelectLambda returns the CV error of every λ and the first λ with the smallest.
func SelectLambda(X *mat.Dense, y []float64, lambdas []float64, k int, fit Fit) (best float64, cvErr []float64) {
	for _, l := range lambdas {
		cvErr = append(cvErr, CVError(X, y, l, k, fit))
	}
	return lambdas[slices.Index(cvErr, slices.Min(cvErr))], cvErr
}

// SelectAndTest chooses λ by cross-validation, refits on all rows and reads the test set once.
func SelectAndTest(X *mat.Dense, y []float64, lambdas []float64, k int, fit Fit, test TestError) (best, testErr float64) {
	best, _ = SelectLambda(X, y, lambdas, k, fit)
	theta := fit(X, y, best)
	testErr = test(theta)
	return best, testErr
}
