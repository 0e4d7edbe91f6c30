package optim

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// TestSoftmaxByHand checks X = [[1,0],[1,1]], y = [0,2], K = 3, Θ = [[0,0,0],[0,ln 2,ln 4]]:
// row 0 has logits (0,0,0), so P = (⅓,⅓,⅓) and a loss of ln 3; row 1 has logits
// (0, ln 2, ln 4), so Σ e^z = 7, P = (1/7, 2/7, 4/7) and a loss of ln 7 − ln 4. Then
// J = (ln 3 + ln(7/4))/2 = ln(21/4)/2, and ∇J = ½·Xᵀ(P − Y) with the residual rows
// (−⅔, ⅓, ⅓) and (1/7, 2/7, −3/7): row 0 of ∇J is their mean (−11/42, 13/42, −2/42), row 1 half
// the second (1/14, 1/7, −3/14). λ = 2 adds 2/(2·2)·(ln²2 + ln²4) = 2.5·ln²2 to J and
// (2/2)·Θ₁ = (0, ln 2, ln 4) to row 1 of ∇J, and with PenalizeBias nothing more (row 0 of Θ is
// zero). Tolerance: rtol 1e-15 and atol 1e-16, a few roundings.
func TestSoftmaxByHand(t *testing.T) {
	x := mat.NewDense(2, 2, []float64{1, 0, 1, 1})
	y := []int{0, 2}
	theta := []float64{0, 0, 0, 0, math.Ln2, 2 * math.Ln2}
	data := []float64{-11.0 / 42, 13.0 / 42, -2.0 / 42, 1.0 / 14, 1.0 / 7, -3.0 / 14}
	penalised := append(append([]float64(nil), data[:3]...), 1.0/14, 1.0/7+math.Ln2, -3.0/14+2*math.Ln2)
	for _, tc := range []struct {
		name     string
		l2       L2
		loss     float64
		gradient []float64
	}{
		{"no penalty", L2{}, math.Log(21.0/4) / 2, data},
		{"bias not penalised", L2{Lambda: 2}, math.Log(21.0/4)/2 + 2.5*math.Ln2*math.Ln2, penalised},
		{"bias penalised", L2{Lambda: 2, PenalizeBias: true}, math.Log(21.0/4)/2 + 2.5*math.Ln2*math.Ln2, penalised},
	} {
		t.Run(tc.name, func(t *testing.T) {
			obj := NewSoftmax(x, y, 3, tc.l2)
			grad := make([]float64, 6)
			loss := obj.LossGrad(grad, theta)
			assert.True(t, within(tc.loss, loss, 0, 1e-15), "loss %.17g, want %.17g", loss, tc.loss)
			requireClose(t, tc.gradient, grad, 1e-16, 1e-15, "gradient")
			assert.Equal(t, loss, obj.LossGrad(nil, theta), "loss without gradient")
			assert.Equal(t, 6, obj.Dim())
			assert.Equal(t, 2, obj.Rows())
			assert.Equal(t, 3, obj.Classes())
		})
	}
}

// TestSoftmaxExtremeLogits checks the stable form where e^z overflows or a probability rounds
// to 0: with one row x = 1 the logits are row 0 of Θ. A confident wrong answer costs the gap
// between the logits (2000 for (1000, 0, −1000) with y = 2, where P rounds to (1, 0, 0)), a
// confident right one e^−1000 ≈ 0, and adding 1000 to every logit changes nothing: the shifted
// exponentials are computed from the same differences, so the results are bit for bit equal.
func TestSoftmaxExtremeLogits(t *testing.T) {
	x := mat.NewDense(1, 1, []float64{1})
	for _, tc := range []struct {
		name     string
		theta    []float64
		y        int
		loss     float64
		gradient []float64
	}{
		{"wrong", []float64{1000, 0, -1000}, 2, 2000, []float64{1, 0, -1}},
		{"right", []float64{1000, 0, -1000}, 0, 0, []float64{0, 0, 0}},
		{"all large", []float64{1e6, 1e6, 1e6}, 1, math.Log(3), []float64{1.0 / 3, -2.0 / 3, 1.0 / 3}},
		{"all very negative", []float64{-1e6, -1e6, -1e6}, 1, math.Log(3), []float64{1.0 / 3, -2.0 / 3, 1.0 / 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			grad := make([]float64, 3)
			loss := NewSoftmax(x, []int{tc.y}, 3, L2{}).LossGrad(grad, tc.theta)
			assert.True(t, within(tc.loss, loss, 0, 1e-15), "loss %g, want %g", loss, tc.loss)
			requireClose(t, tc.gradient, grad, 0, 1e-15, "gradient")
		})
	}
	t.Run("shift", func(t *testing.T) {
		obj := NewSoftmax(x, []int{1}, 3, L2{})
		g0, g1 := make([]float64, 3), make([]float64, 3)
		l0 := obj.LossGrad(g0, []float64{0, 1, -1})
		l1 := obj.LossGrad(g1, []float64{1000, 1001, 999})
		assert.Equal(t, l0, l1)
		assert.Equal(t, g0, g1)
	})
}

