// Package leakage holds exercise 20: find the leaks in machine-learning pipelines (a feature that
// gives the target away, a step fitted on test rows, rows repeated across the split, a feature
// or a training row from the future) and score a pipeline honestly, with its leaks fixed. See
// README.md for the task.
package leakage

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// A Dataset is a table of numbers: one row per example, one value per column. Every value is
// finite.
type Dataset struct {
	// Columns names the columns, in the order of the values in each row.
	Columns []string
	// Rows holds the examples: Rows[i][j] is example i's value of the column Columns[j].
	Rows [][]float64
	// Target is the name of the column the model predicts.
	Target string
	// Time is the name of the column that holds each row's time (a day number), or "" when the
	// rows have no order in time. The rows need not be sorted by time.
	Time string
}

// A Feature says how a derived column of the data was computed from another column: for the
// row at time t, the mean of the column Source over the rows whose time lies in
// [t+From, t+To]. From −3 and To −1 is "the mean of the three days before"; From and To 0 is
// "the value of the same day". Only data with a Time column have derived features.
type Feature struct {
	Column   string // the derived column, one of Data.Columns
	Source   string // the column it was computed from
	From, To float64
}

// A Step is one thing the pipeline fitted, a preprocessing step or the model itself, and the
// rows it learned from.
type Step struct {
	// Name says what was fitted: "standardize", "impute-median", "select-k-best", "pca",
	// "ridge", ...
	Name string
	// FitRows are the rows (indices into Data.Rows) whose values the step learned from.
	FitRows []int
}

// A Pipeline is a model evaluation as someone wrote it: data, a split into training and test
// rows, the derived features, what was fitted on which rows, and the model's penalty. It may
// leak.
type Pipeline struct {
	Name string
	Data Dataset
	// Train and Test are the rows (indices into Data.Rows) of the training and the test set.
	// Each lists an index at most once; an index may be in both (a leak of its own).
	Train, Test []int
	// Features lists the derived columns; a column not listed is a raw measurement.
	Features []Feature
	// Steps lists what was fitted, in order.
	Steps []Step
	// Alpha is the ridge penalty α of the model (see HonestScore).
	Alpha float64
}

// Kind is a kind of leak.
type Kind string

// The kinds of leak, in the order Leaks reports them.
const (
	// TargetLeak: a feature column that gives the target away.
	TargetLeak Kind = "target-leak"
	// FitOnTest: a step that learned from test rows.
	FitOnTest Kind = "fit-on-test"
	// DuplicateRows: test rows that are copies of training rows.
	DuplicateRows Kind = "duplicate-rows"
	// FutureFeature: a derived feature computed from values not known at the row's time.
	FutureFeature Kind = "future-feature"
	// FutureInTrain: training rows later in time than a test row.
	FutureInTrain Kind = "future-in-train"
)

// A Leak is one kind of leak found in a pipeline, with its evidence. Only the fields of its
// kind are set:
//
//   - TargetLeak: Columns, the feature columns whose Pearson correlation r with the target,
//     over the training rows, has |r| ≥ 0.95, in the order of Data.Columns. The feature columns
//     are every column except Data.Target and Data.Time.
//   - FitOnTest: Steps, the indices (into Pipeline.Steps) of the steps whose FitRows include a
//     test row, in increasing order.
//   - DuplicateRows: Rows, the test rows whose values equal (every value, ==) those of some
//     training row, in increasing order; an index in both Train and Test counts, since its row
//     equals itself.
//   - FutureFeature: Columns, the derived columns (Feature.Column) whose window ends after the
//     row's own time (To > 0), or that are computed from the target and include the row's own
//     time (Source is Data.Target and To ≥ 0), in the order of Pipeline.Features.
//   - FutureInTrain: Rows, the training rows whose time is later than the earliest test time,
//     in increasing order (only for data with a Time column).
type Leak struct {
	Kind    Kind
	Columns []string
	Steps   []int
	Rows    []int
}

