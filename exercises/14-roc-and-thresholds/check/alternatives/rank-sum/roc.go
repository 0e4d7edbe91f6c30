// Package roc is an alternative correct solution of exercise 14, written from the README alone:
// a sorted copy of (score, label) pairs walked once, the cumulative counts accumulated in
// floating point (fpr += 1/n₋ per negative), and the AUC from the rank sum of the positives
// with tied scores sharing their average rank (Mann–Whitney U).
package roc

import (
	"math"
	"sort"
)

type example struct {
	score float64
	pos   bool
}

// sorted returns a copy of the examples, highest score first.
func sorted(y []int, scores []float64) []example {
	if len(y) != len(scores) || len(y) == 0 {
		panic("roc: bad input")
	}
	ex := make([]example, len(y))
	for i := range y {
		if y[i] < 0 || y[i] > 1 {
			panic("roc: bad label")
		}
		ex[i] = example{scores[i], y[i] == 1}
	}
	sort.Slice(ex, func(a, b int) bool { return ex[a].score > ex[b].score })
	return ex
}

func count(ex []example) (nPos, nNeg int) {
	for _, e := range ex {
		if e.pos {
			nPos++
		} else {
			nNeg++
		}
	}
	return nPos, nNeg
}

func ROC(y []int, scores []float64) (fpr, tpr, thresholds []float64) {
	ex := sorted(y, scores)
	nPos, nNeg := count(ex)
	if nPos == 0 || nNeg == 0 {
		panic("roc: need both classes")
	}
	x, v := 0.0, 0.0
	fpr, tpr, thresholds = append(fpr, x), append(tpr, v), append(thresholds, math.Inf(1))
	for i, e := range ex {
		if e.pos {
			v += 1 / float64(nPos)
		} else {
			x += 1 / float64(nNeg)
		}
		if i == len(ex)-1 || ex[i+1].score != e.score {
			fpr, tpr, thresholds = append(fpr, x), append(tpr, v), append(thresholds, e.score)
		}
	}
	return fpr, tpr, thresholds
}

func AUC(y []int, scores []float64) float64 {
	ex := sorted(y, scores)
	nPos, nNeg := count(ex)
	if nPos == 0 || nNeg == 0 {
		panic("roc: need both classes")
	}
	// Ranks from the lowest score up: the examples ex[i..j) tie and share the average of the
	// ranks n−j+1 … n−i.
	n := len(ex)
	rankSum := 0.0
	for i := 0; i < n; {
		j := i
		for j < n && ex[j].score == ex[i].score {
			j++
		}
		avg := float64((n-j+1)+(n-i)) / 2
		for k := i; k < j; k++ {
			if ex[k].pos {
				rankSum += avg
			}
		}
		i = j
	}
	u := rankSum - float64(nPos)*float64(nPos+1)/2
	return u / (float64(nPos) * float64(nNeg))
}

func PRCurve(y []int, scores []float64) (precision, recall, thresholds []float64) {
	ex := sorted(y, scores)
	nPos, _ := count(ex)
	if nPos == 0 {
		panic("roc: no positive")
	}
	tp, flagged := 0, 0
	for i, e := range ex {
		flagged++
		if e.pos {
			tp++
		}
		if i == len(ex)-1 || ex[i+1].score != e.score {
			precision = append(precision, float64(tp)/float64(flagged))
			recall = append(recall, float64(tp)/float64(nPos))
			thresholds = append(thresholds, e.score)
		}
	}
	return precision, recall, thresholds
}

func ThresholdForRecall(y []int, scores []float64, target float64) float64 {
	if !(target > 0 && target <= 1) {
		panic("roc: target out of range")
	}
	_, recall, thresholds := PRCurve(y, scores)
	i := sort.Search(len(recall), func(i int) bool { return recall[i] >= target })
	return thresholds[i]
}

func BestF1Threshold(y []int, scores []float64) (threshold, f1 float64) {
	ex := sorted(y, scores)
	nPos, _ := count(ex)
	if nPos == 0 {
		panic("roc: no positive")
	}
	tp, fp := 0, 0
	f1 = -1
	for i, e := range ex {
		if e.pos {
			tp++
		} else {
			fp++
		}
		if i < len(ex)-1 && ex[i+1].score == e.score {
			continue
		}
		if v := 2 * float64(tp) / float64(2*tp+fp+(nPos-tp)); v > f1 {
			threshold, f1 = e.score, v
		}
	}
	return threshold, f1
}
