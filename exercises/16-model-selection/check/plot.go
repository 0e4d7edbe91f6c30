package check

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// point is one read of the test set: the λ of the model read and its test error.
type point struct{ X, Y float64 }

// panel is one side of the selection figure: the errors of the fits by λ, the chosen λ and
// the reads of the test set.
type panel struct {
	title  string
	lambda []float64 // the λ of the cross-validation fits
	train  []float64 // their mean error on the rows they saw
	val    []float64 // their mean error on the rows they held out
	chosen float64   // NaN for none
	reads  []point
	dashed bool
}

// plotSelection draws the training and validation errors of the learner's cross-validation
// fits by λ (measured here, on the rows each fit saw and held out, from the θ it returned),
// the chosen λ and every read of the test set, beside the reference's.
func plotSelection(t *grader.T, p *problem, best float64, s *spy) {
	ref := reference(t, p)
	m := len(p.y)
	yours := panel{title: "yours", chosen: best, dashed: true}
	for _, lambda := range p.lambdas {
		var tr, va []float64
		for _, f := range fitsWith(s.fits, lambda) {
			out, clean := heldOut(f.rows, m)
			if !clean || len(out) == 0 {
				continue // not a cross-validation fit
			}
			tr = append(tr, mseOf(rowsOf(p.X, f.rows), valuesOf(p.y, f.rows), f.theta))
			va = append(va, mseOf(rowsOf(p.X, out), valuesOf(p.y, out), f.theta))
		}
		if len(tr) > 0 {
			yours.lambda = append(yours.lambda, lambda)
			yours.train = append(yours.train, mean(tr))
			yours.val = append(yours.val, mean(va))
		}
	}
	for _, r := range s.reads {
		if r.fit >= 0 && s.fits[r.fit].lambda > 0 {
			yours.reads = append(yours.reads, point{X: s.fits[r.fit].lambda, Y: r.mse})
		}
	}
	if lambdaIndex(p, best) < 0 {
		yours.chosen = math.NaN()
	}
	refTest := mseOf(p.Xtest, p.ytest, append([]float64{ref.Model.Intercept()}, ref.Model.Coef()...))
	reference := panel{title: "reference", lambda: p.lambdas, train: ref.TrainError, val: ref.CVError,
		chosen: ref.BestAlpha(), reads: []point{{X: ref.BestAlpha(), Y: refTest}}}
	t.Plot("Validation curve, chosen λ and test error", mlplot.SideBySide(
		fmt.Sprintf("Ridge on %s: %d-fold CV error by λ", p.what, p.k), yours.plot(), reference.plot()))
}

func (pn panel) plot() *gplot.Plot {
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	ink := color.Gray{0x26}
	p := gplot.New()
	p.Title.Text = pn.title
	p.Title.TextStyle.Font = font.From(sans, 12)
	p.Title.TextStyle.Color = ink
	p.X.Label.Text = "λ"
	p.Y.Label.Text = "mean squared error"
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 11)
		a.Tick.Label.Font = font.From(sans, 9.5)
	}
	p.X.Tick.Marker = log10Ticks{}
	p.Y.Tick.Marker = roundTicks{}
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: color.Gray{0xe3}, Width: 0.8}
	g.Horizontal = draw.LineStyle{Color: color.Gray{0xe3}, Width: 0.8}
	p.Add(g)
	var dashes []vg.Length
	if pn.dashed {
		dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	xlo, xhi := math.Inf(1), math.Inf(-1)
	series := func(name string, lam, v []float64, c color.Color, shape draw.GlyphDrawer) {
		if len(v) == 0 {
			return
		}
		xy := make(plotter.XYs, len(v))
		for i := range v {
			xy[i] = plotter.XY{X: math.Log10(lam[i]), Y: v[i]}
			lo, hi = math.Min(lo, v[i]), math.Max(hi, v[i])
			xlo, xhi = math.Min(xlo, xy[i].X), math.Max(xhi, xy[i].X)
		}
		l, sc, err := plotter.NewLinePoints(xy)
		if err != nil {
			return
		}
		l.LineStyle = draw.LineStyle{Color: c, Width: 1.75, Dashes: dashes}
		sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: 3.2, Shape: shape}
		p.Add(l, sc)
		p.Legend.Add(name, l, sc)
	}
	series("training error", pn.lambda, pn.train, mlplot.PaletteColor(0), draw.CircleGlyph{})
	series("CV error", pn.lambda, pn.val, mlplot.PaletteColor(1), draw.SquareGlyph{})
	if len(pn.reads) > 0 {
		xy := make(plotter.XYs, len(pn.reads))
		for i, r := range pn.reads {
			xy[i] = plotter.XY{X: math.Log10(r.X), Y: r.Y}
			lo, hi = math.Min(lo, r.Y), math.Max(hi, r.Y)
			xlo, xhi = math.Min(xlo, xy[i].X), math.Max(xhi, xy[i].X)
		}
		if sc, err := plotter.NewScatter(xy); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: mlplot.PaletteColor(3), Radius: 5, Shape: draw.PyramidGlyph{}}
			p.Add(sc)
			name := "test error (1 read)"
			if len(pn.reads) > 1 {
				name = fmt.Sprintf("test error (%d reads)", len(pn.reads))
			}
			p.Legend.Add(name, sc)
		}
	}
	if !math.IsInf(lo, 0) {
		pad := (hi - lo) * 0.05
		p.Y.Min, p.Y.Max = lo-pad, hi+(hi-lo)*0.45 // room for the legend above the data
		p.X.Min, p.X.Max = xlo-0.3, xhi+0.3
	}
	if !math.IsNaN(pn.chosen) && pn.chosen > 0 && !math.IsInf(lo, 0) {
		x := math.Log10(pn.chosen)
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: p.Y.Min}, {X: x, Y: hi}})
		if err == nil {
			l.LineStyle = draw.LineStyle{Color: mlplot.PaletteColor(2), Width: 1.5, Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
			p.Add(l)
			p.Legend.Add("chosen λ = "+strconv.FormatFloat(pn.chosen, 'g', -1, 64), l)
		}
	}
	p.Legend.Top = true
	p.Legend.TextStyle.Font = font.From(sans, 9.5)
	return p
}

// roundTicks labels about five round values: multiples of 1, 2 or 5 times a power of ten.
type roundTicks struct{}

func (roundTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	step := math.Pow(10, math.Floor(math.Log10((hi-lo)/5)))
	for _, f := range []float64{1, 2, 5, 10} {
		if (hi-lo)/(f*step) <= 6 {
			step *= f
			break
		}
	}
	var ticks []gplot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ticks = append(ticks, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 6, 64)})
	}
	return ticks
}

// log10Ticks labels an axis of log10(λ) with the powers of ten.
type log10Ticks struct{}

func (log10Ticks) Ticks(lo, hi float64) []gplot.Tick {
	var ticks []gplot.Tick
	for d := math.Ceil(lo); d <= hi; d++ {
		ticks = append(ticks, gplot.Tick{Value: d, Label: strconv.FormatFloat(math.Pow(10, d), 'g', -1, 64)})
	}
	return ticks
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// rowsOf returns the rows idx of X.
func rowsOf(X *mat.Dense, idx []int) *mat.Dense {
	_, n := X.Dims()
	out := mat.NewDense(len(idx), n, nil)
	for r, i := range idx {
		out.SetRow(r, X.RawRowView(i))
	}
	return out
}

// valuesOf returns y at idx.
func valuesOf(y []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for r, i := range idx {
		out[r] = y[i]
	}
	return out
}
