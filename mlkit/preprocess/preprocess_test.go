package preprocess

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
)

// Tolerances: closed forms against scikit-learn to |a−b| ≤ atol + rtol·max(|a|,|b|) with
// rtol = 1e-9, atol = 1e-12; properties (mean 0, std 1, round trips) to 1e-12 absolute on data
// of order 1–100.
const (
	rtol = 1e-9
	atol = 1e-12
)

func assertClose(t *testing.T, want, got float64, msgAndArgs ...any) {
	t.Helper()
	assert.InDelta(t, want, got, atol+rtol*math.Max(math.Abs(want), math.Abs(got)), msgAndArgs...)
}

// scalerCase is a "standard_scaler" case of testdata/sklearn.json.
type scalerCase struct {
	Dataset     string
	Features    []string
	Mean, Scale []float64
}

func TestOracleStandardScaler(t *testing.T) {
	for _, c := range oracletest.Cases[scalerCase](t, "standard_scaler") {
		t.Run(c.Dataset, func(t *testing.T) {
			x := oracletest.Matrix(t, c.Dataset, c.Features)
			var s StandardScaler
			s.Fit(x)
			for j := range c.Features {
				assertClose(t, c.Mean[j], s.Mean[j], "mean of %s", c.Features[j])
				assertClose(t, c.Scale[j], s.Scale[j], "scale of %s", c.Features[j])
			}
		})
	}
}

// randomMatrix returns a seeded r×c matrix with columns of different offsets and spreads;
// column 1 is constant.
func randomMatrix(r, c int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 99))
	x := mat.NewDense(r, c, nil)
	for j := range c {
		loc, spread := rng.NormFloat64()*50, math.Exp(rng.NormFloat64()*2)
		for i := range r {
			v := loc + spread*rng.NormFloat64()
			if j == 1 {
				v = 0.1
			}
			x.Set(i, j, v)
		}
	}
	return x
}

func TestStandardScalerProperties(t *testing.T) {
	x := randomMatrix(200, 5, 1)
	orig := mat.DenseCopyOf(x)
	var s StandardScaler
	z := s.FitTransform(nil, x)
	require.True(t, mat.Equal(orig, x), "Fit/Transform mutated the input")
	_, c := z.Dims()
	col := make([]float64, 200)
	for j := range c {
		mat.Col(col, j, z)
		mean, std := stat.PopMeanStdDev(col, nil)
		assert.InDelta(t, 0, mean, 1e-12, "column %d mean", j)
		if j == 1 {
			assert.Equal(t, make([]float64, 200), col, "constant column must transform to exactly 0")
			assert.Equal(t, 1.0, s.Scale[j])
			assert.Equal(t, 0.1, s.Mean[j])
			continue
		}
		assert.InDelta(t, 1, std, 1e-12, "column %d population std", j)
		// Population, not sample, variance: the gonum stat.Variance value differs by n/(n−1).
		mat.Col(col, j, x)
		assertClose(t, stat.Variance(col, nil)*199/200, s.Var[j], "var %d", j)
	}

	zCopy := mat.DenseCopyOf(z)
	back := s.InverseTransform(nil, z)
	require.True(t, mat.Equal(zCopy, z), "InverseTransform mutated the input")
	require.True(t, mat.EqualApprox(back, x, 1e-12), "round trip")

	// In place: dst may be the input.
	inPlace := mat.DenseCopyOf(x)
	s.Transform(inPlace, inPlace)
	require.True(t, mat.Equal(inPlace, z), "in-place transform")

	// Transform of another set uses the fitted parameters, not the new set's.
	other := randomMatrix(10, 5, 2)
	zo := s.Transform(&mat.Dense{}, other)
	assertClose(t, (other.At(3, 2)-s.Mean[2])/s.Scale[2], zo.At(3, 2))
}

// TestScalersOnViews fits on a matrix without raw row access (a transposed view), which takes
// the copying path, and expects exactly the fit of the same data in a *mat.Dense.
func TestScalersOnViews(t *testing.T) {
	x := randomMatrix(30, 4, 3)
	view := mat.DenseCopyOf(x.T()).T() // same values as x, but a mat.Transpose
	var a, b StandardScaler
	a.Fit(x)
	b.Fit(view)
	assert.Equal(t, a, b)
	assert.True(t, mat.Equal(a.Transform(nil, x), b.Transform(nil, view)))
	var c, d MinMaxScaler
	c.Fit(x)
	d.Fit(view)
	assert.Equal(t, c, d)
	assert.True(t, mat.Equal(c.Transform(nil, x), d.Transform(nil, view)))
}

