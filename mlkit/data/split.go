package data

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Split is one partition of the sample indices 0..n−1 into a training part and a test part.
// Together Train and Test hold every index exactly once.
type Split struct {
	Train []int
	Test  []int
}

// SplitOptions configures TrainTestSplit and StratifiedTrainTestSplit. The zero value puts 25% of
// the samples in the test set, as scikit-learn's train_test_split does, with seed 0.
type SplitOptions struct {
	// TestFraction is the share of samples in the test set, in (0, 1); the test set holds
	// ⌈TestFraction·n⌉ samples (computed in float64, as scikit-learn does) and the training set
	// the rest. 0 means 0.25.
	TestFraction float64
	// TestCount, when positive, is the exact number of test samples; it overrides TestFraction.
	TestCount int
	// Seed seeds the generator that shuffles; the same seed gives the same split.
	Seed uint64
}

// FoldOptions configures KFold and StratifiedKFold. The zero value does not shuffle.
type FoldOptions struct {
	// Shuffle shuffles the samples before they are cut into folds.
	Shuffle bool
	// Seed seeds the shuffle; it is ignored when Shuffle is false.
	Seed uint64
}

// newRand returns the generator every split uses: PCG from math/rand/v2 seeded with (seed, 0).
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

// testSize returns the number of test samples among n, following scikit-learn's
// _validate_shuffle_split: ⌈fraction·n⌉, or the count.
func (o SplitOptions) testSize(n int) (int, error) {
	if n < 2 {
		return 0, fmt.Errorf("cannot split %d samples: a train and a test set need at least 2", n)
	}
	if o.TestCount < 0 {
		return 0, fmt.Errorf("test count %d is negative", o.TestCount)
	}
	if o.TestCount > 0 {
		if o.TestCount >= n {
			return 0, fmt.Errorf("test count %d of %d samples leaves the training set empty", o.TestCount, n)
		}
		return o.TestCount, nil
	}
	f := o.TestFraction
	if f == 0 {
		f = 0.25
	}
	if !(f > 0 && f < 1) {
		return 0, fmt.Errorf("test fraction %v is outside (0, 1)", f)
	}
	nTest := int(math.Ceil(f * float64(n)))
	if nTest >= n {
		return 0, fmt.Errorf("test fraction %v of %d samples gives ⌈%v·%d⌉ = %d test samples and leaves the training set empty",
			f, n, f, n, nTest)
	}
	return nTest, nil
}

// TrainTestSplit splits the indices 0..n−1 at random into a training and a test set, as
// scikit-learn's train_test_split(shuffle=True) does: it draws a random permutation p of 0..n−1;
// Test is p[:nTest] and Train is p[nTest:], both in permutation order, where nTest is
// ⌈opt.TestFraction·n⌉ or opt.TestCount.
//
// It returns an error if n < 2, or if the options are invalid or leave either set empty.
func TrainTestSplit(n int, opt SplitOptions) (Split, error) {
	nTest, err := opt.testSize(n)
	if err != nil {
		return Split{}, err
	}
	p := newRand(opt.Seed).Perm(n)
	return Split{Train: p[nTest:], Test: p[:nTest:nTest]}, nil
}

