package metrics

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// ranked holds the scores of the positive and the negative samples, each sorted ascending, as
// order-preserving integer keys (see floatKey). Walking both from the top visits the distinct
// thresholds in decreasing order with the cumulative true and false positive counts, which is
// all the ROC and PR curves need: two integer sorts replace sorting indices by score, and no
// labels travel with the keys.
type ranked struct {
	pos, neg []uint64
}

// rank validates binary labels and finite scores and splits the scores by class into sorted
// keys. It makes one allocation of 2·n words. The two classes are sorted concurrently when
// both are large. It panics if the lengths differ, the input is empty, a label is not 0 or 1,
// or a score is NaN or ±Inf.
func rank(fn string, yTrue []int, score []float64) ranked {
	checkLen(fn, "yTrue", "score", len(yTrue), len(score))
	checkLabels(fn, "yTrue", yTrue, 2)
	checkFinite(fn, "score", score)
	var nPos int
	for _, y := range yTrue {
		nPos += y
	}
	n := len(score)
	buf := make([]uint64, 2*n)
	keys, scratch := buf[:n:n], buf[n:]
	// Branch-free split: the labels are random, so a branch would mispredict half the time.
	p, q := 0, nPos
	for i, y := range yTrue {
		at := y*p + (1-y)*q
		keys[at] = floatKey(score[i])
		p += y
		q += 1 - y
	}
	r := ranked{pos: keys[:nPos:nPos], neg: keys[nPos:]}
	const parallel = 1 << 15
	if min(nPos, n-nPos) < parallel {
		radixSort(r.pos, scratch[:nPos])
		radixSort(r.neg, scratch[nPos:])
		return r
	}
	var wg sync.WaitGroup
	wg.Go(func() { radixSort(r.pos, scratch[:nPos]) })
	radixSort(r.neg, scratch[nPos:])
	wg.Wait()
	return r
}

