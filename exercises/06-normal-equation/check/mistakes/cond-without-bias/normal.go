// Package normaleq holds exercise 06: linear regression in closed form, by least squares on a
// design matrix with a bias column. See README.md for the task.
package normaleq

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// MaxCond is the largest condition number of the design matrix [1 X] that Fit accepts: above
// it, the columns are linearly dependent up to rounding and θ is not determined by the data.
const MaxCond = 1e12

// AddBias returns a new m×(n+1) matrix [1 X]: a column of ones, then the n columns of X. X is not
// modified.
func AddBias(X *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	A := mat.NewDense(m, n+1, nil)
	for i := range m {
		A.Set(i, 0, 1)
		A.Slice(i, i+1, 1, n+1).(*mat.Dense).Copy(X.Slice(i, i+1, 0, n))
	}
	return A
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
	m, n := X.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("normaleq.Fit: X has %d rows but y has %d values", m, len(y)))
	}
	if m < n+1 {
		return nil, fmt.Errorf("normaleq.Fit: %d examples cannot determine %d parameters (θ₀ and %d weights)", m, n+1, n)
	}
	// MISTAKE: the condition number of X, not of the design matrix [1 X] that is solved; a
	// constant feature, a multiple of the ones, does not show in X alone.
	if c := mat.Cond(X, 2); c > MaxCond {
		return nil, fmt.Errorf("normaleq.Fit: the columns of X are linearly dependent (condition number %.3g > %g): drop a redundant feature", c, MaxCond)
	}
	A := AddBias(X)
	// For a tall A, SolveVec finds the least-squares solution with a Householder QR: A = QR,
	// then Rθ = Qᵀy by back substitution. Its error grows with cond(A), the normal equations'
	// (AᵀA)θ = Aᵀy with cond(A)².
	var theta mat.VecDense
	if err := theta.SolveVec(A, mat.NewVecDense(m, y)); err != nil {
		return nil, fmt.Errorf("normaleq.Fit: %w", err)
	}
	return theta.RawVector().Data, nil
}

// Predict returns ŷ = θ₀ + X·(θ₁, …, θₙ), one prediction per row of X (without a bias column). X
// and theta are not modified.
//
// It panics if len(theta) is not the number of columns of X plus one.
func Predict(X *mat.Dense, theta []float64) []float64 {
	m, n := X.Dims()
	if len(theta) != n+1 {
		panic(fmt.Sprintf("normaleq.Predict: X has %d columns, so θ needs %d values, not %d", n, n+1, len(theta)))
	}
	yhat := make([]float64, m)
	mat.NewVecDense(m, yhat).MulVec(X, mat.NewVecDense(n, theta[1:]))
	for i := range yhat {
		yhat[i] += theta[0]
	}
	return yhat
}
