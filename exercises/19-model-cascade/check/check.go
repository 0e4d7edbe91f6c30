// Package check grades exercise 19, model-cascade: out-of-fold predictions, a two-stage model
// whose second stage learns from them, retraining it when the first stage changes, and an
// end-to-end evaluation.
//
// The stages are the grader's own models, handed to the learner's code as Fit functions
// (callbacks): a spy (models.go) records every fit (which rows and targets it was given) and
// every prediction (which fitted model, on which rows), on the grader's side of the calls. So
// the checks see, without trusting the learner's code, which rows each stage-1 fit saw, what
// stage 2 was trained on, and which models a prediction went through. Expected values come
// from mlkit/selection (CrossValPredict and FitStack) run on the same models, which depend
// only on the set of rows they are fitted on, so the learner's values equal the reference's
// to rounding. Rows are recognised by their values (the fixtures' rows are distinct).
//
// The mistakes are recognised from the record: stage 2 trained on predictions for rows their
// stage-1 model had seen (in-sample), on out-of-fold predictions written in fold order, on
// folds that were not shuffled, or (after Retrain) on the old stage 1's outputs or not at
// all; the cascade predicting with a fold's stage 1 instead of one refitted on all rows; and
// an evaluation that measures stage 1 alone or feeds stage 2 the true targets.
package check

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/metrics"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "model-cascade",
		Title: "Model cascade: out-of-fold stacking, retraining downstream, end-to-end evaluation",
		Dir:   "exercises/19-model-cascade",
		Functions: []grader.Func{
			{Name: "OutOfFold", Signature: "func(X *mat.Dense, y []float64, k int, seed uint64, fit Fit) []float64"},
			{Name: "FitCascade", Signature: "func(X *mat.Dense, y []float64, k int, seed uint64, stage1, stage2 Fit) Cascade"},
			{Name: "Retrain", Signature: "func(c Cascade, X *mat.Dense, y []float64, stage1 Fit) Cascade"},
			{Name: "Evaluate", Signature: "func(c Cascade, X *mat.Dense, y []float64) float64"},
		},
		Forbid: []string{"github.com/mlkata/mlkata/mlkit/selection/..."},
		Checks: append([]grader.Check{
			{Name: "OutOfFold: each diabetes row is predicted by the stage-1 fit that never saw it (k = 5, 2, and one fold per row)", Points: 2, Run: outOfFold},
			{Name: "FitCascade: stage 2 learns from [out-of-fold stage-1 output | X], stage 1 is refitted on all rows", Points: 2, Run: fitCascade},
			{Name: "Cascade.Predict: the diabetes test rows go through both stages, end to end", Points: 1, Run: predict},
			{Name: "Retrain: a new stage 1 on the quakes, and stage 2 refitted on its out-of-fold outputs", Points: 2, Run: retrain},
			{Name: "Evaluate: the cascade's test error, end to end", Points: 1, Run: evaluate},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Stage 2 must learn from stage-1 outputs like those it will see on new rows: predictions by a model that never saw the row. Cut the rows into k folds; for each fold, fit stage 1 on the other folds and predict the fold. Then fit stage 1 once more on all the rows: that model serves predictions. Retrain changes stage 1, so everything after it is fitted again; Evaluate runs new rows through both stages.",
			"The folds: order := rand.New(rand.NewPCG(seed, 0)).Perm(m); fold f is the next ⌊m/k⌋ entries of order (one more for the first m mod k folds), which is what data.KFold(m, k, data.FoldOptions{Shuffle: true, Seed: seed}) returns. Write each fold's predictions back at their own rows, pred[test[r]] = p[r], not one after the other. Stage 2's input is [s X]: s in column 0, then X's columns. The Cascade keeps stage 1's and stage 2's Predict, stage 2's Fit, k and seed.",
			"OutOfFold: for each fold { predict := fit(rows of X not in the fold, their y); p := predict(the fold's rows); for r, i := range fold { pred[i] = p[r] } }. FitCascade: s := OutOfFold(X, y, k, seed, stage1); return Cascade{stage1: stage1(X, y), stage2: stage2([s X], y), fit2: stage2, k: k, seed: seed}. Predict: c.stage2([c.stage1(X) X]). Retrain: return FitCascade(X, y, c.k, c.seed, stage1, c.fit2). Evaluate: the mean of (c.Predict(X)[i] − y[i])².",
		},
		Mistakes: []grader.Mistake{
			{ID: inSampleLeak, Hint: "Stage 2 learned from stage-1 predictions for rows that stage-1 model was fitted on. On its own training rows a flexible model is far better than on new rows (a 1-nearest-neighbour model is exactly right there: each row is its own nearest neighbour), so stage 2 learns to trust stage 1 more than it deserves, and does worse on new rows. Use out-of-fold predictions: each row's value from the model fitted on the other folds."},
			{ID: oofMisaligned, Hint: "Your out-of-fold predictions are in the wrong rows: each fold's predictions were appended one after another, so row i got another row's prediction. A fold's rows are scattered over 0…m−1 after shuffling: write them back where they belong, pred[test[r]] = p[r]."},
			{ID: unshuffledFolds, Hint: "Your folds are consecutive runs of the rows in their original order: the seed was not used. Shuffle first: order := rand.New(rand.NewPCG(seed, 0)).Perm(m), then cut order into k runs (data.KFold with FoldOptions{Shuffle: true, Seed: seed} does the same). Files are often sorted (by date, by class), and unshuffled folds then differ systematically."},
			{ID: stage1NotRefitted, Hint: "Your cascade predicts with a stage 1 fitted on one fold's training rows only. The k fold models exist to make out-of-fold outputs for stage 2's training; for predictions, fit stage 1 once more on all the training rows (as scikit-learn's StackingRegressor does), so that it learns from every row."},
			{ID: staleStage2, Hint: "Retrain replaced stage 1 but kept the old stage 2, which was fitted on the old stage 1's outputs. A new stage 1 changes stage 2's input (its scale, its errors, what its numbers mean), so stage 2's weights no longer fit: changing anything changes everything downstream. Fit stage 2 again on the new stage 1's out-of-fold outputs: Retrain is FitCascade with the new stage 1 and the same stage-2 Fit."},
			{ID: oldStage1Outputs, Hint: "Retrain refitted stage 2, but on the old stage 1's outputs (kept from FitCascade), while the cascade now predicts with the new stage 1: stage 2 learned from numbers that the new stage 1 never produces. Compute the new stage 1's out-of-fold outputs and fit stage 2 on those."},
			{ID: stage1ErrorOnly, Hint: "Evaluate measured stage 1 alone. What the user gets is stage 2's prediction, made from stage 1's output: the error to report is that of c.Predict(X), the whole cascade, end to end. A better stage 1 does not mean a better cascade (stage 2 may not be ready for it)."},
			{ID: stage2GivenTruth, Hint: "Evaluate gave stage 2 the true targets in place of stage 1's output: that measures stage 2 with a perfect stage 1, which it will never have. On new rows stage 2 sees stage 1's predictions, errors included: evaluate c.Predict(X), the cascade end to end."},
		},
	}
}

