package optim

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata"
)

// within reports whether |a−b| ≤ atol + rtol·max(|a|,|b|).
func within(a, b, atol, rtol float64) bool {
	return math.Abs(a-b) <= atol+rtol*max(math.Abs(a), math.Abs(b))
}

// requireClose checks every element of got against want with |a−b| ≤ atol + rtol·max(|a|,|b|).
func requireClose(t testing.TB, want, got []float64, atol, rtol float64, msg string) {
	t.Helper()
	require.Len(t, got, len(want), msg)
	for j := range want {
		require.Truef(t, within(want[j], got[j], atol, rtol),
			"%s: element %d: got %.17g, want %.17g (atol %g, rtol %g)", msg, j, got[j], want[j], atol, rtol)
	}
}

// synthetic returns a seeded m×n design with a leading ones column and standard normal
// features, coefficients theta and targets y = Xθ + noise·N(0, 1).
func synthetic(seed uint64, m, n int, noise float64) (x *mat.Dense, y, theta []float64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	x = mat.NewDense(m, n, nil)
	theta = make([]float64, n)
	for j := range theta {
		theta[j] = rng.NormFloat64()
	}
	y = make([]float64, m)
	for i := range m {
		row := x.RawRowView(i)
		row[0] = 1
		for j := 1; j < n; j++ {
			row[j] = rng.NormFloat64()
		}
		y[i] = mat.Dot(mat.NewVecDense(n, row), mat.NewVecDense(n, theta)) + noise*rng.NormFloat64()
	}
	return x, y, theta
}

// randomPoint returns a seeded standard normal vector of length n.
func randomPoint(seed uint64, n int) []float64 {
	rng := rand.New(rand.NewPCG(seed, 11))
	p := make([]float64, n)
	for j := range p {
		p[j] = rng.NormFloat64()
	}
	return p
}

// fixture reads a numeric fixture CSV and returns the header and the rows.
func fixture(t testing.TB, name string) ([]string, [][]float64) {
	t.Helper()
	f, err := mlkata.Fixtures.Open("testdata/datasets/" + name)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	rows := make([][]float64, len(recs)-1)
	for i, rec := range recs[1:] {
		rows[i] = make([]float64, len(rec))
		for j, cell := range rec {
			v, err := strconv.ParseFloat(cell, 64)
			require.NoErrorf(t, err, "%s: line %d, column %d", name, i+2, j+1)
			rows[i][j] = v
		}
	}
	return recs[0], rows
}

// fixtureDesign builds X = [1 | features] and y from the named target column.
func fixtureDesign(t testing.TB, header []string, rows [][]float64, target string, standardize bool) (*mat.Dense, []float64) {
	t.Helper()
	ti := -1
	for j, h := range header {
		if h == target {
			ti = j
		}
	}
	require.GreaterOrEqual(t, ti, 0, "no column %q", target)
	m, p := len(rows), len(header)-1
	x := mat.NewDense(m, p+1, nil)
	y := make([]float64, m)
	for i, r := range rows {
		x.Set(i, 0, 1)
		c := 1
		for j, v := range r {
			if j == ti {
				y[i] = v
				continue
			}
			x.Set(i, c, v)
			c++
		}
	}
	if standardize { // population standard deviation (ddof 0), as scikit-learn's StandardScaler
		for j := 1; j <= p; j++ {
			var mean, sq float64
			for i := range m {
				mean += x.At(i, j)
			}
			mean /= float64(m)
			for i := range m {
				d := x.At(i, j) - mean
				sq += d * d
			}
			sd := math.Sqrt(sq / float64(m))
			for i := range m {
				x.Set(i, j, (x.At(i, j)-mean)/sd)
			}
		}
	}
	return x, y
}

// oracleCase returns the first case of ../../testdata/sklearn.json with the given kind for
// which keep returns true.
func oracleCase(t testing.TB, kind string, keep func(map[string]any) bool) map[string]any {
	t.Helper()
	b, err := os.ReadFile("../../testdata/sklearn.json")
	require.NoError(t, err)
	var doc struct{ Cases []map[string]any }
	require.NoError(t, json.Unmarshal(b, &doc))
	for _, c := range doc.Cases {
		if c["kind"] == kind && keep(c) {
			return c
		}
	}
	t.Fatalf("no %s case in sklearn.json", kind)
	return nil
}

// floatsOf converts a JSON array of numbers.
func floatsOf(v any) []float64 {
	a := v.([]any)
	f := make([]float64, len(a))
	for i, e := range a {
		f[i] = e.(float64)
	}
	return f
}

// batchAsObjective evaluates a BatchObjective over a fixed mini-batch, so that the batch form
// can be checked like any objective.
type batchAsObjective struct {
	BatchObjective
	rows []int
}

func (b batchAsObjective) LossGrad(grad, theta []float64) float64 {
	return b.BatchLossGrad(grad, theta, b.rows)
}
