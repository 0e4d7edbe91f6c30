// Package check grades exercise 27, capstone-penguins: a whole classification pipeline on the
// penguins table, from raw rows with missing values and text columns to predictions for
// held-out penguins and a report card.
//
// The learner's code gets the training rows with their species and the held-out rows without
// theirs; the held-out species stay in the grader, which scores the predictions. Every model is
// fitted by the check's fit (a callback, spy.go): linear.Softmax on the matrix the learner's
// pipeline built, returning a predict function that is a callback too. The records of those
// calls show which rows, transformed with which statistics, reached every fit and every
// prediction, so the leaks are seen from the grader's side: statistics learned from held-out
// rows, preprocessing fitted outside the folds, a final model that was never refitted.
// Expected values come from the reference pipeline of reference.go on the same rows: mlkit's
// data.Imputer (mean), preprocess.StandardScaler and OneHot's sorted categories, data.KFold's
// shuffled folds, linear.Softmax, and metrics' accuracy, macro precision/recall/F1 and
// confusion matrix. The small example's numbers are worked out by hand in its comment.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/metrics"
)

// The mistakes the checks recognise.
const (
	missingAsCategoryID  = "missing-as-category"
	sampleStdID          = "sample-std"
	scaledBeforeImputeID = "scaled-before-imputing"
	imputedWithZeroID    = "imputed-with-zero"
	fitOnHeldOutRowsID   = "fit-on-held-out-rows"
	fitOnAllRowsID       = "fit-on-all-rows"
	foldsNotShuffledID   = "folds-not-shuffled"
	outsideFoldsID       = "preprocessing-outside-folds"
	lowestCVID           = "lowest-cv-accuracy"
	lastOfTiedID         = "last-of-tied"
	foldMeanID           = "fold-mean-not-pooled"
	noRefitID            = "no-refit-on-all-rows"
	cardOnTrainingRowsID = "card-on-training-rows"
	seedIgnoredID        = "seed-ignored"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "capstone-penguins",
		Title: "Capstone: classify penguins end to end",
		Dir:   "exercises/27-capstone-penguins",
		Functions: []grader.Func{
			{Name: "Features", Signature: "func(train, rows Table) *mat.Dense"},
			{Name: "Folds", Signature: "func(n, k int, seed uint64) [][]int"},
			{Name: "CrossValidate", Signature: "func(train Table, y []int, C float64, folds [][]int, fit Fit) []int"},
			{Name: "Run", Signature: "func(train Table, y []int, test Table, seed uint64, fit Fit) (pred []int, card Card)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/data/...",
			"github.com/mlkata/mlkata/mlkit/preprocess/...",
			"github.com/mlkata/mlkata/mlkit/selection/...",
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"github.com/mlkata/mlkata/mlkit/metrics/...",
		},
		Checks: append([]grader.Check{
			{Name: "Features of a small table you can follow by hand: missing values, an unseen island, a missing sex", Points: 2, Run: featuresSmall},
			{Name: "Features of the held-out penguins, with the training rows' statistics", Points: 2, Run: featuresPenguins},
			{Name: "Folds: the seeded shuffle, cut into k folds", Points: 1, Run: foldsCheck},
			{Name: "CrossValidate: one pipeline per fold, fitted on the fold's training rows only", Points: 2, Run: crossValidateCheck},
			{Name: "Run: C chosen by cross-validation, refitted on all training rows, beats the majority baseline on held-out penguins", Points: 2, Run: runChoice},
			{Name: "Run: no held-out penguin reaches a fit, and the held-out rows are transformed with training statistics", Points: 1, Run: runLeak},
			{Name: "Run's report card: metrics, confusion matrix and learning curve of the cross-validation", Points: 2, Run: reportCard},
			{Name: "Run is reproducible: the same seed gives the same result, another seed other folds", Points: 1, Run: reproducible},
			{Name: "Run with a stand-in classifier on two species: the first of the best Cs, and scores with zero denominators", Points: 1, Run: runStandIn},
		}, hiddenChecks()...),
		Hints: []string{
			"Everything a pipeline learns — the means that fill missing numbers, the means and standard deviations that scale, the categories of the one-hot columns — comes from the training rows of the moment: train in Features(train, rows); the other folds inside cross-validation; all training rows for the final model. The held-out rows are only ever transformed.",
			"Run is the others put together: folds := Folds(m, 5, seed); for each C in 0.01, 0.1, 1, 10, 100, oof := CrossValidate(train, y, C, folds, fit) and its accuracy is the share of rows with oof[i] == y[i]; keep the first C with the highest. The card's metrics and confusion matrix are those of that C's out-of-fold predictions. Then predict := fit(Features(train, train), y, C) and pred = predict(Features(train, test)).",
			"In CrossValidate, for each fold: rest := the rows not in the fold, ascending; tr := those rows of train (a Table); predict := fit(Features(tr, tr), y of rest, C); p := predict(Features(tr, the fold's rows of train)); then oof[fold[i]] = p[i]. In Features, per numeric column: mean of the non-NaN training values; fill NaN with it; scale = sqrt(Σ over all training rows of (filled − mean)² / m), 1 if 0; then 1 at the column of the row's island among the sorted islands of train (none if unseen or \"\"), the same for sex.",
		},
		Mistakes: []grader.Mistake{
			{ID: missingAsCategoryID, Hint: "A missing sex (\"\") is not a category: it gets no one-hot column, and its row has 0 in every sex column, as an island the training rows never had."},
			{ID: sampleStdID, Hint: "Scale with the population standard deviation, √(Σ(x − mean)²/m) over the m training rows, as scikit-learn's StandardScaler: not m − 1."},
			{ID: scaledBeforeImputeID, Hint: "Fill the missing numbers first, then scale: the standard deviation is that of the filled training column, over all m rows (the filled cells add 0 to the sum of squares but count in m)."},
			{ID: imputedWithZeroID, Hint: "A missing number is not 0: fill it with the mean of the column's observed training values (NaN cells left out of that mean)."},
			{ID: fitOnHeldOutRowsID, Hint: "The statistics come from train, never from the rows being transformed: Features(train, rows) fills and scales rows with train's means and standard deviations, and one-hot encodes them with train's categories."},
			{ID: fitOnAllRowsID, Hint: "Learn nothing from the held-out rows: not even a mean. Fit the filling, the scaling and the categories on the training rows only, then transform the held-out rows with them."},
			{ID: foldsNotShuffledID, Hint: "Shuffle before cutting: order := rand.New(rand.NewPCG(seed, 0)).Perm(n), then cut order into k runs, the first n mod k one longer."},
			{ID: outsideFoldsID, Hint: "Inside cross-validation, the held-out fold plays the test set: the whole pipeline (filling, scaling, categories) is fitted anew on each fold's training rows, not once on all of them."},
			{ID: lowestCVID, Hint: "Choose the C with the highest cross-validation accuracy (the first of them in 0.01, 0.1, 1, 10, 100 on a tie): accuracy is a score, higher is better."},
			{ID: lastOfTiedID, Hint: "On a tie of CV accuracies, choose the first C of the list 0.01, 0.1, 1, 10, 100 (the strongest penalty, the simplest model): replace the best only when a C does strictly better (>, not >=)."},
			{ID: foldMeanID, Hint: "The CV accuracy here pools the folds: the number of rows whose out-of-fold prediction is right, over all m rows. The mean of the five folds' accuracies (scikit-learn's cross_val_score(...).mean()) weighs a row of a smaller fold more, and differs when the folds differ in size."},
			{ID: noRefitID, Hint: "After choosing C, fit the final model on all the training rows (Features(train, train)) with that C: a fold's model has seen a fifth less data."},
			{ID: cardOnTrainingRowsID, Hint: "The report card describes the out-of-fold predictions of the chosen C: each row predicted by the model that did not see it. A model's score on its own training rows is optimistic."},
			{ID: seedIgnoredID, Hint: "All of Run's randomness comes from its seed: Folds(m, 5, seed). A fixed seed or another source gives every run the same folds."},
		},
	}
}

