// Package gd holds exercise 08: batch gradient descent for linear regression, and a fit on raw
// features that scales them first. See README.md for the task.
package gd

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// GradientDescent runs iters steps of batch gradient descent on the squared-error cost
// J(θ) = 1/(2m)·‖Xθ − y‖², starting from theta0. X is the design matrix (m rows, n columns, the
// column of ones first). Every step updates all n parameters at once, from the gradient at the
// current θ:
//
//	θ ← θ − α · ∇J(θ),   ∇J(θ) = 1/m · Xᵀ(Xθ − y).
//
// It returns the final θ (a new slice) and the cost history: history[0] = J(theta0) and
// history[k] = J(θ) after step k, so len(history) = iters+1. It always runs all iters steps,
// even if the cost grows (a learning rate too large): the history then shows it. X, y and
// theta0 are not modified.
//
// It panics if X has no rows, if len(y) or len(theta0) does not match X, or if iters < 0.
func GradientDescent(X *mat.Dense, y, theta0 []float64, alpha float64, iters int) (theta, history []float64) {
	m, n := X.Dims()
	switch {
	case m == 0:
		panic("gd.GradientDescent: X has no rows")
	case len(y) != m:
		panic(fmt.Sprintf("gd.GradientDescent: len(y) = %d, but X has %d rows", len(y), m))
	case len(theta0) != n:
		panic(fmt.Sprintf("gd.GradientDescent: len(theta0) = %d, but X has %d columns", len(theta0), n))
	case iters < 0:
		panic(fmt.Sprintf("gd.GradientDescent: iters = %d < 0", iters))
	}
	theta = slices.Clone(theta0) // the caller's θ₀ stays as it was
	th := mat.NewVecDense(n, theta)
	yv := mat.NewVecDense(m, y) // read only
	r := mat.NewVecDense(m, nil)
	grad := mat.NewVecDense(n, nil)
	cost := func() float64 {
		r.MulVec(X, th)
		r.SubVec(r, yv) // r = Xθ − y
		return mat.Dot(r, r) / (2 * float64(m))
	}
	history = make([]float64, 0, iters+1)
	history = append(history, cost()) // J(θ₀); also leaves r = Xθ₀ − y
	for range iters {
		// The whole gradient first, from the residuals of the current θ ...
		grad.MulVec(X.T(), r)
		// ... then every θⱼ moves at once: θ ← θ − (α/m)·Xᵀr.
		// mistake: the gradient of (Xθ − y)² without the ½ of J, 2/m·Xᵀr: steps twice too long,
		// which diverge at a learning rate (α = 1) where the right steps converge.
		th.AddScaledVec(th, -2*alpha/float64(m), grad)
		history = append(history, cost()) // J after this step, and the residuals of the next
	}
	return theta, history
}

// Fit fits the linear model y ≈ θ₀ + θ₁x₁ + … + θₙxₙ by gradient descent on the raw features X
// (m rows, n columns, no column of ones, no constant column), and returns θ (length n+1) in the
// units of X, equal to the least-squares solution. Features of very different scales make
// gradient descent crawl, so Fit standardises each column first (population σ), adds the column
// of ones, runs GradientDescent from θ = 0 until it has converged, and converts the θ it finds
// back to the raw units. X and y are not modified.
//
// It panics if X has no rows or len(y) is not the number of rows of X.
func Fit(X *mat.Dense, y []float64) []float64 {
	m, n := X.Dims()
	if m == 0 {
		panic("gd.Fit: X has no rows")
	}
	if len(y) != m {
		panic(fmt.Sprintf("gd.Fit: len(y) = %d, but X has %d rows", len(y), m))
	}
	// Standardise: zᵢⱼ = (xᵢⱼ − μⱼ)/σⱼ, with the ones column in front.
	mu, sigma := make([]float64, n), make([]float64, n)
	Z := mat.NewDense(m, n+1, nil)
	for j := range n {
		col := mat.Col(nil, j, X)
		for _, v := range col {
			mu[j] += v
		}
		mu[j] /= float64(m)
		for _, v := range col {
			sigma[j] += (v - mu[j]) * (v - mu[j])
		}
		sigma[j] = math.Sqrt(sigma[j] / float64(m))
		for i, v := range col {
			Z.Set(i, j+1, (v-mu[j])/sigma[j])
		}
	}
	for i := range m {
		Z.Set(i, 0, 1)
	}
	// On standardised features the cost is a round bowl. Gradient descent is stable for
	// α < 2/λmax, λmax the largest eigenvalue of ZᵀZ/m: 1 for the ones column, and at most n for
	// the features (those of their correlation matrix). So α = 0.1 is safe up to 19 features,
	// and 5 000 steps shrink the error by (1 − 0.1·λmin)^5000.
	const alpha, iters = 0.1, 5000
	t, _ := GradientDescent(Z, y, make([]float64, n+1), alpha, iters)
	// Back to raw units: ŷ = t₀ + Σⱼ tⱼ(xⱼ − μⱼ)/σⱼ = (t₀ − Σⱼ tⱼμⱼ/σⱼ) + Σⱼ (tⱼ/σⱼ)·xⱼ.
	theta := make([]float64, n+1)
	theta[0] = t[0]
	for j := range n {
		theta[j+1] = t[j+1] / sigma[j]
		theta[0] -= t[j+1] * mu[j] / sigma[j]
	}
	return theta
}
