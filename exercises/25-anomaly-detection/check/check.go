// Package check grades exercise 25, anomaly-detection: a Gaussian per feature fitted on normal
// rows (Fit), the log density of rows under it (LogDensity), the threshold ε chosen by F1 on
// labelled validation rows (SelectThreshold), the flags (Detect), and the whole method run on
// training, validation and test rows (Evaluate), whose test labels stay in the grader behind a
// counted callback (TestF1).
//
// The real data is breast cancer (data.go): the benign tumours are the normal rows, a few
// malignant ones the anomalies. Seeded synthetic data adds what the real data cannot show: 250
// features, whose densities' product underflows, and (hidden) unseen shapes and scales.
//
// Expected values come from mlkit/density (Fit, LogDensity, SelectThreshold, Flag), computed
// here on the same inputs. The mistakes are recognised by recomputing what each gives: the
// sample variance (m − 1), the standard deviation where the variance belongs, the log of the
// product of densities (−Inf where it underflows), the density instead of its log, "logp < ε"
// and "logp ≥ ε" detectors, the largest of tied thresholds, a Gaussian fitted on the anomalies
// too, and a threshold chosen by reading the test set many times.
package check

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/density"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "anomaly-detection",
		Title: "Anomaly detection with a Gaussian model",
		Dir:   "exercises/25-anomaly-detection",
		Functions: []grader.Func{
			{Name: "Fit", Signature: "func(X *mat.Dense) (mu, sigma2 []float64)"},
			{Name: "LogDensity", Signature: "func(X *mat.Dense, mu, sigma2 []float64) []float64"},
			{Name: "SelectThreshold", Signature: "func(logp []float64, y []int) (eps, f1 float64)"},
			{Name: "Detect", Signature: "func(logp []float64, eps float64) []int"},
			{Name: "Evaluate", Signature: "func(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, Xtest *mat.Dense, testF1 TestF1) (eps, f1 float64)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/density/...",
			"github.com/mlkata/mlkata/mlkit/metrics/...",
			"gonum.org/v1/gonum/stat/...",
		},
		Checks: append([]grader.Check{
			{Name: "Fit: the mean and the population variance, by hand and on 200 benign tumours", Points: 2, Run: fitChecks},
			{Name: "LogDensity: by hand and on the validation tumours", Points: 2, Run: logDensityChecks},
			{Name: "LogDensity on 250 features: sum the logs", Points: 1, Run: logDensityWide},
			{Name: "SelectThreshold: worked examples, ties go to the smallest ε", Points: 2, Run: selectSmall},
			{Name: "SelectThreshold on the validation tumours", Points: 1, Run: selectCancer},
			{Name: "Detect: logp ≤ ε is an anomaly", Points: 1, Run: detectChecks},
			{Name: "Evaluate: fit on the normal training rows, choose ε on validation, test once", Points: 3, Run: evaluateCancer},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Three steps, each a few lines. Fit: for each column, the mean, then the mean of the squared deviations from it (divide by m). LogDensity: for each row, add up one log N term per feature. SelectThreshold: try every validation score as ε, count tp, fp and fn of \"logp ≤ ε\", keep the best F1.",
			"log N(x; μ, σ²) = −½·log(2π·σ²) − (x − μ)²/(2·σ²), with σ² the variance Fit returned (not its square root, and not squared again). Never multiply densities and take the log at the end: with many features the product is 0. F1 = 2·tp/(2·tp + fp + fn) with the anomalies (y = 1) as the positives; replace the best only if F1 is strictly larger, or equal with a smaller ε. In Evaluate, keep only the training rows with ytrain[i] == 0 before fitting, and call testF1 exactly once.",
			"for _, c := range logp { tp, fp := 0, 0; for i, v := range logp { if v <= c { if y[i] == 1 { tp++ } else { fp++ } } }; f := 2*float64(tp)/float64(2*tp+fp+(nPos-tp)); if f > best || f == best && c < eps { best, eps = f, c } }. Evaluate: build a matrix of the normal training rows, mu, s2 := Fit(it); eps, _ := SelectThreshold(LogDensity(Xval, mu, s2), yval); return eps, testF1(Detect(LogDensity(Xtest, mu, s2), eps)).",
		},
		Mistakes: []grader.Mistake{
			{ID: sampleVariance, Hint: "The Gaussian's variance here is the population variance, σ² = 1/m · Σᵢ (xᵢ − μ)², dividing by m (the maximum-likelihood estimate, numpy's var with ddof=0), not by m − 1 (the sample variance, gonum's stat.Variance)."},
			{ID: stdNotVariance, Hint: "σ² is the variance, the mean of the squared deviations; its square root σ is the standard deviation. Fit returns σ² (do not take the square root), and log N(x; μ, σ²) = −½·log(2π·σ²) − (x − μ)²/(2·σ²) uses σ² as it is (do not square it again)."},
			{ID: densityUnderflow, Hint: "You multiplied the features' densities and took the log of the product. With many features the product falls below the smallest float64 (about 1e−308, then 5e−324) and becomes 0, whose log is −Inf, so very different rows tie. Add the log densities instead: log(p₁·p₂·…) = log p₁ + log p₂ + …, and each log N term is finite."},
			{ID: densityNotLog, Hint: "LogDensity returns log p(x), not p(x): add up the per-feature terms −½·log(2π·σ²) − (x − μ)²/(2·σ²) instead of multiplying the densities. Logs keep many features in range and make ε a readable number (a few units or hundreds below 0, not 1e−90)."},
			{ID: strictThreshold, Hint: "A row is an anomaly when logp ≤ ε: the threshold itself is flagged. With \"<\", ε = a validation score flags the rows below it but not that row, so every candidate is off by one."},
			{ID: flagAbove, Hint: "Anomalies are the rows the model finds unlikely: a low density, logp ≤ ε. Flagging logp ≥ ε (or p > ε) flags the most typical rows instead."},
			{ID: f1TiesLargest, Hint: "When several ε reach the same best F1, return the smallest of them (it flags the fewest rows): replace the best only when F1 is strictly larger, or equal with a smaller ε. Compute F1 from counts, 2·tp/(2·tp + fp + fn), so that equal F1s compare equal."},
			{ID: fitOnAnomalies, Hint: "Fit the Gaussian on the normal training rows only (ytrain[i] == 0). The anomalies are what it must find unlikely; fitted on them too, its means move towards them and its variances widen, so it finds them more likely than it should."},
			{ID: thresholdOnTest, Hint: "You chose ε by the test set: Evaluate called testF1 for many thresholds and kept the best. The test set is for measuring the final detector once, after every choice is made; a number tuned on it overstates how well the detector does. Choose ε with SelectThreshold on the validation rows, then call testF1 once."},
		},
	}
}

