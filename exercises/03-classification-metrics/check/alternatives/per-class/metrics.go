// Package clsmetrics scores the predictions of a classifier. This alternative solution, written
// from the README alone, counts per class: for each class its support (true examples), its hits
// (examples of it predicted right) and its predictions; balanced accuracy averages the recall
// over the classes that have support.
package clsmetrics

import "fmt"

// ConfusionMatrix returns the k×k matrix of counts, rows the truth; see README.md.
func ConfusionMatrix(yTrue, yPred []int, k int) [][]int {
	check(yTrue, yPred, k)
	var c [][]int
	for range k {
		c = append(c, make([]int, k))
	}
	for i := range yTrue {
		c[yTrue[i]][yPred[i]]++
	}
	return c
}

func check(yTrue, yPred []int, k int) {
	if len(yTrue) != len(yPred) || len(yTrue) == 0 || k < 2 {
		panic(fmt.Sprintf("clsmetrics: bad input (lengths %d and %d, k = %d)", len(yTrue), len(yPred), k))
	}
	for i := range yTrue {
		if yTrue[i] < 0 || yTrue[i] >= k || yPred[i] < 0 || yPred[i] >= k {
			panic(fmt.Sprintf("clsmetrics: label out of 0..%d at %d", k-1, i))
		}
	}
}

// stats counts, for the binary classes 0 and 1, the support, the hits and the predictions.
type stats struct{ support, hits, predicted [2]int }

func count(yTrue, yPred []int) stats {
	check(yTrue, yPred, 2)
	var s stats
	for i, t := range yTrue {
		s.support[t]++
		s.predicted[yPred[i]]++
		if yPred[i] == t {
			s.hits[t]++
		}
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Accuracy returns the share of right predictions; see README.md.
func Accuracy(yTrue, yPred []int) float64 {
	s := count(yTrue, yPred)
	return ratio(s.hits[0]+s.hits[1], len(yTrue))
}

// Precision returns the share of predicted positives that are positive; see README.md.
func Precision(yTrue, yPred []int) float64 {
	s := count(yTrue, yPred)
	return ratio(s.hits[1], s.predicted[1])
}

// Recall returns the share of positives predicted positive; see README.md.
func Recall(yTrue, yPred []int) float64 {
	s := count(yTrue, yPred)
	return ratio(s.hits[1], s.support[1])
}

// F1 returns 2·TP/(2·TP + FP + FN): FP + FN is what was predicted positive plus what is
// positive, less twice the hits; see README.md.
func F1(yTrue, yPred []int) float64 {
	s := count(yTrue, yPred)
	return ratio(2*s.hits[1], s.predicted[1]+s.support[1])
}

// BalancedAccuracy averages the recall of the classes present in yTrue; see README.md.
func BalancedAccuracy(yTrue, yPred []int) float64 {
	s := count(yTrue, yPred)
	var sum float64
	var present int
	for c := range 2 {
		if s.support[c] > 0 {
			sum += ratio(s.hits[c], s.support[c])
			present++
		}
	}
	return sum / float64(present)
}
