package metrics

import "example.com/kata/lib/broken"

// MSE compiles, but a package it imports does not.
func MSE(yTrue, yPred []float64) float64 { return broken.Mean(yTrue) }
