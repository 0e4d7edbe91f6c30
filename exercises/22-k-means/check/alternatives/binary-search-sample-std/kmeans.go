// Package kmeans: an alternative solution written from the README. PlusPlus keeps the running
// sums of D² in an array and finds the row by binary search; Cluster divides by the sample
// standard deviation (m − 1), which the README says changes no label; the centroids in X's
// units are the means of each cluster's raw rows.
package kmeans

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func sq(a, b []float64) float64 {
	var s float64
	for j := range a {
		s += (a[j] - b[j]) * (a[j] - b[j])
	}
	return s
}

func Assign(X, centroids *mat.Dense) (labels []int, inertia float64) {
	m, _ := X.Dims()
	k, _ := centroids.Dims()
	for i := range m {
		ds := make([]float64, k)
		for c := range k {
			ds[c] = sq(X.RawRowView(i), centroids.RawRowView(c))
		}
		best := 0
		for c := 1; c < k; c++ {
			if ds[c] < ds[best] {
				best = c
			}
		}
		labels = append(labels, best)
		inertia += ds[best]
	}
	return labels, inertia
}

func Update(X *mat.Dense, labels []int, old *mat.Dense) *mat.Dense {
	k, n := old.Dims()
	out := mat.NewDense(k, n, nil)
	for c := range k {
		var members []int
		for i, l := range labels {
			if l == c {
				members = append(members, i)
			}
		}
		if len(members) == 0 {
			out.SetRow(c, old.RawRowView(c))
			continue
		}
		for j := range n {
			s := 0.0
			for _, i := range members {
				s += X.At(i, j)
			}
			out.Set(c, j, s/float64(len(members)))
		}
	}
	return out
}

func Fit(X, init *mat.Dense, maxIter int) (centroids *mat.Dense, labels []int, inertias []float64) {
	centroids = init
	labels, j := Assign(X, centroids)
	inertias = []float64{j}
	changed := true
	for s := 0; s < maxIter && changed; s++ {
		centroids = Update(X, labels, centroids)
		next, j := Assign(X, centroids)
		inertias = append(inertias, j)
		changed = false
		for i := range next {
			if next[i] != labels[i] {
				changed = true
			}
		}
		labels = next
	}
	return mat.DenseCopyOf(centroids), labels, inertias
}

func PlusPlus(X *mat.Dense, k int, uniform func() float64) *mat.Dense {
	m, n := X.Dims()
	C := mat.NewDense(k, n, nil)
	C.SetRow(0, X.RawRowView(min(int(uniform()*float64(m)), m-1)))
	d2 := make([]float64, m)
	for i := range d2 {
		d2[i] = math.Inf(1)
	}
	cum := make([]float64, m)
	for c := 1; c < k; c++ {
		last := -1
		run := 0.0
		for i := range m {
			d2[i] = math.Min(d2[i], sq(X.RawRowView(i), C.RawRowView(c-1)))
			run += d2[i]
			cum[i] = run
			if d2[i] > 0 {
				last = i
			}
		}
		target := uniform() * run
		i := sort.Search(m, func(i int) bool { return cum[i] > target })
		if i == m {
			i = max(last, 0)
		}
		C.SetRow(c, X.RawRowView(i))
	}
	return C
}

func Cluster(X *mat.Dense, k, maxIter int, uniform func() float64) (labels []int, centroids *mat.Dense) {
	m, n := X.Dims()
	Z := mat.NewDense(m, n, nil)
	for j := range n {
		col := mat.Col(nil, j, X)
		mean, sd := stat.MeanStdDev(col, nil) // sample σ: the same labels
		if sd == 0 {
			sd = 1
		}
		for i := range m {
			Z.Set(i, j, (col[i]-mean)/sd)
		}
	}
	_, labels, _ = Fit(Z, PlusPlus(Z, k, uniform), maxIter)
	centroids = mat.NewDense(k, n, nil)
	counts := make([]float64, k)
	for i, c := range labels {
		counts[c]++
		for j := range n {
			centroids.Set(c, j, centroids.At(c, j)+X.At(i, j))
		}
	}
	for c := range k {
		for j := range n {
			centroids.Set(c, j, centroids.At(c, j)/counts[c])
		}
	}
	return labels, centroids
}
