package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// checkRegression validates the inputs of a regression metric.
func checkRegression(fn string, yTrue, yPred []float64) {
	checkLen(fn, "yTrue", "yPred", len(yTrue), len(yPred))
	checkFinite(fn, "yTrue", yTrue)
	checkFinite(fn, "yPred", yPred)
}

// MSE returns the mean squared error
//
//	MSE = (1/n) Σᵢ (yTrueᵢ − yPredᵢ)²
//
// as scikit-learn's mean_squared_error. It panics if the lengths differ, if the input is empty,
// or if any value is NaN or ±Inf. Finite inputs whose squared differences overflow give +Inf.
func MSE(yTrue, yPred []float64) float64 {
	checkRegression("MSE", yTrue, yPred)
	return sumSquaredDiff(yTrue, yPred) / float64(len(yTrue))
}

// sumSquaredDiff returns Σᵢ (aᵢ − bᵢ)² for slices of equal length.
func sumSquaredDiff(a, b []float64) float64 {
	var sum float64
	for i, x := range a {
		d := x - b[i]
		sum += d * d
	}
	return sum
}

// RMSE returns the root mean squared error √MSE, as scikit-learn's root_mean_squared_error
// (mean_squared_error with squared=False in scikit-learn 1.2). It panics like MSE.
func RMSE(yTrue, yPred []float64) float64 {
	checkRegression("RMSE", yTrue, yPred)
	return math.Sqrt(sumSquaredDiff(yTrue, yPred) / float64(len(yTrue)))
}

// MAE returns the mean absolute error
//
//	MAE = (1/n) Σᵢ |yTrueᵢ − yPredᵢ|
//
// as scikit-learn's mean_absolute_error. It panics like MSE.
func MAE(yTrue, yPred []float64) float64 {
	checkRegression("MAE", yTrue, yPred)
	return floats.Distance(yTrue, yPred, 1) / float64(len(yTrue))
}

// R2 returns the coefficient of determination
//
//	R² = 1 − SS_res / SS_tot,  SS_res = Σᵢ (yTrueᵢ − yPredᵢ)²,  SS_tot = Σᵢ (yTrueᵢ − ȳ)²
//
// as scikit-learn's r2_score with force_finite=True: when yTrue is constant (SS_tot = 0),
// R² is 1 if the prediction is perfect (SS_res = 0) and 0 otherwise. R² can be negative when
// the prediction is worse than predicting the mean.
//
// Deviation from scikit-learn: yTrue is constant when all its values are equal, decided by
// comparing the values, not by testing the floating-point SS_tot against 0. scikit-learn
// computes ȳ with rounding, so for y = [0.1, 0.1, 0.1] its SS_tot is about 1e-33 and R²
// becomes about −5e33 instead of 0. For the same reason a single sample gives 1 or 0 here,
// where scikit-learn returns NaN with a warning.
//
// It panics if the lengths differ, if the input is empty, if any value is NaN or ±Inf, or if
// the sums of squares overflow.
func R2(yTrue, yPred []float64) float64 {
	checkRegression("R2", yTrue, yPred)
	ssRes := sumSquaredDiff(yTrue, yPred)
	constant := true
	for _, y := range yTrue[1:] {
		if y != yTrue[0] {
			constant = false
			break
		}
	}
	var ssTot float64
	if !constant {
		mean := floats.Sum(yTrue) / float64(len(yTrue))
		for _, y := range yTrue {
			d := y - mean
			ssTot += d * d
		}
	}
	if math.IsInf(ssRes, 0) || math.IsInf(ssTot, 0) {
		panic(fmt.Sprintf("metrics: R2: sum of squares overflows (SS_res = %v, SS_tot = %v)", ssRes, ssTot))
	}
	switch {
	case ssRes == 0:
		return 1
	case ssTot == 0:
		return 0
	}
	return 1 - ssRes/ssTot
}
