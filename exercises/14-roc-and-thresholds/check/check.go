// Package check grades exercise 14, roc-and-thresholds: the ROC curve, its AUC, the
// precision-recall curve, the threshold for a target recall and the threshold of best F1, on a
// hand-computed example with ties, on seeded synthetic scores with 5 % positives and many ties,
// and on real scores (a cross-validated logistic regression on breast cancer, the malignant
// tumours subsampled to 5 %).
//
// Expected values come from mlkit/metrics: ThresholdCounts (the counts of every threshold, from
// which the ROC curve is built), ROCAUC, PrecisionRecallCurve (reversed, without scikit-learn's
// last point), ThresholdForRecall and BestF1Threshold. The mistakes are recognised by
// recomputing what each gives from the same counts: the ranking reversed (the counts of the
// negated scores), "score > t" (each point with the counts of the one before), a curve without
// its start, a point per example instead of per distinct score, an AUC that gives tied pairs 0
// or 1 instead of ½, "recall > target", and the threshold of best accuracy or the lowest of the
// thresholds tied for the best F1. A result that two explanations fit names neither (see
// suspects): 1 − AUC is also the area of a curve with its axes swapped, and a threshold one
// score too low is also an index one too far, so those get a note instead of a name.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "roc-and-thresholds",
		Title: "ROC and precision-recall curves, AUC, and choosing a threshold on imbalanced data",
		Dir:   "exercises/14-roc-and-thresholds",
		Functions: []grader.Func{
			{Name: "ROC", Signature: "func(y []int, scores []float64) (fpr, tpr, thresholds []float64)"},
			{Name: "AUC", Signature: "func(y []int, scores []float64) float64"},
			{Name: "PRCurve", Signature: "func(y []int, scores []float64) (precision, recall, thresholds []float64)"},
			{Name: "ThresholdForRecall", Signature: "func(y []int, scores []float64, target float64) float64"},
			{Name: "BestF1Threshold", Signature: "func(y []int, scores []float64) (threshold, f1 float64)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/metrics/...",
			"gonum.org/v1/gonum/stat/...",
		},
		Checks: append([]grader.Check{
			{Name: "ROC of the worked example: ties move the curve diagonally", Points: 1, Run: rocSmall},
			{Name: "AUC of the worked example: ties count ½", Points: 1, Run: aucSmall},
			{Name: "ROC on imbalanced data: 400 scores with ties (5 % positive) and breast cancer", Points: 2, Run: rocImbalanced},
			{Name: "AUC on the imbalanced scores and on breast cancer", Points: 1, Run: aucImbalanced},
			{Name: "PRCurve of the worked example, the imbalanced scores and breast cancer", Points: 2, Run: prCurves},
			{Name: "ThresholdForRecall: the worked example and recall targets on breast cancer", Points: 2, Run: forRecall},
			{Name: "BestF1Threshold: ties go to the highest threshold", Points: 1, Run: f1Ties},
			{Name: "BestF1Threshold on imbalanced data: F1, not accuracy", Points: 2, Run: f1Imbalanced},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Everything here comes from one table: for each distinct score t, from the highest down, the number of positives TP(t) and of negatives FP(t) scoring at least t. Sort the indices of the examples by score, highest first (leave the inputs alone), and walk through them keeping running counts.",
			"Tied scores are one threshold: keep counting while the next score equals the current one, and write the point only after the last of them, so a tie of positives and negatives moves the ROC curve diagonally. The ROC curve starts at (0, 0) with threshold +Inf; then FPR = FP/n₋ and TPR = TP/n₊ at each threshold. The AUC adds trapezoids, (x₁ − x₀)·(y₁ + y₀)/2, which gives a tie its ½.",
			"for k := 0; k < n; { t := scores[order[k]]; for k < n && scores[order[k]] == t { tp += y[order[k]]; fp += 1 − y[order[k]]; k++ }; append t, tp, fp }. ThresholdForRecall: the first (highest) t with float64(tp)/float64(nPos) >= target. BestF1Threshold: f1 := 2·tp/(2·tp + fp + (nPos − tp)); keep it only if f1 > best (strictly), so ties keep the higher threshold.",
		},
		Mistakes: []grader.Mistake{
			{ID: ascending, Hint: "Rank the scores from the highest down: a threshold t predicts positive everything scoring ≥ t, so the first point after (0, 0) holds the top-scored examples. Sorting ascending walks the curve of the reversed ranking, whose AUC is 1 minus the right one."},
			{ID: tiesNotGrouped, Hint: "Examples with equal scores are one threshold: at t they are all predicted positive or all negative. Count all of them before writing the point (keep going while the next score equals the current one), so there is one point per distinct score and a tie of positives and negatives moves the ROC curve diagonally."},
			{ID: tiesNotHalved, Hint: "A positive and a negative with the same score are a tie, worth ½ in the AUC. Rectangles under the curve (Δx·y₀ or Δx·y₁) give a tie 0 or 1; trapezoids, Δx·(y₀ + y₁)/2 over the grouped curve, give it ½. If you count pairs, add 1 for each positive scoring above a negative and ½ for each equal pair."},
			{ID: noStartPoint, Hint: "The ROC curve starts at (0, 0), the threshold +Inf (math.Inf(1)) above every score at which nothing is predicted positive: put that point first, then one point per distinct score."},
			{ID: strictThreshold, Hint: "A threshold t predicts positive every example with score ≥ t, not > t: the threshold equal to a score includes that score's examples. Add an example to the counts before writing the point of its score."},
			{ID: strictRecall, Hint: "The threshold must reach the target recall, recall ≥ target, not exceed it: with 4 positives, a target of 0.75 is met by 3 of them. Compare float64(tp)/float64(nPos) >= target."},
			{ID: accuracyThreshold, Hint: "You picked the threshold by accuracy. On imbalanced data accuracy is dominated by the true negatives: flagging almost nothing is already 95 % accurate with 5 % positives, so its best threshold finds almost no positive. Maximise F1 = 2·TP/(2·TP + FP + FN), which ignores the true negatives."},
			{ID: f1TiesLowest, Hint: "When several thresholds reach the same best F1, return the highest of them: going down from the highest threshold, replace the best only when F1 is strictly greater (>, not >=), and compute F1 from the counts, 2·tp/(2·tp + fp + fn), so that equal values compare equal."},
		},
	}
}

