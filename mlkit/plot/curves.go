package plot

import (
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// Line is one named series of points joined by a line, such as the loss
// history of one training run.
type Line struct {
	Name string
	// X holds the x values; nil means 0, 1, ..., len(Y)−1 (the epochs,
	// Y[0] being the loss before the first, as optim.Result.Loss holds it).
	X []float64
	Y []float64
	// Style chooses the colour and dash pattern; see Style.
	Style Style
}

// LossCurves returns the chart of the loss of several training runs against
// the epoch, one line per run, with a legend of the run names. Y[i] is the
// loss after epoch i (Y[0] at the start) unless X says otherwise. With
// yScale Log the y axis is logarithmic, the usual view of a loss falling
// over decades.
//
// It returns an error wrapping ErrEmpty if there is no run or a run has no
// points, ErrLength if a run's X and Y differ in length, ErrNonFinite if a
// value is NaN or ±Inf (a diverged run), and ErrNonPositive if yScale is Log
// and a loss is zero or negative.
func LossCurves(title string, yScale Scale, runs ...Line) (*gplot.Plot, error) {
	ck := check{figure: "loss curves"}
	if err := ck.count("run", len(runs)); err != nil {
		return nil, err
	}
	xs := make([][]float64, len(runs))
	for i, r := range runs {
		who := series("run", i, r.Name)
		if err := ck.values(who, "loss", r.Y); err != nil {
			return nil, err
		}
		xs[i] = r.X
		if r.X == nil {
			xs[i] = make([]float64, len(r.Y))
			for k := range xs[i] {
				xs[i][k] = float64(k)
			}
		} else if err := ck.pair(who, "X", r.X, "loss", r.Y); err != nil {
			return nil, err
		}
		if yScale == Log {
			if err := ck.positive(who, "loss", r.Y); err != nil {
				return nil, err
			}
		}
	}
	p := newPlot(title, "Epoch", "Loss")
	p.X.Tick.Marker = niceTicks{integer: true}
	var leg legend
	var b bounds
	for i, r := range runs {
		y := yScale.plotted(r.Y)
		l := newLine(xs[i], y, r.Style.line(i))
		p.Add(l)
		if len(y) == 1 {
			// A single epoch is no line: mark the point.
			p.Add(newScatter(xs[i], y, Style{Color: r.Style.color(i)}.glyph(0)))
		}
		leg.add(r.Name, l)
		leg.avoidPoints(xs[i], y, true)
		b.add(xs[i], y)
	}
	b.apply(p, Linear, yScale)
	p.Add(&leg)
	return p, nil
}

// ErrorCurve is the training and validation error of one model (for
// example the learner's or the reference's) at several values of X: a
// hyper-parameter for a validation curve, the training-set size for a
// learning curve.
type ErrorCurve struct {
	Name       string
	X          []float64
	Train      []float64
	Validation []float64
	// TrainStd and ValidationStd, if not nil, are drawn as bands of ±1
	// standard deviation around the means (across cross-validation folds,
	// as scikit-learn's validation_curve returns them).
	TrainStd, ValidationStd []float64
	// Style.Dash sets the pattern of both lines. Training error is always
	// drawn in PaletteColor(0) with circles, validation error in
	// PaletteColor(1) with squares; Style.Color is ignored.
	Style Style
}

// ValidationCurve returns the chart of the training and validation error
// against a hyper-parameter named param, for each curve. With xScale Log
// the x axis is logarithmic, as for a regularisation strength swept over
// decades. Underfitting shows as both errors high; overfitting as the
// validation error rising away from the training error.
//
// It returns an error wrapping ErrEmpty if there is no curve or a field is
// empty, ErrLength if the lengths of X, Train, Validation (and the
// deviations, when given) differ, ErrNonFinite for NaN or ±Inf,
// ErrDomain for a negative deviation, and ErrNonPositive if xScale is Log
// and an X is zero or negative.
func ValidationCurve(title, param string, xScale Scale, curves ...ErrorCurve) (*gplot.Plot, error) {
	return errorCurves(check{figure: "validation curve"}, title, param, xScale, false, curves)
}

// LearningCurve returns the chart of the training and validation error
// against the number of training samples, for each curve: a gap that stays
// wide means high variance (more data helps), two high curves that meet
// mean high bias. Errors are those of ValidationCurve.
func LearningCurve(title string, curves ...ErrorCurve) (*gplot.Plot, error) {
	return errorCurves(check{figure: "learning curve"}, title, "Training-set size", Linear, true, curves)
}

func errorCurves(ck check, title, xLabel string, xScale Scale, integer bool, curves []ErrorCurve) (*gplot.Plot, error) {
	if err := ck.count("curve", len(curves)); err != nil {
		return nil, err
	}
	for i, c := range curves {
		who := series("curve", i, c.Name)
		if err := ck.pair(who, "X", c.X, "Train", c.Train); err != nil {
			return nil, err
		}
		if err := ck.pair(who, "X", c.X, "Validation", c.Validation); err != nil {
			return nil, err
		}
		for _, sd := range []struct {
			name string
			v    []float64
		}{{"TrainStd", c.TrainStd}, {"ValidationStd", c.ValidationStd}} {
			if sd.v == nil {
				continue
			}
			if err := ck.pair(who, "X", c.X, sd.name, sd.v); err != nil {
				return nil, err
			}
			for k, s := range sd.v {
				if s < 0 {
					return nil, ck.errorf(ErrDomain, "%s: %s[%d] = %v is negative", who, sd.name, k, s)
				}
			}
		}
		if xScale == Log {
			if err := ck.positive(who, "X", c.X); err != nil {
				return nil, err
			}
		}
	}
	p := newPlot(title, xLabel, "Error")
	if integer {
		p.X.Tick.Marker = niceTicks{integer: true}
	}
	var leg legend
	var b bounds
	for _, c := range curves {
		x := xScale.plotted(c.X)
		for role, part := range []struct {
			name string
			y    []float64
			sd   []float64
		}{{"train", c.Train, c.TrainStd}, {"validation", c.Validation, c.ValidationStd}} {
			col := PaletteColor(role)
			if part.sd != nil {
				lo, hi := make([]float64, len(part.y)), make([]float64, len(part.y))
				for k := range part.y {
					lo[k], hi[k] = part.y[k]-part.sd[k], part.y[k]+part.sd[k]
				}
				p.Add(newBand(x, lo, hi, col))
				b.add(x, lo)
				b.add(x, hi)
			}
			l := newLine(x, part.y, Style{Color: col, Dash: c.Style.Dash}.line(role))
			s := newScatter(x, part.y, Style{Color: col}.glyph(role))
			p.Add(l, s)
			name := part.name
			if c.Name != "" {
				name = c.Name + " " + part.name
			}
			leg.add(name, l, s)
			leg.avoidPoints(x, part.y, true)
			b.add(x, part.y)
		}
	}
	b.apply(p, xScale, Linear)
	p.Add(&leg)
	return p, nil
}

// bounds accumulates the data range of a figure.
type bounds struct {
	xlo, xhi, ylo, yhi float64
	set                bool
}

func (b *bounds) add(x, y []float64) {
	if !b.set {
		b.xlo, b.xhi, b.ylo, b.yhi = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		b.set = true
	}
	for _, v := range x {
		b.xlo, b.xhi = math.Min(b.xlo, v), math.Max(b.xhi, v)
	}
	for _, v := range y {
		b.ylo, b.yhi = math.Min(b.ylo, v), math.Max(b.yhi, v)
	}
}

// apply sets the plot's axis ranges to the bounds, with margins.
func (b *bounds) apply(p *gplot.Plot, xs, ys Scale) {
	setRange(&p.X, b.xlo, b.xhi, xs)
	setRange(&p.Y, b.ylo, b.yhi, ys)
}

// xys converts paired slices, already validated, to plotter.XYs.
func xys(x, y []float64) plotter.XYs {
	out := make(plotter.XYs, len(x))
	for i := range x {
		out[i] = plotter.XY{X: x[i], Y: y[i]}
	}
	return out
}

// newLine returns a line through the (validated) points.
func newLine(x, y []float64, sty draw.LineStyle) *plotter.Line {
	l := &plotter.Line{XYs: xys(x, y), LineStyle: sty}
	return l
}

// newScatter returns markers at the (validated) points.
func newScatter(x, y []float64, g draw.GlyphStyle) *plotter.Scatter {
	return &plotter.Scatter{XYs: xys(x, y), GlyphStyle: g}
}

// newBand returns the translucent area between lo and hi over x.
func newBand(x, lo, hi []float64, c color.Color) *plotter.Polygon {
	pts := make(plotter.XYs, 0, 2*len(x))
	for i := range x {
		pts = append(pts, plotter.XY{X: x[i], Y: hi[i]})
	}
	for i := len(x) - 1; i >= 0; i-- {
		pts = append(pts, plotter.XY{X: x[i], Y: lo[i]})
	}
	poly := &plotter.Polygon{XYs: []plotter.XYs{pts}, Color: translucent(c, 0.2)}
	poly.LineStyle.Color = color.Transparent
	return poly
}
