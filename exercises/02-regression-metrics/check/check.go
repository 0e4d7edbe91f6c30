// Package check holds the checks of the regression-metrics exercise: MSE, RMSE, MAE and R² on
// hand-computed examples, on a fitted line (the cars data), on Anscombe's quartet and on a
// sweep of noisier and noisier predictions, with the typical mistakes named. The hidden checks
// (hidden.go, built with -tags hidden) repeat them on seeded random data.
package check

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/plot"
)

// Exercise returns the regression-metrics exercise.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "regression-metrics",
		Title: "Regression metrics: MSE, RMSE, MAE, R²",
		Dir:   "exercises/02-regression-metrics",
		Functions: []grader.Func{
			{Name: "MSE", Signature: "func(yTrue, yPred []float64) float64"},
			{Name: "RMSE", Signature: "func(yTrue, yPred []float64) float64"},
			{Name: "MAE", Signature: "func(yTrue, yPred []float64) float64"},
			{Name: "R2", Signature: "func(yTrue, yPred []float64) float64"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/metrics",
			"gonum.org/v1/gonum/stat/...",
		},
		Checks: append([]grader.Check{
			{Name: "MSE of a small hand-computed example", Points: 1, Run: mseSmall},
			{Name: "RMSE of the same example", Points: 1, Run: rmseSmall},
			{Name: "MAE of the same example", Points: 1, Run: maeSmall},
			{Name: "R² of the same example", Points: 1, Run: r2Small},
			{Name: "R² of a model worse than the mean is negative", Points: 1, Run: r2Negative},
			{Name: "R² when the truth is constant", Points: 1, Run: r2Constant},
			{Name: "R² of values far from zero (about ten million, a spread of a few units)", Points: 1, Run: r2FarFromZero},
			{Name: "All four metrics of a fitted line (cars: stopping distance from speed)", Points: 2, Run: carsFit},
			{Name: "Anscombe's quartet: same R², different data", Points: 1, Run: anscombe},
			{Name: "The metrics as predictions get noisier, inputs left unchanged", Points: 1, Run: noiseSweep},
		}, hiddenChecks()...),
		Mistakes: mistakes,
		Hints: []string{
			"Each metric is a loop over the pairs (yTrue[i], yPred[i]) that adds up one error term, " +
				"followed by a division by n. Only the error term differs: (y − ŷ)² for MSE, |y − ŷ| for MAE.",
			"RMSE is math.Sqrt of the MSE: square first, average, then take the root (that is not the MAE). " +
				"R² = 1 − SS_res/SS_tot compares your errors with those of always predicting the mean ȳ of yTrue " +
				"(the truth, not the prediction); it is negative when you do worse than that, so do not clamp it.",
			"R²: first check whether every value of yTrue is the same (slices.Min(yTrue) == slices.Max(yTrue)); " +
				"then return 1 if SS_res == 0 and 0 otherwise. Else compute ȳ = Σy/n, SS_tot = Σ(yᵢ − ȳ)², " +
				"SS_res = Σ(yᵢ − ŷᵢ)² and return 1 − SS_res/SS_tot.",
		},
	}
}

// tol is the tolerance of every comparison: the metrics are closed forms, so only rounding
// (summation order) separates a correct answer from the reference.
var tol = grader.Rel(1e-9).PlusAbs(1e-12)

// The hand-computed example of scikit-learn's documentation (mean_squared_error, r2_score):
// MSE 0.375, MAE 0.5, R² 0.9486081370449679.
var (
	handTrue = []float64{3, -0.5, 2, 7}
	handPred = []float64{2.5, 0, 2, 8}
)

// The mistakes the checks recognise (see the catalogue in Exercise).
const (
	sumNotMean     = "sum-not-mean"
	rmseIsMAE      = "rmse-is-mae"
	rmseNoSqrt     = "rmse-no-sqrt"
	maeSigned      = "mae-signed-errors"
	r2Clamped      = "r2-clamped-at-zero"
	r2Swapped      = "r2-arguments-swapped"
	r2ConstantNaN  = "r2-nan-on-constant-truth"
	r2ConstantSS   = "r2-constant-by-ss-tot"
	r2Cancellation = "r2-ss-tot-cancellation"
	r2Correlation  = "r2-is-squared-correlation"
)

