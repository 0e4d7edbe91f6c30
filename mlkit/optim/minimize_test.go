package optim

import (
	"cmp"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// leastSquaresSolution solves min ‖Xθ − y‖² with gonum's QR, the closed form GD must reach.
func leastSquaresSolution(t *testing.T, x *mat.Dense, y []float64) []float64 {
	t.Helper()
	var qr mat.QR
	qr.Factorize(x)
	var w mat.VecDense
	require.NoError(t, qr.SolveVecTo(&w, false, mat.NewVecDense(len(y), y)))
	return w.RawVector().Data
}

// ridgeSolution solves (XᵀX + λ·D)θ = Xᵀy with D = diag(0, 1, …, 1), the minimiser of
// LeastSquares with L2{Lambda: λ} (bias not penalised), by Cholesky.
func ridgeSolution(t *testing.T, x *mat.Dense, y []float64, lambda float64) []float64 {
	t.Helper()
	_, n := x.Dims()
	var a mat.SymDense
	a.SymOuterK(1, x.T())
	for j := 1; j < n; j++ {
		a.SetSym(j, j, a.At(j, j)+lambda)
	}
	var ch mat.Cholesky
	require.True(t, ch.Factorize(&a))
	var xty, w mat.VecDense
	xty.MulVec(x.T(), mat.NewVecDense(len(y), y))
	require.NoError(t, ch.SolveVecTo(&w, &xty))
	return w.RawVector().Data
}

// TestMethodsReachTheClosedForm runs every method on least squares and ridge over a
// well-conditioned 200 × 5 problem and compares with the closed form. The run stops when
// ‖∇J‖ ≤ 1e-11; the Hessian XᵀX/m has eigenvalues 0.72 … 1.11, so θ is within
// 1e-11/0.72 ≈ 1.4e-11 of the optimum (observed ≤ 8.5e-12): the bound is 1e-9 absolute +
// relative. Adam stops at ‖∇J‖ ≤ 1e-9, as its steps hover around the optimum at a scale set by
// its learning rate, and is held to 1e-6 (observed ≈ 1e-9).
func TestMethodsReachTheClosedForm(t *testing.T) {
	x, y, _ := synthetic(31, 200, 5, 0.3)
	for _, lambda := range []float64{0, 10} {
		want := leastSquaresSolution(t, x, y)
		if lambda > 0 {
			want = ridgeSolution(t, x, y, lambda)
		}
		for _, tc := range []struct {
			name     string
			method   Method
			settings Settings
			tol      float64
		}{
			{"batch GD", GD{LearningRate: 0.5}, Settings{Epochs: 5000, GradTol: 1e-11}, 1e-9},
			{"momentum", Momentum{LearningRate: 0.1, Beta: 0.9}, Settings{Epochs: 5000, GradTol: 1e-11}, 1e-9},
			{"Nesterov", Momentum{LearningRate: 0.1, Beta: 0.9, Nesterov: true}, Settings{Epochs: 5000, GradTol: 1e-11}, 1e-9},
			{"Adam", Adam{LearningRate: 0.01}, Settings{Epochs: 20000, GradTol: 1e-9}, 1e-6},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res, err := Minimize(NewLeastSquares(x, y, L2{Lambda: lambda}), make([]float64, 5), tc.method, &tc.settings)
				require.NoError(t, err)
				assert.Equal(t, GradConverged, res.Status, "after %d epochs, ‖∇J‖ = %g", res.Epochs, res.GradNorm)
				requireClose(t, want, res.Theta, tc.tol, tc.tol, "θ")
			})
		}
	}
}

// TestSGDReachesAnInterpolatingSolution runs mini-batch SGD (batch 16 of 203 rows, so a last
// batch of 11) on noise-free data, where every row's gradient vanishes at θ*: SGD then
// converges to θ* itself, here to 1e-9.
func TestSGDReachesAnInterpolatingSolution(t *testing.T) {
	x, y, theta := synthetic(32, 203, 4, 0)
	for _, m := range []Method{GD{LearningRate: 0.05}, Momentum{LearningRate: 0.01}, Adam{LearningRate: 0.01}} {
		res, err := Minimize(NewLeastSquares(x, y, L2{}), make([]float64, 4), m, &Settings{Epochs: 2000, BatchSize: 16, Seed: 3, Tol: 1e-30})
		require.NoError(t, err, "%T", m)
		requireClose(t, theta, res.Theta, 1e-9, 1e-9, "θ")
	}
}

