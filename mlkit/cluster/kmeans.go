// Package cluster groups unlabelled rows. It holds k-means: Lloyd's algorithm (Assign, Update
// and Lloyd, which alternates them until no row changes cluster) and k-means++ seeding
// (PlusPlus), whose random draws come from a function the caller passes, so that the same
// draws always give the same centres.
//
// The parts fit together as scikit-learn's KMeans(init=<array>, n_init=1, algorithm="lloyd",
// tol=0): PlusPlus (or any k×n matrix) gives the initial centroids, Lloyd refines them, and
// its Result holds the centroids, each row's cluster, and the inertia (the sum of squared
// distances to the nearest centroid) after every step, which never increases.
//
// Two rules differ from scikit-learn and are stated where they apply: an empty cluster keeps
// its old centroid (scikit-learn moves it to a far-away row), and PlusPlus draws one candidate
// per centre (scikit-learn's k-means++ draws 2 + ⌊ln k⌋ candidates and keeps the one that
// lowers the inertia most, "greedy" k-means++).
//
// Inputs are mat.Matrix with one row per example; nothing mutates its input.
package cluster

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// SquaredDistance returns ‖a − b‖² = Σⱼ (aⱼ − bⱼ)². It panics if the lengths differ.
func SquaredDistance(a, b []float64) float64 {
	if len(a) != len(b) {
		panic(fmt.Sprintf("cluster: SquaredDistance of lengths %d and %d", len(a), len(b)))
	}
	s := 0.0
	for j, v := range a {
		d := v - b[j]
		s += d * d
	}
	return s
}

// Assign puts each row of X (m×n) in the cluster of its nearest centroid (a row of the k×n
// matrix C) by squared Euclidean distance, and returns the labels and the inertia
//
//	J = Σᵢ minₖ ‖xᵢ − cₖ‖².
//
// A row at equal distance from several centroids goes to the lowest index. dst, if it has
// length m, receives the labels; otherwise a new slice does. It panics if X and C have
// different numbers of columns or C has no rows.
func Assign(dst []int, X, C mat.Matrix) ([]int, float64) {
	m, n := X.Dims()
	k, nc := C.Dims()
	if nc != n || k == 0 {
		panic(fmt.Sprintf("cluster: Assign of %d×%d rows to %d×%d centroids", m, n, k, nc))
	}
	if len(dst) != m {
		dst = make([]int, m)
	}
	// The centroids in one contiguous slice, and X's rows read in place when X is a
	// *mat.Dense (or another mat.RawRowViewer), copied otherwise.
	cs := mat.DenseCopyOf(C).RawMatrix().Data
	rv, direct := X.(mat.RawRowViewer)
	buf := make([]float64, n)
	inertia := 0.0
	for i := range m {
		x := buf
		if direct {
			x = rv.RawRowView(i)
		} else {
			mat.Row(buf, i, X)
		}
		best, bestD := 0, math.Inf(1)
		for c := range k {
			cent := cs[c*n : (c+1)*n]
			d := 0.0
			for j, v := range x {
				e := v - cent[j]
				d += e * e
			}
			if d < bestD {
				best, bestD = c, d
			}
		}
		dst[i] = best
		inertia += bestD
	}
	return dst, inertia
}

