package selection

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
)

// Transformer is a preprocessing step that learns from the rows it is fitted on and maps any
// rows with the same columns: *preprocess.StandardScaler and *preprocess.MinMaxScaler are
// Transformers.
type Transformer interface {
	Fit(X mat.Matrix)
	Transform(dst *mat.Dense, X mat.Matrix) *mat.Dense
}

// Regressor is a model that learns from rows and targets and predicts a target for any rows:
// *linear.Ridge and *linear.Regression are Regressors.
type Regressor interface {
	Fit(X mat.Matrix, y []float64) error
	Predict(dst []float64, X mat.Matrix) []float64
}

// Pipeline makes the steps of one fold's fit: a transformer, then a model. Each fold gets new
// ones from the functions, so that nothing learned on one fold's rows reaches another fold.
type Pipeline struct {
	// Transformer returns a new, unfitted preprocessing step; nil means none (the model sees
	// the rows as they are).
	Transformer func() Transformer
	// Model returns a new, unfitted model.
	Model func() Regressor
}

// CrossValidate returns, for each split of folds, the mean squared error on the split's Test
// rows of the pipeline fitted on its Train rows:
//
//	scores[f] = 1/|Test| · Σ_{i ∈ Test} (ŷᵢ − yᵢ)²
//
// where, for the split folds[f], a new transformer is fitted on the rows Train of X only,
// transforms both the Train and the Test rows, a new model is fitted on the transformed Train
// rows and their targets, and ŷ are its predictions for the transformed Test rows. Fitting the
// transformer inside each fold, never on all of X, is what keeps the test rows' statistics
// out of the training (leakage); a transformer fitted on all rows makes the scores optimistic.
//
// With folds from data.KFold(m, k, data.FoldOptions{}) this is scikit-learn's
//
//	-cross_val_score(make_pipeline(scaler, model), X, y, cv=KFold(k),
//	                 scoring="neg_mean_squared_error")
//
// Summarise the scores with their mean and (population) standard deviation, stat.PopMeanStdDev:
// the mean estimates the error on new data, the spread says how much it depends on which rows
// were held out. The best fold's score is not an estimate of anything.
//
// It returns the first error of a model's Fit (NaN or ±Inf in the training rows), naming the
// fold; a NaN among a fold's test targets makes its score NaN. It panics if len(y) is not the
// number of rows of X, if p.Model is nil, or if a split is empty or holds an index outside
// 0…m−1.
func CrossValidate(X mat.Matrix, y []float64, folds []data.Split, p Pipeline) ([]float64, error) {
	m, _ := X.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("selection.CrossValidate: X has %d rows but y has %d targets", m, len(y)))
	}
	if p.Model == nil {
		panic("selection.CrossValidate: the pipeline has no model")
	}
	scores := make([]float64, len(folds))
	for f, s := range folds {
		if len(s.Train) == 0 || len(s.Test) == 0 {
			panic(fmt.Sprintf("selection.CrossValidate: fold %d has %d training and %d test rows, want at least 1 of each", f, len(s.Train), len(s.Test)))
		}
		for _, idx := range [][]int{s.Train, s.Test} {
			for _, i := range idx {
				if i < 0 || i >= m {
					panic(fmt.Sprintf("selection.CrossValidate: fold %d holds the index %d, outside 0…%d", f, i, m-1))
				}
			}
		}
		var err error
		if scores[f], err = score(X, y, s, p); err != nil {
			return nil, fmt.Errorf("selection.CrossValidate: fold %d: %w", f, err)
		}
	}
	return scores, nil
}

// score fits the pipeline on the rows s.Train and returns its mean squared error on s.Test.
func score(X mat.Matrix, y []float64, s data.Split, p Pipeline) (float64, error) {
	Xtr, Xte := data.TakeRows(X, s.Train), data.TakeRows(X, s.Test)
	if p.Transformer != nil {
		tr := p.Transformer()
		if tr == nil {
			return 0, errors.New("the pipeline's Transformer returned nil")
		}
		tr.Fit(Xtr)
		Xtr, Xte = tr.Transform(nil, Xtr), tr.Transform(nil, Xte)
	}
	model := p.Model()
	if model == nil {
		return 0, errors.New("the pipeline's Model returned nil")
	}
	if err := model.Fit(Xtr, data.Take(y, s.Train)); err != nil {
		return 0, err
	}
	pred := model.Predict(nil, Xte)
	sum := 0.0
	for k, i := range s.Test {
		d := pred[k] - y[i]
		sum += d * d
	}
	return sum / float64(len(s.Test)), nil
}
