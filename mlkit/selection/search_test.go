package selection_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
	"github.com/mlkata/mlkata/mlkit/preprocess"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// searchCase is one case of testdata/search_sklearn.json, written by
// testdata/search_sklearn.py with scikit-learn 1.2.1: GridSearchCV(Ridge(), {"alpha": ...},
// scoring="neg_mean_squared_error", return_train_score=True, refit=True) on rows of
// diabetes.csv, its scores negated back to mean squared errors.
type searchCase struct {
	Name       string      `json:"name"`
	Rows       int         `json:"rows"`
	K          int         `json:"k"`
	TestRows   int         `json:"test_rows"`
	Alphas     []float64   `json:"alphas"`
	CVError    []float64   `json:"cv_error"`
	FoldError  [][]float64 `json:"fold_error"`
	TrainError []float64   `json:"train_error"`
	BestIndex  int         `json:"best_index"`
	Coef       []float64   `json:"coef"`
	Intercept  float64     `json:"intercept"`
	TestError  float64     `json:"test_error"`
	Folds      []struct {
		Train []int `json:"train"`
		Test  []int `json:"test"`
	} `json:"folds"`
}

func readSearch(t *testing.T) map[string]searchCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "search_sklearn.json"))
	require.NoError(t, err)
	var file struct {
		Cases []searchCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &file))
	out := map[string]searchCase{}
	for _, c := range file.Cases {
		out[c.Name] = c
	}
	require.Len(t, out, 4)
	return out
}

// Tolerances against scikit-learn. Both sides solve the centred normal equations by Cholesky;
// on these cases the errors agree within 3e-12 relative (the worst is α = 0.001 on the 65
// degree-2 features, the least regularised solve) and the refitted coefficients within 5e-12
// (measured with scikit-learn 1.2.1 and numpy 1.24.2 on Debian). 1e-9 leaves room for other
// BLAS builds.
const (
	searchErrTol  = 1e-9
	searchCoefTol = 1e-9
)

// assertRel asserts that got is within rel·|want| of want, elementwise.
func assertRel(t *testing.T, want, got []float64, rel float64, what string) {
	t.Helper()
	require.Len(t, got, len(want), what)
	for i := range want {
		assert.InDelta(t, want[i], got[i], rel*math.Abs(want[i])+1e-12, "%s[%d]", what, i)
	}
}

// checkSearch compares a search with the case's scikit-learn values.
func checkSearch(t *testing.T, c searchCase, s *selection.RidgeSearch) {
	t.Helper()
	assert.Equal(t, c.Alphas, s.Alphas)
	assertRel(t, c.CVError, s.CVError, searchErrTol, "CVError")
	assertRel(t, c.TrainError, s.TrainError, searchErrTol, "TrainError")
	require.Len(t, s.FoldError, len(c.FoldError))
	for i := range c.FoldError {
		assertRel(t, c.FoldError[i], s.FoldError[i], searchErrTol, "FoldError")
	}
	assert.Equal(t, c.BestIndex, s.Best)
	assert.Equal(t, c.Alphas[c.BestIndex], s.BestAlpha())
	assertRel(t, c.Coef, s.Model.Coef(), searchCoefTol, "Model.Coef")
	assertRel(t, []float64{c.Intercept}, []float64{s.Model.Intercept()}, searchCoefTol, "Model.Intercept")
}

func kfold(t *testing.T, n, k int) []data.Split {
	t.Helper()
	folds, err := data.KFold(n, k, data.FoldOptions{})
	require.NoError(t, err)
	return folds
}

