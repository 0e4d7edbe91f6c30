// Package knn holds exercise 21: the k-nearest-neighbours classifier — Euclidean distances, the
// k nearest training rows of each query, a majority vote, and the choice of k on a validation
// set after standardising the features. See README.md for the task.
package knn

import "gonum.org/v1/gonum/mat"

// Distances returns the matrix D of Euclidean distances between the rows of A and the rows of
// B: D[i][j] = ‖aᵢ − bⱼ‖ = √Σₗ (A[i][l] − B[j][l])². D has one row per row of A and one column
// per row of B. No input is modified.
//
// It panics if A and B have different numbers of columns.
func Distances(A, B *mat.Dense) *mat.Dense {
	panic("not implemented")
}

// Neighbors returns, for each row of Xquery, the indices of its k nearest rows of Xtrain,
// nearest first. Rows at equal distance come lower index first. A training row equal to the
// query (distance 0) counts like any other. No input is modified.
//
// It panics if k < 1 or k is more than the number of training rows.
func Neighbors(Xtrain, Xquery *mat.Dense, k int) [][]int {
	panic("not implemented")
}

// Predict returns the class of each row of Xquery: the label held by most of its k nearest
// training rows (Neighbors), and on a tie the smallest of the tied labels. Labels are 0, 1, 2, …
// No input is modified.
//
// It panics as Neighbors does, or if len(ytrain) is not the number of rows of Xtrain.
func Predict(Xtrain *mat.Dense, ytrain []int, Xquery *mat.Dense, k int) []int {
	panic("not implemented")
}

// ChooseK standardises the features with the mean and population standard deviation of each
// column of Xtrain (both Xtrain and Xval with those same statistics), then computes for each k
// of ks the accuracy on the validation rows of Predict(k): acc[i] is the fraction of rows of
// Xval whose prediction with k = ks[i] equals yval. best is the k of highest accuracy, the first
// in ks on a tie. No input is modified.
//
// It panics as Predict does, or if ks is empty.
func ChooseK(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, ks []int) (best int, acc []float64) {
	panic("not implemented")
}