// The mistakes the checks recognise.
const (
	ascending         = "ascending"
	tiesNotGrouped    = "ties-not-grouped"
	tiesNotHalved     = "ties-not-halved"
	noStartPoint      = "no-start-point"
	strictThreshold   = "strict-threshold"
	strictRecall      = "strict-recall"
	accuracyThreshold = "accuracy-threshold"
	f1TiesLowest      = "f1-ties-lowest"
)

var (
	// tolRate is for rates, the AUC and F1: quotients of counts, and a sum of at most a few
	// hundred trapezoids, so only rounding differs.
	tolRate = grader.Abs(1e-12)
	// exact is for thresholds: they are input scores, copied.
	exact = grader.Tol{}
)

// The worked example of the README, in another order. Sorted by score it is 0.9 (1), 0.8 (0),
// 0.8 (1), 0.6 (1), 0.6 (0), 0.4 (0), 0.3 (1), 0.1 (0): n₊ = n₋ = 4 and, from the highest
// distinct score down, TP = 1 2 3 3 4 4 and FP = 0 1 2 3 3 4. So FPR = 0 0 .25 .5 .75 .75 1 and
// TPR = 0 .25 .5 .75 .75 1 1 with the start at +Inf; the AUC is 11/16 (10 pairs won, 2 tied:
// with ties counted 0 it would be 10/16, with 1 12/16, sorted ascending 5/16); precision is
// 1 2/3 3/5 1/2 4/7 1/2; recall ≥ 0.5 needs 0.8, ≥ 0.75 needs 0.6, 1 needs 0.3; F1 = 2·TP/(TP +
// FP + 4) is 2/5 4/7 6/9 6/10 8/11 8/12, best 8/11 at 0.3.
var (
	smallY      = []int{0, 0, 1, 1, 1, 1, 0, 0}
	smallScores = []float64{0.6, 0.1, 0.8, 0.3, 0.9, 0.6, 0.4, 0.8}
)

// table holds the counts of "positive when score ≥ t" at each distinct score t, from the
// highest: what every answer of the exercise is made of. A mistake's table is the one its
// curves come from.
type table struct {
	thr        []float64
	tp, fp     []int
	nPos, nNeg int
}

// reference returns the right table, from mlkit.
func reference(y []int, s []float64) table {
	thr, tp, fp := metrics.ThresholdCounts(y, s)
	return table{thr: thr, tp: tp, fp: fp, nPos: tp[len(tp)-1], nNeg: fp[len(fp)-1]}
}

// reversed returns the table of a learner who sorted the scores ascending: the thresholds from
// the lowest up, each counting the examples that score at most that much (the table of the
// negated scores).
func reversed(y []int, s []float64) table {
	neg := make([]float64, len(s))
	for i, v := range s {
		neg[i] = -v
	}
	tb := reference(y, neg)
	for i := range tb.thr {
		tb.thr[i] = -tb.thr[i]
	}
	return tb
}

// strict returns the table of "positive when score > t": each threshold has the counts of the
// one above it, and the highest has none.
func (tb table) strict() table {
	s := table{thr: tb.thr, tp: make([]int, len(tb.tp)), fp: make([]int, len(tb.fp)), nPos: tb.nPos, nNeg: tb.nNeg}
	copy(s.tp[1:], tb.tp)
	copy(s.fp[1:], tb.fp)
	return s
}

// roc returns the ROC curve of the table, starting at (0, 0) with threshold +Inf.
func (tb table) roc() (fpr, tpr, thr []float64) {
	fpr, tpr, thr = []float64{0}, []float64{0}, []float64{math.Inf(1)}
	for i, t := range tb.thr {
		fpr = append(fpr, float64(tb.fp[i])/float64(tb.nNeg))
		tpr = append(tpr, float64(tb.tp[i])/float64(tb.nPos))
		thr = append(thr, t)
	}
	return fpr, tpr, thr
}

// pr returns the precision-recall curve of the table (precision is NaN where nothing is
// predicted positive, which only a mistake's table has).
func (tb table) pr() (precision, recall []float64) {
	for i := range tb.thr {
		precision = append(precision, float64(tb.tp[i])/float64(tb.tp[i]+tb.fp[i]))
		recall = append(recall, float64(tb.tp[i])/float64(tb.nPos))
	}
	return precision, recall
}

// forRecall returns the first threshold of the table whose recall is at least target (more
// than target if strictly), and false if none is.
func (tb table) forRecall(target float64, strictly bool) (float64, bool) {
	for i, t := range tb.thr {
		r := float64(tb.tp[i]) / float64(tb.nPos)
		if r > target || !strictly && r == target {
			return t, true
		}
	}
	return 0, false
}

// f1 returns the F1 of threshold i as the fraction 2·tp/(tp + fp + n₊).
func (tb table) f1(i int) (num, den int) {
	return 2 * tb.tp[i], tb.tp[i] + tb.fp[i] + tb.nPos
}

