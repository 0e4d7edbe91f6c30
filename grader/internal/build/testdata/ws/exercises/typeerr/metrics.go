package metrics

func MSE(yTrue, yPred []float64) float64 {
	s := 0
	for i := range yTrue {
		s += (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i])
	}
	return s / len(yTrue)
}
