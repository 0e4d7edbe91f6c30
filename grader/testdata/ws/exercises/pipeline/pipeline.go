// Package pipeline is the grading engine's test exercise for callbacks: the learner's code
// receives functions of the check's and calls them.
package pipeline

import "gonum.org/v1/gonum/mat"

// Transform maps rows to transformed rows.
type Transform func(X *mat.Dense) *mat.Dense

// FitScaler learns from the rows it is given and returns the fitted transform.
type FitScaler func(X *mat.Dense) Transform

// Folds splits the rows of X into k folds (row i is in fold i mod k). For each fold it fits
// the scaler on the other folds' rows, transforms the fold's rows, and returns the sum of the
// transformed values, one per fold.
func Folds(X *mat.Dense, k int, fit FitScaler) []float64 {
	m, n := X.Dims()
	sums := make([]float64, k)
	for f := range k {
		var train, test []int
		for i := range m {
			if i%k == f {
				test = append(test, i)
			} else {
				train = append(train, i)
			}
		}
		tr := fit(rows(X, train, n))
		out := tr(rows(X, test, n))
		sums[f] = mat.Sum(out)
	}
	return sums
}

func rows(X *mat.Dense, idx []int, n int) *mat.Dense {
	out := mat.NewDense(len(idx), n, nil)
	for r, i := range idx {
		out.SetRow(r, X.RawRowView(i))
	}
	return out
}

var kept func() int

// Keep calls f and keeps it for CallKept.
func Keep(f func() int) int {
	kept = f
	return f()
}

// CallKept calls the function Keep was given.
func CallKept() int { return kept() }
