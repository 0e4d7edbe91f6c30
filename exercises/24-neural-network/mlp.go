// Package mlp holds exercise 24: a neural network from scratch — a one-hidden-layer perceptron
// with tanh hidden units and a softmax output, its forward pass, its gradient by
// backpropagation, a seeded initialisation and mini-batch SGD. See README.md for the task.
package mlp

import "gonum.org/v1/gonum/mat"

// Params holds the weights of a network with p features, h hidden units and c classes.
type Params struct {
	W1 *mat.Dense // h×p: row j holds hidden unit j's weights
	B1 []float64  // h: the hidden units' biases
	W2 *mat.Dense // c×h: row k holds class k's weights
	B2 []float64  // c: the classes' biases
}

// Init returns the starting weights of a network with p features, h hidden units and c
// classes (Glorot's uniform scheme): with rng := rand.New(rand.NewPCG(seed, 0)), every entry
// of W1, row by row, is (2u − 1)·√(6/(p + h)), then every entry of W2, row by row, is
// (2u − 1)·√(6/(h + c)), each u a new rng.Float64(). B1 and B2 are zero.
func Init(p, h, c int, seed uint64) Params {
	panic("not implemented")
}

// Forward returns the m×c class probabilities of the rows of X (m×p):
// A1 = tanh(X·W1ᵀ + b1), Z2 = A1·W2ᵀ + b2, and each row of the result is the softmax of the
// row of Z2 (the largest logit subtracted first). No input is modified.
//
// It panics if the shapes of params do not fit each other and X.
func Forward(params Params, X *mat.Dense) *mat.Dense {
	panic("not implemented")
}

// LossAndGrad returns the loss of params on the rows of X with labels y in [0, c),
//
//	J = −1/m·Σᵢ log Pᵢ,yᵢ + λ/(2m)·(‖W1‖² + ‖W2‖²)   (biases not penalised),
//
// with −log Pᵢ,y computed as LSE(zᵢ) − zᵢ,y, and its gradient by backpropagation: grad has the
// shapes of params (grad.W1 is h×p, grad.W2 c×h) and grad.W1[j][i] = ∂J/∂W1[j][i], and so on.
// No input is modified.
//
// It panics if len(y) is not the number of rows of X, a label is outside [0, c), or the
// shapes do not fit.
func LossAndGrad(params Params, X *mat.Dense, y []int, lambda float64) (loss float64, grad Params) {
	panic("not implemented")
}

// Train fits a network with hidden units to the rows of X and the labels y by mini-batch SGD
// (λ = 0), from Init(p, hidden, c, seed) with c = the largest label + 1. With
// rng := rand.New(rand.NewPCG(seed, 1)), made once before the first epoch, each epoch takes
// order := rng.Perm(m) and, for each batch order[0:batch], order[batch:2·batch], … (the last
// one shorter when batch does not divide m), takes one step W ← W − lr·∂J_batch/∂W on all four
// parts of params. history[0] is the loss on all of X before the first step and history[e]
// after epoch e (epochs + 1 values). No input is modified.
//
// It panics if X has no rows, len(y) is not its number of rows, hidden, batch or lr is not
// positive, or epochs is negative.
func Train(X *mat.Dense, y []int, hidden, epochs, batch int, lr float64, seed uint64) (params Params, history []float64) {
	panic("not implemented")
}
