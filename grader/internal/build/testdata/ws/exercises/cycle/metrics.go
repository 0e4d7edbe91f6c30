// Package metrics imports a package that imports it back.
package metrics

import "example.com/kata/lib/cycle"

// MSE is never compiled: the import cycle stops the build first.
func MSE(yTrue, yPred []float64) float64 { return cycle.Zero }
