// Package gd is an alternative correct solution of exercise 08, written from the README alone:
// plain loops over slices with separate cost and gradient functions (exercise 07's), and Fit
// through mlkit's StandardScaler.
package gd

import (
	"fmt"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// GradientDescent runs iters steps of θ ← θ − α·∇J(θ) from theta0 and returns θ and the costs.
func GradientDescent(X *mat.Dense, y, theta0 []float64, alpha float64, iters int) (theta, history []float64) {
	m, n := X.Dims()
	if m == 0 || len(y) != m || len(theta0) != n || iters < 0 {
		panic(fmt.Sprintf("gd: X is %d×%d, len(y) = %d, len(theta0) = %d, iters = %d", m, n, len(y), len(theta0), iters))
	}
	theta = slices.Clone(theta0)
	history = []float64{cost(X, y, theta)}
	for k := 0; k < iters; k++ {
		g := gradient(X, y, theta)
		for j := range theta {
			theta[j] -= alpha * g[j]
		}
		history = append(history, cost(X, y, theta))
	}
	return theta, history
}

func cost(X *mat.Dense, y, theta []float64) float64 {
	m, _ := X.Dims()
	s := 0.0
	for i := 0; i < m; i++ {
		r := mat.Dot(X.RowView(i), mat.NewVecDense(len(theta), theta)) - y[i]
		s += r * r
	}
	return s / float64(2*m)
}

func gradient(X *mat.Dense, y, theta []float64) []float64 {
	m, n := X.Dims()
	g := make([]float64, n)
	for i := 0; i < m; i++ {
		r := -y[i]
		for j := 0; j < n; j++ {
			r += X.At(i, j) * theta[j]
		}
		for j := 0; j < n; j++ {
			g[j] += r * X.At(i, j) / float64(m)
		}
	}
	return g
}

// Fit standardises X with a StandardScaler, runs 5 000 steps of α = 0.1 from θ = 0 and converts
// θ back to raw units.
func Fit(X *mat.Dense, y []float64) []float64 {
	m, n := X.Dims()
	if m == 0 || len(y) != m {
		panic(fmt.Sprintf("gd: X is %d×%d, len(y) = %d", m, n, len(y)))
	}
	var s preprocess.StandardScaler
	Z := preprocess.AddBias(nil, s.FitTransform(nil, X))
	t, _ := GradientDescent(Z, y, make([]float64, n+1), 0.1, 5000)
	theta := make([]float64, n+1)
	theta[0] = t[0]
	for j := 0; j < n; j++ {
		theta[j+1] = t[j+1] / s.Scale[j]
		theta[0] -= theta[j+1] * s.Mean[j]
	}
	return theta
}
