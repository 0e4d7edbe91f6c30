// Package crossval holds exercise 15: cut a dataset's rows into k folds, cross-validate a
// scaler + model pipeline over them without leaking the test rows into the scaling, and
// summarise the fold scores. See README.md for the task.
package crossval

import (
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"math/rand/v2"
)

// Transform maps rows to transformed rows, with what a scaler learnt when it was fitted.
type Transform func(X *mat.Dense) *mat.Dense

// FitScaler fits a scaler on the rows X (learns each column's statistics) and returns its
// Transform.
type FitScaler func(X *mat.Dense) Transform

// Predict returns the fitted model's prediction for each row of X.
type Predict func(X *mat.Dense) []float64

// FitModel fits a model on the rows X and their targets y and returns its Predict.
type FitModel func(X *mat.Dense, y []float64) Predict

// KFold: the fold of each position of the order, then the indices of each fold, sorted.
func KFold(n, k int, shuffle bool, seed uint64) [][]int {
	var order []int
	if shuffle {
		order = rand.New(rand.NewPCG(seed, 0)).Perm(n)
	} else {
		for i := range n {
			order = append(order, i)
		}
	}
	bounds := []int{0}
	for f := range k {
		size := n / k
		if f < n%k {
			size++
		}
		bounds = append(bounds, bounds[f]+size)
	}
	folds := make([][]int, k)
	for f := range k {
		folds[f] = slices.Sorted(slices.Values(order[bounds[f]:bounds[f+1]]))
	}
	return folds
}

// CrossValidate runs the folds in parallel, one goroutine each.
func CrossValidate(X *mat.Dense, y []float64, k int, seed uint64, fitScaler FitScaler, fitModel FitModel) []float64 {
	m, _ := X.Dims()
	folds := KFold(m, k, true, seed)
	scores := make([]float64, k)
	var wg sync.WaitGroup
	for f, test := range folds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var train []int
			for i := range m {
				if _, found := slices.BinarySearch(test, i); !found {
					train = append(train, i)
				}
			}
			Xtr, ytr := subset(X, y, train)
			Xte, yte := subset(X, y, test)
			tr := fitScaler(Xtr)
			pred := fitModel(tr(Xtr), ytr)(tr(Xte))
			for i := range pred {
				scores[f] += (pred[i] - yte[i]) * (pred[i] - yte[i]) / float64(len(yte))
			}
		}()
	}
	wg.Wait()
	return scores
}

func subset(X *mat.Dense, y []float64, idx []int) (*mat.Dense, []float64) {
	_, n := X.Dims()
	Xs := mat.NewDense(len(idx), n, nil)
	ys := make([]float64, 0, len(idx))
	for r, i := range idx {
		Xs.SetRow(r, X.RawRowView(i))
		ys = append(ys, y[i])
	}
	return Xs, ys
}

// Summarize uses gonum's population mean and standard deviation.
func Summarize(scores []float64) (estimate, spread float64) {
	return stat.PopMeanStdDev(scores, nil)
}
