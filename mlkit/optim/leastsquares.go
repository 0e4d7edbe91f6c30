package optim

import (
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// LeastSquares is the linear least-squares objective over an m×n design matrix X and targets y,
//
//	J(θ) = 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σ_{j≥1} θⱼ²,
//	∇J(θ) = 1/m·Xᵀ(Xθ − y) + (λ/m)·(0, θ₁, …, θₙ₋₁),
//
// where θ₀ is the bias when the first column of X is all ones, and λ and the bias rule come
// from [L2] (the penalty is absent when λ = 0). Over a mini-batch B the data term is
// 1/(2|B|)·Σ_{i∈B} (xᵢ·θ − yᵢ)² and the penalty is unchanged. With λ = 0 the minimiser is the
// ordinary least-squares solution; with λ > 0 it is ridge regression with an unpenalised
// intercept (Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 2nd ed.,
// 2009, §3.4.1), the same as scikit-learn's Ridge with alpha = λ, whose objective
// ‖y − Xw − b‖² + α‖w‖² is 2m times this one.
//
// Loss and gradient are computed in one pass over the rows: each residual rᵢ = xᵢ·θ − yᵢ is
// added to the loss and, while the row is in cache, rᵢ·xᵢ to the gradient. Passes over at least
// 8192 elements are split between GOMAXPROCS goroutines; nothing is allocated per call.
// A LeastSquares keeps X and y without copying them (they must not change while it is in
// use) and is not safe for concurrent use.
type LeastSquares struct {
	d *design
}

// NewLeastSquares returns the least-squares objective of X and y with the penalty l2.
// It panics if len(y) differs from the rows of X, if X or y holds NaN or ±Inf (naming the
// first such cell), or if l2.Lambda is negative or not finite.
func NewLeastSquares(x mat.Matrix, y []float64, l2 L2) *LeastSquares {
	o := &LeastSquares{d: newDesign("NewLeastSquares", x, y, l2)}
	o.d.kern = o.kernel
	return o
}

// Dim returns n, the number of columns of X.
func (o *LeastSquares) Dim() int { return o.d.n }

// Rows returns m, the number of rows of X.
func (o *LeastSquares) Rows() int { return o.d.m }

// LossGrad returns J(θ) over all rows and, when grad is not nil, writes ∇J(θ) into grad.
// It panics if len(theta) or a non-nil len(grad) differs from Dim.
func (o *LeastSquares) LossGrad(grad, theta []float64) float64 {
	checkLens("LeastSquares.LossGrad", o.d.n, grad, theta)
	return o.finish(grad, theta, o.d.pass(grad, theta, nil, o.d.m), o.d.m)
}

// BatchLossGrad returns J_B(θ) over the given rows and, when grad is not nil, writes ∇J_B(θ)
// into grad. A row listed twice counts twice. It panics if rows is empty or holds an index
// outside [0, m), or if len(theta) or a non-nil len(grad) differs from Dim.
func (o *LeastSquares) BatchLossGrad(grad, theta []float64, rows []int) float64 {
	checkLens("LeastSquares.BatchLossGrad", o.d.n, grad, theta)
	o.d.checkRows("LeastSquares.BatchLossGrad", rows)
	return o.finish(grad, theta, o.d.pass(grad, theta, rows, len(rows)), len(rows))
}

// finish turns the sums over count rows into means and adds the penalty.
func (o *LeastSquares) finish(grad, theta []float64, sum float64, count int) float64 {
	c := float64(count)
	if grad != nil {
		floats.Scale(1/c, grad)
	}
	return o.d.penalty(grad, theta, sum/(2*c))
}

// kernel adds the squared residuals rᵢ = xᵢ·θ − yᵢ of the rows of x to the returned sum and,
// when dst is not nil, rᵢ·xᵢ to dst.
func (o *LeastSquares) kernel(dst, theta, x []float64, stride int, y []float64) float64 {
	n := len(theta)
	var sum float64
	for i, yi := range y {
		xi := x[i*stride : i*stride+n]
		r := floats.Dot(xi, theta) - yi
		sum += r * r
		if dst != nil {
			floats.AddScaled(dst, r, xi)
		}
	}
	return sum
}
