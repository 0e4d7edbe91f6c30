package metrics

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// Hand-checked values: the regression and classification numbers below are scikit-learn
// 1.2.1's documented examples (research notes, section B), compared to rtol 1e-9 with
// assertClose; counts are compared exactly.

func TestRegressionValues(t *testing.T) {
	for _, tc := range []struct {
		name               string
		yTrue, yPred       []float64
		mse, rmse, mae, r2 float64
	}{
		{"sklearn doc", []float64{3, -0.5, 2, 7}, []float64{2.5, 0, 2, 8}, 0.375, math.Sqrt(0.375), 0.5, 0.9486081370449679},
		{"reversed", []float64{1, 2, 3}, []float64{3, 2, 1}, 8.0 / 3, math.Sqrt(8.0 / 3), 4.0 / 3, -3},
		{"perfect", []float64{1, 2, 3}, []float64{1, 2, 3}, 0, 0, 0, 1},
		{"single sample perfect", []float64{5}, []float64{5}, 0, 0, 0, 1},
		{"single sample off", []float64{5}, []float64{6}, 1, 1, 1, 0},
		// scikit-learn would give about −5e33 here (its mean of [0.1]*3 is not exactly 0.1);
		// we detect the constant target by comparing values and return 0 (documented).
		{"near-constant trap", []float64{0.1, 0.1, 0.1}, []float64{0.1, 0.2, 0.1}, 0.01 / 3, math.Sqrt(0.01 / 3), 0.1 / 3, 0},
		{"predict the mean", []float64{1, 2, 3, 4}, []float64{2.5, 2.5, 2.5, 2.5}, 1.25, math.Sqrt(1.25), 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertClose(t, tc.mse, MSE(tc.yTrue, tc.yPred), "MSE")
			assertClose(t, tc.rmse, RMSE(tc.yTrue, tc.yPred), "RMSE")
			assertClose(t, tc.mae, MAE(tc.yTrue, tc.yPred), "MAE")
			assertClose(t, tc.r2, R2(tc.yTrue, tc.yPred), "R2")
		})
	}
}

func TestClassificationValues(t *testing.T) {
	t.Run("binary confusion ravel", func(t *testing.T) {
		// scikit-learn: confusion_matrix([0,1,0,1], [1,1,1,0]).ravel() = (0, 2, 1, 1).
		assert.Equal(t, [][]int{{0, 2}, {1, 1}}, ConfusionMatrix([]int{0, 1, 0, 1}, []int{1, 1, 1, 0}, 2))
	})
	t.Run("multiclass averages", func(t *testing.T) {
		yTrue, yPred := []int{0, 1, 2, 0, 1, 2}, []int{0, 2, 1, 0, 0, 1}
		p, r, f1, support := PerClass(yTrue, yPred, 3)
		assertAllClose(t, []float64{2.0 / 3, 0, 0}, p, "precision")
		assertAllClose(t, []float64{1, 0, 0}, r, "recall")
		assertAllClose(t, []float64{0.8, 0, 0}, f1, "f1")
		assert.Equal(t, []int{2, 2, 2}, support)
		for _, tc := range []struct {
			avg     Average
			p, r, f float64
		}{
			{Macro, 2.0 / 9, 1.0 / 3, 0.8 / 3},
			{Weighted, 2.0 / 9, 1.0 / 3, 0.8 / 3},
			{Micro, 1.0 / 3, 1.0 / 3, 1.0 / 3},
		} {
			gp, gr, gf := PrecisionRecallF1(yTrue, yPred, 3, tc.avg)
			assertClose(t, tc.p, gp, "precision %v", tc.avg)
			assertClose(t, tc.r, gr, "recall %v", tc.avg)
			assertClose(t, tc.f, gf, "f1 %v", tc.avg)
		}
	})
	t.Run("zero division gives 0", func(t *testing.T) {
		// No positive at all: class 1 has 0/0 everywhere and scores 0; class 0 is perfect.
		for _, tc := range []struct {
			avg  Average
			want float64
		}{{Binary, 0}, {Macro, 0.5}, {Micro, 1}, {Weighted, 1}} {
			p, r, f := PrecisionRecallF1([]int{0, 0, 0}, []int{0, 0, 0}, 2, tc.avg)
			assert.Equal(t, [3]float64{tc.want, tc.want, tc.want}, [3]float64{p, r, f}, "%v", tc.avg)
		}
	})
	t.Run("absent class counts in macro", func(t *testing.T) {
		// Classes 0 and 1 perfect, class 2 never seen: macro over k = 3 is 2/3.
		assertClose(t, 2.0/3, F1([]int{0, 1}, []int{0, 1}, 3, Macro))
		assertClose(t, 1, F1([]int{0, 1}, []int{0, 1}, 3, Weighted))
	})
	t.Run("weighted differs from macro", func(t *testing.T) {
		yTrue, yPred := []int{0, 0, 0, 1}, []int{0, 0, 1, 1}
		// Class 0: P=1, R=2/3, F=0.8, support 3. Class 1: P=1/2, R=1, F=2/3, support 1.
		assertClose(t, (3*1+0.5)/4, Precision(yTrue, yPred, 2, Weighted))
		assertClose(t, (1+0.5)/2, Precision(yTrue, yPred, 2, Macro))
		assertClose(t, (3*0.8+2.0/3)/4, F1(yTrue, yPred, 2, Weighted))
		assertClose(t, 0.75, Recall(yTrue, yPred, 2, Micro))
	})
	t.Run("accuracy", func(t *testing.T) {
		assert.Equal(t, 0.5, Accuracy([]int{-1, 7, 3, 3}, []int{-1, 7, 4, 2}))
	})
}

