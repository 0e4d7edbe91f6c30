// Package curves holds exercise 13: learning curves and validation curves of ridge regression,
// and the diagnosis they support (high bias, high variance, or neither). See README.md for the
// task.
package curves

import "gonum.org/v1/gonum/mat"

// The three answers of Diagnose.
const (
	HighBias     = "high bias"
	HighVariance = "high variance"
	Neither      = "neither"
)

// RidgeCost returns the ridge cost of θ on the design matrix X (m rows; column 0 is the column
// of ones, so θ₀ is the bias) and targets y, as in exercise 11:
//
//	J(θ) = 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ₌₁ⁿ⁻¹ θⱼ²
//
// With λ = 0 it is the unregularised error that the curves report. No input is modified.
func RidgeCost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	panic("not implemented")
}

// FitRidge returns the θ that minimises RidgeCost, as in exercise 11: the least-squares
// solution of the stacked system [X; √λ·D]θ ≈ [y; 0], D = diag(0, 1, …, 1), by QR. It returns
// an error if θ is not determined (λ = 0 and linearly dependent columns, such as fewer rows
// than columns). No input is modified.
func FitRidge(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	panic("not implemented")
}

// LearningCurve returns, for each size s = sizes[k], the errors of θ = FitRidge(first s rows
// of Xtrain and yTrain, λ), fitted again for every size:
//
//	trainErr[k] = RidgeCost(the first s training rows, θ, 0)
//	valErr[k]   = RidgeCost(all of Xval and yVal, θ, 0)
//
// Both errors are reported without the penalty (λ = 0 in RidgeCost): λ is only used to fit θ.
// sizes is increasing, each size between 1 and the number of training rows; at λ = 0 each size
// is at least the number of columns of X, so that θ is determined (otherwise LearningCurve may
// panic with FitRidge's error). No input is modified.
func LearningCurve(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambda float64, sizes []int) (trainErr, valErr []float64) {
	panic("not implemented")
}

// ValidationCurve returns, for each penalty λ = lambdas[k] (in any order), the errors of
// θ = FitRidge(Xtrain, yTrain, λ), fitted on all training rows:
//
//	trainErr[k] = RidgeCost(Xtrain, yTrain, θ, 0)
//	valErr[k]   = RidgeCost(Xval, yVal, θ, 0)
//
// Both errors are reported without the penalty. A fit that fails (λ = 0 on linearly dependent
// columns) panics with FitRidge's error. No input is modified.
func ValidationCurve(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambdas []float64) (trainErr, valErr []float64) {
	panic("not implemented")
}

// Diagnose reads a learning curve at its last point, the largest training set: with J_train
// and J_val the last values of trainErr and valErr (which have the same length, at least 1),
// it returns
//
//	HighBias      if J_train > target,
//	HighVariance  if J_train ≤ target < J_val,
//	Neither       if J_val ≤ target as well.
//
// No input is modified.
func Diagnose(trainErr, valErr []float64, target float64) string {
	panic("not implemented")
}
