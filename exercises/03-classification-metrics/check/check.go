// Package check holds the checks of the classification-metrics exercise: the confusion matrix,
// accuracy, precision, recall, F1 and balanced accuracy on scikit-learn's reference examples,
// on the zero-division corner cases, and on imbalanced data (5 % positive) where accuracy
// flatters a useless model. The hidden checks (hidden.go, built with -tags hidden) repeat them
// on seeded random labels.
package check

import (
	"fmt"
	"math"
	"slices"

	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/plot"
)

// Exercise returns the classification-metrics exercise.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "classification-metrics",
		Title: "Classification metrics: confusion matrix, accuracy, precision, recall, F1",
		Dir:   "exercises/03-classification-metrics",
		Functions: []grader.Func{
			{Name: "ConfusionMatrix", Signature: "func(yTrue, yPred []int, k int) [][]int"},
			{Name: "Accuracy", Signature: "func(yTrue, yPred []int) float64"},
			{Name: "Precision", Signature: "func(yTrue, yPred []int) float64"},
			{Name: "Recall", Signature: "func(yTrue, yPred []int) float64"},
			{Name: "F1", Signature: "func(yTrue, yPred []int) float64"},
			{Name: "BalancedAccuracy", Signature: "func(yTrue, yPred []int) float64"},
		},
		Forbid: []string{"github.com/mlkata/mlkata/mlkit/metrics"},
		Checks: append([]grader.Check{
			{Name: "Confusion matrix of a small binary example", Points: 1, Run: confusionBinary},
			{Name: "Confusion matrix of three classes", Points: 1, Run: confusionThree},
			{Name: "Accuracy of the binary example", Points: 1, Run: accuracySmall},
			{Name: "Precision and recall of the binary example", Points: 2, Run: precisionRecallSmall},
			{Name: "F1 of the binary example", Points: 1, Run: f1Small},
			{Name: "Confusion matrix is k × k, even when a class never occurs", Points: 1, Run: confusionAbsent},
			{Name: "Balanced accuracy of the binary example", Points: 1, Run: balancedSmall},
			{Name: "Balanced accuracy when a class is rare or absent from the truth", Points: 1, Run: balancedRare},
			{Name: "Nothing predicted positive, no positive at all: 0, never NaN", Points: 1, Run: zeroDivision},
			{Name: "Imbalanced data (5 % positive): the always-negative model", Points: 2, Run: alwaysNegative},
			{Name: "The metrics as the decision threshold moves, inputs left unchanged", Points: 1, Run: thresholdSweep},
		}, hiddenChecks()...),
		Mistakes: mistakes,
		Hints: []string{
			"Count first, divide later: one loop over the pairs (yTrue[i], yPred[i]) gives TP (1, 1), " +
				"FP (0, 1), TN (0, 0) and FN (1, 0); every metric is a ratio of these four counts.",
			"Precision divides by what you predicted positive (TP + FP); recall by what is truly positive " +
				"(TP + FN). Convert to float64 before dividing: in Go, 3/4 on ints is 0. When the denominator is 0, " +
				"return 0 (float64(0)/float64(0) is NaN).",
			"F1 = 2·TP/(2·TP + FP + FN) (the harmonic mean of precision and recall, not their average); " +
				"balanced accuracy = (TP/(TP+FN) + TN/(TN+FP))/2 when yTrue holds both classes, else the recall of the one it holds. " +
				"ConfusionMatrix: make k rows of k zeros, then c[yTrue[i]][yPred[i]]++: the truth picks the row.",
		},
	}
}

// tol is the tolerance of every rate: a ratio of two counts, so only rounding differs.
var tol = grader.Rel(1e-12).PlusAbs(1e-15)

// The binary and three-class examples of testdata/sklearn.json (scikit-learn 1.2.1): accuracy
// 0.8, precision 11/15, recall 1, F1 0.846153846153846, confusion [[5 4] [0 11]]; and
// confusion [[7 1 2] [2 11 1] [2 0 4]].
var (
	binTrue   = []int{1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0}
	binPred   = []int{1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 0}
	threeTrue = []int{0, 1, 1, 0, 1, 0, 0, 2, 2, 1, 2, 0, 2, 0, 1, 0, 1, 1, 1, 1, 0, 1, 2, 1, 1, 0, 1, 2, 1, 0}
	threePred = []int{0, 2, 0, 0, 1, 0, 2, 2, 2, 1, 0, 0, 2, 2, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 2, 1, 0}
)

