package linear

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/floats"

	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
)

// TestRegressionOracle reproduces every "ols" case of testdata/sklearn.json
// (scikit-learn 1.2.1 LinearRegression) with both least-squares solvers, to 1e-9
// relative (the closed-form tier of the oracle README).
func TestRegressionOracle(t *testing.T) {
	for _, c := range oracletest.Cases[oracleCase](t, "ols") {
		X, y := oracletest.XY(t, c.Dataset, c.Target, c.Features)
		var wantB float64
		var wantW []float64
		require.NoError(t, json.Unmarshal(c.Intercept, &wantB))
		require.NoError(t, json.Unmarshal(c.Coef, &wantW))
		for _, solver := range []Solver{SolverAuto, SolverCholesky, SolverSVD} {
			t.Run(c.Dataset+"/"+solver.String(), func(t *testing.T) {
				m := Regression{Solver: solver}
				require.NoError(t, m.Fit(X, y))
				assertClose(t, wantW, m.Coef(), 1e-9, 0, "coef")
				assertClose(t, []float64{wantB}, []float64{m.Intercept()}, 1e-9, 0, "intercept")
				n := float64(len(y))
				info := m.Info()
				assertClose(t, []float64{c.MSE}, []float64{info.Loss / n}, 1e-9, 0, "train MSE")
				pred := m.Predict(nil, X)
				var ss float64
				mean := floats.Sum(y) / n
				for _, v := range y {
					ss += (v - mean) * (v - mean)
				}
				rss := floats.Distance(pred, y, 2)
				assertClose(t, []float64{c.R2}, []float64{1 - rss*rss/ss}, 1e-9, 0, "train R²")
				require.Equal(t, len(wantW), info.Rank)
				if solver == SolverAuto {
					require.Equal(t, SolverCholesky, info.Solver, "well-conditioned data take the fast path")
				}
			})
		}
	}
}

// TestRidgeOracle reproduces every "ridge" case of testdata/sklearn.json (scikit-learn
// 1.2.1 Ridge, objective ‖y − Xw − b‖² + α‖w‖²) to 1e-9 relative.
func TestRidgeOracle(t *testing.T) {
	for _, c := range oracletest.Cases[oracleCase](t, "ridge") {
		X, y := oracletest.XY(t, c.Dataset, c.Target, c.Features)
		var wantB float64
		var wantW []float64
		require.NoError(t, json.Unmarshal(c.Intercept, &wantB))
		require.NoError(t, json.Unmarshal(c.Coef, &wantW))
		for _, solver := range []Solver{SolverAuto, SolverCholesky, SolverSVD} {
			t.Run(c.Dataset+"/"+solver.String(), func(t *testing.T) {
				m := Ridge{Alpha: c.Alpha, Solver: solver}
				require.NoError(t, m.Fit(X, y))
				assertClose(t, wantW, m.Coef(), 1e-9, 0, "coef")
				assertClose(t, []float64{wantB}, []float64{m.Intercept()}, 1e-9, 0, "intercept")
			})
		}
	}
}
