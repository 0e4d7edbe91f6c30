package linear

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// oracleCase is one entry of testdata/sklearn.json (see /work/shared/oracle/README.md):
// reference values computed by scikit-learn 1.2.1 and numpy 1.24.2.
type oracleCase struct {
	Kind      string          `json:"kind"`
	Dataset   string          `json:"dataset"`
	Target    string          `json:"target"`
	Features  []string        `json:"features"`
	Alpha     float64         `json:"alpha"`
	C         float64         `json:"C"`
	Std       bool            `json:"standardized"`
	Intercept json.RawMessage `json:"intercept"`
	Coef      json.RawMessage `json:"coef"`
	R2        float64         `json:"r2_train"`
	MSE       float64         `json:"mse_train"`
	Accuracy  float64         `json:"accuracy_train"`
}

// standardise returns (X − mean)/std per column with the population (ddof 0) standard
// deviation, as scikit-learn's StandardScaler, which the logistic cases used.
func standardise(X *mat.Dense) *mat.Dense {
	n, p := X.Dims()
	out := mat.NewDense(n, p, nil)
	col := make([]float64, n)
	for j := range p {
		mat.Col(col, j, X)
		m, s := stat.PopMeanStdDev(col, nil)
		for i, v := range col {
			out.Set(i, j, (v-m)/s)
		}
	}
	return out
}

// labels converts float class labels to ints.
func labels(y []float64) []int {
	out := make([]int, len(y))
	for i, v := range y {
		out[i] = int(v)
	}
	return out
}

// assertClose checks |got − want| ≤ atol + rtol·max(|got|, |want|) element-wise.
func assertClose(t *testing.T, want, got []float64, rtol, atol float64, what string) {
	t.Helper()
	require.Len(t, got, len(want), what)
	for i := range want {
		tol := atol + rtol*math.Max(math.Abs(want[i]), math.Abs(got[i]))
		if !(math.Abs(got[i]-want[i]) <= tol) {
			t.Errorf("%s[%d] = %.17g, want %.17g (|diff| %.3g > tol %.3g)", what, i, got[i], want[i], math.Abs(got[i]-want[i]), tol)
		}
	}
}
