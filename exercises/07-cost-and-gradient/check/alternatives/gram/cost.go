// Package costgrad is an alternative correct solution of exercise 07, written from the README
// alone: through the Gram matrix XᵀX, the form the normal equation uses,
// ∇J = (XᵀXθ − Xᵀy)/m and J = (θᵀXᵀXθ − 2θᵀXᵀy + yᵀy)/(2m).
package costgrad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Cost returns J(θ) = 1/(2m)·‖Xθ − y‖², expanded as (θᵀXᵀXθ − 2θᵀXᵀy + yᵀy)/(2m).
func Cost(X *mat.Dense, y, theta []float64) float64 {
	m, G, b := gram(X, y, theta)
	th := mat.NewVecDense(len(theta), theta)
	yv := mat.NewVecDense(m, y)
	return (mat.Inner(th, G, th) - 2*mat.Dot(th, b) + mat.Dot(yv, yv)) / (2 * float64(m))
}

// Gradient returns ∇J(θ) = (XᵀXθ − Xᵀy)/m, a new slice.
func Gradient(X *mat.Dense, y, theta []float64) []float64 {
	m, G, b := gram(X, y, theta)
	g := mat.NewVecDense(len(theta), nil)
	g.MulVec(G, mat.NewVecDense(len(theta), theta))
	g.SubVec(g, b)
	g.ScaleVec(1/float64(m), g)
	return g.RawVector().Data
}

// gram returns m, XᵀX and Xᵀy.
func gram(X *mat.Dense, y, theta []float64) (int, *mat.Dense, *mat.VecDense) {
	m, n := X.Dims()
	if m == 0 || len(y) != m || len(theta) != n {
		panic(fmt.Sprintf("costgrad: X is %d×%d, len(y) = %d, len(theta) = %d", m, n, len(y), len(theta)))
	}
	var G mat.Dense
	G.Mul(X.T(), X)
	b := mat.NewVecDense(n, nil)
	b.MulVec(X.T(), mat.NewVecDense(m, y))
	return m, &G, b
}
