package linear

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestBadInputErrors(t *testing.T) {
	X := mat.NewDense(4, 2, []float64{1, 2, 3, 4, 5, 6, 7, 9})
	y := []float64{1, 2, 3, 5}
	nanX := mat.DenseCopyOf(X)
	nanX.Set(2, 1, math.NaN())
	infY := []float64{1, math.Inf(1), 3, 5}
	cases := []struct {
		name string
		fit  func() error
		want string
	}{
		{"NaN in X", func() error { return (&Regression{}).Fit(nanX, y) }, "X[2, 1] is NaN"},
		{"Inf in y", func() error { return (&Ridge{Alpha: 1}).Fit(X, infY) }, "y[1] is +Inf"},
		{"NaN in X, logistic", func() error { return (&Logistic{}).Fit(nanX, []int{0, 1, 0, 1}) }, "X[2, 1] is NaN"},
		{"NaN in X, softmax", func() error { return (&Softmax{}).Fit(nanX, []int{0, 1, 2, 1}) }, "X[2, 1] is NaN"},
		{"overflowing column", func() error {
			return (&Regression{}).Fit(mat.NewDense(2, 1, []float64{math.MaxFloat64, math.MaxFloat64}), []float64{1, 2})
		}, "column 0 overflows"},
		{"forced Cholesky on a constant column", func() error {
			return (&Regression{Solver: SolverCholesky}).Fit(mat.NewDense(3, 2, []float64{1, 5, 2, 5, 3, 5}), []float64{1, 2, 3})
		}, "column 1 of X is constant"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.fit()
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestBadInputPanics(t *testing.T) {
	X := mat.NewDense(4, 2, []float64{1, 2, 3, 4, 5, 6, 7, 9})
	y := []float64{1, 2, 3, 5}
	var fitted Regression
	require.NoError(t, fitted.Fit(X, y))
	cases := []struct {
		name string
		call func()
		want string
	}{
		{"mismatched lengths", func() { _ = (&Regression{}).Fit(X, y[:3]) }, "X has 4 rows but y has 3 values"},
		{"empty X", func() { _ = (&Ridge{}).Fit(&mat.Dense{}, nil) }, "empty X"},
		{"negative alpha", func() { _ = (&Ridge{Alpha: -1}).Fit(X, y) }, "Alpha = -1"},
		{"NaN alpha", func() { _ = (&Ridge{Alpha: math.NaN()}).Fit(X, y) }, "Alpha = NaN"},
		{"classifier solver for least squares", func() { _ = (&Regression{Solver: SolverLBFGS}).Fit(X, y) }, "solver lbfgs does not solve least squares"},
		{"least-squares solver for a classifier", func() { _ = (&Logistic{Solver: SolverSVD}).Fit(X, []int{0, 1, 0, 1}) }, "solver svd does not fit classifiers"},
		{"binary labels all 1", func() { _ = (&Logistic{}).Fit(X, []int{1, 1, 1, 1}) }, "every label is 1; logistic regression needs samples of both classes"},
		{"binary labels all 0", func() { _ = (&Logistic{NoIntercept: true}).Fit(X, []int{0, 0, 0, 0}) }, "every label is 0"},
		{"binary label 2", func() { _ = (&Logistic{}).Fit(X, []int{0, 1, 2, 1}) }, "label y[2] = 2, want 0 or 1"},
		{"negative C", func() { _ = (&Logistic{C: -1}).Fit(X, []int{0, 1, 0, 1}) }, "C = -1"},
		{"softmax label beyond Classes", func() { _ = (&Softmax{Classes: 2}).Fit(X, []int{0, 1, 2, 1}) }, "label y[2] = 2 outside the classes 0..1"},
		{"softmax negative label", func() { _ = (&Softmax{}).Fit(X, []int{0, -1, 2, 1}) }, "label y[1] = -1"},
		{"softmax one class", func() { _ = (&Softmax{}).Fit(X, []int{0, 0, 0, 0}) }, "1 class(es)"},
		{"softmax one class present", func() { _ = (&Softmax{}).Fit(X, []int{1, 1, 1, 1}) }, "every label is 1; softmax regression needs samples of at least 2 classes"},
		{"softmax one class present of 3", func() { _ = (&Softmax{Classes: 3}).Fit(X, []int{2, 2, 2, 2}) }, "every label is 2"},
		{"predict before fit", func() { (&Regression{}).Predict(nil, X) }, "not fitted"},
		{"coef before fit", func() { (&Softmax{}).Coef() }, "not fitted"},
		{"predict with the wrong width", func() { fitted.Predict(nil, mat.NewDense(2, 3, nil)) }, "X has 3 columns, the model was fitted on 2"},
		{"predict into a short dst", func() { fitted.Predict(make([]float64, 3), X) }, "dst has length 3, want 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				r := recover()
				require.NotNil(t, r, "no panic")
				assert.Contains(t, r.(string), c.want)
			}()
			c.call()
		})
	}
}

// TestHugeValuesFallBackToSVD checks that SolverAuto fits data whose squares overflow
// float64 (values near 1e200, whose sums do not) with the SVD instead of failing, while
// a forced SolverCholesky reports the overflow. The data lie exactly on y = 1e-200·x, so
// the expected coefficient is 1e-200 and the intercept 0; the tolerance, 1e-12 relative
// on w and 1e-12 absolute on b (|y| ≤ 4), covers the rounding of a 4×2 QR and SVD.
func TestHugeValuesFallBackToSVD(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{1e200, 2e200, 3e200, 4e200})
	y := []float64{1, 2, 3, 4}
	for _, fit := range []interface {
		Fit(mat.Matrix, []float64) error
		Coef() []float64
		Intercept() float64
		Info() FitInfo
	}{&Regression{}, &Ridge{}} {
		require.NoError(t, fit.Fit(X, y))
		assert.Equal(t, SolverSVD, fit.Info().Solver)
		assert.InEpsilon(t, 1e-200, fit.Coef()[0], 1e-12)
		assert.InDelta(t, 0, fit.Intercept(), 1e-12)
	}
	err := (&Regression{Solver: SolverCholesky}).Fit(X, y)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the sum of squares of X column 0 overflows float64")
}