// mistakes is the catalogue: one fixed hint per mistake, shown for hidden checks too.
var mistakes = []grader.Mistake{
	{ID: sumNotMean, Hint: "a mean divides the sum by n = len(yTrue): your value is the sum of the errors, or is built on it"},
	{ID: rmseIsMAE, Hint: "RMSE is not the mean of |y − ŷ|: square each error, average the squares, then take math.Sqrt"},
	{ID: rmseNoSqrt, Hint: "RMSE is the square root of the MSE: take math.Sqrt at the end, so it has the units of y"},
	{ID: maeSigned, Hint: "take the absolute value of each error (math.Abs) before averaging: positive and negative errors must not cancel"},
	{ID: r2Clamped, Hint: "R² is negative when the prediction is worse than predicting the mean: do not clamp it at 0"},
	{ID: r2Swapped, Hint: "R² is not symmetric: SS_tot = Σ(yTrueᵢ − ȳ)² is about the truth, the first argument, and ȳ is the mean of the truth, not of the prediction"},
	{ID: r2Correlation, Hint: "R² = 1 − SS_res/SS_tot is not the squared correlation of y and ŷ: the two agree only for a least-squares fit with an intercept, " +
		"on the data it was fitted to; the squared correlation ignores a bias or a scale error of the prediction and is never negative"},
	{ID: r2ConstantNaN, Hint: "when every yTrue is the same, SS_tot = 0 and 1 − SS_res/SS_tot is NaN or −Inf: return 1 for a perfect prediction and 0 otherwise"},
	{ID: r2ConstantSS, Hint: "decide whether the truth is constant by comparing its values (slices.Min(yTrue) == slices.Max(yTrue)), not by testing SS_tot == 0: " +
		"the computed mean of equal values is not always exactly that value, so SS_tot comes out tiny but not 0, and 1 − SS_res/SS_tot explodes"},
	{ID: r2Cancellation, Hint: "SS_tot computed as Σy² − n·ȳ² (or Σy² − (Σy)²/n) subtracts two huge, nearly equal numbers when the values are far from 0, " +
		"and most digits cancel: subtract the mean first, SS_tot = Σ(yᵢ − ȳ)²"},
}

// expect compares the learner's value of metric fn on (y, p) with the reference and, when it
// is wrong, names the mistake whose value it equals, if any.
func expect(t *grader.T, fn string, got float64, y, p []float64) {
	want := reference(fn, y, p)
	if t.Close(got, want, tol) {
		return
	}
	n := float64(len(y))
	like := func(v float64) bool { return !grader.Near(v, want, tol) && grader.Near(got, v, tol) }
	nonFinite := math.IsNaN(got) || math.IsInf(got, 0)
	switch fn {
	case "MSE":
		t.Mistake(like(n*want), sumNotMean, "your MSE is n times the reference, the sum of the squared errors")
	case "RMSE":
		t.Mistake(like(metrics.MAE(y, p)), rmseIsMAE, "your RMSE equals the MAE")
		t.Mistake(like(metrics.MSE(y, p)), rmseNoSqrt, "your RMSE equals the MSE")
		t.Mistake(like(math.Sqrt(n)*want) || like(n*want), sumNotMean, "your RMSE is the square root of the sum of the squared errors, or that sum")
	case "MAE":
		t.Mistake(like(n*want), sumNotMean, "your MAE is n times the reference, the sum of the absolute errors")
		signed := meanError(y, p)
		t.Mistake(like(signed) || like(-signed), maeSigned, "your MAE equals the mean of the signed errors")
	case "R2":
		t.Mistake(nonFinite && constant(y), r2ConstantNaN, "")
		t.Mistake(constant(y) && !nonFinite && math.Abs(got) > 1e6, r2ConstantSS,
			fmt.Sprintf("the truth is constant, and your R² is %s", grader.Num(got)))
		t.Mistake(want < 0 && got == 0, r2Clamped, fmt.Sprintf("your R² is 0 where the reference is %s", grader.Num(want)))
		if constant(p) {
			t.Mistake(nonFinite, r2Swapped, "the prediction is constant, and your R² is not finite: you took the mean of the prediction")
		} else {
			t.Mistake(like(metrics.R2(p, y)), r2Swapped, "your R² is R2(yPred, yTrue)")
			t.Mistake(like(1-metrics.MSE(y, p)/meanSquaredDeviation(y, floats.Sum(p)/n)), r2Swapped,
				"your SS_tot uses the mean of the prediction")
		}
		if c := correlation(y, p); !math.IsNaN(c) {
			t.Mistake(like(c*c), r2Correlation, "your R² is the squared correlation of y and ŷ")
		}
	}
}