// Tolerances: the features are the same formulas in another order of operations; accuracies
// and the other ratios of counts, with exactly the reference's counts, round alike.
var tolRatio = grader.Abs(1e-12)

// smallTrain and smallRows are the small example. The numbers of the training rows, column by
// column (NaN: missing):
//
//	bill    40  44 NaN  48   mean 44 (of 40, 44, 48); filled 40 44 44 48: Σ(x−44)² = 32, σ = √(32/4) = √8
//	depth   18 NaN  16  17   mean 17; filled 18 17 16 17: Σ = 2, σ = √0.5
//	flipper 190 200 210 200  mean 200: Σ = 200, σ = √50
//	mass  4000 4200 NaN 3800 mean 4000; filled 4000 4200 4000 3800: Σ = 80000, σ = √20000
//
// The islands Dream, Biscoe, Dream, Biscoe give the columns Biscoe, Dream (sorted); the sexes
// female, male, "", female give female, male. So Features(smallTrain, smallRows) is
//
//	(46−44)/√8   0 (filled)  (205−200)/√50  0 (filled)      0 0 (Torgersen: unseen)  0 1 (male)
//	(40−44)/√8   (18−17)/√.5 (190−200)/√50  0               1 0 (Biscoe)             0 0 (missing)
//	0 (filled)   0           0              (4100−4000)/√2e4 0 1 (Dream)             1 0 (female)
func smallTrain() table {
	nan := math.NaN()
	return table{
		Island: []string{"Dream", "Biscoe", "Dream", "Biscoe"},
		Sex:    []string{"female", "male", "", "female"},
		Num: mat.NewDense(4, 4, []float64{
			40, 18, 190, 4000,
			44, nan, 200, 4200,
			nan, 16, 210, nan,
			48, 17, 200, 3800,
		}),
	}
}