// The mistakes the checks recognise.
const (
	sampleVariance   = "sample-variance"
	stdNotVariance   = "std-not-variance"
	densityUnderflow = "density-underflow"
	densityNotLog    = "density-not-log"
	strictThreshold  = "strict-threshold"
	flagAbove        = "flag-above-threshold"
	f1TiesLargest    = "f1-ties-largest"
	fitOnAnomalies   = "fit-on-anomalies"
	thresholdOnTest  = "threshold-on-test"
)

var (
	// tolStat is for means and variances: a sum of at most a few hundred terms, in another
	// order (or two-pass against one-pass), differs by rounding only.
	tolStat = grader.Rel(1e-9).PlusAbs(1e-12)
	// tolLog is for log densities and thresholds (log densities themselves): sums of up to 250
	// terms of size up to a few hundred.
	tolLog = grader.Rel(1e-9).PlusAbs(1e-9)
	// tolF1 is for F1, a quotient of counts.
	tolF1 = grader.Abs(1e-12)
)

// dense returns the rows as a matrix.
func dense(rows ...[]float64) *mat.Dense {
	X := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		X.SetRow(i, r)
	}
	return X
}

// suspects are the mistakes whose result equals the learner's wrong one.
type suspects []struct{ id, detail string }

// add adds the mistake id, with what shows it, if matched.
func (s *suspects) add(matched bool, id, detail string) {
	if matched {
		*s = append(*s, struct{ id, detail string }{id, detail})
	}
}

