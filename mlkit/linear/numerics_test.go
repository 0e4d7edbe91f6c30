package linear

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// minNormReference returns the minimum-norm least-squares solution of
// [Xc]w ≈ yc (centred when intercept) computed a second way: the pseudo-inverse
// from the SVD of the full centred n×p matrix, w = Σᵢ (uᵢ·yc/σᵢ)·vᵢ over σᵢ > ε·σ₁·max(n,p).
func minNormReference(t *testing.T, X *mat.Dense, y []float64) []float64 {
	t.Helper()
	n, p := X.Dims()
	xc := mat.DenseCopyOf(X)
	yc := append([]float64(nil), y...)
	col := make([]float64, n)
	for j := range p {
		mat.Col(col, j, xc)
		m := floats.Sum(col) / float64(n)
		floats.AddConst(-m, col)
		xc.SetCol(j, col)
	}
	floats.AddConst(-floats.Sum(yc)/float64(n), yc)
	var svd mat.SVD
	require.True(t, svd.Factorize(xc, mat.SVDThin))
	var u, v mat.Dense
	svd.UTo(&u)
	svd.VTo(&v)
	s := svd.Values(nil)
	w := make([]float64, p)
	for i, si := range s {
		if si <= eps*s[0]*float64(max(n, p)) {
			break
		}
		coef := mat.Dot(u.ColView(i), mat.NewVecDense(n, yc)) / si
		for j := range p {
			w[j] += coef * v.At(j, i)
		}
	}
	return w
}

// TestRankDeficient checks the minimum-norm solution for exactly rank-deficient
// designs (a duplicated column, a column that is a combination of two others, a
// constant column, more features than samples) against minNormReference, to 1e-9
// relative to ‖w‖∞.
func TestRankDeficient(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	base := mat.NewDense(40, 3, nil)
	for i := range 40 {
		for j := range 3 {
			base.Set(i, j, rng.NormFloat64())
		}
	}
	y := make([]float64, 40)
	for i := range y {
		y[i] = 1 + 2*base.At(i, 0) - base.At(i, 1) + 0.5*base.At(i, 2) + 0.1*rng.NormFloat64()
	}
	withCols := func(f func(i int) []float64) *mat.Dense {
		rows := make([]float64, 0)
		for i := range 40 {
			rows = append(rows, f(i)...)
		}
		return mat.NewDense(40, len(rows)/40, rows)
	}
	wide := mat.NewDense(5, 8, nil)
	for i := range 5 {
		for j := range 8 {
			wide.Set(i, j, rng.NormFloat64())
		}
	}
	cases := []struct {
		name string
		X    *mat.Dense
		y    []float64
		rank int
	}{
		{"duplicated column", withCols(func(i int) []float64 {
			return []float64{base.At(i, 0), base.At(i, 1), base.At(i, 1), base.At(i, 2)}
		}), y, 3},
		{"combination of columns", withCols(func(i int) []float64 {
			return []float64{base.At(i, 0), base.At(i, 1), base.At(i, 0) - 2*base.At(i, 1), base.At(i, 2)}
		}), y, 3},
		{"constant column", withCols(func(i int) []float64 {
			return []float64{base.At(i, 0), 7, base.At(i, 1), base.At(i, 2)}
		}), y, 3},
		{"wide", wide, y[:5], 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := minNormReference(t, c.X, c.y)
			for _, solver := range []Solver{SolverAuto, SolverSVD} {
				m := Regression{Solver: solver}
				require.NoError(t, m.Fit(c.X, c.y))
				scale := floats.Norm(want, math.Inf(1))
				assertClose(t, want, m.Coef(), 0, 1e-9*scale, "coef ("+solver.String()+")")
				info := m.Info()
				assert.Equal(t, SolverSVD, info.Solver, "rank deficiency must leave the Cholesky path")
				assert.Equal(t, c.rank, info.Rank)
			}
			var m Regression
			require.NoError(t, m.Fit(c.X, c.y))
			// Forcing Cholesky on a singular system is an error, or, when rounding
			// leaves the Gram matrix barely positive definite, a fit that reports
			// its condition.
			ch := Regression{Solver: SolverCholesky}
			if err := ch.Fit(c.X, c.y); err != nil {
				require.ErrorIs(t, err, ErrSingular)
			} else {
				assert.Greater(t, ch.Info().Cond, 1e6)
			}
		})
	}
}