func smallRows() table {
	nan := math.NaN()
	return table{
		Island: []string{"Torgersen", "Biscoe", "Dream"},
		Sex:    []string{"male", "", "female"},
		Num: mat.NewDense(3, 4, []float64{
			46, nan, 205, nan,
			40, 18, 190, 4000,
			nan, 17, 200, 4100,
		}),
	}
}

// visible is the visible problem: a stratified split of the 344 penguins, 25% held out,
// whose cross-validation ties C = 1, 10 and 100 at the top (so the tie rule shows).
func visible() *problem { return split(0.25, 21, 2027) }

// checkFeatures compares Features(train, rows) with the reference, naming the mistakes whose
// variants give the learner's matrix.
func checkFeatures(t *grader.T, train, rows table, what string) {
	got := callMatrix(t, "Features", train, rows)
	want := features(train, rows, right)
	fingerprints := []struct {
		id   string
		want *mat.Dense
		what string
	}{
		{missingAsCategoryID, features(train, rows, missingAsCategory), "a missing sex has a column of its own"},
		{sampleStdID, features(train, rows, sampleStd), "the numbers are scaled by the sample standard deviation (m − 1)"},
		{scaledBeforeImputeID, features(train, rows, scaledBeforeImpute), "the standard deviations are those of the observed values only"},
		{imputedWithZeroID, features(train, rows, imputeZero), "missing numbers were taken as 0"},
		{fitOnHeldOutRowsID, features(rows, rows, right), "the statistics and categories come from rows, not from train"},
		{fitOnAllRowsID, features(concat(train, rows), rows, right), "the statistics come from train and rows together"},
	}
	t.Label(fmt.Sprintf("Features(train, rows) of %s", what))
	// A mistake is named only when its variant alone gives the learner's matrix: on some
	// splits two variants coincide (with one missing value per column, the standard deviation
	// of the observed values is the sample one).
	if !near(got, want) {
		var hits []int
		for i, f := range fingerprints {
			if near(got, f.want) {
				hits = append(hits, i)
			}
		}
		if len(hits) == 1 {
			f := fingerprints[hits[0]]
			t.Mistake(true, f.id, "your matrix equals the one in which "+f.what)
		}
	}
	_, wc := want.Dims()
	if got == nil {
		t.Fatalf("Features returned nil; want a %d×%d matrix", rows.len(), wc)
	}
	gr, gc := got.Dims()
	if gr != rows.len() || gc != wc {
		t.Fatalf("Features returned a %d×%d matrix; want %d×%d: one row per row of rows, and the 4 numbers, one column per island of train (%s) and one per sex of train (%s); a category train does not have gets no column",
			gr, gc, rows.len(), wc, strings.Join(categories(train.Island, false), ", "), strings.Join(categories(train.Sex, false), ", "))
	}
	t.CloseMatrix(got, want, grader.Abs(matTol))
}

// callMatrix calls name and returns its *mat.Dense result (nil for a nil one).
func callMatrix(t *grader.T, name string, args ...any) *mat.Dense {
	r := t.Call(name, args...)
	if r.IsNil() {
		return nil
	}
	var X *mat.Dense
	r.Decode(&X)
	return X
}

func featuresSmall(t *grader.T) {
	checkFeatures(t, smallTrain(), smallRows(), "the small example")
	// The rows' own statistics would differ from train's in every way: the train's again with
	// rows = train, whose answer is the standardised training rows.
	checkFeatures(t, smallTrain(), smallTrain(), "the small example's training rows")
	// A constant column: body mass 4000 in every observed training row (the missing one filled
	// with 4000), so σ = 0 and the scale is 1: the rows' masses (missing, 4000, 4100) become 0, 0
	// and 100.
	train := smallTrain()
	for i, v := range []float64{4000, 4000, math.NaN(), 4000} {
		train.Num.Set(i, 3, v)
	}
	checkFeatures(t, train, smallRows(), "the small example with a constant body mass")
}

func featuresPenguins(t *grader.T) {
	p := visible()
	checkFeatures(t, p.train, p.test, p.what+" (the held-out rows)")
	t.NotMutated("Features", p.train, p.test)
}

