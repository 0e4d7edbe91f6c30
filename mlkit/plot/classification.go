package plot

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ConfusionMatrix returns the heatmap of a confusion matrix: counts[i][j]
// is the number of samples of true class i predicted as class j (the
// convention of scikit-learn's confusion_matrix), drawn with true classes
// down the y axis (class 0 at the top) and predicted classes along the x
// axis. Each cell shows its count and, for up to six classes, its share of
// the true class (the row) in percent; the cell colour grows with the
// count, from white to dark blue (matplotlib's "Blues"). classes names the
// classes; nil names them "0", "1", ....
//
// It returns an error wrapping ErrEmpty if counts has no rows, ErrLength if
// counts is not square or classes is not nil and has another length, and
// ErrDomain for a negative count.
func ConfusionMatrix(title string, counts [][]int, classes []string) (*gplot.Plot, error) {
	ck := check{figure: "confusion matrix"}
	n := len(counts)
	if n == 0 {
		return nil, ck.errorf(ErrEmpty, "counts has no rows")
	}
	maxCount := 0
	for i, row := range counts {
		if len(row) != n {
			return nil, ck.errorf(ErrLength, "counts is %d rows but row %d has %d columns", n, i, len(row))
		}
		for j, v := range row {
			if v < 0 {
				return nil, ck.errorf(ErrDomain, "counts[%d][%d] = %d is negative", i, j, v)
			}
			maxCount = max(maxCount, v)
		}
	}
	if classes == nil {
		classes = make([]string, n)
		for i := range classes {
			classes[i] = strconv.Itoa(i)
		}
	} else if len(classes) != n {
		return nil, ck.errorf(ErrLength, "%d class names for a %d×%d matrix", len(classes), n, n)
	}

	p := newAxes(title, "Predicted class", "True class")
	xt, yt := make(gplot.ConstantTicks, n), make(gplot.ConstantTicks, n)
	for i, name := range classes {
		xt[i] = gplot.Tick{Value: float64(i), Label: name}
		yt[i] = gplot.Tick{Value: float64(n - 1 - i), Label: name}
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = xt, yt
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	// Long class names are turned by 30° rather than overlapping; the
	// cell width assumes the default figure width.
	cellWidth := (Width - 2*outerMargin - vg.Points(70)) / vg.Length(n)
	for _, name := range classes {
		if p.X.Tick.Label.Width(name) > 0.9*cellWidth {
			p.X.Tick.Label.Rotation = math.Pi / 6
			p.X.Tick.Label.XAlign = draw.XRight
			p.X.Tick.Label.YAlign = draw.YCenter
			break
		}
	}
	p.Add(&heatmap{counts: counts, max: maxCount, percent: n <= 6})
	return p, nil
}

// blues holds the stops of matplotlib's "Blues" colour map.
var blues = [...]color.NRGBA{
	{0xf7, 0xfb, 0xff, 0xff}, {0xde, 0xeb, 0xf7, 0xff}, {0xc6, 0xdb, 0xef, 0xff},
	{0x9e, 0xca, 0xe1, 0xff}, {0x6b, 0xae, 0xd6, 0xff}, {0x42, 0x92, 0xc6, 0xff},
	{0x21, 0x71, 0xb5, 0xff}, {0x08, 0x51, 0x9c, 0xff}, {0x08, 0x30, 0x6b, 0xff},
}

// bluesAt returns the colour of the "Blues" map at t in [0, 1], linearly
// interpolated between its stops.
func bluesAt(t float64) color.NRGBA {
	t = math.Max(0, math.Min(1, t)) * float64(len(blues)-1)
	k := min(int(t), len(blues)-2)
	f := t - float64(k)
	a, b := blues[k], blues[k+1]
	mix := func(u, v uint8) uint8 { return uint8(math.Round(float64(u)*(1-f) + float64(v)*f)) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

// heatmap draws the cells of a confusion matrix with their counts.
type heatmap struct {
	counts  [][]int
	max     int
	percent bool
}

// Plot implements gplot.Plotter.
func (h *heatmap) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(h.counts)
	big := textStyle(annotSize, inkColor)
	small := textStyle(annotSize-2.5, inkColor)
	for i, row := range h.counts {
		total := 0
		for _, v := range row {
			total += v
		}
		y := float64(n - 1 - i)
		for j, v := range row {
			x := float64(j)
			t := 0.0
			if h.max > 0 {
				t = float64(v) / float64(h.max)
			}
			fill := bluesAt(t)
			cell := vg.Rectangle{
				Min: vg.Point{X: trX(x - 0.5), Y: trY(y - 0.5)},
				Max: vg.Point{X: trX(x + 0.5), Y: trY(y + 0.5)},
			}
			c.FillPolygon(fill, rectPath(cell))
			c.StrokeLines(draw.LineStyle{Color: color.White, Width: vg.Points(1)}, rectPath(cell))
			ink := color.Color(inkColor)
			if luminance(fill) < 0.5 {
				ink = color.White
			}
			big.Color, small.Color = ink, ink
			centre := vg.Point{X: trX(x), Y: trY(y)}
			label := strconv.Itoa(v)
			if !h.percent || total == 0 {
				c.FillText(big, centre, label)
				continue
			}
			share := fmt.Sprintf("%.0f%%", 100*float64(v)/float64(total))
			up := big.Height(label) * 0.45
			c.FillText(big, vg.Point{X: centre.X, Y: centre.Y + up}, label)
			c.FillText(small, vg.Point{X: centre.X, Y: centre.Y - up}, share)
		}
	}
}

// luminance returns the relative luminance of c in [0, 1] (ITU-R BT.709
// weights on the gamma-encoded components, good enough to pick black or
// white text).
func luminance(c color.NRGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// ROCCurve is one model's receiver operating characteristic: the
// false-positive and true-positive rates at decreasing thresholds, as
// scikit-learn's roc_curve returns them, with the area under the curve.
type ROCCurve struct {
	Name     string
	FPR, TPR []float64
	AUC      float64
	Style    Style
}

// ROC returns the chart of the ROC curves, the legend giving each curve's
// name and AUC ("reference (AUC = 0.912)"), with the chance diagonal of a
// random classifier (AUC = 0.5). Both axes run from 0 to 1.
//
// It returns an error wrapping ErrEmpty if there is no curve or a curve
// has no points, ErrLength if FPR and TPR differ in length, ErrNonFinite if
// a rate or the AUC is NaN or ±Inf, and ErrDomain if a rate or the AUC is
// outside [0, 1].
func ROC(title string, curves ...ROCCurve) (*gplot.Plot, error) {
	ck := check{figure: "ROC curve"}
	if err := ck.count("curve", len(curves)); err != nil {
		return nil, err
	}
	for i, c := range curves {
		who := series("curve", i, c.Name)
		if err := ck.rates(who, "FPR", c.FPR, "TPR", c.TPR, "AUC", c.AUC); err != nil {
			return nil, err
		}
	}
	p := newPlot(title, "False positive rate", "True positive rate")
	unitAxes(p)
	chance := &guide{slope: 1}
	p.Add(chance)
	var leg legend
	for i, c := range curves {
		l := newLine(c.FPR, c.TPR, c.Style.line(i))
		p.Add(l)
		leg.add(scoreLabel(c.Name, "AUC", c.AUC), l)
		leg.avoidPoints(c.FPR, c.TPR, true)
	}
	leg.add("chance (AUC = 0.5)", chance)
	leg.avoidPoints([]float64{0, 1}, []float64{0, 1}, true)
	p.Add(&leg)
	return p, nil
}

// PRCurve is one model's precision-recall curve, as scikit-learn's
// precision_recall_curve returns it, with its average precision.
type PRCurve struct {
	Name              string
	Recall, Precision []float64
	AP                float64
	Style             Style
}

// PrecisionRecall returns the chart of the precision-recall curves, drawn
// as steps as scikit-learn's PrecisionRecallDisplay draws them, the legend
// giving each curve's name and average precision ("learner (AP = 0.871)").
// If prevalence, the share of positive samples, is in (0, 1), the chance
// level of a random classifier (precision = prevalence) is drawn too; pass
// 0 to leave it out. Both axes run from 0 to 1.
//
// Errors are those of ROC, with Recall, Precision and AP in place of FPR,
// TPR and AUC; a prevalence outside [0, 1) is ErrDomain.
func PrecisionRecall(title string, prevalence float64, curves ...PRCurve) (*gplot.Plot, error) {
	ck := check{figure: "precision-recall curve"}
	if err := ck.count("curve", len(curves)); err != nil {
		return nil, err
	}
	if !(prevalence >= 0 && prevalence < 1) {
		return nil, ck.errorf(ErrDomain, "prevalence = %v is outside [0, 1)", prevalence)
	}
	for i, c := range curves {
		who := series("curve", i, c.Name)
		if err := ck.rates(who, "Recall", c.Recall, "Precision", c.Precision, "AP", c.AP); err != nil {
			return nil, err
		}
	}
	p := newPlot(title, "Recall", "Precision")
	unitAxes(p)
	var chance *guide
	if prevalence > 0 {
		chance = &guide{intercept: prevalence}
		p.Add(chance)
	}
	var leg legend
	for i, c := range curves {
		l := newLine(c.Recall, c.Precision, c.Style.line(i))
		l.StepStyle = plotter.PostStep
		p.Add(l)
		leg.add(scoreLabel(c.Name, "AP", c.AP), l)
		// The avoided path follows the steps drawn.
		var sx, sy []float64
		for k := range c.Recall {
			if k > 0 {
				sx, sy = append(sx, c.Recall[k]), append(sy, c.Precision[k-1])
			}
			sx, sy = append(sx, c.Recall[k]), append(sy, c.Precision[k])
		}
		leg.avoidPoints(sx, sy, true)
	}
	if chance != nil {
		leg.add(fmt.Sprintf("chance (AP = %.2f)", prevalence), chance)
		leg.avoidPoints([]float64{0, 1}, []float64{prevalence, prevalence}, true)
	}
	p.Add(&leg)
	return p, nil
}

// rates checks a pair of rates in [0, 1] and their summary score.
func (ck check) rates(who, fx string, x []float64, fy string, y []float64, fs string, score float64) error {
	if err := ck.pair(who, fx, x, fy, y); err != nil {
		return err
	}
	if err := ck.unit(who, fx, x); err != nil {
		return err
	}
	if err := ck.unit(who, fy, y); err != nil {
		return err
	}
	if math.IsNaN(score) || math.IsInf(score, 0) {
		return ck.errorf(ErrNonFinite, "%s: %s = %v", who, fs, score)
	}
	return ck.unit(who, fs, []float64{score})
}

// scoreLabel returns "name (AUC = 0.912)".
func scoreLabel(name, score string, v float64) string {
	s := fmt.Sprintf("%s = %.3f", score, v)
	if name == "" {
		return s
	}
	return name + " (" + s + ")"
}

// unitAxes sets both axes to [0, 1] with a small margin and ticks every 0.2.
func unitAxes(p *gplot.Plot) {
	ticks := make(gplot.ConstantTicks, 6)
	for i := range ticks {
		v := float64(i) / 5
		ticks[i] = gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 1, 64)}
	}
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Min, a.Max = -0.02, 1.02
		a.Tick.Marker = ticks
	}
}
