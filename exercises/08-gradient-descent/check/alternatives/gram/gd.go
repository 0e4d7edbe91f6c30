// Package gd is an alternative correct solution of exercise 08, written from the README alone:
// the Gram matrix G = XᵀX/m and b = Xᵀy/m are computed once, so that each step is
// ∇J = Gθ − b, and J = ½θᵀGθ − θᵀb + yᵀy/(2m), with no pass over the rows.
package gd

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// GradientDescent runs iters steps of θ ← θ − α·∇J(θ) from theta0 and returns θ and the costs.
func GradientDescent(X *mat.Dense, y, theta0 []float64, alpha float64, iters int) (theta, history []float64) {
	m, n := X.Dims()
	if m == 0 || len(y) != m || len(theta0) != n || iters < 0 {
		panic(fmt.Sprintf("gd: X is %d×%d, len(y) = %d, len(theta0) = %d, iters = %d", m, n, len(y), len(theta0), iters))
	}
	var G mat.SymDense
	G.SymOuterK(1/float64(m), X.T())
	b := mat.NewVecDense(n, nil)
	yv := mat.NewVecDense(m, append([]float64(nil), y...))
	b.MulVec(X.T(), yv)
	b.ScaleVec(1/float64(m), b)
	c := mat.Dot(yv, yv) / float64(2*m)

	th := mat.NewVecDense(n, append([]float64(nil), theta0...))
	cost := func() float64 { return 0.5*mat.Inner(th, &G, th) - mat.Dot(th, b) + c }
	history = make([]float64, iters+1)
	history[0] = cost()
	g := mat.NewVecDense(n, nil)
	for k := 1; k <= iters; k++ {
		g.MulVec(&G, th)
		g.SubVec(g, b)
		th.AddScaledVec(th, -alpha, g)
		history[k] = cost()
	}
	return th.RawVector().Data, history
}

// Fit standardises X, runs 5 000 steps of α = 0.1 from θ = 0 and converts θ back to raw units.
func Fit(X *mat.Dense, y []float64) []float64 {
	m, n := X.Dims()
	if m == 0 || len(y) != m {
		panic(fmt.Sprintf("gd: X is %d×%d, len(y) = %d", m, n, len(y)))
	}
	Z := mat.NewDense(m, n+1, nil)
	mean, sd := make([]float64, n), make([]float64, n)
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			mean[j] += X.At(i, j) / float64(m)
		}
		for i := 0; i < m; i++ {
			d := X.At(i, j) - mean[j]
			sd[j] += d * d / float64(m)
		}
		sd[j] = math.Sqrt(sd[j])
	}
	for i := 0; i < m; i++ {
		Z.Set(i, 0, 1)
		for j := 0; j < n; j++ {
			Z.Set(i, j+1, (X.At(i, j)-mean[j])/sd[j])
		}
	}
	t, _ := GradientDescent(Z, y, make([]float64, n+1), 0.1, 5000)
	theta := make([]float64, n+1)
	theta[0] = t[0]
	for j := 0; j < n; j++ {
		theta[j+1] = t[j+1] / sd[j]
		theta[0] -= t[j+1] * mean[j] / sd[j]
	}
	return theta
}