// TestNearCollinear fits y on [x, x + δ·z] with δ = 1e-7 (κ(X) ≈ 1e7, far beyond the
// Cholesky limit): SolverAuto must take the SVD path and match the SVD reference to
// 1e-6 relative, a bound of κ·ε ≈ 1e-9 with margin; the Cholesky-forced fit is
// reported with its condition estimate.
func TestNearCollinear(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n, delta = 200, 1e-7
	X := mat.NewDense(n, 2, nil)
	y := make([]float64, n)
	for i := range n {
		x, z := rng.NormFloat64(), rng.NormFloat64()
		X.Set(i, 0, x)
		X.Set(i, 1, x+delta*z)
		y[i] = 3*x + 2*z*delta + 0.01*rng.NormFloat64()
	}
	want := minNormReference(t, X, y)
	var m Regression
	require.NoError(t, m.Fit(X, y))
	info := m.Info()
	assert.Equal(t, SolverSVD, info.Solver)
	assert.Equal(t, 2, info.Rank)
	assert.Greater(t, info.Cond, 1e6)
	assertClose(t, want, m.Coef(), 1e-6, 0, "coef")

	ch := Regression{Solver: SolverCholesky}
	if err := ch.Fit(X, y); err == nil {
		assert.Greater(t, ch.Info().Cond, 1e6, "the forced Cholesky fit reports its condition")
	}
}

// TestRidgeAgainstAugmented checks Ridge against ordinary least squares on the
// augmented problem [Xc; √α·I]w ≈ [yc; 0], which has the same minimiser.
func TestRidgeAgainstAugmented(t *testing.T) {
	for _, tc := range []struct{ n, p int }{{300, 6}, {5, 8}} { // the second is wide: p > n
		testRidgeAgainstAugmented(t, tc.n, tc.p)
	}
}

func testRidgeAgainstAugmented(t *testing.T, rows, cols int) {
	X, y := benchRegressionData(rows, cols)
	for _, alpha := range []float64{1e-3, 1, 1e3} {
		var ridge Ridge
		ridge.Alpha = alpha
		require.NoError(t, ridge.Fit(X, y))
		n, p := X.Dims()
		aug := mat.NewDense(n+p, p, nil)
		ya := make([]float64, n+p)
		mean := make([]float64, p)
		col := make([]float64, n)
		for j := range p {
			mat.Col(col, j, X)
			mean[j] = floats.Sum(col) / float64(n)
		}
		my := floats.Sum(y) / float64(n)
		for i := range n {
			for j := range p {
				aug.Set(i, j, X.At(i, j)-mean[j])
			}
			ya[i] = y[i] - my
		}
		for j := range p {
			aug.Set(n+j, j, math.Sqrt(alpha))
		}
		ols := Regression{NoIntercept: true, Solver: SolverSVD}
		require.NoError(t, ols.Fit(aug, ya))
		assertClose(t, ols.Coef(), ridge.Coef(), 1e-10, 1e-12, "ridge coef")
		assert.InDelta(t, my-floats.Dot(mean, ridge.Coef()), ridge.Intercept(), 1e-10)
	}
}

// TestWorkersAgree checks that the results are bit-for-bit the same for any number
// of workers (the row chunks, and so every rounding, depend only on the data's
// shape) and that a non-Dense mat.Matrix is accepted.
func TestWorkersAgree(t *testing.T) {
	X, y := benchRegressionData(20000, 7)
	var ref Regression
	ref.Workers = 1
	require.NoError(t, ref.Fit(X, y))
	for _, workers := range []int{2, 3, 8} {
		m := Regression{Workers: workers}
		require.NoError(t, m.Fit(X, y))
		assert.Equal(t, ref.Coef(), m.Coef(), "workers=%d", workers)
		assert.Equal(t, ref.Intercept(), m.Intercept(), "workers=%d", workers)
		assert.Equal(t, ref.Info(), m.Info(), "workers=%d", workers)
	}
	var viaT Regression
	tt := mat.DenseCopyOf(X.T())
	require.NoError(t, viaT.Fit(tt.T(), y))
	assert.Equal(t, ref.Coef(), viaT.Coef(), "coef from a transposed view")

	Xl, yl := benchLogisticData(20000, 5)
	lr1 := Logistic{Workers: 1, Tol: 1e-8}
	lr4 := Logistic{Workers: 4, Tol: 1e-8}
	require.NoError(t, lr1.Fit(Xl, yl))
	require.NoError(t, lr4.Fit(Xl, yl))
	assert.Equal(t, lr1.Coef(), lr4.Coef(), "logistic coef")
	Xs, ys := randomProblem(20000, 3, 4, 5)
	sm1 := Softmax{Workers: 1}
	sm3 := Softmax{Workers: 3}
	require.NoError(t, sm1.Fit(Xs, ys))
	require.NoError(t, sm3.Fit(Xs, ys))
	assert.Equal(t, sm1.Coef(), sm3.Coef(), "softmax coef")
}