// The mistakes the checks recognise.
const (
	inSampleLeak      = "in-sample-leak"
	oofMisaligned     = "oof-misaligned"
	unshuffledFolds   = "unshuffled-folds"
	stage1NotRefitted = "stage1-not-refitted"
	staleStage2       = "stale-stage2"
	oldStage1Outputs  = "old-stage1-outputs"
	stage1ErrorOnly   = "stage1-error-only"
	stage2GivenTruth  = "stage2-given-truth"
)

var (
	// tolOut is for stage-1 outputs the learner passes on: they come from the grader's own
	// models, which depend only on the set of rows they were fitted on, so they are equal to
	// the reference's bit for bit; the tolerance allows a copy through float32 no more.
	tolOut = grader.Rel(1e-12).PlusAbs(1e-12)
	// tolPred is for the cascade's predictions and errors: one ridge fit and a mean of squares
	// whose order of summation may differ.
	tolPred = grader.Rel(1e-9).PlusAbs(1e-9)
)

var num = grader.Num

// scenario is one data set with its stages: the training rows the cascade is fitted on, test
// rows, the folds (k, seed) and the grader's models for each stage.
type scenario struct {
	what      string // "the diabetes data (353 training rows)"
	X, Xte    *mat.Dense
	y, yte    []float64
	k         int
	seed      uint64
	stage1    func() selection.Regressor
	stage2    func() selection.Regressor
	newStage1 func() selection.Regressor // Retrain's stage 1; nil when not used
	idx       map[string]int             // the rows of X
}

// newScenario builds a scenario from a data set split into training and test rows.
func newScenario(t *grader.T, what string, X, y, Xte, yte []float64, n, k int, seed uint64, stage1, stage2, newStage1 func() selection.Regressor) *scenario {
	sc := &scenario{what: what, X: mat.NewDense(len(y), n, X), y: y, Xte: mat.NewDense(len(yte), n, Xte), yte: yte,
		k: k, seed: seed, stage1: stage1, stage2: stage2, newStage1: newStage1}
	var err error
	if sc.idx, err = rowIndex(sc.X); err != nil {
		t.Fatalf("internal error in the check: the training rows must be distinct: %v", err)
	}
	return sc
}

// splitScenario splits a data set 80/20 with mlkit's seeded split.
func splitScenario(t *grader.T, what string, d *data.Dataset, splitSeed uint64, k int, seed uint64, stage1, stage2, newStage1 func() selection.Regressor) *scenario {
	m, n := d.X.Dims()
	s, err := data.TrainTestSplit(m, data.SplitOptions{TestFraction: 0.2, Seed: splitSeed})
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	tr, te := data.TakeRows(d.X, s.Train), data.TakeRows(d.X, s.Test)
	return newScenario(t, fmt.Sprintf("%s (%d training rows)", what, len(s.Train)),
		tr.RawMatrix().Data, data.Take(d.Y, s.Train), te.RawMatrix().Data, data.Take(d.Y, s.Test), n, k, seed, stage1, stage2, newStage1)
}