// StratifiedTrainTestSplit splits the indices of the labels y into a training and a test set that
// keep the class proportions of y, following scikit-learn's StratifiedShuffleSplit (what
// train_test_split(stratify=y) uses). The sizes are those of TrainTestSplit: n = len(y), nTest
// from opt, nTrain = n − nTest.
//
// The rule: let class c have n_c samples. Class c first gets ⌊n_c·nTrain/n⌋ training samples
// (computed as n_c/n·nTrain in float64, as scikit-learn does); the training samples still
// missing go one each to the classes with the largest fractional parts n_c/n·nTrain − ⌊·⌋, ties
// broken at random by the seeded generator; the other samples of the class are its test
// samples. So every class has a number of test samples within one of n_c·nTest/n. Which samples
// of a class go where is random, and both sets are returned shuffled.
//
// It returns an error, as scikit-learn does, if a label is NaN, a class has fewer than 2
// samples, or either set would have fewer samples than there are classes, and the errors of
// TrainTestSplit.
func StratifiedTrainTestSplit[L cmp.Ordered](y []L, opt SplitOptions) (Split, error) {
	n := len(y)
	nTest, err := opt.testSize(n)
	if err != nil {
		return Split{}, err
	}
	classes, members, err := groupSorted(y)
	if err != nil {
		return Split{}, err
	}
	for c, m := range members {
		if len(m) < 2 {
			return Split{}, fmt.Errorf("class %v has only 1 sample; stratifying needs at least 2 in each class", classes[c])
		}
	}
	nTrain := n - nTest
	if k := len(classes); nTrain < k || nTest < k {
		return Split{}, fmt.Errorf("a training set of %d and a test set of %d samples cannot both hold all %d classes", nTrain, nTest, k)
	}
	rng := newRand(opt.Seed)
	counts := make([]int, len(members))
	for c, m := range members {
		counts[c] = len(m)
	}
	trainPerClass := allocate(counts, nTrain, rng)
	s := Split{Train: make([]int, 0, nTrain), Test: make([]int, 0, nTest)}
	for c, m := range members {
		m = slices.Clone(m)
		rng.Shuffle(len(m), func(i, j int) { m[i], m[j] = m[j], m[i] })
		s.Train = append(s.Train, m[:trainPerClass[c]]...)
		s.Test = append(s.Test, m[trainPerClass[c]:]...)
	}
	rng.Shuffle(len(s.Train), func(i, j int) { s.Train[i], s.Train[j] = s.Train[j], s.Train[i] })
	rng.Shuffle(len(s.Test), func(i, j int) { s.Test[i], s.Test[j] = s.Test[j], s.Test[i] })
	return s, nil
}

// allocate shares draws among classes of the given counts in proportion to the counts, by
// largest remainder with random tie-breaking: scikit-learn's _approximate_mode.
func allocate(counts []int, draws int, rng *rand.Rand) []int {
	total := 0
	for _, c := range counts {
		total += c
	}
	alloc := make([]int, len(counts))
	rem := make([]float64, len(counts))
	left := draws
	for c, nc := range counts {
		x := float64(nc) / float64(total) * float64(draws)
		f := math.Floor(x)
		alloc[c], rem[c] = int(f), x-f
		left -= alloc[c]
	}
	order := rng.Perm(len(counts))
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rem[b], rem[a]) })
	for _, c := range order[:min(max(left, 0), len(order))] {
		alloc[c]++
	}
	return alloc
}

// groupSorted returns the distinct labels of y in sorted order and, for each, the indices of
// its samples in ascending order. It returns an error if a label is NaN.
func groupSorted[L cmp.Ordered](y []L) (classes []L, members [][]int, err error) {
	for i, v := range y {
		if v != v {
			return nil, nil, fmt.Errorf("label %d is NaN", i)
		}
	}
	classes = slices.Clone(y)
	slices.Sort(classes)
	classes = slices.Compact(classes)
	members = make([][]int, len(classes))
	for i, v := range y {
		c, _ := slices.BinarySearch(classes, v)
		members[c] = append(members[c], i)
	}
	return classes, members, nil
}

