package check

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// The reference: the README's rules, computed with gonum's stat.Correlation and mlkit's
// data.CrossDuplicates, data.TrainAfterTest and data.TimeTrainTestSplit, and the honest score
// with mlkit's StandardScaler, Ridge and R2. The functions that take a rule or an evaluation
// also compute what the common mistakes give.

// threshold is the |r| from which a feature gives the target away.
const threshold = 0.95

// featureColumns returns the positions of the columns other than the target and the time.
func (d dataset) featureColumns() []int {
	var cols []int
	for j, name := range d.Columns {
		if name != d.Target && name != d.Time {
			cols = append(cols, j)
		}
	}
	return cols
}

// correlations returns the Pearson correlation of each feature column with the target over the
// training rows, in the order of featureColumns.
func correlations(p pipeline) []float64 {
	y := p.Data.values(p.Data.col(p.Data.Target), p.Train)
	var r []float64
	for _, j := range p.Data.featureColumns() {
		r = append(r, stat.Correlation(p.Data.values(j, p.Train), y, nil))
	}
	return r
}

// correlatedColumns returns the feature columns whose correlation r with the target satisfies
// flag, in column order.
func correlatedColumns(p pipeline, flag func(r float64) bool) []string {
	var cols []string
	for k, r := range correlations(p) {
		if flag(r) {
			cols = append(cols, p.Data.Columns[p.Data.featureColumns()[k]])
		}
	}
	return cols
}

// isTargetLeak is the README's rule: |r| ≥ 0.95.
func isTargetLeak(r float64) bool { return math.Abs(r) >= threshold }

// stepsFittedOn returns the steps whose FitRows satisfy bad.
func stepsFittedOn(p pipeline, bad func(rows []int) bool) []int {
	var steps []int
	for k, s := range p.Steps {
		if bad(s.FitRows) {
			steps = append(steps, k)
		}
	}
	return steps
}

// seesTest is the README's rule for FitOnTest: FitRows include a test row.
func (p pipeline) seesTest(rows []int) bool {
	return slices.ContainsFunc(rows, func(i int) bool { return slices.Contains(p.Test, i) })
}

// matrix returns the rows of the data as a matrix.
func (d dataset) matrix() *mat.Dense {
	X := mat.NewDense(len(d.Rows), len(d.Columns), nil)
	for i, r := range d.Rows {
		X.SetRow(i, r)
	}
	return X
}

// crossDuplicates returns the test rows equal to a training row.
func crossDuplicates(d dataset, train, test []int) []int {
	return data.CrossDuplicates(d.matrix(), data.Split{Train: train, Test: test})
}

// futureColumns returns the derived columns whose feature satisfies flag, in the order of
// p.Features.
func futureColumns(p pipeline, flag func(f feature, target string) bool) []string {
	var cols []string
	for _, f := range p.Features {
		if flag(f, p.Data.Target) {
			cols = append(cols, f.Column)
		}
	}
	return cols
}

// isFuture is the README's rule: the window ends after the row's time, or it is the target's and
// includes the row's time.
func isFuture(f feature, target string) bool {
	return f.To > 0 || (f.Source == target && f.To >= 0)
}

// trainAfterTest returns the training rows later than the earliest test row, for data with a
// time column.
func trainAfterTest(p pipeline) []int {
	if p.Data.Time == "" {
		return nil
	}
	return data.TrainAfterTest(p.Data.times(), data.Split{Train: p.Train, Test: p.Test})
}

// refLeaks is the reference's answer to Leaks(p).
func refLeaks(p pipeline) []leak {
	var out []leak
	add := func(l leak) {
		if len(l.Columns)+len(l.Steps)+len(l.Rows) > 0 {
			out = append(out, l)
		}
	}
	add(leak{Kind: targetLeak, Columns: correlatedColumns(p, isTargetLeak)})
	add(leak{Kind: fitOnTest, Steps: stepsFittedOn(p, p.seesTest)})
	add(leak{Kind: duplicateRows, Rows: crossDuplicates(p.Data, p.Train, p.Test)})
	add(leak{Kind: futureFeature, Columns: futureColumns(p, isFuture)})
	add(leak{Kind: futureInTrain, Rows: trainAfterTest(p)})
	return out
}

// find returns the leak of the given kind in ls, or the zero leak.
func find(ls []leak, kind string) leak {
	for _, l := range ls {
		if l.Kind == kind {
			return l
		}
	}
	return leak{}
}

