package density

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// scipyCase is one entry of testdata/gaussian_scipy.json, written by testdata/gaussian_scipy.py
// from numpy 1.24.2 (mean, var with ddof=0), scipy 1.10.1 (norm.logpdf summed over the
// features) and scikit-learn 1.2.1 (f1_score at the best threshold).
type scipyCase struct {
	Note string      `json:"note"`
	X    [][]float64 `json:"X"`
	Xval [][]float64 `json:"xval"`
	Yval []int       `json:"yval"`
	Mean []float64   `json:"mean"`
	Var  []float64   `json:"var"`
	Logp []float64   `json:"logp"`
	Eps  float64     `json:"eps"`
	F1   float64     `json:"f1"`
}

func dense(rows [][]float64) *mat.Dense {
	X := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		X.SetRow(i, r)
	}
	return X
}

// near reports |got − want| ≤ abs + rel·max(|got|, |want|).
func near(got, want, rel, abs float64) bool {
	return math.Abs(got-want) <= abs+rel*math.Max(math.Abs(got), math.Abs(want))
}

// TestScipyOracle compares with numpy and scipy. Tolerances: means and variances rel. 1e-12
// (numpy sums pairwise, Fit in order; the 1e6-mean case keeps 1e-12 because both subtract the
// mean before squaring) + abs. 1e-15 for a mean near 0; log densities rel. 1e-12 + abs. 1e-12
// (scipy computes −x²/2 − log√(2π) − log σ on the standardised x, a different rounding); the
// threshold, one of those log densities, the same; F1 abs. 1e-15 (a quotient of counts).
func TestScipyOracle(t *testing.T) {
	b, err := os.ReadFile("testdata/gaussian_scipy.json")
	require.NoError(t, err)
	var f struct {
		Cases []scipyCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(b, &f))
	require.Len(t, f.Cases, 5)
	for _, c := range f.Cases {
		t.Run(c.Note, func(t *testing.T) {
			g := Fit(dense(c.X))
			for j := range c.Mean {
				assert.True(t, near(g.Mean[j], c.Mean[j], 1e-12, 1e-15), "mean[%d] = %v, numpy %v", j, g.Mean[j], c.Mean[j])
				assert.True(t, near(g.Var[j], c.Var[j], 1e-12, 0), "var[%d] = %v, numpy %v", j, g.Var[j], c.Var[j])
			}
			logp := g.LogDensity(nil, dense(c.Xval))
			for i := range c.Logp {
				assert.True(t, near(logp[i], c.Logp[i], 1e-12, 1e-12), "logp[%d] = %v, scipy %v", i, logp[i], c.Logp[i])
			}
			eps, f1 := SelectThreshold(c.Yval, logp)
			assert.True(t, near(eps, c.Eps, 1e-12, 1e-12), "eps = %v, want %v", eps, c.Eps)
			assert.InDelta(t, c.F1, f1, 1e-15)
		})
	}
}

// TestHandComputed checks small cases by hand.
func TestHandComputed(t *testing.T) {
	// X = 1 2 3 4: μ = 2.5, σ² = (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25 (not 5/3, the sample
	// variance).
	g := Fit(mat.NewDense(4, 1, []float64{1, 2, 3, 4}))
	assert.Equal(t, []float64{2.5}, g.Mean)
	assert.Equal(t, []float64{1.25}, g.Var)
	// log N(μ; μ, σ²) = −½·log(2π·σ²); one σ away, ½ less.
	assert.InDelta(t, -0.5*math.Log(2*math.Pi), LogPDF(0, 0, 1), 1e-15)
	assert.InDelta(t, -0.5*math.Log(2*math.Pi*4)-0.5, LogPDF(3, 1, 4), 1e-15)
	// Two features add their log densities.
	g2 := &Gaussian{Mean: []float64{0, 1}, Var: []float64{1, 4}}
	got := g2.LogDensity(make([]float64, 1), mat.NewDense(1, 2, []float64{0, 3}))
	assert.InDelta(t, LogPDF(0, 0, 1)+LogPDF(3, 1, 4), got[0], 1e-15)
	// Far from the mean the log density stays finite where the density is 0.
	assert.Equal(t, 0.0, math.Exp(LogPDF(100, 0, 1)))
	assert.InDelta(t, -0.5*math.Log(2*math.Pi)-5000, LogPDF(100, 0, 1), 1e-9)
}

// TestSelectThresholdTies checks cases worked out by hand, F1 = 2·tp/(tp + fp + n₊) at each
// distinct score ε, flagging logp ≤ ε:
//   - anomalies at −5 and −3 of −5 … −1: 2/3, 2/4, 4/5, 4/6, 4/7, best −3;
//   - anomalies at −5 and −1: 2/3, 2/4, 2/5, 2/6, 4/7, best −5;
//   - one anomaly at −4 of −5, −4, −3, −3: 0, 2/3, 2/5 (the tied −3s flag together);
//   - anomalies at −6 and −3 of −6 … −1: 2/3, 2/4, 2/5, 4/6 = 2/3, …: a tie, the smaller wins.
func TestSelectThresholdTies(t *testing.T) {
	for _, c := range []struct {
		name    string
		y       []int
		logp    []float64
		eps, f1 float64
	}{
		{"best in the middle", []int{1, 0, 1, 0, 0}, []float64{-5, -4, -3, -2, -1}, -3, 0.8},
		{"best at the lowest", []int{1, 0, 0, 0, 1}, []float64{-5, -4, -3, -2, -1}, -5, 2.0 / 3},
		{"tied scores flag together", []int{0, 1, 0, 0}, []float64{-5, -4, -3, -3}, -4, 2.0 / 3},
		{"a tie goes to the smallest threshold", []int{1, 0, 0, 1, 0, 0}, []float64{-6, -5, -4, -3, -2, -1}, -6, 2.0 / 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			eps, f1 := SelectThreshold(c.y, c.logp)
			assert.Equal(t, c.eps, eps)
			assert.InDelta(t, c.f1, f1, 1e-15)
		})
	}
	// A threshold of 0 comes back as +0.
	eps, _ := SelectThreshold([]int{1, 0}, []float64{0, 1})
	assert.False(t, math.Signbit(eps))
}

func TestFlag(t *testing.T) {
	assert.Equal(t, []int{1, 1, 0, 0}, Flag([]float64{-3, -2, -1, 0}, -2), "logp ≤ ε is flagged, the threshold itself included")
	assert.Equal(t, []int{}, Flag([]float64{}, 0))
}

func TestPanics(t *testing.T) {
	assert.PanicsWithValue(t, "density: Fit: X is empty", func() { Fit(&mat.Dense{}) })
	assert.Panics(t, func() { Fit(mat.NewDense(1, 1, []float64{math.NaN()})) })
	assert.Panics(t, func() { LogPDF(0, 0, 0) })
	assert.Panics(t, func() { LogPDF(math.Inf(1), 0, 1) })
	g := Fit(mat.NewDense(2, 2, []float64{1, 1, 1, 2}))
	assert.PanicsWithValue(t, "density: LogDensity: Var[0] = 0 is not a positive number", func() { g.LogDensity(nil, mat.NewDense(1, 2, nil)) })
	assert.Panics(t, func() { g.LogDensity(nil, mat.NewDense(1, 3, nil)) })
	assert.Panics(t, func() { SelectThreshold([]int{0, 0}, []float64{1, 2}) }, "no anomaly")
	assert.Panics(t, func() { Flag([]float64{1}, math.NaN()) })
}
