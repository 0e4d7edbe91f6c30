// Package check grades exercise 15, k-fold-cross-validation: k folds cut from a seeded
// permutation with the remainder spread, cross-validation of a scaler + model pipeline that the
// grader passes in, and the mean ± spread of the fold scores.
//
// CrossValidate receives the grader's own scaler and model (callbacks: mlkit's StandardScaler
// and Ridge, run in grade), which record every fit, transform and prediction the learner's code
// asks for. The rows are recognised by their exact bits (the fixtures' rows are unique), so the
// checks see which rows each fit saw, whether the test rows leaked into a scaler, and whether
// the model got transformed rows. Expected folds come from mlkit/data.KFold, expected scores
// from mlkit/selection.CrossValidate over the same folds, and the summary from gonum's
// stat.PopMeanStdDev. The mistakes are recognised by comparing what the learner's code did with
// what each mistake does on the same input: folds of the unshuffled order, ⌊n/k⌋-row folds that
// drop the remainder or put it in the last fold, a model fitted on all rows in every round, a
// scaler fitted on all rows or on a test fold, untransformed rows given to the model, RMSE for
// MSE, the best fold reported as the estimate, and the sample standard deviation (or the one-pass
// variance, which cancels) as the spread.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/preprocess"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "k-fold-cross-validation",
		Title: "k-fold cross-validation: folds, a leak-free pipeline, mean ± spread",
		Dir:   "exercises/15-k-fold-cross-validation",
		Functions: []grader.Func{
			{Name: "KFold", Signature: "func(n, k int, shuffle bool, seed uint64) [][]int"},
			{Name: "CrossValidate", Signature: "func(X *mat.Dense, y []float64, k int, seed uint64, fitScaler FitScaler, fitModel FitModel) []float64"},
			{Name: "Summarize", Signature: "func(scores []float64) (estimate, spread float64)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/data/...",
			"github.com/mlkata/mlkata/mlkit/selection/...",
		},
		Checks: append([]grader.Check{
			{Name: "KFold without shuffle: the first n mod k folds hold ⌊n/k⌋+1 consecutive rows", Points: 2, Run: kfoldPlain},
			{Name: "KFold with shuffle: the folds of the seeded permutation; same seed, same folds", Points: 2, Run: kfoldShuffled},
			{Name: "KFold on the class-sorted iris data: every test fold mixes the species", Points: 1, Run: kfoldIris},
			{Name: "CrossValidate fits the scaler once per fold, on the training rows only", Points: 2, Run: cvScaler},
			{Name: "CrossValidate fits the model on the scaled training rows and predicts the scaled test rows", Points: 2, Run: cvModel},
			{Name: "CrossValidate: the MSE of each fold on diabetes", Points: 2, Run: cvScores},
			{Name: "CrossValidate leaves X and y as they were", Points: 1, Run: cvNotMutated},
			{Name: "Summarize: the mean of the scores ± their population standard deviation", Points: 1, Run: summarize},
		}, hiddenChecks()...),
		Hints: []string{
			"Cross-validation repeats a train/test split k times: each fold is the test set once, and the other k − 1 folds are the training set. Everything that learns from data — the scaler as much as the model — must be fitted inside the loop, on that round's training rows only; otherwise the test rows leak into the training.",
			"KFold: order := 0…n−1, or rand.New(rand.NewPCG(seed, 0)).Perm(n) when shuffle; fold f takes the next n/k indices, plus one more while f < n%k (so every index is used). CrossValidate: folds := KFold(m, k, true, seed); for each fold, the training rows are all rows not in it; copy both sets of rows (and their targets) into new matrices.",
			"Per fold: tr := fitScaler(Xtrain); predict := fitModel(tr(Xtrain), yTrain); pred := predict(tr(Xtest)); scores[f] = Σ(pred[i] − yTest[i])² / len(yTest). Summarize: mean := Σscores/k; spread := √(Σ(s − mean)²/k) — divide by k, not k − 1.",
		},
		Mistakes: []grader.Mistake{
			{ID: notShuffled, Hint: "Your folds are runs of consecutive rows, in the order of X: shuffle was ignored. Data files are often sorted (iris by species, logs by time), so a fold of consecutive rows can hold a single class. When shuffle is true, cut the folds from rand.New(rand.NewPCG(seed, 0)).Perm(n) instead of 0…n−1 (and CrossValidate asks KFold for shuffled folds)."},
			{ID: droppedRemainder, Hint: "Your folds all hold ⌊n/k⌋ indices, so the n mod k indices left over are in no fold: those rows are never tested. Spread the remainder: the first n mod k folds take ⌊n/k⌋ + 1 indices, the others ⌊n/k⌋."},
			{ID: remainderInLastFold, Hint: "Your last fold takes all n mod k leftover indices, so it is up to k − 1 rows bigger than the others. Spread the remainder instead, one each: the first n mod k folds take ⌊n/k⌋ + 1 indices, the others ⌊n/k⌋ (scikit-learn's rule)."},
			{ID: testRowsInTraining, Hint: "Your training rows include the fold's test rows: the model was fitted on all the rows of X in every round, so each fold tests it on rows it learnt from, and the score says how well it memorises, not how well it predicts new rows. The training rows of fold f are the rows outside fold f."},
			{ID: scalerFitOnAllRows, Hint: "Your scaler was fitted on all the rows of X, so each fold's test rows shaped the means and standard deviations used to train on the others: the test set leaked into the preprocessing, and the scores come out optimistic. Fit the scaler inside the loop, on each fold's training rows only, and use that fold's transform for both its training and its test rows."},
			{ID: scalerFitOnTestFold, Hint: "Your test rows were transformed by a scaler fitted on the test rows themselves (a fit_transform on the test set). The model learnt on rows scaled with the training statistics, so the test rows must be scaled with those same statistics: transform them with the fold's training-rows scaler, and never fit anything on test rows."},
			{ID: rowsNotScaled, Hint: "The model got rows of X as they are, not transformed by the fold's scaler. Transform the training rows before fitting the model and the test rows before predicting, both with the Transform that fitScaler returned for that fold."},
			{ID: rmseNotMSE, Hint: "Your fold scores are root mean squared errors: you took the square root of each fold's MSE. CrossValidate returns the MSE itself, 1/|test| · Σ(ŷᵢ − yᵢ)², with no root."},
			{ID: bestFold, Hint: "Your estimate is the best (lowest) fold score. One lucky fold says little about new data: report the mean of the k scores as the estimate, and their standard deviation as the spread, so a reader sees both the expected error and how much it varies."},
			{ID: onePassVariance, Hint: "Your spread has lost digits to cancellation: the one-pass Σs²/k − mean² subtracts two nearly equal large numbers when the scores are large and close together. Compute the mean first, then Σ(s − mean)²/k."},
			{ID: sampleStd, Hint: "Your spread is √(k/(k−1)) times the population standard deviation: you divided by k − 1 (as gonum's stat.StdDev does). This course uses the population form √(Σ(s − mean)²/k), as numpy's std does by default."},
		},
	}
}

