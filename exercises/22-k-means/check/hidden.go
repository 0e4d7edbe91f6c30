//go:build hidden

package check

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/cluster"
)

// hiddenChecks run on inputs the learner never saw, drawn from the run's seed: points on an
// integer grid (where ties are common and exact), Gaussian blobs with a random number of
// clusters, features, spread and size, random initial centroids (one of them sometimes far from
// every row), random numbers for k-means++, and blobs whose columns have very different scales.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Assign and Update on unseen points, with ties and an empty cluster", Points: 1, Hidden: true, Run: hiddenAssignUpdate},
		{Name: "Fit on unseen blobs", Points: 2, Hidden: true, Run: hiddenFit},
		{Name: "PlusPlus and Cluster on unseen blobs with unequal scales", Points: 2, Hidden: true, Run: hiddenPlusPlusCluster},
	}
}

func hiddenAssignUpdate(t *grader.T) {
	rng := t.Rand()
	m, d, k := 30+rng.IntN(50), 2+rng.IntN(3), 3+rng.IntN(4)
	// Centroids with even coordinates, rows with integer ones: squared distances are exact
	// integers, so ties are exact, and the midpoint of two centroids is a row of the grid.
	C := mat.NewDense(k, d, nil)
	for c := range k {
		for j := range d {
			C.Set(c, j, float64(2*(rng.IntN(11)-5)))
		}
	}
	X := mat.NewDense(m+1, d, nil)
	for i := range m {
		for j := range d {
			X.Set(i, j, float64(rng.IntN(21)-10))
		}
	}
	for j := range d {
		X.Set(m, j, (C.At(0, j)+C.At(1, j))/2)
	}
	what := fmt.Sprintf("%d unseen points on an integer grid in %d dimensions, %d centroids", m+1, d, k)
	checkAssign(t, X, C, what)
	old := withFar(C, 1000+1000*rng.Float64())
	labels, _ := cluster.Assign(nil, X, old)
	checkUpdate(t, X, labels, old, what+" and one more far from every point (its cluster is empty)")
}

// unseenBlobs returns random blobs and k random distinct rows of them as initial centroids.
func unseenBlobs(t *grader.T) (*mat.Dense, *mat.Dense, string) {
	rng := t.Rand()
	k, d, size := 2+rng.IntN(4), 2+rng.IntN(3), 20+rng.IntN(30)
	X := blobs(rng, k, d, size, 4+4*rng.Float64())
	m, _ := X.Dims()
	idx := rng.Perm(m)[:k]
	return X, takeRows(X, idx...), fmt.Sprintf("%d unseen blobs of %d points in %d dimensions, init = rows %v", k, size, d, idx)
}

func hiddenFit(t *grader.T) {
	X, init, what := unseenBlobs(t)
	rng := t.Rand()
	checkFit(t, X, init, 1+rng.IntN(2), what)
	got, _ := checkFit(t, X, init, 100, what)
	checkNeverRises(t, got.inertias, "Fit on unseen blobs")
	far := withFar(init, 50+50*rng.Float64())
	checkFit(t, X, far, 100, what+" and a far centroid (its cluster is empty)")
}

func hiddenPlusPlusCluster(t *grader.T) {
	rng := t.Rand()
	k, d, size := 3+rng.IntN(3), 2+rng.IntN(3), 15+rng.IntN(30)
	X := blobs(rng, k, d, size, 3+3*rng.Float64())
	// Columns in very different units: column j is multiplied by 10^(3j/(d−1)) and shifted.
	for j := range d {
		f := 1.0
		for range 3 * j / (d - 1) {
			f *= 10
		}
		off := 100 * rng.NormFloat64()
		for i := range k * size {
			X.Set(i, j, f*X.At(i, j)+off)
		}
	}
	s1, s2, s3 := rng.Uint64(), rng.Uint64(), rng.Uint64()
	what := fmt.Sprintf("%d unseen blobs in %d dimensions (columns in units up to 1000 times apart)", k, d)
	checkPlusPlus(t, X, k, func() (func() float64, *int) { return stream(s1) }, what)
	checkPlusPlus(t, X, k+2, func() (func() float64, *int) { return stream(s2) }, what)
	checkCluster(t, X, k, 100, func() (func() float64, *int) { return stream(s3) }, what, nil)
}
