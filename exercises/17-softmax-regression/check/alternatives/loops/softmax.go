// Package softmax is an alternative correct solution of exercise 17, written from the README
// alone with plain loops and no matrix products: the softmax as e^(z − LSE(z)), the loss per
// row as LSE(z) − z_y, the gradient accumulated row by row as the outer product xᵢᵀ(pᵢ − eᵧᵢ),
// and Predict as the first arg max of PredictProba's rows.
package softmax

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// logSumExp returns log Σ e^zₖ without overflow.
func logSumExp(z []float64) float64 {
	mx := math.Inf(-1)
	for _, v := range z {
		if v > mx {
			mx = v
		}
	}
	s := 0.0
	for _, v := range z {
		s += math.Exp(v - mx)
	}
	return mx + math.Log(s)
}

// Softmax returns e^(zₖ − LSE(z)).
func Softmax(z []float64) []float64 {
	l := logSumExp(z)
	p := make([]float64, len(z))
	for k, v := range z {
		p[k] = math.Exp(v - l)
	}
	return p
}

// OneHot returns the one-hot matrix of y.
func OneHot(y []int, k int) *mat.Dense {
	Y := mat.NewDense(len(y), k, nil)
	for i := range y {
		for c := 0; c < k; c++ {
			if y[i] == c {
				Y.Set(i, c, 1)
			}
		}
	}
	return Y
}

// rowLogits returns the K logits of row i.
func rowLogits(X, Theta *mat.Dense, i int) []float64 {
	n, k := Theta.Dims()
	z := make([]float64, k)
	for c := 0; c < k; c++ {
		for j := 0; j < n; j++ {
			z[c] += X.At(i, j) * Theta.At(j, c)
		}
	}
	return z
}

// CrossEntropy returns the mean of LSE(zᵢ) − zᵢ,yᵢ.
func CrossEntropy(X *mat.Dense, y []int, Theta *mat.Dense) float64 {
	m, _ := X.Dims()
	total := 0.0
	for i := 0; i < m; i++ {
		z := rowLogits(X, Theta, i)
		total += logSumExp(z) - z[y[i]]
	}
	return total / float64(m)
}

// CrossEntropyGrad returns 1/m·Σᵢ xᵢᵀ(pᵢ − eᵧᵢ).
func CrossEntropyGrad(X *mat.Dense, y []int, Theta *mat.Dense) *mat.Dense {
	m, _ := X.Dims()
	n, k := Theta.Dims()
	G := mat.NewDense(n, k, nil)
	for i := 0; i < m; i++ {
		p := Softmax(rowLogits(X, Theta, i))
		p[y[i]] -= 1
		for j := 0; j < n; j++ {
			for c := 0; c < k; c++ {
				G.Set(j, c, G.At(j, c)+X.At(i, j)*p[c])
			}
		}
	}
	for j := 0; j < n; j++ {
		for c := 0; c < k; c++ {
			G.Set(j, c, G.At(j, c)/float64(m))
		}
	}
	return G
}

// Fit runs gradient descent from Θ = 0.
func Fit(X *mat.Dense, y []int, k int, alpha float64, iters int) (*mat.Dense, []float64) {
	_, n := X.Dims()
	Theta := mat.NewDense(n, k, nil)
	history := []float64{CrossEntropy(X, y, Theta)}
	for s := 0; s < iters; s++ {
		G := CrossEntropyGrad(X, y, Theta)
		for j := 0; j < n; j++ {
			for c := 0; c < k; c++ {
				Theta.Set(j, c, Theta.At(j, c)-alpha*G.At(j, c))
			}
		}
		history = append(history, CrossEntropy(X, y, Theta))
	}
	return Theta, history
}

// PredictProba returns the softmax of each row's logits.
func PredictProba(X, Theta *mat.Dense) *mat.Dense {
	m, _ := X.Dims()
	_, k := Theta.Dims()
	P := mat.NewDense(m, k, nil)
	for i := 0; i < m; i++ {
		P.SetRow(i, Softmax(rowLogits(X, Theta, i)))
	}
	return P
}

// Predict returns the first class of largest probability of each row.
func Predict(X, Theta *mat.Dense) []int {
	P := PredictProba(X, Theta)
	m, k := P.Dims()
	out := make([]int, m)
	for i := 0; i < m; i++ {
		for c := 1; c < k; c++ {
			if P.At(i, c) > P.At(i, out[i]) {
				out[i] = c
			}
		}
	}
	return out
}