// name names the suspect when there is exactly one: two mistakes that give the same result
// cannot be told apart, and a wrong name would mislead.
func (s suspects) name(t *grader.T) {
	if len(s) == 1 {
		t.Mistake(true, s[0].id, s[0].detail)
	}
}

// ---- Fit ----

// checkFit calls Fit on X and compares μ and σ² with mlkit's density.Fit, naming the sample
// variance and the standard deviation.
func checkFit(t *grader.T, X *mat.Dense, what string) {
	r := t.Call("Fit", X)
	mu, s2 := r.Out(0).Floats(), r.Out(1).Floats()
	g := density.Fit(X)
	m, _ := X.Dims()
	t.Label(fmt.Sprintf("μ of Fit(%s)", what))
	t.CloseSlice(mu, g.Mean, tolStat)
	if !grader.NearSlice(s2, g.Var, tolStat) && len(s2) == len(g.Var) {
		var sus suspects
		sample, std := make([]float64, len(s2)), make([]float64, len(s2))
		for j, v := range g.Var {
			sample[j] = v * float64(m) / float64(m-1)
			std[j] = math.Sqrt(v)
		}
		sus.add(m > 1 && grader.NearSlice(s2, sample, tolStat), sampleVariance,
			fmt.Sprintf("your σ² is the right one times m/(m − 1) = %d/%d: the sum of squared deviations divided by m − 1", m, m-1))
		sus.add(grader.NearSlice(s2, std, tolStat), stdNotVariance,
			fmt.Sprintf("your σ² is the square root of the variance: σ₀² = %s, and %s² = %s is the variance", grader.Num(s2[0]), grader.Num(s2[0]), grader.Num(g.Var[0])))
		sus.name(t)
	}
	t.Label(fmt.Sprintf("σ² of Fit(%s)", what))
	t.CloseSlice(s2, g.Var, tolStat)
}

func fitChecks(t *grader.T) {
	// One feature, 1 2 3 4: μ = 2.5, σ² = (1.5² + 0.5² + 0.5² + 1.5²)/4 = 5/4 (the sample
	// variance would be 5/3, the standard deviation √1.25 ≈ 1.118). The second feature is
	// has a large mean: 1000 + (1, 3, 5, 7), μ = 1004, σ² = (9 + 1 + 1 + 9)/4 = 5.
	checkFit(t, dense([]float64{1, 1001}, []float64{2, 1003}, []float64{3, 1005}, []float64{4, 1007}), "4 rows by hand")
	d := cancer()
	checkFit(t, d.normalTrain(), "the 200 benign training tumours")
}

// ---- LogDensity ----

// checkLogDensity calls LogDensity and compares it with mlkit's, naming the mistakes. It
// returns the learner's values.
func checkLogDensity(t *grader.T, X *mat.Dense, g *density.Gaussian, what string) []float64 {
	got := t.Call("LogDensity", X, g.Mean, g.Var).Floats()
	compareLogDensity(t, X, g, got, what)
	return got
}

// compareLogDensity compares the learner's log densities with mlkit's (see checkLogDensity).
func compareLogDensity(t *grader.T, X *mat.Dense, g *density.Gaussian, got []float64, what string) {
	want := g.LogDensity(nil, X)
	t.Label(fmt.Sprintf("LogDensity(%s)", what))
	if len(got) == len(want) && !grader.NearSlice(got, want, tolLog) {
		var sus suspects
		sus.add(underflowed(got, want), densityUnderflow, underflowDetail(got, want))
		exp := make([]float64, len(want))
		for i, v := range want {
			exp[i] = math.Exp(v)
		}
		sus.add(grader.NearSlice(got, exp, grader.Rel(1e-9).PlusAbs(1e-300)), densityNotLog,
			fmt.Sprintf("your value for row 0 is %s = exp(%s), the density itself, not its log", grader.Num(got[0]), grader.Num(want[0])))
		sq := &density.Gaussian{Mean: g.Mean, Var: make([]float64, len(g.Var))}
		for j, v := range g.Var {
			sq.Var[j] = v * v
		}
		sus.add(grader.NearSlice(got, sq.LogDensity(nil, X), tolLog), stdNotVariance,
			"your log densities are those of Gaussians with variance (σ²)²: σ² was used as if it were σ, and squared again")
		sus.name(t)
	}
	t.CloseSlice(got, want, tolLog)
}

