// Package normaleq is an alternative correct solution of exercise 06, written from the README:
// an explicit Householder QR of A = [1 X] (mat.QR), then Rθ = Qᵀy by back substitution.
package normaleq

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// MaxCond is the largest condition number of the design matrix [1 X] that Fit accepts.
const MaxCond = 1e12

// AddBias returns [1 X].
func AddBias(X *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	A := mat.NewDense(m, n+1, nil)
	for i := range m {
		A.Set(i, 0, 1)
		for j := range n {
			A.Set(i, j+1, X.At(i, j))
		}
	}
	return A
}

// Fit factors A = QR and solves Rθ = Qᵀy.
func Fit(X *mat.Dense, y []float64) ([]float64, error) {
	m, n := X.Dims()
	if m <= n {
		return nil, fmt.Errorf("need at least %d rows for %d parameters, got %d", n+1, n+1, m)
	}
	A := AddBias(X)
	if c := mat.Cond(A, 2); c > MaxCond {
		return nil, fmt.Errorf("cond([1 X]) = %.3g exceeds %g", c, MaxCond)
	}
	var qr mat.QR
	qr.Factorize(A)
	theta := mat.NewVecDense(n+1, nil)
	if err := qr.SolveVecTo(theta, false, mat.NewVecDense(m, y)); err != nil {
		return nil, err
	}
	return theta.RawVector().Data, nil
}

// Predict returns A·θ with A = [1 X].
func Predict(X *mat.Dense, theta []float64) []float64 {
	m, _ := X.Dims()
	yhat := mat.NewVecDense(m, nil)
	yhat.MulVec(AddBias(X), mat.NewVecDense(len(theta), theta))
	return yhat.RawVector().Data
}