// splitMode is how an evaluation splits the rows.
type splitMode int

const (
	splitGiven   splitMode = iota // the pipeline's Train and Test
	splitByTime                   // ordered by time, ties by index; the last len(Test) rows test
	splitByIndex                  // ordered by row index: what a learner gets by ignoring Time
)

// scalerRows is which rows an evaluation's scaler learns from.
type scalerRows int

const (
	scaleTrain  scalerRows = iota // the training rows of the evaluation's split
	scaleAll                      // every row of the data
	scaleAsStep                   // the FitRows of the pipeline's "standardize" step
)

// dedupMode is which test rows an evaluation drops as copies of training rows.
type dedupMode int

const (
	keepRepeats  dedupMode = iota // none
	dedupByValue                  // those equal to a training row: the honest way
	dedupByIndex                  // those whose index is also a training index
)

// evaluation describes one way to score a pipeline: the honest way, and the ways the mistakes
// do it.
type evaluation struct {
	drop   []string // feature columns left out
	split  splitMode
	dedup  dedupMode
	scaler scalerRows
}

// honest returns the README's evaluation of p: the leaking columns dropped, the split redone by
// time when training rows come after test rows, the repeated test rows dropped, the scaler
// fitted on the training rows.
func honest(p pipeline) evaluation {
	ls := refLeaks(p)
	e := evaluation{drop: slices.Concat(find(ls, targetLeak).Columns, find(ls, futureFeature).Columns), dedup: dedupByValue}
	if len(find(ls, futureInTrain).Rows) > 0 {
		e.split = splitByTime
	}
	return e
}

// asGiven is the evaluation the pipeline itself did: every column, its split, the repeated rows
// kept, the scaler fitted where its "standardize" step was.
func asGiven() evaluation { return evaluation{split: splitGiven, scaler: scaleAsStep} }

// split returns the training and test rows of e on p.
func (e evaluation) splitRows(p pipeline) (train, test []int) {
	train, test = p.Train, p.Test
	if e.split != splitGiven {
		var rows []int
		for _, i := range slices.Concat(p.Train, p.Test) {
			if !slices.Contains(rows, i) {
				rows = append(rows, i)
			}
		}
		if e.split == splitByTime {
			t := p.Data.times()
			slices.SortStableFunc(rows, func(a, b int) int { return cmp.Or(cmp.Compare(t[a], t[b]), a-b) })
		} else {
			slices.Sort(rows)
		}
		n := len(rows) - len(p.Test)
		train, test = rows[:n], rows[n:]
	}
	if e.dedup != keepRepeats {
		dup := crossDuplicates(p.Data, train, test)
		if e.dedup == dedupByIndex {
			dup = inBoth(pipeline{Train: train, Test: test})
		}
		test = slices.DeleteFunc(slices.Clone(test), func(j int) bool { _, found := slices.BinarySearch(dup, j); return found })
	}
	return train, test
}

// score returns the test R² of the model (scaler, then ridge with p.Alpha) evaluated as e says.
func (e evaluation) score(p pipeline) float64 {
	train, test := e.splitRows(p)
	var cols []int
	for _, j := range p.Data.featureColumns() {
		if !slices.Contains(e.drop, p.Data.Columns[j]) {
			cols = append(cols, j)
		}
	}
	X := func(rows []int) *mat.Dense {
		m := mat.NewDense(len(rows), len(cols), nil)
		for k, i := range rows {
			for c, j := range cols {
				m.Set(k, c, p.Data.Rows[i][j])
			}
		}
		return m
	}
	if len(cols) == 0 || len(train) < 2 || len(test) < 2 {
		return math.NaN() // only for what a learner's wrong Leaks leaves; the checks' pipelines never do this
	}
	fitRows := train
	switch e.scaler {
	case scaleAll:
		fitRows = seq(len(p.Data.Rows))
	case scaleAsStep:
		for _, s := range p.Steps {
			if s.Name == "standardize" {
				fitRows = s.FitRows
			}
		}
	}
	var sc preprocess.StandardScaler
	sc.Fit(X(fitRows))
	model := linear.Ridge{Alpha: p.Alpha}
	y := p.Data.col(p.Data.Target)
	if err := model.Fit(sc.Transform(nil, X(train)), p.Data.values(y, train)); err != nil {
		panic(err) // the checks' data are finite
	}
	return metrics.R2(p.Data.values(y, test), model.Predict(nil, sc.Transform(nil, X(test))))
}