// logMin is log(5e−324), the log of the smallest positive float64: a product of densities
// below it is 0.
var logMin = math.Log(math.SmallestNonzeroFloat64)

// underflowed reports whether got is −Inf on some rows whose log density is below what a
// product of densities can hold (it underflowed to 0, and log 0 = −Inf), and right elsewhere.
func underflowed(got, want []float64) bool {
	inf := 0
	for i, v := range got {
		switch {
		case math.IsInf(v, -1):
			if want[i] > logMin+50 { // well within range: not an underflow
				return false
			}
			inf++
		case !grader.Near(v, want[i], tolLog):
			return false
		}
	}
	return inf > 0
}

func underflowDetail(got, want []float64) string {
	for i, v := range got {
		if math.IsInf(v, -1) {
			return fmt.Sprintf("row %d: yours is %s, the log density is %s; the product of the densities, e^%s, is below the smallest float64, e^%s, so it is 0 and its log is −Inf",
				i, grader.Num(v), grader.Num(want[i]), grader.Num(math.Round(want[i])), grader.Num(math.Round(logMin*10)/10))
		}
	}
	return ""
}

func logDensityChecks(t *grader.T) {
	// Row (2.5, 1004) is at the mean: log N = −½·log(2π·1.25) − ½·log(2π·5) for the Gaussian
	// of fitChecks; row (0, 1004) is 2.5 = √5 σ from the first mean: 2.5 less.
	g := &density.Gaussian{Mean: []float64{2.5, 1004}, Var: []float64{1.25, 5}}
	checkLogDensity(t, dense([]float64{2.5, 1004}, []float64{0, 1004}, []float64{4, 1000}), g, "3 rows by hand, μ = (2.5, 1004), σ² = (1.25, 5)")
	d := cancer()
	checkLogDensity(t, d.Xval, d.model(), "the 88 validation tumours, with the Gaussian of the benign training tumours")
}

func logDensityWide(t *grader.T) {
	X, g := wide(visibleWideSeed, 250)
	checkLogDensity(t, X, g, "6 rows of 250 features")
}

// ---- SelectThreshold ----

// best returns the candidate thresholds (the distinct values of logp) with the largest F1 of
// the detector flag(logp[i], ε), in increasing order, and that F1. Counts give F1 exactly.
func best(logp []float64, y []int, flag func(v, eps float64) bool) ([]float64, float64) {
	nPos := 0
	for _, v := range y {
		nPos += v
	}
	cands := slices.Clone(logp)
	slices.Sort(cands)
	cands = slices.Compact(cands)
	bn, bd := -1, 1
	var out []float64
	for _, c := range cands {
		tp, fp := 0, 0
		for i, v := range logp {
			if flag(v, c) {
				tp += y[i]
				fp += 1 - y[i]
			}
		}
		n, d := 2*tp, tp+fp+nPos
		switch {
		case n*bd > bn*d:
			bn, bd, out = n, d, []float64{c}
		case n*bd == bn*d:
			out = append(out, c)
		}
	}
	return out, float64(bn) / float64(bd)
}

func atMost(v, eps float64) bool  { return v <= eps }
func below(v, eps float64) bool   { return v < eps }
func atLeast(v, eps float64) bool { return v >= eps }
func above(v, eps float64) bool   { return v > eps }

