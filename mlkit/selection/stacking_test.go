package selection_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// stackingFile is testdata/stacking_sklearn.json, written by testdata/stacking_sklearn.py with
// scikit-learn 1.2.1: cross_val_predict and StackingRegressor(passthrough=True) predictions on
// the diabetes data (raw units).
type stackingFile struct {
	Dataset string `json:"dataset"`
	Target  string `json:"target"`
	OOF     []struct {
		Name  string    `json:"name"`
		Model modelSpec `json:"model"`
		CV    cvSpec    `json:"cv"`
		Folds [][]int   `json:"folds"`
		Pred  []float64 `json:"pred"`
	} `json:"oof"`
	Stacks []struct {
		Name     string      `json:"name"`
		Bases    []modelSpec `json:"bases"`
		Final    modelSpec   `json:"final"`
		CV       cvSpec      `json:"cv"`
		Folds    [][]int     `json:"folds"`
		NTrain   int         `json:"n_train"`
		Features [][]float64 `json:"features"`
		Pred     []float64   `json:"pred"`
	} `json:"stacks"`
}

type modelSpec struct {
	Kind  string  `json:"kind"` // "ridge" or "ols"
	Alpha float64 `json:"alpha"`
}

type cvSpec struct {
	Kind string `json:"kind"` // "kfold" (contiguous, unshuffled) or "explicit" (Folds in the file)
	K    int    `json:"k"`
}

func (s modelSpec) new() func() selection.Regressor {
	if s.Kind == "ridge" {
		return func() selection.Regressor { return &linear.Ridge{Alpha: s.Alpha} }
	}
	return func() selection.Regressor { return &linear.Regression{} }
}

// splits returns the splits a case's cv names: data.KFold without shuffling for "kfold"
// (scikit-learn's KFold(k)), or the file's test folds, each training on the other rows.
func splits(t *testing.T, cv cvSpec, folds [][]int, m int) []data.Split {
	t.Helper()
	if cv.Kind == "kfold" {
		s, err := data.KFold(m, cv.K, data.FoldOptions{})
		require.NoError(t, err)
		return s
	}
	require.Len(t, folds, cv.K)
	out := make([]data.Split, len(folds))
	for f, test := range folds {
		inTest := map[int]bool{}
		for _, i := range test {
			inTest[i] = true
		}
		out[f].Test = test
		for i := range m {
			if !inTest[i] {
				out[f].Train = append(out[f].Train, i)
			}
		}
	}
	return out
}

func readStacking(t *testing.T) (stackingFile, *mat.Dense, []float64) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "stacking_sklearn.json"))
	require.NoError(t, err)
	var f stackingFile
	require.NoError(t, json.Unmarshal(raw, &f))
	X, y := oracletest.XY(t, f.Dataset, f.Target, nil)
	return f, X, y
}

// The tolerance: ridge and least squares on the raw diabetes features (condition number of
// the centred design about 1e3) agree with scikit-learn's to about 1e-12 relative; the stack
// compounds two such fits. 1e-9 leaves room and still catches any slip in the plumbing (a
// wrong fold, an in-sample prediction, the columns in the wrong order), which moves
// predictions by far more.
var tolStack = 1e-9

func TestCrossValPredictSklearn(t *testing.T) {
	f, X, y := readStacking(t)
	m, _ := X.Dims()
	for _, c := range f.OOF {
		t.Run(c.Name, func(t *testing.T) {
			got, err := selection.CrossValPredict(c.Model.new(), X, y, splits(t, c.CV, c.Folds, m))
			require.NoError(t, err)
			assertRelClose(t, c.Pred, got, tolStack)
		})
	}
}

func TestFitStackSklearn(t *testing.T) {
	f, X, y := readStacking(t)
	m, n := X.Dims()
	for _, c := range f.Stacks {
		t.Run(c.Name, func(t *testing.T) {
			bases := make([]func() selection.Regressor, len(c.Bases))
			for b, spec := range c.Bases {
				bases[b] = spec.new()
			}
			Xtr, Xte := X.Slice(0, c.NTrain, 0, n), X.Slice(c.NTrain, m, 0, n)
			st, err := selection.FitStack(Xtr, y[:c.NTrain], splits(t, c.CV, c.Folds, c.NTrain), c.Final.new(), bases...)
			require.NoError(t, err)
			Z := st.Features(Xte)
			r, cols := Z.Dims()
			require.Equal(t, len(c.Features), r)
			require.Equal(t, len(c.Bases)+n, cols)
			for i := range r {
				assertRelClose(t, c.Features[i], Z.RawRowView(i), tolStack)
			}
			assertRelClose(t, c.Pred, st.Predict(nil, Xte), tolStack)
		})
	}
}

