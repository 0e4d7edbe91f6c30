// Package check grades exercise 16, model-selection: the k-fold cross-validation error of ridge
// for one penalty λ, the choice of λ with the smallest, and the discipline that ends a
// selection: refit on all development rows, then read the test set once.
//
// The learner's code fits every model with a fit the check gives it and reads the test error
// through a test function the check gives it (callbacks, spy.go): the checks see which rows and
// λ every fit had, when the test set was read and with which model, and the test labels never
// leave grade. Expected values come from mlkit's selection.SearchRidge (scikit-learn's
// GridSearchCV over Ridge's alpha with unshuffled KFold folds) on the same rows, with the same
// ridge (linear.Ridge, α = λ) the fit callback uses; the small example's numbers are worked out
// by hand. The mistakes are recognised from the records (several reads of the test set, and
// whether the choice followed them; the model that was tested; the rows that were never held
// out) and from values (the λ with the largest error; the training-fold error, half the MSE or
// the error pooled over all rows instead of the mean of the fold errors).
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/exercises/internal/sincurve"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/preprocess"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "model-selection",
		Title: "Model selection: choose λ by cross-validation, then touch the test set once",
		Dir:   "exercises/16-model-selection",
		Functions: []grader.Func{
			{Name: "CVError", Signature: "func(X *mat.Dense, y []float64, lambda float64, k int, fit Fit) float64"},
			{Name: "SelectLambda", Signature: "func(X *mat.Dense, y []float64, lambdas []float64, k int, fit Fit) (best float64, cvErr []float64)"},
			{Name: "SelectAndTest", Signature: "func(X *mat.Dense, y []float64, lambdas []float64, k int, fit Fit, test TestError) (best, testErr float64)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/selection/...",
			"github.com/mlkata/mlkata/mlkit/data/...",
			"github.com/mlkata/mlkata/mlkit/linear/...",
		},
		Checks: append([]grader.Check{
			{Name: "CVError of a small example you can follow by hand, and leave-one-out (k = m)", Points: 1, Run: cvSmall},
			{Name: "CVError on the diabetes data: the folds each fit saw, and the error", Points: 2, Run: cvDiabetes},
			{Name: "SelectLambda: the CV error of every λ and the λ with the smallest", Points: 2, Run: selectDiabetes},
			{Name: "SelectLambda: among equal CV errors, the first λ of the list (and a list of one)", Points: 1, Run: selectTie},
			{Name: "SelectAndTest reads the test set exactly once, after the selection", Points: 2, Run: testReadOnce},
			{Name: "SelectAndTest tests the model refitted on all development rows with the chosen λ", Points: 2, Run: finalModel},
			{Name: "CVError, SelectLambda and SelectAndTest leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Cross-validation uses only the development rows you are given: cut them into k folds; for each fold, fit on the other rows and measure the MSE on the fold's own rows; the CV error is the mean of the k fold errors. Choose the λ with the smallest CV error. Only then fit the final model on all the rows and read the test set once, with test(θ).",
			"Fold f holds ⌊m/k⌋ + 1 rows if f < m mod k, ⌊m/k⌋ otherwise, one after the other from row 0 (m = 331, k = 5: 67, 66, 66, 66, 66 rows). The fold's error is 1/|fold|·Σ (xᵢ·θ − yᵢ)², with no ½. Among equal CV errors keep the first λ: update the best only when an error is strictly smaller.",
			"CVError: start := 0; for f := range k { size := m / k; if f < m%k { size++ }; end := start + size; copy every row i outside [start, end) of X, and y[i], into Xtr and yTr; theta := fit(Xtr, yTr, lambda); for i := start; i < end; i++ { d := mat.Dot(X.RowView(i), mat.NewVecDense(len(theta), theta)) − y[i]; sse += d * d }; total += sse / float64(size); start = end }; return total / float64(k). SelectAndTest: best, _ := SelectLambda(X, y, lambdas, k, fit); return best, test(fit(X, y, best))",
		},
		Mistakes: []grader.Mistake{
			{ID: selectedOnTest, Hint: "You chose λ by its test error. Then the test error of the chosen model is no longer an honest estimate: λ was tuned to these very rows, so it is optimistic, and you have no untouched data left to find out by how much. Choose λ by the cross-validation error on the development rows only (SelectLambda), then read the test set once, for the final model."},
			{ID: testReadMoreThanOnce, Hint: "You read the test set more than once. Even when the choice follows the cross-validation error, every look at the test error of a candidate is a chance for it to steer the next decision (a λ, a feature, a seed), and the final number stops being honest. Read it once, at the very end, for the one final model: test(θ) of the model refitted with the chosen λ."},
			{ID: argmaxNotArgmin, Hint: "You chose the λ with the largest cross-validation error. The CV error is an error: smaller is better. Keep the λ whose error is the smallest (and, among equal errors, the first one in the list)."},
			{ID: noRefitOnAllRows, Hint: "The model you tested was fitted on only part of the development rows (the training rows of one fold, for instance the last fold's model from the cross-validation loop). Once λ is chosen, the folds have done their job: refit with that λ on all the development rows, fit(X, y, best), and test that model. More rows give a better model, and it is the model you would deploy."},
			{ID: errorOnTrainingRows, Hint: "Your CV error is measured on the rows the model was fitted on: the training error, which always prefers the smallest λ because a weaker penalty always fits the training rows better. Measure each fold's model on the fold's own rows, the ones its fit did not see."},
			{ID: halfMSE, Hint: "Your CV error is half the MSE: that is the cost J = 1/(2m)·‖Xθ − y‖² of the earlier exercises. The error to compare models by is the plain mean squared error, 1/|fold|·Σ (xᵢ·θ − yᵢ)², without the ½."},
			{ID: pooledNotFoldMean, Hint: "Your CV error pools the squared errors of all the validation rows and divides by m. This exercise (like scikit-learn's cross_val_score(...).mean() and GridSearchCV) takes the MSE of each fold on its own and then the plain mean of the k fold MSEs. The two differ when the folds have different sizes (m mod k ≠ 0)."},
			{ID: foldRemainderDropped, Hint: "Your folds all have ⌊m/k⌋ rows, so the last m mod k rows are never held out: they are in every training set and never measured. The first m mod k folds take one row more: fold f has ⌊m/k⌋ + 1 rows if f < m mod k, and the folds together hold every row once."},
		},
	}
}

// The mistakes the checks recognise.
const (
	selectedOnTest       = "selected-on-test"
	testReadMoreThanOnce = "test-read-more-than-once"
	argmaxNotArgmin      = "argmax-not-argmin"
	noRefitOnAllRows     = "no-refit-on-all-rows"
	errorOnTrainingRows  = "error-on-training-rows"
	halfMSE              = "half-mse"
	pooledNotFoldMean    = "pooled-not-fold-mean"
	foldRemainderDropped = "fold-remainder-dropped"
)

// tolErr is for CV and test errors: the learner's fits are the grader's own, so the errors
// differ from the reference only by the order of the sums (and, for training rows gathered in
// another order, by the last bits of θ): about 1e-12 relative.
var tolErr = grader.Rel(1e-8).PlusAbs(1e-12)

// problem is one model-selection task: the development rows (X with the column of ones first,
// and y), the test set only the grader holds, the number of folds and the candidate penalties.
type problem struct {
	what    string // how the checks' messages name the data
	X       *mat.Dense
	y       []float64
	Xtest   *mat.Dense
	ytest   []float64
	k       int
	lambdas []float64
	search  *selection.RidgeSearch // the reference search, set by runSearch
	folds   []data.Split           // the README's folds
}

// Visible data: diabetes.csv's 442 patients, split 331 / 111 into development and test rows by
// data.TrainTestSplit with seed 4; the 8 measurements bmi, bp and s1…s6 (age and sex left
// out) expanded to their 44 products of degree ≤ 2 and standardised with the development rows'
// statistics, then the ones column in front. With 44 features for 331 rows ridge needs its
// penalty: the CV error falls from λ = 0.001 to its smallest at λ = 10 and rises again. The
// seed is one where the test set prefers another λ (100) than cross-validation does
// (TestDiabetesFixture pins it), so that a choice made on the test set shows in the λ as well
// as in the count of reads.
const (
	diabetesSeed = 4
	diabetesK    = 5
)

var (
	diabetesLambdas  = []float64{0.001, 0.01, 0.1, 1, 10, 100, 1000}
	diabetesFeatures = []int{2, 3, 4, 5, 6, 7, 8, 9} // bmi, bp, s1 … s6
)

// diabetes returns the visible problem, with its reference search. It is built once and
// shared by the checks, which only read it.
var diabetes = sync.OnceValue(func() *problem {
	d := datasets.Diabetes()
	sp, err := data.TrainTestSplit(len(d.Y), data.SplitOptions{TestFraction: 0.25, Seed: diabetesSeed})
	if err != nil {
		panic(err) // 442 rows always split
	}
	X := mat.NewDense(len(d.Y), len(diabetesFeatures), nil)
	for j, c := range diabetesFeatures {
		X.SetCol(j, mat.Col(nil, c, d.X))
	}
	Xdev, Xtest := designs(data.TakeRows(X, sp.Train), data.TakeRows(X, sp.Test), 2)
	p := &problem{
		what: "the 331 development rows of diabetes.csv (44 features of degree ≤ 2)",
		X:    Xdev, y: data.Take(d.Y, sp.Train),
		Xtest: Xtest, ytest: data.Take(d.Y, sp.Test),
		k: diabetesK, lambdas: slices.Clone(diabetesLambdas),
	}
	if err := p.runSearch(); err != nil {
		panic(err) // TestDiabetesFixture runs it
	}
	return p
})

// sinProblem draws a problem from rng: a sample of sin(2πx) + 𝒩(0, 0.3²) (30 to 80
// development rows, not a multiple of k, and 100 test rows), its powers x¹ … x^d (d from 4 to
// 7) standardised with the development rows' statistics, k from 3 to 7, and 6 to 8 penalties
// spaced by a decade or half a decade from 1e-4 or 1e-3 up, in shuffled order. Synthetic data,
// so that the hidden checks can draw as many unseen problems as they like with a U-shaped
// validation curve. It draws again until the reference's best λ beats the runner-up by more
// than 1e-6 relative, so that the rounding of sums cannot change the choice, and the λ with
// the largest CV error is not the best (TestSinProblems: the first draw almost always does).
func sinProblem(rng *rand.Rand) *problem {
	for range 1000 {
		p := drawSin(rng)
		if err := p.runSearch(); err != nil {
			continue
		}
		cv := p.search.CVError
		clear := argmax(cv) != p.search.Best
		for i, e := range cv {
			if i != p.search.Best && e-cv[p.search.Best] <= 1e-6*e {
				clear = false
			}
		}
		if clear {
			return p
		}
	}
	panic("internal error in the check: no sine-curve problem with a clear best λ in 1000 draws")
}

func drawSin(rng *rand.Rand) *problem {
	k := 3 + rng.IntN(5)
	m := 30 + rng.IntN(50)
	if m%k == 0 {
		m++
	}
	x, y := sincurve.Sample(rng, m+100, false, 0.3)
	dev := mat.NewDense(m, 1, x[:m])
	test := mat.NewDense(100, 1, x[m:])
	degree := 4 + rng.IntN(4)
	Xdev, Xtest := designs(dev, test, degree)
	step := []float64{0.5, 1}[rng.IntN(2)]
	e0 := -4 + float64(rng.IntN(2))
	lambdas := make([]float64, 6+rng.IntN(3))
	for i := range lambdas {
		lambdas[i] = math.Pow(10, e0+step*float64(i))
	}
	rng.Shuffle(len(lambdas), func(i, j int) { lambdas[i], lambdas[j] = lambdas[j], lambdas[i] })
	return &problem{
		what: fmt.Sprintf("%d points of sin(2πx) + noise (degree-%d features)", m, degree),
		X:    Xdev, y: y[:m], Xtest: Xtest, ytest: y[m:], k: k, lambdas: lambdas,
	}
}

// designs expands the development and test features to all their products of degree 1…d,
// standardises them with the development rows' mean and population standard deviation, and
// puts the column of ones in front.
func designs(dev, test *mat.Dense, degree int) (Xdev, Xtest *mat.Dense) {
	poly := preprocess.PolynomialFeatures{Degree: degree}
	var sc preprocess.StandardScaler
	Zdev := sc.FitTransform(nil, poly.Transform(nil, dev))
	Ztest := sc.Transform(nil, poly.Transform(nil, test))
	return preprocess.AddBias(nil, Zdev), preprocess.AddBias(nil, Ztest)
}

// runSearch runs the reference search on p and sets p.search and the folds.
func (p *problem) runSearch() error {
	m, _ := p.X.Dims()
	folds, err := data.KFold(m, p.k, data.FoldOptions{})
	if err != nil {
		return err
	}
	s, err := selection.SearchRidge(features(p.X), p.y, p.lambdas, folds)
	if err != nil {
		return err
	}
	p.search, p.folds = s, folds
	return nil
}

// reference returns p's reference search.
func reference(t *grader.T, p *problem) *selection.RidgeSearch {
	if p.search == nil {
		if err := p.runSearch(); err != nil {
			t.Fatalf("internal error in the check: the reference search failed: %v", err)
		}
	}
	return p.search
}

// pooled returns the error of λ = lambdas[i] pooled over all the validation rows: the fold
// errors weighted by the folds' sizes.
func pooled(p *problem, i int) float64 {
	m, _ := p.X.Dims()
	e := 0.0
	for f, sp := range p.folds {
		e += p.search.FoldError[i][f] * float64(len(sp.Test)) / float64(m)
	}
	return e
}

// lambdaIndex returns the index of lambda in p.lambdas, or -1.
func lambdaIndex(p *problem, lambda float64) int { return slices.Index(p.lambdas, lambda) }

// argmax returns the index of the largest value, the first among equal ones.
func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// checkFolds compares the fits of one cross-validation run (one λ) with the k folds of the
// README: fit i must have seen every development row but those of one fold, each fold once. It
// names fold-remainder-dropped and error-on-training-rows, and ends the check with what is
// wrong otherwise. call names the learner's call in messages.
func checkFolds(t *grader.T, p *problem, fits []fitRecord, call string) {
	m, _ := p.X.Dims()
	k := p.k
	if len(fits) == 0 {
		t.Fatalf("%s never called fit: fit each fold's model with the fit you are given (it records the rows it sees)", call)
	}
	for _, f := range fits {
		if allRows(f.rows, m) {
			t.Label(call)
			t.Mistake(true, errorOnTrainingRows, fmt.Sprintf("one of its fits saw all %d rows, the rows of the fold it was then scored on included", m))
		}
	}
	var held [][]int
	for i, f := range fits {
		out, clean := heldOut(f.rows, m)
		if !clean {
			t.Fatalf("%s: fit call %d was given rows that are not rows of X, or a row twice: pass it rows of X, each once", call, i+1)
		}
		if f.yWrong > 0 {
			t.Fatalf("%s: fit call %d was given %d targets that are not the targets of their rows: take row i of X and y[i] together", call, i+1, f.yWrong)
		}
		held = append(held, out)
	}
	if len(fits) == k && m%k != 0 {
		size, dropped := m/k, true
		seen := make([]bool, k)
		for _, out := range held {
			f := -1
			if len(out) == size && out[0]%size == 0 {
				f = out[0] / size
			}
			if f < 0 || f >= k || seen[f] || out[len(out)-1] != out[0]+size-1 {
				dropped = false
				break
			}
			seen[f] = true
		}
		if dropped {
			t.Label(call)
			never := "rows " + ranges(seqRows(k*size, m)) + " were"
			if m-k*size == 1 {
				never = fmt.Sprintf("row %d was", m-1)
			}
			t.Mistake(true, foldRemainderDropped, fmt.Sprintf("the %d fits held out %d rows each, and %s never held out", k, size, never))
		}
	}
	want := make([]string, k)
	for f, sp := range p.folds {
		want[f] = ranges(sp.Test)
	}
	folds := fmt.Sprintf("the %d folds of %d rows are rows %s", k, m, joinFolds(want))
	if len(fits) != k {
		t.Fatalf("%s called fit %d times, want k = %d: one fit per fold, each on all the rows but the fold's (%s)", call, len(fits), k, folds)
	}
	usedBy := make([]int, k) // the fit call (from 1) that held out each fold
	for i, out := range held {
		f := slices.IndexFunc(p.folds, func(sp data.Split) bool { return slices.Equal(sp.Test, out) })
		if f < 0 {
			t.Fatalf("%s: fit call %d held out rows %s (it saw the other %d), which is not a fold: %s", call, i+1, ranges(out), m-len(out), folds)
		}
		if usedBy[f] > 0 {
			t.Fatalf("%s: fit calls %d and %d both held out rows %s; each fold is held out once (%s)", call, usedBy[f], i+1, ranges(out), folds)
		}
		usedBy[f] = i + 1
	}
}

// seqRows returns lo, lo+1, …, hi−1.
func seqRows(lo, hi int) []int {
	var out []int
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

func joinFolds(f []string) string {
	s := ""
	for i, x := range f {
		switch {
		case i == 0:
		case i == len(f)-1:
			s += " and "
		default:
			s += ", "
		}
		s += x
	}
	return s
}

// fitsWith returns the fits made with penalty lambda.
func fitsWith(fits []fitRecord, lambda float64) []fitRecord {
	var out []fitRecord
	for _, f := range fits {
		if f.lambda == lambda {
			out = append(out, f)
		}
	}
	return out
}

// cvMistakes names the value mistakes that CV errors got (for lambdas[idx[j]]) show, and notes
// a sum of the fold errors not divided by k. It does nothing if they are right.
func cvMistakes(t *grader.T, p *problem, idx []int, got []float64, label string) {
	s := reference(t, p)
	var want, train, half, pool, sum []float64
	for _, i := range idx {
		want = append(want, s.CVError[i])
		train = append(train, s.TrainError[i])
		half = append(half, s.CVError[i]/2)
		pool = append(pool, pooled(p, i))
		sum = append(sum, s.CVError[i]*float64(p.k))
	}
	if grader.NearSlice(got, want, tolErr) {
		return
	}
	num := func(v []float64) string {
		if len(v) == 1 {
			return grader.Num(v[0])
		}
		return grader.Nums(v)
	}
	t.Label(label)
	t.Mistake(grader.NearSlice(got, train, tolErr), errorOnTrainingRows,
		fmt.Sprintf("%s is the mean MSE of each fold's model on its own training rows; on the held-out folds it is %s", num(got), num(want)))
	t.Mistake(grader.NearSlice(got, half, tolErr), halfMSE,
		fmt.Sprintf("%s is half of the CV error %s", num(got), num(want)))
	t.Mistake(grader.NearSlice(got, pool, tolErr), pooledNotFoldMean,
		fmt.Sprintf("%s is the squared error pooled over all %d validation rows; the mean of the %d fold MSEs is %s", num(got), len(p.y), p.k, num(want)))
	if grader.NearSlice(got, sum, tolErr) {
		t.Logf("%s is k = %d times the CV error: the CV error is the mean of the k fold errors, their sum divided by k", num(got), p.k)
	}
}

// checkCVValue compares the CV error of lambdas[i] with the reference, naming the value
// mistakes.
func checkCVValue(t *grader.T, p *problem, i int, got float64, label string) {
	cvMistakes(t, p, []int{i}, []float64{got}, label)
	t.Label(label)
	t.Close(got, reference(t, p).CVError[i], tolErr)
}

// checkCV calls CVError for lambdas[i] with the ridge spy and checks its folds and its value.
func checkCV(t *grader.T, p *problem, i int) {
	s := newSpy(p, ridge)
	reference(t, p)
	lambda := p.lambdas[i]
	call := fmt.Sprintf("CVError(…, λ = %s, k = %d)", grader.Num(lambda), p.k)
	got := t.Call("CVError", p.X, p.y, lambda, p.k, s.fit).Float()
	checkFolds(t, p, s.fits, call)
	checkCVValue(t, p, i, got, fmt.Sprintf("%s on %s", call, p.what))
}

// The small example: m = 5 rows, k = 2 folds (rows 0–2 and 3–4), y = 1, 2, 3, 4, 5, and a fit
// that predicts the mean of its targets (meanModel). By hand:
//
//	fold 0 (rows 0–2): trained on y = 4, 5, mean 4.5; errors 3.5², 2.5², 1.5² = 20.75; MSE 20.75/3
//	fold 1 (rows 3–4): trained on y = 1, 2, 3, mean 2; errors 2², 3² = 13; MSE 13/2 = 6.5
//	CV error = (20.75/3 + 6.5)/2 = 161/24 ≈ 6.7083
//
// The mistakes give: the pooled error (20.75 + 13)/5 = 6.75; half the MSE 161/48; the training
// rows' error ((0.5² + 0.5²)/2 + (1 + 0 + 1)/3)/2 = 11/24; folds of 2 rows (rows 0–1 and 2–3,
// row 4 never held out): ((3² + 2²)/2 + ((1/3)² + (4/3)²)/2)/2 = 67/18.
func smallProblem() *problem {
	X := mat.NewDense(5, 2, []float64{1, 0.5, 1, -1, 1, 2, 1, 0, 1, 1.5})
	return &problem{
		what: "5 rows, k = 2", X: X, y: []float64{1, 2, 3, 4, 5},
		Xtest: mat.NewDense(1, 2, []float64{1, 0}), ytest: []float64{0},
		k: 2, lambdas: []float64{1},
	}
}

func cvSmall(t *grader.T) {
	p := smallProblem()
	s := newSpy(p, meanModel)
	got := t.Call("CVError", p.X, p.y, 1.0, 2, s.fit).Float()
	m, _ := p.X.Dims()
	folds, _ := data.KFold(m, p.k, data.FoldOptions{})
	p.folds = folds
	call := "CVError(X, y = [1 2 3 4 5], λ = 1, k = 2, fit = the mean of y)"
	checkFolds(t, p, s.fits, call)
	want := 161.0 / 24
	t.Label(call)
	t.Mistake(grader.Near(got, 11.0/24, tolErr), errorOnTrainingRows,
		"11/24 ≈ 0.458 is the error of each fold's mean on its own training rows; on the held-out rows it is 161/24 ≈ 6.708")
	t.Mistake(grader.Near(got, want/2, tolErr), halfMSE, "161/48 ≈ 3.354 is half of 161/24 ≈ 6.708")
	t.Mistake(grader.Near(got, 6.75, tolErr), pooledNotFoldMean,
		"6.75 = (20.75 + 13)/5 pools the 5 squared errors; the mean of the fold MSEs is (20.75/3 + 13/2)/2 = 161/24 ≈ 6.708")
	if !t.Close(got, want, tolErr) {
		if grader.Near(got, 2*want, tolErr) {
			t.Logf("161/12 ≈ 13.42 is k = 2 times the CV error: the CV error is the mean of the k fold errors, their sum divided by k")
		}
		t.Logf("By hand: fold 0 (rows 0–2) is predicted by the mean of y = 4, 5, which is 4.5: MSE (3.5² + 2.5² + 1.5²)/3 = 20.75/3; fold 1 (rows 3–4) by the mean of y = 1, 2, 3, which is 2: MSE (2² + 3²)/2 = 6.5; CV error (20.75/3 + 6.5)/2 = 161/24 ≈ 6.708.")
		return
	}

	// k = m = 5, leave-one-out: row i is predicted by the mean of the other four targets,
	// (15 − yᵢ)/4, an error of 5·(yᵢ − 3)/4; the squared errors are 25/16·(4, 1, 0, 1, 4), and
	// their mean over the 5 folds of one row is 25/16·10/5 = 3.125.
	p.k = 5
	p.folds, _ = data.KFold(m, 5, data.FoldOptions{})
	s = newSpy(p, meanModel)
	got = t.Call("CVError", p.X, p.y, 1.0, 5, s.fit).Float()
	call = "CVError(X, y = [1 2 3 4 5], λ = 1, k = 5, fit = the mean of y), leave-one-out"
	checkFolds(t, p, s.fits, call)
	t.Label(call)
	if !t.Close(got, 3.125, tolErr) {
		t.Logf("By hand: with k = m every fold is one row, predicted by the mean of the other four targets, (15 − yᵢ)/4: the squared errors are 25/16·(4, 1, 0, 1, 4) and their mean is 3.125.")
	}
}

func cvDiabetes(t *grader.T) {
	p := diabetes()
	// λ = 10 is the CV choice, 0.001 overfits, 1000 underfits.
	for _, i := range []int{4, 0, 6} {
		checkCV(t, p, i)
	}
}

// checkSelect calls SelectLambda on p with the ridge spy and checks the fits, cvErr and best.
func checkSelect(t *grader.T, p *problem) {
	s := newSpy(p, ridge)
	ref := reference(t, p)
	r := t.Call("SelectLambda", p.X, p.y, p.lambdas, p.k, s.fit)
	best, cvErr := r.Out(0).Float(), r.Out(1).Floats()
	if len(cvErr) != len(p.lambdas) {
		t.Fatalf("SelectLambda returned %d CV errors for %d values of λ: cvErr[i] is the CV error of lambdas[i]", len(cvErr), len(p.lambdas))
	}
	for _, lambda := range p.lambdas {
		checkFolds(t, p, fitsWith(s.fits, lambda), fmt.Sprintf("SelectLambda (λ = %s)", grader.Num(lambda)))
	}
	if len(s.fits) != len(p.lambdas)*p.k {
		t.Fatalf("SelectLambda called fit %d times, want %d: k = %d per λ, for the %d values of λ", len(s.fits), len(p.lambdas)*p.k, p.k, len(p.lambdas))
	}
	idx := make([]int, len(p.lambdas))
	for i := range idx {
		idx[i] = i
	}
	label := fmt.Sprintf("the CV errors SelectLambda returned for λ = %s on %s", grader.Nums(p.lambdas), p.what)
	cvMistakes(t, p, idx, cvErr, label)
	t.Label(label)
	cvRight := t.CloseSlice(cvErr, ref.CVError, tolErr)
	// With the CV errors right, the λ with the largest is chosen only by an argmax.
	checkBest(t, p, ref, best, "the λ SelectLambda chose on "+p.what, cvRight)
}

// checkBest compares a chosen λ with the reference's, naming argmax-not-argmin when the λ with
// the largest CV error was chosen and nameArgmax says that nothing else explains that choice.
func checkBest(t *grader.T, p *problem, ref *selection.RidgeSearch, best float64, label string, nameArgmax bool) {
	hi := argmax(ref.CVError)
	t.Label(label)
	t.Mistake(nameArgmax && best == p.lambdas[hi] && hi != ref.Best, argmaxNotArgmin,
		fmt.Sprintf("λ = %s has the largest CV error, %s; the smallest is %s, at λ = %s", grader.Num(best), grader.Num(ref.CVError[hi]), grader.Num(ref.CVError[ref.Best]), grader.Num(ref.BestAlpha())))
	if best != ref.BestAlpha() {
		if lambdaIndex(p, best) < 0 {
			t.Fatalf("%s is %s, which is not one of the candidates %s", label, grader.Num(best), grader.Nums(p.lambdas))
		}
		t.Fatalf("%s is %s, whose CV error is %s; the smallest CV error is %s, at λ = %s (the CV errors: %s for λ = %s)", label, grader.Num(best),
			grader.Num(ref.CVError[lambdaIndex(p, best)]), grader.Num(ref.CVError[ref.Best]), grader.Num(ref.BestAlpha()), grader.Nums(ref.CVError), grader.Nums(p.lambdas))
	}
}

// foldsRight reports whether the spy's fits include, for every λ, one fit per fold on all the
// rows but the fold's (the fits that saw every row, such as the final one, aside).
func foldsRight(p *problem, s *spy) bool {
	m := len(p.y)
	for _, lambda := range p.lambdas {
		var held [][]int
		for _, f := range fitsWith(s.fits, lambda) {
			out, clean := heldOut(f.rows, m)
			if !clean || f.yWrong > 0 {
				return false
			}
			if len(out) > 0 {
				held = append(held, out)
			}
		}
		if len(held) != p.k {
			return false
		}
		for _, sp := range p.folds {
			if !slices.ContainsFunc(held, func(out []int) bool { return slices.Equal(out, sp.Test) }) {
				return false
			}
		}
	}
	return true
}

func selectDiabetes(t *grader.T) { checkSelect(t, diabetes()) }

// selectTie passes the mean model, which ignores λ: every λ gets the same CV error (161/24, but
// this check asks only that they be equal, the errors are CVError's checks), and the first λ
// of the list, 10, must be chosen: not the smallest, 0.1, nor the last, 1. A list of one λ
// has that λ chosen.
func selectTie(t *grader.T) {
	p := smallProblem()
	s := newSpy(p, meanModel)
	lambdas := []float64{10, 0.1, 1}
	r := t.Call("SelectLambda", p.X, p.y, lambdas, 2, s.fit)
	best, cvErr := r.Out(0).Float(), r.Out(1).Floats()
	if len(cvErr) != 3 || cvErr[1] != cvErr[0] || cvErr[2] != cvErr[0] {
		t.Fatalf("SelectLambda returned the CV errors %s for λ = 10, 0.1, 1 with a fit that ignores λ (the mean of y): they should be 3 equal values, one per λ, since every λ gives the same fits", grader.Nums(cvErr))
	}
	switch best {
	case 10:
	case 1:
		t.Fatalf("SelectLambda chose λ = 1, the last of three equal CV errors; keep the first, λ = 10: replace the best only when an error is strictly smaller (<, not ≤)")
	case 0.1:
		t.Fatalf("SelectLambda chose λ = 0.1, the smallest λ among three equal CV errors; the rule is the first in the list, λ = 10 (do not sort the candidates)")
	default:
		t.Label("the λ SelectLambda chose among three equal CV errors, for λ = 10, 0.1, 1")
		t.Equal(best, 10.0)
		return
	}
	r = t.Call("SelectLambda", p.X, p.y, []float64{0.5}, 2, newSpy(p, meanModel).fit)
	best, cvErr = r.Out(0).Float(), r.Out(1).Floats()
	t.Label("the λ SelectLambda chose from the list [0.5]")
	t.Equal(best, 0.5)
	t.Label("the CV errors SelectLambda returned for the list [0.5]")
	t.Equal(len(cvErr), 1)
}

// selectAndTest calls SelectAndTest on p with the ridge spy and returns what it returned and
// the spy.
func selectAndTest(t *grader.T, p *problem) (best, testErr float64, s *spy) {
	s = newSpy(p, ridge)
	r := t.Call("SelectAndTest", p.X, p.y, p.lambdas, p.k, s.fit, s.test)
	return r.Out(0).Float(), r.Out(1).Float(), s
}

// checkReads checks that SelectAndTest read the test set once, after its last fit, naming the
// mistakes several reads show.
func checkReads(t *grader.T, p *problem, best float64, s *spy) {
	ref := reference(t, p)
	reads := s.reads
	if len(reads) == 0 {
		t.Fatalf("SelectAndTest never called test: refit with the chosen λ on all the rows, pass that θ to test once and return the error it gives")
	}
	if len(reads) > 1 {
		// λ of each read's model, and the read with the smallest test error.
		lowest := 0
		var lams []float64
		for i, r := range reads {
			if r.mse < reads[lowest].mse {
				lowest = i
			}
			if r.fit >= 0 {
				lams = append(lams, s.fits[r.fit].lambda)
			}
		}
		cvFits := 0
		for _, f := range s.fits {
			if f.seq < reads[0].seq && !allRows(f.rows, len(p.y)) {
				cvFits++
			}
		}
		m := reads[lowest].fit
		followed := m >= 0 && s.fits[m].lambda == best
		t.Label("SelectAndTest's use of the test set")
		t.Mistake(followed && (best != ref.BestAlpha() || cvFits == 0), selectedOnTest,
			fmt.Sprintf("you read the test set %d times, for models with λ = %s, and chose λ = %s, the one with the smallest test error; cross-validation chooses λ = %s", len(reads), grader.Nums(lams), grader.Num(best), grader.Num(ref.BestAlpha())))
		t.Mistake(true, testReadMoreThanOnce,
			fmt.Sprintf("you read the test set %d times (for models with λ = %s); read it once, for the final model", len(reads), grader.Nums(lams)))
	}
	if len(s.fits) > 0 && s.fits[len(s.fits)-1].seq > reads[0].seq {
		later := 0
		for _, f := range s.fits {
			if f.seq > reads[0].seq {
				later++
			}
		}
		t.Fatalf("SelectAndTest read the test set before it was done fitting: fit was called %d more times after the read. Choose λ and refit first; the test set is read last", later)
	}
}

// checkFinal checks the model SelectAndTest tested: refitted on all development rows with the
// chosen λ, whose test error it returned.
func checkFinal(t *grader.T, p *problem, best, testErr float64, s *spy) {
	ref := reference(t, p)
	if len(s.reads) != 1 {
		t.Fatalf("SelectAndTest read the test set %d times; this check looks at the model of a single read (see the check that counts the reads)", len(s.reads))
	}
	read := s.reads[0]
	if read.fit < 0 {
		t.Fatalf("the θ SelectAndTest passed to test, %s, is not one that fit returned: pass the θ of the final fit as it is", grader.Nums(read.theta))
	}
	f := s.fits[read.fit]
	m := len(p.y)
	if !allRows(f.rows, m) {
		out, clean := heldOut(f.rows, m)
		what := fmt.Sprintf("the model you tested was fitted on %d of the %d development rows (all but rows %s)", len(f.rows), m, ranges(out))
		if i := slices.IndexFunc(p.folds, func(sp data.Split) bool { return slices.Equal(sp.Test, out) }); i == p.k-1 {
			what += fmt.Sprintf(": the training rows of the last fold, fold %d", i)
		} else if i >= 0 {
			what += fmt.Sprintf(": the training rows of fold %d", i)
		}
		t.Label("the model SelectAndTest tested")
		t.Mistake(clean && len(out) > 0, noRefitOnAllRows, what)
		t.Fatalf("%s; refit on all of them, each once", what)
	}
	if f.lambda != best {
		t.Fatalf("the model SelectAndTest tested was fitted with λ = %s, but it chose λ = %s: refit with the chosen λ", grader.Num(f.lambda), grader.Num(best))
	}
	t.Label("the test error SelectAndTest returned, against the one test gave it")
	t.Close(testErr, read.mse, grader.Rel(1e-15))

	// The CV errors SelectAndTest computed are not known. A choice of the λ with the largest
	// CV error reads as argmax-not-argmin only if its fits used the right folds (other folds
	// make other choices) and that λ is not also the one with the smallest training error (the
	// weakest penalty often is both, and a CV error measured on the training rows chooses it).
	hi := argmax(ref.CVError)
	lo := slices.Index(ref.TrainError, slices.Min(ref.TrainError))
	checkBest(t, p, ref, best, "the λ SelectAndTest chose on "+p.what, hi != lo && foldsRight(p, s))
	want := mseOf(p.Xtest, p.ytest, append([]float64{ref.Model.Intercept()}, ref.Model.Coef()...))
	t.Label("the test error of the final model")
	t.Close(read.mse, want, tolErr)
}

func testReadOnce(t *grader.T) {
	p := diabetes()
	best, _, s := selectAndTest(t, p)
	plotSelection(t, p, best, s)
	checkReads(t, p, best, s)
}

// finalModel runs on a fixed sample of the sine curve: a second data set, and a cheaper one
// than diabetes (the visible checks call SelectAndTest twice).
func finalModel(t *grader.T) {
	p := sinProblem(rand.New(rand.NewPCG(16, 1)))
	best, testErr, s := selectAndTest(t, p)
	checkFinal(t, p, best, testErr, s)
}

// notMutated passes y and λ in no particular order, so that sorting them in place shows.
func notMutated(t *grader.T) {
	p := smallProblem()
	p.y = []float64{3, 1, 5, 2, 4}
	lambdas := []float64{3, 0.5, 2}
	t.NotMutated("CVError", p.X, p.y, 0.5, 2, newSpy(p, meanModel).fit)
	t.NotMutated("SelectLambda", p.X, p.y, lambdas, 2, newSpy(p, meanModel).fit)
	s := newSpy(p, meanModel)
	t.NotMutated("SelectAndTest", p.X, p.y, lambdas, 2, s.fit, s.test)
}
