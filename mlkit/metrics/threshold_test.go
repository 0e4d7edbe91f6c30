package metrics

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// thresholdCase is one entry of testdata/thresholds_sklearn.json, written by
// testdata/thresholds_sklearn.py from scikit-learn 1.2.1's roc_curve(drop_intermediate=False),
// precision_recall_curve and f1_score.
type thresholdCase struct {
	Note       string    `json:"note"`
	Y          []int     `json:"y"`
	Score      []float64 `json:"score"`
	Thresholds []float64 `json:"thresholds"`
	TP         []int     `json:"tp"`
	FP         []int     `json:"fp"`
	ForRecall  []struct {
		Target, Threshold, Precision, Recall float64
	} `json:"for_recall"`
	BestF1 struct {
		Threshold, F1 float64
	} `json:"best_f1"`
}

func thresholdCases(t *testing.T) []thresholdCase {
	t.Helper()
	b, err := os.ReadFile("testdata/thresholds_sklearn.json")
	require.NoError(t, err)
	var f struct {
		Cases []thresholdCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(b, &f))
	require.NotEmpty(t, f.Cases)
	return f.Cases
}

// TestThresholdOracle compares with scikit-learn: thresholds (input scores) and counts exactly;
// precision, recall and F1, quotients of small counts, within rtol 1e-9 + atol 1e-12 (the
// script's F1 comes from f1_score, which divides differently).
func TestThresholdOracle(t *testing.T) {
	for _, c := range thresholdCases(t) {
		t.Run(c.Note, func(t *testing.T) {
			thr, tp, fp := ThresholdCounts(c.Y, c.Score)
			assert.Equal(t, c.Thresholds, thr, "thresholds")
			assert.Equal(t, c.TP, tp, "tp")
			assert.Equal(t, c.FP, fp, "fp")
			for _, r := range c.ForRecall {
				th, p, rec := ThresholdForRecall(c.Y, c.Score, r.Target)
				assert.Equal(t, r.Threshold, th, "threshold for recall %v", r.Target)
				assertClose(t, r.Precision, p, "precision at recall %v", r.Target)
				assertClose(t, r.Recall, rec, "recall for target %v", r.Target)
				assert.GreaterOrEqual(t, rec, r.Target)
			}
			th, f1 := BestF1Threshold(c.Y, c.Score)
			assert.Equal(t, c.BestF1.Threshold, th, "best-F1 threshold")
			assertClose(t, c.BestF1.F1, f1, "best F1")
		})
	}
}

// TestThresholdCountsCurves checks that the counts are the curves of ROCCurve (before its
// collinear points are dropped) and PrecisionRecallCurve, on random scores with ties.
func TestThresholdCountsCurves(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	for range 50 {
		n := 1 + rng.IntN(300)
		y := make([]int, n)
		s := make([]float64, n)
		for i := range n {
			y[i] = rng.IntN(2)
			s[i] = math.Round(10*rng.NormFloat64()+5*float64(y[i])) / 4
		}
		y[0] = 1 // at least one positive, and a negative when n > 1
		if n > 1 {
			y[n-1] = 0
		}
		thr, tp, fp := ThresholdCounts(y, s)
		require.Len(t, tp, len(thr))
		require.Len(t, fp, len(thr))
		for i := 1; i < len(thr); i++ {
			require.Less(t, thr[i], thr[i-1], "thresholds strictly decreasing")
		}
		nPos, nNeg := tp[len(tp)-1], fp[len(fp)-1]
		for i, th := range thr {
			var p, f int
			for k := range n {
				if s[k] >= th {
					p += y[k]
					f += 1 - y[k]
				}
			}
			require.Equal(t, p, tp[i])
			require.Equal(t, f, fp[i])
		}
		precision, recall, prThr := PrecisionRecallCurve(y, s)
		for i := range thr {
			k := len(thr) - 1 - i // PrecisionRecallCurve is in increasing threshold order
			require.Equal(t, thr[i], prThr[k])
			require.Equal(t, float64(tp[i])/float64(tp[i]+fp[i]), precision[k])
			require.Equal(t, float64(tp[i])/float64(nPos), recall[k])
		}
		if nNeg == 0 {
			continue
		}
		// ROCCurve keeps a subset of the same points, in the same order.
		fpr, tpr, rocThr := ROCCurve(y, s)
		k := 0
		for j := 1; j < len(rocThr); j++ {
			for thr[k] != rocThr[j] {
				k++
			}
			require.Equal(t, float64(fp[k])/float64(nNeg), fpr[j])
			require.Equal(t, float64(tp[k])/float64(nPos), tpr[j])
		}
	}
}

