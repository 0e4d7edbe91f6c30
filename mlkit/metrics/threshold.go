package metrics

import (
	"fmt"
	"math"
)

// ThresholdCounts returns the counts behind every ROC and precision-recall curve: for each
// distinct score t, from the highest to the lowest, the numbers of positive samples (tp) and
// of negative samples (fp) scoring at least t, that is the true and false positives of the
// classifier "positive when score ≥ t". It is scikit-learn's private _binary_clf_curve, and
// roc_curve with drop_intermediate=False without its first point:
//
//	fpr = fp/n₋,  tpr = tp/n₊,  precision = tp/(tp + fp),  recall = tp/n₊.
//
// Tied scores make one threshold (ties are exact float equality, −0 tying with +0), so that
// samples with equal scores are always classified alike. Unlike ROCCurve, no point is dropped:
// the last point counts every sample, tp = n₊ and fp = n₋.
//
// It panics if the lengths differ, if the input is empty, if a label is not 0 or 1, or if a
// score is NaN or ±Inf.
func ThresholdCounts(yTrue []int, score []float64) (thresholds []float64, tp, fp []int) {
	r := rank("ThresholdCounts", yTrue, score)
	r.walk(func(t float64, p, f int) {
		thresholds = append(thresholds, t)
		tp = append(tp, p)
		fp = append(fp, f)
	})
	return thresholds, tp, fp
}

// ThresholdForRecall returns the highest threshold t among the distinct scores at which the
// classifier "positive when score ≥ t" reaches a recall of at least minRecall,
//
//	recall(t) = tp(t)/n₊ ≥ minRecall,
//
// with its precision tp(t)/(tp(t) + fp(t)) and recall there. Recall only grows as t falls, so
// this is the strictest threshold that finds the required share of the positives, and the one
// with the fewest false alarms among those that do. The recall is computed as the float64
// quotient tp/n₊ and compared with minRecall directly, so a target of exactly k/n₊ is reached
// by k positives. A minRecall of 0 gives the highest score; 1 gives the lowest score of a
// positive sample.
//
// In scikit-learn terms it is max(thresholds[recall[:-1] >= minRecall]) over the output of
// precision_recall_curve.
//
// It panics like PrecisionRecallCurve, or if minRecall is NaN or outside [0, 1].
func ThresholdForRecall(yTrue []int, score []float64, minRecall float64) (threshold, precision, recall float64) {
	const fn = "ThresholdForRecall"
	if !(minRecall >= 0 && minRecall <= 1) {
		panic(fmt.Sprintf("metrics: %s: minRecall = %v is outside [0, 1]", fn, minRecall))
	}
	r := rank(fn, yTrue, score)
	r.requirePositive(fn)
	nPos := float64(len(r.pos))
	found := false
	r.walk(func(t float64, tp, fp int) {
		if found {
			return
		}
		if rec := float64(tp) / nPos; rec >= minRecall {
			threshold, precision, recall = t, float64(tp)/float64(tp+fp), rec
			found = true
		}
	})
	return threshold, precision, recall
}

// BestF1Threshold returns the threshold t among the distinct scores that maximises the F1
// score of the classifier "positive when score ≥ t",
//
//	F1(t) = 2·tp/(2·tp + fp + fn) = 2·tp/(tp + fp + n₊),
//
// (the harmonic mean of precision and recall), and that F1. When several thresholds reach the
// best F1 it returns the highest of them, which flags the fewest samples. The F1 values are
// compared exactly, as fractions of integers, so that ties are ties whatever the rounding.
//
// Unlike accuracy, F1 ignores the true negatives, so on imbalanced data its best threshold
// still finds positives; the threshold that maximises accuracy there often flags almost none.
// In scikit-learn terms it is the threshold of precision_recall_curve at the largest
// f1 = 2·P·R/(P + R).
//
// It panics like PrecisionRecallCurve.
func BestF1Threshold(yTrue []int, score []float64) (threshold, f1 float64) {
	const fn = "BestF1Threshold"
	r := rank(fn, yTrue, score)
	r.requirePositive(fn)
	nPos := int64(len(r.pos))
	// The best F1 so far as the fraction num/den; 0/1 is below every F1 of a threshold,
	// since the lowest threshold has tp = n₊ > 0.
	num, den := int64(0), int64(1)
	threshold = math.NaN()
	r.walk(func(t float64, tp, fp int) {
		n, d := 2*int64(tp), int64(tp)+int64(fp)+nPos
		if n*den > num*d { // n/d > num/den, exactly: both products are below 2⁶³ for n < 2³⁰
			num, den, threshold = n, d, t
		}
	})
	return threshold, float64(num) / float64(den)
}
