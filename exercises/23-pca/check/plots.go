package check

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

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

// digitImage draws one row of 64 pixels (values 0 to 16, ink dark on white) as an 8×8 image;
// values outside 0..16, which a reconstruction can give, are clipped.
func digitImage(pixels []float64) image.Image {
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i, v := range pixels {
		ink := min(max(v/16, 0), 1)
		img.SetGray(i%8, i/8, color.Gray{Y: uint8(math.Round(255 * (1 - ink)))})
	}
	return img
}

// digitPanel returns a plot holding one digit and no axes.
func digitPanel(title string, pixels []float64) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.HideAxes()
	p.Add(plotter.NewImage(digitImage(pixels), 0, 0, 8, 8))
	return p
}

// plotDigits draws the first held-out digits (top row), the reference's reconstruction from k
// components (middle) and the learner's (bottom).
func plotDigits(t *grader.T, X, got, want *mat.Dense, k int) {
	const shown = 6
	var panels []*gplot.Plot
	for i := range shown {
		panels = append(panels, digitPanel(fmt.Sprintf("digit %d", i+1), X.RawRowView(i)))
	}
	for i := range shown {
		panels = append(panels, digitPanel(fmt.Sprintf("reference, k = %d", k), want.RawRowView(i)))
	}
	for i := range shown {
		panels = append(panels, digitPanel(fmt.Sprintf("yours, k = %d", k), got.RawRowView(i)))
	}
	t.Plot("Digits and their reconstructions", mlplot.Tile(fmt.Sprintf("Held-out digits (top) rebuilt from %d components: the reference (middle), yours (bottom)", k), shown, panels...))
}
