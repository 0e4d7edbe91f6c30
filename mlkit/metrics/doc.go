// Package metrics scores predictions against the truth: regression errors (MSE, RMSE, MAE, R²),
// classification counts and rates (accuracy, confusion matrix, precision, recall, F1 with
// binary, macro, micro and weighted averages), probabilistic losses (log loss) and ranking
// curves (ROC curve, ROC AUC, one-vs-rest multiclass ROC AUC, precision-recall curve, average
// precision) and the choice of a threshold on them (the counts at every threshold, the highest
// threshold reaching a target recall, the threshold of the best F1).
//
// Every function is pure and takes the truth first, as scikit-learn does, and reproduces
// scikit-learn's definitions (the oracle in testdata/sklearn.json was made with
// scikit-learn 1.2.1); each doc comment gives the formula and names any deliberate deviation.
//
// Regression targets are []float64. Class labels are []int holding classes 0..k−1, where the
// caller states k; binary problems use 0 (negative) and 1 (positive). Scores and probabilities
// are []float64 (binary) or a mat.Matrix with one column per class.
//
// Misuse is a panic with a message naming the function and the offending element, in gonum's
// style: mismatched lengths, empty input, a label outside 0..k−1, and NaN or ±Inf in any input
// (for example "metrics: MSE: yPred[3] is NaN"). Undefined ratios follow scikit-learn's
// zero_division=0 and force_finite conventions, so no function ever returns NaN.
package metrics
