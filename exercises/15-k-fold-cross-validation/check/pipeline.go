package check

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// pipeline is the scaler and the model the checks pass to CrossValidate: mlkit's
// StandardScaler and Ridge, run in grade, wrapped in spies that record the rows of every fit,
// transform and prediction. The learner's code cannot forge what they record. Rows are
// recognised by their exact bits: a row of X by raw, a row that a transform returned by scaled,
// which remembers the scaler fit and the row of X it came from. The fixtures' rows are unique.
//
// fitScaler and fitModel and the functions they return run while the learner's code runs, so
// they must not call T's methods: they refuse bad input with an error, which the learner's
// code receives as a panic with that message.
type pipeline struct {
	X     *mat.Dense
	y     []float64
	alpha float64

	raw     map[string]int
	scaled  map[string]rowRef
	scalers [][]rowRef  // the rows each fit of the scaler saw, in the order of the fits
	models  []*modelFit // each fit of the model, in order
}

// rowRef says what a row that the learner's code gave the grader's functions is: row `row` of
// X as it is (scaler asIs), or transformed by the scaler of fit number `scaler`; unknown (and
// row −1) for a row that is neither.
type rowRef struct{ scaler, row int }

const (
	asIs    = -1
	unknown = -2
)

// modelFit is what one fit of the model saw: its rows and targets, and the rows it was later
// asked to predict.
type modelFit struct {
	rows      []rowRef
	targets   []float64
	predicted []rowRef
}

// newPipeline returns a spy pipeline for X and y with a ridge penalty alpha. The rows of X must
// be unique.
func newPipeline(t *grader.T, X *mat.Dense, y []float64, alpha float64) *pipeline {
	m, _ := X.Dims()
	p := &pipeline{X: X, y: y, alpha: alpha, raw: make(map[string]int, m), scaled: map[string]rowRef{}}
	for i := range m {
		k := rowKey(X.RawRowView(i))
		if j, dup := p.raw[k]; dup {
			t.Fatalf("internal error in the check: rows %d and %d of its data are equal; the spy needs unique rows", j, i)
		}
		p.raw[k] = i
	}
	return p
}

// rowKey identifies a row by its exact values.
func rowKey(row []float64) string {
	var b strings.Builder
	for _, v := range row {
		fmt.Fprintf(&b, "%x,", math.Float64bits(v))
	}
	return b.String()
}

// identify says what each row of A is.
func (p *pipeline) identify(A *mat.Dense) []rowRef {
	r, _ := A.Dims()
	refs := make([]rowRef, r)
	for i := range r {
		k := rowKey(A.RawRowView(i))
		if j, ok := p.raw[k]; ok {
			refs[i] = rowRef{asIs, j}
		} else if ref, ok := p.scaled[k]; ok {
			refs[i] = ref
		} else {
			refs[i] = rowRef{unknown, -1}
		}
	}
	return refs
}

// usable returns an error, for the learner to read, when A is not what what needs: rows with
// as many columns as X, all finite.
func (p *pipeline) usable(what string, A *mat.Dense) error {
	if A == nil || A.IsEmpty() {
		return fmt.Errorf("%s got no rows", what)
	}
	r, c := A.Dims()
	if _, n := p.X.Dims(); c != n {
		return fmt.Errorf("%s got rows of %d columns, but X has %d", what, c, n)
	}
	for i := range r {
		for j, v := range A.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%s got %v in row %d, column %d", what, v, i, j)
			}
		}
	}
	return nil
}

// fitScaler is the FitScaler the checks pass: it fits a StandardScaler on A and records A's
// rows; the Transform it returns records which rows it transformed into which.
func (p *pipeline) fitScaler(A *mat.Dense) (func(*mat.Dense) (*mat.Dense, error), error) {
	if err := p.usable("the scaler's fit", A); err != nil {
		return nil, err
	}
	id := len(p.scalers)
	p.scalers = append(p.scalers, p.identify(A))
	var s preprocess.StandardScaler
	s.Fit(A)
	return func(B *mat.Dense) (*mat.Dense, error) {
		if err := p.usable("the scaler's transform", B); err != nil {
			return nil, err
		}
		refs := p.identify(B)
		Z := s.Transform(nil, B)
		for i, ref := range refs {
			if ref.scaler == asIs {
				p.scaled[rowKey(Z.RawRowView(i))] = rowRef{id, ref.row}
			}
		}
		return Z, nil
	}, nil
}

