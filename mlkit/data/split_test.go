package data

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
	"gonum.org/v1/gonum/mat"
)

// TestKFoldOracle reproduces every "kfold" case of testdata/sklearn.json (scikit-learn 1.2.1
// KFold without shuffling) exactly.
func TestKFoldOracle(t *testing.T) {
	type kfoldCase struct {
		N         int     `json:"n"`
		K         int     `json:"k"`
		TestFolds [][]int `json:"test_folds"`
	}
	for _, c := range oracletest.Cases[kfoldCase](t, "kfold") {
		splits, err := KFold(c.N, c.K, FoldOptions{})
		require.NoError(t, err)
		require.Len(t, splits, c.K)
		for f, s := range splits {
			assert.Equal(t, c.TestFolds[f], s.Test, "n=%d k=%d fold %d", c.N, c.K, f)
		}
		checkPartitions(t, c.N, splits)
	}
}

func TestKFoldSizes(t *testing.T) {
	// Counts from scikit-learn's rule: the first n mod k folds hold ⌊n/k⌋+1 samples.
	for _, tt := range []struct{ n, k int }{{10, 3}, {10, 5}, {11, 5}, {150, 10}, {2, 2}, {97, 7}} {
		for _, shuffle := range []bool{false, true} {
			splits, err := KFold(tt.n, tt.k, FoldOptions{Shuffle: shuffle, Seed: 3})
			require.NoError(t, err)
			for f, s := range splits {
				want := tt.n / tt.k
				if f < tt.n%tt.k {
					want++
				}
				assert.Len(t, s.Test, want, "n=%d k=%d fold %d shuffle %v", tt.n, tt.k, f, shuffle)
				assert.True(t, slices.IsSorted(s.Test) && slices.IsSorted(s.Train), "sorted indices")
			}
			checkPartitions(t, tt.n, splits)
		}
	}
}

func TestKFoldShuffle(t *testing.T) {
	a, err := KFold(50, 5, FoldOptions{Shuffle: true, Seed: 1})
	require.NoError(t, err)
	b, err := KFold(50, 5, FoldOptions{Shuffle: true, Seed: 1})
	require.NoError(t, err)
	c, err := KFold(50, 5, FoldOptions{Shuffle: true, Seed: 2})
	require.NoError(t, err)
	plain, err := KFold(50, 5, FoldOptions{})
	require.NoError(t, err)
	assert.Equal(t, a, b, "same seed, same folds")
	assert.NotEqual(t, a, c, "different seeds, different folds")
	assert.NotEqual(t, a, plain, "shuffled folds are not the contiguous ones")
	ignored, err := KFold(50, 5, FoldOptions{Seed: 9})
	require.NoError(t, err)
	assert.Equal(t, plain, ignored, "the seed is ignored without Shuffle")
}

