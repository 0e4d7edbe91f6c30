// Package roc is an alternative correct solution of exercise 14, written from the README alone:
// the distinct scores collected in a map and sorted, the counts of each threshold by a fresh
// pass over all examples (score >= t), the AUC by comparing every positive with every negative
// (a tie counts ½), and F1 compared as exact fractions.
package roc

import (
	"math"
	"sort"
)

// distinct returns the distinct scores, highest first.
func distinct(scores []float64) []float64 {
	seen := map[float64]bool{}
	var out []float64
	for _, s := range scores {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(out)))
	return out
}

// at counts the positives and negatives scoring at least t.
func at(y []int, scores []float64, t float64) (tp, fp int) {
	for i, s := range scores {
		if s >= t {
			if y[i] == 1 {
				tp++
			} else {
				fp++
			}
		}
	}
	return tp, fp
}

func classes(y []int) (nPos, nNeg int) {
	if len(y) == 0 {
		panic("roc: empty input")
	}
	for _, v := range y {
		switch v {
		case 1:
			nPos++
		case 0:
			nNeg++
		default:
			panic("roc: labels must be 0 or 1")
		}
	}
	return nPos, nNeg
}

func ROC(y []int, scores []float64) (fpr, tpr, thresholds []float64) {
	if len(y) != len(scores) {
		panic("roc: lengths differ")
	}
	nPos, nNeg := classes(y)
	if nPos == 0 || nNeg == 0 {
		panic("roc: need both classes")
	}
	fpr, tpr, thresholds = []float64{0}, []float64{0}, []float64{math.Inf(1)}
	for _, t := range distinct(scores) {
		tp, fp := at(y, scores, t)
		fpr = append(fpr, float64(fp)/float64(nNeg))
		tpr = append(tpr, float64(tp)/float64(nPos))
		thresholds = append(thresholds, t)
	}
	return fpr, tpr, thresholds
}

func AUC(y []int, scores []float64) float64 {
	if len(y) != len(scores) {
		panic("roc: lengths differ")
	}
	nPos, nNeg := classes(y)
	if nPos == 0 || nNeg == 0 {
		panic("roc: need both classes")
	}
	wins := 0 // in halves
	for i := range y {
		if y[i] != 1 {
			continue
		}
		for j := range y {
			if y[j] != 0 {
				continue
			}
			switch {
			case scores[i] > scores[j]:
				wins += 2
			case scores[i] == scores[j]:
				wins++
			}
		}
	}
	return float64(wins) / 2 / (float64(nPos) * float64(nNeg))
}

func PRCurve(y []int, scores []float64) (precision, recall, thresholds []float64) {
	if len(y) != len(scores) {
		panic("roc: lengths differ")
	}
	nPos, _ := classes(y)
	if nPos == 0 {
		panic("roc: no positive")
	}
	for _, t := range distinct(scores) {
		tp, fp := at(y, scores, t)
		precision = append(precision, float64(tp)/float64(tp+fp))
		recall = append(recall, float64(tp)/float64(nPos))
		thresholds = append(thresholds, t)
	}
	return precision, recall, thresholds
}

func ThresholdForRecall(y []int, scores []float64, target float64) float64 {
	if target <= 0 || target > 1 {
		panic("roc: target out of range")
	}
	_, recall, thresholds := PRCurve(y, scores)
	for i := range thresholds {
		if recall[i] >= target {
			return thresholds[i]
		}
	}
	panic("roc: target not reached")
}

func BestF1Threshold(y []int, scores []float64) (threshold, f1 float64) {
	if len(y) != len(scores) {
		panic("roc: lengths differ")
	}
	nPos, _ := classes(y)
	if nPos == 0 {
		panic("roc: no positive")
	}
	bestNum, bestDen := -1, 1
	for _, t := range distinct(scores) {
		tp, fp := at(y, scores, t)
		num, den := 2*tp, 2*tp+fp+(nPos-tp)
		if num*bestDen > bestNum*den { // num/den > bestNum/bestDen
			bestNum, bestDen, threshold = num, den, t
		}
	}
	return threshold, float64(bestNum) / float64(bestDen)
}
