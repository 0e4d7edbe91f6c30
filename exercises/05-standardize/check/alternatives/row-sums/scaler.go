// Package standardize is an alternative correct solution of exercise 05, written from the
// README: column sums accumulated row by row, the mean as the sum times 1/m, then a second pass
// for the squared deviations; a column is constant when every row equals the first.
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

// FitScaler makes two passes over the rows.
func FitScaler(X *mat.Dense) *Scaler {
	m, n := X.Dims()
	sum := make([]float64, n)
	same := make([]bool, n)
	first := X.RawRowView(0)
	for j := range same {
		same[j] = true
	}
	for i := range m {
		for j, v := range X.RawRowView(i) {
			sum[j] += v
			same[j] = same[j] && v == first[j]
		}
	}
	mean := make([]float64, n)
	for j := range mean {
		mean[j] = sum[j] * (1 / float64(m))
	}
	ss := make([]float64, n)
	for i := range m {
		for j, v := range X.RawRowView(i) {
			ss[j] += (v - mean[j]) * (v - mean[j])
		}
	}
	std := make([]float64, n)
	for j := range std {
		if !same[j] {
			std[j] = math.Sqrt(ss[j] / float64(m))
		}
	}
	return &Scaler{Mean: mean, Std: std}
}

func (s *Scaler) divisor(j int) float64 {
	if s.Std[j] == 0 {
		return 1
	}
	return s.Std[j]
}

// Transform scales a copy of X.
func (s *Scaler) Transform(X *mat.Dense) *mat.Dense {
	Z := mat.DenseCopyOf(X)
	m, n := Z.Dims()
	for i := range m {
		row := Z.RawRowView(i)
		for j := range n {
			row[j] = (row[j] - s.Mean[j]) / s.divisor(j)
		}
	}
	return Z
}

// InverseTransform unscales a copy of Z.
func (s *Scaler) InverseTransform(Z *mat.Dense) *mat.Dense {
	X := mat.DenseCopyOf(Z)
	m, n := X.Dims()
	for i := range m {
		row := X.RawRowView(i)
		for j := range n {
			row[j] = row[j]*s.divisor(j) + s.Mean[j]
		}
	}
	return X
}

// Prepare fits on the training rows only, then adds the bias column to both sets.
func Prepare(Xtrain, Xtest *mat.Dense) (train, test *mat.Dense) {
	s := FitScaler(Xtrain)
	bias := func(Z *mat.Dense) *mat.Dense {
		m, n := Z.Dims()
		out := mat.NewDense(m, n+1, nil)
		for i := range m {
			out.Set(i, 0, 1)
			for j := range n {
				out.Set(i, j+1, Z.At(i, j))
			}
		}
		return out
	}
	return bias(s.Transform(Xtrain)), bias(s.Transform(Xtest))
}
