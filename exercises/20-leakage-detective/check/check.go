// Package check grades exercise 20, leakage-detective: find the leaks of model-evaluation
// pipelines (a feature that gives the target away, a step fitted on test rows, test rows that
// repeat training rows, a feature computed from the future, training rows later than test
// rows) and score one pipeline honestly, with its leaks fixed.
//
// The pipelines are plain values that travel to the learner's code: real data from mlkit's
// fixtures (diabetes with two columns recorded at the one-year follow-up, quakes preprocessed
// before the split, penguins merged from two exports, New York's air quality with features
// computed over windows of days) and, in the hidden checks, the same pipelines on other splits
// and random pipelines with random leaks. Expected values come from the README's rules computed
// with gonum's stat.Correlation and mlkit's data.CrossDuplicates, data.TrainAfterTest and
// data.TimeTrainTestSplit, and the honest score from mlkit's StandardScaler, Ridge and R2
// (reference.go). A mistake is named when the learner's evidence or score equals what that
// mistake gives on the same pipeline, and no other mistake gives the same.
package check

import (
	"github.com/mlkata/mlkata/grader"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "leakage-detective",
		Title: "Leakage detective: find the leaks in a pipeline, then score it honestly",
		Dir:   "exercises/20-leakage-detective",
		Functions: []grader.Func{
			{Name: "Leaks", Signature: "func(p Pipeline) []Leak"},
			{Name: "HonestScore", Signature: "func(p Pipeline) float64"},
		},
		Forbid: []string{"github.com/mlkata/mlkata/mlkit/data/..."},
		Checks: append([]grader.Check{
			{Name: "TargetLeak: the follow-up columns of diabetes, not its merely useful features", Points: 2, Run: targetLeakCheck},
			{Name: "FitOnTest: the steps that learned from test rows (quakes, a shop's week)", Points: 1, Run: fitOnTestCheck},
			{Name: "DuplicateRows: the merged penguins' test rows that repeat a training row", Points: 2, Run: duplicatesCheck},
			{Name: "FutureFeature: the air-quality features not known on the morning of their day", Points: 2, Run: futureFeatureCheck},
			{Name: "FutureInTrain: the training days of a shuffled split that come after a test day", Points: 1, Run: futureInTrainCheck},
			{Name: "Leaks lists each kind once, in order, and nothing for honest pipelines", Points: 1, Run: leakListCheck},
			{Name: "HonestScore of diabetes without the follow-up columns", Points: 1, Run: scoreDiabetes},
			{Name: "HonestScore of the merged penguins: repeated test rows dropped, scaler fitted on training rows", Points: 2, Run: scorePenguins},
			{Name: "HonestScore of the time series: future features dropped, split by time, ties by row index", Points: 2, Run: scoreAirquality},
			{Name: "Leaks and HonestScore leave the pipeline as it was", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Each kind of leak has one precise rule in the README, and each rule looks at one part of the Pipeline: the columns' correlation with the target over the training rows (TargetLeak), each step's FitRows against the test rows (FitOnTest), the test rows' values against the training rows' values (DuplicateRows), each Feature's window (FutureFeature), the times of the training rows against the earliest test time (FutureInTrain). Write one small function per kind, and let Leaks add a Leak only when its evidence is not empty.",
			"Turn index lists into sets first (map[int]bool of the test rows), and rows into keys (fmt.Sprint(row) is exact for float64) so that a map finds a training row's copy. Pearson's r is Σ(x−x̄)(y−ȳ)/√(Σ(x−x̄)²·Σ(y−ȳ)²) over the training rows only; compare math.Abs(r) with 0.95. Look up a column's position with slices.Index(p.Data.Columns, name), and compare times by the Time column's values, never by row position.",
			"HonestScore: drop := {Target, Time} plus the Columns of Leaks(p)'s TargetLeak and FutureFeature; if Leaks(p) has FutureInTrain, rows := Train then Test, each index once, slices.SortFunc by (time, index), train, test = rows[:len(rows)-len(p.Test)], rows[len(rows)-len(p.Test):]; remove from test every row whose values equal a training row's; then var s preprocess.StandardScaler; Ztr := s.FitTransform(nil, Xtrain); m := linear.Ridge{Alpha: p.Alpha}; m.Fit(Ztr, ytrain); return metrics.R2(ytest, m.Predict(nil, s.Transform(nil, Xtest))).",
		},
		Mistakes: []grader.Mistake{
			{ID: thresholdTooLow, Hint: "You flagged features that are merely useful. A good feature correlates with the target: that is why it is in the model. The rule is |r| ≥ 0.95 over the training rows: a column that all but determines the target on its own was almost always recorded with it or after it."},
			{ID: signedCorrelation, Hint: "You compared r, not |r|, with 0.95. A column that falls as the target rises (r close to −1) gives the target away just as well as one that rises with it: compare math.Abs(r) with 0.95."},
			{ID: fitOnAllOnly, Hint: "You flagged only the steps fitted on every row. A step leaks as soon as one test row is among its FitRows; a step refitted on the test rows alone (fit_transform called on the test set) is the commonest case of all. Check every index of FitRows against the set of test rows."},
			{ID: duplicatesByIndex, Hint: "You compared row indices. That finds an index listed in both Train and Test, but not a training row's copy stored under another index, which is what merged exports and repeated measurements produce. Compare the values: put a key of every training row (fmt.Sprint(row)) in a map, and look up each test row's key."},
			{ID: duplicatesIgnoreSplit, Hint: "You reported every row that repeats an earlier row of the table, wherever the two are (what pandas' duplicated() marks). A repeat inside the training set, or inside the test set, does not inflate the score; a test row whose copy is in the training set does. Report the test rows whose values equal a training row's."},
			{ID: windowStartOnly, Hint: "You looked at where a window starts (From) instead of where it ends (To). A window leaks if any part of it lies after the row's own time: a centred window [t−1, t+1] starts in the past but reads tomorrow. The rule is To > 0, and To ≥ 0 for a feature of the target."},
			{ID: targetAtOwnTime, Hint: "You missed the target at the row's own time. A mean of the target over [t−1, t] contains the very value the model must predict, which nobody knows on the morning of day t. Flag a feature whose Source is the target when its window reaches t: To ≥ 0."},
			{ID: flaggedTargetLags, Hint: "You flagged features computed from the target's past. Yesterday's value of the target is known this morning, and it is often the best feature a forecast has; only a window of the target that reaches the row's own time (To ≥ 0) leaks it."},
			{ID: indexAsTime, Hint: "You compared row positions instead of times. The rows need not be sorted by time (a database returns rows in any order unless told otherwise): compare the values of the Time column, and report the training rows whose time is later than the earliest test time."},
			{ID: leaksNotFixed, Hint: "Your HonestScore is the pipeline's own leaky score: the score it reports as given. Fix the leaks before you score: drop the TargetLeak and FutureFeature columns, redo a shuffled split of a time series by time, remove the test rows that repeat training rows, and fit the scaler on the training rows."},
			{ID: scalerOnAll, Hint: "Your scaler learned its means and standard deviations from every row of the data, the test rows among them. Fit it on the training rows of the final split only, then transform the training and the test rows with it."},
			{ID: keptDuplicates, Hint: "You kept the test rows that repeat a training row, so the model is still scored on rows it learned. After the split is final, remove from the test set every row whose values equal a training row's."},
			{ID: keptFutureFeatures, Hint: "You dropped the target-leak columns but kept the features computed from the future. Drop the columns of both kinds, TargetLeak and FutureFeature, before you fit."},
			{ID: keptRandomSplit, Hint: "You kept the shuffled split of a time series, so the model still trains on days that come after the test days. When Leaks reports FutureInTrain, order the rows of Train and Test by time (ties by index) and make the last len(p.Test) of them the test set."},
			{ID: splitByRowOrder, Hint: "You redid the split by row position, not by time, but the rows are not sorted by time. Order the rows of Train and Test by the values of the Time column (ties by row index) and make the last len(p.Test) of them the test set."},
		},
	}
}

// The mistakes the checks recognise.
const (
	thresholdTooLow       = "threshold-too-low"
	signedCorrelation     = "signed-correlation"
	fitOnAllOnly          = "fit-on-all-only"
	duplicatesByIndex     = "duplicates-by-index"
	duplicatesIgnoreSplit = "duplicates-ignore-split"
	windowStartOnly       = "window-start-only"
	targetAtOwnTime       = "target-at-own-time"
	flaggedTargetLags     = "flagged-target-lags"
	indexAsTime           = "index-as-time"
	leaksNotFixed         = "leaks-not-fixed"
	scalerOnAll           = "scaler-on-all"
	keptDuplicates        = "kept-duplicates"
	keptFutureFeatures    = "kept-future-features"
	keptRandomSplit       = "kept-random-split"
	splitByRowOrder       = "split-by-row-order"
)

// tolScore is for R²: the learner may solve the ridge system another way (normal equations,
// QR, mlkit's Ridge) and gather the rows in another order, which changes the last digits only;
// the mistakes change R² by more than 1e-6 on the checks' pipelines.
var tolScore = grader.Rel(1e-7).PlusAbs(1e-9)
