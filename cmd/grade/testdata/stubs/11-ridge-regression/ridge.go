// Package ridge holds exercise 11: ridge regression, least squares with an L2 penalty on the
// weights (never on the bias θ₀): its cost, its gradient, and its closed-form fit. See README.md
// for the task.
package ridge

import "gonum.org/v1/gonum/mat"

// RidgeCost returns the ridge cost of θ on the design matrix X (m rows; column 0 is the column
// of ones, so θ₀ is the bias) and targets y:
//
//	J(θ) = 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ₌₁ⁿ⁻¹ θⱼ²
//
// The penalty's sum starts at j = 1: the bias is not penalised. No input is modified.
//
// It panics if len(y) is not the number of rows of X or len(theta) not its number of columns.
func RidgeCost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	panic("not implemented")
}

// RidgeGrad returns the gradient of RidgeCost with respect to θ,
//
//	∇J(θ) = 1/m·Xᵀ(Xθ − y) + (λ/m)·(0, θ₁, …, θₙ₋₁),
//
// whose first component has no penalty term. No input is modified.
//
// It panics if len(y) is not the number of rows of X or len(theta) not its number of columns.
func RidgeGrad(X *mat.Dense, y, theta []float64, lambda float64) []float64 {
	panic("not implemented")
}

// FitRidge returns the θ that minimises RidgeCost, the solution of
//
//	(XᵀX + λ·D)θ = Xᵀy,   D = diag(0, 1, …, 1),
//
// computed without forming XᵀX: it is the least-squares solution of the stacked system
// [X; √λ·D]θ ≈ [y; 0] (whose normal equations are exactly the ones above), solved by QR
// (mat.VecDense.SolveVec). Forming XᵀX would square the condition number, which matters most
// at small λ; at λ = 0 FitRidge is ordinary least squares. No input is modified.
//
// It returns an error if θ is not determined: λ = 0 and linearly dependent columns of X, such as
// a feature that is 0 in every row, which the QR solve reports as singular (columns dependent
// only up to rounding may give a large, poorly determined θ instead), or a column 0 that is all
// zeros, whose θ₀ no penalty determines. It panics if λ < 0 or len(y) is not the number of rows
// of X.
func FitRidge(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	panic("not implemented")
}
