package cluster_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/cluster"
)

// Two groups on a line, seeded by k-means++ with a seeded PCG source, then refined by Lloyd.
func Example() {
	X := mat.NewDense(6, 1, []float64{1, 2, 3, 11, 12, 13})
	rng := rand.New(rand.NewPCG(1, 2))
	init := cluster.PlusPlus(X, 2, rng.Float64)
	r := cluster.Lloyd(X, init, 100)
	fmt.Println("centroids:", r.Centroids.RawMatrix().Data)
	fmt.Println("labels:", r.Labels)
	fmt.Println("inertia per step:", r.Inertia)
	fmt.Println("steps:", r.Iter, "converged:", r.Converged)
	// Output:
	// centroids: [12 2]
	// labels: [1 1 1 0 0 0]
	// inertia per step: [4 4]
	// steps: 1 converged: true
}

// Assign and Update by hand: the point 2 is as far from 0 as from 4 and goes to the lower index;
// the cluster of the centroid 100 is empty and keeps it.
func ExampleUpdate() {
	X := mat.NewDense(5, 1, []float64{0, 1, 2, 3, 10})
	C := mat.NewDense(3, 1, []float64{0, 4, 100})
	labels, inertia := cluster.Assign(nil, X, C)
	fmt.Println(labels, inertia)
	fmt.Println(cluster.Update(nil, X, labels, C).RawMatrix().Data)
	// Output:
	// [0 0 0 1 1] 42
	// [1 6.5 100]
}

// KMeans with k-means++ seeding from a seeded source: two groups in the plane.
func ExampleKMeans() {
	X := mat.NewDense(6, 2, []float64{0, 0, 0, 1, 1, 0, 9, 9, 9, 10, 10, 9})
	rng := rand.New(rand.NewPCG(7, 0))
	r := cluster.KMeans{K: 2, Uniform: rng.Float64}.Fit(X)
	fmt.Printf("%.3g\n", mat.Formatted(r.Centroids))
	fmt.Println(r.Labels, r.Converged)
	// Output:
	// ⎡ 9.33   9.33⎤
	// ⎣0.333  0.333⎦
	// [1 1 1 0 0 0] true
}
