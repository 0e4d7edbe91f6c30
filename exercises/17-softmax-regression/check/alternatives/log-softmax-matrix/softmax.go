// Package softmax is an alternative correct solution of exercise 17, written from the README
// alone around the log-softmax: each row of the m×K matrix L = log P is z − LSE(z) (gonum's
// floats.LogSumExp, which subtracts the max), the loss is −mean Lᵢ,yᵢ, P = exp(L), the
// gradient is one matrix product Xᵀ(P − Y)/m, and Fit updates Θ in place with AddScaled.
package softmax

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Softmax returns exp(z − LSE(z)).
func Softmax(z []float64) []float64 {
	p := append([]float64(nil), z...)
	floats.AddConst(-floats.LogSumExp(z), p)
	for k := range p {
		p[k] = math.Exp(p[k])
	}
	return p
}

// OneHot returns the one-hot matrix of y.
func OneHot(y []int, k int) *mat.Dense {
	data := make([]float64, len(y)*k)
	for i, c := range y {
		data[i*k+c] = 1
	}
	return mat.NewDense(len(y), k, data)
}

// logSoftmax returns L with Lᵢₖ = zᵢₖ − LSE(zᵢ), z = XΘ.
func logSoftmax(X, Theta *mat.Dense) *mat.Dense {
	var L mat.Dense
	L.Mul(X, Theta)
	m, _ := L.Dims()
	for i := range m {
		row := L.RawRowView(i)
		floats.AddConst(-floats.LogSumExp(row), row)
	}
	return &L
}

// CrossEntropy returns −1/m·Σᵢ Lᵢ,yᵢ.
func CrossEntropy(X *mat.Dense, y []int, Theta *mat.Dense) float64 {
	L := logSoftmax(X, Theta)
	s := 0.0
	for i, c := range y {
		s -= L.At(i, c)
	}
	return s / float64(len(y))
}

// CrossEntropyGrad returns Xᵀ(exp(L) − Y)/m.
func CrossEntropyGrad(X *mat.Dense, y []int, Theta *mat.Dense) *mat.Dense {
	P := PredictProba(X, Theta)
	_, k := Theta.Dims()
	P.Sub(P, OneHot(y, k))
	var G mat.Dense
	G.Mul(X.T(), P)
	G.Scale(1/float64(len(y)), &G)
	return &G
}

// Fit runs gradient descent from Θ = 0, updating Θ's entries in place.
func Fit(X *mat.Dense, y []int, k int, alpha float64, iters int) (*mat.Dense, []float64) {
	_, n := X.Dims()
	Theta := mat.NewDense(n, k, nil)
	history := make([]float64, 0, iters+1)
	history = append(history, CrossEntropy(X, y, Theta))
	for range iters {
		G := CrossEntropyGrad(X, y, Theta)
		floats.AddScaled(Theta.RawMatrix().Data, -alpha, G.RawMatrix().Data)
		history = append(history, CrossEntropy(X, y, Theta))
	}
	return Theta, history
}

// PredictProba returns exp(L).
func PredictProba(X, Theta *mat.Dense) *mat.Dense {
	L := logSoftmax(X, Theta)
	L.Apply(func(_, _ int, v float64) float64 { return math.Exp(v) }, L)
	return L
}

// Predict returns the first arg max of each row of XΘ (floats.MaxIdx takes the first).
func Predict(X, Theta *mat.Dense) []int {
	var Z mat.Dense
	Z.Mul(X, Theta)
	m, _ := Z.Dims()
	out := make([]int, m)
	for i := range m {
		out[i] = floats.MaxIdx(Z.RawRowView(i))
	}
	return out
}
