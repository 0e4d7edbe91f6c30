// Package costgrad holds exercise 07: the squared-error cost J(θ) of linear regression and its
// gradient ∇J(θ), the two functions every gradient-based fit is built on. See README.md for the
// task.
package costgrad

import "gonum.org/v1/gonum/mat"

// Cost returns the squared-error cost of the linear model θ on the design matrix X (m rows, n
// columns, the column of ones first) and the targets y:
//
//	J(θ) = 1/(2m) · Σᵢ (xᵢ·θ − yᵢ)² = 1/(2m) · ‖Xθ − y‖².
//
// X, y and theta are not modified.
//
// It panics if X has no rows, if len(y) is not the number of rows of X, or if len(theta) is not
// the number of columns of X.
func Cost(X *mat.Dense, y, theta []float64) float64 {
	panic("not implemented")
}

// Gradient returns ∇J(θ), the vector of the n partial derivatives of Cost with respect to θ:
//
//	∇J(θ) = 1/m · Xᵀ(Xθ − y),   that is   ∂J/∂θⱼ = 1/m · Σᵢ (xᵢ·θ − yᵢ) · xᵢⱼ.
//
// It returns a new slice of length n. X, y and theta are not modified.
//
// It panics as Cost does.
func Gradient(X *mat.Dense, y, theta []float64) []float64 {
	panic("not implemented")
}