// floatKey maps a float64 to a uint64 whose unsigned order is the numeric order of the floats
// (negative floats have all bits flipped, the others only the sign bit), and −0 to the key
// of +0, so that equal keys are exactly the scores that compare ==.
func floatKey(x float64) uint64 {
	b := math.Float64bits(x + 0) // −0 + 0 = +0
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// keyFloat inverts floatKey.
func keyFloat(k uint64) float64 {
	if k>>63 == 1 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}

// radixSort sorts x ascending with a least-significant-digit radix sort on 11-bit digits,
// using scratch (len ≥ len(x)) as the second buffer. All six digit histograms come from one
// pass over x, and a pass whose digit is the same for every key (the sign and exponent bits of
// scores in a narrow range) is skipped. Short inputs use slices.Sort.
func radixSort(x, scratch []uint64) {
	const (
		bits    = 11
		buckets = 1 << bits
		mask    = buckets - 1
		passes  = (64 + bits - 1) / bits
	)
	if len(x) < 512 {
		slices.Sort(x)
		return
	}
	var count [passes][buckets]int
	for _, v := range x {
		for p := range passes {
			count[p][(v>>(p*bits))&mask]++
		}
	}
	src, dst := x, scratch[:len(x)]
	for p := range passes {
		shift := uint(p * bits)
		c := &count[p]
		if c[(src[0]>>shift)&mask] == len(src) {
			continue
		}
		sum := 0
		for d, cnt := range c {
			c[d] = sum
			sum += cnt
		}
		for _, v := range src {
			d := (v >> shift) & mask
			dst[c[d]] = v
			c[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &x[0] {
		copy(x, src)
	}
}

// walk calls visit once per distinct score, from the highest to the lowest, with the score
// and the numbers of positives (tp) and negatives (fp) scoring at least that much.
func (r ranked) walk(visit func(threshold float64, tp, fp int)) {
	i, j := len(r.pos)-1, len(r.neg)-1
	var tp, fp int
	for i >= 0 || j >= 0 {
		var t uint64
		switch {
		case i < 0:
			t = r.neg[j]
		case j < 0:
			t = r.pos[i]
		default:
			t = max(r.pos[i], r.neg[j])
		}
		for i >= 0 && r.pos[i] == t {
			tp++
			i--
		}
		for j >= 0 && r.neg[j] == t {
			fp++
			j--
		}
		visit(keyFloat(t), tp, fp)
	}
}

// requireBoth panics unless both classes are present.
func (r ranked) requireBoth(fn string) {
	if len(r.pos) == 0 || len(r.neg) == 0 {
		panic(fmt.Sprintf("metrics: %s: yTrue holds only class %d; the ROC curve needs both classes", fn, min(len(r.pos), 1)))
	}
}

// ROCAUC returns the area under the ROC curve of the scores for the binary labels yTrue ∈
// {0, 1}, class 1 being positive, as scikit-learn's roc_auc_score. It is the probability that
// a random positive scores higher than a random negative, ties counting one half:
//
//	AUC = (1/(n₊·n₋)) Σ_{i positive} Σ_{j negative} ( 1[sᵢ > sⱼ] + ½·1[sᵢ = sⱼ] ),
//
// the Mann–Whitney U statistic over n₊·n₋, equal to the trapezoidal area under the ROC curve.
// Ties are exact float equality (−0 ties with +0). Only the order of the scores matters.
//
// It sorts the scores of each class once with a radix sort (O(n)), the two classes
// concurrently when both are large, and accumulates the trapezoids over the distinct
// thresholds in exact integer arithmetic, with one division at the end.
//
// It panics if the lengths differ, if the input is empty, if a label is not 0 or 1, if only
// one class is present (the AUC is undefined; scikit-learn raises ValueError), or if a score
// is NaN or ±Inf.
func ROCAUC(yTrue []int, score []float64) float64 {
	const fn = "ROCAUC"
	r := rank(fn, yTrue, score)
	r.requireBoth(fn)
	// Twice the area, in units of one negative × one positive:
	// Σ (fp − fp′)·(tp + tp′) over consecutive thresholds. It is at most 2·n₊·n₋ < 2⁶³ for any
	// n that fits in memory.
	var area2 int64
	var tpPrev, fpPrev int
	r.walk(func(_ float64, tp, fp int) {
		area2 += int64(fp-fpPrev) * int64(tp+tpPrev)
		tpPrev, fpPrev = tp, fp
	})
	return float64(area2) / (2 * float64(len(r.pos)) * float64(len(r.neg)))
}

// ROCCurve returns the receiver operating characteristic of the scores for the binary labels
// yTrue ∈ {0, 1}, class 1 being positive, as scikit-learn's roc_curve with its default
// drop_intermediate=True. For each threshold t, taken from the distinct scores in decreasing
// order and predicting positive when score ≥ t,
//
//	fpr = fp(t)/n₋,  tpr = tp(t)/n₊.
//
// Tied scores give one point. The curve starts at (0, 0) with threshold +Inf (scikit-learn
// ≥ 1.3; 1.2 used max(score)+1) and ends at (1, 1). As in scikit-learn, a point is dropped
// when the step in fp and the step in tp into it both equal the steps out of it, i.e. when
// its second differences are zero, so it lies on a straight segment with its neighbours
// (this keeps the ROC AUC and the shape of the curve).
//
// It panics like ROCAUC.
func ROCCurve(yTrue []int, score []float64) (fpr, tpr, thresholds []float64) {
	const fn = "ROCCurve"
	r := rank(fn, yTrue, score)
	r.requireBoth(fn)
	var fps, tps []int
	r.walk(func(t float64, tp, fp int) {
		fps = append(fps, fp)
		tps = append(tps, tp)
		thresholds = append(thresholds, t)
	})
	// Drop the points whose second differences are zero in both fp and tp; keep the ends.
	// Compacting in place is safe: a position is only overwritten after it was last read.
	keep := 1
	for i := 1; i < len(fps); i++ {
		if i < len(fps)-1 && fps[i-1]-2*fps[i]+fps[i+1] == 0 && tps[i-1]-2*tps[i]+tps[i+1] == 0 {
			continue
		}
		fps[keep], tps[keep], thresholds[keep] = fps[i], tps[i], thresholds[i]
		keep++
	}
	fps, tps, thresholds = fps[:keep], tps[:keep], thresholds[:keep]

	m := len(fps) + 1
	fpr, tpr = make([]float64, m), make([]float64, m)
	thresholds = slices.Insert(thresholds, 0, math.Inf(1))
	nPos, nNeg := float64(len(r.pos)), float64(len(r.neg))
	for i := range fps {
		fpr[i+1] = float64(fps[i]) / nNeg
		tpr[i+1] = float64(tps[i]) / nPos
	}
	return fpr, tpr, thresholds
}

// PrecisionRecallCurve returns the precision-recall curve of the scores for the binary labels
// yTrue ∈ {0, 1}, class 1 being positive, as scikit-learn's precision_recall_curve (1.1 and
// later). For each threshold t, taken from the distinct scores in increasing order and
// predicting positive when score ≥ t,
//
//	precision = tp(t)/(tp(t) + fp(t)),  recall = tp(t)/n₊.
//
// precision and recall have one more element than thresholds: the last point is
// (recall 0, precision 1) and has no threshold. Recall is non-increasing along the slices.
//
// It panics if the lengths differ, if the input is empty, if a label is not 0 or 1, if no
// sample is positive (recall is undefined), or if a score is NaN or ±Inf.
func PrecisionRecallCurve(yTrue []int, score []float64) (precision, recall, thresholds []float64) {
	const fn = "PrecisionRecallCurve"
	r := rank(fn, yTrue, score)
	r.requirePositive(fn)
	nPos := float64(len(r.pos))
	r.walk(func(t float64, tp, fp int) {
		precision = append(precision, float64(tp)/float64(tp+fp))
		recall = append(recall, float64(tp)/nPos)
		thresholds = append(thresholds, t)
	})
	slices.Reverse(precision)
	slices.Reverse(recall)
	slices.Reverse(thresholds)
	return append(precision, 1), append(recall, 0), thresholds
}

// requirePositive panics unless some sample is positive.
func (r ranked) requirePositive(fn string) {
	if len(r.pos) == 0 {
		panic(fmt.Sprintf("metrics: %s: yTrue holds no positive (class 1) sample; recall is undefined", fn))
	}
}

// AveragePrecision returns the average precision of the scores for the binary labels
// yTrue ∈ {0, 1}, class 1 being positive, as scikit-learn's average_precision_score: the
// precision at each threshold weighted by the increase in recall,
//
//	AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ,
//
// over the thresholds of PrecisionRecallCurve from the highest down, with R₀ = 0. It is a
// step sum, not the trapezoidal area, which is optimistic.
//
// It panics like PrecisionRecallCurve.
func AveragePrecision(yTrue []int, score []float64) float64 {
	const fn = "AveragePrecision"
	r := rank(fn, yTrue, score)
	r.requirePositive(fn)
	var ap float64
	var tpPrev int
	r.walk(func(_ float64, tp, fp int) {
		ap += float64(tp-tpPrev) * float64(tp) / float64(tp+fp)
		tpPrev = tp
	})
	return ap / float64(len(r.pos))
}

// ROCAUCOvR returns the one-vs-rest ROC AUC of a k-class problem, the unweighted mean over
// classes c of the binary ROCAUC of "class c against the rest" scored by column c of proba,
// as scikit-learn's roc_auc_score with multi_class="ovr" and average="macro". proba is n×k;
// its rows are usually predicted probabilities, but only the order within each column
// matters, and rows are not required to sum to 1.
//
// It panics if proba has not len(yTrue) rows, if the input is empty, if proba has fewer than
// 2 columns, if a label is outside 0..k−1, if some class never occurs in yTrue (its AUC is
// undefined) or every sample has the same class, or if a score is NaN or ±Inf.
func ROCAUCOvR(yTrue []int, proba mat.Matrix) float64 {
	const fn = "ROCAUCOvR"
	n, k := checkProba(fn, yTrue, proba)
	support := make([]int, k)
	for _, y := range yTrue {
		support[y]++
	}
	if c := slices.Index(support, 0); c >= 0 {
		panic(fmt.Sprintf("metrics: %s: class %d never occurs in yTrue; its one-vs-rest AUC is undefined", fn, c))
	}
	isC := make([]int, n)
	col := make([]float64, n)
	var sum float64
	for c := range k {
		for i, y := range yTrue {
			isC[i] = 0
			if y == c {
				isC[i] = 1
			}
		}
		mat.Col(col, c, proba)
		for i, v := range col {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("metrics: %s: proba[%d, %d] is %v", fn, i, c, v))
			}
		}
		sum += ROCAUC(isC, col)
	}
	return sum / float64(k)
}
