// Package leakage holds exercise 20: find the leaks in machine-learning pipelines (a feature that
// gives the target away, a step fitted on test rows, rows repeated across the split, a feature
// or a training row from the future) and score a pipeline honestly, with its leaks fixed. See
// README.md for the task.
package leakage

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
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

// Leaks computes the evidence of every kind, then keeps the kinds that have some.
func Leaks(p Pipeline) []Leak {
	all := []Leak{
		{Kind: TargetLeak, Columns: leakingColumns(p)},
		{Kind: FitOnTest, Steps: stepsOnTest(p)},
		{Kind: DuplicateRows, Rows: copiedTestRows(p.Data, p.Train, p.Test)},
		{Kind: FutureFeature, Columns: futureColumns(p)},
		{Kind: FutureInTrain, Rows: laterTrainRows(p)},
	}
	out := []Leak{}
	for _, l := range all {
		if len(l.Columns)+len(l.Steps)+len(l.Rows) > 0 {
			out = append(out, l)
		}
	}
	return out
}

func indexOf(cols []string, name string) int {
	for j, c := range cols {
		if c == name {
			return j
		}
	}
	return -1
}

func leakingColumns(p Pipeline) []string {
	d := p.Data
	yj := indexOf(d.Columns, d.Target)
	n := float64(len(p.Train))
	var ym float64
	for _, i := range p.Train {
		ym += d.Rows[i][yj]
	}
	ym /= n
	var cols []string
	for j, name := range d.Columns {
		if name == d.Target || name == d.Time {
			continue
		}
		var xm float64
		for _, i := range p.Train {
			xm += d.Rows[i][j]
		}
		xm /= n
		var cov, vx, vy float64
		for _, i := range p.Train {
			dx, dy := d.Rows[i][j]-xm, d.Rows[i][yj]-ym
			cov += dx * dy
			vx += dx * dx
			vy += dy * dy
		}
		if r := cov / math.Sqrt(vx) / math.Sqrt(vy); r >= 0.95 || r <= -0.95 {
			cols = append(cols, name)
		}
	}
	return cols
}

func stepsOnTest(p Pipeline) []int {
	test := make([]bool, len(p.Data.Rows))
	for _, j := range p.Test {
		test[j] = true
	}
	var out []int
	for k, s := range p.Steps {
		hit := false
		for _, i := range s.FitRows {
			hit = hit || test[i]
		}
		if hit {
			out = append(out, k)
		}
	}
	return out
}

// rowKey writes a row exactly: strconv's shortest form reads back to the same float64.
func rowKey(row []float64) string {
	var b strings.Builder
	for _, v := range row {
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		b.WriteByte('|')
	}
	return b.String()
}

func copiedTestRows(d Dataset, train, test []int) []int {
	inTrain := map[string]bool{}
	for _, i := range train {
		inTrain[rowKey(d.Rows[i])] = true
	}
	found := map[int]bool{}
	for _, j := range test {
		if inTrain[rowKey(d.Rows[j])] {
			found[j] = true
		}
	}
	return sortedKeys(found)
}

