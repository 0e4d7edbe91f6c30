// Package sgd is an alternative correct solution of exercise 09, written from the README alone:
// plain loops, batches counted by their index, and the step α/|B| applied feature by feature.
package sgd

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// SGD runs epochs passes of mini-batch SGD from theta0 and returns θ and the loss per epoch.
func SGD(X *mat.Dense, y, theta0 []float64, alpha float64, epochs, batch int, seed uint64) (theta, epochLoss []float64) {
	m, n := X.Dims()
	if m == 0 || len(y) != m || len(theta0) != n || epochs < 0 || batch < 1 {
		panic(fmt.Sprintf("sgd: X is %d×%d, len(y) = %d, len(theta0) = %d, epochs = %d, batch = %d", m, n, len(y), len(theta0), epochs, batch))
	}
	theta = make([]float64, n)
	copy(theta, theta0)
	src := rand.New(rand.NewPCG(seed, 0))
	epochLoss = make([]float64, epochs+1)
	epochLoss[0] = cost(X, y, theta)
	batches := (m + batch - 1) / batch
	for e := 1; e <= epochs; e++ {
		p := src.Perm(m)
		for k := 0; k < batches; k++ {
			lo, hi := k*batch, (k+1)*batch
			if hi > m {
				hi = m
			}
			grad := make([]float64, n)
			for _, i := range p[lo:hi] {
				pred := 0.0
				for j := 0; j < n; j++ {
					pred += X.At(i, j) * theta[j]
				}
				for j := 0; j < n; j++ {
					grad[j] += (pred - y[i]) * X.At(i, j)
				}
			}
			for j := 0; j < n; j++ {
				theta[j] -= alpha * grad[j] / float64(hi-lo)
			}
		}
		epochLoss[e] = cost(X, y, theta)
	}
	return theta, epochLoss
}

func cost(X *mat.Dense, y, theta []float64) float64 {
	m, n := X.Dims()
	s := 0.0
	for i := 0; i < m; i++ {
		pred := 0.0
		for j := 0; j < n; j++ {
			pred += X.At(i, j) * theta[j]
		}
		s += (pred - y[i]) * (pred - y[i])
	}
	return s / 2 / float64(m)
}
