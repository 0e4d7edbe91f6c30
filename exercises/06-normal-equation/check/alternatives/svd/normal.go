// Package normaleq is an alternative correct solution of exercise 06, written from the README:
// least squares by a thin SVD of A = [1 X], θ = V·Σ⁻¹·Uᵀy, with the condition number taken
// from the same singular values (σ_max/σ_min, the 2-norm one).
package normaleq

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// MaxCond is the largest condition number of the design matrix [1 X] that Fit accepts.
const MaxCond = 1e12

// AddBias returns [1 X].
func AddBias(X *mat.Dense) *mat.Dense {
	m, _ := X.Dims()
	ones := mat.NewDense(m, 1, nil)
	for i := range m {
		ones.Set(i, 0, 1)
	}
	var A mat.Dense
	A.Augment(ones, X)
	return &A
}

// Fit solves the least-squares problem with an SVD.
func Fit(X *mat.Dense, y []float64) ([]float64, error) {
	m, n := X.Dims()
	if m < n+1 {
		return nil, fmt.Errorf("%d rows cannot determine %d parameters", m, n+1)
	}
	A := AddBias(X)
	var svd mat.SVD
	if !svd.Factorize(A, mat.SVDThin) {
		return nil, errors.New("the SVD did not converge")
	}
	s := svd.Values(nil)
	if s[len(s)-1] == 0 || s[0]/s[len(s)-1] > MaxCond {
		return nil, fmt.Errorf("cond([1 X]) = %g > %g: θ is not determined", s[0]/s[len(s)-1], MaxCond)
	}
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	var uty mat.VecDense
	uty.MulVec(U.T(), mat.NewVecDense(m, y))
	for i := range s {
		uty.SetVec(i, uty.AtVec(i)/s[i])
	}
	var theta mat.VecDense
	theta.MulVec(&V, &uty)
	return theta.RawVector().Data, nil
}

// Predict returns θ₀ + X·θ[1:].
func Predict(X *mat.Dense, theta []float64) []float64 {
	m, n := X.Dims()
	out := make([]float64, m)
	for i := range m {
		out[i] = theta[0]
		for j := range n {
			out[i] += X.At(i, j) * theta[j+1]
		}
	}
	return out
}
