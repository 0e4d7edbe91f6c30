// Package selection holds exercise 16: choosing ridge regression's penalty λ by k-fold
// cross-validation on the development rows, refitting with it on all of them, and only then
// looking at the test set, once. See README.md for the task.
package selection

import "gonum.org/v1/gonum/mat"

// Fit fits ridge regression to the rows of X (column 0 is the column of ones) and the targets
// y with the penalty λ, and returns θ, bias first: the θ that minimises
//
//	J(θ) = 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ₌₁ⁿ⁻¹ θⱼ²,
//
// exercise 11's FitRidge. The grader gives you one and records which rows every call saw.
type Fit func(X *mat.Dense, y []float64, lambda float64) []float64

// TestError returns the mean squared error of the linear model θ (bias first) on the test
// set, which only the grader holds. Every call is one look at the test set: the grader counts
// them.
type TestError func(theta []float64) float64

// CVError returns the k-fold cross-validation error of ridge with penalty λ on the rows of X
// and y. The m rows are cut into k contiguous folds, in order, the first m mod k of them one
// row longer: fold f holds ⌊m/k⌋+1 rows if f < m mod k, ⌊m/k⌋ otherwise. For each fold, θ is
// fit(the other rows, λ), and the fold's error is the mean squared error of θ on the fold's
// own rows, 1/|fold|·Σᵢ (xᵢ·θ − yᵢ)². CVError is the mean of the k fold errors. No input is
// modified.
//
// It panics if k < 2 or k > m, or if len(y) is not the number of rows of X.
func CVError(X *mat.Dense, y []float64, lambda float64, k int, fit Fit) float64 {
	m, _ := X.Dims()
	if k < 2 || k > m || len(y) != m {
		panic("selection: CVError needs 2 ≤ k ≤ m and one target per row")
	}
	total := 0.0
	size := m / k
	for f := range k {
		start, end := f*size, (f+1)*size
		var trainRows []int
		for i := range m {
			if i < start || i >= end {
				trainRows = append(trainRows, i)
			}
		}
		Xtr, yTr := rows(X, y, trainRows)
		theta := fit(Xtr, yTr, lambda)
		sum := 0.0
		for i := start; i < end; i++ {
			d := mat.Dot(X.RowView(i), mat.NewVecDense(len(theta), theta)) - y[i]
			sum += d * d
		}
		total += sum / float64(size)
	}
	return total / float64(k)
}

// SelectLambda returns the cross-validation error of every penalty in lambdas,
// cvErr[i] = CVError(X, y, lambdas[i], k, fit), and best, the λ with the smallest; among equal
// errors, the first of them in lambdas. No input is modified.
//
// It panics if lambdas is empty, and as CVError does.
func SelectLambda(X *mat.Dense, y []float64, lambdas []float64, k int, fit Fit) (best float64, cvErr []float64) {
	if len(lambdas) == 0 {
		panic("selection: SelectLambda needs at least one λ")
	}
	cvErr = make([]float64, len(lambdas))
	bestI := 0
	for i, lambda := range lambdas {
		cvErr[i] = CVError(X, y, lambda, k, fit)
		if cvErr[i] < cvErr[bestI] {
			bestI = i
		}
	}
	return lambdas[bestI], cvErr
}

// SelectAndTest chooses λ with SelectLambda, fits the final model on all the rows of X and y
// (every development row) with that λ, reads its test error once, and returns the chosen λ
// and that test error. No input is modified.
//
// It panics as SelectLambda does.
func SelectAndTest(X *mat.Dense, y []float64, lambdas []float64, k int, fit Fit, test TestError) (best, testErr float64) {
	best, _ = SelectLambda(X, y, lambdas, k, fit)
	theta := fit(X, y, best)
	return best, test(theta)
}

// rows returns new copies of the rows idx of X and of their targets.
func rows(X *mat.Dense, y []float64, idx []int) (*mat.Dense, []float64) {
	_, n := X.Dims()
	out := mat.NewDense(len(idx), n, nil)
	yOut := make([]float64, len(idx))
	for r, i := range idx {
		out.SetRow(r, X.RawRowView(i))
		yOut[r] = y[i]
	}
	return out, yOut
}
