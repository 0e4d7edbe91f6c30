// Package regmetrics scores the predictions of a regression model: how far the predicted
// numbers ŷ are from the true numbers y. This is a mistake variant:
// R² computes SS_tot as Σy² − n·ȳ², which cancels for values far from 0.
//
// Every function takes the truth first and the prediction second, as scikit-learn does, and
// leaves both slices unchanged.
package regmetrics

import (
	"fmt"
	"math"
	"slices"
)

// MSE returns the mean squared error of yPred against yTrue,
//
//	MSE = (1/n) Σᵢ (yTrueᵢ − yPredᵢ)²
//
// It panics if the lengths differ or the slices are empty.
func MSE(yTrue, yPred []float64) float64 {
	return sumSquaredErrors("MSE", yTrue, yPred) / float64(len(yTrue))
}

// RMSE returns the root mean squared error √MSE, in the units of y.
//
// It panics if the lengths differ or the slices are empty.
func RMSE(yTrue, yPred []float64) float64 {
	return math.Sqrt(MSE(yTrue, yPred))
}

// MAE returns the mean absolute error,
//
//	MAE = (1/n) Σᵢ |yTrueᵢ − yPredᵢ|
//
// It panics if the lengths differ or the slices are empty.
func MAE(yTrue, yPred []float64) float64 {
	mustMatch("MAE", yTrue, yPred)
	var sum float64
	for i := range yTrue {
		sum += math.Abs(yTrue[i] - yPred[i])
	}
	return sum / float64(len(yTrue))
}

// R2 returns the coefficient of determination,
//
//	R² = 1 − SS_res / SS_tot,  SS_res = Σᵢ (yTrueᵢ − yPredᵢ)²,  SS_tot = Σᵢ (yTrueᵢ − ȳ)²
//
// where ȳ is the mean of yTrue. R² is 1 for a perfect prediction, 0 for always predicting ȳ,
// and negative for a prediction worse than that. When yTrue is constant (SS_tot = 0), R2
// returns 1 if the prediction is perfect and 0 otherwise; it never returns NaN.
//
// It panics if the lengths differ or the slices are empty.
func R2(yTrue, yPred []float64) float64 {
	ssRes := sumSquaredErrors("R2", yTrue, yPred)
	if slices.Min(yTrue) == slices.Max(yTrue) {
		// A constant truth: SS_tot = 0, and the ratio is 0/0 or x/0. (Compare the values, not
		// a computed SS_tot with 0: the mean of [0.1 0.1 0.1] is not exactly 0.1.)
		if ssRes == 0 {
			return 1
		}
		return 0
	}

	var mean float64
	for _, y := range yTrue {
		mean += y
	}
	mean /= float64(len(yTrue))
	var sumSquares float64
	for _, y := range yTrue {
		sumSquares += y * y
	}
	ssTot := sumSquares - float64(len(yTrue))*mean*mean // MISTAKE: two huge, nearly equal numbers
	return 1 - ssRes/ssTot
}

// sumSquaredErrors returns Σᵢ (yTrueᵢ − yPredᵢ)², after checking the inputs for fn.
func sumSquaredErrors(fn string, yTrue, yPred []float64) float64 {
	mustMatch(fn, yTrue, yPred)
	var sum float64
	for i := range yTrue {
		e := yTrue[i] - yPred[i]
		sum += e * e
	}
	return sum
}

// mustMatch panics if yTrue and yPred differ in length or are empty.
func mustMatch(fn string, yTrue, yPred []float64) {
	if len(yTrue) != len(yPred) {
		panic(fmt.Sprintf("regmetrics: %s: len(yTrue) = %d but len(yPred) = %d", fn, len(yTrue), len(yPred)))
	}
	if len(yTrue) == 0 {
		panic(fmt.Sprintf("regmetrics: %s: empty input", fn))
	}
}
