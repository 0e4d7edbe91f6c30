// Package normaleq holds exercise 06: linear regression in closed form, by least squares on a
// design matrix with a bias column. See README.md for the task.
package normaleq

import "gonum.org/v1/gonum/mat"

// MaxCond is the largest condition number of the design matrix [1 X] that Fit accepts: above
// it, the columns are linearly dependent up to rounding and θ is not determined by the data.
const MaxCond = 1e12

// AddBias returns a new m×(n+1) matrix [1 X]: a column of ones, then the n columns of X. X is not
// modified.
func AddBias(X *mat.Dense) *mat.Dense {
	panic("not implemented")
}

// Fit returns the θ of length n+1 that minimises the squared error ‖Aθ − y‖² with A = [1 X]
// (AddBias(X)): θ₀ is the intercept and θⱼ the weight of column j−1 of X. It solves the least
// squares problem by a QR factorisation of A (mat.Dense.Solve), never by inverting AᵀA, whose
// condition number is the square of A's. X and y are not modified.
//
// It returns an error if there are fewer rows than parameters (m < n+1), or if A's condition
// number exceeds MaxCond (a constant feature, or features that are linear combinations of each
// other). It panics if len(y) differs from the number of rows of X.
func Fit(X *mat.Dense, y []float64) ([]float64, error) {
	panic("not implemented")
}

// Predict returns ŷ = θ₀ + X·(θ₁, …, θₙ), one prediction per row of X (without a bias column). X
// and theta are not modified.
//
// It panics if len(theta) is not the number of columns of X plus one.
func Predict(X *mat.Dense, theta []float64) []float64 {
	panic("not implemented")
}
