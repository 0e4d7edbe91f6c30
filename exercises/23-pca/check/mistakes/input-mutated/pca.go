// Package pca holds exercise 23: principal component analysis by the singular value
// decomposition of the centred data, projection onto the leading components, reconstruction
// from them, and the number of components a variance fraction needs. See README.md for the
// task.
package pca

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PCA holds what Fit learned from the training rows X (n rows, p columns), keeping k
// components.
type PCA struct {
	// Mean is each column's mean, μⱼ = (1/n) Σᵢ xᵢⱼ (length p).
	Mean []float64
	// Components is k×p: row c is the c-th principal axis, a unit vector, by decreasing
	// variance, with its entry of largest absolute value positive.
	Components *mat.Dense
	// ExplainedVariance holds σc²/(n − 1) for the k kept components: the sample variance of
	// the data along each axis (σc is the c-th singular value of the centred data).
	ExplainedVariance []float64
	// ExplainedVarianceRatio holds σc² / (σ₁² + … + σᵣ²) for the k kept components, over all
	// r = min(n, p) singular values; 0 for every component when the data are constant.
	ExplainedVarianceRatio []float64
}

// Fit centres X with its column means and takes the singular value decomposition of the
// centred data, Xc = U·Σ·Vᵀ: the principal axes are the columns of V. It keeps the first k,
// each turned so that its entry of largest absolute value is positive. X is not modified.
//
// It panics if X has fewer than 2 rows or if k is not in 1..min(n, p).
func Fit(X *mat.Dense, k int) *PCA {
	n, p := X.Dims()
	if n < 2 || k < 1 || k > min(n, p) {
		panic(fmt.Sprintf("pca: Fit of %d×%d data with k = %d: want at least 2 rows and k in 1..%d", n, p, k, min(n, p)))
	}

	mean := make([]float64, p)
	for j := range p {
		for i := range n {
			mean[j] += X.At(i, j)
		}
		mean[j] /= float64(n)
	}
	centred := X // centre in place: saves a copy
	for i := range n {
		for j := range p {
			centred.Set(i, j, X.At(i, j)-mean[j])
		}
	}

	var svd mat.SVD
	if !svd.Factorize(centred, mat.SVDThin) {
		panic("pca: the SVD did not converge")
	}
	sigma := svd.Values(nil) // min(n, p) values, largest first
	var V mat.Dense
	svd.VTo(&V) // p×min(n, p): column c is the c-th axis

	total := 0.0
	for _, s := range sigma {
		total += s * s
	}
	model := &PCA{
		Mean:                   mean,
		Components:             mat.NewDense(k, p, nil),
		ExplainedVariance:      make([]float64, k),
		ExplainedVarianceRatio: make([]float64, k),
	}
	for c := range k {
		axis := mat.Col(nil, c, &V)
		largest := 0
		for j := range axis {
			if math.Abs(axis[j]) > math.Abs(axis[largest]) {
				largest = j
			}
		}
		if axis[largest] < 0 {
			for j := range axis {
				axis[j] = -axis[j]
			}
		}
		model.Components.SetRow(c, axis)
		model.ExplainedVariance[c] = sigma[c] * sigma[c] / float64(n-1)
		if total > 0 {
			model.ExplainedVarianceRatio[c] = sigma[c] * sigma[c] / total
		}
	}
	return model
}

// Transform projects the rows of X (m×p) onto the kept components: it returns the new m×k
// matrix (X − Mean)·Componentsᵀ, centring with the Mean learned by Fit, whatever rows X holds.
// X is not modified.
//
// It panics if X has not p columns.
func (p *PCA) Transform(X *mat.Dense) *mat.Dense {
	m, cols := X.Dims()
	k, _ := p.Components.Dims()
	centred := mat.NewDense(m, cols, nil)
	for i := range m {
		for j := range cols { // p.Mean[j] panics if X has more than p columns, Mul if fewer
			centred.Set(i, j, X.At(i, j)-p.Mean[j])
		}
	}
	Z := mat.NewDense(m, k, nil)
	Z.Mul(centred, p.Components.T())
	return Z
}

// Reconstruct maps projections Z (m×k) back to feature space: it returns the new m×p matrix
// Z·Components + Mean. With all components kept it gives back the rows that were projected;
// with fewer, their best approximation in k dimensions. Z is not modified.
//
// It panics if Z has not k columns.
func (p *PCA) Reconstruct(Z *mat.Dense) *mat.Dense {
	m, _ := Z.Dims()
	_, features := p.Components.Dims()
	X := mat.NewDense(m, features, nil) // Mul below panics if Z has not k columns
	X.Mul(Z, p.Components)
	for i := range m {
		for j := range features {
			X.Set(i, j, X.At(i, j)+p.Mean[j])
		}
	}
	return X
}

// ComponentsFor returns the smallest k whose first k explained variance ratios add up to
// more than fraction (strictly more), with ratio the ratios of all components (Fit with
// k = min(n, p)); len(ratio) when no sum exceeds it. ratio is not empty, fraction is in the
// open interval (0, 1), and ratio is not modified.
func ComponentsFor(ratio []float64, fraction float64) int {
	sum := 0.0
	for i, r := range ratio {
		sum += r
		if sum > fraction {
			return i + 1
		}
	}
	return len(ratio)
}
