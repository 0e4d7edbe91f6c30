// Package tiny is a test submission: it hands every call to the reference solution, which it
// imports by its folder in the workspace.
package tiny

import (
	"gonum.org/v1/gonum/mat"

	solution "example.com/kata/exercises/tiny/solution"
)

// Mean returns the reference solution's mean.
func Mean(x []float64) float64 { return solution.Mean(x) }

// Scale returns the reference solution's k·X.
func Scale(X *mat.Dense, k float64) *mat.Dense { return solution.Scale(X, k) }

// Line is a fitted line y = A + B·x.
type Line struct {
	A, B float64
}

// Fit returns the reference solution's line.
func Fit(x, y []float64) (*Line, error) {
	l, err := solution.Fit(x, y)
	return (*Line)(l), err
}

// Predict returns A + B·x for every x.
func (l *Line) Predict(x []float64) []float64 { return (*solution.Line)(l).Predict(x) }
