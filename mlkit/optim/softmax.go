package optim

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Softmax is the multinomial logistic loss (softmax cross-entropy, mean log loss) of a linear
// model with K classes over an m×n design matrix X and labels yᵢ ∈ {0, …, K−1}. Its parameters
// form an n×K matrix Θ whose column k holds the weights of class k, stored row-major in θ:
// θ[j·K + k] = Θⱼₖ, so that mat.NewDense(n, K, θ) is Θ. With the logits zᵢ = xᵢΘ (a row of K),
//
//	J(Θ) = 1/m·Σᵢ [LSE(zᵢ) − zᵢ,yᵢ] + λ/(2m)·Σ_{j≥1} Σₖ Θⱼₖ²,
//	∇J(Θ) = 1/m·Xᵀ(P − Y) + (λ/m)·Θ with its row 0 replaced by zeros,
//
// where LSE(z) = log Σₖ e^zₖ, P holds the softmax of each row of XΘ, Pᵢₖ = e^zᵢₖ / Σ_c e^zᵢ_c,
// and Y is the one-hot matrix of the labels (Yᵢₖ = 1 when yᵢ = k, else 0). LSE(zᵢ) − zᵢ,yᵢ is
// −log Pᵢ,yᵢ, the cross-entropy of row i, computed as (max zᵢ − zᵢ,yᵢ) + log Σₖ e^(zᵢₖ − max zᵢ):
// every exponential is at most 1, so no logit overflows it, and no probability that rounded to
// 0 is passed to log (a confident wrong answer costs about the gap between the logits). P comes
// from the same shifted exponentials. Adding a constant to every logit of a row changes neither.
// Row 0 of Θ holds the intercepts when the first column of X is all ones; λ and the bias rule
// come from [L2], applied to whole rows of Θ (PenalizeBias penalises row 0 as well). Over a
// mini-batch B the data term is a mean over B and the penalty is unchanged.
//
// With λ = 1/C and X = [1 F], the minimiser is scikit-learn's
// LogisticRegression(multi_class="multinomial", C=C) on the features F: its objective
// C·Σᵢ ℓᵢ + ½‖W‖² (intercepts not penalised) is m·C times this one. Θ has K columns, as
// scikit-learn's coef_ has K rows: without a penalty the minimiser is not unique (adding the
// same vector to every column of Θ changes no probability); every gradient has rows that sum
// to zero, so gradient descent from Θ = 0 stays among the Θ whose rows sum to zero.
//
// Loss and gradient come from one pass over the rows, in order, with no allocation per call.
// A Softmax keeps X and y without copying them (they must not change while it is in use) and
// is not safe for concurrent use.
type Softmax struct {
	x      []float64 // X, row-major with the given stride; never written
	stride int
	m, n   int
	k      int
	y      []int // never written
	l2     L2
	z      []float64 // scratch: the logits of one row, then their shifted exponentials
}

// NewSoftmax returns the softmax objective of X and the labels y ∈ {0, …, k−1} with the penalty
// l2. It panics if k < 2, if len(y) differs from the rows of X, if a label is outside
// [0, k), if X holds NaN or ±Inf (naming the first such cell), or if l2.Lambda is negative or
// not finite.
func NewSoftmax(x mat.Matrix, y []int, k int, l2 L2) *Softmax {
	const where = "NewSoftmax"
	if k < 2 {
		panic(fmt.Sprintf("optim: %s: k = %d classes, want at least 2", where, k))
	}
	m, n := x.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("optim: %s: len(y) = %d, want %d (the rows of X)", where, len(y), m))
	}
	for i, v := range y {
		if v < 0 || v >= k {
			panic(fmt.Sprintf("optim: %s: y[%d] = %d, want a label in [0, %d)", where, i, v, k))
		}
	}
	if l2.Lambda < 0 || math.IsNaN(l2.Lambda) || math.IsInf(l2.Lambda, 0) {
		panic(fmt.Sprintf("optim: %s: L2.Lambda = %v, want a finite λ ≥ 0", where, l2.Lambda))
	}
	var raw []float64
	stride := n
	if rm, ok := x.(mat.RawMatrixer); ok {
		r := rm.RawMatrix()
		raw, stride = r.Data, r.Stride
	} else {
		raw = mat.DenseCopyOf(x).RawMatrix().Data
	}
	for i := range m {
		for j, v := range raw[i*stride : i*stride+n] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("optim: %s: X[%d, %d] = %v, want a finite number", where, i, j, v))
			}
		}
	}
	return &Softmax{x: raw, stride: stride, m: m, n: n, k: k, y: y, l2: l2, z: make([]float64, k)}
}

