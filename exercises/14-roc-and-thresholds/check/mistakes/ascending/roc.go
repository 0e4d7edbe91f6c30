// Package roc holds exercise 14: the ROC curve and its area (AUC), the precision-recall curve,
// and two rules for choosing a decision threshold on imbalanced data (a target recall, the best
// F1). See README.md for the task.
//
// Labels are 0 or 1, 1 being the positive class; a higher score means "more likely positive",
// and a threshold t predicts positive every example with score ≥ t. The thresholds are the
// distinct scores (equal floats are one threshold), from the highest to the lowest.
package roc

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// counts returns the distinct scores from the lowest to the highest, and for each the numbers
// of positives (tp) and negatives (fp) scoring at least that much. It sorts the indices of the
// examples, not the examples, so that the inputs stay as they are.
func counts(y []int, scores []float64) (thresholds []float64, tp, fp []int) {
	if len(y) != len(scores) || len(y) == 0 {
		panic(fmt.Sprintf("roc: %d labels and %d scores", len(y), len(scores)))
	}
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
		if y[i] != 0 && y[i] != 1 {
			panic(fmt.Sprintf("roc: label y[%d] = %d is not 0 or 1", i, y[i]))
		}
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(scores[a], scores[b]) })
	p, f := 0, 0
	for k := 0; k < len(order); {
		t := scores[order[k]]
		// Every example scoring exactly t becomes positive at the threshold t, together.
		for k < len(order) && scores[order[k]] == t {
			p += y[order[k]]
			f += 1 - y[order[k]]
			k++
		}
		thresholds = append(thresholds, t)
		tp = append(tp, p)
		fp = append(fp, f)
	}
	return thresholds, tp, fp
}

// ROC returns the receiver operating characteristic of the scores: for each threshold t, the
// false-positive rate FP(t)/n₋ and the true-positive rate TP(t)/n₊ of "positive when score ≥ t".
// thresholds[0] is +Inf, with fpr = tpr = 0; then come the distinct scores from the highest to
// the lowest, one point each (tied scores are one point), so the last point is (1, 1). No point
// is dropped. No input is modified.
//
// It panics if the lengths differ, the input is empty, a label is not 0 or 1, or only one
// class is present.
func ROC(y []int, scores []float64) (fpr, tpr, thresholds []float64) {
	ts, tp, fp := counts(y, scores)
	nPos, nNeg := tp[len(tp)-1], fp[len(fp)-1]
	if nPos == 0 || nNeg == 0 {
		panic("roc: the ROC curve needs positive and negative examples")
	}
	fpr, tpr, thresholds = []float64{0}, []float64{0}, []float64{math.Inf(1)}
	for i, t := range ts {
		fpr = append(fpr, float64(fp[i])/float64(nNeg))
		tpr = append(tpr, float64(tp[i])/float64(nPos))
		thresholds = append(thresholds, t)
	}
	return fpr, tpr, thresholds
}

// AUC returns the area under the ROC curve, by trapezoids: the probability that a random
// positive scores higher than a random negative, a tie counting ½. No input is modified.
//
// It panics as ROC does.
func AUC(y []int, scores []float64) float64 {
	fpr, tpr, _ := ROC(y, scores)
	area := 0.0
	for i := 1; i < len(fpr); i++ {
		area += (fpr[i] - fpr[i-1]) * (tpr[i] + tpr[i-1]) / 2
	}
	return area
}

// positives returns the number of positive examples, the last of the counts tp; it panics if
// there is none.
func positives(tp []int) int {
	nPos := tp[len(tp)-1]
	if nPos == 0 {
		panic("roc: no positive example: recall is undefined")
	}
	return nPos
}

// PRCurve returns the precision-recall curve of the scores: for each distinct score t, from the
// highest to the lowest, the precision TP(t)/(TP(t) + FP(t)) and the recall TP(t)/n₊ of
// "positive when score ≥ t". No input is modified.
//
// It panics if the lengths differ, the input is empty, a label is not 0 or 1, or no example is
// positive.
func PRCurve(y []int, scores []float64) (precision, recall, thresholds []float64) {
	thresholds, tp, fp := counts(y, scores)
	nPos := positives(tp)
	for i := range thresholds {
		precision = append(precision, float64(tp[i])/float64(tp[i]+fp[i]))
		recall = append(recall, float64(tp[i])/float64(nPos))
	}
	return precision, recall, thresholds
}

// ThresholdForRecall returns the highest distinct score t whose recall TP(t)/n₊, computed as
// float64(tp)/float64(nPos), is at least target: the threshold that finds the required share of
// the positives with the fewest false alarms. No input is modified.
//
// It panics as PRCurve does, or if target is not in (0, 1].
func ThresholdForRecall(y []int, scores []float64, target float64) float64 {
	if !(target > 0 && target <= 1) {
		panic(fmt.Sprintf("roc: target recall %v is not in (0, 1]", target))
	}
	thresholds, tp, _ := counts(y, scores)
	nPos := positives(tp)
	i := 0
	for float64(tp[i])/float64(nPos) < target {
		i++
	}
	return thresholds[i]
}

// BestF1Threshold returns the distinct score t that maximises F1(t) = 2·TP/(2·TP + FP + FN),
// computed from the counts, and that F1. When several thresholds tie for the best F1 it returns
// the highest of them. No input is modified.
//
// It panics as PRCurve does.
func BestF1Threshold(y []int, scores []float64) (threshold, f1 float64) {
	thresholds, tp, fp := counts(y, scores)
	nPos := positives(tp)
	best, bestF1 := 0, -1.0
	for i := range thresholds {
		fn := nPos - tp[i]
		// Going down from the highest threshold, only a strictly better F1 replaces the best:
		// of equal ones, the highest threshold stays.
		if v := 2 * float64(tp[i]) / float64(2*tp[i]+fp[i]+fn); v > bestF1 {
			best, bestF1 = i, v
		}
	}
	return thresholds[best], bestF1
}
