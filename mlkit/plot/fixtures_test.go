package plot_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata/mlkit/plot"
)

// The figures below are drawn from small synthetic data sets, generated
// with a fixed PCG seed so that every run draws the same pictures.

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)) }

// lossRuns returns a reference run and a learner's run that plateaus higher.
func lossRuns() []plot.Line {
	rng := newRand(1)
	ref, learner := make([]float64, 60), make([]float64, 60)
	for i := range ref {
		e := float64(i)
		ref[i] = 2.5*math.Exp(-e/6) + 0.02 + 0.01*rng.Float64()
		learner[i] = 2.5*math.Exp(-e/15) + 0.15 + 0.03*rng.Float64()
	}
	return []plot.Line{
		{Name: "reference (lr = 0.1)", Y: ref},
		{Name: "learner (lr = 0.1)", Y: learner, Style: plot.Style{Dash: plot.Dashed}},
	}
}

// regression returns noisy points around y = 2x + 1, and the predictions
// of the reference fit and of a learner's fit with the wrong slope.
func regression() (x, y []float64, ref, learner func(float64) float64) {
	rng := newRand(2)
	x, y = make([]float64, 80), make([]float64, 80)
	for i := range x {
		x[i] = 10 * rng.Float64()
		y[i] = 2*x[i] + 1 + 2*rng.NormFloat64()
	}
	ref = func(v float64) float64 { return 1.96*v + 1.15 }
	learner = func(v float64) float64 { return 1.6*v + 3 }
	return x, y, ref, learner
}

func predictions() []plot.Prediction {
	x, y, ref, learner := regression()
	pr, pl := make([]float64, len(x)), make([]float64, len(x))
	for i, v := range x {
		pr[i], pl[i] = ref(v), learner(v)
	}
	return []plot.Prediction{
		{Name: "reference", Actual: y, Predicted: pr},
		{Name: "learner", Actual: y, Predicted: pl},
	}
}

// scores returns labels and the scores of a classifier with the given
// separation between the classes' score distributions.
func scores(seed uint64, n int, separation float64) (labels []bool, s []float64) {
	rng := newRand(seed)
	labels, s = make([]bool, n), make([]float64, n)
	for i := range s {
		labels[i] = rng.Float64() < 0.3
		s[i] = rng.NormFloat64()
		if labels[i] {
			s[i] += separation
		}
	}
	return labels, s
}

// rocOf computes the ROC curve and its trapezoidal AUC, and the
// precision-recall curve with its average precision, as scikit-learn does
// (distinct thresholds, from the highest score down).
func rocOf(labels []bool, s []float64) (fpr, tpr []float64, auc float64, recall, precision []float64, ap float64) {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(s[b], s[a]) })
	pos := 0
	for _, l := range labels {
		if l {
			pos++
		}
	}
	neg := len(labels) - pos
	fpr, tpr = []float64{0}, []float64{0}
	tp, fp := 0, 0
	for k, i := range idx {
		if labels[i] {
			tp++
		} else {
			fp++
		}
		if k+1 < len(idx) && s[idx[k+1]] == s[i] {
			continue
		}
		fpr, tpr = append(fpr, float64(fp)/float64(neg)), append(tpr, float64(tp)/float64(pos))
		recall = append(recall, float64(tp)/float64(pos))
		precision = append(precision, float64(tp)/float64(tp+fp))
	}
	for k := 1; k < len(fpr); k++ {
		auc += (fpr[k] - fpr[k-1]) * (tpr[k] + tpr[k-1]) / 2
	}
	prev := 0.0
	for k := range recall {
		ap += (recall[k] - prev) * precision[k]
		prev = recall[k]
	}
	// scikit-learn orders the PR curve by decreasing recall, ending at (0, 1).
	slices.Reverse(recall)
	slices.Reverse(precision)
	recall, precision = append(recall, 0), append(precision, 1)
	return fpr, tpr, auc, recall, precision, ap
}

func rocCurves() ([]plot.ROCCurve, []plot.PRCurve, float64) {
	var rocs []plot.ROCCurve
	var prs []plot.PRCurve
	prevalence := 0.0
	for i, m := range []struct {
		name string
		sep  float64
		dash plot.Dash
	}{{"reference", 1.8, plot.Solid}, {"learner", 1.0, plot.Dashed}} {
		labels, s := scores(3, 400, m.sep)
		fpr, tpr, auc, rec, prec, ap := rocOf(labels, s)
		rocs = append(rocs, plot.ROCCurve{Name: m.name, FPR: fpr, TPR: tpr, AUC: auc, Style: plot.Style{Dash: m.dash}})
		prs = append(prs, plot.PRCurve{Name: m.name, Recall: rec, Precision: prec, AP: ap, Style: plot.Style{Dash: m.dash}})
		if i == 0 {
			n := 0
			for _, l := range labels {
				if l {
					n++
				}
			}
			prevalence = float64(n) / float64(len(labels))
		}
	}
	return rocs, prs, prevalence
}

