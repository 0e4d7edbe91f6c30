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
	"github.com/mlkata/mlkata/mlkit/density"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// styled returns an empty plot with mlkit/plot's look (fonts, grid), since mlkit/plot has no
// histogram.
func styled(title, xLabel, yLabel string) *gplot.Plot {
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 13)
	p.Title.TextStyle.Color = color.Gray{0x26}
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 11)
		a.Tick.Label.Font = font.From(sans, 9.5)
	}
	g := plotter.NewGrid()
	g.Horizontal = draw.LineStyle{Color: color.Gray{0xe3}, Width: 0.8}
	g.Vertical = g.Horizontal
	p.Add(g)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font = font.From(sans, 9.5)
	return p
}

// thresholdHist draws the histogram of the validation log densities, benign and malignant
// apart, with the reference's ε (solid) and the learner's (dashed, if finite). The axis shows
// the normal rows and the threshold: it starts at most twice the distance from ε to the top
// score below ε, and the rows further out are counted in its first bin (the legend says how
// many), so that one far anomaly does not squash the rest into a line.
func thresholdHist(logp []float64, y []int, eps, want float64) *gplot.Plot {
	p := styled("Validation log densities: the rows left of ε are flagged", "log p(x)", "tumours")
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range logp {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	left := math.Max(lo, want-2*(hi-want))
	showEps := !math.IsNaN(eps) && !math.IsInf(eps, 0) && eps >= left-(hi-left) && eps <= hi+(hi-left)
	if showEps {
		left = math.Min(left, eps)
	}
	const bins = 40
	width := (hi - left) / bins
	if !(width > 0) {
		width = 1
	}
	top := 0.0
	for class, name := range []string{"benign (normal)", "malignant (anomaly)"} {
		h := &plotter.Histogram{Width: width, FillColor: withAlpha(mlplot.PaletteColor(class), 0x99)}
		h.Bins = make([]plotter.HistogramBin, bins)
		for k := range h.Bins {
			h.Bins[k].Min, h.Bins[k].Max = left+float64(k)*width, left+float64(k+1)*width
		}
		out := 0
		for i, v := range logp {
			if y[i] != class {
				continue
			}
			if v < left {
				out++
			}
			k := min(bins-1, max(0, int((v-left)/width)))
			h.Bins[k].Weight++
		}
		for _, b := range h.Bins {
			top = math.Max(top, b.Weight)
		}
		if out > 0 {
			name += fmt.Sprintf(", %d below %s counted at the left", out, grader.Num(math.Round(left)))
		}
		p.Add(h)
		p.Legend.Add(name, h)
	}
	vline := func(x float64, name string, c color.Color, dashes []vg.Length) {
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: top * 1.1}})
		if err != nil {
			return
		}
		l.LineStyle = draw.LineStyle{Color: c, Width: 2, Dashes: dashes}
		p.Add(l)
		p.Legend.Add(name, l)
	}
	vline(want, "reference ε", mlplot.PaletteColor(2), nil)
	if showEps {
		vline(eps, "your ε", mlplot.PaletteColor(3), []vg.Length{vg.Points(5), vg.Points(3)})
	} else {
		p.X.Label.Text += fmt.Sprintf("   (your ε = %s is off this axis)", grader.Num(eps))
	}
	p.Y.Min, p.Y.Max = 0, top*1.4
	return p
}

// withAlpha returns c with the alpha a, premultiplied.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	f := float64(a) / 255
	return color.RGBA{uint8(float64(r>>8) * f), uint8(float64(g>>8) * f), uint8(float64(b>>8) * f), a}
}

// The two features of the scatter of flagged tumours: two of the measurements that tell
// malignant tumours best (columns of breast_cancer.csv).
const (
	featX, featY         = 20, 21 // worst radius, worst texture
	featXName, featYName = "worst radius", "worst texture"
)

// flaggedScatter draws the test tumours in two of their 30 features, marked by what the
// learner's flags (the last flags Evaluate gave testF1) and the reference's make of them:
// caught anomalies, false alarms, missed anomalies, and the rest.
func flaggedScatter(d *split, flags []int) *mlplot.Grid {
	g := d.model()
	want, _ := density.SelectThreshold(d.yval, g.LogDensity(nil, d.Xval))
	ref := density.Flag(g.LogDensity(nil, d.Xtest), want)
	panel := func(title string, f []int) *gplot.Plot {
		names := []string{"normal, not flagged", "malignant, flagged", "benign, flagged (false alarm)", "malignant, missed"}
		pts := make([]mlplot.Points, 4)
		for k := range pts {
			pts[k] = mlplot.Points{Name: names[k], Style: mlplot.Style{Color: mlplot.PaletteColor(k)}}
		}
		for i, y := range d.ytest {
			k := 0
			switch {
			case f[i] == 1 && y == 1:
				k = 1
			case f[i] == 1:
				k = 2
			case y == 1:
				k = 3
			}
			pts[k].X = append(pts[k].X, d.Xtest.At(i, featX))
			pts[k].Y = append(pts[k].Y, d.Xtest.At(i, featY))
		}
		var keep []mlplot.Points
		for _, p := range pts {
			if len(p.X) > 0 {
				keep = append(keep, p)
			}
		}
		p, err := mlplot.Scatter(title, keep)
		if err != nil {
			return nil
		}
		p.X.Label.Text, p.Y.Label.Text = featXName, featYName
		return p
	}
	var yours *gplot.Plot
	if len(flags) == len(d.ytest) {
		yours = panel("Your flags", flags)
	}
	return mlplot.SideBySide("Test tumours flagged (2 of the 30 features)", yours, panel("Reference flags", ref))
}
