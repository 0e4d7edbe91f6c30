package cluster

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// benchData returns m×n standard normal rows and k of them as centroids, seeded.
func benchData(m, n, k int) (*mat.Dense, *mat.Dense) {
	rng := rand.New(rand.NewPCG(1, 2))
	X := mat.NewDense(m, n, nil)
	for i := range m {
		for j := range n {
			X.Set(i, j, rng.NormFloat64())
		}
	}
	C := mat.DenseCopyOf(X.Slice(0, k, 0, n))
	return X, C
}

// BenchmarkAssign times the assignment step (nearest of k = 8 centroids for each of 100,000
// rows of 8 features, and the inertia); mlkit/bench/run.sh runs it beside the same work in
// scikit-learn (compare.py's "kmeans" task).
func BenchmarkAssign(b *testing.B) {
	X, C := benchData(100_000, 8, 8)
	labels := make([]int, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		Assign(labels, X, C)
	}
}

// BenchmarkLloydIteration times one full Lloyd step on the same data: the initial assignment,
// one update and the assignment after it (Lloyd with maxIter = 1).
func BenchmarkLloydIteration(b *testing.B) {
	X, C := benchData(100_000, 8, 8)
	b.ReportAllocs()
	for b.Loop() {
		Lloyd(X, C, 1)
	}
}
