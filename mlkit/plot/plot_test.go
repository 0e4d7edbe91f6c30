package plot_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/mlkata/mlkata/mlkit/plot"
)

func mustFor(t testing.TB) func(*gplot.Plot, error) *gplot.Plot {
	return func(p *gplot.Plot, err error) *gplot.Plot {
		t.Helper()
		require.NoError(t, err)
		require.NotNil(t, p)
		return p
	}
}

// svgSize returns the width and height attributes of an SVG document's
// root element, after checking that the whole document is well-formed XML.
func svgSize(t *testing.T, doc []byte) (w, h string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	root := true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "SVG is not well-formed XML")
		if el, ok := tok.(xml.StartElement); ok && root {
			root = false
			require.Equal(t, "svg", el.Name.Local)
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "width":
					w = a.Value
				case "height":
					h = a.Value
				}
			}
		}
	}
	return w, h
}

// TestFigures draws every figure of the package, at two sizes, and decodes
// the PNG (its pixel size must be the size in inches times DPI, rounded) and
// parses the SVG (its width and height must be the size in points).
func TestFigures(t *testing.T) {
	sizes := []struct {
		w, h       vg.Length
		wPx, hPx   int
		wSVG, hSVG string
	}{
		{plot.Width, plot.Height, 922, 691, "460.8pt", "345.6pt"},
		{4 * vg.Inch, 3 * vg.Inch, 576, 432, "288pt", "216pt"},
	}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, g := range gallery(mustFor(t)) {
		t.Run(g.name, func(t *testing.T) {
			for _, s := range sizes {
				var buf bytes.Buffer
				require.NoError(t, plot.WritePNG(&buf, g.fig, s.w, s.h))
				img, err := png.Decode(&buf)
				require.NoError(t, err)
				assert.Equal(t, s.wPx, img.Bounds().Dx())
				assert.Equal(t, s.hPx, img.Bounds().Dy())

				buf.Reset()
				require.NoError(t, plot.WriteSVG(&buf, g.fig, s.w, s.h))
				w, h := svgSize(t, buf.Bytes())
				assert.Equal(t, s.wSVG, w)
				assert.Equal(t, s.hSVG, h)
				assert.Contains(t, buf.String(), "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
				assert.NotContains(t, buf.String(), "image/jpg", "embedded images are PNG")
			}
		})
	}
}

// TestFiguresDrawSomething checks that a figure is not blank: a decoded PNG
// holds many colours besides white (a test that fails if drawing silently
// stops working).
func TestFiguresDrawSomething(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: draws every figure")
	}
	for _, g := range gallery(mustFor(t)) {
		var buf bytes.Buffer
		require.NoError(t, plot.WritePNG(&buf, g.fig, plot.Width, plot.Height))
		img, err := png.Decode(&buf)
		require.NoError(t, err)
		colours := map[[3]uint32]bool{}
		nonWhite := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y += 3 {
			for x := b.Min.X; x < b.Max.X; x += 3 {
				r, g, bl, _ := img.At(x, y).RGBA()
				colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
				if r>>8 < 250 || g>>8 < 250 || bl>>8 < 250 {
					nonWhite++
				}
			}
		}
		assert.Greater(t, len(colours), 20, g.name)
		assert.Greater(t, nonWhite, 500, g.name)
	}
}