// softmaxOracle is testdata/softmax_sklearn.json, written by softmax_sklearn.py.
type softmaxOracle struct {
	Generator string         `json:"generator"`
	Cases     []softmaxCase  `json:"cases"`
	Optimum   softmaxOptimum `json:"optimum"`
}

type softmaxCase struct {
	Name        string      `json:"name"`
	Dataset     string      `json:"dataset"`
	Standardize bool        `json:"standardize"`
	Classes     int         `json:"classes"`
	Lambda      float64     `json:"lambda"`
	Theta       [][]float64 `json:"theta"`
	Loss        float64     `json:"loss"`
	Grad        [][]float64 `json:"grad"`
	LogLoss     *float64    `json:"log_loss"`
}

type softmaxOptimum struct {
	softmaxCase
	GradInfNorm float64 `json:"grad_inf_norm"`
}

func readSoftmaxOracle(t *testing.T) softmaxOracle {
	t.Helper()
	raw, err := os.ReadFile("testdata/softmax_sklearn.json")
	require.NoError(t, err)
	var o softmaxOracle
	require.NoError(t, json.Unmarshal(raw, &o))
	require.NotEmpty(t, o.Cases)
	return o
}

// objective builds the case's design matrix from the fixture (ones column first) and its
// objective, and returns it with Θ in θ's layout.
func (c softmaxCase) objective(t *testing.T, lambda float64) (*Softmax, []float64) {
	t.Helper()
	x, yf := fixtureDesign(t, c.Dataset, "target", c.Standardize)
	y := make([]int, len(yf))
	for i, v := range yf {
		y[i] = int(v)
	}
	_, n := x.Dims()
	require.Len(t, c.Theta, n, "%s: rows of Θ", c.Name)
	var theta []float64
	for _, row := range c.Theta {
		require.Len(t, row, c.Classes)
		theta = append(theta, row...)
	}
	return NewSoftmax(x, y, c.Classes, L2{Lambda: lambda}), theta
}

// TestSoftmaxMatchesScikitLearn compares loss and gradient with scikit-learn's multinomial loss
// (LinearModelLoss with HalfMultinomialLoss, the objective of LogisticRegression, divided by m)
// on iris, wine and digits, with and without penalty, with logits shifted by 1000 and with
// logits in the thousands; and the unpenalised loss with sklearn.metrics.log_loss of the
// softmax probabilities. Only the order of the additions differs: losses agree to rtol 1e-12,
// gradient components to atol 1e-13 + rtol 1e-11 (some are near 0, sums of terms of order 1).
func TestSoftmaxMatchesScikitLearn(t *testing.T) {
	o := readSoftmaxOracle(t)
	for _, c := range o.Cases {
		t.Run(c.Name, func(t *testing.T) {
			obj, theta := c.objective(t, c.Lambda)
			grad := make([]float64, obj.Dim())
			loss := obj.LossGrad(grad, theta)
			assert.True(t, within(c.Loss, loss, 0, 1e-12), "loss %.17g, scikit-learn %.17g", loss, c.Loss)
			var want []float64
			for _, row := range c.Grad {
				want = append(want, row...)
			}
			requireClose(t, want, grad, 1e-13, 1e-11, "gradient")
			if c.LogLoss != nil {
				plain, _ := c.objective(t, 0)
				l := plain.LossGrad(nil, theta)
				assert.True(t, within(*c.LogLoss, l, 1e-15, 1e-12), "unpenalised loss %.17g, log_loss %.17g", l, *c.LogLoss)
			}
		})
	}
}