func foldsCheck(t *grader.T) {
	for _, c := range []struct {
		n, k int
		seed uint64
	}{{258, 5, 2027}, {11, 3, 7}} {
		// Called three times and compared as values: t.Deterministic compares the encoded
		// results, whose gob type numbers can differ between a driver that has already sent
		// other types and a fresh one.
		var got [][]int
		t.Call("Folds", c.n, c.k, c.seed).Decode(&got)
		for range 2 {
			var again [][]int
			t.Call("Folds", c.n, c.k, c.seed).Decode(&again)
			t.Label(fmt.Sprintf("Folds(%d, %d, %d) called again", c.n, c.k, c.seed))
			t.Mistake(!slices.EqualFunc(got, again, slices.Equal), "not-deterministic", "the same arguments gave other folds")
		}
		want := folds(c.n, c.k, c.seed, true)
		t.Label(fmt.Sprintf("Folds(%d, %d, %d)", c.n, c.k, c.seed))
		t.Mistake(equalFolds(got, folds(c.n, c.k, 0, false)), foldsNotShuffledID,
			fmt.Sprintf("your folds are runs of consecutive rows: fold 0 is rows 0–%d", len(want[0])-1))
		if !t.Equal(got, want) {
			return
		}
	}
}

// equalFolds reports whether a and b hold the same folds, each as a set.
func equalFolds(a, b [][]int) bool {
	return slices.EqualFunc(a, b, func(x, y []int) bool {
		x, y = slices.Clone(x), slices.Clone(y)
		slices.Sort(x)
		slices.Sort(y)
		return slices.Equal(x, y)
	})
}

// withLabels returns [X | y], so that rows and their classes are compared together.
func withLabels(X *mat.Dense, y []int) *mat.Dense {
	m, n := X.Dims()
	out := mat.NewDense(m, n+1, nil)
	out.Slice(0, m, 0, n).(*mat.Dense).Copy(X)
	for i, c := range y {
		out.Set(i, n, float64(c))
	}
	return out
}

// expected is one fit Run (or CrossValidate) should make: its rows with their classes, as the
// reference transforms them, and C.
type expected struct {
	set  sortedSet
	C    float64
	what string
	kind int // cvFit, curveFit or finalFit
	fold int
	seen int // how many of the learner's fits matched it
}

const (
	cvFit = iota
	curveFit
	finalFit
)

// cvFits returns the fits of cross-validating C over fs.
func cvFits(train table, y []int, fs [][]int, C float64) []*expected {
	var out []*expected
	for f, fold := range fs {
		rest := complement(train.len(), fold)
		tr := train.rows(rest)
		out = append(out, &expected{set: newSortedSet(withLabels(features(tr, tr, right), data.Take(y, rest))), C: C, kind: cvFit, fold: f,
			what: fmt.Sprintf("fold %d's training rows with C = %s", f, grader.Num(C))})
	}
	return out
}

// runFits returns every fit Run should make on p with the reference's folds and choice.
func runFits(p *problem, r *run) []*expected {
	var out []*expected
	for _, C := range candidateCs {
		out = append(out, cvFits(p.train, p.y, r.folds, C)...)
	}
	m := p.train.len()
	for _, s := range learningSizes {
		for f, fold := range r.folds {
			sub := complement(m, fold)[:s]
			tr := p.train.rows(sub)
			out = append(out, &expected{set: newSortedSet(withLabels(features(tr, tr, right), data.Take(p.y, sub))), C: r.card.C, kind: curveFit, fold: f,
				what: fmt.Sprintf("the learning curve's first %d training rows of fold %d", s, f)})
		}
	}
	out = append(out, &expected{set: newSortedSet(withLabels(features(p.train, p.train, right), p.y)), C: r.card.C, kind: finalFit, fold: -1,
		what: "all training rows with the chosen C"})
	return out
}

// match returns the expected fit that rec is (same rows, classes and C), or nil.
func match(rec fitRecord, exp []*expected) *expected {
	X := withLabels(rec.X, rec.y)
	for _, e := range exp {
		if e.C == rec.C && e.set.has(X) {
			return e
		}
	}
	return nil
}

// matchRows returns the expected fit whose rows rec has, whatever its C, or nil.
func matchRows(rec fitRecord, exp []*expected) *expected {
	X := withLabels(rec.X, rec.y)
	for _, e := range exp {
		if e.set.has(X) {
			return e
		}
	}
	return nil
}

// leakyFolds returns, for the fits of cross-validation over fs, the matrices that preprocessing
// fitted once on all of train would give them.
func leakyFolds(train table, y []int, fs [][]int) []sortedSet {
	var out []sortedSet
	for _, fold := range fs {
		rest := complement(train.len(), fold)
		out = append(out, newSortedSet(withLabels(features(train, train.rows(rest), right), data.Take(y, rest))))
	}
	return out
}