func newKNN(neighbours int) func() selection.Regressor {
	return func() selection.Regressor { return &knn{neighbours: neighbours} }
}

func newRidge(alpha float64) func() selection.Regressor {
	return func() selection.Regressor { return &ridge{alpha: alpha} }
}

// diabetes is the visible scenario for OutOfFold, FitCascade, Predict and Evaluate: 353
// training rows, stage 1 a 1-nearest-neighbour model (which memorises its training rows, so
// in-sample outputs leak as much as they can), stage 2 ridge with α = 1, 5 folds.
func diabetes(t *grader.T) *scenario {
	return splitScenario(t, "the diabetes data", datasets.Diabetes(), 19, 5, 19, newKNN(1), newRidge(1), nil)
}

// quakes is the visible scenario for Retrain: the depth of 1000 earthquakes near Fiji from
// their latitude, longitude, magnitude and number of reporting stations. Stage 1 is the depth
// of the nearest earthquake; the new stage 1 is the mean depth of the 10 nearest, reported as
// a standardised score (a change of units, as when the team owning a model recalibrates it).
func quakes(t *grader.T) *scenario {
	tb, err := datasets.Load("quakes")
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	d, err := tb.Dataset("depth", "lat", "long", "mag", "stations")
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	return splitScenario(t, "the quakes data", d, 7, 4, 7, newKNN(1), newRidge(1),
		func() selection.Regressor { return &knn{neighbours: 10, zscore: true} })
}

// reference is what a correct cascade does on a scenario with a given stage 1.
type reference struct {
	folds []data.Split
	oof   []float64 // out-of-fold stage-1 predictions, by row
	stack *selection.Stack
	pred  []float64 // the cascade's predictions on the test rows

	// What the mistakes give.
	inSample   []float64   // stage 1 fitted on all rows, predicting them
	misaligned [][]float64 // oof values in fold order (each fold's rows in permutation or ascending order)
	unshuffled []float64   // oof with consecutive, unshuffled folds
}

// reference computes the reference cascade of sc with the given stage 1.
func (sc *scenario) reference(t *grader.T, stage1 func() selection.Regressor) *reference {
	m, _ := sc.X.Dims()
	r := &reference{}
	var err error
	if r.folds, err = data.KFold(m, sc.k, data.FoldOptions{Shuffle: true, Seed: sc.seed}); err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	if r.oof, err = selection.CrossValPredict(stage1, sc.X, sc.y, r.folds); err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	if r.stack, err = selection.FitStack(sc.X, sc.y, r.folds, sc.stage2, stage1); err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	r.pred = r.stack.Predict(nil, sc.Xte)
	r.inSample = r.stack.Bases[0].Predict(nil, sc.X)

	// Appended fold by fold: the folds' rows in the order of the permutation (as a learner who
	// cuts rand's Perm into runs has them) or ascending (as data.KFold returns them).
	order := permOf(m, sc.seed)
	inPerm := make([]float64, m)
	for p, i := range order {
		inPerm[p] = r.oof[i]
	}
	var ascending []float64
	for _, f := range r.folds {
		ascending = append(ascending, data.Take(r.oof, f.Test)...)
	}
	r.misaligned = [][]float64{inPerm, ascending}
	plain, err := data.KFold(m, sc.k, data.FoldOptions{})
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	if r.unshuffled, err = selection.CrossValPredict(stage1, sc.X, sc.y, plain); err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	return r
}

// permOf is the README's order of the rows before they are cut into folds (data.KFold with
// Shuffle cuts the same order).
func permOf(m int, seed uint64) []int { return rand.New(rand.NewPCG(seed, 0)).Perm(m) }

// checkRows identifies the rows of a stage-1 fit (each a row of sc.X with its own target,
// none twice) and stores them in f.rows; it fails the check, saying what is wrong, when they
// are not.
func checkRows(t *grader.T, sc *scenario, f *fitRecord, who string) {
	if f.rows != nil {
		return
	}
	_, n := sc.X.Dims()
	r, c := f.X.Dims()
	if c != n {
		t.Fatalf("%s was given a matrix of %d columns; X has %d: pass stage 1 the rows of X as they are", who, c, n)
	}
	rows, err := identify(sc.idx, f.X, 0, n)
	if err != nil {
		t.Fatalf("%s was given a matrix whose %v: pass stage 1 the rows of X, unchanged", who, err)
	}
	seen := make(map[int]bool, r)
	for p, i := range rows {
		if seen[i] {
			t.Fatalf("%s was given row %d of X twice: each fit gets each of its rows once", who, i)
		}
		seen[i] = true
		if f.y[p] != sc.y[i] {
			t.Fatalf("%s was given row %d of X with the target %s, but its target is %s: keep each row with its own target (take the same indices from X and y)", who, i, num(f.y[p]), num(sc.y[i]))
		}
	}
	f.rows = rows
}