// TestLogisticReachesScikitLearn fits the breast-cancer data as scikit-learn did (standardised,
// C = 1, so λ = 1) with Nesterov momentum. The result must be at least as good as
// scikit-learn's solution: a loss no higher (up to 1e-12), and coefficients within 3e-3
// relative + 1e-4 absolute, scikit-learn's own distance from the optimum (see
// TestLogisticMatchesScikitLearn).
func TestLogisticReachesScikitLearn(t *testing.T) {
	if testing.Short() {
		t.Skip("20 000 epochs")
	}
	c := oracleCase(t, "logistic_binary", func(c map[string]any) bool { return c["C"] == 1.0 })
	x, y := fixtureDesign(t, c["dataset"].(string), c["target"].(string), true)
	want := append([]float64{c["intercept"].(float64)}, floatsOf(c["coef"])...)
	obj := NewLogistic(x, y, L2{Lambda: 1})
	res, err := Minimize(obj, make([]float64, obj.Dim()), Momentum{LearningRate: 0.2, Nesterov: true}, &Settings{Epochs: 20000, GradTol: 1e-10})
	require.NoError(t, err)
	assert.Equal(t, GradConverged, res.Status)
	assert.LessOrEqual(t, res.Loss[res.Epochs], obj.LossGrad(nil, want)+1e-12)
	requireClose(t, want, res.Theta, 1e-4, 3e-3, "coefficients")
}

// recorder records the mini-batches a run asks for.
type recorder struct {
	*LeastSquares
	batches [][]int
}

func (r *recorder) BatchLossGrad(grad, theta []float64, rows []int) float64 {
	r.batches = append(r.batches, slices.Clone(rows))
	return r.LeastSquares.BatchLossGrad(grad, theta, rows)
}

// TestSGDReshufflesEveryEpoch checks mini-batch SGD over 103 rows in batches of 10: every
// epoch has ten batches of 10 and a last one of 3, uses every row exactly once, is in a new
// order, and the order is rand.New(rand.NewPCG(seed, 0)).Perm(103), epoch after epoch.
func TestSGDReshufflesEveryEpoch(t *testing.T) {
	const m, bs, epochs, seed = 103, 10, 4, 99
	x, y, _ := synthetic(33, m, 3, 1)
	rec := &recorder{LeastSquares: NewLeastSquares(x, y, L2{})}
	res, err := Minimize(rec, make([]float64, 3), GD{}, &Settings{Epochs: epochs, BatchSize: bs, Seed: seed})
	require.NoError(t, err)
	require.Equal(t, epochs, res.Epochs)
	require.Len(t, rec.batches, epochs*11)
	rng := rand.New(rand.NewPCG(seed, 0))
	var orders [][]int
	for e := range epochs {
		batches := rec.batches[e*11 : (e+1)*11]
		seen := make([]int, m)
		var order []int
		for b, rows := range batches {
			want := bs
			if b == 10 {
				want = m % bs
			}
			assert.Len(t, rows, want, "epoch %d, batch %d", e+1, b+1)
			for _, i := range rows {
				seen[i]++
			}
			order = append(order, rows...)
		}
		for i, n := range seen {
			assert.Equal(t, 1, n, "epoch %d: row %d used %d times", e+1, i, n)
		}
		assert.Equal(t, rng.Perm(m), order, "epoch %d order", e+1)
		for _, prev := range orders {
			assert.NotEqual(t, prev, order, "epoch %d repeats an order", e+1)
		}
		orders = append(orders, order)
	}
}

// TestSameSeedSameResult checks that SGD runs are reproducible bit for bit and that the seed
// matters.
func TestSameSeedSameResult(t *testing.T) {
	x, y, _ := synthetic(34, 500, 6, 1)
	run := func(seed uint64) *Result {
		res, err := Minimize(NewLeastSquares(x, y, L2{Lambda: 1}), make([]float64, 6), Adam{LearningRate: 0.05}, &Settings{Epochs: 20, BatchSize: 32, Seed: seed})
		require.NoError(t, err)
		return res
	}
	a, b, c := run(7), run(7), run(8)
	assert.Equal(t, a, b)
	assert.NotEqual(t, a.Theta, c.Theta)
	assert.NotEqual(t, a.Loss, c.Loss)
}