func TestStandardScalerNearConstant(t *testing.T) {
	// scikit-learn 1.2.1: StandardScaler().fit([[1,2],[1,4],[1,9]]).scale_ = [1, 2.94392029],
	// transform column 1 = [-1.01904933, -0.33968311, 1.35873244].
	x := mat.NewDense(3, 2, []float64{1, 2, 1, 4, 1, 9})
	var s StandardScaler
	z := s.FitTransform(nil, x)
	assert.Equal(t, 1.0, s.Scale[0])
	assertClose(t, math.Sqrt(26.0/3), s.Scale[1])
	assert.Equal(t, []float64{0, 0, 0}, mat.Col(nil, 0, z))
	want := []float64{-1.01904933, -0.33968311, 1.35873244}
	for i, w := range want {
		assert.InDelta(t, w, z.At(i, 1), 1e-8, "row %d", i) // printed to 8 decimals
	}
	// Rounding noise in the variance of a non-identical column: scikit-learn's bound flags it.
	big := mat.NewDense(3, 1, []float64{1e8, 1e8 + 1e-8, 1e8})
	s.Fit(big)
	assert.Equal(t, 1.0, s.Scale[0])
}

func TestMinMaxScaler(t *testing.T) {
	x := mat.NewDense(4, 3, []float64{
		1, 5, -2,
		2, 5, 0,
		3, 5, 2,
		5, 5, 6,
	})
	orig := mat.DenseCopyOf(x)
	for _, tc := range []struct {
		name   string
		rng    [2]float64
		lo, hi float64
	}{
		{"default", [2]float64{}, 0, 1},
		{"symmetric", [2]float64{-1, 1}, -1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := MinMaxScaler{Range: tc.rng}
			y := s.FitTransform(nil, x)
			require.True(t, mat.Equal(orig, x), "input mutated")
			assert.Equal(t, []float64{1, 5, -2}, s.DataMin)
			assert.Equal(t, []float64{5, 5, 6}, s.DataMax)
			for j := range 3 {
				col := mat.Col(nil, j, y)
				if j == 1 {
					assert.Equal(t, []float64{tc.lo, tc.lo, tc.lo, tc.lo}, col, "constant column maps to lo")
					continue
				}
				assert.Equal(t, tc.lo, slices.Min(col))
				assert.Equal(t, tc.hi, slices.Max(col))
			}
			assertClose(t, tc.lo+(tc.hi-tc.lo)*0.25, y.At(1, 0))
			back := s.InverseTransform(nil, y)
			assert.True(t, mat.EqualApprox(back, x, 1e-12), "round trip")
			// Not clipped outside the fitted range.
			out := s.Transform(nil, mat.NewDense(1, 3, []float64{9, 5, -6}))
			assertClose(t, tc.lo+(tc.hi-tc.lo)*2, out.At(0, 0))
			assertClose(t, tc.lo-(tc.hi-tc.lo)*0.5, out.At(0, 2))
		})
	}
}

func TestPolynomialFeatures(t *testing.T) {
	for _, tc := range []struct {
		name  string
		p     PolynomialFeatures
		n     int
		names []string // scikit-learn 1.2.1 get_feature_names_out
	}{
		{"degree 3 with bias", PolynomialFeatures{Degree: 3, Bias: true}, 2,
			[]string{"1", "x0", "x1", "x0^2", "x0 x1", "x1^2", "x0^3", "x0^2 x1", "x0 x1^2", "x1^3"}},
		{"degree 2, three inputs", PolynomialFeatures{Degree: 2, Bias: true}, 3,
			[]string{"1", "x0", "x1", "x2", "x0^2", "x0 x1", "x0 x2", "x1^2", "x1 x2", "x2^2"}},
		{"interaction only", PolynomialFeatures{Degree: 3, InteractionOnly: true}, 3,
			[]string{"x0", "x1", "x2", "x0 x1", "x0 x2", "x1 x2", "x0 x1 x2"}},
		{"degree 1", PolynomialFeatures{Degree: 1}, 2, []string{"x0", "x1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.names, tc.p.FeatureNames(tc.n, nil))
			assert.Equal(t, len(tc.names), tc.p.NumOutputs(tc.n))
		})
	}
	t.Run("values", func(t *testing.T) {
		// scikit-learn 1.2.1: PolynomialFeatures(3).fit_transform([[2, 3, -1]]).
		want := []float64{1, 2, 3, -1, 4, 6, -2, 9, -3, 1, 8, 12, -4, 18, -6, 2, 27, -9, 3, -1}
		x := mat.NewDense(2, 3, []float64{2, 3, -1, 0.5, 0, 4})
		orig := mat.DenseCopyOf(x)
		got := PolynomialFeatures{Degree: 3, Bias: true}.Transform(nil, x)
		require.True(t, mat.Equal(orig, x), "input mutated")
		assert.Equal(t, want, mat.Row(nil, 0, got))
		// Row 2 against the names: each output is the product its name says.
		names := PolynomialFeatures{Degree: 3, Bias: true}.FeatureNames(3, []string{"a", "b", "c"})
		vals := map[string]float64{"a": 0.5, "b": 0, "c": 4}
		for j, name := range names {
			assertClose(t, evalMonomial(name, vals), got.At(1, j), "column %s", name)
		}
	})
}

