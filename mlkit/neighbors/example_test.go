package neighbors_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/neighbors"
)

func ExampleClassifier() {
	// Two classes on a line: 0 near the origin, 1 near 10.
	X := mat.NewDense(6, 1, []float64{0, 1, 2, 9, 10, 11})
	y := []int{0, 0, 0, 1, 1, 1}
	c := (&neighbors.Classifier{K: 3}).Fit(X, y)
	q := mat.NewDense(3, 1, []float64{-1, 5, 8})
	dist, ind := c.KNeighbors(q)
	fmt.Println(c.Predict(q))
	fmt.Println(ind[1], dist[1])
	// Output:
	// [0 0 1]
	// [2 1 3] [3 4 4]
}

func ExampleDistances() {
	a := mat.NewDense(1, 2, []float64{0, 0})
	b := mat.NewDense(2, 2, []float64{3, 4, 1, 1})
	fmt.Printf("%.4f\n", mat.Formatted(neighbors.Distances(nil, a, b)))
	// Output:
	// [5.0000  1.4142]
}
