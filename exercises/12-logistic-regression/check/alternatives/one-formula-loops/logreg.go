// Package logreg is an alternative correct solution of exercise 12, written from the README
// alone: the sigmoid as 1/(1 + e⁻ᶻ) for every z (e⁻ᶻ may overflow to +Inf, and 1/(1 + Inf) = 0
// is still right), the loss per row as softplus(−z) for class 1 and softplus(z) for class 0,
// and everything else with plain loops over the rows.
package logreg

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Sigmoid returns 1/(1 + e⁻ᶻ).
func Sigmoid(z float64) float64 {
	return 1 / (1 + math.Exp(-z))
}

// softplus returns log(1 + eᵗ) without overflow.
func softplus(t float64) float64 {
	if t > 0 {
		return t + math.Log1p(math.Exp(-t))
	}
	return math.Log1p(math.Exp(t))
}

// dot returns row i of X times θ.
func dot(X *mat.Dense, i int, theta []float64) float64 {
	z := 0.0
	for j, t := range theta {
		z += X.At(i, j) * t
	}
	return z
}

// LogLoss returns the mean cross-entropy: −log σ(z) = softplus(−z) for class 1, and
// −log(1 − σ(z)) = softplus(z) for class 0.
func LogLoss(X *mat.Dense, y []int, theta []float64) float64 {
	m, _ := X.Dims()
	sum := 0.0
	for i := range m {
		z := dot(X, i, theta)
		if y[i] == 1 {
			sum += softplus(-z)
		} else {
			sum += softplus(z)
		}
	}
	return sum / float64(m)
}

// LogLossGrad returns 1/m·Σᵢ (σ(zᵢ) − yᵢ)·xᵢ.
func LogLossGrad(X *mat.Dense, y []int, theta []float64) []float64 {
	m, n := X.Dims()
	g := make([]float64, n)
	for i := range m {
		r := Sigmoid(dot(X, i, theta)) - float64(y[i])
		for j := range n {
			g[j] += r * X.At(i, j)
		}
	}
	for j := range g {
		g[j] /= float64(m)
	}
	return g
}

// Fit runs iters steps of gradient descent from θ = 0 and records the loss before the first
// step and after each.
func Fit(X *mat.Dense, y []int, alpha float64, iters int) (theta, history []float64) {
	if alpha <= 0 || iters < 0 {
		panic("logreg.Fit: want α > 0 and iters ≥ 0")
	}
	_, n := X.Dims()
	theta = make([]float64, n)
	history = make([]float64, 0, iters+1)
	history = append(history, LogLoss(X, y, theta))
	for k := 0; k < iters; k++ {
		g := LogLossGrad(X, y, theta)
		for j := range theta {
			theta[j] -= alpha * g[j]
		}
		history = append(history, LogLoss(X, y, theta))
	}
	return theta, history
}

// PredictProba returns σ(xᵢ·θ) for each row.
func PredictProba(X *mat.Dense, theta []float64) []float64 {
	m, _ := X.Dims()
	p := make([]float64, m)
	for i := range m {
		p[i] = Sigmoid(dot(X, i, theta))
	}
	return p
}

// Predict returns 1 where the probability reaches the threshold.
func Predict(X *mat.Dense, theta []float64, threshold float64) []int {
	out := []int{}
	for _, p := range PredictProba(X, theta) {
		c := 0
		if p >= threshold {
			c = 1
		}
		out = append(out, c)
	}
	return out
}