func TestSave(t *testing.T) {
	p := mustFor(t)(plot.LossCurves("Loss", plot.Linear, lossRuns()...))
	base := filepath.Join(t.TempDir(), "loss")
	require.NoError(t, plot.Save(p, base, plot.Width, plot.Height))
	for _, ext := range []string{".png", ".svg"} {
		fi, err := os.Stat(base + ext)
		require.NoError(t, err)
		assert.Greater(t, fi.Size(), int64(1000), ext)
	}

	err := plot.Save(p, filepath.Join(t.TempDir(), "no-such-dir", "loss"), plot.Width, plot.Height)
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestBadSize(t *testing.T) {
	p := mustFor(t)(plot.LossCurves("Loss", plot.Linear, lossRuns()...))
	for _, s := range [][2]vg.Length{{0, 100}, {100, -1}, {vg.Length(math.NaN()), 100}, {100, vg.Length(math.Inf(1))}} {
		var buf bytes.Buffer
		assert.ErrorIs(t, plot.WritePNG(&buf, p, s[0], s[1]), plot.ErrDomain)
		assert.ErrorIs(t, plot.WriteSVG(&buf, p, s[0], s[1]), plot.ErrDomain)
		assert.Zero(t, buf.Len(), "nothing is written for a bad size")
	}
}

// TestBadInput gives each figure function bad input: each case must return
// an error wrapping the named sentinel and naming the culprit, never panic.
func TestBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	one := []float64{1}
	fine := func(x1, x2 float64) int { return 0 }
	tests := []struct {
		name    string
		draw    func() (*gplot.Plot, error)
		want    error
		mention string
	}{
		{"loss: no runs", func() (*gplot.Plot, error) { return plot.LossCurves("", plot.Linear) }, plot.ErrEmpty, "no run"},
		{"loss: empty run", func() (*gplot.Plot, error) {
			return plot.LossCurves("", plot.Linear, plot.Line{Name: "a", Y: nil})
		}, plot.ErrEmpty, `run 1 "a": loss is empty`},
		{"loss: NaN", func() (*gplot.Plot, error) {
			return plot.LossCurves("", plot.Linear, plot.Line{Y: one}, plot.Line{Name: "sgd", Y: []float64{3, 2, nan}})
		}, plot.ErrNonFinite, `run 2 "sgd": loss[2] = NaN`},
		{"loss: +Inf", func() (*gplot.Plot, error) {
			return plot.LossCurves("", plot.Linear, plot.Line{Y: []float64{inf}})
		}, plot.ErrNonFinite, "loss[0] = +Inf"},
		{"loss: zero on log scale", func() (*gplot.Plot, error) {
			return plot.LossCurves("", plot.Log, plot.Line{Y: []float64{1, 0.1, 0}})
		}, plot.ErrNonPositive, "loss[2] = 0"},
		{"loss: X and Y lengths", func() (*gplot.Plot, error) {
			return plot.LossCurves("", plot.Linear, plot.Line{X: []float64{1, 2}, Y: one})
		}, plot.ErrLength, "len(X) = 2, len(loss) = 1"},
		{"scatter: no points", func() (*gplot.Plot, error) { return plot.Scatter("", nil) }, plot.ErrEmpty, "no point set"},
		{"scatter: lengths", func() (*gplot.Plot, error) {
			return plot.Scatter("", []plot.Points{{X: []float64{1, 2}, Y: one}})
		}, plot.ErrLength, "point set 1"},
		{"scatter: curve NaN", func() (*gplot.Plot, error) {
			return plot.Scatter("", []plot.Points{{X: []float64{1, 4}, Y: []float64{1, 2}}},
				plot.Curve{Name: "sqrt", F: func(x float64) float64 { return math.Sqrt(2 - x) }})
		}, plot.ErrNonFinite, `curve 1 "sqrt": F(`},
		{"scatter: nil curve", func() (*gplot.Plot, error) {
			return plot.Scatter("", []plot.Points{{X: one, Y: one}}, plot.Curve{})
		}, plot.ErrDomain, "F is nil"},
		{"residuals: none", func() (*gplot.Plot, error) { return plot.Residuals("") }, plot.ErrEmpty, "no prediction set"},
		{"residuals: lengths", func() (*gplot.Plot, error) {
			return plot.Residuals("", plot.Prediction{Actual: []float64{1, 2}, Predicted: one})
		}, plot.ErrLength, "len(Actual) = 2, len(Predicted) = 1"},
		{"predicted vs actual: NaN", func() (*gplot.Plot, error) {
			return plot.PredictedVsActual("", plot.Prediction{Actual: one, Predicted: []float64{nan}})
		}, plot.ErrNonFinite, "Predicted[0] = NaN"},
		{"confusion: empty", func() (*gplot.Plot, error) { return plot.ConfusionMatrix("", nil, nil) }, plot.ErrEmpty, "no rows"},
		{"confusion: not square", func() (*gplot.Plot, error) {
			return plot.ConfusionMatrix("", [][]int{{1, 2}, {3}}, nil)
		}, plot.ErrLength, "row 1 has 1 columns"},
		{"confusion: class names", func() (*gplot.Plot, error) {
			return plot.ConfusionMatrix("", [][]int{{1, 2}, {3, 4}}, []string{"a"})
		}, plot.ErrLength, "1 class names for a 2×2 matrix"},
		{"confusion: negative", func() (*gplot.Plot, error) {
			return plot.ConfusionMatrix("", [][]int{{1, -2}, {3, 4}}, nil)
		}, plot.ErrDomain, "counts[0][1] = -2"},
		{"ROC: none", func() (*gplot.Plot, error) { return plot.ROC("") }, plot.ErrEmpty, "no curve"},
		{"ROC: rate above 1", func() (*gplot.Plot, error) {
			return plot.ROC("", plot.ROCCurve{FPR: []float64{0, 1.5}, TPR: []float64{0, 1}, AUC: 0.5})
		}, plot.ErrDomain, "FPR[1] = 1.5 is outside [0, 1]"},
		{"ROC: AUC NaN", func() (*gplot.Plot, error) {
			return plot.ROC("", plot.ROCCurve{FPR: []float64{0, 1}, TPR: []float64{0, 1}, AUC: nan})
		}, plot.ErrNonFinite, "AUC = NaN"},
		{"ROC: lengths", func() (*gplot.Plot, error) {
			return plot.ROC("", plot.ROCCurve{FPR: []float64{0, 1}, TPR: []float64{0}, AUC: 0.5})
		}, plot.ErrLength, "len(FPR) = 2, len(TPR) = 1"},
		{"PR: prevalence", func() (*gplot.Plot, error) {
			return plot.PrecisionRecall("", 1, plot.PRCurve{Recall: one, Precision: one, AP: 1})
		}, plot.ErrDomain, "prevalence = 1"},
		{"PR: empty", func() (*gplot.Plot, error) {
			return plot.PrecisionRecall("", 0, plot.PRCurve{Name: "m"})
		}, plot.ErrEmpty, `curve 1 "m": Recall is empty`},
		{"boundary: nil predict", func() (*gplot.Plot, error) {
			return plot.DecisionBoundary("", plot.Boundary{X1: one, X2: one, Labels: []int{0}})
		}, plot.ErrDomain, "Predict is nil"},
		{"boundary: no points", func() (*gplot.Plot, error) {
			return plot.DecisionBoundary("", plot.Boundary{Predict: fine})
		}, plot.ErrEmpty, "X1 is empty"},
		{"boundary: labels length", func() (*gplot.Plot, error) {
			return plot.DecisionBoundary("", plot.Boundary{Predict: fine, X1: one, X2: one})
		}, plot.ErrLength, "len(X1) = 1, len(Labels) = 0"},
		{"boundary: label outside classes", func() (*gplot.Plot, error) {
			return plot.DecisionBoundary("", plot.Boundary{Predict: fine, X1: one, X2: one, Labels: []int{2}, Classes: []string{"a", "b"}})
		}, plot.ErrDomain, "Labels[0] = 2 is not a class in [0, 2)"},
		{"boundary: prediction outside classes", func() (*gplot.Plot, error) {
			return plot.DecisionBoundary("", plot.Boundary{
				Predict: func(x1, x2 float64) int { return -1 }, X1: one, X2: one, Labels: []int{0}})
		}, plot.ErrDomain, "= -1 is not a class in [0, 1)"},
		{"boundary: resolution", func() (*gplot.Plot, error) {
			return plot.DecisionBoundary("", plot.Boundary{Predict: fine, X1: one, X2: one, Labels: []int{0}, Resolution: 1})
		}, plot.ErrDomain, "Resolution = 1"},
		{"validation: none", func() (*gplot.Plot, error) { return plot.ValidationCurve("", "C", plot.Log) }, plot.ErrEmpty, "no curve"},
		{"validation: zero on log x", func() (*gplot.Plot, error) {
			return plot.ValidationCurve("", "C", plot.Log, plot.ErrorCurve{X: []float64{0, 1}, Train: []float64{1, 1}, Validation: []float64{1, 1}})
		}, plot.ErrNonPositive, "X[0] = 0"},
		{"validation: lengths", func() (*gplot.Plot, error) {
			return plot.ValidationCurve("", "C", plot.Linear, plot.ErrorCurve{X: []float64{0, 1}, Train: []float64{1, 1}, Validation: one})
		}, plot.ErrLength, "len(X) = 2, len(Validation) = 1"},
		{"validation: negative deviation", func() (*gplot.Plot, error) {
			return plot.ValidationCurve("", "C", plot.Linear, plot.ErrorCurve{X: one, Train: one, Validation: one, TrainStd: []float64{-1}})
		}, plot.ErrDomain, "TrainStd[0] = -1 is negative"},
		{"learning: Inf", func() (*gplot.Plot, error) {
			return plot.LearningCurve("", plot.ErrorCurve{Name: "m", X: one, Train: []float64{inf}, Validation: one})
		}, plot.ErrNonFinite, `curve 1 "m": Train[0] = +Inf`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var p *gplot.Plot
			var err error
			require.NotPanics(t, func() { p, err = tc.draw() })
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, p)
			assert.True(t, strings.HasPrefix(err.Error(), "plot: "), err.Error())
			assert.Contains(t, err.Error(), tc.mention)
		})
	}
}

