package metrics_test

import (
	"fmt"

	"github.com/mlkata/mlkata/mlkit/metrics"
)

func ExampleThresholdCounts() {
	// The tied pair at 0.8 (a positive and a negative) is one threshold.
	yTrue := []int{1, 0, 1, 1, 0, 0, 1, 0}
	score := []float64{0.9, 0.8, 0.8, 0.6, 0.6, 0.4, 0.3, 0.1}
	thr, tp, fp := metrics.ThresholdCounts(yTrue, score)
	for i := range thr {
		fmt.Printf("score ≥ %.1f: tp %d, fp %d\n", thr[i], tp[i], fp[i])
	}
	// Output:
	// score ≥ 0.9: tp 1, fp 0
	// score ≥ 0.8: tp 2, fp 1
	// score ≥ 0.6: tp 3, fp 2
	// score ≥ 0.4: tp 3, fp 3
	// score ≥ 0.3: tp 4, fp 3
	// score ≥ 0.1: tp 4, fp 4
}

func ExampleThresholdForRecall() {
	yTrue := []int{1, 0, 1, 1, 0, 0, 1, 0}
	score := []float64{0.9, 0.8, 0.8, 0.6, 0.6, 0.4, 0.3, 0.1}
	// Finding 3 of the 4 positives needs score ≥ 0.6, which also flags 2 negatives.
	t, p, r := metrics.ThresholdForRecall(yTrue, score, 0.75)
	fmt.Printf("threshold %.1f: precision %.2f, recall %.2f\n", t, p, r)
	// Output: threshold 0.6: precision 0.60, recall 0.75
}

func ExampleBestF1Threshold() {
	// F1 = 2·tp/(tp + fp + n₊) is 4/6, 6/9 and 8/12 at the thresholds 9, 6 and 3: a three-way
	// tie, which goes to the highest threshold.
	yTrue := []int{1, 1, 0, 0, 1, 0, 0, 1, 0, 0}
	score := []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
	t, f1 := metrics.BestF1Threshold(yTrue, score)
	fmt.Printf("threshold %g, F1 %.4f\n", t, f1)
	// Output: threshold 9, F1 0.6667
}