// TestNoIntercept checks a fit through the origin against the SVD reference computed
// without centring, and that Intercept is then exactly 0.
func TestNoIntercept(t *testing.T) {
	X, y := benchRegressionData(500, 4)
	for _, solver := range []Solver{SolverAuto, SolverSVD} {
		m := Regression{NoIntercept: true, Solver: solver}
		require.NoError(t, m.Fit(X, y))
		assert.Equal(t, 0.0, m.Intercept())
		var svd mat.SVD
		require.True(t, svd.Factorize(X, mat.SVDThin))
		var w mat.VecDense
		svd.SolveVecTo(&w, mat.NewVecDense(len(y), y), 4)
		assertClose(t, w.RawVector().Data, m.Coef(), 1e-10, 0, "coef")
	}
}

// TestMeanOffset checks that centring keeps full accuracy when the features sit on a
// large offset (1e6 + N(0,1)), where an uncentred Gram matrix would lose ~12 digits.
func TestMeanOffset(t *testing.T) {
	X, y := benchRegressionData(1000, 3)
	shifted := mat.DenseCopyOf(X)
	n, p := X.Dims()
	for i := range n {
		for j := range p {
			shifted.Set(i, j, X.At(i, j)+1e6)
		}
	}
	var a, b Regression
	require.NoError(t, a.Fit(X, y))
	require.NoError(t, b.Fit(shifted, y))
	assertClose(t, a.Coef(), b.Coef(), 1e-9, 0, "coef")
	assert.Equal(t, SolverCholesky, b.Info().Solver)
}

func TestHessians(t *testing.T) {
	X, y := randomProblem(200, 3, 3, 9)
	rng := rand.New(rand.NewPCG(8, 8))
	yb := make([]float64, len(y))
	for i, v := range y {
		yb[i] = float64(v % 2)
	}
	for _, intercept := range []bool{true, false} {
		objs := []hessianer{
			&logisticObjective{x: X.RawMatrix(), y: yb, c: 0.7, intercept: intercept, workers: 1},
			&softmaxObjective{x: X.RawMatrix(), y: y, k: 3, c: 0.7, intercept: intercept, workers: 1},
		}
		for _, obj := range objs {
			dim := 4
			if _, ok := obj.(*softmaxObjective); ok {
				dim = 12
			}
			x := make([]float64, dim)
			for j := range x {
				x[j] = 0.3 * rng.NormFloat64()
			}
			h := make([]float64, dim*dim)
			obj.hessian(h, x)
			gp, gm := make([]float64, dim), make([]float64, dim)
			xh := append([]float64(nil), x...)
			for j := range dim {
				const step = 1e-5
				xh[j] = x[j] + step
				obj.lossGrad(gp, xh)
				xh[j] = x[j] - step
				obj.lossGrad(gm, xh)
				xh[j] = x[j]
				for i := range dim {
					num := (gp[i] - gm[i]) / (2 * step)
					ana := h[min(i, j)*dim+max(i, j)]
					if !intercept && (i == dim-1 || j == dim-1 || (dim == 12 && (i >= 9 || j >= 9))) {
						continue // the intercept block is a placeholder identity
					}
					assert.InDelta(t, num, ana, 1e-6*math.Max(1, math.Abs(num)), "H[%d][%d]", i, j)
				}
			}
		}
	}
}

// TestAugmentedGram compares the tiled, row-parallel Gram matrix with gonum's
// product AᵀA of the explicitly built augmented matrix, for widths that are not a
// multiple of the tile and row counts that leave partial blocks, to 1e-12 relative.
func TestAugmentedGram(t *testing.T) {
	for _, tc := range []struct{ n, p, workers int }{{1, 1, 1}, {300, 3, 1}, {9000, 6, 2}, {12289, 9, 3}} {
		X, y := benchRegressionData(tc.n, tc.p)
		shift := make([]float64, tc.p)
		for j := range shift {
			shift[j] = 0.25 * float64(j)
		}
		g, q := augmentedGram(X.RawMatrix(), y, shift, 0.5, true, tc.workers)
		a := mat.NewDense(tc.n, tc.p+2, nil)
		for i := range tc.n {
			for j := range tc.p {
				a.Set(i, j, X.At(i, j)-shift[j])
			}
			a.Set(i, tc.p, y[i]-0.5)
			a.Set(i, tc.p+1, 1)
		}
		var want mat.Dense
		want.Mul(a.T(), a)
		for i := range tc.p + 2 {
			for j := i; j < tc.p+2; j++ {
				w := want.At(i, j)
				assert.InDelta(t, w, g[i*q+j], 1e-12*math.Max(1, math.Abs(w)), "n=%d p=%d G[%d][%d]", tc.n, tc.p, i, j)
			}
		}
	}
}