// bestF1 returns the thresholds with the largest F1, in table order, and that F1; the
// fractions are compared exactly.
func (tb table) bestF1() ([]float64, float64) {
	bn, bd := -1, 1
	var best []float64
	for i, t := range tb.thr {
		n, d := tb.f1(i)
		switch {
		case n*bd > bn*d:
			bn, bd, best = n, d, []float64{t}
		case n*bd == bn*d:
			best = append(best, t)
		}
	}
	return best, float64(bn) / float64(bd)
}

// accuracy returns the accuracy of threshold i.
func (tb table) accuracy(i int) float64 {
	return float64(tb.tp[i]+tb.nNeg-tb.fp[i]) / float64(tb.nPos+tb.nNeg)
}

// bestAccuracy returns the thresholds with the largest accuracy and their index and accuracy.
func (tb table) bestAccuracy() (thr []float64, first int, acc float64) {
	best := -1
	for i, t := range tb.thr {
		a := tb.tp[i] + tb.nNeg - tb.fp[i]
		switch {
		case a > best:
			best, thr, first = a, []float64{t}, i
		case a == best:
			thr = append(thr, t)
		}
	}
	return thr, first, tb.accuracy(first)
}

// index returns the position of threshold t in the table, or −1.
func (tb table) index(t float64) int {
	return slices.Index(tb.thr, t)
}

// pairs returns the number of positive–negative pairs whose positive scores higher (won) and
// the number of tied pairs: AUC = (won + tied/2)/(n₊·n₋).
func (tb table) pairs() (won, tied int) {
	var tp0, fp0 int
	for i := range tb.thr {
		dp, dn := tb.tp[i]-tp0, tb.fp[i]-fp0
		won += dp * (tb.nNeg - tb.fp[i])
		tied += dp * dn
		tp0, fp0 = tb.tp[i], tb.fp[i]
	}
	return won, tied
}

// trapezoids returns the trapezoidal area under the curve (x, y).
func trapezoids(x, y []float64) float64 {
	a := 0.0
	for i := 1; i < len(x); i++ {
		a += (x[i] - x[i-1]) * (y[i] + y[i-1]) / 2
	}
	return a
}

// sortedDesc returns the scores from the highest to the lowest, repeats included: the
// thresholds of a curve with a point per example.
func sortedDesc(s []float64) []float64 {
	d := slices.Clone(s)
	slices.Sort(d)
	slices.Reverse(d)
	return d
}

