package metrics

import "example.com/kata/lib/mean"

// MSE reaches gonum/stat through a package of the workspace.
func MSE(yTrue, yPred []float64) float64 { return mean.SquaredError(yTrue, yPred) }
