// Package regmetrics scores the predictions of a regression model. This alternative solution,
// written from the README alone, builds every metric from gonum's floats package: the errors as
// a vector, their norms, and the deviations of the truth from its mean.
package regmetrics

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// errors returns yTrue − yPred, after checking the lengths.
func errors(yTrue, yPred []float64) []float64 {
	if len(yTrue) != len(yPred) || len(yTrue) == 0 {
		panic("regmetrics: the slices must have the same, non-zero length")
	}
	return floats.SubTo(make([]float64, len(yTrue)), yTrue, yPred)
}

// MSE returns the mean squared error; see README.md.
func MSE(yTrue, yPred []float64) float64 {
	e := errors(yTrue, yPred)
	return floats.Dot(e, e) / float64(len(e))
}

// RMSE returns √MSE; see README.md.
func RMSE(yTrue, yPred []float64) float64 { return math.Sqrt(MSE(yTrue, yPred)) }

// MAE returns the mean absolute error, the L1 norm of the errors over n; see README.md.
func MAE(yTrue, yPred []float64) float64 {
	e := errors(yTrue, yPred)
	return floats.Norm(e, 1) / float64(len(e))
}

// R2 returns the coefficient of determination; see README.md.
func R2(yTrue, yPred []float64) float64 {
	e := errors(yTrue, yPred)
	ssRes := floats.Dot(e, e)
	if floats.Min(yTrue) == floats.Max(yTrue) {
		if ssRes == 0 {
			return 1
		}
		return 0
	}
	d := make([]float64, len(yTrue))
	copy(d, yTrue)
	floats.AddConst(-floats.Sum(yTrue)/float64(len(yTrue)), d)
	return 1 - ssRes/floats.Dot(d, d)
}