// The mistakes the checks recognise (see the catalogue in Exercise).
const (
	swapped       = "precision-recall-swapped"
	intDivision   = "integer-division"
	zeroDivNaN    = "zero-division-nan"
	accuracyOnImb = "accuracy-on-imbalanced-data"
	transposed    = "confusion-transposed"
	sizedByLabels = "confusion-sized-from-labels"
	f1Mean        = "f1-arithmetic-mean"
	absentClass   = "balanced-accuracy-absent-class"
)

// mistakes is the catalogue: one fixed hint per mistake, shown for hidden checks too.
var mistakes = []grader.Mistake{
	{ID: swapped, Hint: "precision divides by the predicted positives (TP + FP), recall by the true positives (TP + FN): yours are the other way round"},
	{ID: intDivision, Hint: "you divided two ints, which rounds down to 0 (or 1): convert to float64 first, float64(tp) / float64(tp+fp)"},
	{ID: zeroDivNaN, Hint: "a denominator was 0 and float64(0)/float64(0) is NaN: return 0 when TP + FP (precision), TP + FN (recall) or 2·TP + FP + FN (F1) is 0"},
	{ID: accuracyOnImb, Hint: "balanced accuracy is not accuracy: average the recall of the positive class, TP/(TP+FN), and of the negative class, TN/(TN+FP), so the rare class counts as much as the common one"},
	{ID: transposed, Hint: "rows are the truth, columns the prediction: count c[yTrue[i]][yPred[i]], not c[yPred[i]][yTrue[i]]"},
	{ID: sizedByLabels, Hint: "the matrix is k × k for the k classes 0..k−1 you are given, whichever labels occur: a class no example has or predicts still has its row and column, of zeros. " +
		"Size it with k, not with the largest label or the number of distinct labels"},
	{ID: f1Mean, Hint: "F1 is the harmonic mean 2·P·R/(P + R) = 2·TP/(2·TP + FP + FN), not the average (P + R)/2: it stays low unless both are high"},
	{ID: absentClass, Hint: "when yTrue holds only one of the two classes, the other class's recall is 0/0 and means nothing: average only the recalls of the classes that occur, " +
		"so balanced accuracy is then the recall of the one class present"},
}

// binaryCounts returns TP, FP, TN, FN of the labels, class 1 positive.
func binaryCounts(y, p []int) (tp, fp, tn, fn int) {
	c := metrics.ConfusionMatrix(y, p, 2)
	return c[1][1], c[0][1], c[0][0], c[1][0]
}

// reference returns mlkit's value of the binary metric fn.
func reference(fn string, y, p []int) float64 {
	switch fn {
	case "Accuracy":
		return metrics.Accuracy(y, p)
	case "Precision":
		return metrics.Precision(y, p, 2, metrics.Binary)
	case "Recall":
		return metrics.Recall(y, p, 2, metrics.Binary)
	case "F1":
		return metrics.F1(y, p, 2, metrics.Binary)
	case "BalancedAccuracy":
		// The mean recall of the classes present in y (scikit-learn's balanced_accuracy_score).
		_, recall, _, support := metrics.PerClass(y, p, 2)
		switch {
		case support[1] == 0:
			return recall[0]
		case support[0] == 0:
			return recall[1]
		}
		return (recall[0] + recall[1]) / 2
	}
	panic("classification-metrics check: unknown metric " + fn)
}

