// Package decompose finds low-dimensional structure in a feature matrix. It holds PCA,
// principal component analysis by the thin singular value decomposition of the centred data,
// with the fitted quantities of scikit-learn's PCA (components, explained variance and its
// ratio, singular values) and the projections to and from component space.
//
// Like the transformers of mlkit/preprocess, PCA learns from one set with Fit and projects
// any set with the same columns with Transform, writing into a destination given first in
// gonum's style (nil allocates, an empty matrix is resized, another shape panics). Nothing
// mutates its input.
package decompose

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// PCA is principal component analysis: it finds the orthonormal directions of greatest
// variance of the data, as scikit-learn's PCA with the full SVD solver. Fit centres the n×p
// data, Xc = X − mean, and takes its thin singular value decomposition Xc = U·Σ·Vᵀ (gonum's
// mat.SVD computing only V; U, of size n×min(n, p), is never formed). Then
//
//	component k          = row k of Vᵀ (column k of V), a unit vector in feature space
//	singular value k     = σₖ
//	explained variance k = σₖ² / (n − 1)                (sample variance along component k)
//	explained ratio k    = σₖ² / Σⱼ σⱼ²                 (over all min(n, p) singular values)
//
// and Transform(X) = (X − mean)·Vₖ projects onto the first k components.
//
// Signs: a singular vector is only defined up to sign. PCA flips each component so that its
// entry of largest absolute value is positive, as scikit-learn ≥ 1.5 does (svd_flip with
// u_based_decision=False). scikit-learn 1.2 decided the sign from U instead, so a component
// there may be the negative of the one here; variances and singular values do not depend on
// it.
//
// The zero value keeps all min(n, p) components and is ready to Fit.
type PCA struct {
	// NumComponents is the number of components to keep, 1 ≤ NumComponents ≤ min(n, p); 0
	// keeps min(n, p).
	NumComponents int

	// Mean holds the column means of the fitted data.
	Mean []float64
	// Components is k×p: row i is the i-th principal axis, by decreasing variance.
	Components *mat.Dense
	// SingularValues, ExplainedVariance and ExplainedVarianceRatio hold one value per kept
	// component, in decreasing order; see the type documentation for their formulas.
	SingularValues, ExplainedVariance, ExplainedVarianceRatio []float64
}

// ErrNoConvergence is returned (wrapped) by PCA.Fit when the SVD iteration does not converge.
var ErrNoConvergence = errors.New("SVD did not converge")

// Fit learns the mean and the principal components of x (n×p), replacing any earlier fit. It
// returns an error wrapping ErrNoConvergence if the SVD fails, which the caller cannot
// foresee; the receiver is then left unfitted. It panics if x has fewer than 2 rows or
// holds NaN or ±Inf, or if NumComponents is negative or exceeds min(n, p).
func (p *PCA) Fit(x mat.Matrix) error {
	_, err := p.fit("PCA.Fit", x)
	return err
}

func (p *PCA) fit(fn string, x mat.Matrix) (*mat.Dense, error) {
	n, d := dims(fn, x)
	if n < 2 {
		panic(fmt.Sprintf("decompose: %s: need at least 2 samples, got %d", fn, n))
	}
	r := min(n, d)
	k := p.NumComponents
	if k == 0 {
		k = r
	}
	if k < 0 || k > r {
		panic(fmt.Sprintf("decompose: %s: NumComponents = %d, want 0..%d for %d×%d data", fn, p.NumComponents, r, n, d))
	}
	p.Mean, p.Components = nil, nil
	p.SingularValues, p.ExplainedVariance, p.ExplainedVarianceRatio = nil, nil, nil

	mean := make([]float64, d)
	xc := mat.DenseCopyOf(x)
	for i := range n {
		floats.Add(mean, xc.RawRowView(i))
	}
	floats.Scale(1/float64(n), mean)
	for i := range n {
		floats.Sub(xc.RawRowView(i), mean)
	}

	var svd mat.SVD
	if !svd.Factorize(xc, mat.SVDThinV) {
		return nil, fmt.Errorf("decompose: %s: %d×%d data: %w", fn, n, d, ErrNoConvergence)
	}
	s := svd.Values(nil)
	var v mat.Dense
	svd.VTo(&v) // d×r

	comps := mat.NewDense(k, d, nil)
	for i := range k {
		row := comps.RawRowView(i)
		mat.Col(row, i, &v)
		if row[floats.MaxIdx(absAll(row))] < 0 {
			floats.Scale(-1, row)
		}
	}

	var total float64
	for _, si := range s {
		total += si * si
	}
	p.Mean, p.Components = mean, comps
	p.SingularValues = s[:k:k]
	p.ExplainedVariance = make([]float64, k)
	p.ExplainedVarianceRatio = make([]float64, k)
	for i, si := range p.SingularValues {
		p.ExplainedVariance[i] = si * si / float64(n-1)
		if total > 0 {
			p.ExplainedVarianceRatio[i] = si * si / total
		}
	}
	return xc, nil
}

