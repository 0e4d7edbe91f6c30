// Package crossval holds exercise 15: cut a dataset's rows into k folds, cross-validate a
// scaler + model pipeline over them without leaking the test rows into the scaling, and
// summarise the fold scores. See README.md for the task.
package crossval

import "gonum.org/v1/gonum/mat"

// Transform maps rows to transformed rows, with what a scaler learnt when it was fitted.
type Transform func(X *mat.Dense) *mat.Dense

// FitScaler fits a scaler on the rows X (learns each column's statistics) and returns its
// Transform.
type FitScaler func(X *mat.Dense) Transform

// Predict returns the fitted model's prediction for each row of X.
type Predict func(X *mat.Dense) []float64

// FitModel fits a model on the rows X and their targets y and returns its Predict.
type FitModel func(X *mat.Dense, y []float64) Predict

// KFold cuts the indices 0, 1, …, n−1 into k folds and returns each fold's indices: the test
// rows of one round of cross-validation. The indices are taken in order, or, when shuffle is
// true, in the order of the permutation rand.New(rand.NewPCG(seed, 0)).Perm(n) (seed is
// ignored when shuffle is false). The first n mod k folds take the next ⌊n/k⌋+1 indices each
// and the others the next ⌊n/k⌋, so that every index is in exactly one fold and fold sizes
// differ by at most 1: KFold(10, 3, false, 0) is [[0 1 2 3] [4 5 6] [7 8 9]]. The order of the
// indices inside a fold is free, but the same arguments must give the same result.
//
// It panics if k < 2 or k > n.
func KFold(n, k int, shuffle bool, seed uint64) [][]int {
	panic("not implemented")
}

// CrossValidate returns the mean squared error of each of the k folds of KFold(m, k, true,
// seed), m the rows of X: for fold f, with its rows as the test rows and all other rows as
// the training rows,
//
//  1. tr := fitScaler(training rows of X), once per fold, on the training rows only;
//  2. the training rows and the test rows are transformed with tr;
//  3. predict := fitModel(transformed training rows, their targets), once per fold;
//  4. scores[f] = 1/|test| · Σ (predict(transformed test rows)ᵢ − yᵢ)² over the test rows.
//
// The order of the rows inside each matrix is free (each row with its own target). X and y
// are not modified.
//
// It panics if len(y) is not the number of rows of X, or if k < 2 or k > m.
func CrossValidate(X *mat.Dense, y []float64, k int, seed uint64, fitScaler FitScaler, fitModel FitModel) []float64 {
	panic("not implemented")
}

// Summarize returns what to report about a model from its fold scores: the estimate, the mean
// of the scores, and the spread, their population standard deviation
// √(1/k · Σ (scoreᵢ − mean)²). It does not modify scores.
//
// It panics if scores is empty.
func Summarize(scores []float64) (estimate, spread float64) {
	panic("not implemented")
}