func TestAverageString(t *testing.T) {
	for avg, want := range map[Average]string{Binary: "binary", Macro: "macro", Micro: "micro", Weighted: "weighted", 9: "Average(9)"} {
		assert.Equal(t, want, avg.String())
	}
}

func TestLogLossValues(t *testing.T) {
	// scikit-learn's doc example: log_loss(["spam","ham","ham","spam"],
	// [[.1,.9],[.9,.1],[.8,.2],[.35,.65]]) = 0.21616187468057912.
	const docLoss = 0.21616187468057912
	yTrue := []int{1, 0, 0, 1}
	assertClose(t, docLoss, BinaryLogLoss(yTrue, []float64{0.9, 0.1, 0.2, 0.65}))
	proba := mat.NewDense(4, 2, []float64{.1, .9, .9, .1, .8, .2, .35, .65})
	assertClose(t, docLoss, LogLoss(yTrue, proba))

	// Clipping: a certain wrong answer costs −log(1e-15), a certain right one −log(1−1e-15).
	want := (-math.Log(1e-15) - math.Log(1-1e-15)) / 2
	assertClose(t, want, BinaryLogLoss([]int{1, 0}, []float64{0, 0}), "clipped binary")
	assertClose(t, want, LogLoss([]int{1, 0}, mat.NewDense(2, 2, []float64{1, 0, 1, 0})), "clipped multiclass")

	// Three classes: −(log .7 + log .5 + log .2)/3.
	p3 := mat.NewDense(3, 3, []float64{.7, .2, .1, .25, .5, .25, .4, .4, .2})
	assertClose(t, -(math.Log(.7)+math.Log(.5)+math.Log(.2))/3, LogLoss([]int{0, 1, 2}, p3))
}

