// Package roc holds exercise 14: the ROC curve and its area (AUC), the precision-recall curve,
// and two rules for choosing a decision threshold on imbalanced data (a target recall, the best
// F1). See README.md for the task.
//
// Labels are 0 or 1, 1 being the positive class; a higher score means "more likely positive",
// and a threshold t predicts positive every example with score ≥ t. The thresholds are the
// distinct scores (equal floats are one threshold), from the highest to the lowest.
package roc

// ROC returns the receiver operating characteristic of the scores: for each threshold t, the
// false-positive rate FP(t)/n₋ and the true-positive rate TP(t)/n₊ of "positive when score ≥ t".
// thresholds[0] is +Inf, with fpr = tpr = 0; then come the distinct scores from the highest to
// the lowest, one point each (tied scores are one point), so the last point is (1, 1). No point
// is dropped. No input is modified.
//
// It panics if the lengths differ, the input is empty, a label is not 0 or 1, or only one
// class is present.
func ROC(y []int, scores []float64) (fpr, tpr, thresholds []float64) {
	panic("not implemented")
}

// AUC returns the area under the ROC curve, by trapezoids: the probability that a random
// positive scores higher than a random negative, a tie counting ½. No input is modified.
//
// It panics as ROC does.
func AUC(y []int, scores []float64) float64 {
	panic("not implemented")
}

// PRCurve returns the precision-recall curve of the scores: for each distinct score t, from the
// highest to the lowest, the precision TP(t)/(TP(t) + FP(t)) and the recall TP(t)/n₊ of
// "positive when score ≥ t". No input is modified.
//
// It panics if the lengths differ, the input is empty, a label is not 0 or 1, or no example is
// positive.
func PRCurve(y []int, scores []float64) (precision, recall, thresholds []float64) {
	panic("not implemented")
}

// ThresholdForRecall returns the highest distinct score t whose recall TP(t)/n₊, computed as
// float64(tp)/float64(nPos), is at least target: the threshold that finds the required share of
// the positives with the fewest false alarms. No input is modified.
//
// It panics as PRCurve does, or if target is not in (0, 1].
func ThresholdForRecall(y []int, scores []float64, target float64) float64 {
	panic("not implemented")
}

// BestF1Threshold returns the distinct score t that maximises F1(t) = 2·TP/(2·TP + FP + FN),
// computed from the counts, and that F1. When several thresholds tie for the best F1 it returns
// the highest of them. No input is modified.
//
// It panics as PRCurve does.
func BestF1Threshold(y []int, scores []float64) (threshold, f1 float64) {
	panic("not implemented")
}
