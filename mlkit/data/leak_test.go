package data

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// leakOracle is testdata/leak_sklearn.json, written by testdata/leak_sklearn.py with
// scikit-learn 1.2.1 and numpy 1.24.2 (see the script for how each value is computed).
type leakOracle struct {
	TimeSplit []struct {
		Times        []float64 `json:"times"`
		TestFraction float64   `json:"test_fraction"`
		TestCount    int       `json:"test_count"`
		Train        []int     `json:"train"`
		Test         []int     `json:"test"`
	} `json:"time_split"`
	CrossDuplicates []struct {
		X     [][]float64 `json:"x"`
		Train []int       `json:"train"`
		Test  []int       `json:"test"`
		Want  []int       `json:"want"`
	} `json:"cross_duplicates"`
	TrainAfterTest []struct {
		Times []float64 `json:"times"`
		Train []int     `json:"train"`
		Test  []int     `json:"test"`
		Want  []int     `json:"want"`
	} `json:"train_after_test"`
}

func readLeakOracle(t *testing.T) leakOracle {
	t.Helper()
	raw, err := os.ReadFile("testdata/leak_sklearn.json")
	require.NoError(t, err)
	var o leakOracle
	require.NoError(t, json.Unmarshal(raw, &o))
	require.NotEmpty(t, o.TimeSplit)
	require.NotEmpty(t, o.CrossDuplicates)
	require.NotEmpty(t, o.TrainAfterTest)
	return o
}

// TestTimeTrainTestSplitOracle reproduces scikit-learn's train_test_split(shuffle=False) on the
// stable argsort of the times exactly: the same indices in the same order.
func TestTimeTrainTestSplitOracle(t *testing.T) {
	for i, c := range readLeakOracle(t).TimeSplit {
		s, err := TimeTrainTestSplit(c.Times, SplitOptions{TestFraction: c.TestFraction, TestCount: c.TestCount, Seed: 99})
		require.NoError(t, err, "case %d", i)
		assert.Equal(t, c.Train, s.Train, "case %d: train", i)
		assert.Equal(t, c.Test, s.Test, "case %d: test", i)
		assert.Empty(t, TrainAfterTest(c.Times, s), "case %d: a split by time has no training sample after a test sample", i)
	}
}

// TestCrossDuplicatesOracle compares with the test indices whose row is among the training rows,
// found with Python tuples.
func TestCrossDuplicatesOracle(t *testing.T) {
	for i, c := range readLeakOracle(t).CrossDuplicates {
		X := mat.NewDense(len(c.X), len(c.X[0]), nil)
		for r, row := range c.X {
			X.SetRow(r, row)
		}
		got := CrossDuplicates(X, Split{Train: c.Train, Test: c.Test})
		assert.Equal(t, c.Want, got, "case %d", i)
	}
}

// TestTrainAfterTestOracle compares with numpy's answer on random times and splits.
func TestTrainAfterTestOracle(t *testing.T) {
	for i, c := range readLeakOracle(t).TrainAfterTest {
		got := TrainAfterTest(c.Times, Split{Train: c.Train, Test: c.Test})
		if len(c.Want) == 0 {
			assert.Empty(t, got, "case %d", i)
			continue
		}
		assert.Equal(t, c.Want, got, "case %d", i)
	}
}

func TestCrossDuplicates(t *testing.T) {
	nan := math.NaN()
	negZero := math.Copysign(0, -1)
	X := mat.NewDense(7, 2, []float64{
		1, 2, // 0
		3, 4, // 1
		1, 2, // 2: a copy of row 0
		0, 5, // 3
		negZero, 5, // 4: equals row 3 (−0 == 0)
		nan, 1, // 5: equals no row, not even itself
		3, 4, // 6: a copy of row 1
	})
	for _, tt := range []struct {
		name  string
		split Split
		want  []int
	}{
		{"copies across the split", Split{Train: []int{0, 1, 3}, Test: []int{6, 2, 4}}, []int{2, 4, 6}},
		{"copies inside one set do not count", Split{Train: []int{0, 2}, Test: []int{1, 6}}, nil},
		{"an index in both sets", Split{Train: []int{1, 3}, Test: []int{3, 0}}, []int{3}},
		{"NaN equals nothing", Split{Train: []int{5, 0}, Test: []int{5}}, nil},
		{"each index once", Split{Train: []int{0, 2}, Test: []int{2, 2, 0}}, []int{0, 2}},
		{"empty sets", Split{}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, CrossDuplicates(X, tt.split))
		})
	}
	assert.Panics(t, func() { CrossDuplicates(X, Split{Train: []int{7}}) })
}

func TestTimeTrainTestSplit(t *testing.T) {
	times := []float64{5, 1, 3, 3, 0, 9, 3, 2}
	s, err := TimeTrainTestSplit(times, SplitOptions{TestCount: 3})
	require.NoError(t, err)
	// Order by time, ties by index: 4 (0), 1 (1), 7 (2), 2, 3, 6 (3), 0 (5), 5 (9).
	assert.Equal(t, []int{4, 1, 7, 2, 3}, s.Train)
	assert.Equal(t, []int{6, 0, 5}, s.Test)

	s, err = TimeTrainTestSplit(times, SplitOptions{TestFraction: 0.3}) // ⌈0.3·8⌉ = 3
	require.NoError(t, err)
	assert.Equal(t, []int{6, 0, 5}, s.Test)

	s, err = TimeTrainTestSplit(times, SplitOptions{}) // the default 0.25: ⌈2⌉ = 2
	require.NoError(t, err)
	assert.Equal(t, []int{0, 5}, s.Test)
	assert.Equal(t, []float64{5, 1, 3, 3, 0, 9, 3, 2}, times, "the times are not changed")

	for _, tt := range []struct {
		name  string
		times []float64
		opt   SplitOptions
	}{
		{"NaN time", []float64{1, math.NaN(), 2}, SplitOptions{}},
		{"one sample", []float64{1}, SplitOptions{}},
		{"count too large", []float64{1, 2, 3}, SplitOptions{TestCount: 3}},
		{"fraction outside (0, 1)", []float64{1, 2, 3}, SplitOptions{TestFraction: 1.5}},
	} {
		_, err := TimeTrainTestSplit(tt.times, tt.opt)
		assert.Error(t, err, tt.name)
	}
}

func TestTrainAfterTest(t *testing.T) {
	times := []float64{1, 2, 3, 4, 5, 5, math.NaN()}
	for _, tt := range []struct {
		name  string
		split Split
		want  []int
	}{
		{"split by time", Split{Train: []int{0, 1, 2}, Test: []int{3, 4}}, nil},
		{"shuffled", Split{Train: []int{4, 0, 3}, Test: []int{1, 2}}, []int{3, 4}},
		{"a shared time is not later", Split{Train: []int{0, 4}, Test: []int{5}}, nil},
		{"NaN times are ignored", Split{Train: []int{6, 2}, Test: []int{6, 1}}, []int{2}},
		{"no test set", Split{Train: []int{0, 5}}, nil},
		{"each index once", Split{Train: []int{5, 5, 4}, Test: []int{0}}, []int{4, 5}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, TrainAfterTest(times, tt.split))
		})
	}
	assert.True(t, slices.Equal(times[:6], []float64{1, 2, 3, 4, 5, 5}), "the times are not changed")
}