// TestDegenerateInput draws input gonum/plot would find awkward (a single
// point, constant values, a confusion matrix of zeros, all points of one
// class): each must draw without error.
func TestDegenerateInput(t *testing.T) {
	constant := func(x1, x2 float64) int { return 0 }
	figures := map[string]func() (*gplot.Plot, error){
		"one epoch": func() (*gplot.Plot, error) { return plot.LossCurves("", plot.Log, plot.Line{Y: []float64{0.5}}) },
		"flat loss": func() (*gplot.Plot, error) { return plot.LossCurves("", plot.Linear, plot.Line{Y: []float64{0, 0, 0}}) },
		"one point": func() (*gplot.Plot, error) {
			return plot.Scatter("t", []plot.Points{{X: []float64{1}, Y: []float64{2}}})
		},
		"perfect predictions": func() (*gplot.Plot, error) {
			return plot.Residuals("t", plot.Prediction{Actual: []float64{1, 2}, Predicted: []float64{1, 2}})
		},
		"zeros": func() (*gplot.Plot, error) { return plot.ConfusionMatrix("", [][]int{{0, 0}, {0, 0}}, nil) },
		"one class": func() (*gplot.Plot, error) {
			return plot.DecisionBoundary("", plot.Boundary{Predict: constant, X1: []float64{1, 1}, X2: []float64{3, 3}, Labels: []int{0, 0}})
		},
	}
	for name, draw := range figures {
		t.Run(name, func(t *testing.T) {
			p := mustFor(t)(draw())
			var buf bytes.Buffer
			require.NoError(t, plot.WritePNG(&buf, p, plot.Width, plot.Height))
			require.NoError(t, plot.WriteSVG(&buf, p, plot.Width, plot.Height))
		})
	}
}

