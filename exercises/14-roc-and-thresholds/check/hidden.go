//go:build hidden

package check

import (
	"fmt"
	"math"
	"slices"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on scores the learner never saw, drawn from the run's seed: synthetic data
// of random size, imbalance, separation and rounding (probabilities or logits), other malignant
// tumours, other recall targets, and the tied-F1 example under a random increasing map.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "ROC, AUC and PRCurve on unseen imbalanced scores", Points: 2, Hidden: true, Run: hiddenCurves},
		{Name: "ThresholdForRecall and BestF1Threshold on unseen scores", Points: 2, Hidden: true, Run: hiddenThresholds},
	}
}

// unseenScores returns random imbalanced scores with ties: 150 to 600 examples, 3 to 12 %
// positive (at least 3), the classes' logits 0.8 to 3 apart, rounded to 1 to 3 decimals,
// probabilities or (one time in three) the logits themselves.
func unseenScores(t *grader.T) ([]int, []float64, string) {
	rng := t.Rand()
	n := 150 + rng.IntN(451)
	nPos := max(3, int(math.Round(float64(n)*(0.03+0.09*rng.Float64()))))
	decimals := 1 + rng.IntN(3)
	logits := rng.IntN(3) == 0
	y, s := imbalanced(rng, n, nPos, 0.8+2.2*rng.Float64(), decimals, logits)
	kind := "probabilities"
	if logits {
		kind = "logits"
	}
	return y, s, fmt.Sprintf("unseen %s rounded to %d decimals, %d of %d positive", kind, decimals, nPos, n)
}

func hiddenCurves(t *grader.T) {
	y, s, what := unseenScores(t)
	checkROC(t, y, s, what)
	checkAUC(t, y, s, what)
	checkPR(t, y, s, what)
	cy, cs, err := rareCancer(t.Rand(), 10+t.Rand().IntN(21))
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	checkAUC(t, cy, cs, "breast cancer with unseen malignant tumours")
}

// exactTargets returns up to three recall targets k/n₊ below 1 for which float64 division
// gives (k/n₊)·n₊ == k, and a target that is no count's recall. (A target of 1 is asked alone:
// no recall exceeds it.)
func exactTargets(t *grader.T, nPos int) []float64 {
	rng := t.Rand()
	var exact []float64
	for k := 1; k < nPos; k++ {
		if v := float64(k) / float64(nPos); v*float64(nPos) == float64(k) {
			exact = append(exact, v)
		}
	}
	rng.Shuffle(len(exact), func(i, j int) { exact[i], exact[j] = exact[j], exact[i] })
	targets := exact[:min(3, len(exact))]
	return append(targets, (0.5+float64(rng.IntN(nPos)))/float64(nPos))
}

func hiddenThresholds(t *grader.T) {
	rng := t.Rand()
	cy, cs, err := rareCancer(rng, 10+rng.IntN(21))
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	what := "breast cancer with unseen malignant tumours"
	checkForRecall(t, cy, cs, exactTargets(t, reference(cy, cs).nPos), what, false)
	checkForRecall(t, cy, cs, []float64{1}, what, false)
	checkBestF1(t, cy, cs, what)

	// Unseen scores on which the threshold of best accuracy is not one of best F1 (almost
	// always at once).
	y, s, what := unseenScores(t)
	for range 20 {
		tb := reference(y, s)
		accs, _, _ := tb.bestAccuracy()
		best, _ := tb.bestF1()
		if !slices.ContainsFunc(accs, func(a float64) bool { return slices.Contains(best, a) }) {
			break
		}
		y, s, what = unseenScores(t)
	}
	checkForRecall(t, y, s, exactTargets(t, reference(y, s).nPos), what, false)
	checkBestF1(t, y, s, what)

	// The ten examples whose F1 ties three ways, under a random increasing map of the scores,
	// in a random order, with up to 5 more negatives scoring lower than all of them.
	ty := []int{1, 1, 0, 0, 1, 0, 0, 1, 0, 0}
	a, b := 0.1+rng.Float64(), rng.NormFloat64()
	var yy []int
	var ss []float64
	for i, v := range ty {
		yy, ss = append(yy, v), append(ss, a*float64(10-i)+b)
	}
	for k := range rng.IntN(6) {
		yy, ss = append(yy, 0), append(ss, b-a*float64(k+1))
	}
	perm := rng.Perm(len(yy))
	py, ps := make([]int, len(yy)), make([]float64, len(ss))
	for i, p := range perm {
		py[i], ps[i] = yy[p], ss[p]
	}
	checkBestF1(t, py, ps, "unseen scores with three thresholds tied for the best F1")
}
