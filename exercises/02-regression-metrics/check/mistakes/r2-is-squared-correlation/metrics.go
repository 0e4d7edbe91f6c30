// Package regmetrics scores the predictions of a regression model: how far the predicted
// numbers ŷ are from the true numbers y. This is a mistake variant:
// R² is the squared correlation of the truth and the prediction.
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
	mustMatch("R2", yTrue, yPred)
	n := float64(len(yTrue))
	var my, mp float64
	for i := range yTrue {
		my += yTrue[i] / n
		mp += yPred[i] / n
	}
	var sxy, sxx, syy float64
	for i := range yTrue {
		sxy += (yTrue[i] - my) * (yPred[i] - mp)
		sxx += (yTrue[i] - my) * (yTrue[i] - my)
		syy += (yPred[i] - mp) * (yPred[i] - mp)
	}
	if sxx == 0 || syy == 0 {
		if slices.Equal(yTrue, yPred) {
			return 1
		}
		return 0
	}
	return sxy * sxy / (sxx * syy) // MISTAKE: the squared correlation, not 1 − SS_res/SS_tot
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
