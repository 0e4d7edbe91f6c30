package neighbors_test

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/neighbors"
)

// oracle is testdata/knn_sklearn.json, written by testdata/knn_sklearn.py with scikit-learn
// 1.2.1 (KNeighborsClassifier(algorithm="brute")) and scipy's cdist.
type oracle struct {
	Groups []struct {
		Note  string      `json:"note"`
		Train [][]float64 `json:"train"`
		Y     []int       `json:"y"`
		Query [][]float64 `json:"query"`
		Cdist [][]float64 `json:"cdist"`
		Runs  []struct {
			K         int         `json:"k"`
			Pred      []int       `json:"pred"`
			Dist      [][]float64 `json:"dist"`
			Ind       [][]int     `json:"ind"`
			Ambiguous []int       `json:"ambiguous"`
		} `json:"runs"`
	} `json:"groups"`
}

func dense(rows [][]float64) *mat.Dense {
	m := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		m.SetRow(i, r)
	}
	return m
}

func near(a, b, rel, abs float64) bool {
	return math.Abs(a-b) <= max(abs, rel*max(math.Abs(a), math.Abs(b)))
}

// TestSklearn compares Distances with scipy's cdist (rel. tol 1e-12: both sum the squared
// differences directly) and the classifier with scikit-learn's KNeighborsClassifier: the same
// predictions on every query whose k nearest rows do not depend on how distance ties are broken
// (the others are "ambiguous" in the oracle, and TestTies covers them), the same distances within
// rel. tol 1e-9 + abs. tol 1e-9 (scikit-learn expands ‖a‖² − 2a·b + ‖b‖², which loses digits),
// and the same indices where the first k+1 distances have no ties.
func TestSklearn(t *testing.T) {
	raw, err := os.ReadFile("testdata/knn_sklearn.json")
	require.NoError(t, err)
	var o oracle
	require.NoError(t, json.Unmarshal(raw, &o))
	require.NotEmpty(t, o.Groups)
	for _, g := range o.Groups {
		t.Run(g.Note, func(t *testing.T) {
			Xtr, Xq := dense(g.Train), dense(g.Query)
			D := neighbors.Distances(nil, Xq, Xtr)
			for i, row := range g.Cdist {
				for j, want := range row {
					require.True(t, near(D.At(i, j), want, 1e-12, 0), "D[%d][%d] = %v, cdist %v", i, j, D.At(i, j), want)
				}
			}
			for _, r := range g.Runs {
				c := (&neighbors.Classifier{K: r.K}).Fit(Xtr, g.Y)
				pred := c.Predict(Xq)
				dist, ind := c.KNeighbors(Xq)
				for i := range pred {
					if slices.Contains(r.Ambiguous, i) {
						continue
					}
					assert.Equal(t, r.Pred[i], pred[i], "k=%d: prediction for query %d", r.K, i)
					sorted := slices.Clone(g.Cdist[i])
					slices.Sort(sorted)
					tied := false
					for j := 1; j <= r.K && j < len(sorted); j++ {
						tied = tied || near(sorted[j-1], sorted[j], 1e-9, 0)
					}
					for j := range r.K {
						require.True(t, near(dist[i][j], r.Dist[i][j], 1e-9, 1e-9), "k=%d: dist[%d][%d] = %v, sklearn %v", r.K, i, j, dist[i][j], r.Dist[i][j])
					}
					if !tied {
						assert.Equal(t, r.Ind[i], ind[i], "k=%d: neighbours of query %d", r.K, i)
					}
				}
			}
		})
	}
}

