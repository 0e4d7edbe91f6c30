// Package softmax holds exercise 17: multinomial logistic (softmax) regression — a stable
// softmax, one-hot targets, the cross-entropy and its gradient, a gradient-descent fit, and
// predictions for K classes. See README.md for the task.
package softmax

import "gonum.org/v1/gonum/mat"

// Softmax returns the probabilities pₖ = e^zₖ / Σⱼ e^zⱼ of the logits z, computed as
// e^(zₖ − max z) / Σⱼ e^(zⱼ − max z) so that no exponential exceeds 1: the result is finite,
// sums to 1 and has the same length as z for every finite z (Softmax([1000, 999]) is
// Softmax([1, 0])). z is not modified.
//
// It panics if z is empty.
func Softmax(z []float64) []float64 {
	panic("not implemented")
}

// OneHot returns the m×k matrix Y of the labels y (m = len(y)): row i is all zeros except
// Y[i][y[i]] = 1, so label c goes to column c (label 0 to column 0). A class with no label in y
// has a column of zeros. y is not modified.
//
// It panics if k < 1 or a label is outside [0, k).
func OneHot(y []int, k int) *mat.Dense {
	panic("not implemented")
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
	panic("not implemented")
}

// CrossEntropyGrad returns the n×K gradient of CrossEntropy, ∇J(Θ) = 1/m·Xᵀ(P − Y), with P the
// m×K matrix of the softmax of each row of XΘ and Y = OneHot(y, K). No input is modified.
//
// It panics as CrossEntropy does.
func CrossEntropyGrad(X *mat.Dense, y []int, Theta *mat.Dense) *mat.Dense {
	panic("not implemented")
}

// Fit runs iters steps of batch gradient descent on CrossEntropy from Θ = 0 (n×k),
// Θ ← Θ − α·∇J(Θ), and returns the final Θ and the loss history: history[s] is J after s
// steps, so len(history) = iters+1 and history[0] = ln k. No input is modified.
//
// It panics as CrossEntropy does, or if k < 2, α ≤ 0 or iters < 0.
func Fit(X *mat.Dense, y []int, k int, alpha float64, iters int) (Theta *mat.Dense, history []float64) {
	panic("not implemented")
}

// PredictProba returns the m×K matrix of class probabilities: row i is Softmax(xᵢΘ), so each
// row sums to 1. No input is modified.
//
// It panics if Θ does not have a row per column of X.
func PredictProba(X, Theta *mat.Dense) *mat.Dense {
	panic("not implemented")
}

// Predict returns the most probable class of each row of X, the index of the largest logit of
// xᵢΘ (the same as the largest probability); on a tie, the lowest class index. No input is
// modified.
//
// It panics as PredictProba does.
func Predict(X, Theta *mat.Dense) []int {
	panic("not implemented")
}
