// Package standardize is an alternative correct solution of exercise 05, written from the
// README: Welford's running mean and sum of squared deviations, one pass per column. On a column
// of equal values its mean is exact (μ + (x − μ)/k adds 0) and so its σ is exactly 0, which
// Transform tests.
package standardize

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Scaler holds what FitScaler learned from the training rows, one value per column.
type Scaler struct {
	Mean []float64
	Std  []float64
}

// FitScaler runs Welford's algorithm down each column.
func FitScaler(X *mat.Dense) *Scaler {
	m, n := X.Dims()
	s := &Scaler{Mean: make([]float64, n), Std: make([]float64, n)}
	for j := range n {
		mean, m2 := 0.0, 0.0
		for i := range m {
			x := X.At(i, j)
			d := x - mean
			mean += d / float64(i+1)
			m2 += d * (x - mean)
		}
		s.Mean[j] = mean
		s.Std[j] = math.Sqrt(m2 / float64(m))
	}
	return s
}

// Transform scales with the fitted statistics.
func (s *Scaler) Transform(X *mat.Dense) *mat.Dense {
	var Z mat.Dense
	Z.Apply(func(_, j int, v float64) float64 {
		if s.Std[j] == 0 {
			return v - s.Mean[j]
		}
		return (v - s.Mean[j]) / s.Std[j]
	}, X)
	return &Z
}

// InverseTransform undoes Transform.
func (s *Scaler) InverseTransform(Z *mat.Dense) *mat.Dense {
	var X mat.Dense
	X.Apply(func(_, j int, z float64) float64 {
		if s.Std[j] == 0 {
			return z + s.Mean[j]
		}
		return z*s.Std[j] + s.Mean[j]
	}, Z)
	return &X
}

// Prepare fits on Xtrain and puts the ones in front of both transformed sets.
func Prepare(Xtrain, Xtest *mat.Dense) (train, test *mat.Dense) {
	s := FitScaler(Xtrain)
	return ones(s.Transform(Xtrain)), ones(s.Transform(Xtest))
}

func ones(Z *mat.Dense) *mat.Dense {
	m, _ := Z.Dims()
	col := make([]float64, m)
	for i := range col {
		col[i] = 1
	}
	var out mat.Dense
	out.Augment(mat.NewDense(m, 1, col), Z)
	return &out
}
