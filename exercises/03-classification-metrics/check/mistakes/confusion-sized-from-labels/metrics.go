// Package clsmetrics scores the predictions of a classifier: the confusion matrix, and the
// rates read off it (accuracy, precision, recall, F1, balanced accuracy). This is a mistake
// variant: the confusion matrix is sized from the largest label seen, not from k.
//
// Labels are ints. ConfusionMatrix takes k classes 0..k−1; the other functions are binary:
// 1 is the positive class ("spam", "fraud", "disease") and 0 the negative one. Every function
// takes the truth first and the prediction second, as scikit-learn does, and leaves both
// slices unchanged.
package clsmetrics

import (
	"fmt"
	"slices"
)

// ConfusionMatrix returns the k×k matrix C in which C[i][j] counts the examples whose true
// class is i and whose predicted class is j: rows are the truth, columns the prediction.
// For k = 2 it reads [[TN, FP], [FN, TP]].
//
// It panics if the lengths differ, the slices are empty, k < 2, or a label is not in 0..k−1.
func ConfusionMatrix(yTrue, yPred []int, k int) [][]int {
	mustMatch("ConfusionMatrix", yTrue, yPred, k)
	size := slices.Max(slices.Concat(yTrue, yPred)) + 1 // MISTAKE: from the labels seen, not k
	c := make([][]int, size)
	for i := range c {
		c[i] = make([]int, size)
	}
	for i := range yTrue {
		c[yTrue[i]][yPred[i]]++
	}
	return c
}

// counts returns the four cells of the binary confusion matrix, after checking the inputs of
// the function named caller.
func counts(caller string, yTrue, yPred []int) (tp, fp, tn, fn int) {
	mustMatch(caller, yTrue, yPred, 2)
	for i := range yTrue {
		switch {
		case yTrue[i] == 1 && yPred[i] == 1:
			tp++
		case yTrue[i] == 0 && yPred[i] == 1:
			fp++
		case yTrue[i] == 0 && yPred[i] == 0:
			tn++
		default:
			fn++
		}
	}
	return tp, fp, tn, fn
}

// ratio returns num/den as a float64, and 0 when den is 0 (the zero-division rule). The
// conversion comes before the division: in Go, 3/4 on ints is 0.
func ratio(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// Accuracy returns the fraction of predictions equal to the truth, (TP + TN)/n.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func Accuracy(yTrue, yPred []int) float64 {
	tp, _, tn, _ := counts("Accuracy", yTrue, yPred)
	return ratio(tp+tn, len(yTrue))
}

// Precision returns TP/(TP + FP): of the examples predicted positive, the fraction that are.
// It returns 0 when nothing is predicted positive (TP + FP = 0), as scikit-learn's
// zero_division=0 does; never NaN.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func Precision(yTrue, yPred []int) float64 {
	tp, fp, _, _ := counts("Precision", yTrue, yPred)
	return ratio(tp, tp+fp)
}

// Recall returns TP/(TP + FN): of the positive examples, the fraction predicted positive.
// It returns 0 when there is no positive example (TP + FN = 0); never NaN.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func Recall(yTrue, yPred []int) float64 {
	tp, _, _, fn := counts("Recall", yTrue, yPred)
	return ratio(tp, tp+fn)
}

// F1 returns the harmonic mean of precision and recall,
//
//	F1 = 2·P·R/(P + R) = 2·TP/(2·TP + FP + FN)
//
// and 0 when 2·TP + FP + FN = 0; never NaN.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func F1(yTrue, yPred []int) float64 {
	tp, fp, _, fn := counts("F1", yTrue, yPred)
	return ratio(2*tp, 2*tp+fp+fn)
}

// BalancedAccuracy returns the mean of the recalls of the two classes,
//
//	balanced accuracy = ½·(TP/(TP + FN) + TN/(TN + FP))
//
// or, when yTrue holds only one of the classes, the recall of that class (scikit-learn's
// balanced_accuracy_score averages over the classes present). Always predicting one class
// scores 0.5, however rare the other class is.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func BalancedAccuracy(yTrue, yPred []int) float64 {
	tp, fp, tn, fn := counts("BalancedAccuracy", yTrue, yPred)
	switch {
	case tp+fn == 0: // no positive example: only the negatives' recall is defined
		return ratio(tn, tn+fp)
	case tn+fp == 0: // no negative example
		return ratio(tp, tp+fn)
	}
	return (ratio(tp, tp+fn) + ratio(tn, tn+fp)) / 2
}

// mustMatch panics if yTrue and yPred differ in length or are empty, or hold a label outside
// 0..k−1.
func mustMatch(caller string, yTrue, yPred []int, k int) {
	if len(yTrue) != len(yPred) {
		panic(fmt.Sprintf("clsmetrics: %s: len(yTrue) = %d but len(yPred) = %d", caller, len(yTrue), len(yPred)))
	}
	if len(yTrue) == 0 {
		panic(fmt.Sprintf("clsmetrics: %s: empty input", caller))
	}
	if k < 2 {
		panic(fmt.Sprintf("clsmetrics: %s: k = %d, need at least 2 classes", caller, k))
	}
	for i := range yTrue {
		if yTrue[i] < 0 || yTrue[i] >= k {
			panic(fmt.Sprintf("clsmetrics: %s: yTrue[%d] = %d is not a class in 0..%d", caller, i, yTrue[i], k-1))
		}
		if yPred[i] < 0 || yPred[i] >= k {
			panic(fmt.Sprintf("clsmetrics: %s: yPred[%d] = %d is not a class in 0..%d", caller, i, yPred[i], k-1))
		}
	}
}
