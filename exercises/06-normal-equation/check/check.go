// Package check grades exercise 06, normal-equation: the bias column, least squares solved by
// QR, predictions, and errors for data that cannot determine θ.
//
// Expected coefficients and predictions come from mlkit/linear.Regression on the same data
// (scikit-learn's LinearRegression; QR with an SVD fallback, see its package documentation).
// The mistakes are recognised from θ itself (the through-origin fit; the intercept last) and
// from behaviour (accurate on well-conditioned data but not on near-collinear data, the sign of
// solving through AᵀA; no error where θ is not determined).
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "normal-equation",
		Title: "Linear regression in closed form: a bias column and least squares by QR",
		Dir:   "exercises/06-normal-equation",
		Functions: []grader.Func{
			{Name: "AddBias", Signature: "func(X *mat.Dense) *mat.Dense"},
			{Name: "Fit", Signature: "func(X *mat.Dense, y []float64) ([]float64, error)"},
			{Name: "Predict", Signature: "func(X *mat.Dense, theta []float64) []float64"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/preprocess/...",
			"gonum.org/v1/gonum/stat/...",
			"gonum.org/v1/gonum/optimize/...",
		},
		Checks: append([]grader.Check{
			{Name: "AddBias puts a column of ones first", Points: 1, Run: addBias},
			{Name: "Fit recovers y = 4 + 3x₁ − 2x₂ from noisy data", Points: 2, Run: fitSynthetic},
			{Name: "Fit a line to the cars data: stopping distance from speed", Points: 1, Run: fitCars},
			{Name: "Fit the diabetes data (10 features in raw units)", Points: 1, Run: fitDiabetes},
			{Name: "Predict computes θ₀ + X·θ₁…ₙ", Points: 1, Run: predict},
			{Name: "Near-collinear features: the fit stays accurate", Points: 2, Run: nearCollinear},
			{Name: "Fit returns an error when θ is not determined", Points: 2, Run: undetermined},
			{Name: "AddBias, Fit and Predict leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Build the design matrix A = [1 X] with AddBias, then find the θ that minimises ‖Aθ − y‖². That is a least-squares problem, and gonum solves it directly: you never need (AᵀA)⁻¹.",
			"For a tall matrix A (more rows than columns), mat.VecDense.SolveVec(A, b) (or mat.Dense.Solve) returns the least-squares solution, computed with a QR factorisation. θ₀ is the intercept because the ones are column 0 of A.",
			"Fit: check m ≥ n+1 and mat.Cond(A, 2) ≤ MaxCond first (return an error otherwise), then var theta mat.VecDense; err := theta.SolveVec(A, mat.NewVecDense(m, y)); return theta.RawVector().Data, err. Predict: ŷᵢ = θ₀ + Σⱼ Xᵢⱼ·θⱼ₊₁.",
		},
	}
}

var (
	// tolTheta is for θ on well-conditioned data: QR loses a few digits to cond(A) (at most
	// about 1e5 for the visible data), far fewer than the 8 asked.
	tolTheta = grader.Rel(1e-8).PlusAbs(1e-10)
	// tolPred is for predictions on near-collinear data: QR is within 1e-9 of the reference
	// there (measured over 12 seeds), a fit through AᵀA at best within 1e-4.
	tolPred = grader.Rel(1e-6).PlusAbs(1e-6)
)

// reference returns [b w…] fitted by mlkit on (X, y), and its predictions on X.
func reference(t *grader.T, X *mat.Dense, y []float64) (theta, pred []float64) {
	var r linear.Regression
	if err := r.Fit(X, y); err != nil {
		t.Fatalf("internal: the reference fit failed: %v", err)
	}
	return append([]float64{r.Intercept()}, r.Coef()...), r.Predict(nil, X)
}

// throughOrigin returns the least-squares weights without an intercept.
func throughOrigin(X *mat.Dense, y []float64) []float64 {
	r := linear.Regression{NoIntercept: true}
	if err := r.Fit(X, y); err != nil {
		return nil
	}
	return r.Coef()
}

// synthetic returns m rows of x₁, x₂ ~ 𝒩(0, 2²) + 1 and y = 4 + 3x₁ − 2x₂ + 𝒩(0, 0.1²).
func synthetic(rng *rand.Rand, m int) (*mat.Dense, []float64) {
	X := mat.NewDense(m, 2, nil)
	y := make([]float64, m)
	for i := range m {
		x1, x2 := 1+2*rng.NormFloat64(), 1+2*rng.NormFloat64()
		X.Set(i, 0, x1)
		X.Set(i, 1, x2)
		y[i] = 4 + 3*x1 - 2*x2 + 0.1*rng.NormFloat64()
	}
	return X, y
}

// fitAndCompare calls Fit, calls draw (if not nil) with the learner's θ, names the bias
// mistakes, and compares θ with the reference.
func fitAndCompare(t *grader.T, what string, X *mat.Dense, y []float64, draw func(got []float64)) []float64 {
	r := t.Call("Fit", X, y)
	if err := r.Err(); err != nil {
		t.Fatalf("Fit returned an error on %s, whose θ is well determined: %v", what, err)
	}
	got := r.Floats()
	if draw != nil {
		draw(got)
	}
	want, _ := reference(t, X, y)
	_, n := X.Dims()
	origin := throughOrigin(X, y)
	t.Mistake(origin != nil && (grader.NearSlice(got, origin, tolTheta) ||
		grader.NearSlice(got, append([]float64{0}, origin...), tolTheta)), "bias-missing",
		"your θ is the fit through the origin (no intercept): fit on AddBias(X), whose column of ones gives θ₀")
	rotated := append(slices.Clone(want[1:]), want[0])
	t.Mistake(grader.NearSlice(got, rotated, tolTheta), "bias-wrong-position",
		fmt.Sprintf("your θ has the intercept last (θ[%d] = %.4g): the ones must be column 0 of the design matrix, so that θ₀ = θ[0] is the intercept", n, want[0]))
	t.Label(fmt.Sprintf("θ (%d values, θ₀ first) fitted on %s", n+1, what))
	if !t.CloseSlice(got, want, tolTheta) && grader.NearSlice(got, want, grader.Rel(1e-3)) {
		t.Logf("your θ is close but has lost digits: solving through AᵀA (an inverse or the normal equations) squares the condition number; solve the least-squares problem on A with QR (SolveVec)")
	}
	return got
}

func addBias(t *grader.T) {
	X := mat.NewDense(3, 2, []float64{2, 3, 5, 7, 11, 13})
	got := t.Call("AddBias", X).Dense()
	if got == nil || got.IsEmpty() {
		t.Fatalf("AddBias returned a nil or empty matrix, want 3×3")
	}
	want := mat.NewDense(3, 3, []float64{1, 2, 3, 1, 5, 7, 1, 11, 13}) // by hand
	last := mat.NewDense(3, 3, []float64{2, 3, 1, 5, 7, 1, 11, 13, 1})
	t.Mistake(got != nil && mat.Equal(got, last), "bias-wrong-position",
		"your column of ones is last: put it first, so that θ₀ (the intercept) is θ[0]")
	t.Label("AddBias([[2 3] [5 7] [11 13]])")
	t.CloseMatrix(got, want, grader.Tol{})
}

func fitSynthetic(t *grader.T) {
	X, y := synthetic(rand.New(rand.NewPCG(2026, 6)), 200)
	got := fitAndCompare(t, "200 rows of y = 4 + 3x₁ − 2x₂ + 𝒩(0, 0.1²)", X, y, nil)
	t.Label("θ, against the true (4, 3, −2); the noise allows 0.05")
	t.CloseSlice(got, []float64{4, 3, -2}, grader.Abs(0.05))
}

func fitCars(t *grader.T) {
	d := datasets.Cars()
	want, _ := reference(t, d.X, d.Y)
	speed := mat.Col(nil, 0, d.X)
	line := func(th []float64) func(float64) float64 {
		return func(x float64) float64 { return th[0] + th[1]*x }
	}
	fitAndCompare(t, "the cars data", d.X, d.Y, func(got []float64) {
		curves := []mlplot.Curve{{Name: fmt.Sprintf("reference: %.2f + %.3f·speed", want[0], want[1]), F: line(want)}}
		switch len(got) {
		case 2:
			curves = append(curves, mlplot.Curve{Name: fmt.Sprintf("yours: %.2f + %.3f·speed", got[0], got[1]), F: line(got), Style: mlplot.Style{Dash: mlplot.Dashed}})
		case 1: // no intercept: the line through the origin
			curves = append(curves, mlplot.Curve{Name: fmt.Sprintf("yours: %.3f·speed", got[0]), F: line([]float64{0, got[0]}), Style: mlplot.Style{Dash: mlplot.Dashed}})
		}
		p, err := mlplot.Scatter("Stopping distance against speed (cars)", []mlplot.Points{{Name: "cars", X: speed, Y: d.Y}}, curves...)
		if err == nil {
			p.X.Label.Text = "speed (mph)"
			p.Y.Label.Text = "stopping distance (ft)"
			t.Plot("Cars: fitted line", p)
		}
	})
}

func fitDiabetes(t *grader.T) {
	d := datasets.Diabetes()
	_, want := reference(t, d.X, d.Y)
	var yhat []float64
	fitAndCompare(t, "the diabetes data", d.X, d.Y, func(got []float64) {
		if _, n := d.X.Dims(); len(got) != n+1 {
			return
		}
		yhat = t.Call("Predict", d.X, got).Floats()
		p, err := mlplot.PredictedVsActual("Diabetes: predicted against actual progression",
			mlplot.Prediction{Name: "yours (Fit, then Predict)", Actual: d.Y, Predicted: yhat},
			mlplot.Prediction{Name: "reference", Actual: d.Y, Predicted: want})
		if err == nil {
			t.Plot("Diabetes: predicted against actual", p)
		}
	})
	t.Label("Predict(diabetes X, your θ)")
	t.CloseSlice(yhat, want, grader.Rel(1e-8).PlusAbs(1e-8))
}

func predict(t *grader.T) {
	X := mat.NewDense(3, 2, []float64{1, 2, 0, 0, -1, 4})
	theta := []float64{0.5, 2, -1}
	got := t.Call("Predict", X, theta).Floats()
	want := []float64{0.5, 0.5, -5.5} // by hand: 0.5 + 2·1 − 1·2, 0.5, 0.5 − 2 − 4
	t.Mistake(grader.NearSlice(got, []float64{0, 0, -6}, grader.Abs(1e-12)), "bias-missing",
		"your predictions leave out θ₀: ŷ = θ₀ + X·(θ₁, …, θₙ)")
	t.Mistake(grader.NearSlice(got, []float64{3.5, -1, 6.5}, grader.Abs(1e-12)), "bias-wrong-position", // −1 + 0.5·x₁ + 2·x₂
		"your Predict reads the intercept from the last element of θ: θ[0] is the intercept, θ[1:] the weights")
	t.Label("Predict([[1 2] [0 0] [−1 4]], θ = [0.5 2 −1])")
	t.CloseSlice(got, want, grader.Rel(1e-12).PlusAbs(1e-12))
}

// collinear returns m rows of x₁ ~ 𝒩(0, 1) and x₂ = x₁ + δ·𝒩(0, 1), with
// y = 4 + 3x₁ − 2x₂ + 𝒩(0, 0.1²): A = [1 x₁ x₂] has a condition number of about 1.4/δ.
func collinear(rng *rand.Rand, m int, delta float64) (*mat.Dense, []float64) {
	X := mat.NewDense(m, 2, nil)
	y := make([]float64, m)
	for i := range m {
		x1 := rng.NormFloat64()
		x2 := x1 + delta*rng.NormFloat64()
		X.Set(i, 0, x1)
		X.Set(i, 1, x2)
		y[i] = 4 + 3*x1 - 2*x2 + 0.1*rng.NormFloat64()
	}
	return X, y
}

// checkCollinear fits near-collinear data and compares predictions (θ itself is poorly
// determined along x₁ − x₂, the predictions are not); wellFitted says whether the learner's Fit
// was accurate on well-conditioned data, which makes the AᵀA route the likely cause.
func checkCollinear(t *grader.T, X *mat.Dense, y []float64, delta float64, wellFitted bool, plotTitle string) {
	r := t.Call("Fit", X, y)
	hint := fmt.Sprintf("x₂ = x₁ + %.0e·noise, so A = [1 x₁ x₂] has a condition number near %.0e, and AᵀA its square, about %.0e: "+
		"inverting AᵀA (or solving the normal equations) loses nearly every digit. Solve the least-squares problem on A itself with QR: theta.SolveVec(A, y)",
		delta, 1.4/delta, 2/(delta*delta))
	if err := r.Err(); err != nil {
		t.Mistake(wellFitted, "explicit-inverse", "Fit returned an error ("+err.Error()+"): "+hint)
		t.Fatalf("Fit returned an error on near-collinear data, whose predictions are well determined (cond(A) ≈ %.0e < MaxCond): %v", 1.4/delta, err)
	}
	theta := r.Floats()
	if _, n := X.Dims(); len(theta) != n+1 {
		t.Mistake(len(theta) == n, "bias-missing", "Fit returned one value per feature and no intercept: fit on AddBias(X), whose column of ones gives θ₀")
		t.Fatalf("Fit returned %d values, want %d (θ₀ and one weight per feature)", len(theta), n+1)
	}
	_, want := reference(t, X, y)
	got := t.Call("Predict", X, theta).Floats()
	if plotTitle != "" && len(got) == len(y) && !slices.ContainsFunc(got, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
		p, err := mlplot.Residuals(plotTitle,
			mlplot.Prediction{Name: "yours", Actual: y, Predicted: got},
			mlplot.Prediction{Name: "reference (QR)", Actual: y, Predicted: want})
		if err == nil {
			t.Plot("Near-collinear residuals", p)
		}
	}
	worst := 0.0
	for i := range min(len(got), len(want)) {
		worst = max(worst, math.Abs(got[i]-want[i]))
	}
	t.Mistake(wellFitted && !grader.NearSlice(got, want, tolPred), "explicit-inverse",
		fmt.Sprintf("your predictions are off by up to %.2g (the noise in y is 0.1): %s", worst, hint))
	t.Label("the predictions of your θ on near-collinear training data")
	t.CloseSlice(got, want, tolPred)
}

// fitsWell reports whether the learner's Fit matches the reference on the synthetic data.
func fitsWell(t *grader.T) bool {
	X, y := synthetic(rand.New(rand.NewPCG(2026, 6)), 200)
	r := t.Call("Fit", X, y)
	if r.Err() != nil {
		return false
	}
	want, _ := reference(t, X, y)
	return grader.NearSlice(r.Floats(), want, tolTheta)
}

func nearCollinear(t *grader.T) {
	X, y := collinear(rand.New(rand.NewPCG(7, 6)), 200, 1e-7)
	checkCollinear(t, X, y, 1e-7, fitsWell(t), "Residuals on near-collinear data (x₂ = x₁ + 1e-7·noise)")
}

func undetermined(t *grader.T) {
	// Two rows, two features: three parameters from two equations.
	few := mat.NewDense(2, 2, []float64{1, 2, 3, 5})
	r := t.Call("Fit", few, []float64{1, 2})
	t.Mistake(r.Err() == nil, "underdetermined-no-error",
		"Fit(2 rows, 2 features) returned θ without an error: 2 equations cannot determine 3 parameters (SolveVec quietly returns one of infinitely many answers). Return an error when m < n+1")
	// A constant feature is a multiple of the bias column. (Whether mat.Dense.Solve reports
	// this exactly singular case depends on rounding; the next case it never reports.)
	X, y := synthetic(rand.New(rand.NewPCG(3, 6)), 40)
	withConst := mat.NewDense(40, 3, nil)
	withConst.Slice(0, 40, 0, 2).(*mat.Dense).Copy(X)
	for i := range 40 {
		withConst.Set(i, 2, 3.7)
	}
	r = t.Call("Fit", withConst, y)
	if r.Err() == nil {
		t.Mistake(len(r.Floats()) == 4, "collinear-no-error", fmt.Sprintf(
			"Fit returned θ = %.3g without an error, but column 2 of X is constant (3.7), a multiple of the bias column: θ₀ and θ₃ cannot be told apart. Return an error when mat.Cond(A, 2) > MaxCond",
			r.Floats()))
		t.Fatalf("Fit returned θ = %.3g without an error, but column 2 of X is constant (3.7), a multiple of the bias column", r.Floats())
	}
	// A feature that repeats another up to rounding: x₃ = x₁ + 1e-14·𝒩(0, 1), so cond(A) is
	// about 1e14 (mat.Dense.Solve only reports conditions above 1e16).
	rng := rand.New(rand.NewPCG(4, 6))
	dup := mat.NewDense(40, 3, nil)
	dup.Slice(0, 40, 0, 2).(*mat.Dense).Copy(X)
	for i := range 40 {
		dup.Set(i, 2, X.At(i, 0)+1e-14*rng.NormFloat64())
	}
	r = t.Call("Fit", dup, y)
	if r.Err() == nil {
		t.Mistake(true, "collinear-no-error", fmt.Sprintf(
			"Fit returned θ = %.3g without an error, but column 2 of X equals column 0 up to 1e-14: cond(A) ≈ 1e14, so their weights are noise. Return an error when mat.Cond(A, 2) > MaxCond",
			r.Floats()))
	}
}

func notMutated(t *grader.T) {
	X, y := synthetic(rand.New(rand.NewPCG(5, 6)), 30)
	t.NotMutated("AddBias", X)
	theta := t.NotMutated("Fit", X, y).Floats()
	if len(theta) == 3 && !slices.ContainsFunc(theta, math.IsNaN) {
		t.NotMutated("Predict", X, theta)
	}
}
