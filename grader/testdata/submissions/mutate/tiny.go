// Package tiny is a test submission: Mean and Line.Predict sort their input in place.
package tiny

import (
	"errors"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// Mean returns the arithmetic mean of x.
func Mean(x []float64) float64 {
	sort.Float64s(x)
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// Scale returns k·X as a new matrix.
func Scale(X *mat.Dense, k float64) *mat.Dense {
	var out mat.Dense
	out.Scale(k, X)
	return &out
}

// Line is a fitted line y = A + B·x.
type Line struct {
	A, B float64
}

// Fit fits a least-squares line to the points (x[i], y[i]).
func Fit(x, y []float64) (*Line, error) {
	if len(x) != len(y) || len(x) < 2 {
		return nil, errors.New("need at least two points, as many x as y")
	}
	mx, my := Mean(x), Mean(y)
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	b := sxy / sxx
	return &Line{A: my - b*mx, B: b}, nil
}

// Predict returns A + B·x for every x.
func (l *Line) Predict(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = l.A + l.B*v
	}
	sort.Float64s(x)
	return out
}