// Leaks asks one question per kind.
func Leaks(p Pipeline) []Leak {
	var out []Leak
	for _, kind := range []Kind{TargetLeak, FitOnTest, DuplicateRows, FutureFeature, FutureInTrain} {
		l := Leak{Kind: kind}
		switch kind {
		case TargetLeak:
			l.Columns = targetColumns(p)
		case FitOnTest:
			l.Steps = testSteps(p)
		case DuplicateRows:
			l.Rows = repeats(p.Data.Rows, p.Train, p.Test)
		case FutureFeature:
			for _, f := range p.Features {
				if f.To > 0 || f.To >= 0 && f.Source == p.Data.Target {
					l.Columns = append(l.Columns, f.Column)
				}
			}
		case FutureInTrain:
			l.Rows = after(p)
		}
		if l.Columns != nil || l.Steps != nil || l.Rows != nil {
			out = append(out, l)
		}
	}
	return out
}

// col returns column j of the rows.
func col(d Dataset, j int, rows []int) []float64 {
	out := make([]float64, 0, len(rows))
	for _, i := range rows {
		out = append(out, d.Rows[i][j])
	}
	return out
}

func targetColumns(p Pipeline) []string {
	y := col(p.Data, slices.Index(p.Data.Columns, p.Data.Target), p.Train)
	var out []string
	for j, name := range p.Data.Columns {
		if name != p.Data.Target && name != p.Data.Time && math.Abs(stat.Correlation(col(p.Data, j, p.Train), y, nil)) >= 0.95 {
			out = append(out, name)
		}
	}
	return out
}

func testSteps(p Pipeline) []int {
	test := slices.Sorted(slices.Values(p.Test))
	var out []int
	for k, s := range p.Steps {
		if slices.ContainsFunc(s.FitRows, func(i int) bool { _, ok := slices.BinarySearch(test, i); return ok }) {
			out = append(out, k)
		}
	}
	return out
}

// repeats returns the test rows whose values are among the training rows' values.
func repeats(rows [][]float64, train, test []int) []int {
	keys := make([]string, 0, len(train))
	for _, i := range train {
		keys = append(keys, fmt.Sprint(rows[i]))
	}
	slices.Sort(keys)
	var out []int
	for _, j := range slices.Sorted(slices.Values(test)) {
		if _, ok := slices.BinarySearch(keys, fmt.Sprint(rows[j])); ok {
			out = append(out, j)
		}
	}
	return out
}

func after(p Pipeline) []int {
	if p.Data.Time == "" || len(p.Test) == 0 {
		return nil
	}
	t := slices.Index(p.Data.Columns, p.Data.Time)
	first := slices.Min(col(p.Data, t, p.Test))
	var out []int
	for _, i := range slices.Sorted(slices.Values(p.Train)) {
		if p.Data.Rows[i][t] > first {
			out = append(out, i)
		}
	}
	return out
}

// HonestScore fixes the leaks and scores mlkit's scaler and ridge on what is left.
func HonestScore(p Pipeline) float64 {
	leaks := Leaks(p)
	var dropped []string
	train, test := p.Train, p.Test
	for _, l := range leaks {
		dropped = append(dropped, l.Columns...) // only TargetLeak and FutureFeature have columns
		if l.Kind == FutureInTrain {
			// Every index once, in increasing order; a stable sort by time keeps ties by index.
			rows := slices.Compact(slices.Sorted(slices.Values(slices.Concat(p.Train, p.Test))))
			t := slices.Index(p.Data.Columns, p.Data.Time)
			slices.SortStableFunc(rows, func(a, b int) int { return cmp.Compare(p.Data.Rows[a][t], p.Data.Rows[b][t]) })
			cut := len(rows) - len(p.Test)
			train, test = rows[:cut], rows[cut:]
		}
	}
	copies := repeats(p.Data.Rows, train, test)
	test = slices.DeleteFunc(slices.Clone(test), func(j int) bool { return slices.Contains(copies, j) })

	var features []int
	for j, name := range p.Data.Columns {
		if name != p.Data.Target && name != p.Data.Time && !slices.Contains(dropped, name) {
			features = append(features, j)
		}
	}
	X := func(rows []int) *mat.Dense {
		m := mat.NewDense(len(rows), len(features), nil)
		for k, i := range rows {
			for c, j := range features {
				m.Set(k, c, p.Data.Rows[i][j])
			}
		}
		return m
	}
	var s preprocess.StandardScaler
	s.Fit(X(train))
	y := slices.Index(p.Data.Columns, p.Data.Target)
	r := linear.Ridge{Alpha: p.Alpha}
	if err := r.Fit(s.Transform(nil, X(train)), col(p.Data, y, train)); err != nil {
		panic(err)
	}
	return metrics.R2(col(p.Data, y, test), r.Predict(nil, s.Transform(nil, X(test))))
}
