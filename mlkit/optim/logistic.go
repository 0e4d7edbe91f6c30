package optim

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Logistic is the binary logistic loss (mean log loss) of a linear model with logits
// zᵢ = xᵢ·θ over an m×n design matrix X and labels yᵢ ∈ {0, 1},
//
//	J(θ) = 1/m·Σᵢ [softplus(zᵢ) − yᵢ·zᵢ] + λ/(2m)·Σ_{j≥1} θⱼ²,
//	∇J(θ) = 1/m·Xᵀ(σ(Xθ) − y) + (λ/m)·(0, θ₁, …, θₙ₋₁),
//
// where softplus(z) = log(1 + eᶻ) and σ(z) = 1/(1 + e^−z). softplus(z) − y·z equals
// −[y·log σ(z) + (1−y)·log(1−σ(z))], and for y ∈ {0, 1} it is softplus(s·z) with s = 1 − 2y,
// computed as max(s·z, 0) + log1p(e^−|z|): no overflow for any z, no log of a rounded
// probability, and a confident right answer costs e^−|z|, not a rounded 0. The gradient's
// σ(z) − y = s·σ(s·z) comes from the same e^−|z| (stable sigmoid: 1/(1+e) or e/(1+e)).
// This is the evaluation of log(1 + eˣ) recommended by M. Mächler, "Accurately Computing
// log(1 − exp(−|a|))", Rmpfr package vignette (2012), §3.
// θ₀ is the bias when the first column of X is all ones; λ and the bias rule come from [L2].
// Over a mini-batch B the data term is a mean over B and the penalty is unchanged.
// With λ = 1/C the minimiser is scikit-learn's LogisticRegression(C=C) (penalty "l2",
// intercept column in X), whose objective C·Σᵢ ℓᵢ + ½‖w‖² is m·C times this one.
//
// As for [LeastSquares], loss and gradient come from one fused pass over the rows, split
// between goroutines for large passes, with no allocation per call. A Logistic keeps X and y
// without copying them and is not safe for concurrent use.
type Logistic struct {
	d *design
}

// NewLogistic returns the logistic objective of X and the labels y with the penalty l2.
// It panics if len(y) differs from the rows of X, if a label is neither 0 nor 1, if X holds
// NaN or ±Inf (naming the first such cell), or if l2.Lambda is negative or not finite.
func NewLogistic(x mat.Matrix, y []float64, l2 L2) *Logistic {
	for i, v := range y {
		if v != 0 && v != 1 {
			panic(fmt.Sprintf("optim: NewLogistic: y[%d] = %v, want a label 0 or 1", i, v))
		}
	}
	o := &Logistic{d: newDesign("NewLogistic", x, y, l2)}
	o.d.kern = o.kernel
	return o
}

// Dim returns n, the number of columns of X.
func (o *Logistic) Dim() int { return o.d.n }

// Rows returns m, the number of rows of X.
func (o *Logistic) Rows() int { return o.d.m }

// LossGrad returns J(θ) over all rows and, when grad is not nil, writes ∇J(θ) into grad.
// It panics if len(theta) or a non-nil len(grad) differs from Dim.
func (o *Logistic) LossGrad(grad, theta []float64) float64 {
	checkLens("Logistic.LossGrad", o.d.n, grad, theta)
	return o.finish(grad, theta, o.d.pass(grad, theta, nil, o.d.m), o.d.m)
}

// BatchLossGrad returns J_B(θ) over the given rows and, when grad is not nil, writes ∇J_B(θ)
// into grad. A row listed twice counts twice. It panics if rows is empty or holds an index
// outside [0, m), or if len(theta) or a non-nil len(grad) differs from Dim.
func (o *Logistic) BatchLossGrad(grad, theta []float64, rows []int) float64 {
	checkLens("Logistic.BatchLossGrad", o.d.n, grad, theta)
	o.d.checkRows("Logistic.BatchLossGrad", rows)
	return o.finish(grad, theta, o.d.pass(grad, theta, rows, len(rows)), len(rows))
}

// finish turns the sums over count rows into means and adds the penalty.
func (o *Logistic) finish(grad, theta []float64, sum float64, count int) float64 {
	c := float64(count)
	if grad != nil {
		floats.Scale(1/c, grad)
	}
	return o.d.penalty(grad, theta, sum/c)
}

// kernel adds ℓᵢ = softplus(zᵢ) − yᵢ·zᵢ, zᵢ = xᵢ·θ, of the rows of x to the returned sum and,
// when dst is not nil, (σ(zᵢ) − yᵢ)·xᵢ to dst. With s = 1 − 2yᵢ = ±1 both are written without
// cancellation: ℓᵢ = softplus(s·zᵢ) = max(s·zᵢ, 0) + log1p(e^−|zᵢ|) and σ(zᵢ) − yᵢ = s·σ(s·zᵢ).
func (o *Logistic) kernel(dst, theta, x []float64, stride int, y []float64) float64 {
	n := len(theta)
	var sum float64
	for i, yi := range y {
		xi := x[i*stride : i*stride+n]
		s := 1 - 2*yi
		z := s * floats.Dot(xi, theta)
		e := math.Exp(-math.Abs(z)) // in (0, 1]: never overflows
		sum += max(z, 0) + math.Log1p(e)
		if dst != nil {
			p := 1 / (1 + e) // σ(z) for z ≥ 0
			if z < 0 {
				p = e / (1 + e) // σ(z) for z < 0, without computing 1 − σ(−z)
			}
			floats.AddScaled(dst, s*p, xi)
		}
	}
	return sum
}
