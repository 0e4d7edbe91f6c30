package check

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlkata/mlkata/grader"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// cumulative returns the running sums of x.
func cumulative(x []float64) []float64 {
	out := make([]float64, len(x))
	sum := 0.0
	for i, v := range x {
		sum += v
		out[i] = sum
	}
	return out
}

// plotCumulative draws the cumulative explained variance ratio against the number of
// components, the reference's solid and the learner's dashed (when it is finite and has one
// value per component).
func plotCumulative(t *grader.T, got, want []float64) {
	ks := make([]float64, len(want))
	for i := range ks {
		ks[i] = float64(i + 1)
	}
	lines := []mlplot.Line{{Name: "reference", X: ks, Y: cumulative(want)}}
	if len(got) == len(want) && !slices.ContainsFunc(got, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
		lines = append(lines, mlplot.Line{Name: "yours", X: ks, Y: cumulative(got), Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	p, err := mlplot.LossCurves("Digits: cumulative explained variance ratio", mlplot.Linear, lines...)
	if err != nil {
		return
	}
	p.X.Label.Text = "number of components k"
	p.Y.Label.Text = "share of the variance kept"
	t.Plot("Cumulative explained variance ratio", p)
}

// digitGrid draws rows of 8×8 digits (64 pixel values each, 0 to 16, ink dark on white) as
// squares of filled cells, each row of digits under its label: drawn by hand rather than as
// plots so that the pixels stay square whatever the image's size. Values outside 0..16, which
// a reconstruction can give, are clipped.
type digitGrid struct {
	title  string
	labels []string
	rows   []*mat.Dense // the first shown rows of each are drawn
	shown  int
}

// Draw implements mlplot.Figure.
func (g digitGrid) Draw(c draw.Canvas) {
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	ink := color.Gray{Y: 0x26}
	title := text.Style{Color: ink, Font: font.From(sans, vg.Points(14)), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: gplot.DefaultTextHandler}
	label := title
	label.Font = font.From(sans, vg.Points(11))
	gap, labelHeight := vg.Points(14), label.Height("Ag")+vg.Points(6)

	top := c.Max.Y - vg.Points(8)
	c.FillText(title, vg.Point{X: c.Center().X, Y: top}, g.title)
	top -= title.Height(g.title) + vg.Points(10)

	rows := vg.Length(len(g.rows))
	width := vg.Length(9*g.shown - 1) // 8 cells per digit and one between digits
	cell := min((c.Max.X-c.Min.X-vg.Points(20))/width,
		(top-c.Min.Y-vg.Points(8)-rows*labelHeight-(rows-1)*gap)/(8*rows))
	left := c.Center().X - cell*width/2
	y := top
	frame := draw.LineStyle{Color: color.Gray{Y: 0xb0}, Width: vg.Points(0.5)}
	for r, X := range g.rows {
		c.FillText(label, vg.Point{X: c.Center().X, Y: y}, g.labels[r])
		y -= labelHeight
		for d := range g.shown {
			x0 := left + cell*vg.Length(9*d)
			for i, v := range X.RawRowView(d) {
				x, yy := x0+cell*vg.Length(i%8), y-cell*vg.Length(i/8+1)
				c.SetColor(color.Gray{Y: uint8(math.Round(255 * (1 - min(max(v/16, 0), 1))))})
				var square vg.Path
				square.Move(vg.Point{X: x, Y: yy})
				square.Line(vg.Point{X: x + cell, Y: yy})
				square.Line(vg.Point{X: x + cell, Y: yy + cell})
				square.Line(vg.Point{X: x, Y: yy + cell})
				square.Close()
				c.Fill(square)
			}
			c.StrokeLines(frame, []vg.Point{{X: x0, Y: y}, {X: x0 + 8*cell, Y: y}, {X: x0 + 8*cell, Y: y - 8*cell}, {X: x0, Y: y - 8*cell}, {X: x0, Y: y}})
		}
		y -= 8*cell + gap
	}
}

// plotDigits draws the first held-out digits (top row), the reference's reconstruction from k
// components (middle) and the learner's (bottom).
func plotDigits(t *grader.T, X, got, want *mat.Dense, k int) {
	t.Plot("Digits and their reconstructions", digitGrid{
		title: fmt.Sprintf("Held-out digits rebuilt from %d of their 64 components", k),
		labels: []string{"the digits", fmt.Sprintf("the reference's reconstruction, k = %d", k),
			fmt.Sprintf("your reconstruction, k = %d", k)},
		rows:  []*mat.Dense{X, want, got},
		shown: 8,
	})
}