// predictionsOnX returns the predictions of f's model on every row of sc.X.
func predictionsOnX(sc *scenario, f *fitRecord) []float64 {
	if f.all == nil {
		f.all = f.model.Predict(nil, sc.X)
	}
	return f.all
}

// checkOutputs checks s (s[i] for row i of sc.X), the stage-1 outputs the learner computed or
// passed on to stage 2, against the out-of-fold predictions, and names the mistake whose
// values s has. fits are the stage-1 fits made meanwhile and preds their Predict calls; old,
// for Retrain, is the cascade before it.
func checkOutputs(t *grader.T, sc *scenario, ref *reference, fits []*fitRecord, preds []*predictRecord, s []float64, what string, old *reference) {
	m, n := sc.X.Dims()
	if len(s) == m && !grader.NearSlice(s, ref.oof, tolOut) {
		// In-sample: some fit predicted rows it was fitted on, and every value of s is such a
		// prediction.
		leaked := slices.ContainsFunc(preds, func(p *predictRecord) bool {
			rows, err := identify(sc.idx, p.X, 0, n)
			return err == nil && p.fit.rows != nil && slices.ContainsFunc(rows, func(i int) bool { return slices.Contains(p.fit.rows, i) })
		})
		for i := 0; i < m && leaked; i++ {
			leaked = slices.ContainsFunc(fits, func(f *fitRecord) bool {
				return f.rows != nil && slices.Contains(f.rows, i) && grader.Near(predictionsOnX(sc, f)[i], s[i], tolOut)
			})
		}
		t.Label(what)
		t.Mistake(leaked, inSampleLeak, fmt.Sprintf("%s holds, for every row, the prediction of a stage-1 model fitted on that very row: against the targets their mean squared error is %s, where out-of-fold outputs have %s",
			what, num(metrics.MSE(sc.y, s)), num(metrics.MSE(sc.y, ref.oof))))
		for v, first := range []int{permOf(m, sc.seed)[0], ref.folds[0].Test[0]} {
			t.Mistake(grader.NearSlice(s, ref.misaligned[v], tolOut), oofMisaligned,
				fmt.Sprintf("%s holds the out-of-fold predictions one fold after another, not each at its own row: its value for row 0 is the prediction for row %d, the first row of fold 0", what, first))
		}
		t.Mistake(grader.NearSlice(s, ref.unshuffled, tolOut), unshuffledFolds,
			fmt.Sprintf("%s holds the out-of-fold predictions of consecutive, unshuffled folds, not of the folds that seed %d gives", what, sc.seed))
		if old != nil {
			t.Mistake(grader.NearSlice(s, old.oof, tolOut), oldStage1Outputs,
				fmt.Sprintf("%s holds the old stage 1's out-of-fold outputs, not the new stage 1's", what))
		}
		if slices.Equal(s, sc.y) {
			t.Fatalf("%s holds the targets y themselves: stage 2 would learn to copy column 0, which it cannot do on new rows; it must hold stage 1's out-of-fold predictions", what)
		}
	}
	t.Label(what + " (want each row's prediction by the stage-1 fit that did not see it)")
	t.CloseSlice(s, ref.oof, tolOut)
}

// checkFolds checks the rows each stage-1 fit saw: one fit per fold, on the rows outside the
// fold, and (when refit) one more on all the rows. It returns the fit on all rows (nil when
// not refit).
func checkFolds(t *grader.T, sc *scenario, ref *reference, fits []*fitRecord, who, call string, refit bool) *fitRecord {
	m, _ := sc.X.Dims()
	for i, f := range fits {
		checkRows(t, sc, f, fmt.Sprintf("%s (fit %d of %d in %s)", who, i+1, len(fits), call))
	}
	var all *fitRecord
	var perFold []*fitRecord
	for _, f := range fits {
		if refit && len(f.rows) == m && all == nil {
			all = f
		} else {
			perFold = append(perFold, f)
		}
	}
	t.Label(fmt.Sprintf("the rows that %s's fits in %s saw", who, call))
	plain, _ := data.KFold(m, sc.k, data.FoldOptions{})
	matches := func(folds []data.Split) bool {
		if len(perFold) != len(folds) {
			return false
		}
		used := make([]bool, len(folds))
		for _, f := range perFold {
			rows := slices.Sorted(slices.Values(f.rows))
			k := slices.IndexFunc(folds, func(s data.Split) bool { return slices.Equal(s.Train, rows) })
			if k < 0 || used[k] {
				return false
			}
			used[k] = true
		}
		return true
	}
	if !matches(ref.folds) {
		t.Mistake(matches(plain), unshuffledFolds,
			fmt.Sprintf("%s's fits saw the rows outside consecutive runs of 0…%d, not outside the folds that seed %d gives", who, m-1, sc.seed))
		sizes := make([]int, len(fits))
		for i, f := range fits {
			sizes[i] = len(f.rows)
		}
		t.Fatalf("%s called %s %d times, on %v rows; want %s", call, who, len(fits), sizes, describeFolds(sc, refit))
	}
	if refit && all == nil {
		t.Fatalf("%s never fitted %s on all %d training rows: after the %d fold fits, fit it once more on all the rows; that fit serves the cascade's predictions", call, who, m, sc.k)
	}
	return all
}

