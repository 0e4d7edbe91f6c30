package check

import (
	"fmt"
	"slices"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/datasets"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// plotRegions draws the decision regions of the learner's Predict (k nearest) on two wine
// features, alcohol and proline: raw, and standardised with the training rows' statistics.
func plotRegions(t *grader.T, Xtr *mat.Dense, ytr []int, k int) {
	w := datasets.Wine()
	cols := []int{slices.Index(w.FeatureNames, "alcohol"), slices.Index(w.FeatureNames, "proline")}
	if slices.Contains(cols, -1) {
		t.Fatalf("internal: wine has no alcohol or proline column")
	}
	m, _ := Xtr.Dims()
	X2 := mat.NewDense(m, 2, nil)
	for i := range m {
		X2.Set(i, 0, Xtr.At(i, cols[0]))
		X2.Set(i, 1, Xtr.At(i, cols[1]))
	}
	Z2, _ := standardised(X2, X2)
	panel := func(title string, X *mat.Dense, xl, yl string) *gplot.Plot {
		b := mlplot.Boundary{X1: mat.Col(nil, 0, X), X2: mat.Col(nil, 1, X), Labels: ytr, Classes: w.Classes, Resolution: 40}
		g1, g2 := b.Grid()
		if g1 == nil {
			return nil
		}
		Q := mat.NewDense(len(g1)*len(g2)+m, 2, nil)
		for i, a := range g1 {
			for j, c := range g2 {
				Q.SetRow(i*len(g2)+j, []float64{a, c})
			}
		}
		for i := range m {
			Q.SetRow(len(g1)*len(g2)+i, X.RawRowView(i))
		}
		pred := t.Call("Predict", X, ytr, Q, k).Ints()
		if len(pred) != len(g1)*len(g2)+m {
			return nil
		}
		lookup := map[[2]float64]int{}
		for i := range len(g1)*len(g2) + m {
			lookup[[2]float64{Q.At(i, 0), Q.At(i, 1)}] = pred[i]
		}
		b.Predict = func(a, c float64) int { return min(max(lookup[[2]float64{a, c}], 0), 2) }
		p, err := mlplot.DecisionBoundary(title, b)
		if err != nil {
			return nil
		}
		p.X.Label.Text, p.Y.Label.Text = xl, yl
		return p
	}
	left := panel("raw features", X2, "alcohol (% vol)", "proline (mg/L)")
	right := panel("standardised", Z2, "alcohol (standardised)", "proline (standardised)")
	if left != nil && right != nil {
		t.Plot("Decision regions on wine", mlplot.Tile(fmt.Sprintf("Your Predict (k = %d) on two wine features: distances on raw features are proline's alone", k), 2, left, right))
	}
}

// plotAccuracy draws the validation accuracy against k: the learner's (dashed), the
// reference's on standardised features (solid), and, to show the two mistakes of choosing k,
// the reference's on raw features and its accuracy on the training rows (dotted).
func plotAccuracy(t *grader.T, ks []int, got, want, raw, train []float64) {
	x := make([]float64, len(ks))
	for i, k := range ks {
		x[i] = float64(k)
	}
	lines := []mlplot.Line{
		{Name: "reference: validation, standardised", X: x, Y: want, Style: mlplot.Style{Color: mlplot.PaletteColor(0)}},
		{Name: "reference: validation, raw features", X: x, Y: raw, Style: mlplot.Style{Color: mlplot.PaletteColor(2), Dash: mlplot.Dotted}},
		{Name: "reference: training rows (k = 1 always wins)", X: x, Y: train, Style: mlplot.Style{Color: mlplot.PaletteColor(4), Dash: mlplot.Dotted}},
	}
	if len(got) == len(ks) {
		lines = append(lines, mlplot.Line{Name: "yours (ChooseK)", X: x, Y: got, Style: mlplot.Style{Color: mlplot.PaletteColor(1), Dash: mlplot.Dashed}})
	}
	p, err := mlplot.LossCurves("Wine: accuracy against k", mlplot.Linear, lines...)
	if err != nil {
		return
	}
	p.X.Label.Text = "k (number of neighbours)"
	p.Y.Label.Text = "accuracy"
	t.Plot("Accuracy against k on wine", p)
}