func sortedKeys(set map[int]bool) []int {
	out := make([]int, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

func futureColumns(p Pipeline) []string {
	var cols []string
	for _, f := range p.Features {
		ahead := f.To > 0
		ownTarget := f.Source == p.Data.Target && f.To >= 0
		if ahead || ownTarget {
			cols = append(cols, f.Column)
		}
	}
	return cols
}

func laterTrainRows(p Pipeline) []int {
	tj := indexOf(p.Data.Columns, p.Data.Time)
	if p.Data.Time == "" || tj < 0 || len(p.Test) == 0 {
		return nil
	}
	earliest := p.Data.Rows[p.Test[0]][tj]
	for _, j := range p.Test[1:] {
		if t := p.Data.Rows[j][tj]; t < earliest {
			earliest = t
		}
	}
	found := map[int]bool{}
	for _, i := range p.Train {
		if p.Data.Rows[i][tj] > earliest {
			found[i] = true
		}
	}
	return sortedKeys(found)
}

// HonestScore fixes the leaks, then fits the scaler and the ridge by hand (normal equations on
// centred data) and computes R² by hand.
func HonestScore(p Pipeline) float64 {
	d := p.Data
	skip := map[string]bool{d.Target: true}
	if d.Time != "" {
		skip[d.Time] = true
	}
	train, test := p.Train, p.Test
	for _, l := range Leaks(p) {
		if l.Kind == TargetLeak || l.Kind == FutureFeature {
			for _, c := range l.Columns {
				skip[c] = true
			}
		}
		if l.Kind == FutureInTrain {
			train, test = timeSplit(p)
		}
	}
	copies := map[int]bool{}
	for _, j := range copiedTestRows(d, train, test) {
		copies[j] = true
	}
	var testRows []int
	for _, j := range test {
		if !copies[j] {
			testRows = append(testRows, j)
		}
	}
	var feats []int
	for j, name := range d.Columns {
		if !skip[name] {
			feats = append(feats, j)
		}
	}
	yj := indexOf(d.Columns, d.Target)

	// The scaler: mean and population σ of the training rows.
	n := len(feats)
	mean, sd := make([]float64, n), make([]float64, n)
	for c, j := range feats {
		for _, i := range train {
			mean[c] += d.Rows[i][j]
		}
		mean[c] /= float64(len(train))
		for _, i := range train {
			dv := d.Rows[i][j] - mean[c]
			sd[c] += dv * dv
		}
		sd[c] = math.Sqrt(sd[c] / float64(len(train)))
	}
	z := func(i int) []float64 {
		row := make([]float64, n)
		for c, j := range feats {
			row[c] = (d.Rows[i][j] - mean[c]) / sd[c]
		}
		return row
	}

	// Ridge on the centred training rows: (Z̃ᵀZ̃ + αI)w = Z̃ᵀỹ, b = ȳ − z̄·w.
	m := len(train)
	Z := mat.NewDense(m, n, nil)
	y := make([]float64, m)
	zbar := make([]float64, n)
	var ybar float64
	for k, i := range train {
		Z.SetRow(k, z(i))
		y[k] = d.Rows[i][yj]
		ybar += y[k] / float64(m)
		for c := range n {
			zbar[c] += Z.At(k, c) / float64(m)
		}
	}
	for k := range m {
		for c := range n {
			Z.Set(k, c, Z.At(k, c)-zbar[c])
		}
		y[k] -= ybar
	}
	var A mat.Dense
	A.Mul(Z.T(), Z)
	for c := range n {
		A.Set(c, c, A.At(c, c)+p.Alpha)
	}
	var rhs, w mat.VecDense
	rhs.MulVec(Z.T(), mat.NewVecDense(m, y))
	if err := w.SolveVec(&A, &rhs); err != nil {
		panic(err)
	}
	b := ybar
	for c := range n {
		b -= zbar[c] * w.AtVec(c)
	}

	// R² over the remaining test rows.
	var yt, yhat []float64
	for _, i := range testRows {
		row := z(i)
		pred := b
		for c := range n {
			pred += row[c] * w.AtVec(c)
		}
		yt = append(yt, d.Rows[i][yj])
		yhat = append(yhat, pred)
	}
	var tm float64
	for _, v := range yt {
		tm += v / float64(len(yt))
	}
	var ssRes, ssTot float64
	for k := range yt {
		ssRes += (yt[k] - yhat[k]) * (yt[k] - yhat[k])
		ssTot += (yt[k] - tm) * (yt[k] - tm)
	}
	return 1 - ssRes/ssTot
}

// timeSplit orders the rows of Train and Test by time, ties by index, and makes the last
// len(p.Test) of them the test set.
func timeSplit(p Pipeline) (train, test []int) {
	tj := indexOf(p.Data.Columns, p.Data.Time)
	seen := map[int]bool{}
	var rows []int
	for _, i := range p.Train {
		if !seen[i] {
			seen[i] = true
			rows = append(rows, i)
		}
	}
	for _, i := range p.Test {
		if !seen[i] {
			seen[i] = true
			rows = append(rows, i)
		}
	}
	sort.Slice(rows, func(a, b int) bool {
		ta, tb := p.Data.Rows[rows[a]][tj], p.Data.Rows[rows[b]][tj]
		if ta != tb {
			return ta < tb
		}
		return rows[a] < rows[b]
	})
	cut := len(rows) - len(p.Test)
	return rows[:cut], rows[cut:]
}
