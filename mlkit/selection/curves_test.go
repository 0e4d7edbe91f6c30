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

	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// curvesCase is one case of testdata/curves_sklearn.json, written by
// testdata/curves_sklearn.py with scikit-learn 1.2.1: learning_curve and validation_curve of
// Ridge over one predefined split (the first NTrain rows for training, the rest for
// validation), the errors being mean squared errors.
type curvesCase struct {
	Name     string      `json:"name"`
	Dataset  string      `json:"dataset"`
	Target   string      `json:"target"`
	NTrain   int         `json:"n_train"`
	X        [][]float64 `json:"X"`
	Y        []float64   `json:"y"`
	Learning []struct {
		Alpha      float64   `json:"alpha"`
		Sizes      []int     `json:"sizes"`
		Train      []float64 `json:"train"`
		Validation []float64 `json:"validation"`
	} `json:"learning"`
	Validation struct {
		Alphas     []float64 `json:"alphas"`
		Train      []float64 `json:"train"`
		Validation []float64 `json:"validation"`
	} `json:"validation"`
}

func readCurves(t *testing.T) []curvesCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "curves_sklearn.json"))
	require.NoError(t, err)
	var file struct {
		Cases []curvesCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &file))
	require.NotEmpty(t, file.Cases)
	return file.Cases
}

// data returns the case's split: the first NTrain rows for training, the rest for validation.
func (c curvesCase) data(t *testing.T) (Xtr *mat.Dense, ytr []float64, Xval *mat.Dense, yval []float64) {
	t.Helper()
	var X *mat.Dense
	var y []float64
	if c.Dataset != "" {
		X, y = oracletest.XY(t, c.Dataset, c.Target, nil)
	} else {
		X = mat.NewDense(len(c.X), len(c.X[0]), nil)
		for i, row := range c.X {
			X.SetRow(i, row)
		}
		y = c.Y
	}
	m, n := X.Dims()
	return mat.DenseCopyOf(X.Slice(0, c.NTrain, 0, n)), y[:c.NTrain], mat.DenseCopyOf(X.Slice(c.NTrain, m, 0, n)), y[c.NTrain:]
}

// near reports whether got is within rel·|want| + abs of want.
func near(got, want, rel, abs float64) bool {
	return math.Abs(got-want) <= abs+rel*math.Abs(want)
}

// Tolerances against scikit-learn, from the differences measured on these cases. Where the
// fit is well conditioned the errors agree within 3e-12 relative (most within 1e-14): they
// are compared within rel. 1e-10 plus abs. 1e-10, the absolute part for training errors that
// are 0 up to rounding (one row, or an exact interpolation: differences up to 5e-12). The
// degree-8 "dam" features are nearly collinear (κ(XᵀX) ≈ 1e10 on 12 rows), and at α = 0 both
// libraries lose that many digits: there the validation errors differ by up to 3e-9 relative
// (compared within 1e-7), and by 4e-7 for the 9-row exact interpolation, whose validation
// error is 1.8e7 (compared within 1e-5).
func tolerance(c curvesCase, alpha float64, size int) (rel, abs float64) {
	if c.Name == "dam" && alpha == 0 {
		if size == 9 {
			return 1e-5, 1e-10
		}
		return 1e-7, 1e-10
	}
	return 1e-10, 1e-10
}

func TestLearningCurveSklearn(t *testing.T) {
	for _, c := range readCurves(t) {
		Xtr, ytr, Xval, yval := c.data(t)
		for _, lc := range c.Learning {
			t.Run(fmt.Sprintf("%s/alpha=%g", c.Name, lc.Alpha), func(t *testing.T) {
				train, val, err := selection.LearningCurve(Xtr, ytr, Xval, yval, lc.Alpha, lc.Sizes)
				require.NoError(t, err)
				require.Len(t, train, len(lc.Sizes))
				require.Len(t, val, len(lc.Sizes))
				for k, s := range lc.Sizes {
					rel, abs := tolerance(c, lc.Alpha, s)
					assert.True(t, near(train[k], lc.Train[k], rel, abs), "size %d: train %v, sklearn %v", s, train[k], lc.Train[k])
					assert.True(t, near(val[k], lc.Validation[k], rel, abs), "size %d: validation %v, sklearn %v", s, val[k], lc.Validation[k])
				}
			})
		}
	}
}

func TestValidationCurveSklearn(t *testing.T) {
	for _, c := range readCurves(t) {
		t.Run(c.Name, func(t *testing.T) {
			Xtr, ytr, Xval, yval := c.data(t)
			vc := c.Validation
			train, val, err := selection.ValidationCurve(Xtr, ytr, Xval, yval, vc.Alphas)
			require.NoError(t, err)
			require.Len(t, train, len(vc.Alphas))
			for k, a := range vc.Alphas {
				m, _ := Xtr.Dims()
				rel, abs := tolerance(c, a, m)
				assert.True(t, near(train[k], vc.Train[k], rel, abs), "α = %g: train %v, sklearn %v", a, train[k], vc.Train[k])
				assert.True(t, near(val[k], vc.Validation[k], rel, abs), "α = %g: validation %v, sklearn %v", a, val[k], vc.Validation[k])
			}
		})
	}
}

