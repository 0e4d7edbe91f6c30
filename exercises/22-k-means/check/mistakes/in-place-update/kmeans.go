// Package kmeans holds exercise 22: k-means clustering — the assignment step, the centroid
// update (an empty cluster keeps its centroid), Lloyd's algorithm until no point changes
// cluster, k-means++ seeding with the grader's random numbers, and the whole pipeline on
// standardised data. See README.md for the task.
package kmeans

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// sqDist returns the squared Euclidean distance between a and b.
func sqDist(a, b []float64) float64 {
	s := 0.0
	for j := range a {
		d := a[j] - b[j]
		s += d * d
	}
	return s
}

// Assign puts each row of X in the cluster of its nearest centroid and returns the labels and
// the inertia, the sum of the squared distances to the nearest centroid.
func Assign(X, centroids *mat.Dense) (labels []int, inertia float64) {
	m, _ := X.Dims()
	k, _ := centroids.Dims()
	labels = make([]int, m)
	for i := range m {
		x := X.RawRowView(i)
		best, bestD := 0, math.Inf(1)
		for c := range k {
			if d := sqDist(x, centroids.RawRowView(c)); d < bestD {
				best, bestD = c, d
			}
		}
		labels[i] = best
		inertia += bestD
	}
	return labels, inertia
}

// Update returns the new centroids: row c is the mean of the rows of X labelled c, or old's
// row c if no row is labelled c.
func Update(X *mat.Dense, labels []int, old *mat.Dense) *mat.Dense {
	k, n := old.Dims()
	sums := mat.NewDense(k, n, nil)
	counts := make([]int, k)
	for i, c := range labels {
		counts[c]++
		row := sums.RawRowView(c)
		for j, v := range X.RawRowView(i) {
			row[j] += v
		}
	}
	for c := range k {
		row := sums.RawRowView(c)
		if counts[c] == 0 {
			copy(row, old.RawRowView(c))
			continue
		}
		for j := range row {
			row[j] /= float64(counts[c])
		}
	}
	return sums
}

// Fit runs Lloyd's algorithm from init: update, assign, and stop after the step that changed
// no label or after maxIter steps. inertias[s] is the inertia after s steps.
func Fit(X, init *mat.Dense, maxIter int) (centroids *mat.Dense, labels []int, inertias []float64) {
	centroids = mat.DenseCopyOf(init)
	labels, inertia := Assign(X, centroids)
	inertias = []float64{inertia}
	m, _ := X.Dims()
	k, _ := centroids.Dims()
	for range maxIter {
		// Assign each row and move its centroid at once, to the running mean of the rows that
		// joined it in this pass.
		counts := make([]int, k)
		next := make([]int, m)
		for i := range m {
			x := X.RawRowView(i)
			best, bestD := 0, math.Inf(1)
			for c := range k {
				if d := sqDist(x, centroids.RawRowView(c)); d < bestD {
					best, bestD = c, d
				}
			}
			next[i] = best
			counts[best]++
			row := centroids.RawRowView(best)
			for j := range row {
				row[j] += (x[j] - row[j]) / float64(counts[best])
			}
		}
		_, inertia := Assign(X, centroids)
		inertias = append(inertias, inertia)
		same := slices.Equal(next, labels)
		labels = next
		if same {
			break
		}
	}
	return centroids, labels, inertias
}

// PlusPlus chooses k rows of X as initial centroids by k-means++, calling uniform exactly k
// times.
func PlusPlus(X *mat.Dense, k int, uniform func() float64) *mat.Dense {
	m, n := X.Dims()
	C := mat.NewDense(k, n, nil)
	first := int(uniform() * float64(m)) // u < 1, so u·m < m
	C.SetRow(0, X.RawRowView(first))
	d2 := make([]float64, m)
	for i := range m {
		d2[i] = sqDist(X.RawRowView(i), X.RawRowView(first))
	}
	for c := 1; c < k; c++ {
		total := 0.0
		for _, d := range d2 {
			total += d
		}
		// The running sum ends at total > target unless every D² is 0: then row 0.
		target := uniform() * total
		pick, run := 0, 0.0
		for i, d := range d2 {
			run += d
			if run > target {
				pick = i
				break
			}
		}
		C.SetRow(c, X.RawRowView(pick))
		for i := range m {
			d2[i] = min(d2[i], sqDist(X.RawRowView(i), X.RawRowView(pick)))
		}
	}
	return C
}

// Cluster standardises the columns of X, seeds k centroids with PlusPlus, runs Fit, and
// returns the labels and the centroids in X's own units.
func Cluster(X *mat.Dense, k, maxIter int, uniform func() float64) (labels []int, centroids *mat.Dense) {
	m, n := X.Dims()
	mean, sd := make([]float64, n), make([]float64, n)
	for j := range n {
		for i := range m {
			mean[j] += X.At(i, j)
		}
		mean[j] /= float64(m)
		for i := range m {
			d := X.At(i, j) - mean[j]
			sd[j] += d * d
		}
		sd[j] = math.Sqrt(sd[j] / float64(m))
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	Z := mat.NewDense(m, n, nil)
	for i := range m {
		for j := range n {
			Z.Set(i, j, (X.At(i, j)-mean[j])/sd[j])
		}
	}
	C, labels, _ := Fit(Z, PlusPlus(Z, k, uniform), maxIter)
	for c := range k {
		for j := range n {
			C.Set(c, j, C.At(c, j)*sd[j]+mean[j])
		}
	}
	return labels, C
}
