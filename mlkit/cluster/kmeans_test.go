package cluster

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

type sklearnCase struct {
	Name      string      `json:"name"`
	X         [][]float64 `json:"X"`
	Init      [][]float64 `json:"init"`
	MaxIter   int         `json:"max_iter"`
	Centroids [][]float64 `json:"centroids"`
	Labels    []int       `json:"labels"`
	Inertia   float64     `json:"inertia"`
	NIter     int         `json:"n_iter"`
}

func dense(rows [][]float64) *mat.Dense {
	out := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		out.SetRow(i, r)
	}
	return out
}

// TestLloydSklearn compares Lloyd with scikit-learn 1.2.1's KMeans(init=<array>, n_init=1,
// algorithm="lloyd", tol=0) on the cases of testdata/kmeans_sklearn.json (written by
// testdata/kmeans_sklearn.py): the labels exactly, the centroids and the inertia within a
// relative tolerance of 1e-9 (scikit-learn centres the data before its loops, so its sums
// round differently).
func TestLloydSklearn(t *testing.T) {
	raw, err := os.ReadFile("testdata/kmeans_sklearn.json")
	require.NoError(t, err)
	var file struct {
		Cases []sklearnCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &file))
	require.Len(t, file.Cases, 6)
	for _, c := range file.Cases {
		t.Run(c.Name, func(t *testing.T) {
			r := Lloyd(dense(c.X), dense(c.Init), c.MaxIter)
			assert.Equal(t, c.Labels, r.Labels)
			want := dense(c.Centroids)
			assert.True(t, mat.EqualApprox(r.Centroids, want, 1e-9*mat.Norm(want, math.Inf(1))), "centroids\n%v\nwant\n%v", mat.Formatted(r.Centroids), mat.Formatted(want))
			assert.InEpsilon(t, c.Inertia, r.Inertia[len(r.Inertia)-1], 1e-9)
			// scikit-learn's n_iter_ counts the final assignment that found nothing changed.
			if r.Converged {
				assert.Equal(t, c.NIter, r.Iter+1)
			} else {
				assert.Equal(t, c.NIter, r.Iter)
				assert.Equal(t, c.MaxIter, r.Iter)
			}
			for s := 1; s < len(r.Inertia); s++ {
				assert.LessOrEqual(t, r.Inertia[s], r.Inertia[s-1]*(1+1e-12), "inertia rose at step %d", s)
			}
		})
	}
}

// TestPenguinsFixture checks that the penguins cases' data is what datasets.Load and
// preprocess.StandardScaler give, so that the exercise's fixture is the oracle's.
func TestPenguinsFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/kmeans_sklearn.json")
	require.NoError(t, err)
	var file struct {
		Cases []sklearnCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &file))
	tab, err := datasets.Load("penguins")
	require.NoError(t, err)
	cols := []string{"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"}
	tab, err = tab.DropMissing(cols...)
	require.NoError(t, err)
	X := mat.NewDense(tab.NumRows(), 4, nil)
	for j, name := range cols {
		c, err := tab.Column(name)
		require.NoError(t, err)
		X.SetCol(j, c.Floats)
	}
	require.True(t, mat.Equal(X, dense(file.Cases[3].X)), "unscaled penguins")
	var s preprocess.StandardScaler
	Z := s.FitTransform(nil, X)
	require.True(t, mat.EqualApprox(Z, dense(file.Cases[0].X), 1e-12), "scaled penguins")
}

