package plot

import (
	"math"

	"gonum.org/v1/gonum/floats"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Points is one named set of (x, y) points drawn as markers.
type Points struct {
	Name string
	X, Y []float64
	// Style.Color chooses the colour; Style.Dash is ignored.
	Style Style
}

// Curve is a named function of x drawn as a line over the whole x range of
// a figure, such as a fitted straight line or polynomial.
type Curve struct {
	Name  string
	F     func(x float64) float64
	Style Style
}

// curveSamples is the number of points at which a Curve is evaluated.
const curveSamples = 200

// Scatter returns a scatter plot of the point sets with the curves drawn
// over them, for example the data with the reference's fitted line (solid)
// and the learner's (dashed). Series take palette colours in order: the
// point sets first, then the curves. Each curve is evaluated at 200 evenly
// spaced x across the points' range (with margins); the y axis covers the
// points and the curves, but a curve is clipped where it leaves the points'
// y range by more than that range's own height, so that a wild fit cannot
// squash the data into a line.
//
// A panic in a curve's F propagates to the caller.
//
// It returns an error wrapping ErrEmpty if there are no points at all or a
// point set is empty, ErrLength if a set's X and Y differ in length,
// ErrNonFinite if a value, or a curve at one of its sample points, is NaN
// or ±Inf, and ErrDomain if a curve's F is nil.
func Scatter(title string, points []Points, curves ...Curve) (*gplot.Plot, error) {
	ck := check{figure: "scatter"}
	if err := ck.count("point set", len(points)); err != nil {
		return nil, err
	}
	var b bounds
	for i, s := range points {
		if err := ck.pair(series("point set", i, s.Name), "X", s.X, "Y", s.Y); err != nil {
			return nil, err
		}
		b.add(s.X, s.Y)
	}
	ylo, yhi := b.ylo, b.yhi
	lo, hi := padRange(b.xlo, b.xhi)
	xs := make([]float64, curveSamples)
	for k := range xs {
		xs[k] = lo + (hi-lo)*float64(k)/float64(curveSamples-1)
	}
	ys := make([][]float64, len(curves))
	for j, c := range curves {
		who := series("curve", j, c.Name)
		if c.F == nil {
			return nil, ck.errorf(ErrDomain, "%s: F is nil", who)
		}
		ys[j] = make([]float64, len(xs))
		for k, x := range xs {
			y := c.F(x)
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return nil, ck.errorf(ErrNonFinite, "%s: F(%v) = %v", who, x, y)
			}
			ys[j][k] = y
		}
	}

	p := newPlot(title, "x", "y")
	var leg legend
	for i, s := range points {
		sc := newScatter(s.X, s.Y, s.Style.glyph(i))
		p.Add(sc)
		leg.addPoints(s.Name, sc)
		leg.avoidPoints(s.X, s.Y, false)
	}
	plo, phi := padRange(ylo, yhi)
	span := phi - plo
	for j, c := range curves {
		l := newLine(xs, ys[j], c.Style.line(len(points)+j))
		p.Add(l)
		leg.add(c.Name, l)
		leg.avoidPoints(xs, ys[j], true)
		for _, y := range ys[j] {
			b.ylo = math.Min(b.ylo, math.Max(y, ylo-span))
			b.yhi = math.Max(b.yhi, math.Min(y, yhi+span))
		}
	}
	b.apply(p, Linear, Linear)
	leg.placeAbove(p)
	p.Add(&leg)
	return p, nil
}

// Prediction is one model's predictions beside the true targets.
type Prediction struct {
	Name      string
	Actual    []float64
	Predicted []float64
	// Style.Color chooses the colour; Style.Dash is ignored.
	Style Style
}

func (ck check) predictions(preds []Prediction) error {
	if err := ck.count("prediction set", len(preds)); err != nil {
		return err
	}
	for i, s := range preds {
		if err := ck.pair(series("prediction set", i, s.Name), "Actual", s.Actual, "Predicted", s.Predicted); err != nil {
			return err
		}
	}
	return nil
}

// Residuals returns the residual plot of each prediction set: the residual
// yᵢ − ŷᵢ (actual minus predicted) against the prediction ŷᵢ, with a line at
// zero. A good regression model leaves a shapeless band around zero; a
// curve means a missing feature or transformation, a funnel a variance that
// grows with the target.
//
// It returns an error wrapping ErrEmpty if there is no prediction set or a
// set is empty, ErrLength if Actual and Predicted differ in length, and
// ErrNonFinite for NaN or ±Inf.
func Residuals(title string, preds ...Prediction) (*gplot.Plot, error) {
	if err := (check{figure: "residuals"}).predictions(preds); err != nil {
		return nil, err
	}
	p := newPlot(title, "Predicted value", "Residual (actual − predicted)")
	zero := &guide{slope: 0, intercept: 0}
	p.Add(zero)
	var leg legend
	var b bounds
	b.add(nil, []float64{0})
	for i, s := range preds {
		res := floats.SubTo(make([]float64, len(s.Actual)), s.Actual, s.Predicted)
		sc := newScatter(s.Predicted, res, s.Style.glyph(i))
		p.Add(sc)
		leg.addPoints(s.Name, sc)
		leg.avoidPoints(s.Predicted, res, false)
		b.add(s.Predicted, res)
	}
	b.apply(p, Linear, Linear)
	leg.placeAbove(p)
	p.Add(&leg)
	return p, nil
}

// PredictedVsActual returns the plot of the predicted ŷᵢ against the actual
// yᵢ for each prediction set, with the diagonal y = x on which a perfect
// model's points lie. Both axes cover the same range, so that the diagonal
// runs corner to corner. Errors are those of Residuals.
func PredictedVsActual(title string, preds ...Prediction) (*gplot.Plot, error) {
	if err := (check{figure: "predicted vs actual"}).predictions(preds); err != nil {
		return nil, err
	}
	p := newPlot(title, "Actual value", "Predicted value")
	diag := &guide{slope: 1, intercept: 0}
	p.Add(diag)
	var leg legend
	var b bounds
	for i, s := range preds {
		sc := newScatter(s.Actual, s.Predicted, s.Style.glyph(i))
		p.Add(sc)
		leg.addPoints(s.Name, sc)
		leg.avoidPoints(s.Actual, s.Predicted, false)
		b.add(s.Actual, s.Predicted)
	}
	leg.add("ideal (y = x)", diag)
	lo, hi := math.Min(b.xlo, b.ylo), math.Max(b.xhi, b.yhi)
	setRange(&p.X, lo, hi, Linear)
	setRange(&p.Y, lo, hi, Linear)
	leg.placeAbove(p)
	p.Add(&leg)
	return p, nil
}

// guide is the straight reference line y = intercept + slope·x across the
// whole plot (the zero line, the diagonal, a chance level), thin, grey and
// dashed so that it reads as a reference rather than as data.
type guide struct {
	slope, intercept float64
}

func (g *guide) style() draw.LineStyle {
	return draw.LineStyle{Color: neutral, Width: vg.Points(1.1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
}

// Plot implements gplot.Plotter.
func (g *guide) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	y := func(x float64) float64 { return g.intercept + g.slope*x }
	pts := []vg.Point{{X: trX(p.X.Min), Y: trY(y(p.X.Min))}, {X: trX(p.X.Max), Y: trY(y(p.X.Max))}}
	c.StrokeLines(g.style(), c.ClipLinesXY(pts)...)
}

// Thumbnail implements gplot.Thumbnailer.
func (g *guide) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(g.style(), c.Min.X, y, c.Max.X, y)
}
