// Package pca is an alternative solution of exercise 23, written from the README: the axes are
// the eigenvectors of the covariance matrix XcᵀXc/(n − 1), whose eigenvalues are the explained
// variances (the README's "also the eigenvectors of the covariance matrix").
package pca

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// PCA holds what Fit learned.
type PCA struct {
	Mean                   []float64
	Components             *mat.Dense
	ExplainedVariance      []float64
	ExplainedVarianceRatio []float64
}

// Fit computes the PCA of X by the eigen-decomposition of the covariance matrix.
func Fit(X *mat.Dense, k int) *PCA {
	n, p := X.Dims()
	if n < 2 || k < 1 || k > min(n, p) {
		panic("pca: bad input")
	}
	mean := make([]float64, p)
	for i := range n {
		for j := range p {
			mean[j] += X.At(i, j)
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	xc := mat.NewDense(n, p, nil)
	xc.Apply(func(i, j int, v float64) float64 { return v - mean[j] }, X)

	cov := mat.NewSymDense(p, nil)
	cov.SymOuterK(1/float64(n-1), xc.T())

	var eig mat.EigenSym
	if !eig.Factorize(cov, true) {
		panic("pca: eigen-decomposition failed")
	}
	values := eig.Values(nil) // ascending
	var vectors mat.Dense
	eig.VectorsTo(&vectors)

	order := make([]int, p)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return values[order[a]] > values[order[b]] })

	total := 0.0
	for _, v := range values[:] {
		total += math.Max(v, 0)
	}
	// With n < p only the n largest eigenvalues are singular values of the data; the rest
	// are 0 (up to rounding) and add nothing to the total.
	out := &PCA{Mean: mean, Components: mat.NewDense(k, p, nil)}
	for c := range k {
		v := mat.Col(nil, order[c], &vectors)
		best := 0.0
		for _, x := range v {
			if math.Abs(x) > math.Abs(best) {
				best = x
			}
		}
		if best < 0 {
			for j := range v {
				v[j] = -v[j]
			}
		}
		out.Components.SetRow(c, v)
		lambda := math.Max(values[order[c]], 0)
		out.ExplainedVariance = append(out.ExplainedVariance, lambda)
		if total > 0 {
			out.ExplainedVarianceRatio = append(out.ExplainedVarianceRatio, lambda/total)
		} else {
			out.ExplainedVarianceRatio = append(out.ExplainedVarianceRatio, 0)
		}
	}
	return out
}

// Transform projects X onto the components, centring with the training mean.
func (p *PCA) Transform(X *mat.Dense) *mat.Dense {
	m, cols := X.Dims()
	k, _ := p.Components.Dims()
	Z := mat.NewDense(m, k, nil)
	for i := range m {
		for c := range k {
			s := 0.0
			for j := range cols {
				s += (X.At(i, j) - p.Mean[j]) * p.Components.At(c, j)
			}
			Z.Set(i, c, s)
		}
	}
	return Z
}

// Reconstruct maps projections back to feature space.
func (p *PCA) Reconstruct(Z *mat.Dense) *mat.Dense {
	m, k := Z.Dims()
	_, cols := p.Components.Dims()
	X := mat.NewDense(m, cols, nil)
	for i := range m {
		for j := range cols {
			s := p.Mean[j]
			for c := range k {
				s += Z.At(i, c) * p.Components.At(c, j)
			}
			X.Set(i, j, s)
		}
	}
	return X
}

// ComponentsFor returns the number of components whose ratios add up to more than fraction.
func ComponentsFor(ratio []float64, fraction float64) int {
	k, sum := 0, 0.0
	for k < len(ratio) && sum <= fraction {
		sum += ratio[k]
		k++
	}
	return k
}
