// Package mlp: an alternative solution written with whole-matrix operations: a one-hot label
// matrix, mat.Apply for tanh and its derivative, MulElem for the ⊙, and a ones vector for the
// column sums.
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
	W1 := mat.NewDense(h, p, nil)
	W2 := mat.NewDense(c, h, nil)
	for _, l := range []struct {
		W     *mat.Dense
		bound float64
	}{{W1, math.Sqrt(6 / float64(p+h))}, {W2, math.Sqrt(6 / float64(h+c))}} {
		r, cols := l.W.Dims()
		for i := 0; i < r; i++ {
			for j := 0; j < cols; j++ {
				u := rng.Float64()
				l.W.Set(i, j, l.bound*(2*u-1))
			}
		}
	}
	return Params{W1, make([]float64, h), W2, make([]float64, c)}
}

// affine returns A·Wᵀ + b (b added to every row).
func affine(A mat.Matrix, W *mat.Dense, b []float64) *mat.Dense {
	var Z mat.Dense
	Z.Mul(A, W.T())
	Z.Apply(func(_, j int, v float64) float64 { return v + b[j] }, &Z)
	return &Z
}

// layers returns A1 and the logits Z2.
func layers(pr Params, X *mat.Dense) (*mat.Dense, *mat.Dense) {
	A1 := affine(X, pr.W1, pr.B1)
	A1.Apply(func(_, _ int, v float64) float64 { return math.Tanh(v) }, A1)
	return A1, affine(A1, pr.W2, pr.B2)
}

// logSoftmax returns the log-probabilities of each row of Z.
func logSoftmax(Z *mat.Dense) *mat.Dense {
	m, _ := Z.Dims()
	L := mat.DenseCopyOf(Z)
	for i := 0; i < m; i++ {
		row := L.RawRowView(i)
		mx := row[0]
		for _, v := range row[1:] {
			mx = math.Max(mx, v)
		}
		s := 0.0
		for _, v := range row {
			s += math.Exp(v - mx)
		}
		lse := mx + math.Log(s)
		for k := range row {
			row[k] -= lse
		}
	}
	return L
}

// Forward returns the class probabilities of each row of X.
func Forward(params Params, X *mat.Dense) *mat.Dense {
	_, Z := layers(params, X)
	P := logSoftmax(Z)
	P.Apply(func(_, _ int, v float64) float64 { return math.Exp(v) }, P)
	return P
}

// LossAndGrad returns the penalised cross-entropy and its gradient.
func LossAndGrad(params Params, X *mat.Dense, y []int, lambda float64) (float64, Params) {
	m, _ := X.Dims()
	c, _ := params.W2.Dims()
	A1, Z := layers(params, X)
	L := logSoftmax(Z)
	Y := mat.NewDense(m, c, nil)
	for i, k := range y {
		Y.Set(i, k, 1)
	}
	var YL mat.Dense
	YL.MulElem(Y, L)
	fm := float64(m)
	norm := func(W *mat.Dense) float64 { f := mat.Norm(W, 2); return f * f }
	loss := -mat.Sum(&YL)/fm + lambda/(2*fm)*(norm(params.W1)+norm(params.W2))

	var D2 mat.Dense
	L.Apply(func(_, _ int, v float64) float64 { return math.Exp(v) }, L)
	D2.Sub(L, Y)
	D2.Scale(1/fm, &D2)
	ones := mat.NewVecDense(m, nil)
	for i := 0; i < m; i++ {
		ones.SetVec(i, 1)
	}
	colSums := func(D *mat.Dense) []float64 {
		var s mat.VecDense
		s.MulVec(D.T(), ones)
		return s.RawVector().Data
	}
	var gW2, gW1, D1, deriv mat.Dense
	gW2.Mul(D2.T(), A1)
	D1.Mul(&D2, params.W2)
	deriv.Apply(func(_, _ int, a float64) float64 { return 1 - a*a }, A1)
	D1.MulElem(&D1, &deriv)
	gW1.Mul(D1.T(), X)
	var r1, r2 mat.Dense
	r1.Scale(lambda/fm, params.W1)
	r2.Scale(lambda/fm, params.W2)
	gW1.Add(&gW1, &r1)
	gW2.Add(&gW2, &r2)
	return loss, Params{W1: &gW1, B1: colSums(&D1), W2: &gW2, B2: colSums(&D2)}
}

// Train runs mini-batch SGD.
func Train(X *mat.Dense, y []int, hidden, epochs, batch int, lr float64, seed uint64) (Params, []float64) {
	m, p := X.Dims()
	c := 0
	for _, v := range y {
		c = max(c, v+1)
	}
	pr := Init(p, hidden, c, seed)
	history := make([]float64, 0, epochs+1)
	loss, _ := LossAndGrad(pr, X, y, 0)
	history = append(history, loss)
	rng := rand.New(rand.NewPCG(seed, 1))
	for epoch := 0; epoch < epochs; epoch++ {
		perm := rng.Perm(m)
		for len(perm) > 0 {
			n := min(batch, len(perm))
			idx := perm[:n]
			perm = perm[n:]
			Xb := mat.NewDense(n, p, nil)
			yb := make([]int, n)
			for r, i := range idx {
				copy(Xb.RawRowView(r), X.RawRowView(i))
				yb[r] = y[i]
			}
			_, g := LossAndGrad(pr, Xb, yb, 0)
			var s1, s2 mat.Dense
			s1.Scale(lr, g.W1)
			s2.Scale(lr, g.W2)
			pr.W1.Sub(pr.W1, &s1)
			pr.W2.Sub(pr.W2, &s2)
			for j := range pr.B1 {
				pr.B1[j] -= lr * g.B1[j]
			}
			for k := range pr.B2 {
				pr.B2[k] -= lr * g.B2[k]
			}
		}
		loss, _ := LossAndGrad(pr, X, y, 0)
		history = append(history, loss)
	}
	return pr, history
}
