package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// LogLossEps is the clipping bound of LogLoss and BinaryLogLoss: probabilities are clipped to
// [LogLossEps, 1 − LogLossEps] before the logarithm, so a confident wrong answer costs at most
// −log(1e−15) ≈ 34.5 instead of +Inf. It is scikit-learn's eps before version 1.2 and the value
// the oracle in testdata/sklearn.json was computed with.
const LogLossEps = 1e-15

// clip limits p to [LogLossEps, 1 − LogLossEps].
func clip(p float64) float64 {
	return min(max(p, LogLossEps), 1-LogLossEps)
}

// checkProb panics unless p is a probability in [0, 1].
func checkProb(fn, name string, i int, p float64) {
	if math.IsNaN(p) || p < 0 || p > 1 {
		panic(fmt.Sprintf("metrics: %s: %s[%d] = %v is not a probability in [0, 1]", fn, name, i, p))
	}
}

// BinaryLogLoss returns the mean cross-entropy of the binary labels yTrue ∈ {0, 1} against
// p, the predicted probabilities of class 1:
//
//	log loss = −(1/n) Σᵢ [ yᵢ·log(pᵢ) + (1 − yᵢ)·log(1 − pᵢ) ]
//
// with pᵢ and 1 − pᵢ clipped to [LogLossEps, 1 − LogLossEps], as scikit-learn's log_loss with a
// one-dimensional y_pred. The natural logarithm is used.
//
// It panics if the lengths differ, if the input is empty, if a label is not 0 or 1, or if a
// probability is NaN or outside [0, 1].
func BinaryLogLoss(yTrue []int, p []float64) float64 {
	const fn = "BinaryLogLoss"
	checkLen(fn, "yTrue", "p", len(yTrue), len(p))
	checkLabels(fn, "yTrue", yTrue, 2)
	var sum float64
	for i, y := range yTrue {
		checkProb(fn, "p", i, p[i])
		q := p[i]
		if y == 0 {
			q = 1 - q
		}
		sum -= math.Log(clip(q))
	}
	return sum / float64(len(yTrue))
}

// LogLoss returns the mean cross-entropy of the labels yTrue ∈ 0..k−1 against proba, an n×k
// matrix whose row i holds the predicted probabilities of the k classes for sample i:
//
//	log loss = −(1/n) Σᵢ log(proba[i, yTrueᵢ])
//
// with each probability clipped to [LogLossEps, 1 − LogLossEps], as scikit-learn's log_loss.
// The natural logarithm is used. Rows are not renormalised after clipping (scikit-learn 1.2–1.4
// renormalised them, ≥ 1.5 does not); the two agree to about 1e−15 on rows that sum to 1.
//
// It panics if proba has not len(yTrue) rows, if the input is empty, if proba has fewer than 2
// columns, if a label is outside 0..k−1, or if a probability is NaN or outside [0, 1].
func LogLoss(yTrue []int, proba mat.Matrix) float64 {
	const fn = "LogLoss"
	n, k := checkProba(fn, yTrue, proba)
	var sum float64
	for i, y := range yTrue {
		for j := range k {
			if v := proba.At(i, j); math.IsNaN(v) || v < 0 || v > 1 {
				panic(fmt.Sprintf("metrics: %s: proba[%d, %d] = %v is not a probability in [0, 1]", fn, i, j, v))
			}
		}
		sum -= math.Log(clip(proba.At(i, y)))
	}
	return sum / float64(n)
}