// blobs returns three Gaussian blobs in the plane, labelled 0, 1, 2.
func blobs() (x1, x2 []float64, labels []int) {
	rng := newRand(4)
	centres := [][2]float64{{-2, -1}, {2, -1.5}, {0, 2.2}}
	for i := range 150 {
		c := i % 3
		x1 = append(x1, centres[c][0]+rng.NormFloat64())
		x2 = append(x2, centres[c][1]+rng.NormFloat64())
		labels = append(labels, c)
	}
	return x1, x2, labels
}

// nearestCentre is the reference classifier of blobs.
func nearestCentre(x1, x2 float64) int {
	centres := [][2]float64{{-2, -1}, {2, -1.5}, {0, 2.2}}
	best, bestD := 0, math.Inf(1)
	for c, m := range centres {
		if d := math.Hypot(x1-m[0], x2-m[1]); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// linearGuess is a learner's poorer classifier of blobs.
func linearGuess(x1, x2 float64) int {
	switch {
	case x2 > 0.8+0.3*x1:
		return 2
	case x1 < 0.5:
		return 0
	}
	return 1
}

// errorCurves returns a validation curve over a ridge penalty and a
// learning curve, each for the reference and a learner.
func errorCurves() (validation, learning []plot.ErrorCurve) {
	alphas := []float64{1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10, 30, 100}
	vc := func(name string, shift float64, dash plot.Dash) plot.ErrorCurve {
		c := plot.ErrorCurve{Name: name, X: alphas, Style: plot.Style{Dash: dash}}
		for _, a := range alphas {
			l := math.Log10(a)
			c.Train = append(c.Train, 0.2+0.5/(1+math.Exp(-1.6*(l-0.5-shift))))
			c.Validation = append(c.Validation, 0.35+0.04*(l+1-shift)*(l+1-shift)/4)
			c.TrainStd = append(c.TrainStd, 0.02)
			c.ValidationStd = append(c.ValidationStd, 0.05)
		}
		return c
	}
	validation = []plot.ErrorCurve{vc("reference", 0, plot.Solid), vc("learner", 0.7, plot.Dashed)}
	sizes := []float64{10, 25, 50, 100, 150, 200, 300, 400, 500}
	lc := func(name string, bias float64, dash plot.Dash) plot.ErrorCurve {
		c := plot.ErrorCurve{Name: name, X: sizes, Style: plot.Style{Dash: dash}}
		for _, n := range sizes {
			c.Train = append(c.Train, bias+0.3*(1-math.Exp(-n/80)))
			c.Validation = append(c.Validation, bias+0.3+1.5/math.Sqrt(n))
		}
		return c
	}
	learning = []plot.ErrorCurve{lc("reference", 0.05, plot.Solid), lc("learner", 0.15, plot.Dashed)}
	return validation, learning
}

// gallery returns every figure of the package, named, drawn from the data
// above; it fails the caller through must on any error.
func gallery(must func(*gplot.Plot, error) *gplot.Plot) []struct {
	name string
	fig  plot.Figure
} {
	runs := lossRuns()
	x, y, ref, learner := regression()
	preds := predictions()
	rocs, prs, prevalence := rocCurves()
	x1, x2, labels := blobs()
	classes := []string{"setosa", "versicolor", "virginica"}
	validation, learning := errorCurves()
	refBoundary := must(plot.DecisionBoundary("Reference", plot.Boundary{
		Predict: nearestCentre, X1: x1, X2: x2, Labels: labels, Classes: classes}))
	learnerBoundary := must(plot.DecisionBoundary("Learner", plot.Boundary{
		Predict: linearGuess, X1: x1, X2: x2, Labels: labels, Classes: classes}))
	digits := make([][]int, 10)
	for i := range digits {
		digits[i] = make([]int, 10)
		for j := range digits[i] {
			digits[i][j] = (i*7 + j*3) % 5
		}
		digits[i][i] = 160 + 7*i
	}
	return []struct {
		name string
		fig  plot.Figure
	}{
		{"loss", must(plot.LossCurves("Training loss", plot.Linear, runs...))},
		{"loss-log", must(plot.LossCurves("Training loss (log scale)", plot.Log, runs...))},
		{"scatter", must(plot.Scatter("Linear regression fit",
			[]plot.Points{{Name: "training data", X: x, Y: y}},
			plot.Curve{Name: "reference fit", F: ref},
			plot.Curve{Name: "learner fit", F: learner, Style: plot.Style{Dash: plot.Dashed}}))},
		{"residuals", must(plot.Residuals("Residuals", preds...))},
		{"predicted-vs-actual", must(plot.PredictedVsActual("Predicted vs actual", preds...))},
		{"confusion", must(plot.ConfusionMatrix("Confusion matrix (iris, test split)",
			[][]int{{16, 0, 0}, {0, 14, 3}, {0, 1, 16}}, classes))},
		{"confusion-10", must(plot.ConfusionMatrix("Confusion matrix (10 classes)", digits, nil))},
		{"roc", must(plot.ROC("ROC curve", rocs...))},
		{"pr", must(plot.PrecisionRecall("Precision-recall curve", prevalence, prs...))},
		{"boundary", refBoundary},
		{"validation", must(plot.ValidationCurve("Validation curve (ridge)", "Regularisation strength α", plot.Log, validation...))},
		{"learning", must(plot.LearningCurve("Learning curve", learning...))},
		{"boundary-side-by-side", plot.SideBySide("Decision boundary: reference vs learner", refBoundary, learnerBoundary)},
		{"confusion-long-names", must(plot.ConfusionMatrix("Confusion matrix (long class names)",
			[][]int{{30, 2, 1, 0, 0}, {3, 25, 4, 1, 0}, {0, 5, 40, 2, 1}, {0, 0, 3, 12, 4}, {1, 0, 0, 6, 20}},
			[]string{"T-shirt/top", "Trouser", "Pullover", "Ankle boot", "Sneaker (low)"}))},
		{"loss-lr-sweep", must(plot.LossCurves("Learning-rate sweep", plot.Log, lrSweep()...))},
		{"edge-one-epoch-log", must(plot.LossCurves("One epoch, log scale", plot.Log, plot.Line{Name: "run", Y: []float64{0.5}}))},
		{"edge-flat-loss", must(plot.LossCurves("Flat zero loss", plot.Linear, plot.Line{Name: "run", Y: []float64{0, 0, 0}}))},
		{"edge-one-point", must(plot.Scatter("One point", []plot.Points{{Name: "data", X: []float64{1}, Y: []float64{2}}},
			plot.Curve{Name: "fit", F: func(x float64) float64 { return 2 * x }}))},
		{"edge-confusion-zeros", must(plot.ConfusionMatrix("All zeros", [][]int{{0, 0}, {0, 0}}, []string{"negative", "positive"}))},
		{"scatter-side-by-side", plot.SideBySide("Polynomial fits",
			must(plot.Scatter("Reference (degree 3)", []plot.Points{{Name: "training data", X: x, Y: y}, {Name: "test data", X: y[:20], Y: x[:20]}},
				plot.Curve{Name: "reference fit (degree 3)", F: ref})),
			must(plot.Scatter("Learner (degree 3)", []plot.Points{{Name: "training data", X: x, Y: y}, {Name: "test data", X: y[:20], Y: x[:20]}},
				plot.Curve{Name: "learner fit (degree 3)", F: learner, Style: plot.Style{Dash: plot.Dashed}})))},
		{"loss-side-by-side", plot.SideBySide("Loss: reference vs learner",
			must(plot.LossCurves("Reference", plot.Linear, runs[0])),
			must(plot.LossCurves("Learner", plot.Linear, runs[1])))},
	}
}

// lrSweep returns the loss of five runs with different learning rates, the
// largest one oscillating.
func lrSweep() []plot.Line {
	var runs []plot.Line
	for i, lr := range []float64{0.001, 0.01, 0.1, 0.5, 1.9} {
		y := make([]float64, 40)
		for e := range y {
			rate := math.Min(lr, 0.9)
			y[e] = 3*math.Pow(1-rate*0.5, float64(e)) + 0.01
			if lr > 1 {
				y[e] *= 1 + 0.6*math.Abs(math.Sin(float64(e)))
			}
		}
		runs = append(runs, plot.Line{Name: fmt.Sprintf("lr = %g", lr), Y: y, Style: plot.Style{Dash: plot.Dash(i % 4)}})
	}
	return runs
}