// perExample reports whether a curve has a point per example where it should have one per
// distinct score: its thresholds (from index off on) are all the scores in decreasing order,
// repeats included, and at the last example of each run of tied scores it passes through the
// right point, at(i) giving the learner's point and want(g) the right one of threshold g.
func perExample(tb table, s, thr []float64, off int, at func(i int) [2]float64, want func(g int) [2]float64) bool {
	n := len(s)
	if len(tb.thr) == n || len(thr) != n+off || !slices.Equal(thr[off:], sortedDesc(s)) {
		return false
	}
	for g := range tb.thr {
		e := off + tb.tp[g] + tb.fp[g] - 1 // the point of the last example scoring tb.thr[g]
		p, w := at(e), want(g)
		if !grader.Near(p[0], w[0], tolRate) || !grader.Near(p[1], w[1], tolRate) {
			return false
		}
	}
	return true
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
// cannot be told apart, and a wrong name would mislead. A suspect without an ID is another
// explanation of the same result, not in the catalogue: alone, its detail is a note.
func (s suspects) name(t *grader.T) {
	switch {
	case len(s) != 1:
	case s[0].id == "":
		t.Logf("%s", s[0].detail)
	default:
		t.Mistake(true, s[0].id, s[0].detail)
	}
}

// describe says how many examples, positives and distinct scores data has.
func describe(tb table) string {
	return fmt.Sprintf("%d examples, %d positive, %d distinct scores", tb.nPos+tb.nNeg, tb.nPos, len(tb.thr))
}

// curve is what ROC or PRCurve returned: x and y (fpr and tpr, or precision and recall) and the
// thresholds.
type curve struct{ x, y, thr []float64 }

// call calls fn (ROC or PRCurve) on the data.
func call(t *grader.T, fn string, y []int, s []float64) curve {
	r := t.Call(fn, y, s)
	return curve{r.Floats(), r.Out(1).Floats(), r.Out(2).Floats()}
}

// checkROC calls ROC on the data and compares it with the reference (see compareROC).
func checkROC(t *grader.T, y []int, s []float64, what string) {
	compareROC(t, y, s, call(t, "ROC", y, s), what)
}

// compareROC names a recognised mistake in the learner's ROC curve c of the data and compares
// it with the reference.
func compareROC(t *grader.T, y []int, s []float64, c curve, what string) {
	t.Label("ROC(" + what + ")")
	fpr, tpr, thr := c.x, c.y, c.thr
	tb := reference(y, s)
	wfpr, wtpr, wthr := tb.roc()
	same := func(xs, ys, ws, wt []float64) bool {
		return grader.NearSlice(xs, ws, tolRate) && grader.NearSlice(ys, wt, tolRate)
	}
	if !same(fpr, tpr, wfpr, wtpr) || !grader.NearSlice(thr, wthr, exact) {
		var sus suspects
		rfpr, rtpr, _ := reversed(y, s).roc()
		sus.add(same(fpr, tpr, rfpr, rtpr), ascending,
			"your curve is the ROC of the scores ranked from the lowest up: its first points are the lowest-scored examples")
		sus.add(same(fpr, tpr, wtpr, wfpr), "",
			"your false- and true-positive rates are swapped: fpr = FP/n₋ (the negatives flagged) is the first result, tpr = TP/n₊ the second")
		sus.add(len(fpr) > 0 && same(fpr, tpr, wfpr[1:], wtpr[1:]), noStartPoint,
			fmt.Sprintf("your curve starts at (%s, %s), the first score's point: (0, 0) at threshold +Inf is missing", grader.Num(wfpr[1]), grader.Num(wtpr[1])))
		sfpr, stpr, _ := tb.strict().roc()
		sus.add(same(fpr, tpr, sfpr, stpr) && grader.NearSlice(thr, wthr, exact), strictThreshold,
			fmt.Sprintf("at each threshold your counts leave out the examples scoring exactly that much: (0, 0) comes twice and the curve stops at (%s, %s), short of (1, 1)", grader.Num(sfpr[len(sfpr)-1]), grader.Num(stpr[len(stpr)-1])))
		if len(fpr) == len(thr) && len(tpr) == len(thr) {
			sus.add(perExample(tb, s, thr, 1, func(i int) [2]float64 { return [2]float64{fpr[i], tpr[i]} },
				func(g int) [2]float64 { return [2]float64{wfpr[g+1], wtpr[g+1]} }), tiesNotGrouped,
				fmt.Sprintf("your curve has %d points, one per example after the start, for %d distinct scores: each run of tied scores moves it in single steps up or across instead of one diagonal step", len(fpr), len(tb.thr)))
		}
		sus.name(t)
	}
	if len(thr) > 0 && !math.IsInf(thr[0], 1) && len(thr) == len(wthr) && grader.NearSlice(thr[1:], wthr[1:], exact) {
		msg := fmt.Sprintf("thresholds[0] is %s: the start point's threshold is +Inf (math.Inf(1)), above every score", grader.Num(thr[0]))
		if thr[0] == wthr[1]+1 {
			msg += " (max(score) + 1 is what scikit-learn used before version 1.3)"
		}
		t.Logf("%s", msg)
	}
	t.Label(fmt.Sprintf("the thresholds of ROC(%s; %s)", what, describe(tb)))
	if !t.True(len(thr) == len(wthr), "%s: %d thresholds, want %d: +Inf first, then each distinct score once, from the highest to the lowest", "the thresholds of ROC("+what+")", len(thr), len(wthr)) {
		return
	}
	t.CloseSlice(thr, wthr, exact)
	t.Label(fmt.Sprintf("the false-positive rates of ROC(%s)", what))
	t.CloseSlice(fpr, wfpr, tolRate)
	t.Label(fmt.Sprintf("the true-positive rates of ROC(%s)", what))
	t.CloseSlice(tpr, wtpr, tolRate)
}

// checkAUC calls AUC on the data, names a recognised mistake and compares with the reference.
func checkAUC(t *grader.T, y []int, s []float64, what string) {
	got := t.Call("AUC", y, s).Float()
	want := metrics.ROCAUC(y, s)
	if !grader.Near(got, want, tolRate) {
		var sus suspects
		tb := reference(y, s)
		won, tied := tb.pairs()
		pairs := tb.nPos * tb.nNeg
		// 1 − AUC is also the area of the curve with its axes swapped, so it names nothing.
		sus.add(grader.Near(got, 1-want, tolRate), "",
			fmt.Sprintf("your AUC %s is 1 − %s: the area under the curve of the scores ranked from the lowest up (sorted ascending), or to the left of the curve (FPR and TPR swapped)", grader.Num(got), grader.Num(want)))
		fpr, tpr, _ := tb.roc()
		first := trapezoids(fpr[:2], tpr[:2])
		sus.add(first > 0 && grader.Near(got, want-first, tolRate), noStartPoint,
			fmt.Sprintf("your AUC %s misses the trapezoid %s from (0, 0) to the first point (%s, %s), a run of tied top scores", grader.Num(got), grader.Num(first), grader.Num(fpr[1]), grader.Num(tpr[1])))
		sfpr, stpr, _ := tb.strict().roc()
		sus.add(grader.Near(got, trapezoids(sfpr, stpr), tolRate), strictThreshold,
			fmt.Sprintf("your AUC %s is the area under the curve of \"score > t\", which stops short of (1, 1): the last trapezoid is missing", grader.Num(got)))
		// k = the tied pairs counted as won: 0 or all of them, or something in between when a
		// curve with a point per example crosses each tie in the order the sort left it.
		// Only data with pairs won and pairs lost tell a tie counted 0 or 1 from an AUC of 0 or
		// 1 (or one doubled from a diagonal).
		k := got*float64(pairs) - float64(won)
		whole := tied > 0 && won > 0 && won+tied < pairs && math.Abs(k-math.Round(k)) < 1e-6
		credit := "1"
		if math.Round(k) == 0 {
			credit = "0"
		}
		sus.add(whole && (math.Round(k) == 0 || math.Round(k) == float64(tied)), tiesNotHalved,
			fmt.Sprintf("your AUC %s = %s/%d counts the %d tied positive–negative pairs as %s each, not ½ (the right AUC %s = (%d + %d/2)/%d)",
				grader.Num(got), grader.Num(math.Round(got*float64(pairs))), pairs, tied, credit, grader.Num(want), won, tied, pairs))
		sus.add(whole && k > 0.5 && k < float64(tied)-0.5, tiesNotGrouped,
			fmt.Sprintf("your AUC %s counts %s of the %d tied positive–negative pairs as won and the rest as lost, as a curve with a point per example does, instead of ½ each (the right AUC is %s)", grader.Num(got), grader.Num(math.Round(k)), tied, grader.Num(want)))
		sus.name(t)
		if grader.Near(got, 2*want, tolRate) {
			t.Logf("your AUC is twice the right one: a trapezoid's area is its width times the mean of its two heights, (x₁ − x₀)·(y₁ + y₀)/2")
		}
	}
	t.Label(fmt.Sprintf("AUC(%s)", what))
	t.Close(got, want, tolRate)
}

// refPR returns the reference precision-recall curve, highest threshold first: mlkit's
// (scikit-learn's layout) reversed, without its last point (recall 0, precision 1).
func refPR(y []int, s []float64) (precision, recall, thr []float64) {
	p, r, th := metrics.PrecisionRecallCurve(y, s)
	p, r = p[:len(p)-1], r[:len(r)-1]
	slices.Reverse(p)
	slices.Reverse(r)
	slices.Reverse(th)
	return p, r, th
}

// checkPR calls PRCurve on the data and compares it with the reference (see comparePR).
func checkPR(t *grader.T, y []int, s []float64, what string) {
	comparePR(t, y, s, call(t, "PRCurve", y, s), what)
}

// comparePR names a recognised mistake in the learner's precision-recall curve c of the data
// and compares it with the reference.
func comparePR(t *grader.T, y []int, s []float64, c curve, what string) {
	t.Label("PRCurve(" + what + ")")
	precision, recall, thr := c.x, c.y, c.thr
	wp, wr, wthr := refPR(y, s)
	tb := reference(y, s)
	if !grader.NearSlice(precision, wp, tolRate) || !grader.NearSlice(recall, wr, tolRate) || !grader.NearSlice(thr, wthr, exact) {
		var sus suspects
		rp, rr := reversed(y, s).pr()
		sus.add(grader.NearSlice(precision, rp, tolRate) && grader.NearSlice(recall, rr, tolRate), ascending,
			"your curve is that of the scores ranked from the lowest up: its first point holds the lowest-scored example")
		_, sr := tb.strict().pr()
		sus.add(grader.NearSlice(recall, sr, tolRate) && grader.NearSlice(thr, wthr, exact), strictThreshold,
			fmt.Sprintf("your recall at each threshold is the right one of the threshold above it (it starts at 0 and ends at %s, not 1): the examples scoring exactly t are left out", grader.Num(sr[len(sr)-1])))
		if len(precision) == len(thr) && len(recall) == len(thr) {
			sus.add(perExample(tb, s, thr, 0, func(i int) [2]float64 { return [2]float64{precision[i], recall[i]} },
				func(g int) [2]float64 { return [2]float64{wp[g], wr[g]} }), tiesNotGrouped,
				fmt.Sprintf("your curve has %d points, one per example, for %d distinct scores", len(thr), len(tb.thr)))
		}
		sus.name(t)
		if n := len(wthr); len(precision) == n+1 && len(recall) == n+1 && recall[n] == 0 && precision[n] == 1 {
			t.Fatalf("PRCurve(%s) returned %d points ending with (recall 0, precision 1): that is scikit-learn's layout. Here the curve has one point per distinct score (%d), from the highest threshold to the lowest, and no extra point", what, n+1, n)
		}
	}
	t.Label(fmt.Sprintf("the thresholds of PRCurve(%s; %s)", what, describe(tb)))
	if !t.True(len(thr) == len(wthr), "%s: %d thresholds, want %d: each distinct score once, from the highest to the lowest", "the thresholds of PRCurve("+what+")", len(thr), len(wthr)) {
		return
	}
	t.CloseSlice(thr, wthr, exact)
	t.Label(fmt.Sprintf("the precisions of PRCurve(%s)", what))
	t.CloseSlice(precision, wp, tolRate)
	t.Label(fmt.Sprintf("the recalls of PRCurve(%s)", what))
	t.CloseSlice(recall, wr, tolRate)
}

// checkForRecall calls ThresholdForRecall for each target, names a recognised mistake and
// compares with the reference; it notes what the threshold costs when note is set.
//
// A mistake is named only when the learner's thresholds equal the mistake's for every target
// (where the mistake gives one) and differ from the right ones for at least two targets: one
// wrong threshold alone could come from many mistakes (a recall divided by n, not n₊, that
// never reaches the target and falls back to the lowest score, say).
func checkForRecall(t *grader.T, y []int, s []float64, targets []float64, what string, note bool) {
	tb := reference(y, s)
	got := make([]float64, len(targets))
	for k, target := range targets {
		got[k] = t.Call("ThresholdForRecall", y, s, target).Float()
	}
	want := make([]float64, len(targets))
	for k, target := range targets {
		want[k], _, _ = metrics.ThresholdForRecall(y, s, target)
	}
	if !slices.Equal(got, want) {
		// mistaken reports whether rule gives the learner's thresholds and at least two wrong
		// ones; the detail describes the first target it gets wrong.
		rev, st := reversed(y, s), tb.strict()
		mistaken := func(rule func(target float64) (float64, bool)) (bool, int) {
			wrong, first := 0, -1
			for k, target := range targets {
				v, ok := rule(target)
				if ok && v != got[k] {
					return false, -1
				}
				if ok && v != want[k] {
					wrong++
					if first < 0 {
						first = k
					}
				}
			}
			return wrong >= 2, first
		}
		var sus suspects
		if ok, k := mistaken(func(x float64) (float64, bool) { return rev.forRecall(x, false) }); ok {
			sus.add(true, ascending,
				fmt.Sprintf("for the target %s your threshold %s is where the scores ranked from the lowest up reach it: the right one, %s, counts from the highest score down", grader.Num(targets[k]), grader.Num(got[k]), grader.Num(want[k])))
		}
		if ok, k := mistaken(func(x float64) (float64, bool) { return st.forRecall(x, false) }); ok {
			// "score > t" gives the next lower score each time, as an index one too far does:
			// a note, not a name.
			sus.add(true, "",
				fmt.Sprintf("for the target %s your threshold %s is the next score below the right one, %s: is the threshold itself included (score ≥ t), and do you return the threshold where the recall is reached?", grader.Num(targets[k]), grader.Num(got[k]), grader.Num(want[k])))
		}
		if ok, k := mistaken(func(x float64) (float64, bool) { return tb.forRecall(x, true) }); ok {
			i := tb.index(want[k])
			sus.add(true, strictRecall,
				fmt.Sprintf("for the target %s your threshold %s has a recall above it; the right one, %s, has recall %d/%d, exactly the target", grader.Num(targets[k]), grader.Num(got[k]), grader.Num(want[k]), tb.tp[i], tb.nPos))
		}
		sus.name(t)
		lowest := tb.thr[len(tb.thr)-1]
		if len(targets) > 1 && !slices.ContainsFunc(got, func(v float64) bool { return v != lowest }) {
			t.Logf("your threshold is the lowest score, %s, for every target: it flags everything. Look for the highest threshold that reaches the target, going down from the highest score and stopping at the first that does", grader.Num(lowest))
		}
	}
	for k, target := range targets {
		t.Label(fmt.Sprintf("ThresholdForRecall(%s, target %s)", what, grader.Num(target)))
		if t.Close(got[k], want[k], exact) && note {
			i := tb.index(want[k])
			t.Logf("a recall of at least %s on %s needs score ≥ %s: it flags %d examples, %d of the %d positives, with precision %s (%d false alarms)",
				short(target), what, grader.Num(want[k]), tb.tp[i]+tb.fp[i], tb.tp[i], tb.nPos, short(float64(tb.tp[i])/float64(tb.tp[i]+tb.fp[i])), tb.fp[i])
		}
	}
}

// checkBestF1 calls BestF1Threshold on the data and compares it with the reference (see
// compareBestF1).
func checkBestF1(t *grader.T, y []int, s []float64, what string) {
	r := t.Call("BestF1Threshold", y, s)
	compareBestF1(t, y, s, r.Float(), r.Out(1).Float(), what)
}

// compareBestF1 names a recognised mistake in the threshold and F1 that BestF1Threshold
// returned for the data and compares them with the reference.
func compareBestF1(t *grader.T, y []int, s []float64, got, gotF1 float64, what string) {
	t.Label("BestF1Threshold(" + what + ")")
	want, wantF1 := metrics.BestF1Threshold(y, s)
	tb := reference(y, s)
	if got != want {
		var sus suspects
		rb, _ := reversed(y, s).bestF1()
		sus.add(got == rb[0], ascending,
			fmt.Sprintf("your threshold %s is the best of the scores ranked from the lowest up (\"positive when score ≤ t\"); the right one is %s", grader.Num(got), grader.Num(want)))
		sb, _ := tb.strict().bestF1()
		// As in checkForRecall, "score > t" and an index one too far give the same threshold.
		sus.add(got == sb[0], "",
			fmt.Sprintf("your threshold %s is the next score below the right one, %s: is the threshold itself included (score ≥ t), and do you return the threshold of the best F1?", grader.Num(got), grader.Num(want)))
		best, _ := tb.bestF1()
		accs, _, acc := tb.bestAccuracy()
		if slices.Contains(accs, got) {
			i, w := tb.index(got), tb.index(want)
			sus.add(true, accuracyThreshold,
				fmt.Sprintf("your threshold %s has the best accuracy, %s, but flags %d examples and finds only %d of the %d positives (recall %s, F1 %s); always answering \"negative\" would score %s. The best F1, %s, is at %s, which finds %d of them with %d false alarms",
					grader.Num(got), short(acc), tb.tp[i]+tb.fp[i], tb.tp[i], tb.nPos, short(float64(tb.tp[i])/float64(tb.nPos)), short(fracF1(tb, i)),
					short(float64(tb.nNeg)/float64(tb.nPos+tb.nNeg)), short(wantF1), grader.Num(want), tb.tp[w], tb.fp[w]))
		}
		sus.add(len(best) > 1 && got == best[len(best)-1], f1TiesLowest,
			fmt.Sprintf("the thresholds %s all reach the best F1, %s, and yours is the lowest of them; the highest, %s, flags the fewest examples", grader.Nums(best), grader.Num(wantF1), grader.Num(want)))
		if g := tb.index(got); g >= 0 && partialF1(tb, g, gotF1) {
			sus.add(true, tiesNotGrouped,
				fmt.Sprintf("your F1 %s is reached part-way through the examples tied at %s, which a threshold cannot do: at %s all of them are positive, and F1 is %s", grader.Num(gotF1), grader.Num(got), grader.Num(got), grader.Num(fracF1(tb, g))))
		}
		sus.name(t)
	}
	t.Label(fmt.Sprintf("the threshold of BestF1Threshold(%s; %s)", what, describe(tb)))
	t.Close(got, want, exact)
	t.Label(fmt.Sprintf("the F1 of BestF1Threshold(%s)", what))
	t.Close(gotF1, wantF1, tolRate)
}

// short formats a rate for a note, to 3 decimals.
func short(x float64) string { return grader.Num(math.Round(x*1000) / 1000) }

// fracF1 returns the F1 of threshold i as a float64.
func fracF1(tb table, i int) float64 {
	n, d := tb.f1(i)
	return float64(n) / float64(d)
}

// partialF1 reports whether f1 is the F1 of a point part-way through the examples tied at
// threshold g, and not the F1 of the threshold itself: what a curve with a point per example
// offers.
func partialF1(tb table, g int, f1 float64) bool {
	if grader.Near(f1, fracF1(tb, g), tolRate) {
		return false
	}
	tp0, fp0 := 0, 0
	if g > 0 {
		tp0, fp0 = tb.tp[g-1], tb.fp[g-1]
	}
	for a := tp0; a <= tb.tp[g]; a++ {
		for b := fp0; b <= tb.fp[g]; b++ {
			if a+b > tp0+fp0 && grader.Near(f1, float64(2*a)/float64(a+b+tb.nPos), tolRate) {
				return true
			}
		}
	}
	return false
}

// imbalanced returns n labelled scores, nPos of them positive, in a random order. The logit of
// a negative is drawn from N(−2, 1) and that of a positive from N(−2 + sep, 1); the scores are
// the sigmoid of the logits (or the logits themselves if logits is set, which may be negative)
// rounded to the given number of decimals, so that many of them tie, as the stored outputs of a
// model often do. Synthetic data is what makes the ties and the imbalance exact.
func imbalanced(rng *rand.Rand, n, nPos int, sep float64, decimals int, logits bool) ([]int, []float64) {
	y := make([]int, n)
	s := make([]float64, n)
	scale := math.Pow(10, float64(decimals))
	for k, i := range rng.Perm(n) {
		z := -2 + rng.NormFloat64()
		if k < nPos {
			y[i] = 1
			z += sep
		}
		if !logits {
			z = 1 / (1 + math.Exp(-z))
		}
		s[i] = math.Round(z*scale) / scale
	}
	return y, s
}

// visibleImbalanced returns the visible synthetic data: 20 positives among 400, two decimals.
func visibleImbalanced() ([]int, []float64) {
	return imbalanced(rand.New(rand.NewPCG(2026, 14)), 400, 20, 1.5, 2, false)
}

// cancerScores returns the malignancy score of every breast cancer tumour and its label
// (1 = malignant): the probability of a logistic regression (mlkit's linear.Logistic, C = 1) on
// four standardised measurements, texture, smoothness, symmetry and fractal dimension (a
// modest model: the classes overlap), each tumour scored by the model of the one of 5
// stratified folds that left it out.
func cancerScores() ([]int, []float64, error) {
	bc := datasets.BreastCancer()
	labels := bc.Labels()
	y := make([]int, len(labels))
	for i, l := range labels {
		y[i] = 1 - l // scikit-learn's coding has 1 = benign
	}
	cols := []int{1, 4, 8, 9} // mean texture, smoothness, symmetry, fractal dimension
	X := data.TakeRows(bc.X.T(), cols).T()
	folds, err := data.StratifiedKFold(y, 5, data.FoldOptions{Shuffle: true, Seed: 14})
	if err != nil {
		return nil, nil, err
	}
	s := make([]float64, len(y))
	for _, f := range folds {
		var sc preprocess.StandardScaler
		var m linear.Logistic
		if err := m.Fit(sc.FitTransform(nil, data.TakeRows(X, f.Train)), data.Take(y, f.Train)); err != nil {
			return nil, nil, err
		}
		p := m.PredictProba(nil, sc.Transform(nil, data.TakeRows(X, f.Test)))
		for k, i := range f.Test {
			s[i] = p[k]
		}
	}
	return y, s, nil
}

// rareCancer returns every benign tumour and nMalignant malignant ones chosen by rng, in the
// data set's order: malignant tumours are 37 % of the data set but a few percent in screening.
func rareCancer(rng *rand.Rand, nMalignant int) ([]int, []float64, error) {
	y, s, err := cancerScores()
	if err != nil {
		return nil, nil, err
	}
	var malignant, keep []int
	for i, v := range y {
		if v == 1 {
			malignant = append(malignant, i)
		} else {
			keep = append(keep, i)
		}
	}
	rng.Shuffle(len(malignant), func(i, j int) { malignant[i], malignant[j] = malignant[j], malignant[i] })
	keep = append(keep, malignant[:nMalignant]...)
	slices.Sort(keep)
	return data.Take(y, keep), data.Take(s, keep), nil
}

// visibleCancer returns the visible breast cancer data: 357 benign and 19 malignant tumours.
func visibleCancer(t *grader.T) ([]int, []float64) {
	y, s, err := rareCancer(rand.New(rand.NewPCG(2026, 1414)), 19)
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	return y, s
}

func rocSmall(t *grader.T) {
	checkROC(t, smallY, smallScores, "the worked example")
	// One example of each class, ranked right: (0, 0), (0, 1), (1, 1).
	checkROC(t, []int{0, 1}, []float64{0.2, 0.8}, "one negative at 0.2 and one positive at 0.8")
}

func aucSmall(t *grader.T) {
	checkAUC(t, smallY, smallScores, "the worked example")
	// Every score tied: each of the 2·3 pairs is a tie, so the AUC is ½; the ROC curve is one
	// diagonal step from (0, 0) to (1, 1).
	checkAUC(t, []int{0, 1, 0, 1, 1}, []float64{0.5, 0.5, 0.5, 0.5, 0.5}, "five examples that all score 0.5")
}

func rocImbalanced(t *grader.T) {
	y, s := visibleImbalanced()
	cy, cs := visibleCancer(t)
	// The plot, drawn before the comparisons (a named mistake ends the check), shows the worked
	// example, where a curve that does not group ties is plainly a staircase, and the real
	// scores. (Each panel costs some 30 ms to draw.)
	small, cancer := call(t, "ROC", smallY, smallScores), call(t, "ROC", cy, cs)
	plot(t, "ROC curves",
		rocPanel("The worked example (2 tied pairs)", smallY, smallScores, small.x, small.y),
		rocPanel("Breast cancer, 5 % malignant", cy, cs, cancer.x, cancer.y))
	checkROC(t, y, s, "400 rounded scores, 5 % positive")
	compareROC(t, cy, cs, cancer, "breast cancer, 19 malignant of 376")
}

func aucImbalanced(t *grader.T) {
	y, s := visibleImbalanced()
	checkAUC(t, y, s, "400 rounded scores, 5 % positive")
	cy, cs := visibleCancer(t)
	checkAUC(t, cy, cs, "breast cancer, 19 malignant of 376")
}

func prCurves(t *grader.T) {
	// The plot first: a named mistake ends the check.
	cy, cs := visibleCancer(t)
	cancer := call(t, "PRCurve", cy, cs)
	plot(t, "Precision-recall curve", prPanel("Breast cancer, 5 % malignant", cy, cs, cancer.x, cancer.y))
	checkPR(t, smallY, smallScores, "the worked example")
	// From 0.9 down: TP = 1 1 2, FP = 0 1 1, so precision 1, 1/2, 2/3 and recall 1/2, 1/2, 1
	// (the positive scored lowest is found last).
	checkPR(t, []int{1, 0, 1}, []float64{0.2, 0.5, 0.9}, "three examples, a positive scored lowest")
	y, s := visibleImbalanced()
	checkPR(t, y, s, "400 rounded scores, 5 % positive")
	comparePR(t, cy, cs, cancer, "breast cancer, 19 malignant of 376")
}

func forRecall(t *grader.T) {
	// 0.75, 0.5 and 0.25 are exactly 3, 2 and 1 of the 4 positives (0.25 is reached at the top
	// score), which tells "score > t" (0.4, 0.6, 0.8) from "recall > target" (0.3, 0.6, 0.8).
	// A target of 1 is asked alone and last: no recall exceeds it.
	checkForRecall(t, smallY, smallScores, []float64{0.75, 0.5, 0.25, 0.6}, "the worked example", false)
	checkForRecall(t, smallY, smallScores, []float64{1}, "the worked example", false)
	cy, cs := visibleCancer(t)
	// 15/19 is a recall the data can reach exactly.
	checkForRecall(t, cy, cs, []float64{15.0 / 19, 0.5, 0.8, 0.9}, "breast cancer, 19 malignant of 376", true)
	checkForRecall(t, cy, cs, []float64{1}, "breast cancer, 19 malignant of 376", true)
}

func f1Ties(t *grader.T) {
	// By hand, F1 = 2·TP/(TP + FP + 4) at the thresholds 10 down to 1 is 2/5, 4/6, 4/7, 4/8,
	// 6/9, 6/10, 6/11, 8/12, 8/13, 8/14: 2/3 at 9, 6 and 3, and the highest of them is 9.
	checkBestF1(t, []int{0, 1, 0, 1, 0, 1, 0, 0, 0, 1}, []float64{5, 10, 2, 9, 7, 6, 8, 4, 1, 3}, "ten examples, three thresholds tied for the best F1")
	checkBestF1(t, smallY, smallScores, "the worked example")
	// The one positive scores highest: F1 = 1 at the top threshold.
	checkBestF1(t, []int{0, 0, 1, 0}, []float64{0.3, 0.2, 0.4, 0.1}, "a perfect ranking with one positive")
	checkBestF1(t, []int{1}, []float64{0.7}, "a single positive example")
}

func f1Imbalanced(t *grader.T) {
	y, s := visibleImbalanced()
	cy, cs := visibleCancer(t)
	r, cr := t.Call("BestF1Threshold", y, s), t.Call("BestF1Threshold", cy, cs)
	got, cgot := r.Float(), cr.Float()
	plot(t, "Choosing a threshold",
		thresholdPanel("400 rounded scores, 5 % positive", y, s, got),
		thresholdPanel("Breast cancer, 5 % malignant", cy, cs, cgot))
	for _, d := range []struct {
		what string
		y    []int
		s    []float64
	}{{"the rounded scores", y, s}, {"breast cancer", cy, cs}} {
		tb := reference(d.y, d.s)
		_, first, acc := tb.bestAccuracy()
		w, _ := metrics.BestF1Threshold(d.y, d.s)
		i := tb.index(w)
		t.Logf("%s: the best accuracy, %s at t = %s, finds %d of the %d positives; the best F1, %s at t = %s, finds %d with %d false alarms",
			d.what, short(acc), grader.Num(tb.thr[first]), tb.tp[first], tb.nPos, short(fracF1(tb, i)), grader.Num(w), tb.tp[i], tb.fp[i])
	}
	compareBestF1(t, y, s, got, r.Out(1).Float(), "400 rounded scores, 5 % positive")
	compareBestF1(t, cy, cs, cgot, cr.Out(1).Float(), "breast cancer, 19 malignant of 376")
}

func notMutated(t *grader.T) {
	y, s := visibleImbalanced()
	t.NotMutated("ROC", y, s)
	t.NotMutated("AUC", y, s)
	t.NotMutated("PRCurve", y, s)
	t.NotMutated("ThresholdForRecall", y, s, 0.8)
	t.NotMutated("BestF1Threshold", y, s)
}