// fitModel is the FitModel the checks pass: it fits Ridge(α) on A and yA and records them; the
// Predict it returns records the rows it was asked about.
func (p *pipeline) fitModel(A *mat.Dense, yA []float64) (func(*mat.Dense) ([]float64, error), error) {
	if err := p.usable("the model's fit", A); err != nil {
		return nil, err
	}
	if r, _ := A.Dims(); r != len(yA) {
		return nil, fmt.Errorf("the model's fit got %d rows but %d targets: give it one target per row", r, len(yA))
	}
	for i, v := range yA {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("the model's fit got the target %v at %d", v, i)
		}
	}
	mf := &modelFit{rows: p.identify(A), targets: slices.Clone(yA)}
	p.models = append(p.models, mf)
	r := &linear.Ridge{Alpha: p.alpha}
	if err := r.Fit(A, yA); err != nil {
		return nil, errors.New("the model's fit failed: " + err.Error())
	}
	return func(B *mat.Dense) ([]float64, error) {
		if err := p.usable("the model's predict", B); err != nil {
			return nil, err
		}
		mf.predicted = append(mf.predicted, p.identify(B)...)
		return r.Predict(nil, B), nil
	}, nil
}

// rowsOf returns the rows of X that refs stand for, sorted, and the index of the first that is
// none (−1 if all are rows of X, as they are or transformed).
func rowsOf(refs []rowRef) (rows []int, bad int) {
	bad = -1
	for i, r := range refs {
		if r.scaler == unknown {
			if bad < 0 {
				bad = i
			}
			continue
		}
		rows = append(rows, r.row)
	}
	slices.Sort(rows)
	return rows, bad
}

// complement returns the indices of 0…m−1 not in fold, sorted.
func complement(fold []int, m int) []int {
	in := make([]bool, m)
	for _, i := range fold {
		in[i] = true
	}
	var out []int
	for i := range m {
		if !in[i] {
			out = append(out, i)
		}
	}
	return out
}

// trainSets returns the training rows of each test fold: all the rows outside it, or, when other
// is set, the rows of the other folds (which differ when some rows are in no fold).
func trainSets(tests [][]int, m int, other bool) [][]int {
	out := make([][]int, len(tests))
	for f, test := range tests {
		if !other {
			out[f] = complement(test, m)
			continue
		}
		var rows []int
		for g, fold := range tests {
			if g != f {
				rows = append(rows, fold...)
			}
		}
		out[f] = slices.Sorted(slices.Values(rows))
	}
	return out
}