// The mistakes the checks recognise.
const (
	notShuffled         = "not-shuffled"
	droppedRemainder    = "dropped-remainder"
	remainderInLastFold = "remainder-in-last-fold"
	testRowsInTraining  = "test-rows-in-training"
	scalerFitOnAllRows  = "scaler-fit-on-all-rows"
	scalerFitOnTestFold = "scaler-fit-on-test-fold"
	rowsNotScaled       = "rows-not-scaled"
	rmseNotMSE          = "rmse-not-mse"
	bestFold            = "best-fold"
	sampleStd           = "sample-std"
	onePassVariance     = "one-pass-variance"
)

// tolScore is for the fold scores: the learner's code may put the rows of a fold in another
// order than the reference, which changes the ridge fit and the sums in their last digits.
var tolScore = grader.Rel(1e-9)

// callKFold calls KFold and checks its shape: k folds of indices 0…n−1. It returns the folds
// with each fold's indices sorted (their order is free).
func callKFold(t *grader.T, r *grader.Result, n, k int, shuffle bool, seed uint64) [][]int {
	var folds [][]int
	r.Decode(&folds)
	call := kfoldCall(n, k, shuffle, seed)
	if len(folds) != k {
		t.Fatalf("%s returned %d folds, want k = %d", call, len(folds), k)
	}
	sorted := make([][]int, k)
	for f, fold := range folds {
		sorted[f] = slices.Sorted(slices.Values(fold))
	}
	return sorted
}

func kfoldCall(n, k int, shuffle bool, seed uint64) string {
	return fmt.Sprintf("KFold(%d, %d, %t, %d)", n, k, shuffle, seed)
}

