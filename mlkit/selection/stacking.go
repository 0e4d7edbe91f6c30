package selection

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
)

// CrossValPredict returns the out-of-fold predictions of a model: for each split, a new model
// from newModel is fitted on the rows split.Train of X and y and predicts the rows split.Test,
// so that pred[i] comes from the one model that did not see row i. It is scikit-learn 1.2's
// cross_val_predict(estimator, X, y, cv=splits) with method="predict"; with the splits of
// data.KFold(m, k, data.FoldOptions{}) it is cv=KFold(k).
//
// Out-of-fold predictions are what a second-stage model may learn from: a model's predictions
// on the rows it was fitted on are better than its predictions on new rows (a model that
// memorises predicts its training rows exactly), so a second stage trained on them learns to
// trust the first stage more than it deserves.
//
// It returns the error of a fit that fails, naming the split. It panics if len(y) is not the
// number of rows of X, if newModel is nil, or if the Test parts of the splits do not hold every
// row exactly once (scikit-learn: "cross_val_predict only works for partitions") or a Train
// part is empty or holds an index out of range.
func CrossValPredict(newModel func() Regressor, X mat.Matrix, y []float64, splits []data.Split) ([]float64, error) {
	m := checkStackInputs("CrossValPredict", X, y, splits)
	if newModel == nil {
		panic("selection.CrossValPredict: newModel is nil")
	}
	pred := make([]float64, m)
	for s, sp := range splits {
		if len(sp.Test) == 0 {
			continue
		}
		model := newModel()
		if err := model.Fit(data.TakeRows(X, sp.Train), data.Take(y, sp.Train)); err != nil {
			return nil, fmt.Errorf("selection.CrossValPredict: split %d: %w", s, err)
		}
		p := model.Predict(nil, data.TakeRows(X, sp.Test))
		for r, i := range sp.Test {
			pred[i] = p[r]
		}
	}
	return pred, nil
}

// checkStackInputs panics unless y has one value per row of X and the Test parts of splits
// partition the rows with non-empty, in-range Train parts; it returns the number of rows.
func checkStackInputs(where string, X mat.Matrix, y []float64, splits []data.Split) int {
	m, _ := X.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("selection.%s: X has %d rows but y has %d values", where, m, len(y)))
	}
	seen := make([]int, m)
	for s, sp := range splits {
		if len(sp.Train) == 0 && len(sp.Test) > 0 {
			panic(fmt.Sprintf("selection.%s: split %d has no training rows", where, s))
		}
		for _, i := range sp.Train {
			if i < 0 || i >= m {
				panic(fmt.Sprintf("selection.%s: split %d: training index %d is outside 0…%d", where, s, i, m-1))
			}
		}
		for _, i := range sp.Test {
			if i < 0 || i >= m {
				panic(fmt.Sprintf("selection.%s: split %d: test index %d is outside 0…%d", where, s, i, m-1))
			}
			seen[i]++
		}
	}
	for i, c := range seen {
		if c != 1 {
			panic(fmt.Sprintf("selection.%s: row %d is in the test part of %d splits, want exactly 1 (out-of-fold predictions need a partition)", where, i, c))
		}
	}
	return m
}

// StackFeatures returns the input of a stack's final model, [S X] with passthrough: the
// columns of preds first (preds[b][i] is base model b's prediction for row i), then the
// columns of X. This is scikit-learn's order: StackingRegressor(passthrough=True) puts the
// base predictions before the raw features.
//
// It panics if a column of preds does not have one value per row of X.
func StackFeatures(preds [][]float64, X mat.Matrix) *mat.Dense {
	m, n := X.Dims()
	Z := mat.NewDense(m, len(preds)+n, nil)
	for b, p := range preds {
		if len(p) != m {
			panic(fmt.Sprintf("selection.StackFeatures: preds[%d] has %d values for %d rows", b, len(p), m))
		}
		for i, v := range p {
			Z.Set(i, b, v)
		}
	}
	for i := range m {
		for j := range n {
			Z.Set(i, len(preds)+j, X.At(i, j))
		}
	}
	return Z
}

// Stack is a fitted two-stage model (stacked generalisation, Wolpert 1992): base models that
// predict from the raw features, and a final model that predicts from the base models'
// predictions and the raw features together (StackFeatures).
type Stack struct {
	// Bases are the first-stage models, each fitted on all the rows FitStack was given.
	Bases []Regressor
	// Final is the second-stage model, fitted on StackFeatures of the bases' out-of-fold
	// predictions and the raw features.
	Final Regressor
}

// FitStack fits a two-stage model as scikit-learn 1.2's
//
//	StackingRegressor(estimators=bases, final_estimator=final, cv=splits, passthrough=True)
//
// does: for each base b (from newBases, in order), sᵦ = CrossValPredict(newBases[b], X, y,
// splits), the out-of-fold predictions; the final model (from newFinal) is fitted on
// StackFeatures([s₁ … s_B], X) and y; and each base is fitted once more, on all the rows of X,
// to compute sᵦ for new rows at prediction time. So the final model learns from predictions
// made on rows their model did not see, which is what it will be given on new rows.
//
// It returns the error of a fit that fails. It panics as CrossValPredict does, or if there is
// no base or newFinal is nil.
func FitStack(X mat.Matrix, y []float64, splits []data.Split, newFinal func() Regressor, newBases ...func() Regressor) (*Stack, error) {
	checkStackInputs("FitStack", X, y, splits)
	if len(newBases) == 0 || newFinal == nil {
		panic("selection.FitStack: a stack needs at least one base model and a final model")
	}
	st := &Stack{Bases: make([]Regressor, len(newBases))}
	preds := make([][]float64, len(newBases))
	for b, nb := range newBases {
		p, err := CrossValPredict(nb, X, y, splits)
		if err != nil {
			return nil, fmt.Errorf("selection.FitStack: base %d: %w", b, err)
		}
		preds[b] = p
		st.Bases[b] = nb()
		if err := st.Bases[b].Fit(X, y); err != nil {
			return nil, fmt.Errorf("selection.FitStack: base %d on all rows: %w", b, err)
		}
	}
	st.Final = newFinal()
	if err := st.Final.Fit(StackFeatures(preds, X), y); err != nil {
		return nil, fmt.Errorf("selection.FitStack: final model: %w", err)
	}
	return st, nil
}

// Features returns the final model's input for the rows of X: StackFeatures of the bases'
// predictions on X (each base fitted on all the training rows) and X itself.
func (s *Stack) Features(X mat.Matrix) *mat.Dense {
	preds := make([][]float64, len(s.Bases))
	for b, base := range s.Bases {
		preds[b] = base.Predict(nil, X)
	}
	return StackFeatures(preds, X)
}

// Predict stores the stack's predictions for the rows of X in dst and returns it (dst is
// allocated when nil): the final model's predictions on Features(X). New rows go through both
// stages, end to end, exactly as they will in production.
func (s *Stack) Predict(dst []float64, X mat.Matrix) []float64 {
	return s.Final.Predict(dst, s.Features(X))
}
