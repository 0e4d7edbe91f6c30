// Package sincurve is Bishop's curve-fitting example (PRML §1.1) as the checks of exercises 10
// (polynomial features) and 11 (ridge regression) use it: the noisy samples of sin(2πx) that
// both fit, and the picture of fits over [0, 1] that both draw. It imports no learner package.
package sincurve

import (
	"math"
	"math/rand/v2"

	gplot "gonum.org/v1/plot"

	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// Sample returns n inputs, evenly spaced over [0, 1] if even (n ≥ 2), else uniform on [0, 1],
// and targets sin(2πx) + 𝒩(0, noise²), drawn from rng.
func Sample(rng *rand.Rand, n int, even bool, noise float64) (x, y []float64) {
	x, y = make([]float64, n), make([]float64, n)
	for i := range n {
		if even {
			x[i] = float64(i) / float64(n-1)
		} else {
			x[i] = rng.Float64()
		}
		y[i] = math.Sin(2*math.Pi*x[i]) + noise*rng.NormFloat64()
	}
	return x, y
}

// Grid returns the 201 inputs i/200, i = 0 … 200, at which the fits are drawn.
func Grid() []float64 {
	grid := make([]float64, 201)
	for i := range grid {
		grid[i] = float64(i) / 200
	}
	return grid
}

// Interp returns the piecewise-linear function through (grid, v), for an evenly spaced grid,
// clamped to [−3, 3] so that a wild degree-9 fit stays drawable.
func Interp(grid, v []float64) func(float64) float64 {
	return func(x float64) float64 {
		n := len(grid) - 1
		f := (x - grid[0]) / (grid[n] - grid[0]) * float64(n)
		i := min(max(int(f), 0), n-1)
		w := f - float64(i)
		return max(-3, min(3, (1-w)*v[i]+w*v[i+1]))
	}
}

// Fits returns a plot of the training points (xTr, yTr), the true curve sin(2πx) and the given
// fits, with y shown over [−2, 2]. The error is mlplot.Scatter's.
func Fits(title string, xTr, yTr []float64, fits ...mlplot.Curve) (*gplot.Plot, error) {
	truth := mlplot.Curve{Name: "sin(2πx)", F: func(x float64) float64 { return math.Sin(2 * math.Pi * x) }, Style: mlplot.Style{Color: mlplot.PaletteColor(6)}}
	p, err := mlplot.Scatter(title, []mlplot.Points{{Name: "training points", X: xTr, Y: yTr, Style: mlplot.Style{Color: mlplot.PaletteColor(0)}}}, append([]mlplot.Curve{truth}, fits...)...)
	if err != nil {
		return nil, err
	}
	p.Y.Min, p.Y.Max = -2, 2
	p.X.Label.Text = "x"
	p.Y.Label.Text = "y"
	return p, nil
}
