package check

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"
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

// digitRow draws images of 64 pixel values (0 to 16, ink dark on white) side by side as 8×8
// squares, one column apart, cheap to draw in PNG and SVG alike; values outside 0..16, which a
// reconstruction can give, are clipped.
type digitRow [][]float64

// Plot implements gplot.Plotter.
func (row digitRow) Plot(c draw.Canvas, plt *gplot.Plot) {
	trX, trY := plt.Transforms(&c)
	for d, img := range row {
		for i, v := range img {
			x, y := float64(9*d+i%8), float64(7-i/8)
			ink := min(max(v/16, 0), 1)
			c.SetColor(color.Gray{Y: uint8(math.Round(255 * (1 - ink)))})
			var square vg.Path
			square.Move(vg.Point{X: trX(x), Y: trY(y)})
			square.Line(vg.Point{X: trX(x + 1), Y: trY(y)})
			square.Line(vg.Point{X: trX(x + 1), Y: trY(y + 1)})
			square.Line(vg.Point{X: trX(x), Y: trY(y + 1)})
			square.Close()
			c.Fill(square)
		}
	}
}

// DataRange implements gplot.DataRanger.
func (row digitRow) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, float64(9*len(row) - 1), 0, 8
}

// rowPanel returns a plot of the first shown rows of X, without axes.
func rowPanel(title string, X *mat.Dense, shown int) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.HideAxes()
	row := make(digitRow, shown)
	for i := range row {
		row[i] = X.RawRowView(i)
	}
	p.Add(row)
	return p
}

// plotDigits draws the first held-out digits (top row), the reference's reconstruction from k
// components (middle) and the learner's (bottom).
func plotDigits(t *grader.T, X, got, want *mat.Dense, k int) {
	const shown = 8
	t.Plot("Digits and their reconstructions", mlplot.Tile(fmt.Sprintf("Held-out digits rebuilt from %d of their 64 components", k), 1,
		rowPanel("the digits", X, shown),
		rowPanel(fmt.Sprintf("the reference's reconstruction, k = %d", k), want, shown),
		rowPanel(fmt.Sprintf("your reconstruction, k = %d", k), got, shown)))
}
