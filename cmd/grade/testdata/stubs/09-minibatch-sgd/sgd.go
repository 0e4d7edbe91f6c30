// Package sgd holds exercise 09: mini-batch stochastic gradient descent for linear regression,
// with the rows reshuffled every epoch by a seeded random source. See README.md for the task.
package sgd

import "gonum.org/v1/gonum/mat"

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
	panic("not implemented")
}
