// Package logreg is an alternative correct solution of exercise 12, written from the README
// alone: everything from the logits z = Xθ computed with mat, the sigmoid as
// σ(z) = exp(−softplus(−z)) (finite for every z, since softplus never overflows), the loss as
// mean(softplus(z) − y·z), and each gradient-descent step as one matrix–vector product.
package logreg

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// softplus returns log(1 + eᶻ) = max(z, 0) + log1p(e^−|z|).
func softplus(z float64) float64 {
	return math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z)))
}

// Sigmoid returns σ(z) = 1/(1 + e⁻ᶻ) = exp(−log(1 + e⁻ᶻ)).
func Sigmoid(z float64) float64 {
	return math.Exp(-softplus(-z))
}

func logits(X *mat.Dense, theta []float64) *mat.VecDense {
	m, n := X.Dims()
	z := mat.NewVecDense(m, nil)
	z.MulVec(X, mat.NewVecDense(n, append([]float64(nil), theta...)))
	return z
}

// LogLoss returns mean(softplus(z) − y·z).
func LogLoss(X *mat.Dense, y []int, theta []float64) float64 {
	z := logits(X, theta)
	sum := 0.0
	for i := range z.Len() {
		sum += softplus(z.AtVec(i)) - float64(y[i])*z.AtVec(i)
	}
	return sum / float64(z.Len())
}

// LogLossGrad returns Xᵀ(σ(Xθ) − y)/m.
func LogLossGrad(X *mat.Dense, y []int, theta []float64) []float64 {
	z := logits(X, theta)
	m, n := X.Dims()
	r := mat.NewVecDense(m, nil)
	for i := range m {
		r.SetVec(i, (Sigmoid(z.AtVec(i))-float64(y[i]))/float64(m))
	}
	g := mat.NewVecDense(n, nil)
	g.MulVec(X.T(), r)
	return g.RawVector().Data
}

// Fit runs iters steps θ ← θ − α·∇J(θ) from θ = 0; history[k] is the loss after k steps.
func Fit(X *mat.Dense, y []int, alpha float64, iters int) (theta, history []float64) {
	if !(alpha > 0) || iters < 0 {
		panic("logreg.Fit: want α > 0 and iters ≥ 0")
	}
	_, n := X.Dims()
	th := mat.NewVecDense(n, nil)
	history = []float64{LogLoss(X, y, th.RawVector().Data)}
	for range iters {
		g := mat.NewVecDense(n, LogLossGrad(X, y, th.RawVector().Data))
		th.AddScaledVec(th, -alpha, g)
		history = append(history, LogLoss(X, y, th.RawVector().Data))
	}
	return th.RawVector().Data, history
}

// PredictProba returns σ(Xθ).
func PredictProba(X *mat.Dense, theta []float64) []float64 {
	z := logits(X, theta)
	p := make([]float64, z.Len())
	for i := range p {
		p[i] = Sigmoid(z.AtVec(i))
	}
	return p
}

// Predict returns 1 where PredictProba ≥ threshold, else 0.
func Predict(X *mat.Dense, theta []float64, threshold float64) []int {
	p := PredictProba(X, theta)
	out := make([]int, len(p))
	for i := range p {
		if p[i] >= threshold {
			out[i] = 1
		}
	}
	return out
}
