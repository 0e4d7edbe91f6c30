// Package kmeans: an alternative solution written from the README. Assign expands
// ‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖² with a matrix product (the way numerical libraries compute all
// distances at once), Update keeps running means, and Cluster scales with mlkit's
// StandardScaler.
package kmeans

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/preprocess"
)

func Assign(X, centroids *mat.Dense) (labels []int, inertia float64) {
	m, _ := X.Dims()
	k, _ := centroids.Dims()
	var XC mat.Dense
	XC.Mul(X, centroids.T())
	cc := make([]float64, k)
	for c := range k {
		r := centroids.RawRowView(c)
		cc[c] = mat.Dot(mat.NewVecDense(len(r), r), mat.NewVecDense(len(r), r))
	}
	labels = make([]int, m)
	for i := range m {
		r := X.RawRowView(i)
		xx := mat.Dot(mat.NewVecDense(len(r), r), mat.NewVecDense(len(r), r))
		best := math.Inf(1)
		for c := range k {
			d := max(xx-2*XC.At(i, c)+cc[c], 0)
			if d < best {
				best, labels[i] = d, c
			}
		}
		inertia += best
	}
	return labels, inertia
}

func Update(X *mat.Dense, labels []int, old *mat.Dense) *mat.Dense {
	C := mat.DenseCopyOf(old) // empty clusters keep these rows
	k, _ := old.Dims()
	seen := make([]int, k)
	for i, c := range labels {
		seen[c]++
		row := C.RawRowView(c)
		for j, v := range X.RawRowView(i) {
			if seen[c] == 1 {
				row[j] = v
			} else {
				row[j] += (v - row[j]) / float64(seen[c])
			}
		}
	}
	return C
}

func Fit(X, init *mat.Dense, maxIter int) (centroids *mat.Dense, labels []int, inertias []float64) {
	centroids = mat.DenseCopyOf(init)
	labels, j0 := Assign(X, centroids)
	inertias = append(inertias, j0)
	for step := 1; step <= maxIter; step++ {
		centroids = Update(X, labels, centroids)
		prev := labels
		var j float64
		labels, j = Assign(X, centroids)
		inertias = append(inertias, j)
		if slices.Equal(prev, labels) {
			return centroids, labels, inertias
		}
	}
	return centroids, labels, inertias
}

func PlusPlus(X *mat.Dense, k int, uniform func() float64) *mat.Dense {
	m, n := X.Dims()
	chosen := []int{min(int(uniform()*float64(m)), m-1)}
	dist := func(a, b int) float64 {
		s := 0.0
		for j := range n {
			d := X.At(a, j) - X.At(b, j)
			s += d * d
		}
		return s
	}
	for len(chosen) < k {
		d2 := make([]float64, m)
		S := 0.0
		for i := range m {
			d2[i] = math.Inf(1)
			for _, c := range chosen {
				d2[i] = min(d2[i], dist(i, c))
			}
			S += d2[i]
		}
		t := uniform() * S
		pick, run := -1, 0.0
		for i := range m {
			run += d2[i]
			if run > t {
				pick = i
				break
			}
		}
		if pick == -1 {
			pick = 0
			for i := m - 1; i >= 0; i-- {
				if d2[i] > 0 {
					pick = i
					break
				}
			}
		}
		chosen = append(chosen, pick)
	}
	C := mat.NewDense(k, n, nil)
	for r, i := range chosen {
		C.SetRow(r, X.RawRowView(i))
	}
	return C
}

func Cluster(X *mat.Dense, k, maxIter int, uniform func() float64) (labels []int, centroids *mat.Dense) {
	var s preprocess.StandardScaler
	Z := s.FitTransform(nil, X)
	C, labels, _ := Fit(Z, PlusPlus(Z, k, uniform), maxIter)
	return labels, s.InverseTransform(nil, C)
}
