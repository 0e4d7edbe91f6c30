package check

import (
	"math"
	"slices"

	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/metrics"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// The styles of the plots: the reference solid, the learner's dashed, in two colours.
var (
	refStyle   = mlplot.Style{Color: mlplot.PaletteColor(0)}
	yoursStyle = mlplot.Style{Color: mlplot.PaletteColor(1), Dash: mlplot.Dashed}
)

// drawable returns copies of a learner's curve that the charts accept, with values within
// rounding of [0, 1] clamped to it, and false if it cannot be drawn: no point, x and y of
// different lengths, or a value that is not a rate (NaN included).
func drawable(x, y []float64) ([]float64, []float64, bool) {
	if len(x) == 0 || len(x) != len(y) {
		return nil, nil, false
	}
	clamp := func(v []float64) ([]float64, bool) {
		out := make([]float64, len(v))
		for i, r := range v {
			if !(r >= -1e-9 && r <= 1+1e-9) {
				return nil, false
			}
			out[i] = min(max(r, 0), 1)
		}
		return out, true
	}
	cx, okX := clamp(x)
	cy, okY := clamp(y)
	return cx, cy, okX && okY
}

// rocPanel returns the ROC chart of the reference curve of the data and, if it can be drawn,
// the learner's.
func rocPanel(title string, y []int, s []float64, fpr, tpr []float64) *gplot.Plot {
	wfpr, wtpr, _ := reference(y, s).roc()
	curves := []mlplot.ROCCurve{{Name: "reference", FPR: wfpr, TPR: wtpr, AUC: metrics.ROCAUC(y, s), Style: refStyle}}
	if fpr, tpr, ok := drawable(fpr, tpr); ok {
		if a := trapezoids(fpr, tpr); a >= 0 && a <= 1 {
			curves = append(curves, mlplot.ROCCurve{Name: "yours", FPR: fpr, TPR: tpr, AUC: a, Style: yoursStyle})
		}
	}
	p, err := mlplot.ROC(title, curves...)
	if err != nil {
		return nil
	}
	return p
}

// prPanel returns the precision-recall chart of the reference curve of the data and, if it can
// be drawn, the learner's (given highest threshold first, drawn in scikit-learn's order).
func prPanel(title string, y []int, s []float64, precision, recall []float64) *gplot.Plot {
	wp, wr, _ := metrics.PrecisionRecallCurve(y, s)
	tb := reference(y, s)
	prevalence := float64(tb.nPos) / float64(tb.nPos+tb.nNeg)
	curves := []mlplot.PRCurve{{Name: "reference", Recall: wr, Precision: wp, AP: metrics.AveragePrecision(y, s), Style: refStyle}}
	if recall, precision, ok := drawable(recall, precision); ok {
		// The average precision of the learner's curve: Σ (Rₙ − Rₙ₋₁)·Pₙ from the highest threshold.
		ap := 0.0
		for i := range precision {
			prev := 0.0
			if i > 0 {
				prev = recall[i-1]
			}
			ap += (recall[i] - prev) * precision[i]
		}
		// Increasing thresholds and the end point (recall 0, precision 1), as the chart wants.
		p, r := precision, recall // copies already
		slices.Reverse(p)
		slices.Reverse(r)
		p, r = append(p, 1), append(r, 0)
		if ap >= 0 && ap <= 1 {
			curves = append(curves, mlplot.PRCurve{Name: "yours", Recall: r, Precision: p, AP: ap, Style: yoursStyle})
		}
	}
	p, err := mlplot.PrecisionRecall(title, prevalence, curves...)
	if err != nil {
		return nil
	}
	return p
}

// thresholdPanel returns the chart of recall, F1 and accuracy against the threshold
// (the reference's), with vertical lines at the best-F1 threshold, the learner's choice and the
// threshold of best accuracy.
func thresholdPanel(title string, y []int, s []float64, yours float64) *gplot.Plot {
	tb := reference(y, s)
	n := len(tb.thr)
	x := make([]float64, n)
	rec, f1, acc := make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range n {
		i := n - 1 - k // increasing thresholds
		x[k] = tb.thr[i]
		rec[k] = float64(tb.tp[i]) / float64(tb.nPos)
		f1[k] = fracF1(tb, i)
		acc[k] = tb.accuracy(i)
	}
	vertical := func(t float64) []float64 { return []float64{t, t} }
	bestF1, _ := metrics.BestF1Threshold(y, s)
	_, first, _ := tb.bestAccuracy()
	lines := []mlplot.Line{
		{Name: "recall", X: x, Y: rec, Style: mlplot.Style{Color: mlplot.PaletteColor(3)}},
		{Name: "F1", X: x, Y: f1, Style: mlplot.Style{Color: mlplot.PaletteColor(0)}},
		{Name: "accuracy", X: x, Y: acc, Style: mlplot.Style{Color: mlplot.PaletteColor(4)}},
		{Name: "best F1", X: vertical(bestF1), Y: []float64{0, 1}, Style: mlplot.Style{Color: mlplot.PaletteColor(0)}},
		{Name: "best accuracy", X: vertical(tb.thr[first]), Y: []float64{0, 1}, Style: mlplot.Style{Color: mlplot.PaletteColor(4), Dash: mlplot.Dotted}},
	}
	if !math.IsNaN(yours) && !math.IsInf(yours, 0) && yours >= x[0] && yours <= x[n-1] {
		lines = append(lines, mlplot.Line{Name: "your threshold", X: vertical(yours), Y: []float64{0, 1}, Style: yoursStyle})
	}
	p, err := mlplot.LossCurves(title, mlplot.Linear, lines...)
	if err != nil {
		return nil
	}
	p.X.Tick.Marker = gplot.DefaultTicks{}
	p.X.Label.Text = "threshold t (positive when score ≥ t)"
	p.Y.Label.Text = "metric"
	p.Y.Min, p.Y.Max = -0.02, 1.02
	return p
}

// plot adds a figure of one or more panels to the report, or notes that it could not be drawn.
func plot(t *grader.T, title string, panels ...*gplot.Plot) {
	if slices.Contains(panels, nil) {
		t.Logf("no plot %q: the reference could not be drawn", title)
		return
	}
	if len(panels) == 1 {
		t.Plot(title, panels[0])
		return
	}
	t.Plot(title, mlplot.Tile("", len(panels), panels...))
}
