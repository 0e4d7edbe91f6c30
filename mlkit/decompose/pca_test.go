package decompose

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
)

// Tolerances: closed forms against scikit-learn 1.2.1 (testdata/sklearn.json) to
// |a−b| ≤ atol + rtol·max(|a|,|b|) with rtol = 1e-9, atol = 1e-12 (both use LAPACK-style SVDs
// of the same centred matrix; they agree to ~1e-14). Identities (orthonormality, round trips)
// to 1e-10 absolute on data of order 1–100.
const (
	rtol = 1e-9
	atol = 1e-12
)

func assertAllClose(t *testing.T, want, got []float64, what string) {
	t.Helper()
	require.Len(t, got, len(want), what)
	for i := range want {
		tol := atol + rtol*math.Max(math.Abs(want[i]), math.Abs(got[i]))
		assert.InDelta(t, want[i], got[i], tol, "%s[%d]", what, i)
	}
}

// pcaCase is a "pca" case of testdata/sklearn.json.
type pcaCase struct {
	Dataset                string
	Features               []string
	ExplainedVarianceRatio []float64 `json:"explained_variance_ratio"`
	SingularValues         []float64 `json:"singular_values"`
}

func TestOraclePCA(t *testing.T) {
	for _, c := range oracletest.Cases[pcaCase](t, "pca") {
		t.Run(c.Dataset, func(t *testing.T) {
			x := oracletest.Matrix(t, c.Dataset, c.Features)
			var p PCA
			require.NoError(t, p.Fit(x))
			assertAllClose(t, c.SingularValues, p.SingularValues, "singular values")
			assertAllClose(t, c.ExplainedVarianceRatio, p.ExplainedVarianceRatio, "explained variance ratio")
			rows, _ := x.Dims()
			for i, s := range c.SingularValues {
				want := s * s / float64(rows-1)
				assert.InDelta(t, want, p.ExplainedVariance[i], atol+rtol*want, "explained variance %d", i)
			}
		})
	}
}

// correlated returns seeded n×d data with correlated columns of different scales.
func correlated(n, d int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 5))
	mix := mat.NewDense(d, d, nil)
	for i := range d {
		for j := range d {
			mix.Set(i, j, rng.NormFloat64()*float64(j+1))
		}
	}
	z := mat.NewDense(n, d, nil)
	for i := range n {
		for j := range d {
			z.Set(i, j, rng.NormFloat64())
		}
	}
	var x mat.Dense
	x.Mul(z, mix)
	for i := range n {
		floats.AddConst(10, x.RawRowView(i))
	}
	return &x
}

func TestPCAProperties(t *testing.T) {
	x := correlated(300, 5, 1)
	orig := mat.DenseCopyOf(x)
	var p PCA
	scores, err := p.FitTransform(nil, x)
	require.NoError(t, err)
	require.True(t, mat.Equal(orig, x), "FitTransform mutated the input")
	require.True(t, mat.EqualApprox(scores, p.Transform(nil, x), 1e-10), "FitTransform = Transform of the fit set")

	// Components are orthonormal.
	var cct mat.Dense
	cct.Mul(p.Components, p.Components.T())
	require.True(t, mat.EqualApprox(&cct, eye(5), 1e-12), "C·Cᵀ = I")

	// Scores are centred, uncorrelated, with variances = explained variance (descending).
	require.True(t, slices.IsSortedFunc(p.ExplainedVariance, func(a, b float64) int { return cmp.Compare(b, a) }))
	var cov mat.SymDense
	stat.CovarianceMatrix(&cov, scores, nil)
	for i := range 5 {
		for j := range 5 {
			want := 0.0
			if i == j {
				want = p.ExplainedVariance[i]
			}
			assert.InDelta(t, want, cov.At(i, j), 1e-9*p.ExplainedVariance[0], "cov(%d, %d)", i, j)
		}
		assert.InDelta(t, 0, stat.Mean(mat.Col(nil, i, scores), nil), 1e-10, "score mean %d", i)
	}
	assert.InDelta(t, 1, floats.Sum(p.ExplainedVarianceRatio), 1e-12, "ratios of all components sum to 1")

	// Sign convention: the largest |entry| of every component is positive.
	for i := range 5 {
		row := p.Components.RawRowView(i)
		j := floats.MaxIdx(absAll(row))
		assert.Positive(t, row[j], "component %d", i)
	}

	// Round trip with all components.
	scoresCopy := mat.DenseCopyOf(scores)
	back := p.InverseTransform(nil, scores)
	require.True(t, mat.Equal(scoresCopy, scores), "InverseTransform mutated its input")
	require.True(t, mat.EqualApprox(back, x, 1e-10), "round trip")
}