func TestROCValues(t *testing.T) {
	// scikit-learn's doc examples for roc_curve, roc_auc_score, precision_recall_curve and
	// average_precision_score on y = [0, 0, 1, 1], scores [.1, .4, .35, .8].
	y, s := []int{0, 0, 1, 1}, []float64{0.1, 0.4, 0.35, 0.8}
	fpr, tpr, thr := ROCCurve(y, s)
	assert.Equal(t, []float64{0, 0, 0.5, 0.5, 1}, fpr)
	assert.Equal(t, []float64{0, 0.5, 0.5, 1, 1}, tpr)
	assert.Equal(t, []float64{math.Inf(1), 0.8, 0.4, 0.35, 0.1}, thr)
	assert.Equal(t, 0.75, ROCAUC(y, s))

	prec, rec, pthr := PrecisionRecallCurve(y, s)
	assertAllClose(t, []float64{0.5, 2.0 / 3, 0.5, 1, 1}, prec, "precision")
	assert.Equal(t, []float64{1, 1, 0.5, 0.5, 0}, rec)
	assert.Equal(t, []float64{0.1, 0.35, 0.4, 0.8}, pthr)
	assertClose(t, 5.0/6, AveragePrecision(y, s))

	for _, tc := range []struct {
		name string
		y    []int
		s    []float64
		auc  float64
	}{
		{"all tied", []int{0, 1, 0, 1}, []float64{0.5, 0.5, 0.5, 0.5}, 0.5},
		{"tie across classes", []int{0, 1, 1}, []float64{0.2, 0.2, 0.9}, 0.75},
		{"perfect", []int{0, 0, 1}, []float64{-3, -2, 7}, 1},
		{"inverted", []int{1, 1, 0}, []float64{-3, -2, 7}, 0},
		{"signed zeros tie", []int{0, 1}, []float64{math.Copysign(0, -1), 0}, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.auc, ROCAUC(tc.y, tc.s))
			fpr, tpr, _ := ROCCurve(tc.y, tc.s)
			assertClose(t, tc.auc, trapezoid(fpr, tpr), "area under ROCCurve")
		})
	}

	t.Run("all tied ROC curve", func(t *testing.T) {
		fpr, tpr, thr := ROCCurve([]int{0, 1, 0, 1}, []float64{0.5, 0.5, 0.5, 0.5})
		assert.Equal(t, []float64{0, 1}, fpr)
		assert.Equal(t, []float64{0, 1}, tpr)
		assert.Equal(t, []float64{math.Inf(1), 0.5}, thr)
	})
	t.Run("PR curve with positives only", func(t *testing.T) {
		prec, rec, _ := PrecisionRecallCurve([]int{1, 1}, []float64{0.3, 0.6})
		assert.Equal(t, []float64{1, 1, 1}, prec)
		assert.Equal(t, []float64{1, 0.5, 0}, rec)
	})
}

func TestROCAUCOvR(t *testing.T) {
	// scikit-learn 1.2.1: roc_auc_score(y, p, multi_class="ovr") = 0.8222222222222223, the mean
	// of the per-class AUCs [0.8333…, 0.7666…, 0.8666…]; rows 5 and 8 tie in every column.
	y := []int{0, 1, 2, 2, 1, 0, 2, 1}
	p := mat.NewDense(8, 3, []float64{
		.5, .2, .3,
		.2, .5, .3,
		.1, .3, .6,
		.3, .3, .4,
		.4, .4, .2,
		.3, .4, .3,
		.2, .5, .3,
		.3, .4, .3,
	})
	orig := mat.DenseCopyOf(p)
	assertClose(t, 0.8222222222222223, ROCAUCOvR(y, p))
	assert.True(t, mat.Equal(orig, p), "proba mutated")
	// Two classes: the mean of AUC(class 1, column 1) and AUC(class 0, column 0), which equal
	// each other when the columns are 1 − p and p.
	two := mat.NewDense(4, 2, []float64{.9, .1, .6, .4, .65, .35, .2, .8})
	assertClose(t, ROCAUC([]int{0, 0, 1, 1}, []float64{.1, .4, .35, .8}), ROCAUCOvR([]int{0, 0, 1, 1}, two))
}

// trapezoid integrates y over x with the trapezoidal rule.
func trapezoid(x, y []float64) float64 {
	var a float64
	for i := 1; i < len(x); i++ {
		a += (x[i] - x[i-1]) * (y[i] + y[i-1]) / 2
	}
	return a
}

// bruteAUC is the Mann–Whitney definition over all positive-negative pairs, O(n²).
func bruteAUC(y []int, s []float64) float64 {
	var u float64
	var pairs int
	for i := range y {
		for j := range y {
			if y[i] != 1 || y[j] != 0 {
				continue
			}
			pairs++
			switch {
			case s[i] > s[j]:
				u++
			case s[i] == s[j]:
				u += 0.5
			}
		}
	}
	return u / float64(pairs)
}

