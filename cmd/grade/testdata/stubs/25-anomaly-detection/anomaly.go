// Package anomaly holds exercise 25: anomaly detection with a Gaussian per feature, fitted on
// normal examples, its threshold chosen by F1 on labelled validation rows, and the test set
// scored once. See README.md for the task.
package anomaly

import "gonum.org/v1/gonum/mat"

// TestF1 returns the F1 score of flags (1 = anomaly, one per test row, in the order of the
// test rows) against the test set's labels, which only the grader holds. Every call is one
// look at the test set: the grader counts them.
type TestF1 func(flags []int) float64

// Fit returns the mean and the variance of each column j of X (one row per normal example):
//
//	μⱼ = 1/m · Σᵢ xᵢⱼ,   σⱼ² = 1/m · Σᵢ (xᵢⱼ − μⱼ)²,
//
// the population variance, dividing by m (not m − 1). X is not modified.
func Fit(X *mat.Dense) (mu, sigma2 []float64) {
	panic("not implemented")
}

// LogDensity returns the log density of each row x of X under the per-feature Gaussian
// (μ, σ²):
//
//	log p(x) = Σⱼ log N(xⱼ; μⱼ, σⱼ²) = Σⱼ [−½·log(2π·σⱼ²) − (xⱼ − μⱼ)²/(2·σⱼ²)],
//
// one value per row, in order. Sum the logarithms: the product of the densities underflows to
// 0 when there are many features. No input is modified.
func LogDensity(X *mat.Dense, mu, sigma2 []float64) []float64 {
	panic("not implemented")
}

// SelectThreshold returns the threshold ε with the best F1 score on labelled validation rows,
// and that F1. logp[i] is row i's log density and y[i] its label, 1 for an anomaly (the
// positive class) and 0 for a normal row. The detector flags row i when logp[i] ≤ ε, and
//
//	F1 = 2·tp / (2·tp + fp + fn).
//
// The candidates for ε are the distinct values of logp. When several reach the same best F1,
// return the smallest of them. No input is modified. (At least one label is 1.)
func SelectThreshold(logp []float64, y []int) (eps, f1 float64) {
	panic("not implemented")
}

// Detect returns flags[i] = 1 if logp[i] ≤ eps (an anomaly) and 0 otherwise. logp is not
// modified.
func Detect(logp []float64, eps float64) []int {
	panic("not implemented")
}

// Evaluate runs the whole method on three sets of rows. It fits the Gaussian on the normal
// rows of the training set only (those with ytrain[i] = 0), chooses ε with SelectThreshold on
// the log densities of the validation rows and their labels yval, flags the test rows Xtest
// with Detect, and scores the flags with testF1, once. It returns ε and the F1 that testF1
// gave. No input is modified.
func Evaluate(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, Xtest *mat.Dense, testF1 TestF1) (eps, f1 float64) {
	panic("not implemented")
}