// sameSets reports whether a and b hold the same sets (sorted slices), in any order.
func sameSets(a, b [][]int) bool {
	key := func(s [][]int) []string {
		out := make([]string, len(s))
		for i, x := range s {
			out[i] = fmt.Sprint(x)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

// fitSets returns the sorted rows of X that each fit saw; a row that is not one of X ends the
// check.
func fitSets(t *grader.T, who string, fits [][]rowRef) [][]int {
	sets := make([][]int, len(fits))
	for j, refs := range fits {
		rows, bad := rowsOf(refs)
		if bad >= 0 {
			t.Fatalf("fit %d of the %s got a row that is not a row of X, nor a row of X that the scaler transformed (row %d of the matrix it got): give the grader's functions rows of X, or the rows a Transform returned for them", j+1, who, bad)
		}
		sets[j] = rows
	}
	return sets
}

func (p *pipeline) modelRefs() [][]rowRef {
	out := make([][]rowRef, len(p.models))
	for j, mf := range p.models {
		out[j] = mf.rows
	}
	return out
}

// allRows reports whether refs stand for every row of X.
func (p *pipeline) allRows(refs []rowRef) bool {
	m, _ := p.X.Dims()
	rows, _ := rowsOf(refs)
	return len(slices.Compact(rows)) == m
}

// trainedOnTest names test-rows-in-training when every fit of the model saw all the rows of X.
func (p *pipeline) trainedOnTest(t *grader.T) {
	m, _ := p.X.Dims()
	t.Label("what the model was fitted on")
	t.Mistake(len(p.models) > 0 && !slices.ContainsFunc(p.models, func(mf *modelFit) bool { return !p.allRows(mf.rows) }),
		testRowsInTraining, fmt.Sprintf("each of the model's %d fits saw all %d rows of X, the test rows of its fold among them", len(p.models), m))
}

// leaks names the mistakes by which test rows reach a scaler fit: a fit on all the rows of X
// (because the model too was fitted on all of them in every round, or not), and a fit on
// exactly one fold's test rows.
func (p *pipeline) leaks(t *grader.T, tests [][]int) {
	m, _ := p.X.Dims()
	for j, refs := range p.scalers {
		rows, _ := rowsOf(refs)
		rows = slices.Compact(rows)
		if len(rows) == m {
			p.trainedOnTest(t) // the scaler saw all rows because the model did
			t.Label("what the scaler was fitted on")
			t.Mistake(true, scalerFitOnAllRows, fmt.Sprintf(
				"fit %d of the scaler saw all %d rows of X, the test rows of every fold among them", j+1, m))
		}
		t.Label("what the scaler was fitted on")
		for f, test := range tests {
			t.Mistake(slices.Equal(rows, test), scalerFitOnTestFold, fmt.Sprintf(
				"fit %d of the scaler saw exactly the %d test rows of fold %d", j+1, len(test), f+1))
		}
	}
}

// foldMistakes names the fold-cutting mistake whose training sets are the sets that the fits of
// who saw.
func (p *pipeline) foldMistakes(t *grader.T, who string, sets [][]int, k int, seed uint64) {
	m, _ := p.X.Dims()
	for _, w := range mistakeFolds(t, m, k, true, seed) {
		t.Mistake(sameSets(sets, trainSets(w.folds, m, false)) || sameSets(sets, trainSets(w.folds, m, true)), w.id,
			fmt.Sprintf("the %s's fits saw the training rows of wrongly cut folds: %s", who, w.what))
	}
}

// notScaled names rows-not-scaled when the model was fitted on, or asked to predict, rows of X
// as they are.
func (p *pipeline) notScaled(t *grader.T) {
	t.Label("what the model got")
	count := func(refs []rowRef) (n int) {
		for _, r := range refs {
			if r.scaler == asIs {
				n++
			}
		}
		return n
	}
	for j, mf := range p.models {
		n := count(mf.rows)
		t.Mistake(n > 0, rowsNotScaled, fmt.Sprintf("fit %d of the model got %d rows of X as they are, not transformed by the fold's scaler", j+1, n))
		n = count(mf.predicted)
		t.Mistake(n > 0, rowsNotScaled, fmt.Sprintf("the model from fit %d was asked to predict %d rows of X as they are, not transformed by the fold's scaler", j+1, n))
	}
}

// describeFit says how a fit's rows differ from the training rows of the fold of
// KFold(m, k, true, seed) they are closest to.
func describeFit(who string, j int, rows []int, tests [][]int, m int, seed uint64) string {
	best, bestDiff := 0, math.MaxInt
	for f, test := range tests {
		d := len(diff(rows, complement(test, m))) + len(diff(complement(test, m), rows))
		if d < bestDiff {
			best, bestDiff = f, d
		}
	}
	train := complement(tests[best], m)
	leaked, missing := intersect(rows, tests[best]), diff(train, rows)
	var msg string
	switch {
	case len(missing) == 0 && len(leaked) > 0:
		msg = fmt.Sprintf("fit %d of the %s saw the %d training rows of fold %d and %d of its test rows as well (%s): the test rows leaked into the fit",
			j+1, who, len(train), best+1, len(leaked), rowList(leaked))
	case len(leaked) == 0 && len(missing) > 0:
		msg = fmt.Sprintf("fit %d of the %s saw the training rows of fold %d but %d of them (%s): fit on all the rows outside the fold",
			j+1, who, best+1, len(missing), rowList(missing))
	default:
		msg = fmt.Sprintf("fit %d of the %s saw %d rows, which are not the training rows of any fold of KFold(%d, %d, true, %d); the closest, fold %d's %d training rows, differ from them in %d rows (the fit saw %d of that fold's test rows and missed %d of its training rows): cut the folds with KFold(m, k, true, seed)",
			j+1, who, len(rows), m, len(tests), seed, best+1, len(train), len(leaked)+len(missing), len(leaked), len(missing))
	}
	if dups := len(rows) - len(slices.Compact(slices.Clone(rows))); dups > 0 {
		msg += fmt.Sprintf("; %s came twice", plural(dups, "row"))
	}
	return msg
}

// rowList writes "row 3" or "rows 3 5 8 …".
func rowList(rows []int) string {
	if len(rows) == 1 {
		return fmt.Sprintf("row %d", rows[0])
	}
	return "rows " + ints(rows)
}

// plural writes n and the noun, with an s when n ≠ 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// diff returns the elements of a (sorted) not in b.
func diff(a, b []int) []int {
	var out []int
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

// intersect returns the elements of a (sorted) in b (sorted).
func intersect(a, b []int) []int {
	var out []int
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); found {
			out = append(out, x)
		}
	}
	return out
}

// matchFits checks that the fits of who saw the training rows of the k folds, one fit each,
// and ends the check with a description of the first fit that did not.
func (p *pipeline) matchFits(t *grader.T, who string, sets [][]int, tests [][]int, seed uint64) {
	m, _ := p.X.Dims()
	k := len(tests)
	if len(sets) != k {
		t.Fatalf("the %s was fitted %d times; want once per fold, %d times: a new fit for each fold, on its training rows", who, len(sets), k)
	}
	got, want := make([]int, k), make([]int, k)
	for f, test := range tests {
		got[f], want[f] = len(sets[f]), m-len(test)
	}
	if g, w := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want)); !slices.Equal(g, w) {
		t.Fatalf("the %s's fits saw %s rows, but the training sets of KFold(%d, %d, true, %d) hold %s rows (all the rows outside each fold): cut the folds as KFold does (its checks say more)",
			who, ints(got), m, k, seed, ints(want))
	}
	used := make([]bool, k)
	for j, rows := range sets {
		f := slices.IndexFunc(tests, func(test []int) bool { return slices.Equal(rows, complement(test, m)) })
		switch {
		case f < 0:
			t.Fatalf("%s", describeFit(who, j, rows, tests, m, seed))
		case used[f]:
			t.Fatalf("two fits of the %s, fit %d among them, saw the training rows of fold %d: fit once per fold", who, j+1, f+1)
		}
		used[f] = true
	}
}

