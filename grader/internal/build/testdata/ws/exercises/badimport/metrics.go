package metrics

import "github.com/nobody/nothing/stats"

func MSE(yTrue, yPred []float64) float64 { return stats.MSE(yTrue, yPred) }
