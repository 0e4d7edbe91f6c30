// Package mean is gradertest's fake exercise: the mean of a slice.
package mean

// Mean returns the arithmetic mean of x.
func Mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
