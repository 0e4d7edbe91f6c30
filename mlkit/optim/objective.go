package optim

import "fmt"

// Objective is a differentiable function J(θ) of n parameters.
type Objective interface {
	// Dim returns n, the number of parameters.
	Dim() int
	// LossGrad returns J(θ) and, when grad is not nil, writes ∇J(θ) into grad. It must not
	// modify theta, and may panic if len(theta) or a non-nil len(grad) differs from Dim.
	LossGrad(grad, theta []float64) float64
}

// BatchObjective is an Objective that is a mean over m rows of data, J(θ) = 1/m·Σᵢ ℓᵢ(θ) + R(θ)
// with an optional penalty R, and that can be evaluated over a mini-batch B of the rows:
// J_B(θ) = 1/|B|·Σ_{i∈B} ℓᵢ(θ) + R(θ). The mini-batch loss and gradient are unbiased estimates
// of the full ones when B is drawn uniformly, because R is the same in both.
type BatchObjective interface {
	Objective
	// Rows returns m, the number of rows.
	Rows() int
	// BatchLossGrad returns J_B(θ) over the rows whose indices are in rows (each in [0, m)) and,
	// when grad is not nil, writes ∇J_B(θ) into grad. It may panic if rows is empty.
	BatchLossGrad(grad, theta []float64, rows []int) float64
}

// Func adapts a loss function and its gradient, such as a learner's, to Objective.
type Func struct {
	// N is the number of parameters.
	N int
	// Loss returns J(θ). It must not modify theta.
	Loss func(theta []float64) float64
	// Grad writes ∇J(θ) into grad. It must not modify theta. It may be nil when only losses
	// are asked for, as by NumericGradient.
	Grad func(grad, theta []float64)
}

// Dim returns f.N.
func (f Func) Dim() int { return f.N }

// LossGrad returns f.Loss(theta) and, when grad is not nil, calls f.Grad(grad, theta).
// It panics if len(theta) or a non-nil len(grad) differs from f.N, or if grad is not nil and
// f.Grad is.
func (f Func) LossGrad(grad, theta []float64) float64 {
	checkLens("Func.LossGrad", f.N, grad, theta)
	if grad != nil {
		if f.Grad == nil {
			panic("optim: Func.LossGrad: a gradient was asked for and Func.Grad is nil")
		}
		f.Grad(grad, theta)
	}
	return f.Loss(theta)
}

// L2 is the ridge penalty added to the ready objectives, in the convention that θ₀ is the
// coefficient of a leading column of ones in X, the bias, and is not penalised:
//
//	R(θ) = λ/(2m) · Σ_{j≥1} θⱼ²,   ∂R/∂θⱼ = (λ/m)·θⱼ for j ≥ 1, and 0 for j = 0,
//
// where m is the number of rows of X. The zero value is no penalty. Dividing by m keeps λ on
// the scale of the data term 1/m·Σᵢ ℓᵢ: for logistic regression, scikit-learn's objective
// C·Σᵢ ℓᵢ + ½‖w‖² (intercept not penalised) has the same minimiser as λ = 1/C here.
type L2 struct {
	// Lambda is λ ≥ 0, the strength of the penalty.
	Lambda float64
	// PenalizeBias penalises θ₀ as well, for an X without a leading column of ones.
	PenalizeBias bool
}

// first returns the index of the first penalised parameter.
func (p L2) first() int {
	if p.PenalizeBias {
		return 0
	}
	return 1
}

// checkLens panics unless theta has length n and grad is nil or has length n.
func checkLens(where string, n int, grad, theta []float64) {
	if len(theta) != n {
		panic(fmt.Sprintf("optim: %s: len(theta) = %d, want %d", where, len(theta), n))
	}
	if grad != nil && len(grad) != n {
		panic(fmt.Sprintf("optim: %s: len(grad) = %d, want %d", where, len(grad), n))
	}
}
