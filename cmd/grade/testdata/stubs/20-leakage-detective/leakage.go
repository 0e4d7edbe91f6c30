// Package leakage holds exercise 20: find the leaks in machine-learning pipelines (a feature that
// gives the target away, a step fitted on test rows, rows repeated across the split, a feature
// or a training row from the future) and score a pipeline honestly, with its leaks fixed. See
// README.md for the task.
package leakage

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
	panic("not implemented")
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
	panic("not implemented")
}
