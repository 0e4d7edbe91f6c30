package optim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
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

// fixtureDesign reads the named fixture and builds X = [1 | every other column] and y from the
// target column.
func fixtureDesign(t testing.TB, name, target string, standardize bool) (*mat.Dense, []float64) {
	t.Helper()
	features, y := oracletest.XY(t, name, target, nil)
	m, p := features.Dims()
	x := mat.NewDense(m, p+1, nil)
	for i := range m {
		x.Set(i, 0, 1)
	}
	x.Slice(0, m, 1, p+1).(*mat.Dense).Copy(features)
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
	for _, c := range oracletest.Cases[map[string]any](t, kind) {
		if keep(c) {
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
