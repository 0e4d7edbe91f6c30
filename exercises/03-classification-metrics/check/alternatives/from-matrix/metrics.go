// Package clsmetrics scores the predictions of a classifier. This alternative solution, written
// from the README alone, builds the confusion matrix with one flat backing array and reads
// every binary metric off the 2 × 2 matrix; F1 is the harmonic mean 2·P·R/(P + R).
package clsmetrics

import "fmt"

// ConfusionMatrix returns the k×k matrix of counts, rows the truth; see README.md.
func ConfusionMatrix(yTrue, yPred []int, k int) [][]int {
	if len(yTrue) != len(yPred) || len(yTrue) == 0 || k < 2 {
		panic(fmt.Sprintf("clsmetrics: ConfusionMatrix: bad input (lengths %d and %d, k = %d)", len(yTrue), len(yPred), k))
	}
	cells := make([]int, k*k)
	for i, t := range yTrue {
		p := yPred[i]
		if t < 0 || t >= k || p < 0 || p >= k {
			panic(fmt.Sprintf("clsmetrics: ConfusionMatrix: label out of 0..%d at %d", k-1, i))
		}
		cells[t*k+p]++
	}
	c := make([][]int, k)
	for i := range c {
		c[i] = cells[i*k : (i+1)*k : (i+1)*k]
	}
	return c
}

// div returns a/b, and 0 when b is 0.
func div(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// cells returns TP, FP, TN, FN as float64s.
func cells(yTrue, yPred []int) (tp, fp, tn, fn float64) {
	c := ConfusionMatrix(yTrue, yPred, 2)
	return float64(c[1][1]), float64(c[0][1]), float64(c[0][0]), float64(c[1][0])
}

// Accuracy returns (TP + TN)/n; see README.md.
func Accuracy(yTrue, yPred []int) float64 {
	tp, fp, tn, fn := cells(yTrue, yPred)
	return div(tp+tn, tp+fp+tn+fn)
}

// Precision returns TP/(TP + FP), 0 when nothing is predicted positive; see README.md.
func Precision(yTrue, yPred []int) float64 {
	tp, fp, _, _ := cells(yTrue, yPred)
	return div(tp, tp+fp)
}

// Recall returns TP/(TP + FN), 0 when nothing is positive; see README.md.
func Recall(yTrue, yPred []int) float64 {
	tp, _, _, fn := cells(yTrue, yPred)
	return div(tp, tp+fn)
}

// F1 returns 2·P·R/(P + R), 0 when P + R = 0; see README.md.
func F1(yTrue, yPred []int) float64 {
	p, r := Precision(yTrue, yPred), Recall(yTrue, yPred)
	return div(2*p*r, p+r)
}

// BalancedAccuracy returns the mean recall of the classes present in yTrue; see README.md.
func BalancedAccuracy(yTrue, yPred []int) float64 {
	tp, fp, tn, fn := cells(yTrue, yPred)
	switch {
	case tp+fn == 0:
		return div(tn, tn+fp)
	case tn+fp == 0:
		return div(tp, tp+fn)
	}
	return (div(tp, tp+fn) + div(tn, tn+fp)) / 2
}