// absAll returns |x| element by element, in a new slice.
func absAll(x []float64) []float64 {
	a := make([]float64, len(x))
	for i, v := range x {
		a[i] = math.Abs(v)
	}
	return a
}

// Transform writes the projection (x − Mean)·Componentsᵀ of x (m×p) onto the kept components
// into dst (m×k) and returns it. It panics if the PCA is not fitted, if x is empty or holds
// NaN or ±Inf, if x has not p columns, or if dst has the wrong shape.
func (p *PCA) Transform(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	const fn = "PCA.Transform"
	p.checkFitted(fn)
	m, d := dims(fn, x)
	k, pd := p.Components.Dims()
	if d != pd {
		panic(fmt.Sprintf("decompose: %s: x has %d columns, Fit saw %d", fn, d, pd))
	}
	xc := mat.DenseCopyOf(x)
	for i := range m {
		floats.Sub(xc.RawRowView(i), p.Mean)
	}
	dst = prepare(fn, dst, m, k)
	dst.Mul(xc, p.Components.T())
	return dst
}

// FitTransform fits the PCA to x and returns the projection of x, like Fit followed by
// Transform but reusing the centred data. It returns the errors and panics of Fit, and
// panics if dst has the wrong shape.
func (p *PCA) FitTransform(dst *mat.Dense, x mat.Matrix) (*mat.Dense, error) {
	const fn = "PCA.FitTransform"
	xc, err := p.fit(fn, x)
	if err != nil {
		return dst, err
	}
	n, _ := xc.Dims()
	k, _ := p.Components.Dims()
	dst = prepare(fn, dst, n, k)
	dst.Mul(xc, p.Components.T())
	return dst, nil
}

// InverseTransform maps the projections z (m×k) back to feature space, z·Components + Mean,
// into dst (m×p) and returns it. With all components kept it recovers the data up to
// rounding; with fewer, it gives the best rank-k approximation of the data. It panics if the
// PCA is not fitted, if z is empty or holds NaN or ±Inf, if z has not k columns, or if dst has
// the wrong shape.
func (p *PCA) InverseTransform(dst *mat.Dense, z mat.Matrix) *mat.Dense {
	const fn = "PCA.InverseTransform"
	p.checkFitted(fn)
	m, kz := dims(fn, z)
	k, d := p.Components.Dims()
	if kz != k {
		panic(fmt.Sprintf("decompose: %s: z has %d columns, want %d components", fn, kz, k))
	}
	out := mat.NewDense(m, d, nil)
	out.Mul(z, p.Components)
	for i := range m {
		floats.Add(out.RawRowView(i), p.Mean)
	}
	dst = prepare(fn, dst, m, d)
	dst.Copy(out)
	return dst
}

func (p *PCA) checkFitted(fn string) {
	if p.Components == nil {
		panic(fmt.Sprintf("decompose: %s: not fitted (call Fit first)", fn))
	}
}

// dims returns the shape of x, panicking if it is empty or holds NaN or ±Inf.
func dims(fn string, x mat.Matrix) (r, c int) {
	if d, ok := x.(*mat.Dense); ok && d.IsEmpty() {
		panic(fmt.Sprintf("decompose: %s: empty input", fn))
	}
	r, c = x.Dims()
	for i := range r {
		for j := range c {
			if v := x.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("decompose: %s: X[%d, %d] is %v", fn, i, j, v))
			}
		}
	}
	return r, c
}

// prepare returns a destination of shape r×c: nil allocates, an empty matrix is resized, and
// any other matrix must already have that shape.
func prepare(fn string, dst *mat.Dense, r, c int) *mat.Dense {
	if dst == nil {
		return mat.NewDense(r, c, nil)
	}
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
		return dst
	}
	if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("decompose: %s: dst is %d×%d, want %d×%d", fn, dr, dc, r, c))
	}
	return dst
}
