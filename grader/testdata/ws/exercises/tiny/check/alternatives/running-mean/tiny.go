// Package tiny is another correct solution of the engine's test exercise: a running mean.
package tiny

import (
	"errors"

	"gonum.org/v1/gonum/mat"
)

// Mean returns the arithmetic mean of x.
func Mean(x []float64) float64 {
	m := 0.0
	for i, v := range x {
		m += (v - m) / float64(i+1)
	}
	return m
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
	return out
}
