// Package sgd holds exercise 09: mini-batch stochastic gradient descent for linear regression,
// with the rows reshuffled every epoch by a seeded random source. See README.md for the task.
package sgd

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// SGD runs epochs passes of mini-batch stochastic gradient descent on the squared-error cost
// J(θ) = 1/(2m)·‖Xθ − y‖², starting from theta0. X is the design matrix (m rows, n columns, the
// column of ones first).
//
// It makes one random source, rng := rand.New(rand.NewPCG(seed, 0)) (math/rand/v2), before the
// first epoch. Every epoch visits the rows in the order p := rng.Perm(m), a new order each epoch,
// in batches of batch rows: p[0:batch], p[batch:2·batch], …, the last batch holding the
// m mod batch rows left over when that is not 0. After each batch B it takes one step with the
// gradient of the batch, a mean over the batch's rows:
//
//	θ ← θ − α · 1/|B| · Σ_{i∈B} (xᵢ·θ − yᵢ) · xᵢ.
//
// It returns the final θ (a new slice) and the loss per epoch over all m rows:
// epochLoss[0] = J(theta0) and epochLoss[k] = J(θ) after epoch k, so len(epochLoss) = epochs+1.
// With batch ≥ m every epoch is one step of batch gradient descent (exercise 08). The same
// seed always gives the same result. X, y and theta0 are not modified.
//
// It panics if X has no rows, if len(y) or len(theta0) does not match X, if epochs < 0, or if
// batch < 1.
func SGD(X *mat.Dense, y, theta0 []float64, alpha float64, epochs, batch int, seed uint64) (theta, epochLoss []float64) {
	m, n := X.Dims()
	switch {
	case m == 0:
		panic("sgd.SGD: X has no rows")
	case len(y) != m:
		panic(fmt.Sprintf("sgd.SGD: len(y) = %d, but X has %d rows", len(y), m))
	case len(theta0) != n:
		panic(fmt.Sprintf("sgd.SGD: len(theta0) = %d, but X has %d columns", len(theta0), n))
	case epochs < 0:
		panic(fmt.Sprintf("sgd.SGD: epochs = %d < 0", epochs))
	case batch < 1:
		panic(fmt.Sprintf("sgd.SGD: batch = %d < 1", batch))
	}
	theta = slices.Clone(theta0) // the caller's θ₀ stays as it was
	grad := make([]float64, n)
	// mistake: one source for the whole program, made from the first call's seed and kept
	// between calls, so the second call with the same arguments shuffles differently.
	if rng == nil {
		rng = rand.New(rand.NewPCG(seed, 0))
	}
	epochLoss = append(make([]float64, 0, epochs+1), cost(X, y, theta))
	for range epochs {
		p := rng.Perm(m) // a fresh order every epoch
		for start := 0; start < m; start += batch {
			b := p[start:min(start+batch, m)] // the last batch may be shorter: keep it
			clear(grad)
			for _, i := range b {
				row := X.RawRowView(i)
				r := floats.Dot(row, theta) - y[i]
				floats.AddScaled(grad, r, row)
			}
			// A mean over this batch's rows, not over m: every step has the same scale, whatever
			// the batch size.
			floats.AddScaled(theta, -alpha/float64(len(b)), grad)
		}
		epochLoss = append(epochLoss, cost(X, y, theta))
	}
	return theta, epochLoss
}

var rng *rand.Rand

// cost returns J(θ) = 1/(2m)·Σᵢ (xᵢ·θ − yᵢ)² over all rows of X.
func cost(X *mat.Dense, y, theta []float64) float64 {
	m, _ := X.Dims()
	s := 0.0
	for i := range m {
		r := floats.Dot(X.RawRowView(i), theta) - y[i]
		s += r * r
	}
	return s / (2 * float64(m))
}