// checkSelect calls SelectThreshold and compares it with mlkit's (see compareSelect).
func checkSelect(t *grader.T, logp []float64, y []int, what string) (float64, float64) {
	r := t.Call("SelectThreshold", logp, y)
	eps, f1 := r.Out(0).Float(), r.Out(1).Float()
	compareSelect(t, logp, y, eps, f1, what)
	return eps, f1
}

// compareSelect names a recognised mistake in the learner's ε and compares ε (exactly: it is
// one of the scores) and F1 with density.SelectThreshold.
func compareSelect(t *grader.T, logp []float64, y []int, eps, f1 float64, what string) {
	want, wantF1 := density.SelectThreshold(y, logp)
	if eps != want {
		var sus suspects
		if s, _ := best(logp, y, below); eps == s[0] {
			sus.add(true, strictThreshold,
				fmt.Sprintf("your ε = %s is the best threshold of the detector \"logp < ε\"; with \"logp ≤ ε\" the same rows are flagged by ε = %s, the score below it", grader.Num(eps), grader.Num(want)))
		}
		for _, fl := range []func(v, eps float64) bool{atLeast, above} {
			if b, _ := best(logp, y, fl); slices.Contains(b, eps) {
				sus.add(true, flagAbove,
					fmt.Sprintf("your ε = %s is the best threshold of a detector that flags the rows at or above it, the likely ones; the right ε = %s flags those at or below", grader.Num(eps), grader.Num(want)))
				break
			}
		}
		if b, _ := best(logp, y, atMost); len(b) > 1 && eps == b[len(b)-1] {
			sus.add(true, f1TiesLargest,
				fmt.Sprintf("the thresholds %s all reach the best F1, %s; yours is the largest of them, and the smallest, %s, flags the fewest rows", grader.Nums(b), grader.Num(wantF1), grader.Num(want)))
		}
		sus.name(t)
	}
	t.Label(fmt.Sprintf("ε of SelectThreshold(%s)", what))
	t.Close(eps, want, grader.Tol{})
	t.Label(fmt.Sprintf("F1 of SelectThreshold(%s)", what))
	t.Close(f1, wantF1, tolF1)
}

func selectSmall(t *grader.T) {
	// Scores −5 … −1, anomalies at −5 and −3. F1 = 2·tp/(tp + fp + 2) at ε = −5 … −1 is 2/3,
	// 2/4, 4/5, 4/6, 4/7: ε = −3, F1 = 0.8 (with "<", ε = −2 flags the same rows).
	checkSelect(t, []float64{-2, -5, -1, -3, -4}, []int{0, 1, 0, 1, 0}, "5 scores, anomalies at −5 and −3")
	// Anomalies at −6 and −3 of −6 … −1: 2/3, 2/4, 2/5, 4/6, 4/7, 4/8. −6 and −3 tie at 2/3:
	// the smallest, −6, which comes first here, so that "the last of the tied" is −3.
	checkSelect(t, []float64{-1, -6, -3, -4, -5, -2}, []int{0, 1, 1, 0, 0, 0}, "6 scores, F1 tied at −6 and −3")
	// Tied scores are flagged together: −5, −4, −3, −3 with the anomaly at −4 give 0, 2/3, 2/5.
	checkSelect(t, []float64{-3, -4, -5, -3}, []int{0, 1, 0, 0}, "4 scores, two of them tied")
}

func selectCancer(t *grader.T) {
	d := cancer()
	logp := d.model().LogDensity(nil, d.Xval)
	r := t.Call("SelectThreshold", logp, d.yval)
	eps, f1 := r.Out(0).Float(), r.Out(1).Float()
	want, _ := density.SelectThreshold(d.yval, logp)
	t.Plot("Validation log densities and the threshold", thresholdHist(logp, d.yval, eps, want))
	compareSelect(t, logp, d.yval, eps, f1, "the 88 validation tumours, 10 malignant")
	flags := density.Flag(logp, want)
	tp, fp := 0, 0
	for i, f := range flags {
		tp += f * d.yval[i]
		fp += f * (1 - d.yval[i])
	}
	t.Logf("ε = %s flags %d of the 88 validation tumours: %d of the 10 malignant ones and %d benign ones", grader.Num(want), tp+fp, tp, fp)
}