// KFold cuts the indices 0..n−1 into k folds and returns, for each fold, the split that tests on
// it and trains on the others, as scikit-learn's KFold does. The folds are contiguous runs of
// the indices, or of a seeded random permutation of them when opt.Shuffle is set; the first
// n mod k folds hold ⌊n/k⌋+1 samples and the others ⌊n/k⌋. Train and Test are sorted ascending.
//
// It returns an error if k < 2 or k > n.
func KFold(n, k int, opt FoldOptions) ([]Split, error) {
	if k < 2 {
		return nil, fmt.Errorf("k-fold needs k ≥ 2 folds, got %d", k)
	}
	if k > n {
		return nil, fmt.Errorf("cannot cut %d samples into %d folds", n, k)
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if opt.Shuffle {
		newRand(opt.Seed).Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	fold := make([]int, n)
	start := 0
	for f := range k {
		size := n / k
		if f < n%k {
			size++
		}
		for _, i := range order[start : start+size] {
			fold[i] = f
		}
		start += size
	}
	return splitsFromFolds(fold, k), nil
}

// StratifiedKFold cuts the indices of the labels y into k folds that keep the class proportions
// of y, and returns for each fold the split that tests on it, as scikit-learn's StratifiedKFold
// (1.2) does; without shuffling, the folds are the same as scikit-learn's.
//
// The rule: number the classes in order of first appearance in y, sort the class numbers of all
// samples, and deal that sorted list out to the folds like cards (sample j to fold j mod k);
// fold f then receives, from class c, as many samples as it was dealt c's. Each class's samples
// are handed out in index order: the first to fold 0 up to its share, the next to fold 1, and so
// on, or in a seeded random order when opt.Shuffle is set. So fold f holds ⌊n_c/k⌋ or ⌈n_c/k⌉
// samples of a class with n_c samples. Train and Test are sorted ascending.
//
// It returns an error if k < 2, k > len(y), a label is NaN, or every class has fewer than k
// samples. A class with fewer than k samples (but not all) is allowed and is missing from some
// test folds; scikit-learn warns about it.
func StratifiedKFold[L cmp.Ordered](y []L, k int, opt FoldOptions) ([]Split, error) {
	n := len(y)
	if k < 2 {
		return nil, fmt.Errorf("k-fold needs k ≥ 2 folds, got %d", k)
	}
	if k > n {
		return nil, fmt.Errorf("cannot cut %d samples into %d folds", n, k)
	}
	classes, members, err := groupSorted(y)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(members, func(m []int) bool { return len(m) >= k }) {
		return nil, fmt.Errorf("k = %d folds is more than the number of samples in every one of the %d classes", k, len(classes))
	}
	// Number the classes by first appearance, as scikit-learn does.
	slices.SortFunc(members, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	// dealt[f][c]: how many samples of class c fold f gets. The sorted class numbers are
	// len(members[0]) zeros, then len(members[1]) ones, ...; position j goes to fold j mod k.
	dealt := make([][]int, k)
	for f := range dealt {
		dealt[f] = make([]int, len(members))
	}
	j := 0
	for c, m := range members {
		for range m {
			dealt[j%k][c]++
			j++
		}
	}
	var rng *rand.Rand
	if opt.Shuffle {
		rng = newRand(opt.Seed)
	}
	fold := make([]int, n)
	for c, m := range members {
		folds := make([]int, 0, len(m))
		for f := range k {
			for range dealt[f][c] {
				folds = append(folds, f)
			}
		}
		if rng != nil {
			rng.Shuffle(len(folds), func(i, j int) { folds[i], folds[j] = folds[j], folds[i] })
		}
		for p, i := range m {
			fold[i] = folds[p]
		}
	}
	return splitsFromFolds(fold, k), nil
}

// splitsFromFolds returns one split per fold: fold[i] is the fold of sample i.
func splitsFromFolds(fold []int, k int) []Split {
	sizes := make([]int, k)
	for _, f := range fold {
		sizes[f]++
	}
	splits := make([]Split, k)
	for f := range splits {
		splits[f] = Split{Train: make([]int, 0, len(fold)-sizes[f]), Test: make([]int, 0, sizes[f])}
	}
	for i, fi := range fold {
		for f := range splits {
			if f == fi {
				splits[f].Test = append(splits[f].Test, i)
			} else {
				splits[f].Train = append(splits[f].Train, i)
			}
		}
	}
	return splits
}

// Take returns the elements of s at the indices idx, in that order: Take(y, split.Test) is the
// test part of y. An index may repeat.
//
// It panics if an index is out of range.
func Take[S ~[]E, E any](s S, idx []int) S {
	out := make(S, len(idx))
	for i, j := range idx {
		out[i] = s[j]
	}
	return out
}

// TakeRows returns a new matrix holding the rows of X at the indices idx, in that order:
// TakeRows(X, split.Train) is the training part of X. An index may repeat.
//
// It panics if idx is empty (a mat.Dense cannot be empty) or an index is out of range.
func TakeRows(X mat.Matrix, idx []int) *mat.Dense {
	r, c := X.Dims()
	if len(idx) == 0 {
		panic("data: TakeRows: no indices (a mat.Dense cannot have zero rows)")
	}
	dst := mat.NewDense(len(idx), c, nil)
	rm, isRaw := X.(mat.RawMatrixer)
	var m blas64.General
	if isRaw {
		m = rm.RawMatrix()
	}
	for i, j := range idx {
		if j < 0 || j >= r {
			panic(fmt.Sprintf("data: TakeRows: index %d at position %d is outside [0, %d)", j, i, r))
		}
		if isRaw {
			copy(dst.RawRowView(i), m.Data[j*m.Stride:j*m.Stride+c])
			continue
		}
		for col := range c {
			dst.Set(i, col, X.At(j, col))
		}
	}
	return dst
}