// evalMonomial evaluates a feature name like "a^2 c" at vals.
func evalMonomial(name string, vals map[string]float64) float64 {
	if name == "1" {
		return 1
	}
	v := 1.0
	for _, part := range strings.Fields(name) {
		base, pow := part, 1
		if i := slices.Index([]byte(part), '^'); i >= 0 {
			base = part[:i]
			pow, _ = strconv.Atoi(part[i+1:])
		}
		v *= math.Pow(vals[base], float64(pow))
	}
	return v
}

func TestAddBias(t *testing.T) {
	x := mat.NewDense(2, 2, []float64{3, 4, 5, 6})
	got := AddBias(nil, x)
	assert.Equal(t, mat.NewDense(2, 3, []float64{1, 3, 4, 1, 5, 6}), got)
	assert.Equal(t, mat.NewDense(2, 2, []float64{3, 4, 5, 6}), x)
	// A transposed view is a mat.Matrix without raw rows: the slow path must agree.
	got = AddBias(&mat.Dense{}, x.T())
	assert.Equal(t, mat.NewDense(2, 3, []float64{1, 3, 5, 1, 4, 6}), got)
}

func TestOneHot(t *testing.T) {
	t.Run("strings", func(t *testing.T) {
		values := []string{"red", "blue", "red", "green"}
		orig := slices.Clone(values)
		var o OneHot[string]
		got := o.FitTransform(nil, values)
		assert.Equal(t, orig, values, "input mutated")
		assert.Equal(t, []string{"blue", "green", "red"}, o.Categories)
		assert.Equal(t, mat.NewDense(4, 3, []float64{
			0, 0, 1,
			1, 0, 0,
			0, 0, 1,
			0, 1, 0,
		}), got)
		assert.Equal(t, []string{"colour_blue", "colour_green", "colour_red"}, o.FeatureNames("colour"))

		_, err := o.Transform(nil, []string{"blue", "purple"})
		require.EqualError(t, err, `preprocess: OneHot.Transform: values[1] = "purple" is not a known category (known: [blue green red])`)
	})
	t.Run("ints", func(t *testing.T) {
		var o OneHot[int]
		o.Fit([]int{3, 1, 3, 7})
		got, err := o.Transform(nil, []int{7, 1})
		require.NoError(t, err)
		assert.Equal(t, mat.NewDense(2, 3, []float64{0, 0, 1, 1, 0, 0}), got)
		// dst is reused: stale ones from an earlier call must not survive.
		got, err = o.Transform(got, []int{3, 3})
		require.NoError(t, err)
		assert.Equal(t, mat.NewDense(2, 3, []float64{0, 1, 0, 0, 1, 0}), got)
		_, err = o.Transform(nil, []int{2})
		require.EqualError(t, err, "preprocess: OneHot.Transform: values[0] = 2 is not a known category (known: [1 3 7])")
	})
	t.Run("many categories", func(t *testing.T) {
		var o OneHot[int]
		o.Fit([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
		_, err := o.Transform(nil, []int{12})
		require.EqualError(t, err, "preprocess: OneHot.Transform: values[0] = 12 is not a known category (known: [0 1 2 3 4 5 6 7 8 9] and 2 more)")
	})
}

func TestPanics(t *testing.T) {
	x := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	nan := mat.NewDense(2, 2, []float64{1, 2, math.NaN(), 4})
	inf := mat.NewDense(1, 2, []float64{1, math.Inf(-1)})
	fitted := func() *StandardScaler { var s StandardScaler; s.Fit(x); return &s }
	fittedMM := func() *MinMaxScaler { var s MinMaxScaler; s.Fit(x); return &s }
	for _, tc := range []struct {
		name string
		call func()
		msg  string
	}{
		{"scaler empty", func() { new(StandardScaler).Fit(&mat.Dense{}) }, "preprocess: StandardScaler.Fit: empty input"},
		{"scaler NaN", func() { new(StandardScaler).Fit(nan) }, "preprocess: StandardScaler.Fit: X[1, 0] is NaN"},
		{"scaler Inf", func() { fitted().Transform(nil, inf) }, "preprocess: StandardScaler.Transform: X[0, 1] is -Inf"},
		{"scaler unfitted", func() { new(StandardScaler).Transform(nil, x) }, "preprocess: StandardScaler.Transform: not fitted (call Fit first)"},
		{"scaler unfitted inverse", func() { new(StandardScaler).InverseTransform(nil, x) }, "preprocess: StandardScaler.InverseTransform: not fitted (call Fit first)"},
		{"scaler columns", func() { fitted().Transform(nil, mat.NewDense(1, 3, nil)) }, "preprocess: StandardScaler.Transform: X has 3 columns, Fit saw 2"},
		{"scaler dst", func() { fitted().Transform(mat.NewDense(3, 2, nil), x) }, "preprocess: StandardScaler.Transform: dst is 3×2, want 2×2"},
		{"scaler overflow", func() { new(StandardScaler).Fit(mat.NewDense(2, 1, []float64{1e300, -1e300})) }, "preprocess: StandardScaler.Fit: the variance of column 0 overflows"},
		{"minmax overflow", func() { new(MinMaxScaler).Fit(mat.NewDense(2, 1, []float64{1e308, -1e308})) }, "preprocess: MinMaxScaler.Fit: the range of column 0 overflows"},
		{"minmax unfitted", func() { new(MinMaxScaler).Transform(nil, x) }, "preprocess: MinMaxScaler.Transform: not fitted (call Fit first)"},
		{"minmax columns", func() { fittedMM().InverseTransform(nil, mat.NewDense(1, 1, nil)) }, "preprocess: MinMaxScaler.InverseTransform: X has 1 columns, Fit saw 2"},
		{"minmax range", func() { (&MinMaxScaler{Range: [2]float64{1, 1}}).Fit(x) }, "preprocess: MinMaxScaler.Fit: Range must be finite with lo < hi, got [1, 1]"},
		{"minmax NaN", func() { new(MinMaxScaler).Fit(nan) }, "preprocess: MinMaxScaler.Fit: X[1, 0] is NaN"},
		{"poly degree", func() { PolynomialFeatures{}.Transform(nil, x) }, "preprocess: PolynomialFeatures.Transform: Degree = 0, want at least 1"},
		{"poly names", func() { PolynomialFeatures{Degree: 2}.FeatureNames(2, []string{"a"}) }, "preprocess: PolynomialFeatures.FeatureNames: 1 names for 2 columns"},
		{"poly NaN", func() { PolynomialFeatures{Degree: 2}.Transform(nil, nan) }, "preprocess: PolynomialFeatures.Transform: X[1, 0] is NaN"},
		{"poly overflow", func() { PolynomialFeatures{Degree: 2}.Transform(nil, mat.NewDense(2, 2, []float64{1, 2, 1e200, 3})) }, "preprocess: PolynomialFeatures.Transform: row 1, output column 2 overflows float64 (scale x first)"},
		{"bias dst", func() { AddBias(mat.NewDense(2, 2, nil), x) }, "preprocess: AddBias: dst is 2×2, want 2×3"},
		{"bias empty", func() { AddBias(nil, &mat.Dense{}) }, "preprocess: AddBias: empty input"},
		{"onehot empty", func() { new(OneHot[string]).Fit(nil) }, "preprocess: OneHot.Fit: empty input"},
		{"onehot unfitted", func() { _, _ = new(OneHot[int]).Transform(nil, []int{1}) }, "preprocess: OneHot.Transform: not fitted (call Fit first)"},
		{"onehot names unfitted", func() { new(OneHot[int]).FeatureNames("x0") }, "preprocess: OneHot.FeatureNames: not fitted (call Fit first)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.PanicsWithValue(t, tc.msg, tc.call)
		})
	}
}
