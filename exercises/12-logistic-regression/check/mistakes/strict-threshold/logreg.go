// Package logreg holds exercise 12: binary logistic regression — a numerically stable sigmoid,
// the log loss and its gradient, a gradient-descent fit, and predictions. See README.md for the
// task.
package logreg

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Sigmoid returns σ(z) = 1/(1 + e⁻ᶻ), computed without overflow for any z: for z ≥ 0 as
// 1/(1 + e⁻ᶻ), for z < 0 as eᶻ/(1 + eᶻ), so that the exponential never exceeds 1. It is
// finite and in [0, 1] for every finite z (σ(800) = 1, σ(−800) = 0 after rounding), and NaN
// only for a NaN z.
func Sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// LogLoss returns the mean cross-entropy of the model p = σ(Xθ) on labels y ∈ {0, 1}:
//
//	J(θ) = −1/m·Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)] = 1/m·Σᵢ [softplus(zᵢ) − yᵢ·zᵢ],
//
// with zᵢ = xᵢ·θ and softplus(z) = log(1 + eᶻ) = max(z, 0) + log1p(e^−|z|). The second form never
// takes the log of a probability that rounded to 0 or 1, so a confident wrong prediction costs a
// large finite amount (≈ |z|), never +Inf or NaN. X has the column of ones first. No input is
// modified.
//
// It panics if len(y) is not the number of rows of X, len(theta) not its number of columns, or a
// label is not 0 or 1.
func LogLoss(X *mat.Dense, y []int, theta []float64) float64 {
	z := logits("LogLoss", X, y, theta)
	sum := 0.0
	for i, zi := range z {
		sum += math.Max(zi, 0) + math.Log1p(math.Exp(-math.Abs(zi))) - float64(y[i])*zi
	}
	return sum / float64(len(y))
}

// LogLossGrad returns the gradient of LogLoss, ∇J(θ) = 1/m·Xᵀ(σ(Xθ) − y). No input is modified.
//
// It panics as LogLoss does.
func LogLossGrad(X *mat.Dense, y []int, theta []float64) []float64 {
	z := logits("LogLossGrad", X, y, theta)
	m, n := X.Dims()
	r := make([]float64, m)
	for i, zi := range z {
		r[i] = Sigmoid(zi) - float64(y[i])
	}
	grad := make([]float64, n)
	g := mat.NewVecDense(n, grad)
	g.MulVec(X.T(), mat.NewVecDense(m, r))
	g.ScaleVec(1/float64(m), g)
	return grad
}

// Fit runs iters steps of batch gradient descent on LogLoss from θ = 0,
// θ ← θ − α·∇J(θ), and returns the final θ and the loss history: history[k] is J after k steps,
// so len(history) = iters+1 and history[0] = ln 2. No input is modified.
//
// It panics as LogLoss does, or if α ≤ 0 or iters < 0.
func Fit(X *mat.Dense, y []int, alpha float64, iters int) (theta, history []float64) {
	if !(alpha > 0) || iters < 0 {
		panic(fmt.Sprintf("logreg.Fit: α = %v, iters = %d; want α > 0 and iters ≥ 0", alpha, iters))
	}
	_, n := X.Dims()
	theta = make([]float64, n)
	history = append(history, LogLoss(X, y, theta))
	for range iters {
		grad := LogLossGrad(X, y, theta)
		for j := range theta {
			theta[j] -= alpha * grad[j]
		}
		history = append(history, LogLoss(X, y, theta))
	}
	return theta, history
}

// PredictProba returns pᵢ = σ(xᵢ·θ), the model's probability that row i is of class 1. No input
// is modified.
//
// It panics if len(theta) is not the number of columns of X.
func PredictProba(X *mat.Dense, theta []float64) []float64 {
	m, n := X.Dims()
	if len(theta) != n {
		panic(fmt.Sprintf("logreg.PredictProba: X has %d columns, θ %d values", n, len(theta)))
	}
	p := make([]float64, m)
	mat.NewVecDense(m, p).MulVec(X, mat.NewVecDense(n, theta))
	for i, z := range p {
		p[i] = Sigmoid(z)
	}
	return p
}

// Predict returns the class of each row: 1 where PredictProba ≥ threshold, else 0. A threshold
// of 0.5 is the boundary Xθ = 0; a higher one asks for more confidence before saying 1. No input
// is modified.
//
// It panics as PredictProba does.
func Predict(X *mat.Dense, theta []float64, threshold float64) []int {
	p := PredictProba(X, theta)
	out := make([]int, len(p))
	for i, pi := range p {
		if pi > threshold { // Mistake: > instead of ≥
			out[i] = 1
		}
	}
	return out
}

// logits returns Xθ after checking the shapes and labels.
func logits(fn string, X *mat.Dense, y []int, theta []float64) []float64 {
	m, n := X.Dims()
	if len(y) != m || len(theta) != n {
		panic(fmt.Sprintf("logreg.%s: X is %d×%d, y has %d labels and θ %d values", fn, m, n, len(y), len(theta)))
	}
	for i, v := range y {
		if v != 0 && v != 1 {
			panic(fmt.Sprintf("logreg.%s: y[%d] = %d, want 0 or 1", fn, i, v))
		}
	}
	z := make([]float64, m)
	mat.NewVecDense(m, z).MulVec(X, mat.NewVecDense(n, theta))
	return z
}