// checkFits checks that every fit the learner made is one of exp, each once; leaky names the
// matrices of the mistake preprocessing-outside-folds, and allRows those of fit-on-all-rows.
func checkFits(t *grader.T, s *spy, exp []*expected, leaky []sortedSet, allRows *sortedSet) {
	for i, rec := range s.fits {
		e := match(rec, exp)
		if e != nil {
			e.seen++
			continue
		}
		X := withLabels(rec.X, rec.y)
		m, _ := rec.X.Dims()
		t.Label(fmt.Sprintf("the matrix of fit call %d (%d rows)", i+1, m))
		for _, l := range leaky {
			t.Mistake(l.has(X), outsideFoldsID,
				fmt.Sprintf("fit call %d got a fold's training rows filled and scaled with the statistics of all the training rows", i+1))
		}
		if allRows != nil {
			t.Mistake(allRows.has(X), fitOnAllRowsID,
				fmt.Sprintf("fit call %d got the training rows filled and scaled with statistics of the training and held-out rows together", i+1))
		}
		if e := matchRows(rec, exp); e != nil {
			t.Fatalf("fit call %d got %s, but with C = %s; want C = %s", i+1, e.what, grader.Num(rec.C), grader.Num(e.C))
		}
		t.Fatalf("fit call %d got %d rows that are not the rows of any fit the pipeline should make (each fold's training rows, transformed with their own statistics, for every C; the learning curve's; all training rows): see which rows and statistics you pass to fit", i+1, m)
	}
	for _, e := range exp {
		if e.kind == finalFit && e.seen == 0 {
			t.Fatalf("no fit got all %d training rows with the chosen C = %s: refit the final model on all of them", e.set.X.RawMatrix().Rows, grader.Num(e.C))
		}
	}
	for _, e := range exp {
		if e.seen != 1 {
			t.Fatalf("%s were fitted %d times; want once", e.what, e.seen)
		}
	}
}

func crossValidateCheck(t *grader.T) {
	p := visible()
	fs := folds(p.train.len(), numFolds, p.seed, true)
	// Each fold's rows in a shuffled order (the README asks nothing of it), so that sorting a
	// fold in place shows.
	shuffled := make([][]int, len(fs))
	rng := rand.New(rand.NewPCG(27, 1))
	for f, fold := range fs {
		shuffled[f] = slices.Clone(fold)
		rng.Shuffle(len(fold), func(i, j int) { shuffled[f][i], shuffled[f][j] = shuffled[f][j], shuffled[f][i] })
	}
	s := &spy{}
	const C = 1.0
	oof := t.NotMutated("CrossValidate", p.train, p.y, C, shuffled, s.fit).Ints()
	checkFits(t, s, cvFits(p.train, p.y, fs, C), leakyFolds(p.train, p.y, fs), nil)
	// Each fold's model predicts its own rows, transformed with its training rows' statistics.
	m := p.train.len()
	for f, fold := range fs {
		rest := complement(m, fold)
		tr := p.train.rows(rest)
		want := newSortedSet(features(tr, p.train.rows(fold), right))
		leak := newSortedSet(features(p.train, p.train.rows(fold), right))
		ok := slices.ContainsFunc(s.predicts, func(pr predictRecord) bool { return want.has(pr.X) })
		t.Label(fmt.Sprintf("the rows predicted for fold %d", f))
		t.Mistake(!ok && slices.ContainsFunc(s.predicts, func(pr predictRecord) bool { return leak.has(pr.X) }), outsideFoldsID,
			fmt.Sprintf("fold %d's rows were transformed with the statistics of all %d training rows", f, m))
		t.True(ok, "no predict call got fold %d's %d rows transformed with the statistics of the other folds' rows: predict each fold's rows with the model of its fit", f, len(fold))
	}
	t.Label("the out-of-fold predictions CrossValidate returned")
	t.Equal(oof, crossValidate(p, C, fs))
}

// runOnce calls Run on p with a new spy.
func runOnce(t *grader.T, p *problem) ([]int, card, *spy) {
	s := &spy{model: p.model}
	r := t.Call("Run", p.train, p.y, p.test, p.seed, s.fit)
	var pred []int
	var c card
	r.Decode(&pred, &c)
	return pred, c, s
}

// finalPredict returns the predict call whose result Run returned for the held-out rows.
func finalPredict(t *grader.T, p *problem, pred []int, s *spy) predictRecord {
	if len(pred) != p.test.len() {
		t.Fatalf("Run returned %d predictions for %d held-out penguins: one per row of test", len(pred), p.test.len())
	}
	for i := len(s.predicts) - 1; i >= 0; i-- {
		if pr := s.predicts[i]; slices.Equal(pr.pred, pred) {
			if r, _ := pr.X.Dims(); r == len(pred) {
				return pr
			}
		}
	}
	t.Fatalf("the predictions Run returned are not the result of any predict call: predict the held-out rows, all at once and in order, with the predict function of the final fit")
	return predictRecord{}
}

