// Package mean is gradertest's fake exercise: the mean of a slice.
package mean

// Mean returns the arithmetic mean of x, but returns the first element.
func Mean(x []float64) float64 {
	return x[0]
}