// TestThresholdSelectionBruteForce compares ThresholdForRecall and BestF1Threshold with a
// search over every distinct score that evaluates each one from scratch.
func TestThresholdSelectionBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	for range 100 {
		n := 2 + rng.IntN(60)
		y := make([]int, n)
		s := make([]float64, n)
		for i := range n {
			y[i] = rng.IntN(2)
			s[i] = float64(rng.IntN(12))
		}
		y[0] = 1
		nPos := 0
		for _, v := range y {
			nPos += v
		}
		thr, _, _ := ThresholdCounts(y, s)
		at := func(th float64) (tp, fp int) {
			for k := range n {
				if s[k] >= th {
					tp += y[k]
					fp += 1 - y[k]
				}
			}
			return tp, fp
		}
		for k := 0; k <= nPos; k++ {
			target := float64(k) / float64(nPos)
			want := math.Inf(-1)
			for _, th := range thr {
				if tp, _ := at(th); float64(tp)/float64(nPos) >= target {
					want = max(want, th)
				}
			}
			got, p, r := ThresholdForRecall(y, s, target)
			require.Equal(t, want, got, "target %d/%d", k, nPos)
			tp, fp := at(got)
			require.Equal(t, float64(tp)/float64(tp+fp), p)
			require.Equal(t, float64(tp)/float64(nPos), r)
		}
		bestF1, bestT := -1.0, 0.0
		for _, th := range thr { // highest first: ">" keeps the highest of equal F1s
			tp, fp := at(th)
			if f1 := 2 * float64(tp) / float64(tp+fp+nPos); f1 > bestF1 {
				bestF1, bestT = f1, th
			}
		}
		th, f1 := BestF1Threshold(y, s)
		require.Equal(t, bestT, th)
		require.Equal(t, bestF1, f1)
	}
}

func TestThresholdPanics(t *testing.T) {
	b2, f2 := []int{0, 1}, []float64{1, 2}
	for _, tc := range []struct {
		name string
		call func()
		msg  string
	}{
		{"counts lengths", func() { ThresholdCounts(b2, []float64{1}) }, "metrics: ThresholdCounts: len(yTrue) = 2, len(score) = 1"},
		{"counts NaN", func() { ThresholdCounts(b2, []float64{1, math.NaN()}) }, "metrics: ThresholdCounts: score[1] is NaN"},
		{"recall target", func() { ThresholdForRecall(b2, f2, 1.5) }, "metrics: ThresholdForRecall: minRecall = 1.5 is outside [0, 1]"},
		{"recall NaN target", func() { ThresholdForRecall(b2, f2, math.NaN()) }, "metrics: ThresholdForRecall: minRecall = NaN is outside [0, 1]"},
		{"recall no positive", func() { ThresholdForRecall([]int{0, 0}, f2, 0.5) }, "metrics: ThresholdForRecall: yTrue holds no positive (class 1) sample; recall is undefined"},
		{"F1 label", func() { BestF1Threshold([]int{0, 2}, f2) }, "metrics: BestF1Threshold: yTrue[1] = 2 is outside 0..1 (k = 2)"},
		{"F1 empty", func() { BestF1Threshold(nil, nil) }, "metrics: BestF1Threshold: empty input"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.PanicsWithValue(t, tc.msg, tc.call)
		})
	}
}