// checkChoice checks Run's CV accuracies, its choice of C, the final fit and the predictions.
func checkChoice(t *grader.T, p *problem, r *run, pred []int, c card, s *spy) {
	// The folds first: an accuracy measured on other folds cannot be compared.
	got := fitsWithC(s, candidateCs[0], p.train.len())
	t.Label("Run's cross-validation fits")
	foldsMistakes(t, p, got, true)
	checkCVFolds(t, p, got, true)
	t.Label("the card's CVAccuracy (one per C in 0.01, 0.1, 1, 10, 100)")
	foldMean := make([]float64, len(r.oof))
	for i, oof := range r.oof {
		for _, fold := range r.folds {
			foldMean[i] += metrics.Accuracy(data.Take(p.y, fold), data.Take(oof, fold)) / numFolds
		}
	}
	t.Mistake(!grader.NearSlice(c.CVAccuracy, r.card.CVAccuracy, tolRatio) && grader.NearSlice(c.CVAccuracy, foldMean, grader.Abs(1e-12)), foldMeanID,
		fmt.Sprintf("your CV accuracies %s are the means of the 5 folds' accuracies; pooled over all rows they are %s", grader.Nums(c.CVAccuracy), grader.Nums(r.card.CVAccuracy)))
	if !t.CloseSlice(c.CVAccuracy, r.card.CVAccuracy, tolRatio) {
		return
	}
	lo := slices.Index(r.card.CVAccuracy, slices.Min(r.card.CVAccuracy))
	t.Label("the C Run chose (card.C)")
	t.Mistake(c.C != r.card.C && c.C == candidateCs[lo], lowestCVID,
		fmt.Sprintf("you chose C = %s, the C with the lowest CV accuracy (%s)", grader.Num(c.C), grader.Num(r.card.CVAccuracy[lo])))
	hi := slices.Max(r.card.CVAccuracy)
	last := 0
	for i, a := range r.card.CVAccuracy {
		if a == hi {
			last = i
		}
	}
	t.Mistake(c.C != r.card.C && c.C == candidateCs[last], lastOfTiedID,
		fmt.Sprintf("C = %s and C = %s tie with the highest CV accuracy (%s), and you chose the last of them", grader.Num(r.card.C), grader.Num(candidateCs[last]), grader.Num(hi)))
	if !t.Equal(c.C, r.card.C) {
		return
	}
	final := finalPredict(t, p, pred, s)
	f := s.fits[final.fit]
	fm, _ := f.X.Dims()
	t.Label("the model that predicted the held-out rows")
	for _, e := range cvFits(p.train, p.y, r.folds, f.C) {
		t.Mistake(e.set.has(withLabels(f.X, f.y)), noRefitID,
			fmt.Sprintf("it was fitted on %d rows, the training rows of fold %d, not on all %d", fm, e.fold, p.train.len()))
	}
	if fm != p.train.len() {
		t.Fatalf("it was fitted on %d rows; want all %d training rows", fm, p.train.len())
	}
	if f.C != c.C {
		t.Fatalf("it was fitted with C = %s, but Run chose C = %s: refit with the chosen C", grader.Num(f.C), grader.Num(c.C))
	}
	acc := metrics.Accuracy(p.yTest, pred)
	base := majority(p.y, p.yTest)
	t.Logf("held-out accuracy %s; the majority baseline (always the most common species of the training rows) %s", grader.Num(acc), grader.Num(base))
	t.Label("the held-out predictions")
	if !t.True(acc >= base+margin, "the held-out accuracy is %s, not %s above the majority baseline's %s", grader.Num(acc), grader.Num(margin), grader.Num(base)) {
		return
	}
	t.Equal(pred, r.pred)
}

// checkLeak checks the fits and the final prediction for leaks.
func checkLeak(t *grader.T, p *problem, r *run, pred []int, s *spy) {
	all := newSortedSet(withLabels(features(concat(p.train, p.test), p.train, right), p.y))
	checkFits(t, s, runFits(p, r), leakyFolds(p.train, p.y, r.folds), &all)
	final := finalPredict(t, p, pred, s)
	t.Label("the held-out rows your final model predicted")
	t.Mistake(near(final.X, features(concat(p.train, p.test), p.test, right)), fitOnAllRowsID,
		"they were filled and scaled with statistics of the training and held-out rows together")
	t.Mistake(near(final.X, features(p.test, p.test, right)), fitOnHeldOutRowsID,
		"they were filled, scaled and encoded with their own statistics")
	t.CloseMatrix(final.X, features(p.train, p.test, right), grader.Abs(matTol))
}