func TestSearchRidgeSklearn(t *testing.T) {
	cases := readSearch(t)
	X, y := oracletest.XY(t, "diabetes.csv", "target", nil)
	m, n := X.Dims()

	t.Run("diabetes", func(t *testing.T) {
		c := cases["diabetes"]
		s, err := selection.SearchRidge(X, y, c.Alphas, kfold(t, m, c.K))
		require.NoError(t, err)
		checkSearch(t, c, s)
	})

	t.Run("diabetes-poly2", func(t *testing.T) {
		c := cases["diabetes-poly2"]
		dev := mat.DenseCopyOf(X.Slice(0, c.Rows, 0, n))
		test := mat.DenseCopyOf(X.Slice(c.Rows, m, 0, n))
		require.Equal(t, c.TestRows, m-c.Rows)
		poly := preprocess.PolynomialFeatures{Degree: 2}
		var sc preprocess.StandardScaler
		Xdev := sc.FitTransform(nil, poly.Transform(nil, dev))
		Xtest := sc.Transform(nil, poly.Transform(nil, test))
		s, err := selection.SearchRidge(Xdev, y[:c.Rows], c.Alphas, kfold(t, c.Rows, c.K))
		require.NoError(t, err)
		checkSearch(t, c, s)
		pred := s.Model.Predict(nil, Xtest)
		mse := 0.0
		for i, p := range pred {
			mse += (p - y[c.Rows+i]) * (p - y[c.Rows+i]) / float64(len(pred))
		}
		assert.InDelta(t, c.TestError, mse, searchErrTol*c.TestError, "test MSE of the refitted model")
	})

	t.Run("shuffled", func(t *testing.T) {
		c := cases["shuffled"]
		folds := make([]data.Split, len(c.Folds))
		for f, s := range c.Folds {
			folds[f] = data.Split{Train: s.Train, Test: s.Test}
		}
		s, err := selection.SearchRidge(X, y, c.Alphas, folds)
		require.NoError(t, err)
		checkSearch(t, c, s)
	})

	t.Run("tie", func(t *testing.T) {
		c := cases["tie"]
		y3 := make([]float64, c.Rows)
		for i := range y3 {
			y3[i] = 3
		}
		s, err := selection.SearchRidge(X.Slice(0, c.Rows, 0, n), y3, c.Alphas, kfold(t, c.Rows, c.K))
		require.NoError(t, err)
		assert.Equal(t, []float64{0, 0, 0}, s.CVError, "a constant target is predicted exactly")
		checkSearch(t, c, s)
	})
}

// TestSearchRidgeFoldMean: CVError is the unweighted mean of the fold errors, not the error
// pooled over the validation rows, which weights the folds by their sizes.
func TestSearchRidgeFoldMean(t *testing.T) {
	X, y := oracletest.XY(t, "diabetes.csv", "target", nil)
	folds := kfold(t, 442, 5) // 89, 89, 88, 88, 88 rows
	s, err := selection.SearchRidge(X, y, []float64{1}, folds)
	require.NoError(t, err)
	mean, pooled := 0.0, 0.0
	for f, e := range s.FoldError[0] {
		mean += e / 5
		pooled += e * float64(len(folds[f].Test)) / 442
	}
	assert.InDelta(t, mean, s.CVError[0], 1e-9*mean)
	assert.Greater(t, math.Abs(pooled-mean), 1e-6*mean, "the folds differ in size, so the pooled error differs")
}

func TestSearchRidgeErrors(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	y := []float64{1, 2, 3, 5}
	folds := []data.Split{{Train: []int{0, 1}, Test: []int{2, 3}}, {Train: []int{2, 3}, Test: []int{0, 1}}}
	for name, call := range map[string]func(){
		"y length":   func() { _, _ = selection.SearchRidge(X, y[:3], []float64{1}, folds) },
		"no alphas":  func() { _, _ = selection.SearchRidge(X, y, nil, folds) },
		"no folds":   func() { _, _ = selection.SearchRidge(X, y, []float64{1}, nil) },
		"negative":   func() { _, _ = selection.SearchRidge(X, y, []float64{1, -1}, folds) },
		"NaN alpha":  func() { _, _ = selection.SearchRidge(X, y, []float64{math.NaN()}, folds) },
		"empty test": func() { _, _ = selection.SearchRidge(X, y, []float64{1}, []data.Split{{Train: []int{0, 1}}}) },
		"index range": func() {
			_, _ = selection.SearchRidge(X, y, []float64{1}, []data.Split{{Train: []int{0, 4}, Test: []int{1}}})
		},
		"negative row": func() {
			_, _ = selection.SearchRidge(X, y, []float64{1}, []data.Split{{Train: []int{0}, Test: []int{-1}}})
		},
	} {
		assert.Panics(t, call, name)
	}
	yNaN := []float64{1, math.NaN(), 3, 5}
	_, err := selection.SearchRidge(X, yNaN, []float64{1}, folds)
	assert.Error(t, err, "a NaN target")
}