// TestBoundaryGrid checks that DecisionBoundary asks Predict for exactly
// the grid points Boundary.Grid announces, and for the data points.
func TestBoundaryGrid(t *testing.T) {
	x1, x2, labels := blobs()
	asked := map[[2]float64]int{}
	b := plot.Boundary{
		Predict: func(a, c float64) int {
			asked[[2]float64{a, c}]++
			return nearestCentre(a, c)
		},
		X1: x1, X2: x2, Labels: labels, Resolution: 50,
	}
	gx, gy := b.Grid()
	require.Len(t, gx, 50)
	require.Len(t, gy, 50)
	assert.Less(t, gx[0], slicesMin(x1), "the grid extends past the points")
	assert.Greater(t, gy[49], slicesMax(x2))
	_ = mustFor(t)(plot.DecisionBoundary("", b))
	for _, a := range gx {
		for _, c := range gy {
			assert.Positive(t, asked[[2]float64{a, c}], "grid point (%v, %v) not predicted", a, c)
		}
	}
	assert.Len(t, asked, 50*50+len(x1), "every grid point once, and each data point")
}

func slicesMin(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func slicesMax(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// TestSideBySideSharesY checks that SideBySide draws the panels over one y
// range without modifying them.
func TestSideBySideSharesY(t *testing.T) {
	runs := lossRuns()
	a := mustFor(t)(plot.LossCurves("a", plot.Linear, runs[0]))
	b := mustFor(t)(plot.LossCurves("b", plot.Linear, plot.Line{Y: []float64{10, 20}}))
	aMax := a.Y.Max
	g := plot.SideBySide("both", a, b)
	var buf bytes.Buffer
	require.NoError(t, plot.WritePNG(&buf, g, 2*plot.Width, plot.Height))
	assert.Equal(t, aMax, a.Y.Max, "the panel itself is not modified")

	// A grid with an empty cell and more panels than columns also draws.
	tile := plot.Tile("", 2, a, nil, b)
	require.NoError(t, plot.WritePNG(&buf, tile, 2*plot.Width, 2*plot.Height))
}

func TestEnums(t *testing.T) {
	assert.Equal(t, "solid", plot.Solid.String())
	assert.Equal(t, "dashed", plot.Dashed.String())
	assert.Equal(t, "dotted", plot.Dotted.String())
	assert.Equal(t, "dash-dot", plot.DashDot.String())
	assert.Equal(t, "Dash(9)", plot.Dash(9).String())
	assert.Equal(t, "linear", plot.Linear.String())
	assert.Equal(t, "log", plot.Log.String())
	assert.Equal(t, "Scale(7)", plot.Scale(7).String())
	assert.Equal(t, plot.PaletteColor(0), plot.PaletteColor(10), "the palette cycles")
	assert.Equal(t, plot.PaletteColor(9), plot.PaletteColor(-1))
	assert.NotEqual(t, plot.PaletteColor(0), plot.PaletteColor(1))
}

// BenchmarkFigure measures building and rendering figures to PNG and SVG.
func BenchmarkFigure(b *testing.B) {
	for _, g := range gallery(mustFor(b)) {
		b.Run(g.name+"/png", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := plot.WritePNG(&bytes.Buffer{}, g.fig, plot.Width, plot.Height); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(g.name+"/svg", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := plot.WriteSVG(&bytes.Buffer{}, g.fig, plot.Width, plot.Height); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecisionBoundary measures evaluating and building a 200 × 200
// decision boundary (40 000 predictions), without rendering.
func BenchmarkDecisionBoundary(b *testing.B) {
	x1, x2, labels := blobs()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := plot.DecisionBoundary("", plot.Boundary{Predict: nearestCentre, X1: x1, X2: x2, Labels: labels}); err != nil {
			b.Fatal(err)
		}
	}
}