// TestPCAAgainstGonumPC cross-checks the components and variances with gonum's stat.PC, an
// independent SVD-based implementation, up to the sign of each component.
func TestPCAAgainstGonumPC(t *testing.T) {
	for _, shape := range [][2]int{{50, 4}, {6, 9}} { // tall, and wide (n < p)
		x := correlated(shape[0], shape[1], 3)
		var p PCA
		require.NoError(t, p.Fit(x))
		var pc stat.PC
		require.True(t, pc.PrincipalComponents(x, nil))
		vars := pc.VarsTo(nil)
		var vecs mat.Dense
		pc.VectorsTo(&vecs)
		assertAllClose(t, vars, p.ExplainedVariance, "variance")
		k, _ := p.Components.Dims()
		require.Equal(t, min(shape[0], shape[1]), k)
		for i := range k - 1 { // the last component of a wide matrix has σ ≈ 0 and no stable direction
			got := p.Components.RawRowView(i)
			want := mat.Col(nil, i, &vecs)
			if floats.Dot(got, want) < 0 {
				floats.Scale(-1, want)
			}
			assert.True(t, floats.EqualApprox(want, got, 1e-9), "component %d: %v vs %v", i, got, want)
		}
	}
}

func TestPCATruncated(t *testing.T) {
	x := correlated(100, 4, 2)
	full := PCA{}
	require.NoError(t, full.Fit(x))
	two := PCA{NumComponents: 2}
	z, err := two.FitTransform(&mat.Dense{}, x)
	require.NoError(t, err)
	r, c := z.Dims()
	assert.Equal(t, [2]int{100, 2}, [2]int{r, c})
	assert.Equal(t, full.SingularValues[:2], two.SingularValues)
	assert.Equal(t, full.ExplainedVarianceRatio[:2], two.ExplainedVarianceRatio)
	assert.True(t, mat.Equal(full.Components.Slice(0, 2, 0, 4), two.Components))

	// The rank-2 reconstruction leaves exactly the discarded variance:
	// ‖X − X̂‖²_F = σ₃² + σ₄².
	back := two.InverseTransform(nil, z)
	var diff mat.Dense
	diff.Sub(x, back)
	resid := mat.Norm(&diff, 2)
	want := math.Hypot(full.SingularValues[2], full.SingularValues[3])
	assert.InDelta(t, want, resid, 1e-9*want)
}

func TestPCAConstantData(t *testing.T) {
	// All rows equal: every singular value is 0; the ratios are 0, not NaN.
	x := mat.NewDense(3, 2, []float64{1, 2, 1, 2, 1, 2})
	var p PCA
	require.NoError(t, p.Fit(x))
	assert.Equal(t, []float64{0, 0}, p.SingularValues)
	assert.Equal(t, []float64{0, 0}, p.ExplainedVarianceRatio)
	assert.Equal(t, []float64{0, 0}, mat.Row(nil, 0, p.Transform(nil, x)))
}

func TestPCAPanics(t *testing.T) {
	x := correlated(5, 3, 4)
	fitted := func() *PCA { var p PCA; _ = p.Fit(x); return &p }
	for _, tc := range []struct {
		name string
		call func()
		msg  string
	}{
		{"empty", func() { _ = new(PCA).Fit(&mat.Dense{}) }, "decompose: PCA.Fit: empty input"},
		{"one sample", func() { _ = new(PCA).Fit(mat.NewDense(1, 3, nil)) }, "decompose: PCA.Fit: need at least 2 samples, got 1"},
		{"NaN", func() { _ = new(PCA).Fit(mat.NewDense(2, 2, []float64{1, math.NaN(), 3, 4})) }, "decompose: PCA.Fit: X[0, 1] is NaN"},
		{"too many components", func() { _ = (&PCA{NumComponents: 4}).Fit(x) }, "decompose: PCA.Fit: NumComponents = 4, want 0..3 for 5×3 data"},
		{"negative components", func() { _, _ = (&PCA{NumComponents: -1}).FitTransform(nil, x) }, "decompose: PCA.FitTransform: NumComponents = -1, want 0..3 for 5×3 data"},
		{"unfitted", func() { new(PCA).Transform(nil, x) }, "decompose: PCA.Transform: not fitted (call Fit first)"},
		{"unfitted inverse", func() { new(PCA).InverseTransform(nil, x) }, "decompose: PCA.InverseTransform: not fitted (call Fit first)"},
		{"columns", func() { fitted().Transform(nil, mat.NewDense(2, 2, nil)) }, "decompose: PCA.Transform: x has 2 columns, Fit saw 3"},
		{"inverse columns", func() { fitted().InverseTransform(nil, mat.NewDense(2, 2, nil)) }, "decompose: PCA.InverseTransform: z has 2 columns, want 3 components"},
		{"dst", func() { fitted().Transform(mat.NewDense(5, 2, nil), x) }, "decompose: PCA.Transform: dst is 5×2, want 5×3"},
		{"Inf", func() { fitted().Transform(nil, mat.NewDense(1, 3, []float64{0, math.Inf(1), 0})) }, "decompose: PCA.Transform: X[0, 1] is +Inf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.PanicsWithValue(t, tc.msg, tc.call)
		})
	}
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := range n {
		d.Set(i, i, 1)
	}
	return d
}
