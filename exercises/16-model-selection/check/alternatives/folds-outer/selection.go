// Package selection is an alternative solution of exercise 16, written from the README: the
// fold boundaries are computed once, SelectLambda loops over the folds outside and the
// penalties inside (every fold's rows are gathered once), the training rows of a fold are
// gathered with the rows after the fold first, and the errors use mat.VecDense arithmetic.
package selection

import "gonum.org/v1/gonum/mat"

// Fit fits ridge regression and returns θ (bias first).
type Fit func(X *mat.Dense, y []float64, lambda float64) []float64

// TestError returns the test MSE of the linear model θ.
type TestError func(theta []float64) float64

// bounds returns the k+1 fold boundaries: fold f is rows b[f] … b[f+1]−1.
func bounds(m, k int) []int {
	b := make([]int, k+1)
	for f := range k {
		size := m / k
		if f < m%k {
			size++
		}
		b[f+1] = b[f] + size
	}
	return b
}

// fold holds one fold's training rows and validation rows.
type fold struct {
	Xtr, Xval *mat.Dense
	yTr, yVal *mat.VecDense
}

func makeFolds(X *mat.Dense, y []float64, k int) []fold {
	m, n := X.Dims()
	b := bounds(m, k)
	out := make([]fold, k)
	for f := range k {
		lo, hi := b[f], b[f+1]
		var idx []int
		for i := hi; i < m; i++ {
			idx = append(idx, i)
		}
		for i := 0; i < lo; i++ {
			idx = append(idx, i)
		}
		Xtr := mat.NewDense(len(idx), n, nil)
		yTr := mat.NewVecDense(len(idx), nil)
		for r, i := range idx {
			Xtr.SetRow(r, X.RawRowView(i))
			yTr.SetVec(r, y[i])
		}
		Xval := mat.DenseCopyOf(X.Slice(lo, hi, 0, n))
		yVal := mat.NewVecDense(hi-lo, append([]float64(nil), y[lo:hi]...))
		out[f] = fold{Xtr, Xval, yTr, yVal}
	}
	return out
}

// mse returns 1/len(y)·‖Xθ − y‖².
func mse(X *mat.Dense, y *mat.VecDense, theta []float64) float64 {
	var r mat.VecDense
	r.MulVec(X, mat.NewVecDense(len(theta), theta))
	r.SubVec(&r, y)
	return mat.Dot(&r, &r) / float64(y.Len())
}

func trainTargets(f fold) []float64 {
	return append([]float64(nil), f.yTr.RawVector().Data...)
}

// CVError returns the k-fold cross-validation error of ridge with penalty λ.
func CVError(X *mat.Dense, y []float64, lambda float64, k int, fit Fit) float64 {
	total := 0.0
	for _, f := range makeFolds(X, y, k) {
		total += mse(f.Xval, f.yVal, fit(f.Xtr, trainTargets(f), lambda))
	}
	return total / float64(k)
}

// SelectLambda returns the CV error of every λ and the first λ with the smallest.
func SelectLambda(X *mat.Dense, y []float64, lambdas []float64, k int, fit Fit) (best float64, cvErr []float64) {
	cvErr = make([]float64, len(lambdas))
	for _, f := range makeFolds(X, y, k) {
		for i, lambda := range lambdas {
			cvErr[i] += mse(f.Xval, f.yVal, fit(f.Xtr, trainTargets(f), lambda))
		}
	}
	best = lambdas[0]
	bestErr := cvErr[0] / float64(k)
	for i := range cvErr {
		cvErr[i] /= float64(k)
		if cvErr[i] < bestErr {
			best, bestErr = lambdas[i], cvErr[i]
		}
	}
	return best, cvErr
}

// SelectAndTest chooses λ by cross-validation, refits on all rows and reads the test set once.
func SelectAndTest(X *mat.Dense, y []float64, lambdas []float64, k int, fit Fit, test TestError) (best, testErr float64) {
	best, _ = SelectLambda(X, y, lambdas, k, fit)
	return best, test(fit(mat.DenseCopyOf(X), append([]float64(nil), y...), best))
}
