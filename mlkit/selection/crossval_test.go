package selection_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/preprocess"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// crossvalCase is one case of testdata/crossval_sklearn.json, written by
// testdata/crossval_sklearn.py with scikit-learn 1.2.1: cross_val_score of
// make_pipeline(scaler, Ridge(alpha)) over KFold(k) (unshuffled), as mean squared errors.
type crossvalCase struct {
	Dataset   string    `json:"dataset"`
	Target    string    `json:"target"`
	Features  []string  `json:"features"`
	K         int       `json:"k"`
	Scaler    string    `json:"scaler"`
	Alpha     float64   `json:"alpha"`
	TestFolds [][]int   `json:"test_folds"`
	MSE       []float64 `json:"mse"`
}

func readCrossval(t *testing.T) []crossvalCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "crossval_sklearn.json"))
	require.NoError(t, err)
	var file struct {
		Cases []crossvalCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &file))
	require.NotEmpty(t, file.Cases)
	return file.Cases
}

// pipeline returns a scaler (by the script's name) followed by Ridge(alpha).
func pipeline(t *testing.T, scaler string, alpha float64) selection.Pipeline {
	t.Helper()
	p := selection.Pipeline{Model: func() selection.Regressor { return &linear.Ridge{Alpha: alpha} }}
	switch scaler {
	case "standard":
		p.Transformer = func() selection.Transformer { return &preprocess.StandardScaler{} }
	case "minmax":
		p.Transformer = func() selection.Transformer { return &preprocess.MinMaxScaler{} }
	case "none":
	default:
		t.Fatalf("unknown scaler %q", scaler)
	}
	return p
}

// relErr is |got − want| / |want|.
func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }

// TestCrossValidateSklearn compares CrossValidate over data.KFold's unshuffled folds with
// scikit-learn's cross_val_score. The folds must be the same indices. The scores agree within
// 1e-11 relative: the largest difference measured on these cases is 2.7e-15 (two solvers of
// the same well-conditioned ridge systems, summed in other orders); the tolerance leaves room
// for other CPUs and BLAS kernels.
func TestCrossValidateSklearn(t *testing.T) {
	const tol = 1e-11
	worst := 0.0
	for _, c := range readCrossval(t) {
		t.Run(fmt.Sprintf("%s/k=%d/%s", c.Dataset, c.K, c.Scaler), func(t *testing.T) {
			X, y := oracletest.XY(t, c.Dataset, c.Target, c.Features)
			m, _ := X.Dims()
			folds, err := data.KFold(m, c.K, data.FoldOptions{})
			require.NoError(t, err)
			require.Len(t, folds, len(c.TestFolds))
			for f, s := range folds {
				assert.Equal(t, c.TestFolds[f], s.Test, "fold %d", f)
			}
			got, err := selection.CrossValidate(X, y, folds, pipeline(t, c.Scaler, c.Alpha))
			require.NoError(t, err)
			require.Len(t, got, len(c.MSE))
			for f := range got {
				worst = max(worst, relErr(got[f], c.MSE[f]))
				assert.LessOrEqual(t, relErr(got[f], c.MSE[f]), tol, "fold %d: got %v, scikit-learn %v", f, got[f], c.MSE[f])
			}
		})
	}
	t.Logf("largest relative difference from scikit-learn: %.2g", worst)
}

// spyScaler is a StandardScaler that records the rows it was fitted on and the rows it
// transformed, identified by their first column (the tests' X holds the row number there).
type spyScaler struct {
	preprocess.StandardScaler
	fits, transforms *[][]int
}

func (s *spyScaler) Fit(X mat.Matrix) {
	*s.fits = append(*s.fits, firstColumn(X))
	s.StandardScaler.Fit(X)
}

func (s *spyScaler) Transform(dst *mat.Dense, X mat.Matrix) *mat.Dense {
	*s.transforms = append(*s.transforms, firstColumn(X))
	return s.StandardScaler.Transform(dst, X)
}

