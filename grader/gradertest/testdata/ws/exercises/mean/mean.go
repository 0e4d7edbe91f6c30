// Package mean is gradertest's fake exercise: the mean of a slice.
package mean

// Mean returns the arithmetic mean of x.
func Mean(x []float64) float64 {
	panic("not implemented")
}