// expect compares the learner's value of the binary metric fn on (y, p) with the reference
// and, when it is wrong, names the mistake whose value it equals, if any.
func expect(t *grader.T, fn string, got float64, y, p []int) {
	want := reference(fn, y, p)
	if t.Close(got, want, tol) {
		return
	}
	tp, fp, tn, fn_ := binaryCounts(y, p)
	like := func(v float64) bool { return !grader.Near(v, want, tol) && grader.Near(got, v, tol) }
	intDiv := func(num, den int) bool { return den != 0 && like(float64(num/den)) }
	nan := math.IsNaN(got) || math.IsInf(got, 0)
	switch fn {
	case "Accuracy":
		t.Mistake(intDiv(tp+tn, len(y)), intDivision, "your accuracy is (TP + TN)/n rounded down")
	case "Precision":
		t.Mistake(nan && tp+fp == 0, zeroDivNaN, "nothing is predicted positive: TP + FP = 0")
		t.Mistake(like(reference("Recall", y, p)), swapped, "your precision equals the recall")
		t.Mistake(intDiv(tp, tp+fp), intDivision, "your precision is TP/(TP + FP) rounded down")
	case "Recall":
		t.Mistake(nan && tp+fn_ == 0, zeroDivNaN, "there is no positive example: TP + FN = 0")
		t.Mistake(like(reference("Precision", y, p)), swapped, "your recall equals the precision")
		t.Mistake(intDiv(tp, tp+fn_), intDivision, "your recall is TP/(TP + FN) rounded down")
	case "F1":
		t.Mistake(nan && tp == 0, zeroDivNaN, "TP = 0, so precision or recall is 0/0")
		t.Mistake(like((reference("Precision", y, p)+reference("Recall", y, p))/2), f1Mean, "your F1 is (P + R)/2")
		t.Mistake(intDiv(2*tp, 2*tp+fp+fn_), intDivision, "your F1 is 2·TP/(2·TP + FP + FN) rounded down")
	case "BalancedAccuracy":
		t.Mistake(nan && (tp+fn_ == 0 || tn+fp == 0), zeroDivNaN, "one class is absent from yTrue, so its recall is 0/0")
		t.Mistake(tp+fn_ == 0 && like(float64(tn)/float64(tn+fp)/2), absentClass,
			"yTrue has no positive, and your value is half the negatives' recall: you averaged in a recall of 0 for the absent class")
		t.Mistake(tn+fp == 0 && like(float64(tp)/float64(tp+fn_)/2), absentClass,
			"yTrue has no negative, and your value is half the positives' recall: you averaged in a recall of 0 for the absent class")
		t.Mistake(like(metrics.Accuracy(y, p)), accuracyOnImb, "your balanced accuracy equals the accuracy")
		t.Mistake(tp+fn_ != 0 && tn+fp != 0 && like(float64(tp/(tp+fn_)+tn/(tn+fp))/2), intDivision, "each recall was rounded down before averaging")
	}
}

// callAndExpect calls the learner's binary metric fn on (y, p) and compares it with the
// reference.
func callAndExpect(t *grader.T, fn string, y, p []int) float64 {
	got := t.Call(fn, y, p).Float()
	expect(t, fn, got, y, p)
	return got
}

// confusion calls the learner's ConfusionMatrix (checking that it leaves its inputs alone) and
// compares it with the reference, naming a transposed matrix and one sized from the labels.
func confusion(t *grader.T, y, p []int, k int) [][]int {
	var got [][]int
	t.NotMutated("ConfusionMatrix", y, p, k).Decode(&got)
	want := metrics.ConfusionMatrix(y, p, k)
	if !t.Equal(got, want) {
		if len(got) != k {
			largest := slices.Max(slices.Concat(y, p))
			t.Label("the size of your confusion matrix")
			t.Mistake(len(got) == largest+1 || len(got) == distinct(y, p), sizedByLabels,
				fmt.Sprintf("your matrix has %d rows for k = %d classes; the labels given hold %d distinct classes, the largest %d",
					len(got), k, distinct(y, p), largest))
			t.Fatalf("your matrix has %d rows; want k = %d, one per class", len(got), k)
		}
		t.Mistake(!slices.EqualFunc(want, transpose(want), slices.Equal) &&
			slices.EqualFunc(got, transpose(want), slices.Equal), transposed, "your matrix is the transpose of the reference")
	}
	return got
}

// distinct returns how many distinct labels y and p hold together.
func distinct(y, p []int) int {
	all := slices.Concat(y, p)
	slices.Sort(all)
	return len(slices.Compact(all))
}