// oneDimensional is J(θ) = 1/(2·4)·Σ (θ − yᵢ)² over y = (1, 2, 3, 4), i.e. ½(θ − 2.5)² + 0.625;
// a GD step with rate α multiplies θ − 2.5 by (1 − α).
func oneDimensional() *LeastSquares {
	return NewLeastSquares(mat.NewDense(4, 1, []float64{1, 1, 1, 1}), []float64{1, 2, 3, 4}, L2{})
}

// TestDivergenceIsReportedAtTheRightEpoch runs GD with too large a rate on oneDimensional and
// works out, from the closed form J(θₖ) = ½·(2.5·(1−α)ᵏ)² + 0.625, the epoch at which the run
// must stop.
func TestDivergenceIsReportedAtTheRightEpoch(t *testing.T) {
	lossAt := func(alpha float64, k int) float64 {
		e := -2.5 * math.Pow(1-alpha, float64(k))
		return e*e/2 + 0.625
	}
	t.Run("blow-up", func(t *testing.T) {
		// α = 3: the loss grows 4× per epoch; the default BlowUp 1e6 stops it when
		// J(θₖ) > J(θ₀) + 1e6·J(θ₀) = 3 750 003.75, i.e. 3.125·4ᵏ + 0.625 > that: k = 11.
		const alpha = 3
		want := 0
		for k := 1; want == 0; k++ {
			if lossAt(alpha, k) > lossAt(alpha, 0)*(1+1e6) {
				want = k
			}
		}
		require.Equal(t, 11, want)
		res, err := Minimize(oneDimensional(), []float64{0}, GD{LearningRate: alpha}, &Settings{Epochs: 100})
		var div *DivergedError
		require.ErrorAs(t, err, &div)
		assert.Equal(t, want, div.Epoch)
		assert.Zero(t, div.Batch)
		assert.Equal(t, lossAt(alpha, want), div.Loss)
		assert.Equal(t, lossAt(alpha, want-1), div.LastLoss)
		assert.Equal(t, Diverged, res.Status)
		assert.Equal(t, want-1, res.Epochs)
		assert.Len(t, res.Loss, want)
		assert.Equal(t, []float64{2.5 - 2.5*math.Pow(-2, float64(want-1))}, res.Theta, "θ after the last good epoch")
		assert.Equal(t, "optim: diverged in epoch 11: the loss blew up to more than 1e+06 times its starting value "+
			"(loss 1.3107200625e+07; last finite loss 3.276800625e+06 after epoch 10); try a smaller learning rate or scaled features", err.Error())
	})
	t.Run("overflow", func(t *testing.T) {
		// α = 1e100 with BlowUp out of the way: θ − 2.5 grows 1e100× per epoch, so
		// J(θ₁) ≈ 3e200 is finite and J(θ₂) ≈ 3e400 overflows to +Inf: epoch 2.
		res, err := Minimize(oneDimensional(), []float64{0}, GD{LearningRate: 1e100}, &Settings{Epochs: 100, BlowUp: math.MaxFloat64})
		var div *DivergedError
		require.ErrorAs(t, err, &div)
		assert.Equal(t, 2, div.Epoch)
		assert.True(t, math.IsInf(div.Loss, 1))
		assert.Equal(t, lossAt(1e100, 1), div.LastLoss)
		assert.Equal(t, 1, res.Epochs)
		assert.True(t, allFinite(res.Theta))
		assert.False(t, math.IsNaN(res.GradNorm))
	})
	t.Run("mini-batch overflow", func(t *testing.T) {
		// Batches of one row with α = 1e100: replay the steps θ ← θ − α·(θ − yᵢ) in the
		// order the seed gives, and find the first batch whose loss ½(θ − yᵢ)² overflows.
		const alpha, seed = 1e100, 5
		y := []float64{1, 2, 3, 4}
		theta, wantEpoch, wantBatch := 0.0, 0, 0
		rng := rand.New(rand.NewPCG(seed, 0))
		for e := 1; wantEpoch == 0; e++ {
			for b, i := range rng.Perm(4) {
				if r := theta - y[i]; math.IsInf(r*r/2, 0) {
					wantEpoch, wantBatch = e, b+1
					break
				}
				theta -= alpha * (theta - y[i])
			}
		}
		res, err := Minimize(oneDimensional(), []float64{0}, GD{LearningRate: alpha}, &Settings{Epochs: 100, BatchSize: 1, Seed: seed, BlowUp: math.MaxFloat64})
		var div *DivergedError
		require.ErrorAs(t, err, &div)
		assert.Equal(t, wantEpoch, div.Epoch)
		assert.Equal(t, wantBatch, div.Batch)
		assert.Equal(t, Diverged, res.Status)
		assert.Equal(t, wantEpoch-1, res.Epochs)
		assert.True(t, allFinite(res.Theta))
	})
	t.Run("starting point", func(t *testing.T) {
		inf := Func{N: 1, Loss: func([]float64) float64 { return math.Inf(1) }, Grad: func(g, _ []float64) { g[0] = 0 }}
		res, err := Minimize(inf, []float64{0}, GD{}, nil)
		var div *DivergedError
		require.ErrorAs(t, err, &div)
		assert.Zero(t, div.Epoch)
		assert.Equal(t, Diverged, res.Status)
		assert.Empty(t, res.Loss)
		assert.Equal(t, "optim: diverged: the loss at the starting point is +Inf", err.Error())
	})
}

