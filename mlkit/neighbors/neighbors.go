// Package neighbors is the k-nearest-neighbours classifier: brute force, Euclidean distances,
// a majority vote of the k training rows nearest to each query, with its tie rules stated.
//
// It reproduces scikit-learn's KNeighborsClassifier(algorithm="brute", weights="uniform") where
// that is defined:
//
//   - distances are Euclidean, computed directly as √Σⱼ(aⱼ − bⱼ)² (scikit-learn expands
//     ‖a‖² − 2a·b + ‖b‖², which differs by rounding; exact ties stay exact here);
//   - a training row that equals the query (distance 0) is a neighbour like any other;
//   - rows at equal distance are taken lower training index first, so the k neighbours are
//     always well defined (scikit-learn's argpartition leaves that order unspecified);
//   - a vote tie between classes goes to the smallest label, as scipy.stats.mode, which
//     scikit-learn uses, does.
//
// Labels are class indices 0..K−1, as in package metrics.
//
// The package is the reference of exercise 21 (k-nearest neighbours); its tests compare it with
// scikit-learn 1.2.1 (testdata/knn_sklearn.py).
package neighbors

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Distances returns the matrix of Euclidean distances between the rows of a and the rows of b:
//
//	D[i][j] = ‖aᵢ − bⱼ‖ = √Σₗ (a[i][l] − b[j][l])²,
//
// len(a) rows by len(b) rows, as scipy's cdist(a, b). The sum runs over the columns in order, so
// points on an integer grid get exact distances and exact ties. It writes into dst when dst is
// not nil (reusing its storage when the shape fits, else allocating).
//
// It panics if a and b have different numbers of columns.
func Distances(dst *mat.Dense, a, b mat.Matrix) *mat.Dense {
	ra, ca := a.Dims()
	rb, cb := b.Dims()
	if ca != cb {
		panic(fmt.Sprintf("neighbors: Distances: a has %d columns, b has %d", ca, cb))
	}
	if dst == nil {
		dst = mat.NewDense(ra, rb, nil)
	} else if r, c := dst.Dims(); r != ra || c != rb {
		dst = mat.NewDense(ra, rb, nil)
	}
	ar := make([]float64, ca)
	bs := make([][]float64, rb)
	for j := range rb {
		bs[j] = mat.Row(nil, j, b)
	}
	for i := range ra {
		mat.Row(ar, i, a)
		for j := range rb {
			s := 0.0
			for l, v := range ar {
				d := v - bs[j][l]
				s += d * d
			}
			dst.Set(i, j, math.Sqrt(s))
		}
	}
	return dst
}

// Classifier is a k-nearest-neighbours classifier. Set K, call Fit with the training rows, then
// Predict. The zero value with K set is ready to Fit.
type Classifier struct {
	// K is the number of neighbours that vote.
	K int

	x       *mat.Dense
	y       []int
	classes int
}

// Fit stores copies of the training rows X and their labels y (0..K−1). It panics if len(y) is
// not the number of rows of X, X is empty, a label is negative, or K is not in 1..len(y).
func (c *Classifier) Fit(X mat.Matrix, y []int) *Classifier {
	m, _ := X.Dims()
	if len(y) != m || m == 0 {
		panic(fmt.Sprintf("neighbors: Fit: %d labels for %d rows", len(y), m))
	}
	if c.K < 1 || c.K > m {
		panic(fmt.Sprintf("neighbors: Fit: K = %d, want 1 ≤ K ≤ %d (the number of training rows)", c.K, m))
	}
	c.classes = 0
	for i, v := range y {
		if v < 0 {
			panic(fmt.Sprintf("neighbors: Fit: y[%d] = %d is negative", i, v))
		}
		c.classes = max(c.classes, v+1)
	}
	c.x = mat.DenseCopyOf(X)
	c.y = slices.Clone(y)
	return c
}

// KNeighbors returns, for each row of X, the distances to its K nearest training rows and their
// indices, nearest first; rows at equal distance come lower training index first.
func (c *Classifier) KNeighbors(X mat.Matrix) (dist [][]float64, ind [][]int) {
	if c.x == nil {
		panic("neighbors: KNeighbors: the classifier is not fitted")
	}
	D := Distances(nil, X, c.x)
	q, m := D.Dims()
	dist, ind = make([][]float64, q), make([][]int, q)
	order := make([]int, m)
	for i := range q {
		row := D.RawRowView(i)
		for j := range order {
			order[j] = j
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(row[a], row[b]) })
		ind[i] = slices.Clone(order[:c.K])
		dist[i] = make([]float64, c.K)
		for j, r := range ind[i] {
			dist[i][j] = row[r]
		}
	}
	return dist, ind
}

// Predict returns the class of each row of X: the most common label among its K nearest
// training rows, the smallest label on a tie.
func (c *Classifier) Predict(X mat.Matrix) []int {
	_, ind := c.KNeighbors(X)
	out := make([]int, len(ind))
	votes := make([]int, c.classes)
	for i, nb := range ind {
		clear(votes)
		for _, r := range nb {
			votes[c.y[r]]++
		}
		best := 0
		for k, v := range votes {
			if v > votes[best] {
				best = k
			}
		}
		out[i] = best
	}
	return out
}