// Update returns the centroids of the clusters labels defines: row c is the mean of the rows
// of X labelled c. A cluster with no rows keeps its centroid from old (k×n), the rule that
// keeps Lloyd's inertia from rising; scikit-learn instead moves it to the row farthest from
// its centroid. dst follows gonum's convention: nil allocates, an empty matrix is resized,
// another shape panics; it may be old itself. It panics if len(labels) is not the number of
// rows of X, a label is outside [0, k), or old has not X's number of columns.
func Update(dst *mat.Dense, X mat.Matrix, labels []int, old mat.Matrix) *mat.Dense {
	m, n := X.Dims()
	k, nc := old.Dims()
	if len(labels) != m || nc != n {
		panic(fmt.Sprintf("cluster: Update of %d×%d rows with %d labels and %d×%d centroids", m, n, len(labels), k, nc))
	}
	sums := make([]float64, k*n)
	counts := make([]int, k)
	x := make([]float64, n)
	for i, c := range labels {
		if c < 0 || c >= k {
			panic(fmt.Sprintf("cluster: Update: label %d of row %d is outside [0, %d)", c, i, k))
		}
		mat.Row(x, i, X)
		counts[c]++
		for j, v := range x {
			sums[c*n+j] += v
		}
	}
	for c := range k {
		if counts[c] == 0 {
			mat.Row(sums[c*n:(c+1)*n], c, old)
			continue
		}
		for j := range n {
			sums[c*n+j] /= float64(counts[c])
		}
	}
	out := mat.NewDense(k, n, sums)
	if dst == nil {
		return out
	}
	if dst.IsEmpty() {
		dst.ReuseAs(k, n)
	} else if r, c := dst.Dims(); r != k || c != n {
		panic(fmt.Sprintf("cluster: Update into a %d×%d matrix, want %d×%d", r, c, k, n))
	}
	dst.Copy(out)
	return dst
}

// Result is the outcome of Lloyd.
type Result struct {
	// Centroids is k×n: the centroids after the last step.
	Centroids *mat.Dense
	// Labels holds each row's cluster, Assign of the final centroids.
	Labels []int
	// Inertia holds the inertia before the first step and after each step: Inertia[s] is the
	// inertia of the centroids after s steps, so len(Inertia) = Iter + 1. It never increases.
	Inertia []float64
	// Iter is the number of steps taken, at most maxIter.
	Iter int
	// Converged reports whether the last step changed no row's cluster.
	Converged bool
}

// Lloyd runs Lloyd's k-means from the k×n centroids init on the rows of X (m×n). With C₀ =
// init and labels₀ = Assign(C₀), step s (s = 1, 2, …, at most maxIter) computes
//
//	Cₛ = Update(X, labelsₛ₋₁, Cₛ₋₁),  labelsₛ = Assign(X, Cₛ),
//
// and Lloyd stops after the step whose labels equal the previous ones (then Cₛ₊₁ would equal
// Cₛ: a fixed point) or after maxIter steps. This is scikit-learn's lloyd iteration with
// tol = 0: its max_iter counts the same updates, and its final labels and inertia are those of
// the final centroids. maxIter = 0 returns init, its labels and its inertia. It panics if
// maxIter < 0 or as Assign does.
func Lloyd(X, init mat.Matrix, maxIter int) *Result {
	if maxIter < 0 {
		panic(fmt.Sprintf("cluster: Lloyd with maxIter = %d", maxIter))
	}
	C := mat.DenseCopyOf(init)
	labels, inertia := Assign(nil, X, C)
	r := &Result{Inertia: []float64{inertia}}
	next := make([]int, len(labels))
	for r.Iter < maxIter {
		Update(C, X, labels, C)
		next, inertia = Assign(next, X, C)
		r.Iter++
		r.Inertia = append(r.Inertia, inertia)
		same := slices.Equal(next, labels)
		labels, next = next, labels
		if same {
			r.Converged = true
			break
		}
	}
	r.Centroids, r.Labels = C, labels
	return r
}