// quadraticCurvature is a in quadratic.
func quadraticCurvature() [2]float64 { return [2]float64{1, 4} }

// quadratic is J(θ) = ½·Σⱼ aⱼ·θⱼ² with a = (1, 4), gradient aⱼ·θⱼ.
func quadratic() Func {
	a := quadraticCurvature()
	return Func{N: 2,
		Loss: func(th []float64) float64 { return (a[0]*th[0]*th[0] + a[1]*th[1]*th[1]) / 2 },
		Grad: func(g, th []float64) { g[0], g[1] = a[0]*th[0], a[1]*th[1] },
	}
}

// TestUpdateRules replays two steps of each method by hand on the quadratic, with the formulas
// of the doc comments, and compares (rtol 1e-15: the same operations, possibly reassociated).
func TestUpdateRules(t *testing.T) {
	a := quadraticCurvature()
	grad := func(th [2]float64) [2]float64 { return [2]float64{a[0] * th[0], a[1] * th[1]} }
	theta0 := [2]float64{1, -1}
	const lr, mu, b1, b2, eps = 0.1, 0.8, 0.9, 0.999, 1e-8
	gd := func() [2]float64 {
		th := theta0
		for range 2 {
			g := grad(th)
			for j := range th {
				th[j] -= lr * g[j]
			}
		}
		return th
	}
	momentum := func(nesterov bool) [2]float64 {
		th, v := theta0, [2]float64{}
		for range 2 {
			g := grad(th)
			for j := range th {
				nv := mu*v[j] - lr*g[j]
				if nesterov {
					th[j] += -mu*v[j] + (1+mu)*nv
				} else {
					th[j] += nv
				}
				v[j] = nv
			}
		}
		return th
	}
	adam := func() [2]float64 {
		th, m, v := theta0, [2]float64{}, [2]float64{}
		for step := 1; step <= 2; step++ {
			g := grad(th)
			for j := range th {
				m[j] = b1*m[j] + (1-b1)*g[j]
				v[j] = b2*v[j] + (1-b2)*g[j]*g[j]
				mh, vh := m[j]/(1-math.Pow(b1, float64(step))), v[j]/(1-math.Pow(b2, float64(step)))
				th[j] -= lr * mh / (math.Sqrt(vh) + eps)
			}
		}
		return th
	}
	for _, tc := range []struct {
		name   string
		method Method
		want   [2]float64
	}{
		{"GD", GD{LearningRate: lr}, gd()},
		{"momentum", Momentum{LearningRate: lr, Beta: mu}, momentum(false)},
		{"Nesterov", Momentum{LearningRate: lr, Beta: mu, Nesterov: true}, momentum(true)},
		{"Adam", Adam{LearningRate: lr}, adam()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Minimize(quadratic(), theta0[:], tc.method, &Settings{Epochs: 2})
			require.NoError(t, err)
			requireClose(t, tc.want[:], res.Theta, 0, 1e-15, "θ after two steps")
		})
	}
}

