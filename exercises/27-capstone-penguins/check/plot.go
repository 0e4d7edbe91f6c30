package check

import (
	"fmt"
	"image/color"
	"math"

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
	t.Plot("Report card: metrics", metricBars(c, r.card, held, len(pred) == len(p.yTest) && validLabels(pred)))

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

// metricBars draws the metrics table as grouped bars: accuracy and macro precision, recall
// and F1 of the learner's card, of the reference card and (when there are predictions to score)
// of the learner's held-out predictions, with each value written above its bar.
func metricBars(got, want, held card, haveHeld bool) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = "Metrics: your card, the reference card, your held-out predictions"
	p.Title.TextStyle.Font = font.From(sans, 12)
	p.Y.Label.Text = "score"
	p.Y.Min, p.Y.Max = 0, 1.12
	p.X.Label.Text = "accuracy · macro precision · macro recall · macro F1"
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 11)
		a.Tick.Label.Font = font.From(sans, 9.5)
	}
	p.Legend.Top = true
	p.Legend.TextStyle.Font = font.From(sans, 9.5)
	series := []struct {
		name string
		c    card
		ok   bool
	}{
		{"your card (CV)", got, true},
		{"reference card (CV)", want, true},
		{"your held-out predictions", held, haveHeld},
	}
	w := vg.Points(16)
	n := 0
	for _, s := range series {
		if s.ok {
			n++
		}
	}
	i := 0
	for k, s := range series {
		if !s.ok {
			continue
		}
		vals := plotter.Values{clip(s.c.Accuracy), clip(s.c.Precision), clip(s.c.Recall), clip(s.c.F1)}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			continue
		}
		b.Color = mlplot.PaletteColor(k)
		b.LineStyle = draw.LineStyle{Color: color.White, Width: 0.5}
		b.Offset = w * vg.Length(float64(i)-float64(n-1)/2)
		p.Add(b)
		p.Legend.Add(s.name, b)
		labels := make(plotter.XYs, len(vals))
		texts := make([]string, len(vals))
		for j, v := range vals {
			labels[j] = plotter.XY{X: float64(j), Y: v + 0.01}
			texts[j] = fmt.Sprintf("%.3f", v)
		}
		if l, err := plotter.NewLabels(plotter.XYLabels{XYs: labels, Labels: texts}); err == nil {
			for j := range l.TextStyle {
				l.TextStyle[j].Font = font.From(sans, 7)
				l.TextStyle[j].XAlign = draw.XCenter
			}
			l.Offset = vg.Point{X: b.Offset}
			p.Add(l)
		}
		i++
	}
	p.NominalX("accuracy", "precision", "recall", "F1")
	return p
}

func clip(v float64) float64 {
	if math.IsNaN(v) || v < 0 {
		return 0
	}
	return math.Min(v, 1.1)
}
