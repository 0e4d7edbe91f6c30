package metrics

import (
	"fmt"
	"strconv"
)

// Accuracy returns the fraction of predictions equal to the truth,
//
//	accuracy = (1/n) Σᵢ 1[yTrueᵢ = yPredᵢ]
//
// as scikit-learn's accuracy_score. Labels are only compared, so any int values are allowed.
// It panics if the lengths differ or the input is empty.
func Accuracy(yTrue, yPred []int) float64 {
	checkLen("Accuracy", "yTrue", "yPred", len(yTrue), len(yPred))
	var correct int
	for i, y := range yTrue {
		if y == yPred[i] {
			correct++
		}
	}
	return float64(correct) / float64(len(yTrue))
}

// ConfusionMatrix returns the k×k confusion matrix C, where C[i][j] counts the samples whose
// true class is i and predicted class is j: rows are the truth, columns the prediction, as in
// scikit-learn's confusion_matrix with labels 0..k−1. For a binary problem (k = 2) it reads
// [[tn, fp], [fn, tp]]. The rows share one backing array.
//
// It panics if the lengths differ, if the input is empty, if k < 2, or if a label is outside
// 0..k−1.
func ConfusionMatrix(yTrue, yPred []int, k int) [][]int {
	const fn = "ConfusionMatrix"
	checkClassification(fn, yTrue, yPred, k)
	counts := make([]int, k*k)
	for i, y := range yTrue {
		counts[y*k+yPred[i]]++
	}
	c := make([][]int, k)
	for i := range c {
		c[i] = counts[i*k : (i+1)*k : (i+1)*k]
	}
	return c
}

// checkClassification validates the inputs of a label metric with classes 0..k−1.
func checkClassification(fn string, yTrue, yPred []int, k int) {
	checkLen(fn, "yTrue", "yPred", len(yTrue), len(yPred))
	checkK(fn, k)
	checkLabels(fn, "yTrue", yTrue, k)
	checkLabels(fn, "yPred", yPred, k)
}

// Average selects how Precision, Recall and F1 combine the per-class scores.
type Average int

const (
	// Binary scores only the positive class 1 of a binary problem (k must be 2), as
	// scikit-learn's average="binary" with pos_label=1. For another positive class, use
	// PerClass.
	Binary Average = iota
	// Macro is the unweighted mean of the k per-class scores. Every class 0..k−1 counts, also
	// one absent from both yTrue and yPred (it scores 0), as scikit-learn with labels=range(k);
	// scikit-learn's default averages only over the classes present.
	Macro
	// Micro pools the counts of all classes before dividing: for single-label data, micro
	// precision, recall and F1 all equal the accuracy.
	Micro
	// Weighted is the mean of the per-class scores weighted by each class's support (its
	// number of true samples).
	Weighted
)

// String returns the name scikit-learn uses for the average: "binary", "macro", "micro" or
// "weighted".
func (a Average) String() string {
	switch a {
	case Binary:
		return "binary"
	case Macro:
		return "macro"
	case Micro:
		return "micro"
	case Weighted:
		return "weighted"
	}
	return "Average(" + strconv.Itoa(int(a)) + ")"
}

// classCounts holds, per class, the true positives, the predicted count (tp + fp) and the true
// count or support (tp + fn).
type classCounts struct {
	tp, pred, support []int
}

func countClasses(fn string, yTrue, yPred []int, k int) classCounts {
	checkClassification(fn, yTrue, yPred, k)
	buf := make([]int, 3*k)
	c := classCounts{tp: buf[:k:k], pred: buf[k : 2*k : 2*k], support: buf[2*k:]}
	for i, y := range yTrue {
		p := yPred[i]
		c.pred[p]++
		c.support[y]++
		if y == p {
			c.tp[y]++
		}
	}
	return c
}

