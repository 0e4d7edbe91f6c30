package density_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/density"
)

// Fit a Gaussian per feature on normal rows, choose ε on labelled validation rows, and flag.
func Example() {
	train := mat.NewDense(4, 2, []float64{
		1.0, 10,
		2.0, 12,
		3.0, 11,
		2.0, 11,
	})
	g := density.Fit(train)
	fmt.Printf("mean %.2f, variance %.2f\n", g.Mean, g.Var)

	val := mat.NewDense(4, 2, []float64{
		2.0, 11, // normal
		9.0, 11, // an anomaly: feature 0 is far out
		1.5, 10, // normal
		2.0, 20, // an anomaly: feature 1 is far out
	})
	yval := []int{0, 1, 0, 1}
	logp := g.LogDensity(nil, val)
	fmt.Printf("log p %.1f\n", logp)
	eps, f1 := density.SelectThreshold(yval, logp)
	fmt.Printf("ε = %.1f, F1 = %.2f, flags %v\n", eps, f1, density.Flag(logp, eps))
	// Output:
	// mean [2.00 11.00], variance [0.50 0.50]
	// log p [-1.1 -50.1 -2.4 -82.1]
	// ε = -50.1, F1 = 1.00, flags [0 1 0 1]
}