// TestAssignUpdateByHand checks Assign and Update on points on a line, by hand. Centroids 0 and
// 4; the points 0, 1, 2, 3, 10: 2 is at distance 2 from both, a tie that goes to centroid 0.
// Labels 0 0 0 1 1, inertia 0 + 1 + 4 + 1 + 36 = 42. Update: cluster 0 is {0, 1, 2}, mean 1;
// cluster 1 is {3, 10}, mean 6.5. With a third centroid at 100 that no point is nearest to,
// the third cluster is empty and keeps 100.
func TestAssignUpdateByHand(t *testing.T) {
	X := mat.NewDense(5, 1, []float64{0, 1, 2, 3, 10})
	C := mat.NewDense(3, 1, []float64{0, 4, 100})
	labels, inertia := Assign(nil, X, C)
	assert.Equal(t, []int{0, 0, 0, 1, 1}, labels)
	assert.Equal(t, 42.0, inertia)
	got := Update(nil, X, labels, C)
	assert.Equal(t, []float64{1, 6.5, 100}, got.RawMatrix().Data)
	assert.Equal(t, []float64{0, 4, 100}, C.RawMatrix().Data, "old is not modified")

	var dst mat.Dense
	Update(&dst, X, labels, C)
	assert.True(t, mat.Equal(&dst, got))
	assert.Panics(t, func() { Update(mat.NewDense(2, 1, nil), X, labels, C) })
	assert.Panics(t, func() { Update(nil, X, []int{0, 0, 0, 1, 3}, C) })
	assert.Panics(t, func() { Assign(nil, X, mat.NewDense(2, 2, nil)) })
	assert.Panics(t, func() { Lloyd(X, C, -1) })
}

// TestLloydEmptyCluster runs Lloyd with a centroid far from all rows: its cluster stays empty,
// it keeps its place, and the inertia never rises.
func TestLloydEmptyCluster(t *testing.T) {
	X := mat.NewDense(6, 2, []float64{0, 0, 0, 1, 1, 0, 10, 10, 10, 11, 11, 10})
	init := mat.NewDense(3, 2, []float64{0, 0, 10, 10, 1000, 1000})
	r := Lloyd(X, init, 10)
	assert.True(t, r.Converged)
	assert.Equal(t, []int{0, 0, 0, 1, 1, 1}, r.Labels)
	assert.Equal(t, []float64{1000, 1000}, r.Centroids.RawRowView(2))
	assert.InDelta(t, 1.0/3, r.Centroids.At(0, 0), 1e-15)
	assert.Len(t, r.Inertia, r.Iter+1)
	assert.Equal(t, 4.0, r.Inertia[0]) // 0 + 1 + 1 in each cluster
	assert.InDelta(t, 8.0/3, r.Inertia[len(r.Inertia)-1], 1e-12)

	r0 := Lloyd(X, init, 0)
	assert.Equal(t, 0, r0.Iter)
	assert.False(t, r0.Converged)
	assert.True(t, mat.Equal(r0.Centroids, init))
}

// sequence returns a uniform() that hands out the values in order.
func sequence(u ...float64) func() float64 {
	return func() float64 { v := u[0]; u = u[1:]; return v }
}

// TestPlusPlusByHand follows the draw rule on the points 0, 1, 3, 7 of a line. u = 0.3 picks
// row ⌊0.3·4⌋ = 1 (the point 1). D² = 1, 0, 4, 36, S = 41; u = 0.5 gives the target 20.5, and
// the running sums 1, 1, 5, 41 first exceed it at row 3. Then D² = 1, 0, 4, 0, S = 5; u = 0.1
// gives 0.5: row 0 (running sum 1). With u = 0.2 instead the target 1 equals the running sum
// at rows 0 and 1 (not exceeded: strict) and row 2 is taken.
func TestPlusPlusByHand(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{0, 1, 3, 7})
	assert.Equal(t, []int{1, 3, 0}, PlusPlusIndices(X, 3, sequence(0.3, 0.5, 0.1)))
	assert.Equal(t, []int{1, 3, 2}, PlusPlusIndices(X, 3, sequence(0.3, 0.5, 0.2)))
	C := PlusPlus(X, 2, sequence(0.99, 0))
	assert.Equal(t, []float64{7, 0}, C.RawMatrix().Data)
	// Fewer distinct rows than k: u = 0.9 picks row 2 (the 6); D² = 1, 1, 0 and u = 0.7 gives
	// the target 1.4, first exceeded at row 1; then every D² is 0, so row 0.
	Y := mat.NewDense(3, 1, []float64{5, 5, 6})
	assert.Equal(t, []int{2, 1, 0}, PlusPlusIndices(Y, 3, sequence(0.9, 0.7, 0.4)))
	assert.Panics(t, func() { PlusPlus(X, 5, sequence(0)) })
	assert.Panics(t, func() { PlusPlus(X, 2, sequence(1, 0)) })
}