// judgeScaler checks that the scaler was fitted once per fold of KFold(m, k, true, seed), on
// that fold's training rows.
func (p *pipeline) judgeScaler(t *grader.T, k int, seed uint64) {
	m, _ := p.X.Dims()
	tests := refFolds(t, m, k, true, seed)
	p.leaks(t, tests)
	sets := fitSets(t, "scaler", p.scalers)
	p.foldMistakes(t, "scaler", sets, k, seed)
	p.matchFits(t, "scaler", sets, tests, seed)
}

// judgeModel checks that the model was fitted once per fold, on its training rows as one scaler
// transformed them, each with its own target, and asked to predict all the fold's test rows
// transformed by the same scaler.
func (p *pipeline) judgeModel(t *grader.T, k int, seed uint64) {
	m, _ := p.X.Dims()
	tests := refFolds(t, m, k, true, seed)
	p.trainedOnTest(t)
	p.notScaled(t)
	sets := fitSets(t, "model", p.modelRefs())
	p.foldMistakes(t, "model", sets, k, seed)
	p.matchFits(t, "model", sets, tests, seed)
	for j, mf := range p.models {
		for i, r := range mf.rows {
			if mf.targets[i] != p.y[r.row] {
				t.Fatalf("row %d of fit %d of the model is row %d of X (transformed), whose target is %s, but the target given with it is %s: keep each row with its own target",
					i, j+1, r.row, grader.Num(p.y[r.row]), grader.Num(mf.targets[i]))
			}
		}
		scalers := scalersOf(mf.rows)
		if len(scalers) > 1 {
			t.Fatalf("fit %d of the model got rows transformed by %d different fits of the scaler: transform all of a fold's rows with the one scaler fitted for that fold", j+1, len(scalers))
		}
		f := slices.IndexFunc(tests, func(test []int) bool { return slices.Equal(sets[j], complement(test, m)) })
		p.judgePredictions(t, j, f, tests[f], scalers[0])
	}
}

