// Package ridge is an alternative correct solution of exercise 11, written from the README
// alone: the cost from mat.Norm, the gradient from the residuals, and the fit on centred
// features (so θ₀ = ȳ − x̄·w needs no zero in D), as the least-squares solution of the stacked
// system [Xc; √λ·I]·w ≈ [yc; 0] through an explicit QR factorisation.
package ridge

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// RidgeCost returns 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ≥₁ θⱼ².
func RidgeCost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	m, _ := X.Dims()
	r := residual(X, y, theta)
	w := mat.NewVecDense(len(theta)-1, theta[1:])
	data, pen := mat.Norm(r, 2), mat.Norm(w, 2)
	return (data*data + lambda*pen*pen) / (2 * float64(m))
}

// RidgeGrad returns 1/m·Xᵀ(Xθ − y) + (λ/m)·(0, θ₁, …).
func RidgeGrad(X *mat.Dense, y, theta []float64, lambda float64) []float64 {
	m, n := X.Dims()
	var g mat.VecDense
	g.MulVec(X.T(), residual(X, y, theta))
	out := make([]float64, n)
	for j := range n {
		out[j] = g.AtVec(j)
		if j > 0 {
			out[j] += lambda * theta[j]
		}
		out[j] /= float64(m)
	}
	return out
}

// FitRidge returns the θ that minimises RidgeCost.
func FitRidge(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	m, n := X.Dims()
	if len(y) != m || !(lambda >= 0) {
		panic("ridge.FitRidge: bad arguments")
	}
	ybar := 0.0
	for _, v := range y {
		ybar += v
	}
	ybar /= float64(m)
	theta := make([]float64, n)
	theta[0] = ybar
	if n == 1 {
		return theta, nil
	}
	p := n - 1
	A := mat.NewDense(m+p, p, nil)
	b := mat.NewVecDense(m+p, nil)
	for j := range p {
		mean := 0.0
		for i := range m {
			mean += X.At(i, j+1)
		}
		mean /= float64(m)
		for i := range m {
			A.Set(i, j, X.At(i, j+1)-mean)
		}
		A.Set(m+j, j, math.Sqrt(lambda))
	}
	for i := range m {
		b.SetVec(i, y[i]-ybar)
	}
	var qr mat.QR
	qr.Factorize(A)
	var w mat.VecDense
	if err := qr.SolveVecTo(&w, false, b); err != nil {
		return nil, fmt.Errorf("ridge.FitRidge: λ = %v: %w", lambda, err)
	}
	for j := range p {
		mean := 0.0
		for i := range m {
			mean += X.At(i, j+1)
		}
		mean /= float64(m)
		theta[j+1] = w.AtVec(j)
		theta[0] -= mean * theta[j+1]
	}
	return theta, nil
}

// residual returns Xθ − y.
func residual(X *mat.Dense, y, theta []float64) *mat.VecDense {
	m, n := X.Dims()
	if len(y) != m || len(theta) != n {
		panic("ridge: mismatched dimensions")
	}
	var r mat.VecDense
	r.MulVec(X, mat.NewVecDense(n, theta))
	r.SubVec(&r, mat.NewVecDense(m, y))
	return &r
}
