package data_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
)

// fingerprintCase is one entry of testdata/fingerprint.json, written by testdata/fingerprint.py
// with hashlib's SHA-256 of numpy's bytes: a small matrix given as the hex of its float64 bits
// (so that −0 and subnormals survive JSON) with its labels, or a fixture dataset by name.
type fingerprintCase struct {
	Name        string   `json:"name"`
	Rows        int      `json:"rows"`
	Cols        int      `json:"cols"`
	Bits        []string `json:"bits"`
	Labels      []int    `json:"labels"`
	Dataset     string   `json:"dataset"`
	Fingerprint string   `json:"fingerprint"`
}

func fingerprintCases(t *testing.T) []fingerprintCase {
	t.Helper()
	b, err := os.ReadFile("testdata/fingerprint.json")
	require.NoError(t, err)
	var f struct{ Cases []fingerprintCase }
	require.NoError(t, json.Unmarshal(b, &f))
	require.NotEmpty(t, f.Cases)
	return f.Cases
}

// TestFingerprintOracle compares every case with the digest Python computed: the strings must
// be equal.
func TestFingerprintOracle(t *testing.T) {
	for _, c := range fingerprintCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			var X *mat.Dense
			var y []int
			switch c.Dataset {
			case "":
				vals := make([]float64, len(c.Bits))
				for i, s := range c.Bits {
					b, err := hex.DecodeString(s)
					require.NoError(t, err)
					var u uint64
					for _, x := range b {
						u = u<<8 | uint64(x)
					}
					vals[i] = math.Float64frombits(u)
				}
				X, y = mat.NewDense(c.Rows, c.Cols, vals), c.Labels
			case "iris":
				d := datasets.Iris()
				X, y = d.X, d.Labels()
			case "breast_cancer":
				d := datasets.BreastCancer()
				X, y = d.X, d.Labels()
			default:
				t.Fatalf("unknown dataset %q", c.Dataset)
			}
			r, k := X.Dims()
			require.Equal(t, []int{c.Rows, c.Cols}, []int{r, k})
			assert.Equal(t, c.Fingerprint, data.Fingerprint(X, y))
		})
	}
}

// TestFingerprintViews checks that a view (a stride wider than its columns) and a transposed
// matrix hash their logical contents, and that the input is left alone.
func TestFingerprintViews(t *testing.T) {
	big := mat.NewDense(3, 4, []float64{1, 2, 3, 0, 4, 5, 6, 0, 9, 9, 9, 9})
	view := big.Slice(0, 2, 0, 3)
	small := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	want := data.Fingerprint(small, []int{0, 1})
	assert.Equal(t, "82079f8cc874a518dbf0376e82fb4a0b492672947e10facae53c473421b9ac34", want) // the "2x3" case
	assert.Equal(t, want, data.Fingerprint(view, []int{0, 1}))
	tr := mat.NewDense(3, 2, []float64{1, 4, 2, 5, 3, 6})
	assert.Equal(t, want, data.Fingerprint(tr.T(), []int{0, 1}))
	assert.Equal(t, []float64{1, 2, 3, 4, 5, 6}, small.RawMatrix().Data)
}

func TestFingerprintPanics(t *testing.T) {
	assert.PanicsWithValue(t, "data: Fingerprint: 1 labels for 2 rows", func() {
		data.Fingerprint(mat.NewDense(2, 1, nil), []int{0})
	})
}

func BenchmarkFingerprint(b *testing.B) {
	d := datasets.Digits()
	y := d.Labels()
	b.ReportAllocs()
	b.SetBytes(int64(8 * (len(d.X.RawMatrix().Data) + len(y))))
	for b.Loop() {
		data.Fingerprint(d.X, y)
	}
}

func ExampleFingerprint() {
	X := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	y := []int{0, 1}
	fmt.Println(data.Fingerprint(X, y))
	X.Set(1, 1, math.Nextafter(5, 6)) // one unit in the last place more
	fmt.Println(data.Fingerprint(X, y)[:16])
	// Output:
	// 82079f8cc874a518dbf0376e82fb4a0b492672947e10facae53c473421b9ac34
	// 82a5c367027d9ea8
}