// refFolds returns mlkit's test folds (sorted), what KFold must return.
func refFolds(t *grader.T, n, k int, shuffle bool, seed uint64) [][]int {
	splits, err := data.KFold(n, k, data.FoldOptions{Shuffle: shuffle, Seed: seed})
	if err != nil {
		t.Fatalf("internal error in the check: the reference folds: %v", err)
	}
	folds := make([][]int, k)
	for f, s := range splits {
		folds[f] = s.Test
	}
	return folds
}

// order returns the order the folds are cut from: 0…n−1, or the seeded permutation.
func order(n int, shuffle bool, seed uint64) []int {
	if shuffle {
		return rand.New(rand.NewPCG(seed, 0)).Perm(n)
	}
	o := make([]int, n)
	for i := range o {
		o[i] = i
	}
	return o
}

// cut cuts ord into folds of the given sizes (which may leave some of it out), sorted.
func cut(ord []int, sizes []int) [][]int {
	folds := make([][]int, len(sizes))
	start := 0
	for f, s := range sizes {
		folds[f] = slices.Sorted(slices.Values(ord[start : start+s]))
		start += s
	}
	return folds
}

// wrongFolds is a way of cutting folds that a mistake gives.
type wrongFolds struct {
	id    string
	folds [][]int // the test folds, sorted
	what  string  // what is wrong with them, for the message
}

// mistakeFolds returns the folds the fold-cutting mistakes give for KFold(n, k, shuffle, seed),
// leaving out those that equal the right folds (a mistake that does not show on this input).
func mistakeFolds(t *grader.T, n, k int, shuffle bool, seed uint64) []wrongFolds {
	right := refFolds(t, n, k, shuffle, seed)
	var out []wrongFolds
	add := func(w wrongFolds) {
		if !sameFolds(w.folds, right) {
			out = append(out, w)
		}
	}
	if shuffle {
		add(wrongFolds{notShuffled, refFolds(t, n, k, false, 0),
			"the folds are runs of consecutive rows (0, 1, 2, …), not of the seeded permutation"})
	}
	ord := order(n, shuffle, seed)
	floor := make([]int, k)
	last := make([]int, k)
	for f := range k {
		floor[f], last[f] = n/k, n/k
	}
	last[k-1] += n % k
	add(wrongFolds{droppedRemainder, cut(ord, floor),
		fmt.Sprintf("every fold holds ⌊%d/%d⌋ = %d indices, so %s in no fold: never tested", n, k, n/k, leftOver(n%k))})
	add(wrongFolds{remainderInLastFold, cut(ord, last),
		fmt.Sprintf("the first %d folds hold ⌊%d/%d⌋ = %d indices and the last one %d: %s all in it", k-1, n, k, n/k, n/k+n%k, leftOver(n%k))})
	return out
}

// leftOver says how many indices are left over, in words, with the verb.
func leftOver(r int) string {
	if r == 1 {
		return "the 1 index left over is"
	}
	return fmt.Sprintf("the %d indices left over are", r)
}

// sameFolds reports whether a and b hold the same sorted folds in the same order.
func sameFolds(a, b [][]int) bool {
	return slices.EqualFunc(a, b, func(x, y []int) bool { return slices.Equal(x, y) })
}

// partitionProblem describes the first index of 0…n−1 that the folds hold twice, or not at
// all, or an index outside 0…n−1; "" when every index is in exactly one fold.
func partitionProblem(folds [][]int, n int) string {
	where := make([][]int, n)
	for f, fold := range folds {
		for _, i := range fold {
			if i < 0 || i >= n {
				return fmt.Sprintf("fold %d holds the index %d, which is not in 0…%d", f+1, i, n-1)
			}
			where[i] = append(where[i], f+1)
		}
	}
	for i, fs := range where {
		switch {
		case len(fs) == 0:
			return fmt.Sprintf("the index %d is in no fold: that row would never be tested", i)
		case len(fs) > 1:
			return fmt.Sprintf("the index %d is in folds %s: each index must be in exactly one fold", i, ints(fs))
		}
	}
	return ""
}

// ints writes a list of ints for a message, shortened in the middle when long.
func ints(x []int) string {
	if len(x) > 12 {
		return strings.Trim(fmt.Sprint(x[:5]), "[]") + " … " + strings.Trim(fmt.Sprint(x[len(x)-5:]), "[]")
	}
	return strings.Trim(fmt.Sprint(x), "[]")
}

