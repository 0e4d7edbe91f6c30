// Package oracletest gives the tests of mlkit's packages their shared fixtures: the cases of the
// scikit-learn reference file testdata/sklearn.json (scikit-learn 1.2.1, numpy 1.24.2) and the
// numeric columns of the embedded fixture datasets.
package oracletest

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata"
)

// path is testdata/sklearn.json seen from the directory of a package mlkit/<name>, where go test
// runs that package's tests.
const path = "../../testdata/sklearn.json"

// Cases returns the cases of testdata/sklearn.json whose "kind" is kind, each decoded into a C,
// in file order. It fails the test if the file cannot be read or has no case of that kind.
func Cases[C any](t testing.TB, kind string) []C {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var file struct {
		Cases []json.RawMessage `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &file))
	var out []C
	for i, rc := range file.Cases {
		var head struct {
			Kind string `json:"kind"`
		}
		require.NoError(t, json.Unmarshal(rc, &head), "case %d", i)
		if head.Kind != kind {
			continue
		}
		var c C
		require.NoError(t, json.Unmarshal(rc, &c), "case %d (%s)", i, kind)
		out = append(out, c)
	}
	require.NotEmpty(t, out, "no %s case in sklearn.json", kind)
	return out
}

// Matrix reads the named columns of the fixture dataset name ("iris.csv") into a matrix, one
// column per name in cols order. It fails the test if a column is missing or a cell is not a
// number.
func Matrix(t testing.TB, name string, cols []string) *mat.Dense {
	t.Helper()
	header, rows := read(t, name)
	return columns(t, header, rows, cols)
}

// XY reads the fixture dataset name ("iris.csv") as features and target: X holds the columns
// named in features, in that order (every column but target when features is empty), and y the
// target column. It fails the test like Matrix.
func XY(t testing.TB, name, target string, features []string) (*mat.Dense, []float64) {
	t.Helper()
	header, rows := read(t, name)
	if len(features) == 0 {
		for _, h := range header {
			if h != target {
				features = append(features, h)
			}
		}
	}
	return columns(t, header, rows, features), mat.Col(nil, 0, columns(t, header, rows, []string{target}))
}

// read returns the header and the data rows of a fixture CSV.
func read(t testing.TB, name string) (header []string, rows [][]string) {
	t.Helper()
	f, err := mlkata.Fixtures.Open("testdata/datasets/" + name)
	require.NoError(t, err)
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return records[0], records[1:]
}

// columns parses the named columns of rows into a matrix.
func columns(t testing.TB, header []string, rows [][]string, cols []string) *mat.Dense {
	t.Helper()
	x := mat.NewDense(len(rows), len(cols), nil)
	for j, col := range cols {
		k := slices.Index(header, col)
		require.GreaterOrEqual(t, k, 0, "column %q", col)
		for i, rec := range rows {
			v, err := strconv.ParseFloat(rec[k], 64)
			require.NoError(t, err, "row %d column %q", i, col)
			x.Set(i, j, v)
		}
	}
	return x
}
