package check

import (
	"image/color"
	"math"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// barSeries is one set of bars of a grouped bar chart: one value per group.
type barSeries struct {
	name    string
	values  []float64
	color   color.Color
	learner bool // the learner's bars: a lighter fill with a dashed outline
}

var (
	grey = color.Gray{0xb0}
	ink  = color.Gray{0x26}
	sans = font.Font{Typeface: "Liberation", Variant: "Sans"}
)

// barChart draws grouped bars, one group per name in groups, and a dashed horizontal line at
// hline when it is not NaN. It re-creates mlkit/plot's look (fonts, grid, palette), since
// mlkit/plot has no bar chart; the learner's bars are lighter with a dashed outline, as the
// learner's series are dashed in every figure.
func barChart(title, yLabel string, groups []string, hline float64, series ...barSeries) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 13)
	p.Title.TextStyle.Color = ink
	p.Title.Padding = vg.Points(8)
	p.Y.Label.Text = yLabel
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 11)
		a.Tick.Label.Font = font.From(sans, 9.5)
	}
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal = draw.LineStyle{Color: color.Gray{0xe3}, Width: 0.8}
	p.Add(g)
	w := vg.Points(min(30, 300/float64(len(groups)*len(series))))
	lo, hi := 0.0, 0.0
	for i, s := range series {
		vals := make(plotter.Values, len(groups))
		for k := range vals {
			if k < len(s.values) && !math.IsNaN(s.values[k]) && !math.IsInf(s.values[k], 0) {
				vals[k] = s.values[k]
			}
			lo, hi = min(lo, vals[k]), max(hi, vals[k])
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			continue // nothing to draw; the checks say what is wrong
		}
		b.Color = s.color
		b.LineStyle.Width = 0
		b.Offset = w * vg.Length(2*i-len(series)+1) / 2
		if s.learner {
			b.Color = lighter(s.color)
			b.LineStyle = draw.LineStyle{Color: s.color, Width: 1.5, Dashes: []vg.Length{4, 2}}
		}
		p.Add(b)
		p.Legend.Add(s.name, b)
	}
	if !math.IsNaN(hline) {
		l, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: hline}, {X: float64(len(groups)) - 0.5, Y: hline}})
		if err == nil {
			l.LineStyle = draw.LineStyle{Color: ink, Width: 1, Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
			p.Add(l)
		}
		hi = max(hi, hline)
	}
	p.NominalX(groups...)
	p.Y.Min, p.Y.Max = min(0, lo*1.15), hi*1.3+0.05
	p.Legend.Top = true
	p.Legend.TextStyle.Font = font.From(sans, 9.5)
	return p
}

// lighter mixes c with white, half and half.
func lighter(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.RGBA{uint8((r>>8 + 255) / 2), uint8((g>>8 + 255) / 2), uint8((b>>8 + 255) / 2), 255}
}

// correlationBars draws |r| of each feature of p with the target over the training rows, the
// columns the learner flags as target leaks drawn over them (lighter, dashed outline), and the
// rule's threshold 0.95 as a dashed line: the rule flags the bars that reach it.
func correlationBars(p pipeline, flagged []string) *gplot.Plot {
	r := correlations(p)
	cols := p.Data.featureColumns()
	names := make([]string, len(cols))
	all := make([]float64, len(cols))
	for k, j := range cols {
		names[k] = p.Data.Columns[j]
		all[k] = math.Abs(r[k])
	}
	pl := barChart("|r| with "+p.Data.Target+" on the training rows", "|r|", names, threshold,
		barSeries{name: "every feature", values: all, color: grey})
	w := vg.Points(min(30, 300/float64(len(cols))))
	legend := true
	for k, name := range names {
		if !slices.Contains(flagged, name) {
			continue
		}
		b, err := plotter.NewBarChart(plotter.Values{all[k]}, w)
		if err != nil {
			continue
		}
		b.XMin = float64(k)
		b.Color = lighter(mlplot.PaletteColor(0))
		b.LineStyle = draw.LineStyle{Color: mlplot.PaletteColor(0), Width: 1.5, Dashes: []vg.Length{4, 2}}
		pl.Add(b)
		if legend {
			pl.Legend.Add("you flag", b)
			legend = false
		}
	}
	if l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 0, Y: 0}}); err == nil {
		l.LineStyle = draw.LineStyle{Color: ink, Width: 1, Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
		pl.Legend.Add("0.95: the rule flags the bars that reach it", l)
	}
	pl.X.Tick.Label.Rotation = math.Pi / 5
	pl.X.Tick.Label.XAlign = draw.XRight
	pl.X.Tick.Label.YAlign = draw.YCenter
	return pl
}

// scoreBars draws the R² of p as given (leaky), the learner's HonestScore and the reference's.
func scoreBars(p pipeline, given, got, want float64) *gplot.Plot {
	return barChart("R² on the test rows: "+p.Name, "R²", []string{p.Name}, math.NaN(),
		barSeries{name: "as given (leaky)", values: []float64{given}, color: grey},
		barSeries{name: "your HonestScore", values: []float64{got}, color: mlplot.PaletteColor(0), learner: true},
		barSeries{name: "honest (reference)", values: []float64{want}, color: mlplot.PaletteColor(2)})
}

// laterDays draws the target over time for the rows of p's split, the learner's FutureInTrain
// rows beside the rule's.
func laterDays(p pipeline, flagged []int) mlplot.Figure {
	tcol, ycol := p.Data.col(p.Data.Time), p.Data.col(p.Data.Target)
	panel := func(title string, rows []int) *gplot.Plot {
		// The set that may be empty goes last, so that the markers of the others (by position)
		// are the same in both panels.
		var sets [3]mlplot.Points
		names := []string{"test rows", "training rows flagged", "training rows"}
		colors := []color.Color{mlplot.PaletteColor(0), mlplot.PaletteColor(3), grey}
		for k := range sets {
			sets[k] = mlplot.Points{Name: names[k], Style: mlplot.Style{Color: colors[k]}}
		}
		add := func(k, i int) {
			sets[k].X = append(sets[k].X, p.Data.Rows[i][tcol])
			sets[k].Y = append(sets[k].Y, p.Data.Rows[i][ycol])
		}
		for _, i := range p.Test {
			add(0, i)
		}
		for _, i := range p.Train {
			if slices.Contains(rows, i) {
				add(1, i)
			} else {
				add(2, i)
			}
		}
		var nonEmpty []mlplot.Points
		for _, s := range sets {
			if len(s.X) > 0 {
				nonEmpty = append(nonEmpty, s)
			}
		}
		pl, err := mlplot.Scatter(title, nonEmpty)
		if err != nil {
			return nil
		}
		pl.X.Label.Text = p.Data.Time
		pl.Y.Label.Text = p.Data.Target
		return pl
	}
	mine, rule := panel("your FutureInTrain rows", flagged), panel("the rule's: later than the first test day", trainAfterTest(p))
	if mine == nil || rule == nil {
		return nil
	}
	return mlplot.SideBySide("Training rows after the first test day ("+p.Name+")", mine, rule)
}