// bruteAP is the average precision straight from its definition, O(n²).
func bruteAP(y []int, s []float64) float64 {
	thr := slices.Clone(s)
	slices.Sort(thr)
	thr = slices.Compact(thr)
	slices.Reverse(thr)
	var nPos, tpPrev int
	for _, v := range y {
		nPos += v
	}
	var ap float64
	for _, t := range thr {
		var tp, fp int
		for i := range y {
			if s[i] >= t {
				tp += y[i]
				fp += 1 - y[i]
			}
		}
		ap += float64(tp-tpPrev) / float64(nPos) * float64(tp) / float64(tp+fp)
		tpPrev = tp
	}
	return ap
}

// TestROCAgainstBruteForce checks the radix-sorted ROC AUC, the area under ROCCurve and the
// average precision against their O(n²) definitions on seeded random data, at sizes below and
// above the radix threshold, with heavy ties, negative scores and a wide range of exponents.
func TestROCAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	gens := map[string]func() float64{
		"normal":    func() float64 { return rng.NormFloat64() },
		"ties":      func() float64 { return float64(rng.IntN(7)) - 3 },
		"exponents": func() float64 { return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20)) },
		"prob":      func() float64 { return math.Round(rng.Float64()*100) / 100 },
	}
	for name, gen := range gens {
		for _, n := range []int{2, 5, 100, 600, 3000} {
			y := make([]int, n)
			s := make([]float64, n)
			for i := range n {
				y[i] = rng.IntN(2)
				s[i] = gen()
			}
			y[0], y[1] = 0, 1
			orig := slices.Clone(s)
			auc := ROCAUC(y, s)
			assertClose(t, bruteAUC(y, s), auc, "%s n=%d AUC", name, n)
			fpr, tpr, thr := ROCCurve(y, s)
			assertClose(t, auc, trapezoid(fpr, tpr), "%s n=%d area under ROCCurve", name, n)
			assert.True(t, slices.IsSorted(fpr) && slices.IsSorted(tpr), "%s n=%d monotone", name, n)
			assert.Equal(t, 0.0, fpr[0])
			assert.Equal(t, 1.0, fpr[len(fpr)-1])
			assert.True(t, slices.IsSortedFunc(thr, func(a, b float64) int { return cmp.Compare(b, a) }), "thresholds decreasing")
			assertClose(t, bruteAP(y, s), AveragePrecision(y, s), "%s n=%d AP", name, n)
			assert.Equal(t, orig, s, "scores mutated")
		}
	}
}

func TestInputsUnchanged(t *testing.T) {
	yt, yp := []float64{3, -0.5, 2, 7}, []float64{2.5, 0, 2, 8}
	ct, cp := slices.Clone(yt), slices.Clone(yp)
	MSE(yt, yp)
	RMSE(yt, yp)
	MAE(yt, yp)
	R2(yt, yp)
	assert.Equal(t, ct, yt)
	assert.Equal(t, cp, yp)

	lt, lp, s := []int{1, 0, 2, 1}, []int{1, 1, 2, 0}, []float64{0.3, math.Copysign(0, -1), 0.3, 0.9}
	clt, clp, cs := slices.Clone(lt), slices.Clone(lp), slices.Clone(s)
	Accuracy(lt, lp)
	ConfusionMatrix(lt, lp, 3)
	PrecisionRecallF1(lt, lp, 3, Macro)
	PerClass(lt, lp, 3)
	assert.Equal(t, clt, lt)
	assert.Equal(t, clp, lp)
	bt := []int{1, 0, 0, 1}
	ROCAUC(bt, s)
	ROCCurve(bt, s)
	PrecisionRecallCurve(bt, s)
	AveragePrecision(bt, s)
	BinaryLogLoss(bt, []float64{0.3, 0, 0.3, 0.9})
	assert.Equal(t, cs, s)
	assert.True(t, math.Signbit(s[1]), "−0 must stay −0 in the caller's slice")
}

