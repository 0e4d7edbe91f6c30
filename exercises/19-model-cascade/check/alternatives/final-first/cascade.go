// Package cascade: an alternative solution that fits the final stage 1 first (as scikit-learn
// does), labels each row with its fold, hands each fold's training rows over fold by fold (not
// in row order), keeps its state behind a pointer, and sums the error as it goes.
package cascade

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Predict returns a fitted model's prediction for each row of X.
type Predict func(X *mat.Dense) []float64

// Fit fits a model to the rows of X and their targets y and returns the fitted model's Predict.
type Fit func(X *mat.Dense, y []float64) Predict

// foldOf returns the fold of each row: fold f holds positions start(f)…start(f+1)−1 of the
// permutation.
func foldOf(m, k int, seed uint64) []int {
	fold := make([]int, m)
	f := 0
	for r, i := range rand.New(rand.NewPCG(seed, 0)).Perm(m) {
		for r >= start(f+1, m, k) {
			f++
		}
		fold[i] = f
	}
	return fold
}

// start returns where fold f starts in the permutation.
func start(f, m, k int) int { return f*(m/k) + min(f, m%k) }

func gather(X *mat.Dense, y []float64, idx []int) (*mat.Dense, []float64) {
	_, n := X.Dims()
	A := mat.NewDense(len(idx), n, nil)
	b := make([]float64, len(idx))
	for r, i := range idx {
		A.SetRow(r, X.RawRowView(i))
		b[r] = y[i]
	}
	return A, b
}

// OutOfFold returns the out-of-fold predictions of the model that fit makes.
func OutOfFold(X *mat.Dense, y []float64, k int, seed uint64, fit Fit) []float64 {
	m, _ := X.Dims()
	fold := foldOf(m, k, seed)
	out := make([]float64, m)
	for f := k - 1; f >= 0; f-- {
		var train, test []int
		for g := range k { // the other folds' rows, fold after fold
			for i := m - 1; i >= 0; i-- {
				if fold[i] == g && g != f {
					train = append(train, i)
				}
			}
		}
		for i := range m {
			if fold[i] == f {
				test = append(test, i)
			}
		}
		A, b := gather(X, y, train)
		T, _ := gather(X, y, test)
		for r, v := range fit(A, b)(T) {
			out[test[r]] = v
		}
	}
	return out
}

type state struct {
	stage1, stage2 Predict
	fit2           Fit
	k              int
	seed           uint64
}

// Cascade is a fitted two-stage model.
type Cascade struct{ s *state }

func withScore(s []float64, X *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	Z := mat.NewDense(m, n+1, nil)
	Z.SetCol(0, s)
	Z.Slice(0, m, 1, n+1).(*mat.Dense).Copy(X)
	return Z
}

// FitCascade fits a two-stage model on X and y.
func FitCascade(X *mat.Dense, y []float64, k int, seed uint64, stage1, stage2 Fit) Cascade {
	final := stage1(X, y)
	s := OutOfFold(X, y, k, seed, stage1)
	return Cascade{&state{stage1: final, stage2: stage2(withScore(s, X), y), fit2: stage2, k: k, seed: seed}}
}

// Predict returns the cascade's predictions for the rows of X, end to end.
func (c Cascade) Predict(X *mat.Dense) []float64 {
	return c.s.stage2(withScore(c.s.stage1(X), X))
}

// Retrain returns the cascade refitted with a new stage 1; c keeps its own state.
func Retrain(c Cascade, X *mat.Dense, y []float64, stage1 Fit) Cascade {
	return FitCascade(X, y, c.s.k, c.s.seed, stage1, c.s.fit2)
}

// Evaluate returns the cascade's mean squared error on X and y, as a running mean.
func Evaluate(c Cascade, X *mat.Dense, y []float64) float64 {
	mean := 0.0
	for i, p := range c.Predict(X) {
		d := p - y[i]
		mean += (d*d - mean) / float64(i+1)
	}
	return mean
}