// describeFolds says which stage-1 fits the README asks for.
func describeFolds(sc *scenario, refit bool) string {
	m, _ := sc.X.Dims()
	lo, hi := m-(m+sc.k-1)/sc.k, m-m/sc.k
	size := fmt.Sprintf("%d rows each", lo)
	if lo != hi {
		size = fmt.Sprintf("%d or %d rows each", lo, hi)
	}
	runs := fmt.Sprintf("%d runs of %d rows", sc.k, m/sc.k)
	if m%sc.k != 0 {
		runs += fmt.Sprintf(", the first %d of them one row longer", m%sc.k)
	}
	want := fmt.Sprintf("one fit on the rows outside each of the %d folds (%s)", sc.k, size)
	if refit {
		want += fmt.Sprintf(" and one on all %d rows", m)
	}
	return want + fmt.Sprintf("; the folds cut rand.New(rand.NewPCG(%d, 0)).Perm(%d) into %s", sc.seed, m, runs)
}

// stage2Input returns the stage-2 fit made since mk and the stage-1 output of each row of sc.X
// in its column 0, failing the check when stage 2 was not fitted once on [s X] with every row
// of X and its target. retrain is set when the call was Retrain (no stage-2 fit is then
// stale-stage2).
func stage2Input(t *grader.T, sc *scenario, sp *spy, mk mark, call string, retrain bool) (*fitRecord, []float64) {
	fits2 := sp.fitsSince(mk, "stage2")
	t.Label(fmt.Sprintf("what %s fitted", call))
	if len(fits2) == 0 {
		t.Mistake(retrain, staleStage2, "Retrain never called stage 2's Fit: the new cascade still has the stage 2 fitted on the old stage 1's outputs")
		t.Fatalf("%s never called stage2: fit stage 2 once on [s X] and y", call)
	}
	if len(fits2) > 1 {
		t.Fatalf("%s called stage2 %d times: fit stage 2 once, on all the rows [s X] with s the out-of-fold stage-1 outputs", call, len(fits2))
	}
	f2 := fits2[0]
	m, n := sc.X.Dims()
	r, c := f2.X.Dims()
	switch {
	case c == n:
		t.Fatalf("stage 2 was given %d columns, X's own: its input is [s X], the stage-1 output s in column 0 and then X's %d columns", c, n)
	case c == 1:
		t.Fatalf("stage 2 was given 1 column: its input is [s X], the stage-1 output s in column 0 and then X's %d columns as well", n)
	case c != n+1:
		t.Fatalf("stage 2 was given %d columns; want %d: the stage-1 output in column 0, then X's %d columns", c, n+1, n)
	}
	rows, err := identify(sc.idx, f2.X, 1, n)
	if err != nil {
		if _, e := identify(sc.idx, f2.X, 0, n); e == nil {
			t.Fatalf("stage 2 was given [X s], the stage-1 output in the last column: put it in column 0, [s X], as scikit-learn's StackingRegressor does")
		}
		bad, _ := err.(unknownRow)
		t.Fatalf("stage 2 was given a matrix whose row %d does not hold a row of X in columns 1…%d: its input is [s X], with X's rows unchanged", bad.Row, n)
	}
	if r != m {
		t.Fatalf("stage 2 was fitted on %d rows; want all %d training rows", r, m)
	}
	s := make([]float64, m)
	seen := make([]bool, m)
	for p, i := range rows {
		if seen[i] {
			t.Fatalf("stage 2 was given row %d of X twice: give it each training row once", i)
		}
		seen[i] = true
		if f2.y[p] != sc.y[i] {
			t.Fatalf("stage 2 was given row %d of X with the target %s, but its target is %s: keep each row with its own target", i, num(f2.y[p]), num(sc.y[i]))
		}
		s[i] = f2.X.At(p, 0)
	}
	return f2, s
}

// checkCascade checks what the FitCascade or Retrain call that started at mk fitted: stage 2
// on [s X] with s the out-of-fold outputs of the stage-1 fits (stage1 names the argument), and
// stage 1 once more on all rows. It returns the stage-2 fit and the fit of stage 1 on all rows.
func checkCascade(t *grader.T, sc *scenario, ref *reference, sp *spy, mk mark, stage1, call string, old *reference) (f2, all *fitRecord) {
	f2, s := stage2Input(t, sc, sp, mk, call, old != nil)
	fits1 := sp.fitsSince(mk, stage1)
	for i, f := range fits1 {
		checkRows(t, sc, f, fmt.Sprintf("%s (fit %d of %d in %s)", stage1, i+1, len(fits1), call))
	}
	checkOutputs(t, sc, ref, fits1, sp.predictsSince(mk, stage1), s, fmt.Sprintf("column 0 of the matrix %s fitted stage 2 on", call), old)
	all = checkFolds(t, sc, ref, fits1, stage1, call, true)
	return f2, all
}

