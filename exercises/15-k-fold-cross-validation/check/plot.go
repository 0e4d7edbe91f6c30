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

	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// The figures re-create mlkit/plot's look (fonts, grid, palette; the learner dashed and
// lighter, the reference solid), because mlkit/plot has no bar chart and no band of points.

var (
	sans = font.Font{Typeface: "Liberation", Variant: "Sans"}
	ink  = color.Gray{0x26}
)

// newPlot returns an empty plot in mlkit/plot's style, with a horizontal grid.
func newPlot(title, xLabel, yLabel string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 12)
	p.Title.TextStyle.Color = ink
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 11)
		a.Tick.Label.Font = font.From(sans, 9.5)
	}
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal = draw.LineStyle{Color: color.Gray{0xe3}, Width: 0.8}
	p.Add(g)
	p.Legend.TextStyle.Font = font.From(sans, 9.5)
	p.Legend.Top = true
	return p
}

// lighter mixes c with white: a share w of white.
func lighter(c color.Color, w float64) color.Color {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 { return uint8(float64(v>>8)*(1-w) + 255*w) }
	return color.RGBA{mix(r), mix(g), mix(b), 255}
}

var dashes = []vg.Length{vg.Points(5), vg.Points(3)}

// foldScores draws each fold's score, the learner's (hollow rings, dashed mean ± σ) beside the
// reference's (dots, solid mean line in a shaded ± σ band). The band goes below everything and
// the learner's rings on top, so that none hides another.
func foldScores(title string, got, want []float64) *gplot.Plot {
	p := newPlot(title, "fold", "MSE on the fold's test rows")
	k := len(want)
	left, right := 0.5, float64(k)+0.5
	hline := func(y float64, sty draw.LineStyle) *plotter.Line {
		l, _ := plotter.NewLine(plotter.XYs{{X: left, Y: y}, {X: right, Y: y}})
		l.LineStyle = sty
		return l
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var bands, lines, points []gplot.Plotter
	type entry struct {
		name string
		sc   *plotter.Scatter
		line *plotter.Line
	}
	var legend []entry
	series := []struct {
		name   string
		scores []float64
		shift  float64
		mine   bool
	}{{"your scores", got, -0.12, true}, {"reference", want, 0.12, false}}
	for i, s := range series {
		c := mlplot.PaletteColor(i)
		var pts plotter.XYs
		var ys []float64
		for f, v := range s.scores {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				pts = append(pts, plotter.XY{X: float64(f+1) + s.shift, Y: v})
				ys = append(ys, v)
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		if len(pts) == 0 {
			continue
		}
		mean, std := popMeanStd(ys)
		lo, hi = min(lo, mean-std), max(hi, mean+std)
		meanLine := hline(mean, draw.LineStyle{Color: c, Width: vg.Points(1.5)})
		sc, _ := plotter.NewScatter(pts)
		sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		if s.mine {
			meanLine.LineStyle.Dashes = dashes
			sc.GlyphStyle.Shape = draw.RingGlyph{}
			edge := draw.LineStyle{Color: lighter(c, 0.3), Width: vg.Points(1), Dashes: dashes}
			lines = append(lines, hline(mean-std, edge), hline(mean+std, edge))
			points = append(points, sc) // on top
		} else {
			poly, _ := plotter.NewPolygon(plotter.XYs{{X: left, Y: mean - std}, {X: right, Y: mean - std}, {X: right, Y: mean + std}, {X: left, Y: mean + std}})
			poly.Color = lighter(c, 0.8)
			poly.LineStyle.Width = 0
			bands = append(bands, poly)
			points = append([]gplot.Plotter{sc}, points...)
		}
		lines = append(lines, meanLine)
		legend = append(legend, entry{fmt.Sprintf("%s: mean %s ± σ %s", s.name, fmtScore(mean), fmtScore(std)), sc, meanLine})
	}
	p.Add(bands...)
	p.Add(lines...)
	p.Add(points...)
	for _, e := range legend {
		p.Legend.Add(e.name, e.sc, e.line)
	}
	ticks := make([]gplot.Tick, k)
	for f := range ticks {
		ticks[f] = gplot.Tick{Value: float64(f + 1), Label: fmt.Sprint(f + 1)}
	}
	p.X.Tick.Marker = gplot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = left, right
	if lo <= hi {
		pad := (hi - lo) * 0.15
		if pad == 0 {
			pad = math.Abs(hi)*0.1 + 1
		}
		p.Y.Min, p.Y.Max = lo-pad, hi+2.5*pad // room above for the legend
	}
	return p
}

// fmtScore writes a score for the legend, with 4 significant digits.
func fmtScore(x float64) string { return fmt.Sprintf("%.4g", x) }

// popMeanStd returns the mean and the population standard deviation of x (for the figure).
func popMeanStd(x []float64) (mean, std float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		std += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(std / float64(len(x)))
}

// foldClassPanels draws how many rows of each class each test fold holds: the learner's folds
// on the left, the reference's on the right.
func foldClassPanels(got, want [][]int, labels []int, classes []string) *mlplot.Grid {
	top := 0
	count := func(folds [][]int) [][]float64 {
		c := make([][]float64, len(classes))
		for l := range c {
			c[l] = make([]float64, len(folds))
		}
		for f, fold := range folds {
			for _, i := range fold {
				c[labels[i]][f]++
				top = max(top, int(c[labels[i]][f]))
			}
		}
		return c
	}
	g, w := count(got), count(want)
	return mlplot.SideBySide(fmt.Sprintf("Species in each test fold of iris (KFold(150, 3, true, %d))", irisSeed),
		classBars("your folds", g, classes, true, top), classBars("reference folds", w, classes, false, top))
}

// classBars draws counts[class][fold] as bars grouped by fold.
func classBars(title string, counts [][]float64, classes []string, mine bool, top int) *gplot.Plot {
	p := newPlot(title, "test fold", "rows of each species")
	w := vg.Points(22)
	for l, name := range classes {
		b, err := plotter.NewBarChart(plotter.Values(counts[l]), w)
		if err != nil {
			continue
		}
		c := mlplot.PaletteColor(l)
		b.Color = c
		b.LineStyle.Width = 0
		if mine {
			b.Color = lighter(c, 0.5)
			b.LineStyle = draw.LineStyle{Color: c, Width: 1.2, Dashes: []vg.Length{4, 2}}
		}
		b.Offset = w * vg.Length(2*l-len(classes)+1) / 2
		p.Add(b)
		p.Legend.Add(name, b)
	}
	names := make([]string, len(counts[0]))
	for f := range names {
		names[f] = fmt.Sprint(f + 1)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4
	p.Y.Min, p.Y.Max = 0, float64(top)*1.35+1
	return p
}
