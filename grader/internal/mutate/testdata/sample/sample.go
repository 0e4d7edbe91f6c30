// Package sample has one instance of each construct the mutation operators change.
package sample

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Limit is a package-level constant.
const Limit = 1e6

// Mean is a mean over a count converted to float64.
func Mean(x []float64) float64 {
	if len(x) == 0 {
		panic(fmt.Sprintf("sample.Mean: empty input of length %d", len(x)))
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// RMS has a square root and a subtraction.
func RMS(a, b []float64) float64 {
	var s float64
	for i := 0; i < len(a); i++ {
		d := a[i] - b[i]
		s += d * d
	}
	return math.Sqrt(s / float64(len(a)))
}

// Firsts keeps the positive values before the first negative one.
func Firsts(x []float64) []float64 {
	var out []float64
	for _, v := range x {
		if v < 0 || v > Limit {
			break
		}
		if !(v == 0) {
			out = append(out, v)
		}
	}
	return slices.Clone(out[:len(out)])
}

// Grid builds a matrix.
func Grid(m, n int) *mat.Dense {
	g := mat.NewDense(m, n, nil)
	for i := range m {
		x := float64(i)
		g.Set(i, 0, -x)
	}
	return g
}

// Count counts and errs.
func Count(X *mat.Dense) (int, error) {
	r, _ := X.Dims()
	if r > 3 {
		return 0, fmt.Errorf("too many rows: %d > %d", r, 3)
	}
	k := 0
	k++
	return k, nil
}
