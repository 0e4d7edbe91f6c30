package check

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlkata/mlkata/grader"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// plotCard draws the report card: the metrics (the learner's card, the reference's, and the
// learner's predictions scored on the held-out species, which only the grader has), the
// confusion matrix of the learner's card, and the learning curves, the learner's beside the
// reference's. Parts of the learner's card that cannot be drawn (wrong shapes) are left out.
// Three single-panel figures: drawing is most of the checks' time.
func plotCard(t *grader.T, p *problem, r *run, pred []int, c card) {
	var held card
	if len(pred) == len(p.yTest) && validLabels(pred) {
		held.fill(p.yTest, pred)
	}
	t.Plot("Report card: metrics", metricTable(c, r.card, held, held.Confusion != nil))

	// The learner's card's confusion matrix alone: each panel costs tens of milliseconds to
	// draw, and the metrics above already set the card beside the reference's and the held-out
	// scores.
	if square(c.Confusion) {
		if cm, err := mlplot.ConfusionMatrix("Your card's confusion matrix (out-of-fold predictions; true species down)", c.Confusion, species); err == nil {
			t.Plot("Report card: confusion matrix", cm)
		}
	}

	x := make([]float64, len(r.card.Sizes))
	for i, s := range r.card.Sizes {
		x[i] = float64(s)
	}
	errs := func(acc []float64) []float64 {
		out := make([]float64, len(acc))
		for i, a := range acc {
			out[i] = 1 - a
		}
		return out
	}
	curves := []mlplot.ErrorCurve{{Name: "reference", X: x, Train: errs(r.card.TrainAccuracy), Validation: errs(r.card.ValAccuracy)}}
	if len(c.TrainAccuracy) == len(x) && len(c.ValAccuracy) == len(x) && finiteAll(c.TrainAccuracy) && finiteAll(c.ValAccuracy) {
		curves = append(curves, mlplot.ErrorCurve{Name: "yours", X: x, Train: errs(c.TrainAccuracy), Validation: errs(c.ValAccuracy), Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	if lc, err := mlplot.LearningCurve(fmt.Sprintf("Learning curve (C = %s, %d folds)", grader.Num(r.card.C), numFolds), curves...); err == nil {
		lc.Y.Label.Text = "error rate = 1 − accuracy"
		lc.X.Label.Text = "training rows per fold"
		t.Plot("Report card: learning curve", lc)
	}
}

func validLabels(pred []int) bool {
	for _, c := range pred {
		if c < 0 || c >= numClasses {
			return false
		}
	}
	return true
}

func square(cm [][]int) bool {
	if len(cm) != numClasses {
		return false
	}
	for _, row := range cm {
		if len(row) != numClasses {
			return false
		}
		for _, v := range row {
			if v < 0 {
				return false
			}
		}
	}
	return true
}

func finiteAll(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// metricTable draws the metrics table: a row per metric (accuracy, macro precision, recall
// and F1, and C), a column each for the learner's card, the reference card and (when there are
// predictions to score) the learner's held-out predictions. A value of the learner's card that
// is not within the checks' tolerance of the reference's is written in red.
func metricTable(got, want, held card, haveHeld bool) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = "Report card: your cross-validation, the reference's, your held-out score"
	p.Title.TextStyle.Font = font.From(sans, 12)
	p.Title.Padding = vg.Points(8)
	cols := []string{"your card (CV)", "reference card (CV)", "your held-out predictions"}
	metrics := []string{"accuracy", "macro precision", "macro recall", "macro F1", "C"}
	value := func(c card, i int) float64 {
		return []float64{c.Accuracy, c.Precision, c.Recall, c.F1, c.C}[i]
	}
	var xys plotter.XYs
	var texts []string
	var colors []color.Color
	for row := range metrics {
		y := float64(len(metrics) - 1 - row)
		for col := range cols {
			text := "—"
			ink := color.Color(color.Gray{0x26})
			switch {
			case col == 0:
				text = cell(value(got, row), row)
				if !grader.Near(value(got, row), value(want, row), tolRatio) {
					ink = color.RGBA{0xc0, 0x1c, 0x28, 0xff}
				}
			case col == 1:
				text = cell(value(want, row), row)
			case haveHeld && row < 4:
				text = cell(value(held, row), row)
			}
			xys = append(xys, plotter.XY{X: float64(col), Y: y})
			texts = append(texts, text)
			colors = append(colors, ink)
		}
	}
	if l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts}); err == nil {
		for i := range l.TextStyle {
			l.TextStyle[i].Font = font.From(sans, 13)
			l.TextStyle[i].Color = colors[i]
			l.TextStyle[i].XAlign = draw.XCenter
			l.TextStyle[i].YAlign = draw.YCenter
		}
		p.Add(l)
	}
	for _, y := range []float64{0.5, 1.5, 2.5, 3.5} {
		if line, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: y}, {X: 2.5, Y: y}}); err == nil {
			line.LineStyle = draw.LineStyle{Color: color.Gray{0xe3}, Width: 0.8}
			p.Add(line)
		}
	}
	p.X.Min, p.X.Max = -0.5, 2.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(metrics))-0.5
	p.NominalX(cols...)
	rev := slices.Clone(metrics)
	slices.Reverse(rev)
	p.NominalY(rev...)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Tick.Label.Font = font.From(sans, 10.5)
		a.LineStyle.Width = 0
		a.Tick.LineStyle.Width = 0
	}
	p.X.Tick.Label.Font = font.From(sans, 10.5)
	return p
}

// cell formats a metric for the table: 4 decimals, C as written.
func cell(v float64, row int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprint(v)
	}
	if row == 4 {
		return grader.Num(v)
	}
	return fmt.Sprintf("%.4f", v)
}