// TestPredictNonFinite checks that every prediction method panics, naming the cell,
// when X holds NaN or ±Inf, instead of returning NaN (or, for a NaN logit, class 0)
// silently; an Inf in a column whose coefficient is 0 must be caught too.
func TestPredictNonFinite(t *testing.T) {
	X := mat.NewDense(4, 2, []float64{1, 2, 3, 4, 5, 7, 8, 1})
	var reg Regression
	require.NoError(t, reg.Fit(X, []float64{1, 2, 3, 4}))
	var ridge Ridge
	require.NoError(t, ridge.Fit(X, []float64{1, 2, 3, 4}))
	var logit Logistic
	require.NoError(t, logit.Fit(X, []int{0, 1, 0, 1}))
	var soft Softmax
	require.NoError(t, soft.Fit(X, []int{0, 1, 2, 1}))
	var zeroCoef Regression // y does not depend on column 1: its coefficient is 0
	require.NoError(t, zeroCoef.Fit(mat.NewDense(3, 2, []float64{1, 0, 2, 0, 3, 0}), []float64{1, 2, 3}))
	require.Zero(t, zeroCoef.Coef()[1])
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		Xb := mat.DenseCopyOf(X)
		Xb.Set(2, 1, bad)
		want := fmt.Sprintf("X[2, 1] is %v", bad)
		calls := map[string]func(){
			"Regression.Predict":        func() { reg.Predict(nil, Xb) },
			"Ridge.Predict":             func() { ridge.Predict(nil, Xb) },
			"Logistic.DecisionFunction": func() { logit.DecisionFunction(nil, Xb) },
			"Logistic.PredictProba":     func() { logit.PredictProba(nil, Xb) },
			"Logistic.Predict":          func() { logit.Predict(nil, Xb) },
			"Softmax.DecisionFunction":  func() { soft.DecisionFunction(nil, Xb) },
			"Softmax.PredictProba":      func() { soft.PredictProba(nil, Xb) },
			"Softmax.Predict":           func() { soft.Predict(nil, Xb) },
			"zero coefficient":          func() { zeroCoef.Predict(nil, Xb.Slice(0, 3, 0, 2)) },
		}
		for name, call := range calls {
			t.Run(fmt.Sprintf("%s/%v", name, bad), func(t *testing.T) {
				assert.PanicsWithValue(t,
					fmt.Sprintf("linear: %s: %s: remove or impute non-finite values before predicting", predictWhere(name), want), call)
			})
		}
	}
	// Finite inputs whose logits overflow are not an input error.
	assert.NotPanics(t, func() { reg.Predict(nil, mat.NewDense(1, 2, []float64{math.MaxFloat64, math.MaxFloat64})) })
}

// predictWhere maps a case name of TestPredictNonFinite to the method named in the panic.
func predictWhere(name string) string {
	switch name {
	case "zero coefficient":
		return "Regression.Predict"
	case "Softmax.PredictProba", "Softmax.Predict":
		return "Softmax.DecisionFunction"
	}
	return name
}

// TestConvergenceError checks that an iteration limit is reported as a
// *ConvergenceError while the model keeps the last iterate and predicts.
func TestConvergenceError(t *testing.T) {
	X, y := randomProblem(200, 4, 2, 3)
	m := Logistic{MaxIter: 2, Tol: 1e-12}
	err := m.Fit(X, y)
	var ce *ConvergenceError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 2, ce.Iterations)
	assert.Greater(t, ce.GradNorm, 1e-12)
	assert.False(t, m.Info().Converged)
	assert.Len(t, m.Predict(nil, X), 200)
}

// TestSaturatedLogits checks that separable data with a weak penalty (C = 1e6, logits
// of several hundred) give finite losses, gradients and probabilities in [0, 1].
func TestSaturatedLogits(t *testing.T) {
	X := mat.NewDense(6, 1, []float64{-3, -2, -1, 1, 2, 3})
	y := []int{0, 0, 0, 1, 1, 1}
	m := Logistic{C: 1e6, MaxIter: 1000}
	require.NoError(t, m.Fit(X, y))
	assert.False(t, math.IsNaN(m.Info().Loss))
	for _, p := range m.PredictProba(nil, mat.NewDense(2, 1, []float64{-1000, 1000})) {
		assert.True(t, p >= 0 && p <= 1, "probability %v", p)
	}
	assert.Equal(t, []int{0, 0, 0, 1, 1, 1}, m.Predict(nil, X))
	s := Softmax{C: 1e6, MaxIter: 1000}
	require.NoError(t, s.Fit(X, y))
	proba := s.PredictProba(nil, mat.NewDense(2, 1, []float64{-1e4, 1e4}))
	assert.Equal(t, []float64{1, 0, 0, 1}, proba.RawMatrix().Data)
}
