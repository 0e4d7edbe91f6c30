// Package mlp: an alternative solution that backpropagates one example at a time with plain
// loops and slices, accumulating the gradient, and divides by m at the end.
package mlp

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Params holds the weights of a network with p features, h hidden units and c classes.
type Params struct {
	W1 *mat.Dense
	B1 []float64
	W2 *mat.Dense
	B2 []float64
}

// Init returns Glorot-uniform weights and zero biases.
func Init(p, h, c int, seed uint64) Params {
	rng := rand.New(rand.NewPCG(seed, 0))
	draw := func(rows, cols int) *mat.Dense {
		bound := math.Sqrt(6.0 / float64(rows+cols))
		data := make([]float64, rows*cols)
		for i := range data {
			data[i] = (2*rng.Float64() - 1) * bound
		}
		return mat.NewDense(rows, cols, data)
	}
	w1 := draw(h, p)
	w2 := draw(c, h)
	return Params{W1: w1, B1: make([]float64, h), W2: w2, B2: make([]float64, c)}
}

// example runs the forward pass of one row x: the hidden activations and the logits.
func example(pr Params, x []float64) (a, z []float64) {
	h, p := pr.W1.Dims()
	c, _ := pr.W2.Dims()
	a = make([]float64, h)
	for j := 0; j < h; j++ {
		s := pr.B1[j]
		for i := 0; i < p; i++ {
			s += pr.W1.At(j, i) * x[i]
		}
		a[j] = math.Tanh(s)
	}
	z = make([]float64, c)
	for k := 0; k < c; k++ {
		s := pr.B2[k]
		for j := 0; j < h; j++ {
			s += pr.W2.At(k, j) * a[j]
		}
		z[k] = s
	}
	return a, z
}

// softmax returns the probabilities of the logits z and log Σ e^z.
func softmax(z []float64) ([]float64, float64) {
	mx := math.Inf(-1)
	for _, v := range z {
		if v > mx {
			mx = v
		}
	}
	p := make([]float64, len(z))
	sum := 0.0
	for k, v := range z {
		p[k] = math.Exp(v - mx)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return p, mx + math.Log(sum)
}

// Forward returns the class probabilities of each row of X.
func Forward(params Params, X *mat.Dense) *mat.Dense {
	m, _ := X.Dims()
	c, _ := params.W2.Dims()
	P := mat.NewDense(m, c, nil)
	for i := 0; i < m; i++ {
		_, z := example(params, mat.Row(nil, i, X))
		p, _ := softmax(z)
		P.SetRow(i, p)
	}
	return P
}

// LossAndGrad returns the penalised cross-entropy and its gradient.
func LossAndGrad(params Params, X *mat.Dense, y []int, lambda float64) (float64, Params) {
	m, p := X.Dims()
	h, _ := params.W1.Dims()
	c, _ := params.W2.Dims()
	gW1 := make([]float64, h*p)
	gB1 := make([]float64, h)
	gW2 := make([]float64, c*h)
	gB2 := make([]float64, c)
	loss := 0.0
	for i := 0; i < m; i++ {
		x := mat.Row(nil, i, X)
		a, z := example(params, x)
		prob, lse := softmax(z)
		loss += lse - z[y[i]]
		d2 := prob
		d2[y[i]] -= 1
		d1 := make([]float64, h)
		for k := 0; k < c; k++ {
			gB2[k] += d2[k]
			for j := 0; j < h; j++ {
				gW2[k*h+j] += d2[k] * a[j]
				d1[j] += d2[k] * params.W2.At(k, j)
			}
		}
		for j := 0; j < h; j++ {
			d1[j] *= 1 - a[j]*a[j]
			gB1[j] += d1[j]
			for f := 0; f < p; f++ {
				gW1[j*p+f] += d1[j] * x[f]
			}
		}
	}
	fm := float64(m)
	penalty := 0.0
	for j := 0; j < h; j++ {
		for f := 0; f < p; f++ {
			w := params.W1.At(j, f)
			penalty += w * w
			gW1[j*p+f] = gW1[j*p+f]/fm + lambda/fm*w
		}
		gB1[j] /= fm
	}
	for k := 0; k < c; k++ {
		for j := 0; j < h; j++ {
			w := params.W2.At(k, j)
			penalty += w * w
			gW2[k*h+j] = gW2[k*h+j]/fm + lambda/fm*w
		}
		gB2[k] /= fm
	}
	loss = loss/fm + lambda/(2*fm)*penalty
	return loss, Params{W1: mat.NewDense(h, p, gW1), B1: gB1, W2: mat.NewDense(c, h, gW2), B2: gB2}
}

// Train runs mini-batch SGD.
func Train(X *mat.Dense, y []int, hidden, epochs, batch int, lr float64, seed uint64) (Params, []float64) {
	m, p := X.Dims()
	c := 0
	for _, label := range y {
		if label+1 > c {
			c = label + 1
		}
	}
	pr := Init(p, hidden, c, seed)
	l, _ := LossAndGrad(pr, X, y, 0)
	history := []float64{l}
	rng := rand.New(rand.NewPCG(seed, 1))
	for e := 0; e < epochs; e++ {
		order := rng.Perm(m)
		for start := 0; start < m; start += batch {
			end := start + batch
			if end > m {
				end = m
			}
			Xb := mat.NewDense(end-start, p, nil)
			yb := make([]int, 0, end-start)
			for r, idx := range order[start:end] {
				Xb.SetRow(r, mat.Row(nil, idx, X))
				yb = append(yb, y[idx])
			}
			_, g := LossAndGrad(pr, Xb, yb, 0)
			for j := 0; j < hidden; j++ {
				for f := 0; f < p; f++ {
					pr.W1.Set(j, f, pr.W1.At(j, f)-lr*g.W1.At(j, f))
				}
				pr.B1[j] -= lr * g.B1[j]
			}
			for k := 0; k < c; k++ {
				for j := 0; j < hidden; j++ {
					pr.W2.Set(k, j, pr.W2.At(k, j)-lr*g.W2.At(k, j))
				}
				pr.B2[k] -= lr * g.B2[k]
			}
		}
		l, _ := LossAndGrad(pr, X, y, 0)
		history = append(history, l)
	}
	return pr, history
}