func TestPanics(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	f2 := []float64{1, 2}
	b2 := []int{0, 1}
	for _, tc := range []struct {
		name string
		call func()
		msg  string
	}{
		{"MSE lengths", func() { MSE(f2, []float64{1}) }, "metrics: MSE: len(yTrue) = 2, len(yPred) = 1"},
		{"MSE empty", func() { MSE(nil, nil) }, "metrics: MSE: empty input"},
		{"MSE NaN", func() { MSE(f2, []float64{1, nan}) }, "metrics: MSE: yPred[1] is NaN"},
		{"RMSE Inf", func() { RMSE([]float64{inf, 1}, f2) }, "metrics: RMSE: yTrue[0] is +Inf"},
		{"MAE -Inf", func() { MAE(f2, []float64{-inf, 1}) }, "metrics: MAE: yPred[0] is -Inf"},
		{"R2 NaN", func() { R2([]float64{1, nan}, f2) }, "metrics: R2: yTrue[1] is NaN"},
		{"R2 overflow", func() { R2([]float64{1e200, -1e200}, []float64{-1e200, 1e200}) }, "metrics: R2: sum of squares overflows (SS_res = +Inf, SS_tot = +Inf)"},
		{"Accuracy lengths", func() { Accuracy(b2, []int{1}) }, "metrics: Accuracy: len(yTrue) = 2, len(yPred) = 1"},
		{"Accuracy empty", func() { Accuracy(nil, []int{}) }, "metrics: Accuracy: empty input"},
		{"Confusion label", func() { ConfusionMatrix([]int{0, 3}, b2, 3) }, "metrics: ConfusionMatrix: yTrue[1] = 3 is outside 0..2 (k = 3)"},
		{"Confusion negative", func() { ConfusionMatrix(b2, []int{0, -1}, 2) }, "metrics: ConfusionMatrix: yPred[1] = -1 is outside 0..1 (k = 2)"},
		{"Confusion k", func() { ConfusionMatrix(b2, b2, 1) }, "metrics: ConfusionMatrix: k = 1, need at least 2 classes"},
		{"Precision binary k", func() { Precision(b2, b2, 3, Binary) }, "metrics: Precision: average binary needs k = 2, got k = 3"},
		{"Recall unknown average", func() { Recall(b2, b2, 2, Average(7)) }, "metrics: Recall: unknown average Average(7)"},
		{"F1 label", func() { F1([]int{0, 2}, b2, 2, Macro) }, "metrics: F1: yTrue[1] = 2 is outside 0..1 (k = 2)"},
		{"PerClass empty", func() { PerClass(nil, nil, 2) }, "metrics: PerClass: empty input"},
		{"BinaryLogLoss prob", func() { BinaryLogLoss(b2, []float64{0.5, 1.5}) }, "metrics: BinaryLogLoss: p[1] = 1.5 is not a probability in [0, 1]"},
		{"BinaryLogLoss NaN", func() { BinaryLogLoss(b2, []float64{nan, 0.5}) }, "metrics: BinaryLogLoss: p[0] = NaN is not a probability in [0, 1]"},
		{"BinaryLogLoss label", func() { BinaryLogLoss([]int{2, 0}, f2) }, "metrics: BinaryLogLoss: yTrue[0] = 2 is outside 0..1 (k = 2)"},
		{"LogLoss rows", func() { LogLoss(b2, mat.NewDense(3, 2, nil)) }, "metrics: LogLoss: len(yTrue) = 2, proba has 3 rows"},
		{"LogLoss empty", func() { LogLoss(nil, &mat.Dense{}) }, "metrics: LogLoss: empty input"},
		{"LogLoss one column", func() { LogLoss(b2, mat.NewDense(2, 1, nil)) }, "metrics: LogLoss: k = 1, need at least 2 classes"},
		{"LogLoss label", func() { LogLoss([]int{0, 2}, mat.NewDense(2, 2, nil)) }, "metrics: LogLoss: yTrue[1] = 2 is outside 0..1 (k = 2)"},
		{"LogLoss negative", func() { LogLoss(b2, mat.NewDense(2, 2, []float64{0.5, 0.5, -0.1, 1.1})) }, "metrics: LogLoss: proba[1, 0] = -0.1 is not a probability in [0, 1]"},
		{"ROCAUC one class", func() { ROCAUC([]int{1, 1}, f2) }, "metrics: ROCAUC: yTrue holds only class 1; the ROC curve needs both classes"},
		{"ROCCurve one class", func() { ROCCurve([]int{0, 0}, f2) }, "metrics: ROCCurve: yTrue holds only class 0; the ROC curve needs both classes"},
		{"ROCAUC label", func() { ROCAUC([]int{0, 2}, f2) }, "metrics: ROCAUC: yTrue[1] = 2 is outside 0..1 (k = 2)"},
		{"ROCAUC NaN", func() { ROCAUC(b2, []float64{nan, 1}) }, "metrics: ROCAUC: score[0] is NaN"},
		{"ROCAUC Inf", func() { ROCAUC(b2, []float64{1, inf}) }, "metrics: ROCAUC: score[1] is +Inf"},
		{"ROCAUC lengths", func() { ROCAUC(b2, []float64{1}) }, "metrics: ROCAUC: len(yTrue) = 2, len(score) = 1"},
		{"ROCAUC empty", func() { ROCAUC(nil, nil) }, "metrics: ROCAUC: empty input"},
		{"PR no positive", func() { PrecisionRecallCurve([]int{0, 0}, f2) }, "metrics: PrecisionRecallCurve: yTrue holds no positive (class 1) sample; recall is undefined"},
		{"OvR absent class", func() { ROCAUCOvR([]int{0, 2, 0}, mat.NewDense(3, 3, nil)) }, "metrics: ROCAUCOvR: class 1 never occurs in yTrue; its one-vs-rest AUC is undefined"},
		{"OvR rows", func() { ROCAUCOvR(b2, mat.NewDense(3, 2, nil)) }, "metrics: ROCAUCOvR: len(yTrue) = 2, proba has 3 rows"},
		{"OvR NaN", func() { ROCAUCOvR(b2, mat.NewDense(2, 2, []float64{0, 1, math.NaN(), 0})) }, "metrics: ROCAUCOvR: proba[1, 0] is NaN"},
		{"OvR label", func() { ROCAUCOvR([]int{0, 5}, mat.NewDense(2, 2, nil)) }, "metrics: ROCAUCOvR: yTrue[1] = 5 is outside 0..1 (k = 2)"},
		{"AP no positive", func() { AveragePrecision([]int{0, 0}, f2) }, "metrics: AveragePrecision: yTrue holds no positive (class 1) sample; recall is undefined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.PanicsWithValue(t, tc.msg, tc.call)
		})
	}
}