// TestSoftmaxMinimizerMatchesScikitLearn checks that scikit-learn's optimum on the standardised
// iris data with C = 1 (solved to ‖∇‖∞ ≈ 8e-11 by softmax_sklearn.py) is a stationary point of
// Softmax with λ = 1, and that batch gradient descent from Θ = 0 reaches it: GD keeps every row
// of Θ summing to zero, and so does the L-BFGS run of the script, so the two agree although
// adding a constant to all intercepts would not change the loss. Tolerances: ‖∇J‖∞ ≤ 1e-9 there,
// and Θ within 1e-6 after GD stops at ‖∇J‖₂ ≤ 1e-9 (J is strongly convex on that subspace).
func TestSoftmaxMinimizerMatchesScikitLearn(t *testing.T) {
	c := readSoftmaxOracle(t).Optimum
	obj, theta := c.objective(t, c.Lambda)
	grad := make([]float64, obj.Dim())
	obj.LossGrad(grad, theta)
	assert.Less(t, floats.Norm(grad, math.Inf(1)), 1e-9, "‖∇J‖∞ at scikit-learn's optimum")
	if testing.Short() {
		t.Skip("gradient descent to the optimum: a few thousand epochs")
	}
	res, err := Minimize(obj, make([]float64, obj.Dim()), GD{LearningRate: 1}, &Settings{Epochs: 100000, GradTol: 1e-9})
	require.NoError(t, err)
	require.Equal(t, GradConverged, res.Status)
	requireClose(t, theta, res.Theta, 1e-6, 0, "Θ after gradient descent")
}

// TestSoftmaxGradientProperty checks the gradient against central differences at random
// points of random problems: sizes, classes, penalties, mini-batches and logits from small to
// about a hundred. With logits of order 1 CheckGradient's worst relative error is below 1e-6, as
// in TestGradientsMatchCentralDifferences. Steep logits make the loss large and its third
// derivative too, so the central difference then carries absolute errors up to about 1e-10 on
// components near 0: there every component must agree within atol 1e-8 + rtol 1e-6.
func TestSoftmaxGradientProperty(t *testing.T) {
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 17))
		m, n, k := 1+rng.IntN(60), 1+rng.IntN(5), 2+rng.IntN(5)
		x := mat.NewDense(m, n, nil)
		y := make([]int, m)
		for i := range m {
			x.Set(i, 0, 1)
			for j := 1; j < n; j++ {
				x.Set(i, j, 3*rng.NormFloat64())
			}
			y[i] = rng.IntN(k)
		}
		l2 := L2{Lambda: []float64{0, 0.5, 10}[rng.IntN(3)], PenalizeBias: rng.IntN(2) == 0}
		scale := []float64{0.1, 0.3, 8}[rng.IntN(3)]
		theta := make([]float64, n*k)
		for j := range theta {
			theta[j] = scale * rng.NormFloat64()
		}
		obj := NewSoftmax(x, y, k, l2)
		var o Objective = obj
		if rng.IntN(2) == 0 {
			rows := make([]int, 1+rng.IntN(2*m))
			for p := range rows {
				rows[p] = rng.IntN(m)
			}
			o = batchAsObjective{obj, rows}
		}
		what := fmt.Sprintf("seed %d (m=%d n=%d K=%d %+v, scale %g)", seed, m, n, k, l2, scale)
		if scale < 1 {
			c, err := CheckGradient(o, theta, 0)
			require.NoError(t, err, what)
			assert.Less(t, c.MaxRelErr, 1e-6, "%s: component %d: analytic %g, numeric %g", what, c.Index, c.Analytic, c.Numeric)
			continue
		}
		numeric, analytic := make([]float64, n*k), make([]float64, n*k)
		require.NoError(t, NumericGradient(numeric, o, theta, 0), what)
		o.LossGrad(analytic, theta)
		requireClose(t, numeric, analytic, 1e-8, 1e-6, what)
	}
}

