// Package crossval holds exercise 15: cut a dataset's rows into k folds, cross-validate a
// scaler + model pipeline over them without leaking the test rows into the scaling, and
// summarise the fold scores. See README.md for the task.
package crossval

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
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

// KFold: a hand-written Fisher–Yates shuffle, and a fold number for each position.
func KFold(n, k int, shuffle bool, seed uint64) [][]int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if shuffle {
		rng := rand.New(rand.NewPCG(seed, 0))
		for i := n - 1; i > 0; i-- {
			j := rng.IntN(i + 1)
			order[i], order[j] = order[j], order[i]
		}
	}
	q, r := n/k, n%k
	folds := make([][]int, k)
	f, left := 0, q
	if r > 0 {
		left++
	}
	for _, idx := range order {
		if left == 0 {
			f++
			left = q
			if f < r {
				left++
			}
		}
		folds[f] = append(folds[f], idx)
		left--
	}
	return folds
}

// CrossValidate transforms all of X with each fold's scaler (a scaler maps each row on its
// own, so this is the same as transforming the two sets apart) and takes the rows it needs.
func CrossValidate(X *mat.Dense, y []float64, k int, seed uint64, fitScaler FitScaler, fitModel FitModel) []float64 {
	m, n := X.Dims()
	folds := KFold(m, k, true, seed)
	scores := make([]float64, 0, k)
	for f := range folds {
		// The training rows: the other folds, one after the other.
		var train []int
		for g := range folds {
			if g != f {
				train = append(train, folds[g]...)
			}
		}
		pick := func(A *mat.Dense, idx []int) *mat.Dense {
			out := mat.NewDense(len(idx), n, nil)
			for r, i := range idx {
				out.SetRow(r, A.RawRowView(i))
			}
			return out
		}
		transform := fitScaler(pick(X, train))
		Z := transform(X)
		yTrain := make([]float64, len(train))
		for r, i := range train {
			yTrain[r] = y[i]
		}
		predict := fitModel(pick(Z, train), yTrain)
		pred := predict(pick(Z, folds[f]))
		var sse float64
		for r, i := range folds[f] {
			sse += math.Pow(pred[r]-y[i], 2)
		}
		scores = append(scores, sse/float64(len(folds[f])))
	}
	return scores
}

// Summarize: Welford's running mean and sum of squared deviations.
func Summarize(scores []float64) (estimate, spread float64) {
	var mean, m2 float64
	for i, s := range scores {
		d := s - mean
		mean += d / float64(i+1)
		m2 += d * (s - mean)
	}
	return mean, math.Sqrt(m2 / float64(len(scores)))
}
