// Package broken does not compile.
package broken

// Mean returns a string where a float64 is wanted.
func Mean(x []float64) float64 {
	return "mean"
}