// ---- Detect ----

// checkDetect calls Detect and compares its flags with mlkit's, naming the mistakes.
func checkDetect(t *grader.T, logp []float64, eps float64, what string) {
	got := t.Call("Detect", logp, eps).Ints()
	want := density.Flag(logp, eps)
	if len(got) == len(want) && !slices.Equal(got, want) {
		flags := func(fl func(v, e float64) bool) []int {
			out := make([]int, len(logp))
			for i, v := range logp {
				if fl(v, eps) {
					out[i] = 1
				}
			}
			return out
		}
		var sus suspects
		sus.add(slices.Equal(got, flags(below)), strictThreshold,
			fmt.Sprintf("your flags are those of logp < ε: the row scoring exactly ε = %s is not flagged", grader.Num(eps)))
		sus.add(slices.Equal(got, flags(atLeast)) || slices.Equal(got, flags(above)), flagAbove,
			"your flags are those of logp ≥ ε (or > ε): the rows at or below ε are the anomalies")
		sus.name(t)
	}
	t.Label(fmt.Sprintf("Detect(%s)", what))
	t.Equal(got, want)
}

func detectChecks(t *grader.T) {
	// ε = −3 is one of the scores: −5, −3 and −3 are at most −3.
	checkDetect(t, []float64{-1, -5, -3, 0.5, -3, -2.9}, -3, "6 scores, ε = −3, two of them exactly −3")
	d := cancer()
	logp := d.model().LogDensity(nil, d.Xtest)
	eps, _ := density.SelectThreshold(d.yval, d.model().LogDensity(nil, d.Xval))
	checkDetect(t, logp, eps, "the 89 test tumours, with the validation's ε")
}

// ---- Evaluate ----

// testSet is the TestF1 the checks give Evaluate: it scores the flags against the test labels
// it keeps, and records every call. It runs in the grader; the learner's code never sees y.
type testSet struct {
	y     []int
	reads [][]int // the flags of every call, in order
}

// f1 is the callback the learner's code receives as its TestF1.
func (s *testSet) f1(flags []int) (float64, error) {
	if len(flags) != len(s.y) {
		return 0, fmt.Errorf("testF1 was given %d flags; the test set has %d rows, one flag each", len(flags), len(s.y))
	}
	tp, fp := 0, 0
	for i, f := range flags {
		if f != 0 && f != 1 {
			return 0, fmt.Errorf("testF1 was given flags[%d] = %d; a flag is 1 (anomaly) or 0", i, f)
		}
		tp += f * s.y[i]
		fp += f * (1 - s.y[i])
	}
	s.reads = append(s.reads, slices.Clone(flags))
	nPos := 0
	for _, v := range s.y {
		nPos += v
	}
	return 2 * float64(tp) / float64(tp+fp+nPos), nil
}

// evaluate calls Evaluate on the data with a fresh test set and returns the learner's ε and
// F1 and what the test set recorded.
func evaluate(t *grader.T, d *split) (eps, f1 float64, ts *testSet) {
	ts = &testSet{y: d.ytest}
	r := t.Call("Evaluate", d.Xtrain, d.ytrain, d.Xval, d.yval, d.Xtest, ts.f1)
	return r.Out(0).Float(), r.Out(1).Float(), ts
}

