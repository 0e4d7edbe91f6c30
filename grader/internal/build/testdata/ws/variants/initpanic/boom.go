// Package metrics panics while it initialises, as a learner's package may.
package metrics

func init() {
	panic("boom at init")
}

// MSE is never reached.
func MSE(yTrue, yPred []float64) float64 { return 0 }