func sizes(folds [][]int) []int {
	out := make([]int, len(folds))
	for f, fold := range folds {
		out[f] = len(fold)
	}
	return out
}

// judgeFolds compares the learner's folds (sorted) with the right ones, naming the fold-cutting
// mistake whose folds they are, and fails the check if they differ.
func judgeFolds(t *grader.T, got [][]int, n, k int, shuffle bool, seed uint64) {
	want := refFolds(t, n, k, shuffle, seed)
	if sameFolds(got, want) {
		return
	}
	call := kfoldCall(n, k, shuffle, seed)
	t.Label("the result of " + call)
	for _, w := range mistakeFolds(t, n, k, shuffle, seed) {
		t.Mistake(sameFolds(got, w.folds), w.id, fmt.Sprintf("your folds hold %s indices; %s", ints(sizes(got)), w.what))
	}
	if p := partitionProblem(got, n); p != "" {
		t.Fatalf("%s: %s", call, p)
	}
	if !slices.Equal(sizes(got), sizes(want)) {
		t.Fatalf("%s: your folds hold %s indices, want %s: the first n mod k = %d folds hold ⌊n/k⌋ + 1 = %d, the others %d",
			call, ints(sizes(got)), ints(sizes(want)), n%k, n/k+1, n/k)
	}
	for f := range want {
		if !slices.Equal(got[f], want[f]) {
			how := fmt.Sprintf("the next %d of 0…%d", len(want[f]), n-1)
			if shuffle {
				how = fmt.Sprintf("the next %d entries of rand.New(rand.NewPCG(%d, 0)).Perm(%d)", len(want[f]), seed, n)
			}
			t.Fatalf("%s: fold %d holds the indices %s, want %s (%s)", call, f+1, ints(got[f]), ints(want[f]), how)
		}
	}
}

func kfoldPlain(t *grader.T) {
	// KFold(10, 3): 10 = 3·3 + 1, so the first fold holds 3 + 1 = 4 indices and the others 3:
	// [0 1 2 3] [4 5 6] [7 8 9], by hand; the rest are compared with mlkit's data.KFold.
	got := callKFold(t, t.Call("KFold", 10, 3, false, uint64(0)), 10, 3, false, 0)
	judgeFolds(t, got, 10, 3, false, 0)
	t.Label("KFold(10, 3, false, 0)")
	if !t.Equal(got, [][]int{{0, 1, 2, 3}, {4, 5, 6}, {7, 8, 9}}) {
		return
	}
	for _, c := range []struct{ n, k int }{{12, 4}, {11, 4}, {7, 7}, {442, 5}, {23, 6}} {
		got := callKFold(t, t.Call("KFold", c.n, c.k, false, uint64(3)), c.n, c.k, false, 3)
		judgeFolds(t, got, c.n, c.k, false, 3)
	}
}

func kfoldShuffled(t *grader.T) {
	const n, k = 103, 5 // 103 = 5·20 + 3: sizes 21, 21, 21, 20, 20
	a := callKFold(t, t.Deterministic("KFold", n, k, true, uint64(7)), n, k, true, 7)
	judgeFolds(t, a, n, k, true, 7)
	b := callKFold(t, t.Call("KFold", n, k, true, uint64(8)), n, k, true, 8)
	judgeFolds(t, b, n, k, true, 8)
	for _, c := range []struct {
		n, k int
		seed uint64
	}{{10, 3, 1}, {20, 2, 2}, {9, 9, 3}, {442, 5, 2026}} {
		got := callKFold(t, t.Call("KFold", c.n, c.k, true, c.seed), c.n, c.k, true, c.seed)
		judgeFolds(t, got, c.n, c.k, true, c.seed)
	}
}

// irisSeed is the seed of kfoldIris.
const irisSeed = 15

func kfoldIris(t *grader.T) {
	X, labels, classes := iris()
	m, _ := X.Dims()
	const k = 3
	got := callKFold(t, t.Call("KFold", m, k, true, uint64(irisSeed)), m, k, true, irisSeed)
	want := refFolds(t, m, k, true, irisSeed)
	if partitionProblem(got, m) == "" {
		t.Plot("Species in each test fold of iris", foldClassPanels(got, want, labels, classes))
	}
	for f, fold := range got {
		counts := make([]int, len(classes))
		for _, i := range fold {
			if i >= 0 && i < m {
				counts[labels[i]]++
			}
		}
		for c, cnt := range counts {
			if cnt > 0 && cnt == len(fold) {
				t.Label(fmt.Sprintf("the test fold %d of KFold(150, 3, true, %d) on iris", f+1, irisSeed))
				t.Mistake(sameFolds(got, refFolds(t, m, k, false, 0)), notShuffled,
					fmt.Sprintf("fold %d's test set is all %s (rows %s): iris is sorted by species, and your folds are its rows in order", f+1, classes[c], ints(fold)))
				t.Fatalf("KFold(150, 3, true, %d): fold %d's test set is all %s: a shuffled fold of iris holds all three species", irisSeed, f+1, classes[c])
			}
		}
	}
	judgeFolds(t, got, m, k, true, irisSeed)
}

