// Package clsmetrics scores the predictions of a classifier: the confusion matrix, and the
// rates read off it (accuracy, precision, recall, F1, balanced accuracy). See README.md for the
// task.
//
// Labels are ints. ConfusionMatrix takes k classes 0..k−1; the other functions are binary:
// 1 is the positive class ("spam", "fraud", "disease") and 0 the negative one. Every function
// takes the truth first and the prediction second, as scikit-learn does, and leaves both
// slices unchanged.
package clsmetrics

// ConfusionMatrix returns the k×k matrix C in which C[i][j] counts the examples whose true
// class is i and whose predicted class is j: rows are the truth, columns the prediction.
// For k = 2 it reads [[TN, FP], [FN, TP]].
//
// It panics if the lengths differ, the slices are empty, k < 2, or a label is not in 0..k−1.
func ConfusionMatrix(yTrue, yPred []int, k int) [][]int {
	panic("not implemented")
}

// Accuracy returns the fraction of predictions equal to the truth, (TP + TN)/n.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func Accuracy(yTrue, yPred []int) float64 {
	panic("not implemented")
}

// Precision returns TP/(TP + FP): of the examples predicted positive, the fraction that are.
// It returns 0 when nothing is predicted positive (TP + FP = 0), as scikit-learn's
// zero_division=0 does; never NaN.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func Precision(yTrue, yPred []int) float64 {
	panic("not implemented")
}

// Recall returns TP/(TP + FN): of the positive examples, the fraction predicted positive.
// It returns 0 when there is no positive example (TP + FN = 0); never NaN.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func Recall(yTrue, yPred []int) float64 {
	panic("not implemented")
}

// F1 returns the harmonic mean of precision and recall,
//
//	F1 = 2·P·R/(P + R) = 2·TP/(2·TP + FP + FN)
//
// and 0 when 2·TP + FP + FN = 0; never NaN.
//
// It panics if the lengths differ, the slices are empty, or a label is not 0 or 1.
func F1(yTrue, yPred []int) float64 {
	panic("not implemented")
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
	panic("not implemented")
}
