// Package standardize holds exercise 05: a standard scaler that learns each feature's mean and
// standard deviation from the training rows and applies them to any rows. See README.md for the
// task.
package standardize

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Scaler holds what FitScaler learned from the training rows, one value per column.
type Scaler struct {
	// Mean is each column's mean, μⱼ = (1/m) Σᵢ xᵢⱼ.
	Mean []float64
	// Std is each column's population standard deviation, σⱼ = √((1/m) Σᵢ (xᵢⱼ − μⱼ)²),
	// and exactly 0 for a column whose values are all equal.
	Std []float64
}

// FitScaler learns the mean and the population standard deviation of each column of X (m rows,
// n columns). A column whose m values are all equal gets Std exactly 0: decide that by comparing
// the values, since a σ computed from the rounded mean of equal values can be 1e-17. X is not
// modified.
//
// It panics if X has no rows.
func FitScaler(X *mat.Dense) *Scaler {
	m, n := X.Dims()
	if m == 0 {
		panic("standardize.FitScaler: X has no rows")
	}
	s := &Scaler{Mean: make([]float64, n), Std: make([]float64, n)}
	col := make([]float64, m)
	for j := range n {
		mat.Col(col, j, X)
		mean := floats.Sum(col) / float64(m)
		s.Mean[j] = mean
		if constant(col) {
			continue // σ = 0 exactly; a computed σ could be 1e-17 from rounding the mean
		}
		// MISTAKE: the one-pass variance E[x²] − E[x]², which cancels catastrophically.
		sq := 0.0
		for _, v := range col {
			sq += v * v
		}
		s.Std[j] = math.Sqrt(math.Max(0, sq/float64(m)-mean*mean))
	}
	return s
}

// constant reports whether every value of col equals the first.
func constant(col []float64) bool {
	for _, v := range col {
		if v != col[0] {
			return false
		}
	}
	return true
}

// Transform returns a new matrix Z with zᵢⱼ = (xᵢⱼ − μⱼ) / σⱼ, using the Mean and Std the scaler
// learned from the training rows, whatever rows X holds (training or test). A column with
// σⱼ = 0 is divided by 1 instead, so it maps to xᵢⱼ − μⱼ (0 on the training rows), never NaN.
// X is not modified.
//
// It panics if X's column count differs from the one the scaler was fitted on.
func (s *Scaler) Transform(X *mat.Dense) *mat.Dense {
	m, n := s.dims("Transform", X)
	Z := mat.NewDense(m, n, nil)
	for i := range m {
		for j := range n {
			Z.Set(i, j, (X.At(i, j)-s.Mean[j])/s.scale(j))
		}
	}
	return Z
}

// InverseTransform undoes Transform: it returns a new matrix X with xᵢⱼ = zᵢⱼ·σⱼ + μⱼ (σⱼ read as
// 1 where it is 0). Z is not modified.
//
// It panics if Z's column count differs from the one the scaler was fitted on.
func (s *Scaler) InverseTransform(Z *mat.Dense) *mat.Dense {
	m, n := s.dims("InverseTransform", Z)
	X := mat.NewDense(m, n, nil)
	for i := range m {
		for j := range n {
			X.Set(i, j, Z.At(i, j)*s.scale(j)+s.Mean[j])
		}
	}
	return X
}

// scale is the divisor of column j: σⱼ, or 1 for a constant column.
func (s *Scaler) scale(j int) float64 {
	if s.Std[j] == 0 {
		return 1
	}
	return s.Std[j]
}

func (s *Scaler) dims(method string, X *mat.Dense) (m, n int) {
	m, n = X.Dims()
	if n != len(s.Mean) {
		panic(fmt.Sprintf("standardize.%s: X has %d columns, the scaler was fitted on %d", method, n, len(s.Mean)))
	}
	return m, n
}

// Prepare turns raw training and test features into the design matrices of a linear model: it
// fits a Scaler on Xtrain only, transforms both Xtrain and Xtest with it, and then puts a column
// of ones (the bias column, which must stay exactly 1) in front of each. Xtrain and Xtest are
// not modified.
//
// It panics if Xtrain has no rows or the two matrices have different column counts.
func Prepare(Xtrain, Xtest *mat.Dense) (train, test *mat.Dense) {
	// Fit on the training rows only: the test rows stand for data the model has never seen,
	// so nothing about them (not even their mean) may shape the preprocessing.
	s := FitScaler(Xtrain)
	return withBias(s.Transform(Xtrain)), withBias(s.Transform(Xtest))
}

// withBias returns [1 Z]: Z with a column of ones in front. The ones are added after scaling; a
// column of ones has σ = 0 and would be scaled to a column of zeros.
func withBias(Z *mat.Dense) *mat.Dense {
	m, n := Z.Dims()
	out := mat.NewDense(m, n+1, nil)
	for i := range m {
		out.Set(i, 0, 1)
		copy(out.RawRowView(i)[1:], Z.RawRowView(i))
	}
	return out
}
