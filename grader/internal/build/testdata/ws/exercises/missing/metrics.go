package metrics

// MSE returns the mean squared error. RMSE is not written yet.
func MSE(yTrue, yPred []float64) float64 {
	s := 0.0
	for i := range yTrue {
		s += (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i])
	}
	return s / float64(len(yTrue))
}

// rmse is unexported, so it does not count as RMSE.
func rmse(yTrue, yPred []float64) float64 { return MSE(yTrue, yPred) }

var _ = rmse