// predictTest calls c.Predict on the test rows; it returns the predictions and the spy's mark
// before the call.
func predictTest(t *grader.T, sc *scenario, sp *spy, c *grader.Result) ([]float64, mark) {
	mk := sp.mark()
	return c.Method("Predict", sc.Xte).Floats(), mk
}

// checkPredictModels checks which stage-1 models the Predict call that started at mk used,
// naming a stage 1 fitted on one fold's rows. stage1 names the current stage 1's argument.
func checkPredictModels(t *grader.T, sc *scenario, sp *spy, mk mark, stage1 string) {
	m, _ := sc.X.Dims()
	t.Label("the stage-1 model Cascade.Predict went through")
	for _, p := range sp.predictsSince(mk, stage1) {
		checkRows(t, sc, p.fit, "a stage-1 fit")
		t.Mistake(len(p.fit.rows) < m, stage1NotRefitted,
			fmt.Sprintf("your cascade's stage 1 is a model fitted on %d of the %d training rows (one fold's training rows)", len(p.fit.rows), m))
	}
}

// checkPredict checks the predictions got of the Predict call that started at mk: the test
// rows went through stage 1 fitted on all rows (all, of the argument stage1) and then through
// stage 2 (f2), and the predictions are the reference's.
func checkPredict(t *grader.T, sc *scenario, ref *reference, sp *spy, mk mark, got []float64, f2, all *fitRecord, stage1 string) {
	checkPredictModels(t, sc, sp, mk, stage1)
	m, _ := sc.X.Dims()
	t.Label("the models Cascade.Predict went through")
	used1 := false
	for _, p := range sp.predictsSince(mk, "") {
		switch {
		case p.fit.stage == "stage2" && p.fit != f2:
			t.Mistake(true, staleStage2, "your retrained cascade predicts with the stage 2 fitted before Retrain, on the old stage 1's outputs")
			t.Fatalf("your cascade predicts with a stage 2 that is not the one it fitted")
		case p.fit.stage != "stage2" && p.fit.stage != stage1:
			t.Fatalf("your retrained cascade predicts with the old stage 1: Retrain must put the new stage 1, fitted on all rows, in the cascade")
		case p.fit == all:
			used1 = true
		}
	}
	if !used1 {
		t.Fatalf("your cascade's Predict did not call the Predict of stage 1 fitted on all %d training rows: the test rows go through stage 1 first", m)
	}
	t.Label(fmt.Sprintf("Cascade.Predict(the %d test rows) (stage 2's predictions from [stage 1's output, X])", len(sc.yte)))
	t.CloseSlice(got, ref.pred, tolPred)
}

// fitLearnerCascade calls FitCascade on sc with the scenario's stages and Predict on the test
// rows, draws plot (when not nil) with the predictions, checks which stage 1 they went through
// and what FitCascade fitted. It returns the learner's cascade, its stage-2 fit, its stage-1
// fit on all rows, the predictions and the spy's mark before Predict.
func fitLearnerCascade(t *grader.T, sc *scenario, ref *reference, sp *spy, plot func(got []float64)) (c *grader.Result, f2, all *fitRecord, got []float64, mkp mark) {
	mk := sp.mark()
	c = t.Call("FitCascade", sc.X, sc.y, sc.k, sc.seed, sp.fitFunc("stage1", sc.stage1), sp.fitFunc("stage2", sc.stage2))
	got, mkp = predictTest(t, sc, sp, c)
	if plot != nil {
		plot(got)
	}
	checkPredictModels(t, sc, sp, mkp, "stage1")
	f2, all = checkCascade(t, sc, ref, sp, mk, "stage1", "FitCascade", nil)
	return c, f2, all, got, mkp
}

func outOfFold(t *grader.T) {
	sc := diabetes(t)
	checkOutOfFold(t, sc, sc.reference(t, sc.stage1))
	// The edges: two folds, and as many folds as rows (leave-one-out: each row predicted by
	// its nearest other row), on the first 30 training rows.
	_, n := sc.X.Dims()
	const m = 30
	for _, k := range []int{2, m} {
		small := newScenario(t, fmt.Sprintf("the first %d diabetes training rows", m), sc.X.RawMatrix().Data[:m*n], sc.y[:m],
			sc.Xte.RawMatrix().Data, sc.yte, n, k, sc.seed, sc.stage1, sc.stage2, nil)
		checkOutOfFold(t, small, small.reference(t, small.stage1))
	}
}