// Dim returns n·K, the number of parameters.
func (o *Softmax) Dim() int { return o.n * o.k }

// Rows returns m, the number of rows of X.
func (o *Softmax) Rows() int { return o.m }

// Classes returns K, the number of classes.
func (o *Softmax) Classes() int { return o.k }

// LossGrad returns J(Θ) over all rows and, when grad is not nil, writes ∇J(Θ) into grad (in
// θ's layout). It panics if len(theta) or a non-nil len(grad) differs from Dim.
func (o *Softmax) LossGrad(grad, theta []float64) float64 {
	checkLens("Softmax.LossGrad", o.Dim(), grad, theta)
	return o.finish(grad, theta, o.pass(grad, theta, nil, o.m), o.m)
}

// BatchLossGrad returns J_B(Θ) over the given rows and, when grad is not nil, writes ∇J_B(Θ)
// into grad. A row listed twice counts twice. It panics if rows is empty or holds an index
// outside [0, m), or if len(theta) or a non-nil len(grad) differs from Dim.
func (o *Softmax) BatchLossGrad(grad, theta []float64, rows []int) float64 {
	const where = "Softmax.BatchLossGrad"
	checkLens(where, o.Dim(), grad, theta)
	if len(rows) == 0 {
		panic(fmt.Sprintf("optim: %s: empty mini-batch", where))
	}
	for p, i := range rows {
		if i < 0 || i >= o.m {
			panic(fmt.Sprintf("optim: %s: rows[%d] = %d, want a row of X in [0, %d)", where, p, i, o.m))
		}
	}
	return o.finish(grad, theta, o.pass(grad, theta, rows, len(rows)), len(rows))
}

// pass returns Σᵢ [LSE(zᵢ) − zᵢ,yᵢ] over the first count positions (rows[p], or p when rows is
// nil) and, when grad is not nil, writes Σᵢ xᵢᵀ(pᵢ − eᵧᵢ) into grad.
func (o *Softmax) pass(grad, theta []float64, rows []int, count int) float64 {
	n, k, z := o.n, o.k, o.z
	if grad != nil {
		clear(grad)
	}
	var sum float64
	for p := range count {
		i := p
		if rows != nil {
			i = rows[p]
		}
		xi := o.x[i*o.stride : i*o.stride+n]
		clear(z)
		for j, v := range xi {
			floats.AddScaled(z, v, theta[j*k:(j+1)*k])
		}
		yi := o.y[i]
		mx := floats.Max(z)
		gap := mx - z[yi]
		var s float64
		for c, v := range z {
			z[c] = math.Exp(v - mx) // in (0, 1]: never overflows
			s += z[c]
		}
		sum += gap + math.Log(s) // LSE(z) − z_y = (max z − z_y) + log Σ e^(z − max z)
		if grad == nil {
			continue
		}
		for c := range z {
			z[c] /= s // pᵢ꜀
		}
		z[yi]-- // pᵢ − eᵧᵢ
		for j, v := range xi {
			floats.AddScaled(grad[j*k:(j+1)*k], v, z)
		}
	}
	return sum
}

// finish turns the sums over count rows into means and adds the penalty λ/(2m)·‖Θ_{first:}‖²
// on the rows of Θ from the first penalised one.
func (o *Softmax) finish(grad, theta []float64, sum float64, count int) float64 {
	c := float64(count)
	loss := sum / c
	if grad != nil {
		floats.Scale(1/c, grad)
	}
	f := o.l2.first() * o.k
	if o.l2.Lambda == 0 || f >= len(theta) {
		return loss
	}
	scale := o.l2.Lambda / float64(o.m)
	w := theta[f:]
	loss += scale / 2 * floats.Dot(w, w)
	if grad != nil {
		floats.AddScaled(grad[f:], scale, w)
	}
	return loss
}
