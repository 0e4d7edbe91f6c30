// Package regmetrics scores the predictions of a regression model. This alternative solution,
// written from the README alone, makes one pass over the data for each metric: R² keeps a
// running mean and sum of squared deviations of the truth (Welford's algorithm) instead of
// computing the mean first.
package regmetrics

import "math"

func check(yTrue, yPred []float64) {
	if len(yTrue) != len(yPred) || len(yTrue) == 0 {
		panic("regmetrics: the slices must have the same, non-zero length")
	}
}

// MSE returns the mean squared error; see README.md.
func MSE(yTrue, yPred []float64) float64 {
	check(yTrue, yPred)
	var mean float64 // running mean of the squared errors
	for i := range yTrue {
		e := yTrue[i] - yPred[i]
		mean += (e*e - mean) / float64(i+1)
	}
	return mean
}

// RMSE returns √MSE; see README.md.
func RMSE(yTrue, yPred []float64) float64 { return math.Sqrt(MSE(yTrue, yPred)) }

// MAE returns the mean absolute error; see README.md.
func MAE(yTrue, yPred []float64) float64 {
	check(yTrue, yPred)
	var mean float64
	for i := range yTrue {
		mean += (math.Abs(yTrue[i]-yPred[i]) - mean) / float64(i+1)
	}
	return mean
}

// R2 returns the coefficient of determination; see README.md.
func R2(yTrue, yPred []float64) float64 {
	check(yTrue, yPred)
	var mean, ssTot, ssRes float64
	constant := true
	for i, y := range yTrue {
		d := y - mean
		mean += d / float64(i+1)
		ssTot += d * (y - mean) // Welford: the sum of squared deviations, updated
		e := y - yPred[i]
		ssRes += e * e
		constant = constant && y == yTrue[0]
	}
	if constant {
		if ssRes == 0 {
			return 1
		}
		return 0
	}
	return 1 - ssRes/ssTot
}
