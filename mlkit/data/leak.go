package data

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// This file holds the splits and checks that keep an evaluation honest when the rows are not
// independent draws: rows repeated across a split, and rows ordered in time.

// CrossDuplicates returns the test indices of s whose row of X equals the row of some training
// index of s: the test samples a model may have seen, value for value, during training. Rows
// are equal when every value is equal under ==, so 0 equals −0 and a row holding a NaN equals no
// row. An index that is in both s.Train and s.Test is returned, since its row equals itself.
// The result is in increasing order, each index once; it is nil when no test row is repeated.
//
// It costs one pass over the rows of s.Train and s.Test (a hash of each row). It panics if an
// index is outside the rows of X.
func CrossDuplicates(X mat.Matrix, s Split) []int {
	r, c := X.Dims()
	seen := make(map[string]bool, len(s.Train))
	row := make([]float64, c)
	key := func(i int) (string, bool) {
		if i < 0 || i >= r {
			panic(fmt.Sprintf("data: CrossDuplicates: index %d outside the %d rows of X", i, r))
		}
		mat.Row(row, i, X)
		var b strings.Builder
		for _, v := range row {
			if math.IsNaN(v) {
				return "", false
			}
			if v == 0 {
				v = 0 // −0 and 0 are equal: give them the same bits
			}
			b.WriteString(strconv.FormatUint(math.Float64bits(v), 16))
			b.WriteByte(',')
		}
		return b.String(), true
	}
	for _, i := range s.Train {
		if k, ok := key(i); ok {
			seen[k] = true
		}
	}
	var dup []int
	for _, j := range s.Test {
		if k, ok := key(j); ok && seen[k] {
			dup = append(dup, j)
		}
	}
	slices.Sort(dup)
	return slices.Compact(dup)
}

// TimeTrainTestSplit splits the indices 0..n−1 of n samples taken at the given times (n =
// len(times)) so that the test set is the future of the training set: the samples are ordered
// by time, ties by index (a stable sort), and the last nTest of that order form the test set
// and the others the training set, both in that order. nTest is ⌈TestFraction·n⌉ or TestCount,
// as for TrainTestSplit; opt.Seed is not used, since nothing is random.
//
// This is scikit-learn's train_test_split(order, shuffle=False) applied to the stable argsort
// of the times. No training sample is later than a test sample, so a model is never trained on
// the future of the rows it is judged on; samples that share the boundary's time may fall on
// both sides.
//
// It returns an error if a time is NaN, and the errors of TrainTestSplit.
func TimeTrainTestSplit(times []float64, opt SplitOptions) (Split, error) {
	n := len(times)
	nTest, err := opt.testSize(n)
	if err != nil {
		return Split{}, err
	}
	for i, t := range times {
		if math.IsNaN(t) {
			return Split{}, fmt.Errorf("time %d is NaN", i)
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(times[a], times[b]) })
	return Split{Train: order[: n-nTest : n-nTest], Test: order[n-nTest:]}, nil
}

// TrainAfterTest returns the training indices of s whose time is later than the earliest test
// time: the training samples that lie in the future of some test sample. A split by time
// (TimeTrainTestSplit) has none; a shuffled split of a time series usually has many. The result
// is in increasing order, each index once, and nil when there are none or s.Test is empty.
// NaN times compare as neither earlier nor later, so a training sample at a NaN time is never
// returned, and NaN test times are ignored.
//
// It panics if an index of s is outside times.
func TrainAfterTest(times []float64, s Split) []int {
	first := math.Inf(1)
	for _, j := range s.Test {
		if times[j] < first {
			first = times[j]
		}
	}
	var later []int
	for _, i := range s.Train {
		if times[i] > first {
			later = append(later, i)
		}
	}
	slices.Sort(later)
	return slices.Compact(later)
}