// The CrossValidate checks run on diabetes, k = 5 (442 = 5·88 + 2: folds of 89, 89, 88, 88, 88
// rows), with this seed and the grader's StandardScaler and Ridge(α = 1).
const (
	cvK            = 5
	cvSeed  uint64 = 2026
	cvAlpha        = 1.0
)

// runCV calls CrossValidate with a new spy pipeline and returns the pipeline and the scores.
func runCV(t *grader.T, X *mat.Dense, y []float64, k int, seed uint64, alpha float64) (*pipeline, []float64) {
	p := newPipeline(t, X, y, alpha)
	scores := t.Call("CrossValidate", X, y, k, seed, p.fitScaler, p.fitModel).Floats()
	return p, scores
}

// refScores returns mlkit's per-fold MSE over the right folds.
func refScores(t *grader.T, X *mat.Dense, y []float64, k int, seed uint64, alpha float64) []float64 {
	m, _ := X.Dims()
	folds, err := data.KFold(m, k, data.FoldOptions{Shuffle: true, Seed: seed})
	if err == nil {
		var scores []float64
		scores, err = selection.CrossValidate(X, y, folds, selection.Pipeline{
			Transformer: func() selection.Transformer { return &preprocess.StandardScaler{} },
			Model:       func() selection.Regressor { return &linear.Ridge{Alpha: alpha} },
		})
		if err == nil {
			return scores
		}
	}
	t.Fatalf("internal error in the check: the reference cross-validation: %v", err)
	return nil
}

func cvScaler(t *grader.T) {
	X, y := diabetes()
	p, _ := runCV(t, X, y, cvK, cvSeed, cvAlpha)
	p.judgeScaler(t, cvK, cvSeed)
}

func cvModel(t *grader.T) {
	X, y := diabetes()
	p, _ := runCV(t, X, y, cvK, cvSeed, cvAlpha)
	p.judgeModel(t, cvK, cvSeed)
}

func cvScores(t *grader.T) {
	X, y := diabetes()
	p, got := runCV(t, X, y, cvK, cvSeed, cvAlpha)
	want := refScores(t, X, y, cvK, cvSeed, cvAlpha)
	judgeScores(t, p, got, want, cvK, cvSeed, "diabetes", true)
}

// judgeScores compares the fold scores with the reference's, naming the pipeline mistake that
// explains a difference. It draws them when plot is set.
func judgeScores(t *grader.T, p *pipeline, got, want []float64, k int, seed uint64, name string, plot bool) {
	m, _ := p.X.Dims()
	call := fmt.Sprintf("CrossValidate(%s, k = %d, seed = %d)", name, k, seed)
	if len(got) != k {
		t.Fatalf("%s returned %d scores, want one per fold, k = %d", call, len(got), k)
	}
	if plot {
		t.Plot("The MSE of each fold", foldScores(fmt.Sprintf("MSE of each fold: %s (%d rows)", call, m), got, want))
	}
	if grader.NearSlice(got, want, tolScore) {
		return
	}
	p.diagnose(t, k, seed)
	t.Label("the fold scores of " + call)
	root := make([]float64, k)
	for f, w := range want {
		root[f] = math.Sqrt(w)
	}
	t.Mistake(grader.NearSlice(got, root, tolScore), rmseNotMSE, fmt.Sprintf(
		"your scores %s are the square roots of the folds' mean squared errors %s", grader.Nums(got), grader.Nums(want)))
	t.CloseSlice(got, want, tolScore)
}

func cvNotMutated(t *grader.T) {
	X, y := diabetes()
	X, y = permuted(X, y, 5) // targets out of order, so that sorting them in place shows
	p := newPipeline(t, X, y, cvAlpha)
	t.NotMutated("CrossValidate", X, y, 4, uint64(5), p.fitScaler, p.fitModel)
}