func assertRelClose(t *testing.T, want, got []float64, rel float64) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		assert.InDelta(t, want[i], got[i], rel*max(1, abs(want[i])), "element %d", i)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// spyModel predicts, for every row, the mean of the targets it was fitted on, and records the
// number of rows of each fit.
type spyModel struct {
	fits *[]int
	mean float64
}

func (s *spyModel) Fit(X mat.Matrix, y []float64) error {
	*s.fits = append(*s.fits, len(y))
	s.mean = 0
	for _, v := range y {
		s.mean += v / float64(len(y))
	}
	return nil
}

func (s *spyModel) Predict(dst []float64, X mat.Matrix) []float64 {
	m, _ := X.Dims()
	if dst == nil {
		dst = make([]float64, m)
	}
	for i := range dst {
		dst[i] = s.mean
	}
	return dst
}

// TestCrossValPredictIsOutOfFold: row i's prediction is the mean of the targets of the other
// folds, by hand: folds {0, 1} {2, 3} {4} of y = 1, 2, 3, 4, 10.
func TestCrossValPredictIsOutOfFold(t *testing.T) {
	X := mat.NewDense(5, 1, []float64{0, 1, 2, 3, 4})
	y := []float64{1, 2, 3, 4, 10}
	sp, err := data.KFold(5, 3, data.FoldOptions{})
	require.NoError(t, err)
	var fits []int
	got, err := selection.CrossValPredict(func() selection.Regressor { return &spyModel{fits: &fits} }, X, y, sp)
	require.NoError(t, err)
	// Fold 0 trains on 3, 4, 10 (mean 17/3), fold 1 on 1, 2, 10 (13/3), fold 2 on 1, 2, 3, 4 (2.5).
	assert.InDeltaSlice(t, []float64{17.0 / 3, 17.0 / 3, 13.0 / 3, 13.0 / 3, 2.5}, got, 1e-15)
	assert.Equal(t, []int{3, 3, 4}, fits)
}

// TestFitStackRefitsBasesOnAllRows: k fits per base for the out-of-fold predictions, then one
// on all rows; the final model's input puts the base predictions first.
func TestFitStackRefitsBasesOnAllRows(t *testing.T) {
	X := mat.NewDense(6, 1, []float64{0, 1, 2, 3, 4, 5})
	y := []float64{1, 2, 3, 4, 5, 6}
	sp, err := data.KFold(6, 3, data.FoldOptions{})
	require.NoError(t, err)
	var fits []int
	st, err := selection.FitStack(X, y, sp, func() selection.Regressor { return &linear.Regression{} },
		func() selection.Regressor { return &spyModel{fits: &fits} })
	require.NoError(t, err)
	assert.Equal(t, []int{4, 4, 4, 6}, fits)
	Z := st.Features(mat.NewDense(1, 1, []float64{7}))
	assert.Equal(t, []float64{3.5, 7}, Z.RawRowView(0)) // the base's mean of y, then x
}

func TestStackPanicsAndErrors(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{0, 1, 2, 3})
	y := []float64{0, 1, 2, 3}
	ridge := func() selection.Regressor { return &linear.Ridge{} }
	overlap := []data.Split{{Train: []int{2, 3}, Test: []int{0, 1}}, {Train: []int{0, 3}, Test: []int{1, 2}}}
	assert.PanicsWithValue(t, "selection.CrossValPredict: row 1 is in the test part of 2 splits, want exactly 1 (out-of-fold predictions need a partition)",
		func() { _, _ = selection.CrossValPredict(ridge, X, y, overlap) })
	assert.PanicsWithValue(t, "selection.CrossValPredict: X has 4 rows but y has 3 values",
		func() { _, _ = selection.CrossValPredict(ridge, X, y[:3], nil) })
	sp, err := data.KFold(4, 2, data.FoldOptions{})
	require.NoError(t, err)
	assert.Panics(t, func() { _, _ = selection.FitStack(X, y, sp, ridge) })
	assert.Panics(t, func() { _ = selection.StackFeatures([][]float64{{1}}, X) })

	bad := errors.New("no")
	failing := func() selection.Regressor { return failModel{bad} }
	_, err = selection.CrossValPredict(failing, X, y, sp)
	assert.ErrorIs(t, err, bad)
	assert.ErrorContains(t, err, "split 0")
	_, err = selection.FitStack(X, y, sp, failing, ridge)
	assert.ErrorIs(t, err, bad)
	assert.ErrorContains(t, err, "final model")
}

type failModel struct{ err error }

func (f failModel) Fit(mat.Matrix, []float64) error               { return f.err }
func (f failModel) Predict(dst []float64, _ mat.Matrix) []float64 { return dst }
