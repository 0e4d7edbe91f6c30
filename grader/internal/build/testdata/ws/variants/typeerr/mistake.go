// Package metrics is a mistake variant that does not compile.
package metrics

func MSE(yTrue, yPred []float64) float64 {
	return len(yTrue)
}