// checkCard checks the report card against the reference's.
func checkCard(t *grader.T, p *problem, r *run, c card) {
	// The final model's scores on its own training rows: what a card made there shows.
	model, err := p.fit(features(p.train, p.train, right), p.y, r.card.C)
	if err != nil {
		panic(err)
	}
	var own card
	own.fill(p.y, model.Predict(nil, features(p.train, p.train, right)))
	t.Label("the card's Accuracy")
	t.Mistake(c.Accuracy != r.card.Accuracy && c.Accuracy == own.Accuracy && slices.Equal(flat(c.Confusion), flat(own.Confusion)), cardOnTrainingRowsID,
		fmt.Sprintf("your card (accuracy %s) is that of the final model on its own training rows", grader.Num(c.Accuracy)))
	t.Close(c.Accuracy, r.card.Accuracy, tolRatio)
	t.Label("the card's Confusion (rows: true species Adelie, Chinstrap, Gentoo; columns: predicted)")
	t.Equal(c.Confusion, r.card.Confusion)
	t.Label("the card's macro Precision")
	t.Close(c.Precision, r.card.Precision, tolRatio)
	t.Label("the card's macro Recall")
	t.Close(c.Recall, r.card.Recall, tolRatio)
	t.Label("the card's macro F1")
	t.Close(c.F1, r.card.F1, tolRatio)
	t.Label("the card's Sizes")
	t.Equal(c.Sizes, r.card.Sizes)
	t.Label("the card's TrainAccuracy (learning curve)")
	t.CloseSlice(c.TrainAccuracy, r.card.TrainAccuracy, tolRatio)
	t.Label("the card's ValAccuracy (learning curve)")
	t.CloseSlice(c.ValAccuracy, r.card.ValAccuracy, tolRatio)
}

func flat(a [][]int) []int { return slices.Concat(a...) }

func runChoice(t *grader.T) {
	p := visible()
	pred, c, s := runOnce(t, p)
	checkChoice(t, p, reference(p), pred, c, s)
}

func runLeak(t *grader.T) {
	p := visible()
	pred, _, s := runOnce(t, p)
	checkLeak(t, p, reference(p), pred, s)
}

func reportCard(t *grader.T) {
	p := visible()
	pred, c, _ := runOnce(t, p)
	r := reference(p)
	plotCard(t, p, r, pred, c)
	checkCard(t, p, r, c)
}

// reproducible runs Run twice with the seed and once with another: the same result, then the
// other seed's folds. It also checks that Run leaves its inputs as they were.
//
// The runs use the stand-in classifier (standIn): this check looks at the rows every fit got,
// not at the models, and the stand-in costs nothing to fit.
func reproducible(t *grader.T) {
	p := visible()
	p.model = standIn
	s1, s2 := &spy{model: standIn}, &spy{model: standIn}
	a := t.NotMutated("Run", p.train, p.y, p.test, p.seed, s1.fit)
	b := t.Call("Run", p.train, p.y, p.test, p.seed, s2.fit)
	t.Same(a, b, "Run returned different results when called twice with the same seed: its only randomness must come from the seed")
	same := len(s1.fits) == len(s2.fits)
	for i := 0; same && i < len(s1.fits); i++ {
		f, g := s1.fits[i], s2.fits[i]
		same = f.C == g.C && slices.Equal(f.y, g.y) && mat.Equal(f.X, g.X)
	}
	t.Label("the fits of two runs of Run with the same seed")
	t.Mistake(!same, "not-deterministic", "the two runs made other fits, or made them in another order")
	checkSeed(t, p, s1)
}

// checkSeed runs Run with another seed than p's and checks that its cross-validation fits
// follow that seed's folds; first holds the fits of a run with p's seed.
func checkSeed(t *grader.T, p *problem, first *spy) {
	q := *p
	q.seed = p.seed + 1
	s := &spy{model: p.model}
	t.Call("Run", q.train, q.y, q.test, q.seed, s.fit)
	// The first C's fits of the run with p's seed: the run with q's seed must not repeat them.
	var old []*expected
	for _, f := range first.fits {
		if f.C == candidateCs[0] {
			old = append(old, &expected{set: newSortedSet(withLabels(f.X, f.y)), C: f.C})
		}
	}
	got := fitsWithC(s, candidateCs[0], p.train.len())
	t.Label(fmt.Sprintf("Run's cross-validation fits with seed %d", q.seed))
	sameAsBefore := len(got) > 0 && !slices.ContainsFunc(got, func(f fitRecord) bool { return match(f, old) == nil })
	if !foldsMistakes(t, &q, got, false) {
		t.Mistake(sameAsBefore, seedIgnoredID,
			fmt.Sprintf("with seed %d, Run's folds were those it made with seed %d", q.seed, p.seed))
	}
	checkCVFolds(t, &q, got, false)
}

// fitsWithC returns the cross-validation fits the spy saw with C: those with C and as many
// rows as the training rows of a fold (fewer than all m, more than the learning curve's
// largest size: when C is the chosen one, the learning curve and the final model use it too).
func fitsWithC(s *spy, C float64, m int) []fitRecord {
	var got []fitRecord
	for _, f := range s.fits {
		if r, _ := f.X.Dims(); f.C == C && r < m && r > learningSizes[len(learningSizes)-1] {
			got = append(got, f)
		}
	}
	return got
}

