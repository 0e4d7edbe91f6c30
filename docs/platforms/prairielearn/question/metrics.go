// Package regmetrics scores the predictions of a regression model: how far the predicted
// numbers ŷ are from the true numbers y. You write the four metrics every ML engineer reads
// off a dashboard: MSE, RMSE, MAE and R². See README.md for the task.
//
// Every function takes the truth first and the prediction second, as scikit-learn does, and
// leaves both slices unchanged.
package regmetrics

// MSE returns the mean squared error of yPred against yTrue,
//
//	MSE = (1/n) Σᵢ (yTrueᵢ − yPredᵢ)²
//
// It panics if the lengths differ or the slices are empty.
func MSE(yTrue, yPred []float64) float64 {
	panic("not implemented")
}

// RMSE returns the root mean squared error √MSE, in the units of y.
//
// It panics if the lengths differ or the slices are empty.
func RMSE(yTrue, yPred []float64) float64 {
	panic("not implemented")
}

// MAE returns the mean absolute error,
//
//	MAE = (1/n) Σᵢ |yTrueᵢ − yPredᵢ|
//
// It panics if the lengths differ or the slices are empty.
func MAE(yTrue, yPred []float64) float64 {
	panic("not implemented")
}

// R2 returns the coefficient of determination,
//
//	R² = 1 − SS_res / SS_tot,  SS_res = Σᵢ (yTrueᵢ − yPredᵢ)²,  SS_tot = Σᵢ (yTrueᵢ − ȳ)²
//
// where ȳ is the mean of yTrue. R² is 1 for a perfect prediction, 0 for always predicting ȳ,
// and negative for a prediction worse than that. When yTrue is constant (all its values are
// equal, so SS_tot = 0), R2 returns 1 if the prediction is perfect and 0 otherwise; it never
// returns NaN.
//
// It panics if the lengths differ or the slices are empty.
func R2(yTrue, yPred []float64) float64 {
	panic("not implemented")
}
