// Package softmax holds exercise 17: multinomial logistic (softmax) regression — a stable
// softmax, one-hot targets, the cross-entropy and its gradient, a gradient-descent fit, and
// predictions for K classes. See README.md for the task.
package softmax

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Softmax returns the probabilities pₖ = e^zₖ / Σⱼ e^zⱼ of the logits z, computed as
// e^(zₖ − max z) / Σⱼ e^(zⱼ − max z) so that no exponential exceeds 1: the result is finite,
// sums to 1 and has the same length as z for every finite z (Softmax([1000, 999]) is
// Softmax([1, 0])). z is not modified.
//
// It panics if z is empty.
func Softmax(z []float64) []float64 {
	// Mistake: e^z straight away, without subtracting the largest logit.
	p := make([]float64, len(z))
	sum := 0.0
	for k, v := range z {
		p[k] = math.Exp(v)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return p
}

// logSumExp returns log Σₖ e^zₖ, computed as max z + log Σₖ e^(zₖ − max z).
func logSumExp(z []float64) float64 {
	// Mistake: log Σ e^z straight away, without subtracting the largest logit.
	sum := 0.0
	for _, v := range z {
		sum += math.Exp(v)
	}
	return math.Log(sum)
}

// OneHot returns the m×k matrix Y of the labels y (m = len(y)): row i is all zeros except
// Y[i][y[i]] = 1, so label c goes to column c (label 0 to column 0). A class with no label in y
// has a column of zeros. y is not modified.
//
// It panics if k < 1 or a label is outside [0, k).
func OneHot(y []int, k int) *mat.Dense {
	if k < 1 {
		panic(fmt.Sprintf("softmax.OneHot: k = %d, want at least 1", k))
	}
	Y := mat.NewDense(len(y), k, nil)
	for i, c := range y {
		if c < 0 || c >= k {
			panic(fmt.Sprintf("softmax.OneHot: y[%d] = %d, want a label in [0, %d)", i, c, k))
		}
		Y.Set(i, c, 1)
	}
	return Y
}

// CrossEntropy returns the mean cross-entropy of the softmax model with the n×K parameter
// matrix Θ (column k holds the weights of class k) on the labels y ∈ {0, …, K−1}:
//
//	J(Θ) = −1/m·Σᵢ log Pᵢ,yᵢ = 1/m·Σᵢ [LSE(zᵢ) − zᵢ,yᵢ],
//
// with the logits zᵢ = xᵢΘ (row i of XΘ, K values), P the softmax of each row, and
// LSE(z) = log Σₖ e^zₖ = max z + log Σₖ e^(zₖ − max z). The second form never takes the log of
// a probability that rounded to 0, so it is finite for every finite Θ. X (m×n) has the column of
// ones first. No input is modified.
//
// It panics if len(y) is not the number of rows of X, Θ does not have a row per column of X,
// or a label is outside [0, K).
func CrossEntropy(X *mat.Dense, y []int, Theta *mat.Dense) float64 {
	Z := logits("CrossEntropy", X, y, Theta)
	m, k := Z.Dims()
	Y := OneHot(y, k)
	sum := 0.0
	for i := range m {
		z := Z.RawRowView(i)
		lse := logSumExp(z)
		for c := range k {
			sum += Y.At(i, c) * (lse - z[c]) // −log Pᵢ꜀ for the true class, 0 for the others
		}
	}
	return sum / float64(m)
}

// CrossEntropyGrad returns the n×K gradient of CrossEntropy, ∇J(Θ) = 1/m·Xᵀ(P − Y), with P the
// m×K matrix of the softmax of each row of XΘ and Y = OneHot(y, K). No input is modified.
//
// It panics as CrossEntropy does.
func CrossEntropyGrad(X *mat.Dense, y []int, Theta *mat.Dense) *mat.Dense {
	Z := logits("CrossEntropyGrad", X, y, Theta)
	m, k := Z.Dims()
	R := probabilities(Z)
	R.Sub(R, OneHot(y, k))
	var G mat.Dense
	G.Mul(X.T(), R)
	G.Scale(1/float64(m), &G)
	return &G
}

// Fit runs iters steps of batch gradient descent on CrossEntropy from Θ = 0 (n×k),
// Θ ← Θ − α·∇J(Θ), and returns the final Θ and the loss history: history[s] is J after s
// steps, so len(history) = iters+1 and history[0] = ln k. No input is modified.
//
// It panics as CrossEntropy does, or if k < 2, α ≤ 0 or iters < 0.
func Fit(X *mat.Dense, y []int, k int, alpha float64, iters int) (Theta *mat.Dense, history []float64) {
	if k < 2 || !(alpha > 0) || iters < 0 {
		panic(fmt.Sprintf("softmax.Fit: k = %d, α = %v, iters = %d; want k ≥ 2, α > 0 and iters ≥ 0", k, alpha, iters))
	}
	_, n := X.Dims()
	Theta = mat.NewDense(n, k, nil)
	history = append(history, CrossEntropy(X, y, Theta))
	for range iters {
		G := CrossEntropyGrad(X, y, Theta)
		G.Scale(alpha, G)
		Theta.Sub(Theta, G)
		history = append(history, CrossEntropy(X, y, Theta))
	}
	return Theta, history
}

// PredictProba returns the m×K matrix of class probabilities: row i is Softmax(xᵢΘ), so each
// row sums to 1. No input is modified.
//
// It panics if Θ does not have a row per column of X.
func PredictProba(X, Theta *mat.Dense) *mat.Dense {
	return probabilities(logits("PredictProba", X, nil, Theta))
}

// Predict returns the most probable class of each row of X, the index of the largest logit of
// xᵢΘ (the same as the largest probability); on a tie, the lowest class index. No input is
// modified.
//
// It panics as PredictProba does.
func Predict(X, Theta *mat.Dense) []int {
	Z := logits("Predict", X, nil, Theta)
	m, _ := Z.Dims()
	classes := make([]int, m)
	for i := range m {
		z := Z.RawRowView(i)
		best := 0
		for c := range z {
			if z[c] > z[best] { // strictly greater: a tie keeps the lower class
				best = c
			}
		}
		classes[i] = best
	}
	return classes
}

// probabilities returns a new matrix whose row i is the softmax of row i of Z.
func probabilities(Z *mat.Dense) *mat.Dense {
	m, k := Z.Dims()
	P := mat.NewDense(m, k, nil)
	for i := range m {
		P.SetRow(i, Softmax(Z.RawRowView(i)))
	}
	return P
}

// logits returns Z = XΘ after checking the shapes and, when y is not nil, the labels.
func logits(fn string, X *mat.Dense, y []int, Theta *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	rows, k := Theta.Dims()
	if rows != n || (y != nil && len(y) != m) {
		panic(fmt.Sprintf("softmax.%s: X is %d×%d, Θ %d×%d and y has %d labels", fn, m, n, rows, k, len(y)))
	}
	for i, c := range y {
		if c < 0 || c >= k {
			panic(fmt.Sprintf("softmax.%s: y[%d] = %d, want a label in [0, %d)", fn, i, c, k))
		}
	}
	Z := mat.NewDense(m, k, nil)
	Z.Mul(X, Theta)
	return Z
}
