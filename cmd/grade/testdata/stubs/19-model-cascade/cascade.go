// Package cascade holds exercise 19: a two-stage model (a cascade) whose second stage learns
// from the first stage's out-of-fold predictions, is retrained whenever the first stage
// changes, and is evaluated end to end. See README.md for the task.
package cascade

import "gonum.org/v1/gonum/mat"

// Predict returns a fitted model's prediction for each row of X.
type Predict func(X *mat.Dense) []float64

// Fit fits a model to the rows of X and their targets y and returns the fitted model's Predict.
// The grader hands you its stage models as Fit functions and sees every call.
type Fit func(X *mat.Dense, y []float64) Predict

// OutOfFold returns the out-of-fold predictions of the model that fit makes, pred[i] for row i
// of X. The m rows are cut into k folds: order := rand.New(rand.NewPCG(seed, 0)).Perm(m), and
// fold f is the next run of order, ⌊m/k⌋ rows long, one row longer for the first m mod k folds
// (data.KFold(m, k, data.FoldOptions{Shuffle: true, Seed: seed}) gives the same folds). For
// each fold, fit is called once on the rows of the other folds (with their targets), and its
// Predict on the fold's rows gives their predictions: so pred[i] comes from the one model that
// never saw row i. It calls fit exactly k times and changes neither X nor y.
//
// It panics if len(y) is not the number of rows m of X, or k is not in 2…m.
func OutOfFold(X *mat.Dense, y []float64, k int, seed uint64, fit Fit) []float64 {
	panic("not implemented")
}

// Cascade is a fitted two-stage model. Its fields are yours to choose: it needs at least stage
// 1's and stage 2's Predict, and what Retrain needs to fit stage 2 again.
type Cascade struct {
}

// FitCascade fits a two-stage model on X and y. Stage 2 is fitted once, on [s X] and y: the
// matrix whose column 0 is s = OutOfFold(X, y, k, seed, stage1) and whose other columns are
// X's, row i of it being [sᵢ xᵢ]. Stage 1 is fitted once more, on all the rows of X, to make s
// for new rows. It calls stage1 exactly k + 1 times and stage2 once, and changes neither X nor
// y.
//
// It panics as OutOfFold does.
func FitCascade(X *mat.Dense, y []float64, k int, seed uint64, stage1, stage2 Fit) Cascade {
	panic("not implemented")
}

// Predict returns the cascade's predictions for the rows of X, end to end: stage 1 (fitted on
// all the training rows) predicts s from X, and stage 2 predicts from [s X]. It changes
// neither c nor X.
func (c Cascade) Predict(X *mat.Dense) []float64 {
	panic("not implemented")
}

// Retrain returns the cascade that FitCascade builds on X and y with the new stage 1 and c's k,
// seed and stage-2 Fit: a new stage 1 changes stage 2's input, so stage 2 is fitted again on
// the new stage 1's out-of-fold outputs. c itself is left as it was: it still predicts as
// before.
//
// It panics as FitCascade does.
func Retrain(c Cascade, X *mat.Dense, y []float64, stage1 Fit) Cascade {
	panic("not implemented")
}

// Evaluate returns the cascade's mean squared error on the rows of X with targets y,
// 1/m·Σᵢ (ŷᵢ − yᵢ)² with ŷ = c.Predict(X): the error of the whole cascade, end to end. It fits
// nothing.
//
// It panics if len(y) is not the number of rows of X.
func Evaluate(c Cascade, X *mat.Dense, y []float64) float64 {
	panic("not implemented")
}