// TestSoftmaxMatchesMatrixFormula compares LossGrad, over all rows and over a mini-batch with
// repeated rows, with the formulas of the doc comment evaluated with gonum matrices:
// Z = XΘ, P = softmax of each row, J = −1/m·Σᵢ log Pᵢ,yᵢ (+ penalty), ∇J = 1/m·Xᵀ(P − Y) (+ penalty).
// At these moderate logits log P loses nothing; only the order of the additions differs, so
// they agree to rtol 1e-12 (atol 1e-14 for gradient components near 0).
func TestSoftmaxMatchesMatrixFormula(t *testing.T) {
	const m, n, k, lambda = 500, 7, 4, 3.0
	rng := rand.New(rand.NewPCG(5, 5))
	x, _, _ := synthetic(21, m, n, 0)
	y := make([]int, m)
	for i := range y {
		y[i] = rng.IntN(k)
	}
	theta := make([]float64, n*k)
	for j := range theta {
		theta[j] = rng.NormFloat64()
	}
	naive := func(rows []int) (float64, []float64) {
		xb := mat.NewDense(len(rows), n, nil)
		yb := mat.NewDense(len(rows), k, nil)
		for p, i := range rows {
			xb.SetRow(p, x.RawRowView(i))
			yb.Set(p, y[i], 1)
		}
		var pm mat.Dense
		pm.Mul(xb, mat.NewDense(n, k, theta))
		loss := 0.0
		for p := range rows {
			row := pm.RawRowView(p)
			s := 0.0
			for c := range row {
				row[c] = math.Exp(row[c])
				s += row[c]
			}
			floats.Scale(1/s, row)
			loss -= math.Log(row[y[rows[p]]])
		}
		pm.Sub(&pm, yb)
		var g mat.Dense
		g.Mul(xb.T(), &pm)
		g.Scale(1/float64(len(rows)), &g)
		grad := g.RawMatrix().Data
		loss /= float64(len(rows))
		for j := k; j < n*k; j++ {
			loss += lambda / (2 * m) * theta[j] * theta[j]
			grad[j] += lambda / m * theta[j]
		}
		return loss, grad
	}
	all := make([]int, m)
	for i := range all {
		all[i] = i
	}
	batch := []int{3, 3, 499, 0, 250, 17, 17, 17}
	obj := NewSoftmax(x, y, k, L2{Lambda: lambda})
	for name, rows := range map[string][]int{"all rows": all, "mini-batch": batch} {
		t.Run(name, func(t *testing.T) {
			wantLoss, wantGrad := naive(rows)
			grad := make([]float64, n*k)
			var loss float64
			if len(rows) == m {
				loss = obj.LossGrad(grad, theta)
				assert.Equal(t, loss, obj.BatchLossGrad(nil, theta, rows), "a batch of all rows in order is the full pass")
			} else {
				loss = obj.BatchLossGrad(grad, theta, rows)
			}
			assert.True(t, within(wantLoss, loss, 0, 1e-12), "loss %.17g, want %.17g", loss, wantLoss)
			requireClose(t, wantGrad, grad, 1e-14, 1e-12, "gradient")
		})
	}
}

