// Package costgrad is an alternative correct solution of exercise 07, written from the README
// alone: plain loops over the rows, no gonum vectors.
package costgrad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Cost returns J(θ) = 1/(2m) · Σᵢ (xᵢ·θ − yᵢ)².
func Cost(X *mat.Dense, y, theta []float64) float64 {
	m := validate(X, y, theta)
	s := 0.0
	for i := range m {
		r := predict(X, i, theta) - y[i]
		s += r * r
	}
	return s / 2 / float64(m)
}

// Gradient returns ∂J/∂θⱼ = 1/m · Σᵢ (xᵢ·θ − yᵢ) · xᵢⱼ, a new slice.
func Gradient(X *mat.Dense, y, theta []float64) []float64 {
	m := validate(X, y, theta)
	grad := make([]float64, len(theta))
	for i := range m {
		r := predict(X, i, theta) - y[i]
		for j := range grad {
			grad[j] += r * X.At(i, j)
		}
	}
	for j := range grad {
		grad[j] /= float64(m)
	}
	return grad
}

func predict(X *mat.Dense, i int, theta []float64) float64 {
	p := 0.0
	for j, t := range theta {
		p += X.At(i, j) * t
	}
	return p
}

func validate(X *mat.Dense, y, theta []float64) int {
	m, n := X.Dims()
	if m == 0 || len(y) != m || len(theta) != n {
		panic(fmt.Sprintf("costgrad: X is %d×%d, len(y) = %d, len(theta) = %d", m, n, len(y), len(theta)))
	}
	return m
}
