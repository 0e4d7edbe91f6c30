// Package knn holds exercise 21: the k-nearest-neighbours classifier — Euclidean distances, the
// k nearest training rows of each query, a majority vote, and the choice of k on a validation
// set after standardising the features. See README.md for the task.
package knn

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// Distances returns the matrix D of Euclidean distances between the rows of A and the rows of
// B: D[i][j] = ‖aᵢ − bⱼ‖ = √Σₗ (A[i][l] − B[j][l])². D has one row per row of A and one column
// per row of B. No input is modified.
//
// It panics if A and B have different numbers of columns.
func Distances(A, B *mat.Dense) *mat.Dense {
	ra, ca := A.Dims()
	rb, cb := B.Dims()
	if ca != cb {
		panic("knn: Distances: B has a different number of columns from A")
	}
	D := mat.NewDense(ra, rb, nil)
	for i := range ra {
		for j := range rb {
			s := 0.0
			for l := range ca {
				d := A.At(i, l) - B.At(j, l)
				s += d * d
			}
			D.Set(i, j, math.Sqrt(s))
		}
	}
	return D
}

// Neighbors returns, for each row of Xquery, the indices of its k nearest rows of Xtrain,
// nearest first. Rows at equal distance come lower index first. A training row equal to the
// query (distance 0) counts like any other. No input is modified.
//
// It panics if k < 1 or k is more than the number of training rows.
func Neighbors(Xtrain, Xquery *mat.Dense, k int) [][]int {
	m, _ := Xtrain.Dims()
	if k < 1 || k > m {
		panic("knn: Neighbors: k must be between 1 and the number of training rows")
	}
	D := Distances(Xquery, Xtrain)
	q, _ := Xquery.Dims()
	out := make([][]int, q)
	for i := range q {
		order := make([]int, m)
		for j := range order {
			order[j] = j
		}
		// A stable sort keeps equal distances in index order.
		sort.SliceStable(order, func(a, b int) bool { return D.At(i, order[a]) < D.At(i, order[b]) })
		out[i] = order[:k]
	}
	return out
}

// Predict returns the class of each row of Xquery: the label held by most of its k nearest
// training rows (Neighbors), and on a tie the smallest of the tied labels. Labels are 0, 1, 2, …
// No input is modified.
//
// It panics as Neighbors does, or if len(ytrain) is not the number of rows of Xtrain.
func Predict(Xtrain *mat.Dense, ytrain []int, Xquery *mat.Dense, k int) []int {
	m, _ := Xtrain.Dims()
	if len(ytrain) != m {
		panic("knn: Predict: one label per training row")
	}
	classes := 0
	for _, c := range ytrain {
		classes = max(classes, c+1)
	}
	nb := Neighbors(Xtrain, Xquery, k)
	pred := make([]int, len(nb))
	for i, rows := range nb {
		votes := make([]int, classes)
		for _, r := range rows {
			votes[ytrain[r]]++
		}
		best := 0
		for c := range votes {
			if votes[c] > votes[best] {
				best = c
			}
		}
		pred[i] = best
	}
	return pred
}

// ChooseK standardises the features with the mean and population standard deviation of each
// column of Xtrain (both Xtrain and Xval with those same statistics), then computes for each k
// of ks the accuracy on the validation rows of Predict(k): acc[i] is the fraction of rows of
// Xval whose prediction with k = ks[i] equals yval. best is the k of highest accuracy, the first
// in ks on a tie. No input is modified.
//
// It panics as Predict does, or if ks is empty.
func ChooseK(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, ks []int) (best int, acc []float64) {
	if len(ks) == 0 {
		panic("knn: ChooseK: no k to choose from")
	}
	m, n := Xtrain.Dims()
	mean, sd := make([]float64, n), make([]float64, n)
	for j := range n {
		for i := range m {
			mean[j] += Xtrain.At(i, j)
		}
		mean[j] /= float64(m)
		for i := range m {
			d := Xtrain.At(i, j) - mean[j]
			sd[j] += d * d
		}
		sd[j] = math.Sqrt(sd[j] / float64(m))
	}
	scale := func(X *mat.Dense) *mat.Dense {
		r, _ := X.Dims()
		Z := mat.NewDense(r, n, nil)
		for i := range r {
			for j := range n {
				Z.Set(i, j, (X.At(i, j)-mean[j])/sd[j])
			}
		}
		return Z
	}
	Ztrain, Zval := scale(Xtrain), scale(Xval)
	acc = make([]float64, len(ks))
	bestAcc := -1.0
	for i, k := range ks {
		pred := Predict(Ztrain, ytrain, Zval, k)
		right := 0
		for r, p := range pred {
			if p == yval[r] {
				right++
			}
		}
		acc[i] = float64(right) / float64(len(yval))
		if acc[i] > bestAcc {
			best, bestAcc = k, acc[i]
		}
	}
	return best, acc
}