// transpose returns the transpose of the square matrix m.
func transpose(m [][]int) [][]int {
	out := make([][]int, len(m))
	for i := range m {
		out[i] = make([]int, len(m))
		for j := range m {
			out[i][j] = m[j][i]
		}
	}
	return out
}

func confusionBinary(t *grader.T) { confusion(t, binTrue, binPred, 2) }

// confusionAbsent: k = 4 classes, and labels that leave one out: the top class 3 (so the
// largest label is 2), then the middle class 2 (so only 3 distinct labels occur). Its row and
// column are zeros, and the matrix stays 4 × 4.
func confusionAbsent(t *grader.T) {
	confusion(t, []int{0, 1, 2, 2, 1, 0, 2, 1}, []int{0, 2, 2, 1, 1, 0, 2, 0}, 4)
	confusion(t, []int{0, 3, 1, 3, 0, 1, 3, 3}, []int{0, 3, 1, 1, 3, 0, 3, 0}, 4)
}

// confusionThree checks the three-class matrix and draws the learner's as a heatmap.
func confusionThree(t *grader.T) {
	got := confusion(t, threeTrue, threePred, 3)
	want := metrics.ConfusionMatrix(threeTrue, threePred, 3)
	title := "Your confusion matrix (rows: truth, columns: prediction)"
	if !slices.EqualFunc(got, want, slices.Equal) {
		title = "Your confusion matrix: it differs from the reference"
	}
	p, err := plot.ConfusionMatrix(title, got, []string{"class 0", "class 1", "class 2"})
	draw(t, "Confusion matrix", p, err)
}

func accuracySmall(t *grader.T) { callAndExpect(t, "Accuracy", binTrue, binPred) }

func precisionRecallSmall(t *grader.T) {
	callAndExpect(t, "Precision", binTrue, binPred)
	callAndExpect(t, "Recall", binTrue, binPred)
}

func f1Small(t *grader.T)       { callAndExpect(t, "F1", binTrue, binPred) }
func balancedSmall(t *grader.T) { callAndExpect(t, "BalancedAccuracy", binTrue, binPred) }

// balancedRare: balanced accuracy with one negative example (1/3), with as many false
// positives as true negatives (7/12), with no negative at all (the positives' recall, 3/4), and
// on a single example (1).
func balancedRare(t *grader.T) {
	cases := []struct{ y, p []int }{
		{[]int{1, 1, 1, 0}, []int{1, 0, 1, 1}},
		{[]int{0, 0, 0, 0, 1, 1, 1}, []int{0, 1, 0, 1, 1, 1, 0}},
		{[]int{1, 1, 1, 1}, []int{1, 0, 1, 1}},
		{[]int{1}, []int{1}},
	}
	for _, c := range cases {
		got := t.Call("BalancedAccuracy", c.y, c.p).Float()
		t.Label(fmt.Sprintf("BalancedAccuracy(%v, %v)", c.y, c.p))
		expect(t, "BalancedAccuracy", got, c.y, c.p)
	}
}

// zeroDivision: scikit-learn's zero_division=0 rule (testdata/sklearn.json, "no predicted
// positives"): precision, recall and F1 are 0 when their denominator is 0.
func zeroDivision(t *grader.T) {
	cases := []struct{ y, p []int }{
		{[]int{0, 1, 0, 1}, []int{0, 0, 0, 0}}, // nothing predicted positive: precision 0/0
		{[]int{0, 0, 0, 0}, []int{0, 1, 0, 1}}, // no positive in the truth: recall 0/0
		{[]int{0, 0, 0, 0}, []int{0, 0, 0, 0}}, // neither: precision, recall and F1 all 0/0
	}
	for _, c := range cases {
		for _, fn := range []string{"Precision", "Recall", "F1", "BalancedAccuracy"} {
			got := t.Call(fn, c.y, c.p).Float()
			t.Label(fmt.Sprintf("%s(%v, %v)", fn, c.y, c.p))
			expect(t, fn, got, c.y, c.p)
		}
	}
}