func firstColumn(X mat.Matrix) []int {
	r, _ := X.Dims()
	out := make([]int, r)
	for i := range r {
		out[i] = int(X.At(i, 0))
	}
	return out
}

// numbered returns diabetes with a first column holding the row number, for the spy.
func numbered(t *testing.T) (*mat.Dense, []float64) {
	t.Helper()
	d := datasets.Diabetes()
	m, n := d.X.Dims()
	X := mat.NewDense(m, n+1, nil)
	for i := range m {
		X.Set(i, 0, float64(i))
		for j := range n {
			X.Set(i, j+1, d.X.At(i, j))
		}
	}
	return X, d.Y
}

// TestCrossValidateNoLeak: with shuffled folds, each fold's scaler is new and fitted on its
// training rows only, then transforms the training rows and the test rows, once each.
func TestCrossValidateNoLeak(t *testing.T) {
	X, y := numbered(t)
	m, _ := X.Dims()
	folds, err := data.KFold(m, 5, data.FoldOptions{Shuffle: true, Seed: 3})
	require.NoError(t, err)
	var fits, transforms [][]int
	p := selection.Pipeline{
		Transformer: func() selection.Transformer { return &spyScaler{fits: &fits, transforms: &transforms} },
		Model:       func() selection.Regressor { return &linear.Ridge{Alpha: 1} },
	}
	_, err = selection.CrossValidate(X, y, folds, p)
	require.NoError(t, err)
	require.Len(t, fits, len(folds))
	require.Len(t, transforms, 2*len(folds))
	for f, s := range folds {
		assert.Equal(t, s.Train, fits[f], "fold %d: the scaler's fit", f)
		assert.Equal(t, s.Train, transforms[2*f], "fold %d: the first transform", f)
		assert.Equal(t, s.Test, transforms[2*f+1], "fold %d: the second transform", f)
	}
}

