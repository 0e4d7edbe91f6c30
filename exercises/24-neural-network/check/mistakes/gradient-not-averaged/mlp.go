// Package mlp holds exercise 24: a neural network from scratch — a one-hidden-layer perceptron
// with tanh hidden units and a softmax output, its forward pass, its gradient by
// backpropagation, a seeded initialisation and mini-batch SGD. See README.md for the task.
package mlp

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Params holds the weights of a network with p features, h hidden units and c classes.
type Params struct {
	W1 *mat.Dense // h×p: row j holds hidden unit j's weights
	B1 []float64  // h: the hidden units' biases
	W2 *mat.Dense // c×h: row k holds class k's weights
	B2 []float64  // c: the classes' biases
}

// Init returns Glorot-uniform weights and zero biases, drawn from
// rand.New(rand.NewPCG(seed, 0)): W1 row by row, each (2u − 1)·√(6/(p + h)), then W2 row by row,
// each (2u − 1)·√(6/(h + c)), u = rng.Float64().
func Init(p, h, c int, seed uint64) Params {
	rng := rand.New(rand.NewPCG(seed, 0))
	W1 := mat.NewDense(h, p, nil)
	b := math.Sqrt(6 / float64(p+h))
	for j := range h {
		for i := range p {
			W1.Set(j, i, (2*rng.Float64()-1)*b)
		}
	}
	W2 := mat.NewDense(c, h, nil)
	b = math.Sqrt(6 / float64(h+c))
	for k := range c {
		for j := range h {
			W2.Set(k, j, (2*rng.Float64()-1)*b)
		}
	}
	return Params{W1: W1, B1: make([]float64, h), W2: W2, B2: make([]float64, c)}
}

// hidden returns A1 = tanh(X·W1ᵀ + b1), m×h.
func hidden(params Params, X *mat.Dense) *mat.Dense {
	var A mat.Dense
	A.Mul(X, params.W1.T())
	m, h := A.Dims()
	for i := range m {
		for j := range h {
			A.Set(i, j, math.Tanh(A.At(i, j)+params.B1[j]))
		}
	}
	return &A
}

// logits returns Z2 = A1·W2ᵀ + b2, m×c.
func logits(params Params, A1 *mat.Dense) *mat.Dense {
	var Z mat.Dense
	Z.Mul(A1, params.W2.T())
	m, c := Z.Dims()
	for i := range m {
		for k := range c {
			Z.Set(i, k, Z.At(i, k)+params.B2[k])
		}
	}
	return &Z
}

// softmaxRows replaces each row of Z by its softmax, the largest logit subtracted first, and
// returns the log-sum-exp of each row.
func softmaxRows(Z *mat.Dense) []float64 {
	m, c := Z.Dims()
	lse := make([]float64, m)
	for i := range m {
		row := Z.RawRowView(i)
		mx := slices.Max(row)
		s := 0.0
		for k := range c {
			row[k] = math.Exp(row[k] - mx)
			s += row[k]
		}
		for k := range c {
			row[k] /= s
		}
		lse[i] = mx + math.Log(s)
	}
	return lse
}

// Forward returns the m×c class probabilities of the rows of X.
func Forward(params Params, X *mat.Dense) *mat.Dense {
	P := logits(params, hidden(params, X))
	softmaxRows(P)
	return P
}

// LossAndGrad returns the mean cross-entropy plus λ/(2m)·(‖W1‖² + ‖W2‖²) and its gradient.
func LossAndGrad(params Params, X *mat.Dense, y []int, lambda float64) (loss float64, grad Params) {
	m, p := X.Dims()
	h, _ := params.W1.Dims()
	c, _ := params.W2.Dims()
	A1 := hidden(params, X)
	P := logits(params, A1)
	zy := make([]float64, m)
	for i := range m {
		zy[i] = P.At(i, y[i])
	}
	lse := softmaxRows(P)
	for i := range m {
		loss += lse[i] - zy[i]
	}
	loss /= float64(m)
	sq := 0.0
	for _, W := range []*mat.Dense{params.W1, params.W2} {
		r, cols := W.Dims()
		for a := range r {
			for b := range cols {
				sq += W.At(a, b) * W.At(a, b)
			}
		}
	}
	loss += lambda / (2 * float64(m)) * sq

	// D2 = (P − Y)/m, the gradient of the loss with respect to the logits.
	D2 := P
	for i := range m {
		D2.Set(i, y[i], D2.At(i, y[i])-1)
	}
	grad.W2 = mat.NewDense(c, h, nil)
	grad.W2.Mul(D2.T(), A1)
	grad.B2 = make([]float64, c)
	for i := range m {
		for k := range c {
			grad.B2[k] += D2.At(i, k)
		}
	}
	// D1 = (D2·W2) ⊙ (1 − A1²), back through the tanh.
	var D1 mat.Dense
	D1.Mul(D2, params.W2)
	for i := range m {
		for j := range h {
			a := A1.At(i, j)
			D1.Set(i, j, D1.At(i, j)*(1-a*a))
		}
	}
	grad.W1 = mat.NewDense(h, p, nil)
	grad.W1.Mul(D1.T(), X)
	grad.B1 = make([]float64, h)
	for i := range m {
		for j := range h {
			grad.B1[j] += D1.At(i, j)
		}
	}
	var r1, r2 mat.Dense
	r1.Scale(lambda/float64(m), params.W1)
	r2.Scale(lambda/float64(m), params.W2)
	grad.W1.Add(grad.W1, &r1)
	grad.W2.Add(grad.W2, &r2)
	return loss, grad
}

// Train runs mini-batch SGD from Init(p, hidden, c, seed) with c = the largest label + 1.
func Train(X *mat.Dense, y []int, hidden, epochs, batch int, lr float64, seed uint64) (params Params, history []float64) {
	m, p := X.Dims()
	c := slices.Max(y) + 1
	params = Init(p, hidden, c, seed)
	loss, _ := LossAndGrad(params, X, y, 0)
	history = append(history, loss)
	rng := rand.New(rand.NewPCG(seed, 1))
	for range epochs {
		order := rng.Perm(m)
		for lo := 0; lo < m; lo += batch {
			hi := min(lo+batch, m)
			Xb := mat.NewDense(hi-lo, p, nil)
			var yb []int
			for r := lo; r < hi; r++ {
				Xb.SetRow(r-lo, X.RawRowView(order[r]))
				yb = append(yb, y[order[r]])
			}
			_, g := LossAndGrad(params, Xb, yb, 0)
			g.W1.Scale(lr, g.W1)
			g.W2.Scale(lr, g.W2)
			params.W1.Sub(params.W1, g.W1)
			params.W2.Sub(params.W2, g.W2)
			for j := range params.B1 {
				params.B1[j] -= lr * g.B1[j]
			}
			for k := range params.B2 {
				params.B2[k] -= lr * g.B2[k]
			}
		}
		loss, _ := LossAndGrad(params, X, y, 0)
		history = append(history, loss)
	}
	return params, history
}
