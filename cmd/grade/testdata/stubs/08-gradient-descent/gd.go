// Package gd holds exercise 08: batch gradient descent for linear regression, and a fit on raw
// features that scales them first. See README.md for the task.
package gd

import "gonum.org/v1/gonum/mat"

// GradientDescent runs iters steps of batch gradient descent on the squared-error cost
// J(θ) = 1/(2m)·‖Xθ − y‖², starting from theta0. X is the design matrix (m rows, n columns, the
// column of ones first). Every step updates all n parameters at once, from the gradient at the
// current θ:
//
//	θ ← θ − α · ∇J(θ),   ∇J(θ) = 1/m · Xᵀ(Xθ − y).
//
// It returns the final θ (a new slice) and the cost history: history[0] = J(theta0) and
// history[k] = J(θ) after step k, so len(history) = iters+1. It always runs all iters steps,
// even if the cost grows (a learning rate too large): the history then shows it. X, y and
// theta0 are not modified.
//
// It panics if X has no rows, if len(y) or len(theta0) does not match X, or if iters < 0.
func GradientDescent(X *mat.Dense, y, theta0 []float64, alpha float64, iters int) (theta, history []float64) {
	panic("not implemented")
}

// Fit fits the linear model y ≈ θ₀ + θ₁x₁ + … + θₙxₙ by gradient descent on the raw features X
// (m rows, n columns, no column of ones, no constant column), and returns θ (length n+1) in the
// units of X. Features of very different scales make gradient descent crawl, so Fit
// standardises each column first (its mean and population σ), adds the column of ones, runs
// GradientDescent from θ = 0 for exactly 5 000 steps of α = 0.1, and converts the θ it finds
// back to the raw units. On well-conditioned features that is the least-squares solution; on
// nearly collinear ones, 5 000 steps stop short of it, and Fit returns where they got.
// X and y are not modified.
//
// It panics if X has no rows or len(y) is not the number of rows of X.
func Fit(X *mat.Dense, y []float64) []float64 {
	panic("not implemented")
}