// checkOutOfFold calls OutOfFold on sc with stage 1 and checks the fits and the predictions.
func checkOutOfFold(t *grader.T, sc *scenario, ref *reference) {
	sp := &spy{}
	got := t.Call("OutOfFold", sc.X, sc.y, sc.k, sc.seed, sp.fitFunc("fit", sc.stage1)).Floats()
	m, _ := sc.X.Dims()
	if len(got) != m {
		t.Fatalf("OutOfFold returned %d predictions for %d rows: want one per row, pred[i] for row i", len(got), m)
	}
	for i, f := range sp.fits {
		checkRows(t, sc, f, fmt.Sprintf("fit (call %d of %d)", i+1, len(sp.fits)))
	}
	checkOutputs(t, sc, ref, sp.fits, sp.predicts, got, fmt.Sprintf("OutOfFold(%s, k = %d, seed = %d)", sc.what, sc.k, sc.seed), nil)
	checkFolds(t, sc, ref, sp.fits, "fit", "OutOfFold", false)
}

func fitCascade(t *grader.T) {
	sc := diabetes(t)
	ref := sc.reference(t, sc.stage1)
	sp := &spy{}
	mk := sp.mark()
	t.Call("FitCascade", sc.X, sc.y, sc.k, sc.seed, sp.fitFunc("stage1", sc.stage1), sp.fitFunc("stage2", sc.stage2))
	_, s := stage2Input(t, sc, sp, mk, "FitCascade", false)
	plotStage2Input(t, sc, ref, s)
	checkCascade(t, sc, ref, sp, mk, "stage1", "FitCascade", nil)
	logLeakCost(t, sc, ref)
}

// logLeakCost tells what the leak would cost on the scenario's test rows.
func logLeakCost(t *grader.T, sc *scenario, ref *reference) {
	leaky := sc.stage2()
	if leaky.Fit(selection.StackFeatures([][]float64{ref.inSample}, sc.X), sc.y) != nil {
		return
	}
	leakyPred := leaky.Predict(nil, ref.stack.Features(sc.Xte))
	t.Logf("On the %d test rows the cascade's mean squared error is %s; with stage 2 trained on in-sample stage-1 outputs it would be %s, and stage 1 alone has %s.",
		len(sc.yte), num(metrics.MSE(sc.yte, ref.pred)), num(metrics.MSE(sc.yte, leakyPred)), num(metrics.MSE(sc.yte, ref.stack.Bases[0].Predict(nil, sc.Xte))))
}

func predict(t *grader.T) {
	sc := diabetes(t)
	ref := sc.reference(t, sc.stage1)
	sp := &spy{}
	_, f2, all, got, mk := fitLearnerCascade(t, sc, ref, sp, func(got []float64) {
		plotPredictions(t, "Cascade predictions on the diabetes test rows", "The cascade end to end on the diabetes test rows",
			mlplot.Prediction{Name: "reference", Actual: sc.yte, Predicted: ref.pred},
			mlplot.Prediction{Name: "yours", Actual: sc.yte, Predicted: got})
	})
	checkPredict(t, sc, ref, sp, mk, got, f2, all, "stage1")
}

func retrain(t *grader.T) {
	checkRetrain(t, quakes(t), true)
}

// checkRetrain fits a cascade on sc, retrains it with sc.newStage1, and checks what Retrain
// fitted, the new cascade's predictions, and that the old cascade still predicts as before.
func checkRetrain(t *grader.T, sc *scenario, plot bool) {
	ref := sc.reference(t, sc.stage1)
	ref2 := sc.reference(t, sc.newStage1)
	sp := &spy{}
	c, _, _, oldPred, _ := fitLearnerCascade(t, sc, ref, sp, nil)
	mk := sp.mark()
	c2 := t.Call("Retrain", c, sc.X, sc.y, sp.fitFunc("the new stage1", sc.newStage1))
	got, mkp := predictTest(t, sc, sp, c2)
	stale := (&selection.Stack{Bases: ref2.stack.Bases, Final: ref.stack.Final}).Predict(nil, sc.Xte)
	if plot {
		plotPredictions(t, "Retrained cascade on the quakes test rows", "Depth of the quakes test rows after stage 1 changed",
			mlplot.Prediction{Name: "stage 2 not retrained", Actual: sc.yte, Predicted: stale},
			mlplot.Prediction{Name: "reference, retrained", Actual: sc.yte, Predicted: ref2.pred},
			mlplot.Prediction{Name: "yours", Actual: sc.yte, Predicted: got})
	}
	f2, all := checkCascade(t, sc, ref2, sp, mk, "the new stage1", "Retrain", ref)
	checkPredict(t, sc, ref2, sp, mkp, got, f2, all, "the new stage1")
	again, _ := predictTest(t, sc, sp, c)
	t.Label("the old cascade's Predict after Retrain (Retrain must leave c as it was)")
	t.CloseSlice(again, oldPred, tolOut)
	t.Logf("Test mean squared error: %s before Retrain, %s after it, and %s had stage 2 not been retrained.",
		num(metrics.MSE(sc.yte, ref.pred)), num(metrics.MSE(sc.yte, ref2.pred)), num(metrics.MSE(sc.yte, stale)))
}

func evaluate(t *grader.T) {
	checkEvaluate(t, diabetes(t))
}