// TestStratifiedKFoldOracle compares with scikit-learn 1.2.1's StratifiedKFold(k) without
// shuffling; the expected test folds were printed by
// [list(te) for tr, te in StratifiedKFold(k).split(np.zeros(len(y)), y)].
func TestStratifiedKFoldOracle(t *testing.T) {
	t.Run("ints", func(t *testing.T) {
		for _, tt := range []struct {
			y    []int
			k    int
			want [][]int
		}{
			{[]int{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, 3, [][]int{{0, 1, 4, 5}, {2, 6, 7}, {3, 8, 9}}},
			{[]int{2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1}, 4, [][]int{{0, 2, 5}, {1, 3, 6}, {4, 7, 8}, {9, 10, 11}}},
			{[]int{1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0}, 5, [][]int{{0, 1, 2}, {3, 4, 6}, {5, 7, 8}, {9, 10}, {11, 12}}},
			{[]int{1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 2, 1, 2, 0, 2, 1, 2, 0, 0, 2, 0, 1}, 4,
				[][]int{{0, 1, 2, 3, 5, 11}, {4, 6, 7, 8, 10, 13}, {9, 12, 14, 15, 17, 18}, {16, 19, 20, 21, 22}}},
		} {
			splits, err := StratifiedKFold(tt.y, tt.k, FoldOptions{})
			require.NoError(t, err)
			for f, s := range splits {
				assert.Equal(t, tt.want[f], s.Test, "y=%v fold %d", tt.y, f)
			}
			checkPartitions(t, len(tt.y), splits)
		}
	})
	t.Run("strings", func(t *testing.T) {
		y := []string{"b", "a", "b", "c", "a", "b", "b", "a", "c", "c", "b"}
		splits, err := StratifiedKFold(y, 3, FoldOptions{})
		require.NoError(t, err)
		want := [][]int{{0, 1, 2, 3}, {4, 5, 6, 8}, {7, 9, 10}}
		for f, s := range splits {
			assert.Equal(t, want[f], s.Test, "fold %d", f)
		}
	})
}

// TestStratifiedKFoldBalance checks on iris-like and skewed labels that every fold holds
// ⌊n_c/k⌋ or ⌈n_c/k⌉ samples of each class c, shuffled or not, and that shuffling is seeded.
func TestStratifiedKFoldBalance(t *testing.T) {
	ys := map[string][]float64{
		"iris-like": slices.Concat(repeat(0.0, 50), repeat(1.0, 50), repeat(2.0, 50)),
		"skewed":    interleave(repeat(1.0, 91), repeat(0.0, 17), repeat(2.0, 5)),
	}
	for name, y := range ys {
		for _, k := range []int{2, 3, 5, 10} {
			for _, opt := range []FoldOptions{{}, {Shuffle: true, Seed: 7}} {
				splits, err := StratifiedKFold(y, k, opt)
				require.NoError(t, err)
				checkPartitions(t, len(y), splits)
				total := countClasses(y, seq(len(y)))
				for f, s := range splits {
					got := countClasses(y, s.Test)
					for c, nc := range total {
						assert.True(t, got[c] == nc/k || got[c] == (nc+k-1)/k,
							"%s k=%d %+v fold %d: class %v has %d of %d", name, k, opt, f, c, got[c], nc)
					}
				}
			}
		}
	}
	y := ys["skewed"]
	a, _ := StratifiedKFold(y, 5, FoldOptions{Shuffle: true, Seed: 1})
	b, _ := StratifiedKFold(y, 5, FoldOptions{Shuffle: true, Seed: 1})
	c, _ := StratifiedKFold(y, 5, FoldOptions{Shuffle: true, Seed: 2})
	assert.Equal(t, a, b)
	assert.NotEqual(t, a, c)
}

func TestFoldErrors(t *testing.T) {
	_, err := KFold(10, 1, FoldOptions{})
	assert.EqualError(t, err, "k-fold needs k ≥ 2 folds, got 1")
	_, err = KFold(3, 4, FoldOptions{})
	assert.EqualError(t, err, "cannot cut 3 samples into 4 folds")
	_, err = StratifiedKFold([]int{0, 0, 1, 1, 2, 2}, 3, FoldOptions{})
	assert.EqualError(t, err, "k = 3 folds is more than the number of samples in every one of the 3 classes")
	_, err = StratifiedKFold([]float64{0, 1, math.NaN(), 1}, 2, FoldOptions{})
	assert.EqualError(t, err, "label 2 is NaN")
	_, err = StratifiedKFold([]int{0, 1}, 3, FoldOptions{})
	assert.Error(t, err)
	_, err = StratifiedKFold([]int{0, 1, 1}, 1, FoldOptions{})
	assert.Error(t, err)
	// A class smaller than k is allowed when another class is large enough, as in scikit-learn
	// (which warns).
	_, err = StratifiedKFold([]int{0, 0, 0, 1}, 3, FoldOptions{})
	assert.NoError(t, err)
}

// TestTrainTestSplitSizes checks the sizes against scikit-learn 1.2.1's train_test_split
// (printed with len(tr), len(te)), including products that land just above or below an integer
// in float64, such as 0.07·100 = 7.000000000000001 → 8 test samples.
func TestTrainTestSplitSizes(t *testing.T) {
	for _, tt := range []struct {
		n         int
		fraction  float64
		count     int
		wantTrain int
		wantTest  int
	}{
		{10, 0.25, 0, 7, 3},
		{10, 0.33, 0, 6, 4},
		{10, 0.7, 0, 3, 7},
		{10, 0.3, 0, 7, 3},
		{150, 0.2, 0, 120, 30},
		{7, 0.5, 0, 3, 4},
		{3, 0.1, 0, 2, 1},
		{100, 0.07, 0, 92, 8},
		{100, 0.29, 0, 71, 29},
		{100, 0.57, 0, 43, 57},
		{1000, 0.035, 0, 965, 35},
		{50, 0.14, 0, 42, 8},
		{10, 0, 0, 7, 3}, // default 0.25
		{10, 0.5, 4, 6, 4},
		{2, 0, 1, 1, 1},
	} {
		s, err := TrainTestSplit(tt.n, SplitOptions{TestFraction: tt.fraction, TestCount: tt.count, Seed: 42})
		require.NoError(t, err)
		assert.Len(t, s.Train, tt.wantTrain, "n=%d fraction=%v count=%d: train", tt.n, tt.fraction, tt.count)
		assert.Len(t, s.Test, tt.wantTest, "n=%d fraction=%v count=%d: test", tt.n, tt.fraction, tt.count)
		checkPartitions(t, tt.n, []Split{s})
	}
}

func TestTrainTestSplitErrors(t *testing.T) {
	for _, tt := range []struct {
		n    int
		opt  SplitOptions
		want string
	}{
		{1, SplitOptions{}, "cannot split 1 samples: a train and a test set need at least 2"},
		{10, SplitOptions{TestFraction: 1}, "test fraction 1 is outside (0, 1)"},
		{10, SplitOptions{TestFraction: -0.1}, "test fraction -0.1 is outside (0, 1)"},
		{10, SplitOptions{TestFraction: math.NaN()}, "test fraction NaN is outside (0, 1)"},
		{10, SplitOptions{TestFraction: 0.95}, "test fraction 0.95 of 10 samples gives ⌈0.95·10⌉ = 10 test samples and leaves the training set empty"},
		{10, SplitOptions{TestCount: 10}, "test count 10 of 10 samples leaves the training set empty"},
		{10, SplitOptions{TestCount: -1}, "test count -1 is negative"},
	} {
		_, err := TrainTestSplit(tt.n, tt.opt)
		assert.EqualError(t, err, tt.want)
	}
}

func TestTrainTestSplitDeterminism(t *testing.T) {
	a, err := TrainTestSplit(100, SplitOptions{Seed: 5})
	require.NoError(t, err)
	b, err := TrainTestSplit(100, SplitOptions{Seed: 5})
	require.NoError(t, err)
	c, err := TrainTestSplit(100, SplitOptions{Seed: 6})
	require.NoError(t, err)
	assert.Equal(t, a, b, "same seed, same split")
	assert.NotEqual(t, a.Test, c.Test, "different seeds, different splits")
	assert.False(t, slices.IsSorted(a.Test), "the split is shuffled")
	// Appending to Test must not overwrite Train (they share one permutation).
	train := slices.Clone(a.Train)
	_ = append(a.Test, -1)
	assert.Equal(t, train, a.Train)
}

// TestStratifiedTrainTestSplitOracle compares the per-class test counts with scikit-learn
// 1.2.1's train_test_split(stratify=y) over random_state 0..29 (np.bincount(y[te])): where its
// allocation has a random tie-break, every count we produce must be one it produces.
func TestStratifiedTrainTestSplitOracle(t *testing.T) {
	for _, tt := range []struct {
		counts   []int
		fraction float64
		want     [][]int // the possible per-class test counts
	}{
		{[]int{7, 5, 3}, 0.4, [][]int{{3, 2, 1}}},
		{[]int{60, 30, 10}, 0.3, [][]int{{18, 9, 3}}},
		{[]int{40, 9}, 0.33, [][]int{{14, 3}}},
		{[]int{50, 50, 50}, 0.2, [][]int{{10, 10, 10}}},
		{[]int{13, 29, 8}, 0.2, [][]int{{2, 6, 2}, {3, 6, 1}}},
		{[]int{3, 3, 3, 2}, 0.5, [][]int{{2, 1, 2, 1}, {1, 2, 2, 1}, {2, 2, 1, 1}}},
	} {
		var y []int
		for c, n := range tt.counts {
			y = append(y, repeat(c, n)...)
		}
		seen := map[string]bool{}
		for seed := range uint64(40) {
			s, err := StratifiedTrainTestSplit(y, SplitOptions{TestFraction: tt.fraction, Seed: seed})
			require.NoError(t, err)
			checkPartitions(t, len(y), []Split{s})
			got := countClasses(y, s.Test)
			counts := make([]int, len(tt.counts))
			for c := range counts {
				counts[c] = got[c]
			}
			assert.Contains(t, tt.want, counts, "counts %v fraction %v seed %d", tt.counts, tt.fraction, seed)
			seen[string(must(json.Marshal(counts)))] = true
		}
		assert.Len(t, seen, len(tt.want), "counts %v: every tie-break outcome occurs over 40 seeds", tt.counts)
	}
}

// TestStratifiedTrainTestSplitProperties: disjoint and complete, the test count of every class
// within one sample of n_c·nTest/n, deterministic per seed, different for different seeds.
func TestStratifiedTrainTestSplitProperties(t *testing.T) {
	y := interleave(repeat("pos", 37), repeat("neg", 200), repeat("odd", 11))
	for _, fraction := range []float64{0.1, 0.25, 0.5, 0.8} {
		for seed := range uint64(10) {
			s, err := StratifiedTrainTestSplit(y, SplitOptions{TestFraction: fraction, Seed: seed})
			require.NoError(t, err)
			checkPartitions(t, len(y), []Split{s})
			n, nTest := float64(len(y)), float64(len(s.Test))
			assert.Equal(t, int(math.Ceil(fraction*n)), len(s.Test))
			got, total := countClasses(y, s.Test), countClasses(y, seq(len(y)))
			for c, nc := range total {
				assert.Less(t, math.Abs(float64(got[c])-float64(nc)*nTest/n), 1.0,
					"fraction %v seed %d class %s: %d of %d", fraction, seed, c, got[c], nc)
			}
		}
	}
	a, _ := StratifiedTrainTestSplit(y, SplitOptions{Seed: 1})
	b, _ := StratifiedTrainTestSplit(y, SplitOptions{Seed: 1})
	c, _ := StratifiedTrainTestSplit(y, SplitOptions{Seed: 2})
	assert.Equal(t, a, b)
	assert.NotEqual(t, a, c)
}

func TestStratifiedTrainTestSplitErrors(t *testing.T) {
	_, err := StratifiedTrainTestSplit([]int{0, 0, 0, 1, 2, 2}, SplitOptions{TestFraction: 0.5})
	assert.EqualError(t, err, "class 1 has only 1 sample; stratifying needs at least 2 in each class")
	_, err = StratifiedTrainTestSplit([]int{0, 0, 1, 1, 2, 2, 2, 2}, SplitOptions{TestCount: 2})
	assert.EqualError(t, err, "a training set of 6 and a test set of 2 samples cannot both hold all 3 classes")
	_, err = StratifiedTrainTestSplit([]float64{0, 0, math.NaN(), 1, 1}, SplitOptions{TestFraction: 0.5})
	assert.EqualError(t, err, "label 2 is NaN")
	_, err = StratifiedTrainTestSplit([]int{0}, SplitOptions{})
	assert.Error(t, err)
}

func TestTake(t *testing.T) {
	assert.Equal(t, []string{"c", "a", "c"}, Take([]string{"a", "b", "c"}, []int{2, 0, 2}))
	assert.Empty(t, Take([]float64{1}, nil))
	assert.Panics(t, func() { Take([]int{1, 2}, []int{2}) })

	X := mat.NewDense(4, 2, []float64{0, 1, 10, 11, 20, 21, 30, 31})
	want := mat.NewDense(3, 2, []float64{30, 31, 0, 1, 30, 31})
	assert.True(t, mat.Equal(want, TakeRows(X, []int{3, 0, 3})))
	assert.True(t, mat.Equal(mat.NewDense(2, 4, []float64{1, 11, 21, 31, 0, 10, 20, 30}), TakeRows(X.T(), []int{1, 0})),
		"a matrix that is not a *mat.Dense")
	assert.PanicsWithValue(t, "data: TakeRows: index 4 at position 1 is outside [0, 4)", func() { TakeRows(X, []int{0, 4}) })
	assert.Panics(t, func() { TakeRows(X, nil) })
	got := TakeRows(X, []int{1})
	got.Set(0, 0, -1)
	assert.Equal(t, 10.0, X.At(1, 0), "TakeRows copies")
}

// checkPartitions asserts that each split holds every index of 0..n−1 exactly once and that
// the test sets of a k-fold (more than one split) are disjoint and cover 0..n−1.
func checkPartitions(t *testing.T, n int, splits []Split) {
	t.Helper()
	inTest := make([]int, n)
	for f, s := range splits {
		all := slices.Concat(s.Train, s.Test)
		slices.Sort(all)
		require.Equal(t, seq(n), all, "split %d is not a partition of 0..%d", f, n-1)
		require.NotEmpty(t, s.Train, "split %d: empty training set", f)
		require.NotEmpty(t, s.Test, "split %d: empty test set", f)
		for _, i := range s.Test {
			inTest[i]++
		}
	}
	if len(splits) > 1 {
		for i, c := range inTest {
			require.Equal(t, 1, c, "index %d is in %d test folds", i, c)
		}
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func repeat[E any](v E, n int) []E {
	s := make([]E, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// interleave mixes the slices round-robin, so that classes are not in blocks.
func interleave[E any](ss ...[]E) []E {
	var out []E
	for i := 0; ; i++ {
		added := false
		for _, s := range ss {
			if i < len(s) {
				out = append(out, s[i])
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

func countClasses[E comparable](y []E, idx []int) map[E]int {
	m := map[E]int{}
	for _, i := range idx {
		m[y[i]]++
	}
	return m
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestSplitPropertiesRandom checks the invariants of every splitter on random sizes, labels and
// seeds: partitions of 0..n−1, test folds disjoint and covering, class counts per test set within
// one sample of proportional, and the same result for the same seed.
func TestSplitPropertiesRandom(t *testing.T) {
	rng := newRand(2026)
	cases := 300
	if testing.Short() {
		cases = 50
	}
	stratified, stratifiedFolds := 0, 0
	for range cases {
		n := 2 + rng.IntN(200)
		k := 2 + rng.IntN(min(n-1, 12))
		seed := rng.Uint64()
		folds, err := KFold(n, k, FoldOptions{Shuffle: rng.IntN(2) == 0, Seed: seed})
		require.NoError(t, err)
		checkPartitions(t, n, folds)

		nClasses := 1 + rng.IntN(5)
		y := make([]int, n)
		for i := range y {
			y[i] = rng.IntN(nClasses) * 10 // labels need not be 0..K−1
		}
		total := countClasses(y, seq(n))
		opt := FoldOptions{Shuffle: rng.IntN(2) == 0, Seed: seed}
		sfolds, err := StratifiedKFold(y, k, opt)
		if err == nil {
			checkPartitions(t, n, sfolds)
			for f, s := range sfolds {
				got := countClasses(y, s.Test)
				for c, nc := range total {
					require.True(t, got[c] == nc/k || got[c] == (nc+k-1)/k, "n=%d k=%d fold %d class %d: %d of %d", n, k, f, c, got[c], nc)
				}
			}
			again, _ := StratifiedKFold(y, k, opt)
			require.Equal(t, sfolds, again)
			stratifiedFolds++
		} else {
			for _, nc := range total {
				require.Less(t, nc, k, "StratifiedKFold failed although a class has ≥ k samples: %v", err)
			}
		}

		sopt := SplitOptions{TestFraction: 0.05 + 0.9*rng.Float64(), Seed: seed}
		s, err := StratifiedTrainTestSplit(y, sopt)
		if err != nil {
			continue // too few samples for some class or side; the errors have their own test
		}
		checkPartitions(t, n, []Split{s})
		got := countClasses(y, s.Test)
		for c, nc := range total {
			want := float64(nc) * float64(len(s.Test)) / float64(n)
			require.Less(t, math.Abs(float64(got[c])-want), 1.0, "n=%d %+v class %d", n, sopt, c)
		}
		again, _ := StratifiedTrainTestSplit(y, sopt)
		require.Equal(t, s, again)
		stratified++
	}
	// Most random cases must exercise the stratified splitters, not only their errors.
	assert.Greater(t, stratifiedFolds, cases*3/4, "StratifiedKFold cases run")
	assert.Greater(t, stratified, cases/2, "StratifiedTrainTestSplit cases run")
	t.Logf("%d StratifiedKFold and %d StratifiedTrainTestSplit cases of %d", stratifiedFolds, stratified, cases)
}
