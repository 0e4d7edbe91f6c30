// Package pca is an alternative solution of exercise 23, written from the README: row views
// and gonum/floats, an SVD computing V only, the ratios as explained variances over their
// sum over all components, and ComponentsFor by a running sum searched with sort.Search.
package pca

import (
	"sort"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// PCA holds what Fit learned.
type PCA struct {
	Mean                   []float64
	Components             *mat.Dense
	ExplainedVariance      []float64
	ExplainedVarianceRatio []float64
}

// Fit computes the PCA of X by the SVD of the centred data.
func Fit(X *mat.Dense, k int) *PCA {
	n, p := X.Dims()
	xc := mat.DenseCopyOf(X)
	mean := make([]float64, p)
	for i := range n {
		floats.Add(mean, xc.RawRowView(i))
	}
	floats.Scale(1/float64(n), mean)
	for i := range n {
		floats.Sub(xc.RawRowView(i), mean)
	}
	var svd mat.SVD
	if !svd.Factorize(xc, mat.SVDThinV) {
		panic("pca: SVD failed")
	}
	s := svd.Values(nil)
	var v mat.Dense
	svd.VTo(&v)

	variances := make([]float64, len(s))
	for i, si := range s {
		variances[i] = si * si / float64(n-1)
	}
	total := floats.Sum(variances)

	comps := mat.NewDense(k, p, nil)
	for c := range k {
		row := comps.RawRowView(c)
		mat.Col(row, c, &v)
		if floats.Max(row) < -floats.Min(row) { // the largest |entry| is negative
			floats.Scale(-1, row)
		}
	}
	ratio := make([]float64, k)
	if total > 0 {
		floats.ScaleTo(ratio, 1/total, variances[:k])
	}
	return &PCA{Mean: mean, Components: comps, ExplainedVariance: variances[:k:k], ExplainedVarianceRatio: ratio}
}

// Transform projects X onto the components, centring with the training mean.
func (p *PCA) Transform(X *mat.Dense) *mat.Dense {
	xc := mat.DenseCopyOf(X)
	m, _ := xc.Dims()
	for i := range m {
		floats.Sub(xc.RawRowView(i), p.Mean)
	}
	var z mat.Dense
	z.Mul(xc, p.Components.T())
	return &z
}

// Reconstruct maps projections back to feature space.
func (p *PCA) Reconstruct(Z *mat.Dense) *mat.Dense {
	var x mat.Dense
	x.Mul(Z, p.Components)
	m, _ := x.Dims()
	for i := range m {
		floats.Add(x.RawRowView(i), p.Mean)
	}
	return &x
}

// ComponentsFor returns the number of components whose ratios add up to more than fraction.
func ComponentsFor(ratio []float64, fraction float64) int {
	cum := make([]float64, len(ratio))
	floats.CumSum(cum, ratio)
	k := sort.Search(len(cum), func(i int) bool { return cum[i] > fraction })
	return min(k+1, len(ratio))
}
