// Package metrics is a learner's correct solution.
package metrics

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// MSE returns the mean squared error.
func MSE(yTrue, yPred []float64) float64 {
	d := make([]float64, len(yTrue))
	floats.SubTo(d, yTrue, yPred)
	return floats.Dot(d, d) / float64(len(d))
}

// RMSE returns the root mean squared error.
func RMSE(yTrue, yPred []float64) float64 { return math.Sqrt(MSE(yTrue, yPred)) }
