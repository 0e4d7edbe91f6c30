package preprocess

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
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
// The variance uses the corrected two-pass algorithm of stat.PopMeanVariance.
//
// The zero value is ready to Fit.
type StandardScaler struct {
	// Mean, Var and Scale hold one value per column after Fit: the mean, the population
	// variance, and the divisor (the population standard deviation, or 1 for a constant
	// column).
	Mean, Var, Scale []float64
}

// Fit learns the mean and scale of each column of x, replacing any earlier fit. It panics if x
// is empty or holds NaN or ±Inf.
func (s *StandardScaler) Fit(x mat.Matrix) {
	const fn = "StandardScaler.Fit"
	n, c := dims(fn, x)
	s.Mean, s.Var, s.Scale = make([]float64, c), make([]float64, c), make([]float64, c)
	var col []float64
	for j := range c {
		col = mat.Col(col, j, x)
		if allEqual(col) {
			s.Mean[j], s.Var[j], s.Scale[j] = col[0], 0, 1
			continue
		}
		mean, v := stat.PopMeanVariance(col, nil)
		s.Mean[j], s.Var[j], s.Scale[j] = mean, v, math.Sqrt(v)
		// scikit-learn's _is_constant_feature: the variance is rounding noise.
		if eps, nf := 0x1p-52, float64(n); v <= nf*eps*v+(nf*mean*eps)*(nf*mean*eps) {
			s.Scale[j] = 1
		}
	}
}

func allEqual(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

// Transform writes (x − Mean) / Scale, column by column, into dst and returns it (see the
// package comment for dst). It panics if the scaler is not fitted, if x is empty or holds NaN
// or ±Inf, if x's column count differs from Fit's, or if dst has the wrong shape.
func (s *StandardScaler) Transform(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	const fn = "StandardScaler.Transform"
	dst = s.prepare(fn, dst, x)
	mapRows(dst, x, func(out, in []float64) {
		for j, v := range in {
			out[j] = (v - s.Mean[j]) / s.Scale[j]
		}
	})
	return dst
}

// InverseTransform writes z·Scale + Mean, column by column, into dst and returns it, undoing
// Transform up to rounding (a constant column comes back as its value). It panics like
// Transform.
func (s *StandardScaler) InverseTransform(dst *mat.Dense, z mat.Matrix) *mat.Dense {
	const fn = "StandardScaler.InverseTransform"
	dst = s.prepare(fn, dst, z)
	mapRows(dst, z, func(out, in []float64) {
		for j, v := range in {
			out[j] = v*s.Scale[j] + s.Mean[j]
		}
	})
	return dst
}

// FitTransform fits the scaler to x and writes the transformed x into dst, returning it. It
// panics like Fit and Transform.
func (s *StandardScaler) FitTransform(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	s.Fit(x)
	return s.Transform(dst, x)
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
// panics if x is empty or holds NaN or ±Inf, or if Range is set with lo ≥ hi.
func (s *MinMaxScaler) Fit(x mat.Matrix) {
	const fn = "MinMaxScaler.Fit"
	s.bounds(fn)
	_, c := dims(fn, x)
	s.DataMin, s.DataMax = make([]float64, c), make([]float64, c)
	var col []float64
	for j := range c {
		col = mat.Col(col, j, x)
		s.DataMin[j], s.DataMax[j] = minMax(col)
	}
}

func minMax(x []float64) (lo, hi float64) {
	lo, hi = x[0], x[0]
	for _, v := range x[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
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
