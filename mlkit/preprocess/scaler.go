package preprocess

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// StandardScaler standardises each column to zero mean and unit population variance:
//
//	z = (x − mean) / scale,  scale = √( (1/n) Σᵢ (xᵢ − mean)² )
//
// as scikit-learn's StandardScaler: the variance divides by n (ddof 0), not n − 1 as gonum's
// stat.Variance and stat.StdDev do. A constant column gets Scale 1, so it transforms to 0,
// never NaN; like scikit-learn, a column counts as constant when its variance is within
// rounding of 0 (Var ≤ n·ε·Var + (n·ε·Mean)², ε the float64 machine epsilon), and a column
// whose values are all equal gets its value as Mean exactly, so it transforms to exactly 0.
// The variance uses the corrected two-pass algorithm of gonum's stat.PopMeanVariance, run
// over rows.
//
// The zero value is ready to Fit.
type StandardScaler struct {
	// Mean, Var and Scale hold one value per column after Fit: the mean, the population
	// variance, and the divisor (the population standard deviation, or 1 for a constant
	// column).
	Mean, Var, Scale []float64
}

// Fit learns the mean and scale of each column of x, replacing any earlier fit. It panics if x
// is empty or holds NaN or ±Inf, or if a column's variance overflows (|values| near 1e154 and
// beyond).
func (s *StandardScaler) Fit(x mat.Matrix) {
	s.fit("StandardScaler.Fit", x)
}

// fit makes two passes over the rows of x (cache-friendly for row-major data, unlike copying
// out each column): the column sums, then the corrected two-pass variance of Chan, Golub and
// LeVeque (1983, eq. 1.7), the algorithm of gonum's stat.PopMeanVariance,
//
//	Var = ( Σᵢ dᵢ² − (Σᵢ dᵢ)²/n ) / n,  dᵢ = xᵢ − mean,
//
// where the second term cancels most of the rounding error of the mean.
func (s *StandardScaler) fit(fn string, x mat.Matrix) {
	n, c := dims(fn, x)
	buf := make([]float64, 5*c)
	mean, sq, lin, scale := buf[:c:c], buf[c:2*c:2*c], buf[2*c:3*c:3*c], buf[3*c:4*c:4*c]
	first := buf[4*c:]
	var row []float64
	copy(first, rowOf(x, 0, &row))
	constant := make([]bool, c)
	for j := range constant {
		constant[j] = true
	}
	for i := range n {
		r := rowOf(x, i, &row)[:c]
		floats.Add(mean, r)
		for j, v := range r {
			constant[j] = constant[j] && v == first[j]
		}
	}
	floats.Scale(1/float64(n), mean)
	for i := range n {
		r := rowOf(x, i, &row)[:c]
		for j, v := range r {
			d := v - mean[j]
			sq[j] += d * d
			lin[j] += d
		}
	}
	variance := sq // reuse: sq[j] becomes Var[j]
	for j := range c {
		if constant[j] {
			mean[j], variance[j], scale[j] = first[j], 0, 1
			continue
		}
		v := (sq[j] - lin[j]*lin[j]/float64(n)) / float64(n)
		if math.IsInf(v, 0) || math.IsNaN(v) {
			panic(fmt.Sprintf("preprocess: %s: the variance of column %d overflows", fn, j))
		}
		variance[j], scale[j] = v, math.Sqrt(v)
		// scikit-learn's _is_constant_feature: the variance is rounding noise.
		if eps, nf := 0x1p-52, float64(n); v <= nf*eps*v+(nf*mean[j]*eps)*(nf*mean[j]*eps) {
			scale[j] = 1
		}
	}
	s.Mean, s.Var, s.Scale = mean, variance, scale
}

// Transform writes (x − Mean) / Scale, column by column, into dst and returns it (see the
// package comment for dst). It panics if the scaler is not fitted, if x is empty or holds NaN
// or ±Inf, if x's column count differs from Fit's, or if dst has the wrong shape.
func (s *StandardScaler) Transform(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	const fn = "StandardScaler.Transform"
	dst = s.prepare(fn, dst, x)
	s.transform(dst, x)
	return dst
}

// transform writes (x − Mean) / Scale into dst, row by row and in place: each output element
// depends only on the input element at the same position, so dst may be x.
func (s *StandardScaler) transform(dst *mat.Dense, x mat.Matrix) {
	r, c := x.Dims()
	mean, scale := s.Mean[:c], s.Scale[:c]
	var row []float64
	for i := range r {
		in, out := rowOf(x, i, &row)[:c], dst.RawRowView(i)[:c]
		for j, v := range in {
			out[j] = (v - mean[j]) / scale[j]
		}
	}
}

// InverseTransform writes z·Scale + Mean, column by column, into dst and returns it, undoing
// Transform up to rounding (a constant column comes back as its value). It panics like
// Transform.
func (s *StandardScaler) InverseTransform(dst *mat.Dense, z mat.Matrix) *mat.Dense {
	const fn = "StandardScaler.InverseTransform"
	dst = s.prepare(fn, dst, z)
	r, c := z.Dims()
	mean, scale := s.Mean[:c], s.Scale[:c]
	var row []float64
	for i := range r {
		in, out := rowOf(z, i, &row)[:c], dst.RawRowView(i)[:c]
		for j, v := range in {
			out[j] = v*scale[j] + mean[j]
		}
	}
	return dst
}