// TestStopReasons checks each way a run ends and the loss curve it leaves.
func TestStopReasons(t *testing.T) {
	x, y, _ := synthetic(35, 100, 3, 1)
	obj := NewLeastSquares(x, y, L2{})
	start := []float64{0, 0, 0}
	t.Run("epoch limit", func(t *testing.T) {
		res, err := Minimize(obj, start, GD{LearningRate: 0.1}, &Settings{Epochs: 7})
		require.NoError(t, err)
		assert.Equal(t, EpochLimit, res.Status)
		assert.Equal(t, 7, res.Epochs)
		require.Len(t, res.Loss, 8)
		assert.Equal(t, obj.LossGrad(nil, start), res.Loss[0])
		assert.Equal(t, obj.LossGrad(nil, res.Theta), res.Loss[7])
		assert.True(t, slices.IsSortedFunc(res.Loss, func(a, b float64) int { return cmp.Compare(b, a) }), "GD with a small rate decreases the loss: %v", res.Loss)
		g := make([]float64, 3)
		obj.LossGrad(g, res.Theta)
		assert.Equal(t, floats.Norm(g, 2), res.GradNorm)
	})
	t.Run("loss converged", func(t *testing.T) {
		const tol = 1e-6
		res, err := Minimize(obj, start, GD{LearningRate: 0.1}, &Settings{Epochs: 10000, Tol: tol})
		require.NoError(t, err)
		assert.Equal(t, LossConverged, res.Status)
		k := res.Epochs
		assert.Less(t, k, 10000)
		assert.LessOrEqual(t, math.Abs(res.Loss[k-1]-res.Loss[k]), tol*max(1, res.Loss[k-1]))
		assert.Greater(t, math.Abs(res.Loss[k-2]-res.Loss[k-1]), tol*max(1, res.Loss[k-2]), "stopped one epoch late")
	})
	t.Run("gradient converged", func(t *testing.T) {
		res, err := Minimize(obj, start, GD{LearningRate: 0.1}, &Settings{Epochs: 10000, GradTol: 1e-8, BatchSize: 0})
		require.NoError(t, err)
		assert.Equal(t, GradConverged, res.Status)
		assert.LessOrEqual(t, res.GradNorm, 1e-8)
	})
	t.Run("gradient converged, mini-batch", func(t *testing.T) {
		xs, ys, _ := synthetic(36, 100, 3, 0)
		res, err := Minimize(NewLeastSquares(xs, ys, L2{}), start, GD{LearningRate: 0.05}, &Settings{Epochs: 10000, GradTol: 1e-8, BatchSize: 8})
		require.NoError(t, err)
		assert.Equal(t, GradConverged, res.Status)
		assert.LessOrEqual(t, res.GradNorm, 1e-8)
	})
	t.Run("stopped by callback", func(t *testing.T) {
		var seen []Progress
		res, err := Minimize(obj, start, GD{LearningRate: 0.1}, &Settings{Epochs: 100, OnEpoch: func(p Progress) bool {
			p.Theta = slices.Clone(p.Theta)
			seen = append(seen, p)
			return p.Epoch == 3
		}})
		require.NoError(t, err)
		assert.Equal(t, Stopped, res.Status)
		assert.Equal(t, 3, res.Epochs)
		require.Len(t, seen, 4)
		for k, p := range seen {
			assert.Equal(t, k, p.Epoch)
			assert.Equal(t, res.Loss[k], p.Loss)
		}
		assert.Equal(t, res.Theta, seen[3].Theta)
	})
	t.Run("schedule", func(t *testing.T) {
		// A factor of 0 freezes θ; the factor of epoch 1 scales the first step.
		res, err := Minimize(obj, start, GD{LearningRate: 0.1}, &Settings{Epochs: 5, Schedule: func(int) float64 { return 0 }})
		require.NoError(t, err)
		assert.Equal(t, start, res.Theta)
		res, err = Minimize(obj, start, GD{LearningRate: 0.1}, &Settings{Epochs: 1, Schedule: func(k int) float64 { return 1 / float64(k+1) }})
		require.NoError(t, err)
		g := make([]float64, 3)
		obj.LossGrad(g, start)
		want := slices.Clone(start)
		floats.AddScaled(want, -0.1*0.5, g)
		assert.Equal(t, want, res.Theta)
	})
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{
		EpochLimit:    "epoch limit reached",
		LossConverged: "converged: loss change within tolerance",
		GradConverged: "converged: gradient norm within tolerance",
		Stopped:       "stopped by callback",
		Diverged:      "diverged",
		Status(0):     "Status(0)",
	} {
		assert.Equal(t, want, s.String())
	}
}