// TestCrossValidateShuffledIsPermuted: cross-validating over shuffled folds is cross-validating
// the rows in the shuffled order over unshuffled folds. Both fits see the same rows, in other
// orders, so the scores agree to rounding (1e-12 relative; measured: 9.6e-16).
func TestCrossValidateShuffledIsPermuted(t *testing.T) {
	d := datasets.Diabetes()
	X, y := d.X, d.Y
	m, _ := X.Dims()
	const k, seed = 6, 11
	p := pipeline(t, "standard", 2)
	shuffled, err := data.KFold(m, k, data.FoldOptions{Shuffle: true, Seed: seed})
	require.NoError(t, err)
	got, err := selection.CrossValidate(X, y, shuffled, p)
	require.NoError(t, err)

	// data.KFold's shuffle is the permutation rand.New(rand.NewPCG(seed, 0)).Perm(m); its
	// folds are runs of it, which the test folds show: their concatenation is that order.
	var order []int
	for _, s := range shuffled {
		order = append(order, s.Test...)
	}
	require.ElementsMatch(t, order, seq(m))
	plain, err := data.KFold(m, k, data.FoldOptions{})
	require.NoError(t, err)
	for f := range plain { // the same fold sizes
		require.Len(t, shuffled[f].Test, len(plain[f].Test))
	}
	want, err := selection.CrossValidate(data.TakeRows(X, order), data.Take(y, order), plain, p)
	require.NoError(t, err)
	worst := 0.0
	for f := range want {
		worst = max(worst, relErr(got[f], want[f]))
		assert.LessOrEqual(t, relErr(got[f], want[f]), 1e-12, "fold %d", f)
	}
	t.Logf("largest relative difference: %.2g", worst)

	// Another seed holds out other rows, so the scores change; the same seed repeats them.
	again, err := selection.CrossValidate(X, y, shuffled, p)
	require.NoError(t, err)
	assert.Equal(t, got, again)
	other, err := data.KFold(m, k, data.FoldOptions{Shuffle: true, Seed: seed + 1})
	require.NoError(t, err)
	diff, err := selection.CrossValidate(X, y, other, p)
	require.NoError(t, err)
	assert.NotEqual(t, got, diff)
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestCrossValidateFoldByHand: one fold's score is the MSE of a pipeline fitted by hand on the
// training rows, to the last bit (the same operations in the same order).
func TestCrossValidateFoldByHand(t *testing.T) {
	d := datasets.Wine()
	X, y := d.X, mat.Col(nil, 0, d.X) // alcohol from the other 12 measurements
	X = mat.DenseCopyOf(X.Slice(0, 178, 1, 13))
	folds, err := data.KFold(178, 3, data.FoldOptions{Shuffle: true, Seed: 5})
	require.NoError(t, err)
	scores, err := selection.CrossValidate(X, y, folds, pipeline(t, "standard", 0.5))
	require.NoError(t, err)
	for f, s := range folds {
		var sc preprocess.StandardScaler
		sc.Fit(data.TakeRows(X, s.Train))
		r := linear.Ridge{Alpha: 0.5}
		require.NoError(t, r.Fit(sc.Transform(nil, data.TakeRows(X, s.Train)), data.Take(y, s.Train)))
		pred := r.Predict(nil, sc.Transform(nil, data.TakeRows(X, s.Test)))
		sum := 0.0
		for k, i := range s.Test {
			sum += (pred[k] - y[i]) * (pred[k] - y[i])
		}
		assert.Equal(t, sum/float64(len(s.Test)), scores[f], "fold %d", f)
	}
}

// TestCrossValidateLeakChangesScores shows what the pipeline prevents: a scaler fitted once on
// all rows has seen the test rows. For a min–max scaler and a penalised model the leak changes
// every fold's score.
func TestCrossValidateLeakChangesScores(t *testing.T) {
	d := datasets.Diabetes()
	m, _ := d.X.Dims()
	folds, err := data.KFold(m, 5, data.FoldOptions{Shuffle: true, Seed: 1})
	require.NoError(t, err)
	honest, err := selection.CrossValidate(d.X, d.Y, folds, pipeline(t, "minmax", 1))
	require.NoError(t, err)
	var all preprocess.MinMaxScaler
	leaky, err := selection.CrossValidate(all.FitTransform(nil, d.X), d.Y, folds, pipeline(t, "none", 1))
	require.NoError(t, err)
	for f := range honest {
		assert.NotEqual(t, honest[f], leaky[f], "fold %d", f)
	}
}

func TestCrossValidateErrors(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	folds, err := data.KFold(4, 2, data.FoldOptions{})
	require.NoError(t, err)
	p := pipeline(t, "standard", 1)

	// y[0] is a test target of fold 0 (its score is NaN) and a training target of fold 1,
	// whose fit fails.
	_, err = selection.CrossValidate(X, []float64{math.NaN(), 2, 3, 4}, folds, p)
	assert.ErrorContains(t, err, "selection.CrossValidate: fold 1: linear: y[0] is NaN")

	bad := selection.Pipeline{Model: func() selection.Regressor { return nil }}
	_, err = selection.CrossValidate(X, []float64{1, 2, 3, 4}, folds, bad)
	assert.ErrorContains(t, err, "fold 0: the pipeline's Model returned nil")

	for name, fn := range map[string]func(){
		"y length":    func() { _, _ = selection.CrossValidate(X, []float64{1, 2}, folds, p) },
		"no model":    func() { _, _ = selection.CrossValidate(X, []float64{1, 2, 3, 4}, folds, selection.Pipeline{}) },
		"empty split": func() { _, _ = selection.CrossValidate(X, []float64{1, 2, 3, 4}, []data.Split{{Train: []int{0}}}, p) },
		"bad index": func() {
			_, _ = selection.CrossValidate(X, []float64{1, 2, 3, 4}, []data.Split{{Train: []int{0, 1}, Test: []int{4}}}, p)
		},
		"negative idx": func() {
			_, _ = selection.CrossValidate(X, []float64{1, 2, 3, 4}, []data.Split{{Train: []int{-1}, Test: []int{2}}}, p)
		},
	} {
		assert.Panics(t, fn, name)
	}
}