// PlusPlus chooses k initial centroids among the rows of X (m×n) by k-means++ (Arthur and
// Vassilvitskii, 2007): the first uniformly at random, each next one at random with
// probability proportional to D²(x), the squared distance from row x to its nearest centre
// chosen so far. It calls uniform, which must return numbers in [0, 1), exactly k times, in
// this order:
//
//   - the first centre is row ⌊u·m⌋ for u = uniform();
//   - for each next centre, with Dᵢ² the squared distances, S = Σᵢ Dᵢ² and u = uniform(), the
//     centre is the first row i whose running sum D₀² + … + Dᵢ² exceeds u·S (strictly), so that
//     a row already chosen (D² = 0) is never chosen again. If rounding leaves none, the last
//     row with D² > 0 is taken; if every D² is 0 (fewer than k distinct rows), row 0.
//
// It returns the k×n centroids (copies of the chosen rows). It panics if k < 1, k > m, or
// uniform returns a number outside [0, 1).
func PlusPlus(X mat.Matrix, k int, uniform func() float64) *mat.Dense {
	idx := PlusPlusIndices(X, k, uniform)
	_, n := X.Dims()
	C := mat.NewDense(k, n, nil)
	for c, i := range idx {
		for j := range n {
			C.Set(c, j, X.At(i, j))
		}
	}
	return C
}

// PlusPlusIndices returns the rows PlusPlus chooses, in order.
func PlusPlusIndices(X mat.Matrix, k int, uniform func() float64) []int {
	m, _ := X.Dims()
	if k < 1 || k > m {
		panic(fmt.Sprintf("cluster: PlusPlus of k = %d centres from %d rows", k, m))
	}
	draw := func() float64 {
		u := uniform()
		if !(u >= 0 && u < 1) {
			panic(fmt.Sprintf("cluster: PlusPlus: uniform() returned %v, outside [0, 1)", u))
		}
		return u
	}
	xs := rows(X)
	first := min(int(draw()*float64(m)), m-1)
	idx := []int{first}
	d2 := make([]float64, m)
	for i, x := range xs {
		d2[i] = SquaredDistance(x, xs[first])
	}
	for len(idx) < k {
		S := 0.0
		for _, d := range d2 {
			S += d
		}
		target := draw() * S
		pick, last, run := -1, 0, 0.0
		for i, d := range d2 {
			run += d
			if d > 0 {
				last = i
			}
			if run > target {
				pick = i
				break
			}
		}
		if pick < 0 {
			pick = last
		}
		idx = append(idx, pick)
		for i, x := range xs {
			d2[i] = min(d2[i], SquaredDistance(x, xs[pick]))
		}
	}
	return idx
}

// rows returns the rows of A as slices (copies).
func rows(A mat.Matrix) [][]float64 {
	r, _ := A.Dims()
	out := make([][]float64, r)
	for i := range r {
		out[i] = mat.Row(nil, i, A)
	}
	return out
}

// KMeans is a k-means model: Lloyd's algorithm from given centroids, or from k-means++
// seeding. The zero MaxIter means 300, scikit-learn's default.
type KMeans struct {
	// K is the number of clusters; when Init is set, its number of rows.
	K int
	// MaxIter is the most Lloyd steps Fit takes; 0 means 300.
	MaxIter int
	// Init holds the K×n initial centroids; nil means PlusPlus(X, K, Uniform).
	Init mat.Matrix
	// Uniform gives PlusPlus its numbers in [0, 1), for example a seeded
	// rand.New(rand.NewPCG(seed, 0)).Float64. It is needed only when Init is nil.
	Uniform func() float64
}

// Fit clusters the rows of X and returns Lloyd's Result. It panics if Init is nil and Uniform
// is nil, if Init has not K rows, or as PlusPlus and Lloyd do.
func (km KMeans) Fit(X mat.Matrix) *Result {
	maxIter := km.MaxIter
	if maxIter == 0 {
		maxIter = 300
	}
	init := km.Init
	if init == nil {
		if km.Uniform == nil {
			panic("cluster: KMeans.Fit with neither Init nor Uniform")
		}
		init = PlusPlus(X, km.K, km.Uniform)
	} else if r, _ := init.Dims(); r != km.K {
		panic(fmt.Sprintf("cluster: KMeans.Fit with K = %d and %d initial centroids", km.K, r))
	}
	return Lloyd(X, init, maxIter)
}