// TestPlusPlusDistribution draws the second centre many times with the first fixed and checks
// that row i is chosen with probability Dᵢ²/S (each frequency within 5 standard errors).
func TestPlusPlusDistribution(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	X := mat.NewDense(5, 2, []float64{0, 0, 1, 0, 0, 2, 3, 3, -1, -1})
	d2 := []float64{0, 1, 4, 18, 2}
	const draws = 200_000
	counts := make([]int, 5)
	for range draws {
		first := true
		idx := PlusPlusIndices(X, 2, func() float64 {
			if first {
				first = false
				return 0 // row 0
			}
			return rng.Float64()
		})
		counts[idx[1]]++
	}
	for i, d := range d2 {
		p := d / 25
		se := math.Sqrt(p*(1-p)/draws) + 1e-12
		assert.InDelta(t, p, float64(counts[i])/draws, 5*se, "row %d", i)
	}
	assert.Zero(t, counts[0], "the chosen row is never chosen again")
}

// TestPlusPlusSpreads checks the property that makes k-means++ worth its cost: on well
// separated blobs it puts one centre in each blob far more often than uniform seeding does.
func TestPlusPlusSpreads(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const k, per = 5, 40
	X := mat.NewDense(k*per, 2, nil)
	for i := range k * per {
		X.Set(i, 0, float64(20*(i%k))+rng.NormFloat64())
		X.Set(i, 1, rng.NormFloat64())
	}
	hits := 0
	for range 500 {
		idx := PlusPlusIndices(X, k, rng.Float64)
		blobs := map[int]bool{}
		for _, i := range idx {
			blobs[i%k] = true
		}
		if len(blobs) == k {
			hits++
		}
	}
	// Uniform seeding covers all 5 blobs with probability 5!/5⁵ ≈ 0.04; k-means++ nearly always.
	assert.Greater(t, hits, 475)
}

func TestLloydNeverRises(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 20 {
		m, n, k := 50+rng.IntN(100), 1+rng.IntN(4), 2+rng.IntN(6)
		X := mat.NewDense(m, n, nil)
		for i := range m {
			for j := range n {
				X.Set(i, j, rng.NormFloat64()+float64(i%3))
			}
		}
		r := Lloyd(X, PlusPlus(X, k, rng.Float64), 100)
		require.Len(t, r.Inertia, r.Iter+1)
		for s := 1; s < len(r.Inertia); s++ {
			require.LessOrEqual(t, r.Inertia[s], r.Inertia[s-1]*(1+1e-12), "trial %d step %d", trial, s)
		}
		labels, inertia := Assign(nil, X, r.Centroids)
		require.Equal(t, r.Labels, labels)
		require.InDelta(t, inertia, r.Inertia[len(r.Inertia)-1], 1e-12*inertia)
		if r.Converged {
			require.True(t, mat.EqualApprox(Update(nil, X, r.Labels, r.Centroids), r.Centroids, 1e-12))
		}
		require.False(t, slices.ContainsFunc(r.Centroids.RawMatrix().Data, math.IsNaN))
	}
}

func TestKMeans(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{0, 1, 10, 11})
	r := KMeans{K: 2, Init: mat.NewDense(2, 1, []float64{0, 10})}.Fit(X)
	assert.Equal(t, []float64{0.5, 10.5}, r.Centroids.RawMatrix().Data)
	assert.Equal(t, []int{0, 0, 1, 1}, r.Labels)
	assert.Panics(t, func() { KMeans{K: 2}.Fit(X) })
	assert.Panics(t, func() { KMeans{K: 3, Init: mat.NewDense(2, 1, nil)}.Fit(X) })
	r = KMeans{K: 2, Uniform: sequence(0, 0.5)}.Fit(X) // rows 0 and 3
	assert.Equal(t, []int{0, 0, 1, 1}, r.Labels)
}