// checkEvaluate fits a cascade on sc and checks Evaluate on the test rows against the mean
// squared error of the learner's own end-to-end predictions.
func checkEvaluate(t *grader.T, sc *scenario) {
	ref := sc.reference(t, sc.stage1)
	sp := &spy{}
	c := t.Call("FitCascade", sc.X, sc.y, sc.k, sc.seed, sp.fitFunc("stage1", sc.stage1), sp.fitFunc("stage2", sc.stage2))
	mk := sp.mark()
	got := t.Call("Evaluate", c, sc.Xte, sc.yte).Float()
	if fits := sp.fitsSince(mk, ""); len(fits) > 0 {
		t.Fatalf("Evaluate fitted %s (%d fits): it must only measure the cascade it is given, with c.Predict", fits[0].stage, len(fits))
	}
	calls2 := sp.predictsSince(mk, "stage2")
	for _, p := range calls2 {
		if r, _ := p.X.Dims(); r == len(sc.yte) && slices.Equal(mat.Col(nil, 0, p.X), sc.yte) {
			t.Mistake(true, stage2GivenTruth, "Evaluate called stage 2's Predict with the test targets in column 0, where stage 1's predictions belong")
		}
	}
	stage1Only := metrics.MSE(sc.yte, ref.stack.Bases[0].Predict(nil, sc.Xte))
	t.Mistake(len(calls2) == 0 && grader.Near(got, stage1Only, tolPred), stage1ErrorOnly,
		fmt.Sprintf("Evaluate returned %s, the mean squared error of stage 1's predictions alone; the cascade's is %s", num(got), num(metrics.MSE(sc.yte, ref.pred))))
	yours, _ := predictTest(t, sc, sp, c)
	if len(yours) != len(sc.yte) {
		t.Fatalf("Cascade.Predict returned %d predictions for %d test rows", len(yours), len(sc.yte))
	}
	t.Logf("End to end, the reference cascade's test mean squared error is %s; stage 1 alone has %s.", num(metrics.MSE(sc.yte, ref.pred)), num(stage1Only))
	want := metrics.MSE(sc.yte, yours)
	if !grader.Near(got, want, tolPred) && grader.Near(got*got, want, tolPred) {
		t.Logf("Your value is the square root of the mean squared error (the RMSE): Evaluate returns the MSE itself.")
	}
	t.Label(fmt.Sprintf("Evaluate(c, the %d test rows, their targets) (want the mean squared error of c.Predict on them)", len(sc.yte)))
	t.Close(got, want, tolPred)
}

func notMutated(t *grader.T) {
	sc := diabetes(t)
	sp := &spy{}
	t.NotMutated("OutOfFold", sc.X, sc.y, sc.k, sc.seed, sp.fitFunc("fit", sc.stage1))
	c := t.NotMutated("FitCascade", sc.X, sc.y, sc.k, sc.seed, sp.fitFunc("stage1", sc.stage1), sp.fitFunc("stage2", sc.stage2))
	c.MethodNotMutated("Predict", sc.Xte)
	t.NotMutated("Retrain", c, sc.X, sc.y, sp.fitFunc("the new stage1", newKNN(3)))
	t.NotMutated("Evaluate", c, sc.Xte, sc.yte)
}

// plotStage2Input draws the stage-1 outputs against the targets: the reference's in-sample and
// out-of-fold outputs beside the learner's column 0 of stage 2's input.
func plotStage2Input(t *grader.T, sc *scenario, ref *reference, s []float64) {
	left, err := mlplot.PredictedVsActual("Reference: in-sample and out-of-fold",
		mlplot.Prediction{Name: "in-sample (leaks)", Actual: sc.y, Predicted: ref.inSample, Style: mlplot.Style{Color: mlplot.PaletteColor(3)}},
		mlplot.Prediction{Name: "out-of-fold", Actual: sc.y, Predicted: ref.oof, Style: mlplot.Style{Color: mlplot.PaletteColor(0)}})
	if err != nil {
		return
	}
	left.X.Label.Text, left.Y.Label.Text = "target", "stage-1 output"
	right, err := mlplot.PredictedVsActual("Yours: column 0 of stage 2's input",
		mlplot.Prediction{Name: "yours", Actual: sc.y, Predicted: s, Style: mlplot.Style{Color: mlplot.PaletteColor(1)}})
	if err != nil {
		t.Plot("What stage 2 learns from", left)
		return
	}
	right.X.Label.Text, right.Y.Label.Text = "target", "stage-1 output"
	t.Plot("What stage 2 learns from", mlplot.SideBySide("What stage 2 learns from: each training row's stage-1 output against its target", left, right))
}

// plotPredictions draws predictions against the actual targets.
func plotPredictions(t *grader.T, title, heading string, preds ...mlplot.Prediction) {
	p, err := mlplot.PredictedVsActual(heading, preds...)
	if err != nil {
		return
	}
	p.X.Label.Text, p.Y.Label.Text = "target", "prediction"
	t.Plot(title, p)
}