// TestSoftmaxKeepsInputsAndDoesNotAllocate checks that passes leave X, y and θ alone, accept
// any mat.Matrix (a transposed view is copied), and allocate nothing.
func TestSoftmaxKeepsInputsAndDoesNotAllocate(t *testing.T) {
	x, _, _ := synthetic(3, 40, 3, 0)
	y := make([]int, 40)
	for i := range y {
		y[i] = i % 3
	}
	xc, yc := mat.DenseCopyOf(x), append([]int(nil), y...)
	theta := randomPoint(4, 9)
	tc := append([]float64(nil), theta...)
	obj := NewSoftmax(x, y, 3, L2{Lambda: 1})
	grad := make([]float64, 9)
	loss := obj.LossGrad(grad, theta)
	assert.Equal(t, loss, NewSoftmax(x.T().T(), y, 3, L2{Lambda: 1}).LossGrad(nil, theta))
	assert.Equal(t, loss, NewSoftmax(mat.Transpose{Matrix: xc.T()}, y, 3, L2{Lambda: 1}).LossGrad(nil, theta))
	obj.BatchLossGrad(grad, theta, []int{3, 1, 4})
	assert.True(t, mat.Equal(xc, x))
	assert.Equal(t, yc, y)
	assert.Equal(t, tc, theta)
	allocs := testing.AllocsPerRun(20, func() {
		obj.LossGrad(grad, theta)
		obj.BatchLossGrad(grad, theta, []int{1, 2})
	})
	assert.Zero(t, allocs)
}

// TestSoftmaxPanics checks the documented panics and that their messages say what is wrong
// and where.
func TestSoftmaxPanics(t *testing.T) {
	x := mat.NewDense(3, 2, []float64{1, 1, 1, 2, 1, 3})
	inf := mat.NewDense(3, 2, []float64{1, 1, 1, 2, math.Inf(-1), 3})
	obj := NewSoftmax(x, []int{0, 1, 2}, 3, L2{})
	for _, tc := range []struct {
		name, msg string
		f         func()
	}{
		{"one class", "optim: NewSoftmax: k = 1 classes, want at least 2", func() { NewSoftmax(x, []int{0, 0, 0}, 1, L2{}) }},
		{"short y", "optim: NewSoftmax: len(y) = 2, want 3 (the rows of X)", func() { NewSoftmax(x, []int{0, 1}, 3, L2{}) }},
		{"label too large", "optim: NewSoftmax: y[2] = 3, want a label in [0, 3)", func() { NewSoftmax(x, []int{0, 1, 3}, 3, L2{}) }},
		{"negative label", "optim: NewSoftmax: y[0] = -1, want a label in [0, 3)", func() { NewSoftmax(x, []int{-1, 1, 2}, 3, L2{}) }},
		{"Inf in X", "optim: NewSoftmax: X[2, 0] = -Inf, want a finite number", func() { NewSoftmax(inf, []int{0, 1, 2}, 3, L2{}) }},
		{"NaN lambda", "optim: NewSoftmax: L2.Lambda = NaN, want a finite λ ≥ 0", func() { NewSoftmax(x, []int{0, 1, 2}, 3, L2{Lambda: math.NaN()}) }},
		{"short theta", "optim: Softmax.LossGrad: len(theta) = 2, want 6", func() { obj.LossGrad(nil, []float64{1, 2}) }},
		{"short grad", "optim: Softmax.BatchLossGrad: len(grad) = 5, want 6", func() { obj.BatchLossGrad(make([]float64, 5), make([]float64, 6), []int{0}) }},
		{"empty batch", "optim: Softmax.BatchLossGrad: empty mini-batch", func() { obj.BatchLossGrad(nil, make([]float64, 6), nil) }},
		{"row out of range", "optim: Softmax.BatchLossGrad: rows[1] = 3, want a row of X in [0, 3)", func() { obj.BatchLossGrad(nil, make([]float64, 6), []int{0, 3}) }},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.PanicsWithValue(t, tc.msg, tc.f) })
	}
}

// BenchmarkSoftmax times one loss-and-gradient pass on data of the digits' shape (1797 rows,
// 64 features and a ones column, 10 classes).
func BenchmarkSoftmax(b *testing.B) {
	const m, n, k = 1797, 65, 10
	x, _, _ := synthetic(8, m, n, 0)
	y := make([]int, m)
	for i := range y {
		y[i] = i % k
	}
	obj := NewSoftmax(x, y, k, L2{})
	theta := make([]float64, n*k)
	grad := make([]float64, n*k)
	b.SetBytes(int64(m * n * 8))
	b.ReportAllocs()
	for b.Loop() {
		obj.LossGrad(grad, theta)
		floats.AddScaled(theta, -1e-3, grad)
	}
}
