package check

import (
	"image/color"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// bars is one set of labels to count per class in a grouped bar chart.
type bars struct {
	name   string
	labels []int
}

// classBars draws, for each class, one bar per set: how many of the set's labels are that
// class (labels outside [0, len(classes)) are not counted). The learner's set comes first, in a
// lighter fill with a dashed outline, the reference beside it. It re-creates mlkit/plot's look
// (fonts, grid, palette) because mlkit/plot has no bar chart.
func classBars(title string, classes []string, sets ...bars) *gplot.Plot {
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	ink := color.Gray{0x26}
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 13)
	p.Title.TextStyle.Color = ink
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text = "class"
	p.Y.Label.Text = "rows in the test set"
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 11)
		a.Tick.Label.Font = font.From(sans, 9.5)
	}
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal = draw.LineStyle{Color: color.Gray{0xe3}, Width: 0.8}
	p.Add(g)
	w := vg.Points(36)
	top := 0.0
	for i, s := range sets {
		counts := make(plotter.Values, len(classes))
		for _, l := range s.labels {
			if l >= 0 && l < len(classes) {
				counts[l]++
			}
		}
		for _, c := range counts {
			top = max(top, c)
		}
		b, err := plotter.NewBarChart(counts, w)
		if err != nil {
			continue // no data to draw; the checks say what is wrong
		}
		b.Color = mlplot.PaletteColor(i)
		b.LineStyle.Width = 0
		b.Offset = w * vg.Length(2*i-len(sets)+1) / 2
		if i == 0 {
			// The learner's bars: a lighter fill with a dashed outline (learner dashed,
			// reference solid, as in every figure).
			b.Color = lighter(mlplot.PaletteColor(i))
			b.LineStyle = draw.LineStyle{Color: mlplot.PaletteColor(i), Width: 1.5, Dashes: []vg.Length{4, 2}}
		}
		p.Add(b)
		p.Legend.Add(s.name, b)
	}
	p.NominalX(classes...)
	p.Y.Min, p.Y.Max = 0, top*1.25+1
	p.Legend.Top = true
	p.Legend.TextStyle.Font = font.From(sans, 9.5)
	return p
}

// lighter mixes c with white, half and half.
func lighter(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.RGBA{uint8((r>>8 + 255) / 2), uint8((g>>8 + 255) / 2), uint8((b>>8 + 255) / 2), 255}
}
