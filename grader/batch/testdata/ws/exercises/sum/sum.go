// Package sum is the batch tests' second exercise: the sum of a slice.
package sum

// Sum returns the sum of x.
func Sum(x []float64) float64 {
	panic("not implemented")
}