// TestMinimizeKeepsTheta0 checks that the starting point is copied, not updated in place.
func TestMinimizeKeepsTheta0(t *testing.T) {
	start := []float64{1, -1}
	res, err := Minimize(quadratic(), start, GD{LearningRate: 0.1}, &Settings{Epochs: 3})
	require.NoError(t, err)
	assert.Equal(t, []float64{1, -1}, start)
	assert.NotEqual(t, start, res.Theta)
}

func TestMinimizePanics(t *testing.T) {
	q := quadratic()
	for _, tc := range []struct {
		name, msg string
		f         func()
	}{
		{"short theta0", "optim: Minimize: len(theta0) = 1, want obj.Dim() = 2", func() { _, _ = Minimize(q, []float64{1}, GD{}, nil) }},
		{"NaN theta0", "optim: Minimize: theta0[1] = NaN, want a finite number", func() { _, _ = Minimize(q, []float64{1, math.NaN()}, GD{}, nil) }},
		{"negative epochs", "optim: Minimize: Settings{Epochs: -1, BatchSize: 0, Tol: 0, GradTol: 0, BlowUp: 0}: want numbers ≥ 0",
			func() { _, _ = Minimize(q, []float64{1, 1}, GD{}, &Settings{Epochs: -1}) }},
		{"mini-batch of a Func", "optim: Minimize: BatchSize = 4 needs a BatchObjective; optim.Func is not one",
			func() { _, _ = Minimize(q, []float64{1, 1}, GD{}, &Settings{BatchSize: 4}) }},
		{"Func without Grad", "optim: Func.LossGrad: a gradient was asked for and Func.Grad is nil",
			func() {
				_, _ = Minimize(Func{N: 1, Loss: func([]float64) float64 { return 0 }}, []float64{1}, GD{}, nil)
			}},
		{"negative rate", "optim: GD.LearningRate = -0.1, want a finite number > 0", func() { _, _ = Minimize(q, []float64{1, 1}, GD{LearningRate: -0.1}, nil) }},
		{"beta 1", "optim: Momentum.Beta = 1, want a number in [0, 1)", func() { _, _ = Minimize(q, []float64{1, 1}, Momentum{Beta: 1}, nil) }},
		{"Adam beta2", "optim: Adam.Beta2 = 1.5, want a number in [0, 1)", func() { _, _ = Minimize(q, []float64{1, 1}, Adam{Beta2: 1.5}, nil) }},
		{"bad schedule", "optim: Minimize: Schedule(1) = NaN, want a finite factor ≥ 0",
			func() {
				_, _ = Minimize(q, []float64{1, 1}, GD{}, &Settings{Schedule: func(int) float64 { return math.NaN() }})
			}},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.PanicsWithValue(t, tc.msg, tc.f) })
	}
}

// TestDivergedErrorIsAnError checks errors.As through wrapping.
func TestDivergedErrorIsAnError(t *testing.T) {
	_, err := Minimize(oneDimensional(), []float64{0}, GD{LearningRate: 3}, nil)
	wrapped := errors.Join(errors.New("fit"), err)
	var div *DivergedError
	assert.True(t, errors.As(wrapped, &div))
}

// TestSGDEpochDoesNotAllocate checks that an epoch of mini-batch steps (shuffle, fused
// row-parallel batch passes, updates) allocates nothing, with every method.
func TestSGDEpochDoesNotAllocate(t *testing.T) {
	x, y, _ := synthetic(37, 5000, 20, 1)
	obj := NewLeastSquares(x, y, L2{Lambda: 1})
	for _, m := range []Method{GD{}, Momentum{Nesterov: true}, Adam{}} {
		r := &run{
			obj: obj, batch: obj,
			s:       Settings{BatchSize: 700},
			stepper: m.start(20),
			theta:   make([]float64, 20),
			grad:    make([]float64, 20),
			perm:    make([]int, 5000),
			rng:     rand.New(rand.NewPCG(1, 0)),
		}
		assert.Zero(t, testing.AllocsPerRun(5, func() { require.NoError(t, r.epoch(1, 1, 0)) }), "%T", m)
	}
}
