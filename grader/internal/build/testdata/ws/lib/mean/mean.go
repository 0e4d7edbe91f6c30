// Package mean wraps gonum's stat.Mean.
package mean

import "gonum.org/v1/gonum/stat"

// SquaredError returns the mean of the squared differences.
func SquaredError(a, b []float64) float64 {
	d := make([]float64, len(a))
	for i := range d {
		d[i] = (a[i] - b[i]) * (a[i] - b[i])
	}
	return stat.Mean(d, nil)
}