// reference returns mlkit's value of metric fn.
func reference(fn string, y, p []float64) float64 {
	switch fn {
	case "MSE":
		return metrics.MSE(y, p)
	case "RMSE":
		return metrics.RMSE(y, p)
	case "MAE":
		return metrics.MAE(y, p)
	case "R2":
		return metrics.R2(y, p)
	}
	panic("regression-metrics check: unknown metric " + fn)
}

// meanError returns the mean signed error (1/n) Σ (yᵢ − pᵢ).
func meanError(y, p []float64) float64 {
	d := make([]float64, len(y))
	floats.SubTo(d, y, p)
	return floats.Sum(d) / float64(len(d))
}

// meanSquaredDeviation returns (1/n) Σ (yᵢ − m)².
func meanSquaredDeviation(y []float64, m float64) float64 {
	var s float64
	for _, v := range y {
		s += (v - m) * (v - m)
	}
	return s / float64(len(y))
}

// correlation returns Pearson's correlation of y and p, NaN when one is constant.
func correlation(y, p []float64) float64 {
	my, mp := floats.Sum(y)/float64(len(y)), floats.Sum(p)/float64(len(p))
	var sxy, sxx, syy float64
	for i := range y {
		sxy += (y[i] - my) * (p[i] - mp)
		sxx += (y[i] - my) * (y[i] - my)
		syy += (p[i] - mp) * (p[i] - mp)
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

func constant(v []float64) bool { return floats.Min(v) == floats.Max(v) }

// callAndExpect calls the learner's fn on (y, p) and compares it with the reference.
func callAndExpect(t *grader.T, fn string, y, p []float64) float64 {
	got := t.Call(fn, y, p).Float()
	expect(t, fn, got, y, p)
	return got
}

// A single example is a valid input: y = [3], ŷ = [1] has MSE 4, RMSE 2 and MAE 2.
var (
	oneTrue = []float64{3}
	onePred = []float64{1}
)

// smallAndSingle checks metric fn on the hand-computed example, then on a single example.
func smallAndSingle(t *grader.T, fn string) {
	callAndExpect(t, fn, handTrue, handPred)
	got := t.Call(fn, oneTrue, onePred).Float()
	t.Label(fn + " of one example, y = [3], ŷ = [1] (n = 1 is a valid input)")
	expect(t, fn, got, oneTrue, onePred)
}

func mseSmall(t *grader.T)  { smallAndSingle(t, "MSE") }
func rmseSmall(t *grader.T) { smallAndSingle(t, "RMSE") }
func maeSmall(t *grader.T)  { smallAndSingle(t, "MAE") }
func r2Small(t *grader.T)   { callAndExpect(t, "R2", handTrue, handPred) }

// r2Negative: predicting [4 3 2 1] for [1 2 3 4] gives SS_res = 20, SS_tot = 5, R² = −3.
func r2Negative(t *grader.T) {
	callAndExpect(t, "R2", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1})
	callAndExpect(t, "R2", []float64{1, 2, 3, 4}, []float64{2.5, 2.5, 2.5, 2.5}) // the mean: R² = 0
}

// r2Constant: scikit-learn's r2_score (force_finite=True) gives 1 for a perfect prediction of a
// constant truth and 0 for an imperfect one (testdata/sklearn.json).
func r2Constant(t *grader.T) {
	y := []float64{2, 2, 2, 2, 2}
	callAndExpect(t, "R2", y, []float64{2, 2, 2, 2, 2})
	callAndExpect(t, "R2", y, []float64{2, 2.5, 2, 2, 2})
	y = []float64{0.1, 0.1, 0.1} // the computed mean is 0.10000000000000002, not 0.1
	callAndExpect(t, "R2", y, []float64{0.1, 0.1, 0.1})
	callAndExpect(t, "R2", y, []float64{0.1, 0.2, 0.1})
}

// r2FarFromZero: 50 readings near ten million with a spread of about 5 (a sensor's raw counts,
// a timestamp in seconds), predicted with an error of about 1, so R² ≈ 0.96. Shifting y and ŷ
// by the same constant changes no error and no deviation from the mean, so R² must not move;
// when it does, R² of the same data shifted back to 0 tells whether digits cancelled in SS_tot.
func r2FarFromZero(t *grader.T) {
	const n, offset = 50, 1e7
	r := t.Rand()
	y, p := make([]float64, n), make([]float64, n)
	yc, pc := make([]float64, n), make([]float64, n)
	for i := range y {
		yc[i] = 5 * r.NormFloat64()
		pc[i] = yc[i] + r.NormFloat64()
		y[i], p[i] = offset+yc[i], offset+pc[i]
	}
	got := t.Call("R2", y, p).Float()
	if want := metrics.R2(y, p); !grader.Near(got, want, tol) && !math.IsNaN(got) {
		centred := t.Call("R2", yc, pc).Float()
		t.Label("R² of readings near ten million")
		t.Mistake(grader.Near(centred, metrics.R2(yc, pc), tol), r2Cancellation,
			fmt.Sprintf("your R² is %s here, and right (%s) on the same readings minus ten million",
				grader.Num(got), grader.Num(centred)))
	}
	t.Label("R² of readings near ten million")
	expect(t, "R2", got, y, p)
}

// carsFit fits a least-squares line to the cars data with mlkit and scores its predictions.
func carsFit(t *grader.T) {
	d := datasets.Cars()
	var m linear.Regression
	if err := m.Fit(d.X, d.Y); err != nil {
		t.Fatalf("internal error in the check: fitting the cars data: %v", err)
	}
	pred := m.Predict(nil, d.X)
	got := make(map[string]float64)
	for _, fn := range []string{"MSE", "RMSE", "MAE", "R2"} {
		got[fn] = t.Call(fn, d.Y, pred).Float()
	}
	title := fmt.Sprintf("Cars: your RMSE %.4g, MAE %.4g, R² %.3g", got["RMSE"], got["MAE"], got["R2"])
	name := fmt.Sprintf("residuals of a fitted line (reference RMSE %.4g, MAE %.4g, R² %.3g)",
		metrics.RMSE(d.Y, pred), metrics.MAE(d.Y, pred), metrics.R2(d.Y, pred))
	p, err := plot.Residuals(title, plot.Prediction{Name: name, Actual: d.Y, Predicted: pred})
	draw(t, "Cars residuals", p, err)
	for _, fn := range []string{"MSE", "RMSE", "MAE", "R2"} {
		t.Label(fn + " of the cars predictions")
		expect(t, fn, got[fn], d.Y, pred)
	}
}

// Anscombe's quartet (F. J. Anscombe, "Graphs in Statistical Analysis", The American
// Statistician 27(1), 1973): four data sets with the same least-squares line y ≈ 3 + 0.5x and
// the same R² ≈ 0.67, whose plots look nothing alike.
var (
	anscombeX   = []float64{10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5}
	anscombeX4  = []float64{8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8}
	anscombeSet = [][]float64{
		{8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68},
		{9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74},
		{7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73},
		{6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89},
	}
)

func anscombe(t *grader.T) {
	names := []string{"I", "II", "III", "IV"}
	var points []plot.Points
	type result struct {
		got     float64
		y, pred []float64
	}
	var results []result
	var intercept, slope float64
	for i, y := range anscombeSet {
		x := anscombeX
		if i == 3 {
			x = anscombeX4
		}
		var m linear.Regression
		if err := m.Fit(mat.NewDense(len(x), 1, x), y); err != nil {
			t.Fatalf("internal error in the check: fitting Anscombe's set %s: %v", names[i], err)
		}
		intercept, slope = m.Intercept(), m.Coef()[0]
		pred := m.Predict(nil, mat.NewDense(len(x), 1, x))
		got := t.Call("R2", y, pred).Float()
		results = append(results, result{got, y, pred})
		points = append(points, plot.Points{
			Name: fmt.Sprintf("%s: your R² %.3f, reference %.3f", names[i], got, metrics.R2(y, pred)),
			X:    x, Y: y,
		})
	}
	line := plot.Curve{Name: fmt.Sprintf("y = %.2f + %.3f·x (all four)", intercept, slope),
		F: func(x float64) float64 { return intercept + slope*x }}
	p, err := plot.Scatter("Anscombe's quartet: same line, same R², different data", points, line)
	draw(t, "Anscombe's quartet", p, err)
	for i, r := range results {
		t.Label(fmt.Sprintf("R² of Anscombe's set %s", names[i]))
		expect(t, "R2", r.got, r.y, r.pred)
	}
	t.Logf("all four sets have R² ≈ 0.67, yet only set I suits a straight line: look at the data, not only at a metric")
}

// noiseSweep scores the predictions ŷ = y + k·e for a fixed noise e and k from 0 to 3, checks
// that no metric changes its inputs, and plots the learner's curves over the reference's.
func noiseSweep(t *grader.T) {
	r := t.Rand()
	const n = 40
	y, e := make([]float64, n), make([]float64, n)
	for i := range y {
		y[i] = math.Sin(2 * math.Pi * float64(i) / n)
		e[i] = r.NormFloat64() * 0.5
	}
	fns := []string{"R2", "RMSE", "MAE"}
	var ks []float64
	got := make(map[string][]float64)
	preds := make([][]float64, 0, 21)
	for step := 0; step <= 20; step++ {
		k := float64(step) * 0.15
		p := make([]float64, n)
		floats.AddScaledTo(p, y, k, e)
		ks, preds = append(ks, k), append(preds, p)
		for _, fn := range fns {
			var res *grader.Result
			if step == 7 {
				res = t.NotMutated(fn, y, p)
			} else {
				res = t.Call(fn, y, p)
			}
			got[fn] = append(got[fn], res.Float())
		}
	}
	var lines []plot.Line
	for i, fn := range fns {
		want := make([]float64, len(preds))
		for j, p := range preds {
			want[j] = reference(fn, y, p)
		}
		c := plot.PaletteColor(i)
		label := map[string]string{"R2": "R²"}[fn]
		if label == "" {
			label = fn
		}
		lines = append(lines,
			plot.Line{Name: label + " reference", X: ks, Y: want, Style: plot.Style{Color: c}},
			plot.Line{Name: label + " yours", X: ks, Y: got[fn], Style: plot.Style{Color: c, Dash: plot.Dashed}})
	}
	p, err := plot.LossCurves("The metrics as the noise in the prediction grows", plot.Linear, lines...)
	if err == nil {
		p.X.Label.Text = "noise scale k (prediction = truth + k·noise)"
		p.Y.Label.Text = "metric value"
	}
	draw(t, "Metrics against noise", p, err)
	for i, p := range preds {
		for _, fn := range fns {
			t.Label(fmt.Sprintf("%s at noise scale k = %s", fn, grader.Num(ks[i])))
			expect(t, fn, got[fn][i], y, p)
		}
	}
}

// draw adds the plot to the report, or notes why it could not be drawn (a learner's NaN, say).
func draw(t *grader.T, title string, p *gplot.Plot, err error) {
	if err != nil {
		t.Logf("no plot %q: %v", title, err)
		return
	}
	t.Plot(title, p)
}