// scalersOf returns the scaler fits that transformed refs, in order of first appearance.
func scalersOf(refs []rowRef) []int {
	var out []int
	for _, r := range refs {
		if !slices.Contains(out, r.scaler) {
			out = append(out, r.scaler)
		}
	}
	return out
}

// judgePredictions checks that the model of fit j (of fold f, whose training rows scaler s
// transformed) was asked to predict every test row of the fold, transformed by the same scaler.
func (p *pipeline) judgePredictions(t *grader.T, j, f int, test []int, s int) {
	var same []int
	for _, r := range p.models[j].predicted {
		if r.scaler == s || (r.scaler >= 0 && p.sameFit(r.scaler, s)) {
			same = append(same, r.row)
			continue
		}
		if r.scaler >= 0 {
			rows, _ := rowsOf(p.scalers[r.scaler])
			t.Label(fmt.Sprintf("what the model of fold %d predicted", f+1))
			t.Mistake(slices.Equal(slices.Compact(rows), test), scalerFitOnTestFold, fmt.Sprintf(
				"the model of fold %d was asked to predict its test rows transformed by a scaler fitted on those test rows, not by the fold's training-rows scaler", f+1))
			t.Fatalf("the model of fold %d was asked to predict rows transformed by another fit of the scaler than its training rows: transform the test rows with the fold's scaler", f+1)
		}
	}
	slices.Sort(same)
	if missing := diff(test, same); len(missing) > 0 {
		t.Fatalf("the model of fold %d was never asked to predict %d of the fold's %d test rows (%s), transformed by the fold's scaler: every test row must be predicted",
			f+1, len(missing), len(test), rowList(missing))
	}
}

// sameFit reports whether scaler fits a and b saw the same rows (so transform alike).
func (p *pipeline) sameFit(a, b int) bool {
	ra, _ := rowsOf(p.scalers[a])
	rb, _ := rowsOf(p.scalers[b])
	return slices.Equal(ra, rb)
}

// diagnose names the pipeline mistake, if any, that explains wrong scores: a leak into the
// scaler, folds cut wrongly, untransformed rows, test rows scaled by their own scaler; or ends
// the check with what else differs from a leak-free pipeline.
func (p *pipeline) diagnose(t *grader.T, k int, seed uint64) {
	m, _ := p.X.Dims()
	tests := refFolds(t, m, k, true, seed)
	p.trainedOnTest(t)
	p.leaks(t, tests)
	p.notScaled(t)
	scalers := fitSets(t, "scaler", p.scalers)
	p.foldMistakes(t, "scaler", scalers, k, seed)
	models := fitSets(t, "model", p.modelRefs())
	p.foldMistakes(t, "model", models, k, seed)
	p.matchFits(t, "scaler", scalers, tests, seed)
	p.judgeModel(t, k, seed)
	for j, mf := range p.models {
		s := mf.rows[0].scaler
		if rows, _ := rowsOf(p.scalers[s]); !slices.Equal(rows, models[j]) {
			t.Fatalf("the training rows of fit %d of the model were transformed by fit %d of the scaler, which saw other rows: use each fold's own scaler", j+1, s+1)
		}
	}
}