// TestCurvesRefit checks the definitions directly: each point is a fresh ridge fit on the first
// rows (LearningCurve) or on all rows (ValidationCurve), scored without a penalty, and the
// inputs are left alone.
func TestCurvesRefit(t *testing.T) {
	X, y := oracletest.XY(t, "cars.csv", "dist", nil)
	m, _ := X.Dims()
	Xtr, ytr := mat.DenseCopyOf(X.Slice(0, 30, 0, 1)), y[:30]
	Xval, yval := mat.DenseCopyOf(X.Slice(30, m, 0, 1)), y[30:]
	before := mat.DenseCopyOf(Xtr)
	ytrBefore := append([]float64(nil), ytr...)

	sizes := []int{30, 3, 10, 3}
	train, val, err := selection.LearningCurve(Xtr, ytr, Xval, yval, 2.5, sizes)
	require.NoError(t, err)
	for k, s := range sizes {
		r := linear.Ridge{Alpha: 2.5}
		require.NoError(t, r.Fit(Xtr.Slice(0, s, 0, 1), ytr[:s]))
		wantTr := meanSq(r.Predict(nil, Xtr.Slice(0, s, 0, 1)), ytr[:s])
		wantVal := meanSq(r.Predict(nil, Xval), yval)
		assert.InDelta(t, wantTr, train[k], 1e-9*wantTr, "train, size %d", s)
		assert.InDelta(t, wantVal, val[k], 1e-9*wantVal, "validation, size %d", s)
	}
	assert.Equal(t, train[1], train[3], "the same size gives the same point")

	alphas := []float64{0, 10, 1e6}
	vtr, vval, err := selection.ValidationCurve(Xtr, ytr, Xval, yval, alphas)
	require.NoError(t, err)
	for k, a := range alphas {
		r := linear.Ridge{Alpha: a}
		require.NoError(t, r.Fit(Xtr, ytr))
		assert.InDelta(t, meanSq(r.Predict(nil, Xtr), ytr), vtr[k], 1e-9*vtr[k], "train, α = %g", a)
		assert.InDelta(t, meanSq(r.Predict(nil, Xval), yval), vval[k], 1e-9*vval[k], "validation, α = %g", a)
	}
	assert.Less(t, vtr[0], vtr[1], "the training error grows with α")
	assert.Less(t, vtr[1], vtr[2], "the training error grows with α")
	assert.True(t, mat.Equal(before, Xtr), "Xtrain unchanged")
	assert.Equal(t, ytrBefore, ytr, "yTrain unchanged")
}

func meanSq(pred, y []float64) float64 {
	s := 0.0
	for i := range y {
		s += (pred[i] - y[i]) * (pred[i] - y[i])
	}
	return s / float64(len(y))
}

func TestCurvesErrorsAndPanics(t *testing.T) {
	Xtr := mat.NewDense(3, 1, []float64{1, 2, 3})
	ytr := []float64{1, 2, 3}
	Xval := mat.NewDense(2, 1, []float64{4, 5})
	yval := []float64{4, 5}

	_, _, err := selection.LearningCurve(Xtr, []float64{1, math.NaN(), 3}, Xval, yval, 1, []int{1, 3})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "selection.LearningCurve: size 3")
	_, _, err = selection.ValidationCurve(Xtr, []float64{1, math.Inf(1), 3}, Xval, yval, []float64{1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "selection.ValidationCurve: α = 1")

	for name, f := range map[string]func(){
		"size 0":          func() { _, _, _ = selection.LearningCurve(Xtr, ytr, Xval, yval, 1, []int{0}) },
		"size above m":    func() { _, _, _ = selection.LearningCurve(Xtr, ytr, Xval, yval, 1, []int{4}) },
		"negative alpha":  func() { _, _, _ = selection.LearningCurve(Xtr, ytr, Xval, yval, -1, []int{1}) },
		"NaN alpha":       func() { _, _, _ = selection.ValidationCurve(Xtr, ytr, Xval, yval, []float64{1, math.NaN()}) },
		"yTrain length":   func() { _, _, _ = selection.ValidationCurve(Xtr, ytr[:2], Xval, yval, []float64{1}) },
		"yVal length":     func() { _, _, _ = selection.LearningCurve(Xtr, ytr, Xval, yval[:1], 1, []int{1}) },
		"column mismatch": func() { _, _, _ = selection.ValidationCurve(Xtr, ytr, mat.NewDense(2, 2, nil), yval, []float64{1}) },
	} {
		assert.Panics(t, f, name)
	}
}

func ExampleLearningCurve() {
	// y = 2x on the training rows; the validation row x = 6 is 2 above the line.
	Xtr := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	ytr := []float64{2, 4, 6, 8}
	Xval := mat.NewDense(2, 1, []float64{5, 6})
	yval := []float64{10, 14}
	// One row: the fit is the constant 2 (an intercept only, no slope can be learnt from one
	// point), exact on its row; with two or more rows the line y = 2x is exact on them.
	train, val, err := selection.LearningCurve(Xtr, ytr, Xval, yval, 0, []int{1, 2, 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("train %.3f\nval   %.3f\n", train, val)
	// Output:
	// train [0.000 0.000 0.000]
	// val   [104.000 2.000 2.000]
}

func ExampleValidationCurve() {
	// A line with noise; a huge α flattens the fit to the mean of the training targets.
	Xtr := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	ytr := []float64{2.5, 3.5, 6.5, 7.5}
	Xval := mat.NewDense(2, 1, []float64{2.5, 3.5})
	yval := []float64{5, 6.8}
	// Centred, x = (−1.5, −0.5, 0.5, 1.5) and y − 5 = (−2.5, −1.5, 1.5, 2.5): Σx² = 5, Σxy = 9,
	// so the slope is 9/(5 + α) (1.8, 0.9, ≈0) and the line passes through (2.5, 5).
	train, val, err := selection.ValidationCurve(Xtr, ytr, Xval, yval, []float64{0, 5, 1e9})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("train %.4f\nval   %.4f\n", train, val)
	// Output:
	// train [0.2000 1.2125 4.2500]
	// val   [0.0000 0.4050 1.6200]
}