// ratio returns num/den, or 0 when den is 0 (scikit-learn's zero_division=0).
func ratio(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// score computes precision, recall and F1 of one class, or of pooled counts, from the counts:
//
//	P = tp/(tp+fp),  R = tp/(tp+fn),  F1 = 2·tp/(2·tp+fp+fn)
//
// each 0 when its denominator is 0. F1 is computed from the counts, as scikit-learn ≥ 1.4;
// it equals the harmonic mean 2PR/(P+R) whenever that is defined.
func score(tp, pred, support int) (p, r, f float64) {
	return ratio(tp, pred), ratio(tp, support), ratio(2*tp, pred+support)
}

// PrecisionRecallF1 returns the precision, recall and F1 score of yPred against yTrue over the
// classes 0..k−1, combined as avg says. Per class c, with tp, fp and fn counted for c against
// the rest,
//
//	precision = tp/(tp+fp),  recall = tp/(tp+fn),  F1 = 2·tp/(2·tp+fp+fn),
//
// each 0 when its denominator is 0 (scikit-learn's zero_division=0, so never NaN). Micro
// applies the formulas to the counts summed over classes. It matches scikit-learn's
// precision_recall_fscore_support (see Average for the one difference under Macro).
//
// It panics if the lengths differ, if the input is empty, if k < 2, if a label is outside
// 0..k−1, if avg is not one of the defined constants, or if avg is Binary and k ≠ 2.
func PrecisionRecallF1(yTrue, yPred []int, k int, avg Average) (precision, recall, f1 float64) {
	return prf("PrecisionRecallF1", yTrue, yPred, k, avg)
}

// Precision returns the precision tp/(tp+fp) combined over classes as avg says; see
// PrecisionRecallF1 for the definitions and the panics.
func Precision(yTrue, yPred []int, k int, avg Average) float64 {
	p, _, _ := prf("Precision", yTrue, yPred, k, avg)
	return p
}

// Recall returns the recall tp/(tp+fn) combined over classes as avg says; see
// PrecisionRecallF1 for the definitions and the panics.
func Recall(yTrue, yPred []int, k int, avg Average) float64 {
	_, r, _ := prf("Recall", yTrue, yPred, k, avg)
	return r
}

// F1 returns the F1 score 2·tp/(2·tp+fp+fn), the harmonic mean of precision and recall,
// combined over classes as avg says; see PrecisionRecallF1 for the definitions and the panics.
func F1(yTrue, yPred []int, k int, avg Average) float64 {
	_, _, f := prf("F1", yTrue, yPred, k, avg)
	return f
}

func prf(fn string, yTrue, yPred []int, k int, avg Average) (p, r, f float64) {
	switch avg {
	case Binary:
		if k != 2 {
			panic(fmt.Sprintf("metrics: %s: average %v needs k = 2, got k = %d", fn, avg, k))
		}
	case Macro, Micro, Weighted:
	default:
		panic(fmt.Sprintf("metrics: %s: unknown average %v", fn, avg))
	}
	c := countClasses(fn, yTrue, yPred, k)
	switch avg {
	case Binary:
		return score(c.tp[1], c.pred[1], c.support[1])
	case Micro:
		var tp, pred, support int
		for i := range k {
			tp += c.tp[i]
			pred += c.pred[i]
			support += c.support[i]
		}
		return score(tp, pred, support)
	}
	// Macro and Weighted. The total support is n > 0, so the weighted mean is defined.
	for i := range k {
		pi, ri, fi := score(c.tp[i], c.pred[i], c.support[i])
		w := 1.0
		if avg == Weighted {
			w = float64(c.support[i])
		}
		p += w * pi
		r += w * ri
		f += w * fi
	}
	total := float64(k)
	if avg == Weighted {
		total = float64(len(yTrue))
	}
	return p / total, r / total, f / total
}

// PerClass returns, for each class 0..k−1, its precision, recall and F1 score (defined as in
// PrecisionRecallF1, 0 when a denominator is 0) and its support, the number of samples whose
// true class it is; scikit-learn's precision_recall_fscore_support with average=None. The
// binary scores of any positive class c are precision[c], recall[c] and f1[c].
//
// It panics if the lengths differ, if the input is empty, if k < 2, or if a label is outside
// 0..k−1.
func PerClass(yTrue, yPred []int, k int) (precision, recall, f1 []float64, support []int) {
	c := countClasses("PerClass", yTrue, yPred, k)
	buf := make([]float64, 3*k)
	precision, recall, f1 = buf[:k:k], buf[k:2*k:2*k], buf[2*k:]
	for i := range k {
		precision[i], recall[i], f1[i] = score(c.tp[i], c.pred[i], c.support[i])
	}
	return precision, recall, f1, c.support
}