// FitTransform fits the scaler to x and writes the transformed x into dst, returning it. It
// panics like Fit and Transform.
func (s *StandardScaler) FitTransform(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	const fn = "StandardScaler.FitTransform"
	s.fit(fn, x) // validates x
	r, c := x.Dims()
	dst = prepare(fn, dst, r, c)
	s.transform(dst, x)
	return dst
}

func (s *StandardScaler) prepare(fn string, dst *mat.Dense, x mat.Matrix) *mat.Dense {
	if s.Mean == nil {
		notFitted(fn)
	}
	r, c := dims(fn, x)
	checkCols(fn, c, len(s.Mean))
	return prepare(fn, dst, r, c)
}

// MinMaxScaler maps each column linearly onto a range [lo, hi]:
//
//	y = (x − DataMin) / (DataMax − DataMin) · (hi − lo) + lo
//
// as scikit-learn's MinMaxScaler. A constant column (DataMax = DataMin) maps to lo. Values of a
// later set outside the fitted [DataMin, DataMax] map outside [lo, hi]; they are not clipped.
//
// The zero value is ready to Fit and scales to [0, 1].
type MinMaxScaler struct {
	// Range is the target range [lo, hi]; the zero value means [0, 1]. Otherwise lo < hi.
	Range [2]float64
	// DataMin and DataMax hold each column's minimum and maximum after Fit.
	DataMin, DataMax []float64
}

// Fit learns the minimum and maximum of each column of x, replacing any earlier fit. It
// panics if x is empty or holds NaN or ±Inf, if a column's range DataMax − DataMin overflows,
// or if Range is set with lo ≥ hi.
func (s *MinMaxScaler) Fit(x mat.Matrix) {
	const fn = "MinMaxScaler.Fit"
	s.bounds(fn)
	n, c := dims(fn, x)
	var row []float64
	first := rowOf(x, 0, &row)
	lo, hi := slices.Clone(first), slices.Clone(first)
	for i := 1; i < n; i++ {
		for j, v := range rowOf(x, i, &row)[:c] {
			lo[j], hi[j] = min(lo[j], v), max(hi[j], v)
		}
	}
	for j := range c {
		if math.IsInf(hi[j]-lo[j], 0) {
			panic(fmt.Sprintf("preprocess: %s: the range of column %d overflows", fn, j))
		}
	}
	s.DataMin, s.DataMax = lo, hi
}

// bounds returns the target range, panicking if it is not increasing.
func (s *MinMaxScaler) bounds(fn string) (lo, hi float64) {
	lo, hi = s.Range[0], s.Range[1]
	if lo == 0 && hi == 0 {
		return 0, 1
	}
	if !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		panic(fmt.Sprintf("preprocess: %s: Range must be finite with lo < hi, got [%v, %v]", fn, lo, hi))
	}
	return lo, hi
}

// Transform writes the scaled x into dst and returns it (see the package comment for dst). It
// panics if the scaler is not fitted, if x is empty or holds NaN or ±Inf, if x's column count
// differs from Fit's, or if dst has the wrong shape.
func (s *MinMaxScaler) Transform(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	const fn = "MinMaxScaler.Transform"
	dst = s.prepare(fn, dst, x)
	lo, hi := s.bounds(fn)
	mapRows(dst, x, func(out, in []float64) {
		for j, v := range in {
			width := s.DataMax[j] - s.DataMin[j]
			if width == 0 {
				out[j] = lo
				continue
			}
			out[j] = (v-s.DataMin[j])/width*(hi-lo) + lo
		}
	})
	return dst
}

// InverseTransform writes (y − lo)/(hi − lo)·(DataMax − DataMin) + DataMin into dst and returns
// it, undoing Transform up to rounding (a constant column comes back as its value). It panics
// like Transform.
func (s *MinMaxScaler) InverseTransform(dst *mat.Dense, y mat.Matrix) *mat.Dense {
	const fn = "MinMaxScaler.InverseTransform"
	dst = s.prepare(fn, dst, y)
	lo, hi := s.bounds(fn)
	mapRows(dst, y, func(out, in []float64) {
		for j, v := range in {
			out[j] = (v-lo)/(hi-lo)*(s.DataMax[j]-s.DataMin[j]) + s.DataMin[j]
		}
	})
	return dst
}

// FitTransform fits the scaler to x and writes the transformed x into dst, returning it. It
// panics like Fit and Transform.
func (s *MinMaxScaler) FitTransform(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	s.Fit(x)
	return s.Transform(dst, x)
}

func (s *MinMaxScaler) prepare(fn string, dst *mat.Dense, x mat.Matrix) *mat.Dense {
	if s.DataMin == nil {
		notFitted(fn)
	}
	r, c := dims(fn, x)
	checkCols(fn, c, len(s.DataMin))
	return prepare(fn, dst, r, c)
}
