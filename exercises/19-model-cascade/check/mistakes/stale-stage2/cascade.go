// Package cascade holds exercise 19: a two-stage model (a cascade) whose second stage learns
// from the first stage's out-of-fold predictions, is retrained whenever the first stage
// changes, and is evaluated end to end. See README.md for the task.
package cascade

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Predict returns a fitted model's prediction for each row of X.
type Predict func(X *mat.Dense) []float64

// Fit fits a model to the rows of X and their targets y and returns the fitted model's Predict.
type Fit func(X *mat.Dense, y []float64) Predict

// folds returns the rows of each of the k folds: a permutation of 0..m−1 drawn with
// rand.New(rand.NewPCG(seed, 0)).Perm(m), cut into k consecutive runs, the first m mod k of
// them one row longer.
func folds(m, k int, seed uint64) [][]int {
	order := rand.New(rand.NewPCG(seed, 0)).Perm(m)
	out := make([][]int, k)
	start := 0
	for f := range k {
		size := m / k
		if f < m%k {
			size++
		}
		out[f] = order[start : start+size]
		start += size
	}
	return out
}

// rows returns a new matrix holding the rows idx of X, in that order.
func rows(X *mat.Dense, idx []int) *mat.Dense {
	_, n := X.Dims()
	out := mat.NewDense(len(idx), n, nil)
	for r, i := range idx {
		out.SetRow(r, X.RawRowView(i))
	}
	return out
}

// take returns y's values at idx, in that order.
func take(y []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for r, i := range idx {
		out[r] = y[i]
	}
	return out
}

// checkXY panics unless y has one value per row of X and 2 ≤ k ≤ m.
func checkXY(where string, X *mat.Dense, y []float64, k int) {
	m, _ := X.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("cascade.%s: X has %d rows but y has %d values", where, m, len(y)))
	}
	if k < 2 || k > m {
		panic(fmt.Sprintf("cascade.%s: k = %d folds for %d rows, want 2 ≤ k ≤ %d", where, k, m, m))
	}
}

// OutOfFold returns the out-of-fold predictions of the model that fit makes: the rows are cut
// into k folds (see README.md: a permutation seeded by seed, cut into k runs); for each fold,
// fit is called once on the rows of the other folds, and its Predict on the fold's rows gives
// their predictions. So pred[i] comes from the one model that never saw row i. It calls fit
// exactly k times and changes neither X nor y.
//
// It panics if len(y) is not the number of rows m of X, or k is not in 2…m.
func OutOfFold(X *mat.Dense, y []float64, k int, seed uint64, fit Fit) []float64 {
	checkXY("OutOfFold", X, y, k)
	m, _ := X.Dims()
	pred := make([]float64, m)
	for _, test := range folds(m, k, seed) {
		inTest := make([]bool, m)
		for _, i := range test {
			inTest[i] = true
		}
		var train []int
		for i := range m {
			if !inTest[i] {
				train = append(train, i)
			}
		}
		predict := fit(rows(X, train), take(y, train))
		p := predict(rows(X, test))
		for r, i := range test {
			pred[i] = p[r]
		}
	}
	return pred
}

// withStage1 returns stage 2's input [s X]: the stage-1 outputs s in column 0, then the
// columns of X.
func withStage1(s []float64, X *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	Z := mat.NewDense(m, n+1, nil)
	for i := range m {
		Z.Set(i, 0, s[i])
		for j := range n {
			Z.Set(i, j+1, X.At(i, j))
		}
	}
	return Z
}

// Cascade is a fitted two-stage model.
type Cascade struct {
	stage1 Predict // stage 1, fitted on all the training rows
	stage2 Predict // stage 2, fitted on [out-of-fold stage-1 outputs | X]
	fit2   Fit     // how stage 2 is fitted, to fit it again in Retrain
	k      int
	seed   uint64
}

// FitCascade fits a two-stage model on X and y: stage 2 is fitted (once) on [s X] and y,
// where s = OutOfFold(X, y, k, seed, stage1), and stage 1 is fitted once more, on all the rows,
// for predictions. It calls stage1 exactly k + 1 times and stage2 once, and changes neither X
// nor y.
//
// It panics as OutOfFold does.
func FitCascade(X *mat.Dense, y []float64, k int, seed uint64, stage1, stage2 Fit) Cascade {
	checkXY("FitCascade", X, y, k)
	s := OutOfFold(X, y, k, seed, stage1)
	return Cascade{
		stage1: stage1(X, y),
		stage2: stage2(withStage1(s, X), y),
		fit2:   stage2,
		k:      k,
		seed:   seed,
	}
}

// Predict returns the cascade's predictions for the rows of X, end to end: stage 1 predicts
// s from X, and stage 2 predicts from [s X]. It changes neither c nor X.
func (c Cascade) Predict(X *mat.Dense) []float64 {
	return c.stage2(withStage1(c.stage1(X), X))
}

// Retrain returns the cascade that FitCascade builds on X and y with the new stage 1 and c's k,
// seed and stage-2 Fit: a new stage 1 changes stage 2's input, so stage 2 is fitted again on
// the new stage 1's out-of-fold outputs. c itself is left as it was.
//
// It panics as FitCascade does.
func Retrain(c Cascade, X *mat.Dense, y []float64, stage1 Fit) Cascade {
	checkXY("Retrain", X, y, c.k)
	c.stage1 = stage1(X, y)
	return c
}

// Evaluate returns the cascade's mean squared error on the rows of X with targets y,
// 1/m·Σᵢ (ŷᵢ − yᵢ)², where ŷ = c.Predict(X): the error of the whole cascade, end to end.
//
// It panics if len(y) is not the number of rows of X.
func Evaluate(c Cascade, X *mat.Dense, y []float64) float64 {
	m, _ := X.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("cascade.Evaluate: X has %d rows but y has %d values", m, len(y)))
	}
	p := c.Predict(X)
	sum := 0.0
	for i := range y {
		d := p[i] - y[i]
		sum += d * d
	}
	return sum / float64(m)
}
