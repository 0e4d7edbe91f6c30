package decompose

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// componentsCase is one case of testdata/components_for_sklearn.json, written by
// testdata/components_for_sklearn.py from scikit-learn 1.2.1's PCA(n_components=fraction).
type componentsCase struct {
	Dataset      string
	Standardised bool
	Ratio        []float64
	Fractions    []float64
	NComponents  []int `json:"n_components"`
}

// TestComponentsForSklearn compares ComponentsFor with the n_components_ scikit-learn keeps,
// both on scikit-learn's ratios and on PCA's (the ratios agree to rel. 1e-9, abs. 1e-12, as in
// TestOraclePCA; no fraction of the file lies that close to a cumulative ratio).
func TestComponentsForSklearn(t *testing.T) {
	b, err := os.ReadFile("testdata/components_for_sklearn.json")
	require.NoError(t, err)
	var file struct{ Cases []componentsCase }
	require.NoError(t, json.Unmarshal(b, &file))
	require.NotEmpty(t, file.Cases)
	for _, c := range file.Cases {
		name := c.Dataset
		if c.Standardised {
			name += " standardised"
		}
		t.Run(name, func(t *testing.T) {
			x, _ := oracletest.XY(t, c.Dataset+".csv", "target", nil)
			if c.Standardised {
				var sc preprocess.StandardScaler
				x = sc.FitTransform(nil, x)
			}
			var p PCA
			require.NoError(t, p.Fit(x))
			assertAllClose(t, c.Ratio, p.ExplainedVarianceRatio, "explained variance ratio")
			for i, f := range c.Fractions {
				assert.Equal(t, c.NComponents[i], ComponentsFor(c.Ratio, f), "sklearn's ratios, fraction %g", f)
				assert.Equal(t, c.NComponents[i], ComponentsFor(p.ExplainedVarianceRatio, f), "PCA's ratios, fraction %g", f)
			}
		})
	}
}

func TestComponentsForTies(t *testing.T) {
	// Ratios that add up exactly in floating point (multiples of 1/8): a cumulative sum equal
	// to the fraction is not enough, one more component is needed (searchsorted side="right").
	ratio := []float64{0.5, 0.25, 0.125, 0.125}
	for _, tc := range []struct {
		fraction float64
		want     int
	}{
		{0.1, 1}, {0.5, 2}, {0.6, 2}, {0.75, 3}, {0.8, 3}, {0.875, 4}, {0.99, 4},
		{0.9999999999999999, 4}, // the float just below 1
	} {
		assert.Equal(t, tc.want, ComponentsFor(ratio, tc.fraction), "fraction %g", tc.fraction)
	}
	// When no cumulative sum exceeds the fraction (zero ratios of constant data, or ratios
	// whose rounded sum stays below it), every component is kept.
	assert.Equal(t, 3, ComponentsFor([]float64{0, 0, 0}, 0.5))
	assert.Equal(t, 2, ComponentsFor([]float64{0.5, 0.25}, 0.9))
}

func TestComponentsForPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		call func()
		msg  string
	}{
		{"empty", func() { ComponentsFor(nil, 0.5) }, "decompose: ComponentsFor: empty ratio"},
		{"fraction 0", func() { ComponentsFor([]float64{1}, 0) }, "decompose: ComponentsFor: fraction = 0, want 0 < fraction < 1"},
		{"fraction 1", func() { ComponentsFor([]float64{1}, 1) }, "decompose: ComponentsFor: fraction = 1, want 0 < fraction < 1"},
		{"negative", func() { ComponentsFor([]float64{0.5, -0.1}, 0.5) }, "decompose: ComponentsFor: ratio[1] is -0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) { require.PanicsWithValue(t, tc.msg, tc.call) })
	}
}
