package plot_test

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"

	"github.com/mlkata/mlkata/mlkit/plot"
)

// Save writes a figure as PNG and SVG; here the loss of the reference and
// of a learner, on a log scale, into a temporary directory.
func ExampleSave() {
	dir, err := os.MkdirTemp("", "mlkata-plot")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	p, err := plot.LossCurves("Training loss", plot.Log,
		plot.Line{Name: "reference", Y: []float64{1, 0.5, 0.25, 0.12, 0.06}},
		plot.Line{Name: "learner", Y: []float64{1, 0.7, 0.5, 0.4, 0.35}, Style: plot.Style{Dash: plot.Dashed}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := plot.Save(p, filepath.Join(dir, "loss"), plot.Width, plot.Height); err != nil {
		fmt.Println(err)
		return
	}
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		fmt.Println(f.Name())
	}
	// Output:
	// loss.png
	// loss.svg
}

// A run that diverged cannot be drawn: the error names the run and epoch.
func ExampleLossCurves_diverged() {
	_, err := plot.LossCurves("Training loss", plot.Linear,
		plot.Line{Name: "reference", Y: []float64{1, 0.5, 0.25}},
		plot.Line{Name: "learner", Y: []float64{1, 40, math.Inf(1)}},
	)
	fmt.Println(err)
	// Output:
	// plot: loss curves: run 2 "learner": loss[2] = +Inf: not a finite number
}

// WritePNG writes the image to any io.Writer, such as an HTML report's
// buffer; at the default size and resolution it is 922 × 691 pixels.
func ExampleWritePNG() {
	p, err := plot.PredictedVsActual("Predicted vs actual",
		plot.Prediction{Name: "reference", Actual: []float64{1, 2, 3, 4}, Predicted: []float64{1.1, 1.9, 3.2, 3.9}},
		plot.Prediction{Name: "learner", Actual: []float64{1, 2, 3, 4}, Predicted: []float64{1.5, 2.5, 2.5, 3}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := plot.WritePNG(&buf, p, plot.Width, plot.Height); err != nil {
		fmt.Println(err)
		return
	}
	img, err := png.Decode(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds().Dx(), "×", img.Bounds().Dy())
	// Output:
	// 922 × 691
}

// The learner's decision boundary beside the reference's, in one image.
func ExampleSideBySide() {
	x1 := []float64{-2, -1.5, -1, 1, 1.5, 2}
	x2 := []float64{0.5, -1, 1, -0.5, 1, 0}
	labels := []int{0, 0, 0, 1, 1, 1}
	classes := []string{"negative", "positive"}
	reference, err := plot.DecisionBoundary("Reference", plot.Boundary{
		Predict: func(a, b float64) int {
			if a > 0 {
				return 1
			}
			return 0
		},
		X1: x1, X2: x2, Labels: labels, Classes: classes,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	learner, err := plot.DecisionBoundary("Learner", plot.Boundary{
		Predict: func(a, b float64) int {
			if b > 0 {
				return 1
			}
			return 0
		},
		X1: x1, X2: x2, Labels: labels, Classes: classes,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var svg bytes.Buffer
	err = plot.WriteSVG(&svg, plot.SideBySide("Decision boundary", reference, learner), 2*plot.Width, plot.Height)
	fmt.Println(err, svg.Len() > 0)
	// Output:
	// <nil> true
}

// A confusion matrix with class names; a ragged matrix is an error.
func ExampleConfusionMatrix() {
	_, err := plot.ConfusionMatrix("Confusion matrix", [][]int{{50, 0, 0}, {0, 47, 3}, {0, 2, 48}},
		[]string{"setosa", "versicolor", "virginica"})
	fmt.Println(err)
	_, err = plot.ConfusionMatrix("Confusion matrix", [][]int{{50, 0}, {0, 47, 3}}, nil)
	fmt.Println(err)
	// Output:
	// <nil>
	// plot: confusion matrix: counts is 2 rows but row 1 has 3 columns: lengths differ
}

// ROC curves with their AUC in the legend, and the precision-recall curves.
func ExampleROC() {
	_, err := plot.ROC("ROC curve",
		plot.ROCCurve{Name: "reference", FPR: []float64{0, 0, 0.5, 1}, TPR: []float64{0, 0.5, 1, 1}, AUC: 0.875},
		plot.ROCCurve{Name: "learner", FPR: []float64{0, 0.5, 1}, TPR: []float64{0, 0.5, 1}, AUC: 0.5,
			Style: plot.Style{Dash: plot.Dashed}},
	)
	fmt.Println(err)
	_, err = plot.PrecisionRecall("Precision-recall curve", 0.5,
		plot.PRCurve{Name: "reference", Recall: []float64{1, 1, 0.5, 0}, Precision: []float64{0.5, 0.67, 1, 1}, AP: 0.83},
	)
	fmt.Println(err)
	// Output:
	// <nil>
	// <nil>
}

// A validation curve over a regularisation strength on a log axis, and a
// learning curve.
func ExampleValidationCurve() {
	_, err := plot.ValidationCurve("Validation curve", "α", plot.Log, plot.ErrorCurve{
		Name:       "ridge",
		X:          []float64{0.01, 0.1, 1, 10},
		Train:      []float64{0.1, 0.12, 0.2, 0.4},
		Validation: []float64{0.3, 0.25, 0.24, 0.41},
	})
	fmt.Println(err)
	_, err = plot.LearningCurve("Learning curve", plot.ErrorCurve{
		X:          []float64{10, 100, 1000},
		Train:      []float64{0.05, 0.1, 0.12},
		Validation: []float64{0.5, 0.2, 0.14},
	})
	fmt.Println(err)
	// Output:
	// <nil>
	// <nil>
}

// A scatter of the data with the reference's and the learner's fitted
// lines, and the residuals of the learner's.
func ExampleScatter() {
	x := []float64{0, 1, 2, 3, 4}
	y := []float64{1.1, 2.9, 5.2, 7.1, 8.8}
	_, err := plot.Scatter("Fit", []plot.Points{{Name: "data", X: x, Y: y}},
		plot.Curve{Name: "reference", F: func(v float64) float64 { return 1.96*v + 1.1 }},
		plot.Curve{Name: "learner", F: func(v float64) float64 { return 2.5 * v }, Style: plot.Style{Dash: plot.Dashed}},
	)
	fmt.Println(err)
	pred := make([]float64, len(x))
	for i, v := range x {
		pred[i] = 2.5 * v
	}
	_, err = plot.Residuals("Residuals", plot.Prediction{Name: "learner", Actual: y, Predicted: pred})
	fmt.Println(err)
	// Output:
	// <nil>
	// <nil>
}

// A model that is costly to call one point at a time (here a map standing
// for one batch call to another process) is asked for the whole grid and
// the points at once; Predict then looks the answers up.
func ExampleBoundary_Grid() {
	b := plot.Boundary{
		X1: []float64{0, 1, 0.2}, X2: []float64{0, 1, 0.9}, Labels: []int{0, 1, 1},
		Resolution: 3,
	}
	g1, g2 := b.Grid()
	fmt.Printf("%.4f\n%.4f\n", g1, g2)

	batch := map[[2]float64]int{}
	ask := func(x1, x2 float64) { batch[[2]float64{x1, x2}] = boolToClass(x1+x2 > 1) }
	for _, a := range g1 {
		for _, c := range g2 {
			ask(a, c)
		}
	}
	for i := range b.X1 {
		ask(b.X1[i], b.X2[i])
	}
	b.Predict = func(x1, x2 float64) int { return batch[[2]float64{x1, x2}] }
	_, err := plot.DecisionBoundary("Batch-predicted", b)
	fmt.Println(len(batch), err)
	// Output:
	// [0.1333 0.5000 0.8667]
	// [0.1333 0.5000 0.8667]
	// 12 <nil>
}

func boolToClass(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Tile lays out any number of figures in rows; a nil panel leaves a gap.
func ExampleTile() {
	a, _ := plot.LossCurves("Run A", plot.Linear, plot.Line{Y: []float64{3, 2, 1.5}})
	b, _ := plot.LossCurves("Run B", plot.Linear, plot.Line{Y: []float64{3, 2.5, 2.2}})
	c, _ := plot.LossCurves("Run C", plot.Linear, plot.Line{Y: []float64{3, 1, 0.5}})
	grid := plot.Tile("Three runs", 2, a, b, c)
	var buf bytes.Buffer
	err := plot.WritePNG(&buf, grid, 2*plot.Width, 2*plot.Height)
	img, _ := png.Decode(&buf)
	fmt.Println(err, img.Bounds().Dx(), img.Bounds().Dy())
	// Output:
	// <nil> 1843 1382
}
