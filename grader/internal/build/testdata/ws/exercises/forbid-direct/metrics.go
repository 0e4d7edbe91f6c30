package metrics

import "gonum.org/v1/gonum/stat"

// MSE lets gonum do the work, which this exercise forbids.
func MSE(yTrue, yPred []float64) float64 {
	d := make([]float64, len(yTrue))
	for i := range d {
		d[i] = (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i])
	}
	return stat.Mean(d, nil)
}