// compareEvaluate checks what Evaluate did: one read of the test set, the ε of a Gaussian
// fitted on the normal training rows and chosen on the validation rows, the test flags of that
// detector, and the F1 that the read returned.
func compareEvaluate(t *grader.T, d *split, ts *testSet, eps, f1 float64, what string) {
	g := d.model()
	want, _ := density.SelectThreshold(d.yval, g.LogDensity(nil, d.Xval))
	if len(ts.reads) == 0 {
		t.Fatalf("Evaluate(%s) never called testF1: flag the test rows with your ε and score the flags with testF1, once, and return the F1 it gives", what)
	}
	if len(ts.reads) > 1 {
		testLogp := g.LogDensity(nil, d.Xtest)
		onTest, _ := density.SelectThreshold(d.ytest, testLogp)
		t.Mistake(grader.Near(eps, onTest, tolLog) && !grader.Near(onTest, want, tolLog), thresholdOnTest,
			fmt.Sprintf("Evaluate(%s) called testF1 %d times, and your ε = %s is the threshold with the best F1 on the test set; the validation rows choose ε = %s",
				what, len(ts.reads), grader.Num(eps), grader.Num(want)))
		t.Fatalf("Evaluate(%s) called testF1 %d times: call it once, with the flags of the detector whose ε the validation rows chose", what, len(ts.reads))
	}
	all := density.Fit(d.Xtrain)
	wantAll, _ := density.SelectThreshold(d.yval, all.LogDensity(nil, d.Xval))
	t.Mistake(grader.Near(eps, wantAll, tolLog) && !grader.Near(wantAll, want, tolLog), fitOnAnomalies,
		fmt.Sprintf("your ε = %s is the one chosen with a Gaussian fitted on all %d training rows, the %d anomalies among them; fitted on the %d normal rows, it is %s",
			grader.Num(eps), len(d.ytrain), count(d.ytrain), len(d.ytrain)-count(d.ytrain), grader.Num(want)))
	if !grader.Near(eps, want, tolLog) {
		both := density.Fit(d.normalTrainAndVal())
		if e, _ := density.SelectThreshold(d.yval, both.LogDensity(nil, d.Xval)); grader.Near(eps, e, tolLog) {
			t.Logf("your ε is the one of a Gaussian fitted on the normal rows of the training and the validation sets. Fit on the training rows only (ytrain = 0): the validation rows are there to choose ε, and a model fitted on them finds them more likely than new rows")
		}
	}
	t.Label(fmt.Sprintf("ε of Evaluate(%s)", what))
	t.Close(eps, want, tolLog)
	wantFlags := density.Flag(g.LogDensity(nil, d.Xtest), want)
	var diff []int
	for i, f := range ts.reads[0] {
		if f != wantFlags[i] {
			diff = append(diff, i)
		}
	}
	t.True(len(diff) == 0, "the flags Evaluate(%s) gave testF1 differ from the reference's on %d of the %d test rows (rows %v): flag the test rows whose log density, under the Gaussian of the normal training rows, is ≤ ε",
		what, len(diff), len(wantFlags), diff[:min(len(diff), 8)])
	t.Label(fmt.Sprintf("the F1 Evaluate(%s) returned, which testF1 gave it", what))
	wantF1, _ := ts.f1(ts.reads[0])
	t.Close(f1, wantF1, grader.Tol{})
}

// count returns the number of ones in y.
func count(y []int) int {
	n := 0
	for _, v := range y {
		n += v
	}
	return n
}

func evaluateCancer(t *grader.T) {
	d := cancer()
	eps, f1, ts := evaluate(t, d)
	if len(ts.reads) > 0 {
		t.Plot("Test tumours flagged", flaggedScatter(d, ts.reads[len(ts.reads)-1]))
	}
	compareEvaluate(t, d, ts, eps, f1, "breast cancer")
	t.Logf("testF1 scored your detector's flags on the test set: F1 = %s", grader.Num(math.Round(f1*1000)/1000))
}

func notMutated(t *grader.T) {
	d := cancer()
	g := d.model()
	logp := g.LogDensity(nil, d.Xval)
	t.NotMutated("Fit", d.Xtrain)
	t.NotMutated("LogDensity", d.Xval, g.Mean, g.Var)
	t.NotMutated("SelectThreshold", logp, d.yval)
	t.NotMutated("Detect", logp, -10.0)
	ts := &testSet{y: d.ytest}
	t.NotMutated("Evaluate", d.Xtrain, d.ytrain, d.Xval, d.yval, d.Xtest, ts.f1)
}