// permuted returns the rows of X and the targets of y in an order drawn from seed.
func permuted(X *mat.Dense, y []float64, seed uint64) (*mat.Dense, []float64) {
	m, _ := X.Dims()
	perm := rand.New(rand.NewPCG(seed, 99)).Perm(m)
	return data.TakeRows(X, perm), data.Take(y, perm)
}

func summarize(t *grader.T) {
	// By hand: the mean of 2, 4, 4, 4, 5, 5, 7, 9 is 40/8 = 5; the squared deviations 9, 1, 1,
	// 1, 0, 0, 4, 16 sum to 32, so the population σ is √(32/8) = 2 (the sample σ √(32/7) ≈ 2.14).
	judgeSummary(t, []float64{4, 2, 5, 4, 9, 4, 7, 5}, 5, 2)
	X, y := diabetes()
	scores := refScores(t, X, y, cvK, cvSeed, cvAlpha)
	mean, std := stat.PopMeanStdDev(scores, nil)
	judgeSummary(t, scores, mean, std)
	// Scores close together far from 0 (a stable model of a target in large units): the
	// one-pass variance Σs²/k − mean² subtracts two numbers near 1e12 to get about 1, and loses
	// about 12 of its 16 digits to cancellation (relative error of the order (mean/σ)²·ε).
	close := []float64{1000000.5, 999999.25, 1000001.75, 1000000.125, 999998.875, 1000000.5}
	mean, std = stat.PopMeanStdDev(close, nil)
	judgeSummary(t, close, mean, std)
	// One score: itself, spread 0.
	judgeSummary(t, []float64{2.5}, 2.5, 0)
}

// judgeSummary calls Summarize(scores) (checking that it leaves scores alone) and compares the
// result with the mean and population standard deviation, naming the mistakes that give it.
func judgeSummary(t *grader.T, scores []float64, mean, std float64) {
	r := t.NotMutated("Summarize", scores)
	var est, spread float64
	r.Decode(&est, &spread)
	call := fmt.Sprintf("Summarize(%s)", grader.Nums(scores))
	tol := grader.Rel(1e-12)
	// The spread of scores close together: the two-pass formula and Welford's loses about
	// (mean/σ)·ε relative (1e-10 for 1e6 ± 1), the one-pass formula (mean/σ)²·ε.
	tolSpread := grader.Rel(1e-9).PlusAbs(1e-300)
	lo := slices.Min(scores)
	t.Label("the estimate of " + call)
	t.Mistake(!grader.Near(lo, mean, tol) && est == lo, bestFold,
		fmt.Sprintf("your estimate %s is the lowest score, the best fold; the mean of the %d scores is %s", grader.Num(est), len(scores), grader.Num(mean)))
	t.Close(est, mean, tol)
	k := float64(len(scores))
	sample := std * math.Sqrt(k/(k-1))
	t.Label("the spread of " + call)
	t.Mistake(!grader.Near(sample, std, tol) && grader.Near(spread, sample, tol), sampleStd,
		fmt.Sprintf("your spread %s is √(Σ(s − mean)²/(k − 1)); the population form √(Σ(s − mean)²/k) is %s", grader.Num(spread), grader.Num(std)))
	t.Mistake(math.Abs(mean) > 100*std && !grader.Near(spread, std, tolSpread) && grader.Near(spread, std, grader.Rel(1e-2)), onePassVariance,
		fmt.Sprintf("your spread %s is off in its %s digit (√(Σ(s − mean)²/k) = %s): Σs²/k − mean² cancels for scores near %s", grader.Num(spread), digit(spread, std), grader.Num(std), grader.Num(mean)))
	t.Close(spread, std, tolSpread)
}

// diabetes returns the diabetes data: 442 patients, 10 measurements in raw units, and the
// disease progression a year later. Its rows are unique.
func diabetes() (*mat.Dense, []float64) {
	d := datasets.Diabetes()
	return d.X, d.Y
}

// iris returns the iris features and species labels, sorted by species.
func iris() (*mat.Dense, []int, []string) {
	d := datasets.Iris()
	return d.X, d.Labels(), d.Classes
}

// digit says which significant digit of got first differs from want: "5th".
func digit(got, want float64) string {
	d := 1
	if want != 0 && got != want {
		d = max(1, int(math.Floor(-math.Log10(math.Abs(got-want)/math.Abs(want))))+1)
	}
	switch d {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", d)
}