// TestTies checks the tie rules on hand-made cases.
func TestTies(t *testing.T) {
	// Training points on a line at 0, 1, 2, −1, −2 with labels 0 1 1 0 2; query at 0.
	// Distances 0, 1, 2, 1, 2: sorted with ties lower index first, the order is 0, 1, 3, 2, 4.
	Xtr := mat.NewDense(5, 1, []float64{0, 1, 2, -1, -2})
	y := []int{0, 1, 1, 0, 2}
	q := mat.NewDense(1, 1, []float64{0})
	_, ind := (&neighbors.Classifier{K: 5}).Fit(Xtr, y).KNeighbors(q)
	assert.Equal(t, [][]int{{0, 1, 3, 2, 4}}, ind)
	cases := []struct {
		k    int
		want int
		why  string
	}{
		{1, 0, "the query's own point (distance 0) is its nearest neighbour"},
		{2, 0, "rows 0 and 1 vote 0 and 1: a tie, the smallest label wins"},
		{3, 0, "rows 0, 1, 3 vote 0, 1, 0"},
		{4, 0, "rows 0, 1, 3, 2 vote 0, 1, 0, 1: a tie, the smallest label wins"},
		{5, 0, "votes 0, 1, 0, 1, 2: 0 and 1 tie with two each"},
	}
	for _, c := range cases {
		got := (&neighbors.Classifier{K: c.k}).Fit(Xtr, y).Predict(q)
		assert.Equal(t, []int{c.want}, got, "k=%d: %s", c.k, c.why)
	}
	// Labels 2 and 1 tie, and the nearest neighbour has label 2: the smallest label, 1, wins.
	Xtr = mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	got := (&neighbors.Classifier{K: 4}).Fit(Xtr, []int{2, 1, 2, 1}).Predict(mat.NewDense(1, 1, []float64{0}))
	assert.Equal(t, []int{1}, got)
	// A distance tie at the k-th place: rows 1 and 2 are both at distance 1 from the query 0.5
	// (row 0 is at 0.5); with k = 2 the lower index, row 1 (label 1), is in and row 2 (label 0)
	// is out, so the vote is 1, 1.
	Xtr = mat.NewDense(3, 1, []float64{1, 1.5, -0.5})
	got = (&neighbors.Classifier{K: 2}).Fit(Xtr, []int{1, 1, 0}).Predict(mat.NewDense(1, 1, []float64{0.5}))
	assert.Equal(t, []int{1}, got, "neighbours are rows 0 and 1, both label 1")
	got = (&neighbors.Classifier{K: 2}).Fit(Xtr, []int{1, 0, 1}).Predict(mat.NewDense(1, 1, []float64{0.5}))
	assert.Equal(t, []int{0}, got, "neighbours are rows 0 (label 1) and 1 (label 0): a vote tie, label 0")
}

func TestDistances(t *testing.T) {
	// A 3-4-5 triangle: ‖(0,0) − (3,4)‖ = 5.
	a := mat.NewDense(2, 2, []float64{0, 0, 3, 4})
	b := mat.NewDense(3, 2, []float64{3, 4, 0, 0, 6, 8})
	D := neighbors.Distances(nil, a, b)
	assert.Equal(t, []float64{5, 0, 10, 0, 5, 5}, D.RawMatrix().Data)
	dst := mat.NewDense(2, 3, nil)
	assert.Same(t, dst, neighbors.Distances(dst, a, b))
	assert.Panics(t, func() { neighbors.Distances(nil, a, mat.NewDense(1, 3, nil)) })
}

func TestFitPanics(t *testing.T) {
	X := mat.NewDense(2, 1, []float64{0, 1})
	assert.Panics(t, func() { (&neighbors.Classifier{K: 3}).Fit(X, []int{0, 1}) })
	assert.Panics(t, func() { (&neighbors.Classifier{K: 0}).Fit(X, []int{0, 1}) })
	assert.Panics(t, func() { (&neighbors.Classifier{K: 1}).Fit(X, []int{0}) })
	assert.Panics(t, func() { (&neighbors.Classifier{K: 1}).Fit(X, []int{0, -1}) })
	assert.Panics(t, func() { (&neighbors.Classifier{K: 1}).Predict(X) })
}
