// Package ridge is an alternative correct solution of exercise 11, written from the README
// alone: the cost and gradient with plain loops, and the fit by centring instead of a zero in D.
// With θ₀ free, the best θ₀ for any weights w is ȳ − x̄·w, so w is the ridge solution on the
// centred features, which a thin SVD Xc = UΣVᵀ gives as w = V·diag(σₖ/(σₖ² + λ))·Uᵀyc.
package ridge

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// RidgeCost returns 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ≥₁ θⱼ².
func RidgeCost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	m, n := check(X, y, theta)
	sum := 0.0
	for i := range m {
		r := -y[i]
		for j := range n {
			r += X.At(i, j) * theta[j]
		}
		sum += r * r
	}
	for j := 1; j < n; j++ {
		sum += lambda * theta[j] * theta[j]
	}
	return sum / (2 * float64(m))
}

// RidgeGrad returns 1/m·Xᵀ(Xθ − y) + (λ/m)·(0, θ₁, …).
func RidgeGrad(X *mat.Dense, y, theta []float64, lambda float64) []float64 {
	m, n := check(X, y, theta)
	g := make([]float64, n)
	for i := range m {
		r := -y[i]
		for j := range n {
			r += X.At(i, j) * theta[j]
		}
		for j := range n {
			g[j] += r * X.At(i, j)
		}
	}
	for j := range n {
		if j > 0 {
			g[j] += lambda * theta[j]
		}
		g[j] /= float64(m)
	}
	return g
}

// FitRidge returns the θ that minimises RidgeCost: the ridge weights of the centred features
// through an SVD, and θ₀ = ȳ − x̄·w.
func FitRidge(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	m, n := X.Dims()
	if len(y) != m || lambda < 0 {
		panic("ridge.FitRidge: bad arguments")
	}
	mean := make([]float64, n)
	ybar := 0.0
	for i := range m {
		for j := 1; j < n; j++ {
			mean[j] += X.At(i, j) / float64(m)
		}
		ybar += y[i] / float64(m)
	}
	theta := make([]float64, n)
	theta[0] = ybar
	if n == 1 {
		return theta, nil
	}
	Xc := mat.NewDense(m, n-1, nil)
	yc := make([]float64, m)
	for i := range m {
		for j := 1; j < n; j++ {
			Xc.Set(i, j-1, X.At(i, j)-mean[j])
		}
		yc[i] = y[i] - ybar
	}
	var svd mat.SVD
	if !svd.Factorize(Xc, mat.SVDThin) {
		return nil, errors.New("ridge.FitRidge: the SVD did not converge")
	}
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	s := svd.Values(nil)
	if lambda == 0 && (len(s) < n-1 || s[len(s)-1] <= 1e-12*s[0]) {
		return nil, fmt.Errorf("ridge.FitRidge: λ = 0 and the features are linearly dependent (singular values %.3g … %.3g)", s[0], s[len(s)-1])
	}
	for k, sk := range s {
		if sk == 0 {
			continue
		}
		c := 0.0
		for i := range m {
			c += U.At(i, k) * yc[i]
		}
		c *= sk / (sk*sk + lambda)
		for j := 1; j < n; j++ {
			theta[j] += c * V.At(j-1, k)
		}
	}
	for j := 1; j < n; j++ {
		theta[0] -= mean[j] * theta[j]
	}
	return theta, nil
}

func check(X *mat.Dense, y, theta []float64) (m, n int) {
	m, n = X.Dims()
	if len(y) != m || len(theta) != n {
		panic("ridge: mismatched dimensions")
	}
	return m, n
}
