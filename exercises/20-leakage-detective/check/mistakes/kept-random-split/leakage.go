// Package leakage holds exercise 20: find the leaks in machine-learning pipelines (a feature that
// gives the target away, a step fitted on test rows, rows repeated across the split, a feature
// or a training row from the future) and score a pipeline honestly, with its leaks fixed. See
// README.md for the task.
package leakage

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

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

// Leaks inspects p and returns the leaks it finds: at most one Leak of each kind, in the order
// of the Kind constants (TargetLeak first, FutureInTrain last), each with its evidence, none
// with empty evidence. A pipeline without leaks gives an empty (or nil) slice. p is not
// modified.
func Leaks(p Pipeline) []Leak {
	var leaks []Leak
	if cols := targetLeaks(p); len(cols) > 0 {
		leaks = append(leaks, Leak{Kind: TargetLeak, Columns: cols})
	}
	if steps := fitOnTest(p); len(steps) > 0 {
		leaks = append(leaks, Leak{Kind: FitOnTest, Steps: steps})
	}
	if rows := duplicateRows(p.Data, p.Train, p.Test); len(rows) > 0 {
		leaks = append(leaks, Leak{Kind: DuplicateRows, Rows: rows})
	}
	if cols := futureFeatures(p); len(cols) > 0 {
		leaks = append(leaks, Leak{Kind: FutureFeature, Columns: cols})
	}
	if rows := futureInTrain(p); len(rows) > 0 {
		leaks = append(leaks, Leak{Kind: FutureInTrain, Rows: rows})
	}
	return leaks
}

// column returns the position of the named column in d.
func column(d Dataset, name string) int {
	return slices.Index(d.Columns, name)
}

// values returns column j of the given rows of d.
func values(d Dataset, j int, rows []int) []float64 {
	v := make([]float64, len(rows))
	for k, i := range rows {
		v[k] = d.Rows[i][j]
	}
	return v
}

// targetLeaks returns the feature columns whose correlation with the target over the training
// rows is at least 0.95 in absolute value.
func targetLeaks(p Pipeline) []string {
	y := values(p.Data, column(p.Data, p.Data.Target), p.Train)
	var cols []string
	for j, name := range p.Data.Columns {
		if name == p.Data.Target || name == p.Data.Time {
			continue
		}
		r := correlation(values(p.Data, j, p.Train), y)
		if math.Abs(r) >= 0.95 {
			cols = append(cols, name)
		}
	}
	return cols
}

// correlation returns Pearson's r of x and y.
func correlation(x, y []float64) float64 {
	mx, my := mean(x), mean(y)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// fitOnTest returns the steps that learned from a test row.
func fitOnTest(p Pipeline) []int {
	test := map[int]bool{}
	for _, i := range p.Test {
		test[i] = true
	}
	var steps []int
	for k, s := range p.Steps {
		for _, i := range s.FitRows {
			if test[i] {
				steps = append(steps, k)
				break
			}
		}
	}
	return steps
}

// duplicateRows returns the test rows equal to a training row, in increasing order.
func duplicateRows(d Dataset, train, test []int) []int {
	seen := map[string]bool{}
	for _, i := range train {
		seen[fmt.Sprint(d.Rows[i])] = true
	}
	var rows []int
	for _, j := range test {
		if seen[fmt.Sprint(d.Rows[j])] {
			rows = append(rows, j)
		}
	}
	slices.Sort(rows)
	return rows
}

// futureFeatures returns the derived columns that use values not known at the row's time.
func futureFeatures(p Pipeline) []string {
	var cols []string
	for _, f := range p.Features {
		if f.To > 0 || (f.Source == p.Data.Target && f.To >= 0) {
			cols = append(cols, f.Column)
		}
	}
	return cols
}

// futureInTrain returns the training rows later than the earliest test row.
func futureInTrain(p Pipeline) []int {
	if p.Data.Time == "" || len(p.Test) == 0 {
		return nil
	}
	t := column(p.Data, p.Data.Time)
	first := math.Inf(1)
	for _, j := range p.Test {
		first = math.Min(first, p.Data.Rows[j][t])
	}
	var rows []int
	for _, i := range p.Train {
		if p.Data.Rows[i][t] > first {
			rows = append(rows, i)
		}
	}
	slices.Sort(rows)
	return rows
}

// HonestScore returns the R² on the test rows of p's model evaluated without p's leaks:
//
//  1. The features are the columns other than Data.Target and Data.Time, without the columns
//     that Leaks(p) reports as TargetLeak or FutureFeature.
//  2. If Leaks(p) reports FutureInTrain, the split is redone by time: the rows of Train and Test
//     together (each once) are ordered by time, ties by row index, and the last len(p.Test) of
//     them are the test rows, the others the training rows.
//  3. Test rows that equal a training row of that split (as DuplicateRows says) are removed
//     from the test set.
//  4. Each feature is standardised with the mean and population standard deviation of the
//     training rows (the course's scaler: z = (x − μ)/σ), whatever the pipeline's Steps did.
//  5. The model is ridge regression with α = p.Alpha fitted on the training rows: w and b
//     minimise Σᵢ (yᵢ − zᵢ·w − b)² + α·‖w‖² (b not penalised), as mlkit's
//     linear.Ridge{Alpha: p.Alpha} does.
//  6. The score is R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² over the remaining test rows, ȳ their mean.
//
// p is not modified.
func HonestScore(p Pipeline) float64 {
	drop := map[string]bool{p.Data.Target: true, p.Data.Time: true}
	train, test := p.Train, p.Test
	for _, l := range Leaks(p) {
		switch l.Kind {
		case TargetLeak, FutureFeature:
			for _, c := range l.Columns {
				drop[c] = true
			}
		}
	}
	dup := duplicateRows(p.Data, train, test)
	var kept []int
	for _, j := range test {
		if !slices.Contains(dup, j) {
			kept = append(kept, j)
		}
	}
	var features []int
	for j, name := range p.Data.Columns {
		if !drop[name] {
			features = append(features, j)
		}
	}
	var scaler preprocess.StandardScaler
	Xtrain := scaler.FitTransform(nil, matrix(p.Data, train, features))
	Xtest := scaler.Transform(nil, matrix(p.Data, kept, features))
	target := column(p.Data, p.Data.Target)
	model := linear.Ridge{Alpha: p.Alpha}
	if err := model.Fit(Xtrain, values(p.Data, target, train)); err != nil {
		panic(err)
	}
	return metrics.R2(values(p.Data, target, kept), model.Predict(nil, Xtest))
}

// splitByTime orders the rows of p.Train and p.Test by time, ties by index, and returns the
// last len(p.Test) as the test rows and the others as the training rows.
func splitByTime(p Pipeline) (train, test []int) {
	var rows []int
	for _, i := range append(slices.Clone(p.Train), p.Test...) {
		if !slices.Contains(rows, i) {
			rows = append(rows, i)
		}
	}
	t := column(p.Data, p.Data.Time)
	slices.SortFunc(rows, func(a, b int) int {
		ta, tb := p.Data.Rows[a][t], p.Data.Rows[b][t]
		if ta != tb {
			if ta < tb {
				return -1
			}
			return 1
		}
		return a - b
	})
	n := len(rows) - len(p.Test)
	return rows[:n], rows[n:]
}

// matrix returns the given rows and columns of d as a matrix.
func matrix(d Dataset, rows, cols []int) *mat.Dense {
	X := mat.NewDense(len(rows), len(cols), nil)
	for k, i := range rows {
		for c, j := range cols {
			X.Set(k, c, d.Rows[i][j])
		}
	}
	return X
}
