// Package cascade: an alternative solution that leans on mlkit's data.KFold, data.TakeRows and
// metrics.MSE, and builds stage 2's input with mat.Dense's Augment.
package cascade

import (
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/metrics"
)

// Predict returns a fitted model's prediction for each row of X.
type Predict func(X *mat.Dense) []float64

// Fit fits a model to the rows of X and their targets y and returns the fitted model's Predict.
type Fit func(X *mat.Dense, y []float64) Predict

// OutOfFold returns the out-of-fold predictions of the model that fit makes.
func OutOfFold(X *mat.Dense, y []float64, k int, seed uint64, fit Fit) []float64 {
	m, _ := X.Dims()
	splits, err := data.KFold(m, k, data.FoldOptions{Shuffle: true, Seed: seed})
	if err != nil {
		panic(err)
	}
	pred := make([]float64, m)
	for _, s := range splits {
		p := fit(data.TakeRows(X, s.Train), data.Take(y, s.Train))(data.TakeRows(X, s.Test))
		for r, i := range s.Test {
			pred[i] = p[r]
		}
	}
	return pred
}

// Cascade is a fitted two-stage model.
type Cascade struct {
	first, second Predict
	refit         Fit
	k             int
	seed          uint64
}

func stack(s []float64, X *mat.Dense) *mat.Dense {
	m, _ := X.Dims()
	var Z mat.Dense
	Z.Augment(mat.NewDense(m, 1, append([]float64(nil), s...)), X)
	return &Z
}

// FitCascade fits a two-stage model on X and y.
func FitCascade(X *mat.Dense, y []float64, k int, seed uint64, stage1, stage2 Fit) Cascade {
	s := OutOfFold(X, y, k, seed, stage1)
	second := stage2(stack(s, X), y)
	return Cascade{first: stage1(X, y), second: second, refit: stage2, k: k, seed: seed}
}

// Predict returns the cascade's predictions for the rows of X, end to end.
func (c Cascade) Predict(X *mat.Dense) []float64 { return c.second(stack(c.first(X), X)) }

// Retrain returns the cascade refitted with a new stage 1.
func Retrain(c Cascade, X *mat.Dense, y []float64, stage1 Fit) Cascade {
	return FitCascade(X, y, c.k, c.seed, stage1, c.refit)
}

// Evaluate returns the cascade's mean squared error on X and y.
func Evaluate(c Cascade, X *mat.Dense, y []float64) float64 { return metrics.MSE(y, c.Predict(X)) }