// TestROCAUCLarge covers the concurrent sort (both classes ≥ 2¹⁵) against the rank-sum form
// of the Mann–Whitney statistic, AUC = (Σ midranks of positives − n₊(n₊+1)/2)/(n₊·n₋), computed
// from a comparison sort; scores are rounded to 1e-3 so that there are many ties.
func TestROCAUCLarge(t *testing.T) {
	y, s := rocData(150_000)
	for i := range s {
		s[i] = math.Round(s[i]*1000) / 1000
	}
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(s[a], s[b]) })
	var rankSum float64
	var nPos int
	for lo := 0; lo < len(idx); {
		hi := lo
		for hi < len(idx) && s[idx[hi]] == s[idx[lo]] {
			hi++
		}
		mid := float64(lo+1+hi) / 2 // mean of the ranks lo+1 … hi
		for _, i := range idx[lo:hi] {
			if y[i] == 1 {
				rankSum += mid
				nPos++
			}
		}
		lo = hi
	}
	nNeg := len(s) - nPos
	require.Greater(t, min(nPos, nNeg), 1<<15, "both classes must take the concurrent path")
	want := (rankSum - float64(nPos)*float64(nPos+1)/2) / (float64(nPos) * float64(nNeg))
	assertClose(t, want, ROCAUC(y, s))
	fpr, tpr, _ := ROCCurve(y, s)
	assertClose(t, want, trapezoid(fpr, tpr), "area under ROCCurve")
}