// imbalanced returns n labels of which a share rate (rounded) is positive, shuffled, and a
// score per label: N(sep, 1) for positives, N(0, 1) for negatives.
func imbalanced(t *grader.T, n int, rate, sep float64) (y []int, score []float64) {
	r := t.Rand()
	y = make([]int, n)
	for i := range int(math.Round(rate * float64(n))) {
		y[i] = 1
	}
	r.Shuffle(n, func(i, j int) { y[i], y[j] = y[j], y[i] })
	score = make([]float64, n)
	for i := range score {
		score[i] = r.NormFloat64() + sep*float64(y[i])
	}
	return y, score
}

// alwaysNegative scores the model that predicts 0 for everything on 1000 labels, 50 of them
// positive: accuracy 0.95, recall 0, F1 0, balanced accuracy 0.5.
func alwaysNegative(t *grader.T) {
	y, _ := imbalanced(t, 1000, 0.05, 0)
	p := make([]int, len(y))
	got := make(map[string]float64)
	for _, fn := range []string{"Accuracy", "Precision", "Recall", "F1", "BalancedAccuracy"} {
		got[fn] = callAndExpect(t, fn, y, p)
	}
	t.Logf("accuracy %.2f for a model that never finds a positive; recall %.2f, F1 %.2f, balanced accuracy %.2f: "+
		"on imbalanced data compare with the majority baseline and read recall, F1 or balanced accuracy",
		got["Accuracy"], got["Recall"], got["F1"], got["BalancedAccuracy"])
}

// thresholdSweep turns scores into predictions (positive when score ≥ threshold) for
// thresholds from −1 to 4, scores each with the learner's metrics, checks that they leave
// their inputs alone, and plots the learner's curves over the reference's.
func thresholdSweep(t *grader.T) {
	y, score := imbalanced(t, 1000, 0.05, 2)
	fns := []string{"Accuracy", "Precision", "Recall", "F1", "BalancedAccuracy"}
	var ths []float64
	var preds [][]int
	got := make(map[string][]float64)
	for step := 0; step <= 20; step++ {
		th := -1 + 0.25*float64(step)
		p := make([]int, len(y))
		for i, s := range score {
			if s >= th {
				p[i] = 1
			}
		}
		ths, preds = append(ths, th), append(preds, p)
		for _, fn := range fns {
			var r *grader.Result
			if step == 8 {
				r = t.NotMutated(fn, y, p)
			} else {
				r = t.Call(fn, y, p)
			}
			got[fn] = append(got[fn], r.Float())
		}
	}
	names := map[string]string{"Accuracy": "accuracy", "Precision": "precision", "Recall": "recall",
		"F1": "F1", "BalancedAccuracy": "balanced accuracy"}
	curves := func(title string, fns ...string) {
		var lines []plot.Line
		for i, fn := range fns {
			want := make([]float64, len(preds))
			for j, p := range preds {
				want[j] = reference(fn, y, p)
			}
			c := plot.PaletteColor(i)
			lines = append(lines,
				plot.Line{Name: names[fn], X: ths, Y: want, Style: plot.Style{Color: c}},
				plot.Line{Name: names[fn] + " (yours)", X: ths, Y: got[fn], Style: plot.Style{Color: c, Dash: plot.Dashed}})
		}
		p, err := plot.LossCurves(title, plot.Linear, lines...)
		if err == nil {
			p.X.Label.Text = "threshold (predict positive when score ≥ threshold)"
			p.Y.Label.Text = "metric value"
		}
		draw(t, title, p, err)
	}
	curves("Accuracy against balanced accuracy, 5 % positive", "Accuracy", "BalancedAccuracy")
	curves("Precision, recall and F1 as the threshold moves", "Precision", "Recall", "F1")
	for i, p := range preds {
		for _, fn := range fns {
			t.Label(fmt.Sprintf("%s at threshold %s", fn, grader.Num(ths[i])))
			expect(t, fn, got[fn][i], y, p)
		}
	}
}

// draw adds the plot to the report, or notes why it could not be drawn (a learner's NaN, say).
func draw(t *grader.T, title string, p *gplot.Plot, err error) {
	if err != nil {
		t.Logf("no plot %q: %v", title, err)
		return
	}
	t.Plot(title, p)
}
