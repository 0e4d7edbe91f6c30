// Package capstone holds exercise 27: a whole classification pipeline for the penguins table —
// cleaning, one-hot encoding and scaling learned from the training rows only, a seeded k-fold
// cross-validation that chooses the model's C, a refit on all training rows, predictions for
// held-out rows whose species only the grader knows, and a report card. See README.md.
package capstone

import "gonum.org/v1/gonum/mat"

// Table holds penguins as they come, one entry per penguin, missing values included.
type Table struct {
	// Island is "Biscoe", "Dream" or "Torgersen"; "" where missing.
	Island []string
	// Sex is "female" or "male"; "" where missing.
	Sex []string
	// Num has one row per penguin and the columns bill_length_mm, bill_depth_mm,
	// flipper_length_mm and body_mass_g; NaN where missing.
	Num *mat.Dense
}

// Predict returns the predicted class (0 Adelie, 1 Chinstrap, 2 Gentoo) of each row of X, a
// matrix of features with the columns of the matrix its model was fitted on.
type Predict func(X *mat.Dense) []int

// Fit fits the grader's classifier (softmax regression with an L2 penalty; C is the inverse of
// its strength, as in scikit-learn's LogisticRegression) to the rows of X and their classes y,
// and returns its predict function. The grader gives you one and records every call: the rows
// and classes it saw, C, and the rows every predict function was given.
type Fit func(X *mat.Dense, y []int, C float64) Predict

// Card is the report card of Run: what cross-validation says about the chosen model.
type Card struct {
	// C is the chosen C; CVAccuracy[i] is the cross-validation accuracy of the i-th candidate
	// (0.01, 0.1, 1, 10, 100).
	C          float64
	CVAccuracy []float64
	// Accuracy, and the macro averages of the per-species precision, recall and F1, of the
	// chosen C's out-of-fold predictions against y.
	Accuracy, Precision, Recall, F1 float64
	// Confusion[i][j] counts the training rows of species i whose out-of-fold prediction is j.
	Confusion [][]int
	// The learning curve: for each size Sizes[i] (20, 40, 80, 160), the accuracy of the folds'
	// models on the rows they were fitted on, and on the folds' own rows.
	Sizes                      []int
	TrainAccuracy, ValAccuracy []float64
}

// Features returns the feature matrix of rows, with everything it learns taken from train:
// the 4 numeric columns, each missing value filled with the mean of the column's observed
// values in train, then standardised, (x − mean)/σ with σ the population standard deviation
// of train's filled column (1 if it is 0); then one 0/1 column per island of train, in sorted
// order, and one per sex of train, sorted ("" is not a category). A row whose island or sex
// is missing or not in train has 0 in all of that variable's columns. No input is modified.
func Features(train, rows Table) *mat.Dense {
	panic("not implemented")
}

// Folds returns k folds of the rows 0…n−1: order = rand.New(rand.NewPCG(seed, 0)).Perm(n) cut
// into k consecutive runs, the first n mod k of them ⌊n/k⌋+1 long and the others ⌊n/k⌋; each
// fold's rows in ascending order.
//
// It panics if k < 2 or k > n.
func Folds(n, k int, seed uint64) [][]int {
	panic("not implemented")
}

// CrossValidate returns the out-of-fold prediction of every row of train: for each fold, the
// pipeline (Features, then fit with C) is fitted on the rows of train not in the fold, in
// ascending order, and predicts the fold's rows; oof[i] is the prediction for row i. No input
// is modified.
func CrossValidate(train Table, y []int, C float64, folds [][]int, fit Fit) []int {
	panic("not implemented")
}

// Run is the whole pipeline: it chooses C among 0.01, 0.1, 1, 10, 100 by the accuracy of
// CrossValidate over Folds(m, 5, seed) (the first of the best on a tie), fills the report
// card from the chosen C's out-of-fold predictions and its learning curve, refits on all
// training rows with the chosen C, and returns its predictions for the rows of test (whose
// species you do not get) and the card. No input is modified.
func Run(train Table, y []int, test Table, seed uint64, fit Fit) (pred []int, card Card) {
	panic("not implemented")
}