// foldsMistakes names folds-not-shuffled when every fit in got has the training rows of an
// unshuffled fold, and, when strict, preprocessing-outside-folds when one has a fold's training
// rows transformed with all training rows' statistics. It reports whether the folds were
// unshuffled (when it does not end the check).
func foldsMistakes(t *grader.T, p *problem, got []fitRecord, strict bool) bool {
	m := p.train.len()
	C := candidateCs[0]
	if len(got) > 0 {
		C = got[0].C
	}
	plain := folds(m, numFolds, 0, false)
	unshuffled := append(cvFits(p.train, p.y, plain, C), asExpected(leakyFolds(p.train, p.y, plain), C)...)
	all := len(got) > 0 && !slices.ContainsFunc(got, func(f fitRecord) bool { return match(f, unshuffled) == nil })
	t.Mistake(all, foldsNotShuffledID, "the folds of your cross-validation are runs of consecutive training rows, not the folds of Folds(m, 5, seed)")
	if strict {
		leaky := asExpected(leakyFolds(p.train, p.y, folds(m, numFolds, p.seed, true)), C)
		for i, f := range got {
			t.Mistake(match(f, leaky) != nil, outsideFoldsID,
				fmt.Sprintf("cross-validation fit %d with C = %s got a fold's training rows filled and scaled with the statistics of all the training rows", i+1, grader.Num(C)))
		}
	}
	return all
}

func asExpected(sets []sortedSet, C float64) []*expected {
	out := make([]*expected, len(sets))
	for i, s := range sets {
		out[i] = &expected{set: s, C: C}
	}
	return out
}

// checkCVFolds checks that the fits in got (those of one C) are the training rows of the k
// folds of Folds(m, 5, p.seed), each once; unless strict, transformed with any statistics.
func checkCVFolds(t *grader.T, p *problem, got []fitRecord, strict bool) {
	m := p.train.len()
	fs := folds(m, numFolds, p.seed, true)
	C := candidateCs[0]
	if len(got) > 0 {
		C = got[0].C
	}
	want := cvFits(p.train, p.y, fs, C)
	if !strict {
		for f, l := range leakyFolds(p.train, p.y, fs) {
			want = append(want, &expected{set: l, C: C, fold: f})
		}
	}
	seen := map[int]int{}
	for i, f := range got {
		e := match(f, want)
		if e == nil {
			t.Fatalf("with seed %d, cross-validation fit %d with C = %s did not get the training rows of one of the folds of Folds(%d, %d, %d): cut the folds with Run's seed, and fit each fold's training rows", p.seed, i+1, grader.Num(C), m, numFolds, p.seed)
		}
		seen[e.fold]++
	}
	t.True(len(got) == numFolds && len(seen) == numFolds, "with seed %d, Run made %d fits with C = %s on the training rows of a fold (all rows but one fold's), for %d different folds; want %d, one per fold, each on the other folds' rows", p.seed, len(got), grader.Num(C), len(seen), numFolds)
}

// twoSpecies is the stand-in check's problem: the Adelie and Gentoo penguins only (Chinstrap
// never occurs, so its recall has a zero denominator), 25% held out, and fit's classifier is
// standIn.
func twoSpecies() *problem {
	all, y := penguins()
	var keep []int
	for i, c := range y {
		if c != 1 {
			keep = append(keep, i)
		}
	}
	all, y = all.rows(keep), data.Take(y, keep)
	sp, err := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: 0.25, Seed: 27})
	if err != nil {
		panic(err)
	}
	return &problem{
		train: all.rows(sp.Train), test: all.rows(sp.Test),
		y: data.Take(y, sp.Train), yTest: data.Take(y, sp.Test), seed: 2027, model: standIn,
		what: fmt.Sprintf("%d training and %d held-out Adelie and Gentoo penguins", len(sp.Train), len(sp.Test)),
	}
}

// runStandIn runs Run with the stand-in classifier: for C = 0.01 the most common species of
// the training rows (Adelie), for every other C the next one (Chinstrap, which is absent). So
// C = 0.01 has the highest CV accuracy (the share of Adelie) and the others 0; the card's
// Chinstrap has no true and no predicted rows and Gentoo no predicted ones: their precision,
// recall and F1 are 0, as the README's rule for a zero denominator says.
func runStandIn(t *grader.T) {
	p := twoSpecies()
	pred, c, _ := runOnce(t, p)
	r := reference(p)
	t.Label("the card's CVAccuracy with the stand-in classifier")
	if !t.CloseSlice(c.CVAccuracy, r.card.CVAccuracy, tolRatio) {
		return
	}
	t.Label("the C Run chose with the stand-in classifier (card.C)")
	if !t.Equal(c.C, r.card.C) {
		return
	}
	checkCard(t, p, r, c)
	t.Label("Run's predictions with the stand-in classifier")
	t.Equal(pred, r.pred)
}
