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
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
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
			{Name: "Fit returns an error with fewer rows than parameters, and fits exactly n+1 rows", Points: 1, Run: tooFewRows},
			{Name: "Fit returns an error when a feature repeats another up to rounding", Points: 1, Run: duplicateFeature},
			{Name: "Fit returns an error when a feature is constant (a multiple of the bias column)", Points: 1, Run: constantFeature},
			{Name: "Fit's limit is cond([1 X]) = MaxCond: a fit at 5·10¹¹, an error at 1.5·10¹²", Points: 1, Run: condLimit},
			{Name: "AddBias, Fit and Predict leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Build the design matrix A = [1 X] with AddBias, then find the θ that minimises ‖Aθ − y‖². That is a least-squares problem, and gonum solves it directly: you never need (AᵀA)⁻¹.",
			"For a tall matrix A (more rows than columns), mat.VecDense.SolveVec(A, b) (or mat.Dense.Solve) returns the least-squares solution, computed with a QR factorisation. θ₀ is the intercept because the ones are column 0 of A.",
			"Fit: check m ≥ n+1 and mat.Cond(A, 2) ≤ MaxCond on A = AddBias(X) first (return an error otherwise), then var theta mat.VecDense; err := theta.SolveVec(A, mat.NewVecDense(m, y)); return theta.RawVector().Data, err. Predict: ŷᵢ = θ₀ + Σⱼ Xᵢⱼ·θⱼ₊₁.",
		},
		Mistakes: []grader.Mistake{
			{ID: "bias-missing", Hint: "There is no intercept: the fit goes through the origin, or Predict leaves out θ₀. Fit on AddBias(X), whose column of ones gives θ₀, and predict ŷ = θ₀ + X·(θ₁, …, θₙ)."},
			{ID: "bias-wrong-position", Hint: "The intercept is last instead of first. The ones must be column 0 of the design matrix, so that θ[0] is the intercept and θ[1:] are the weights of X's columns, in AddBias, Fit and Predict alike."},
			{ID: "normal-equations", Hint: "Your fit is accurate on well-conditioned data but loses nearly every digit when features are nearly collinear: it goes through AᵀA, by inverting it or by solving the normal equations AᵀAθ = Aᵀy, and cond(AᵀA) is cond(A)². Solve the least-squares problem on A itself with QR: theta.SolveVec(A, y)."},
			{ID: "underdetermined-no-error", Hint: "With fewer rows than parameters (m < n+1), infinitely many θ fit the data exactly, and SolveVec quietly returns one of them. Return an error when m < n+1."},
			{ID: "collinear-no-error", Hint: "A feature that repeats another (up to rounding) or is constant makes [1 X] rank-deficient: θ is not determined, and SolveVec returns weights of ±10¹¹ or so without complaint (it reports only conditions above 10¹⁶). Return an error when mat.Cond(A, 2) > MaxCond, with A = [1 X]."},
			{ID: "cond-without-bias", Hint: "Your Fit tests the condition number of X, not of the design matrix A = [1 X] it solves. A constant feature is a multiple of the column of ones, so only A shows the dependence: X alone is well-conditioned. Compute mat.Cond(AddBias(X), 2)."},
		},
	}
}

// maxCond is the exercise's MaxCond, the largest cond([1 X]) Fit accepts.
const maxCond = 1e12

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
	t.Label(fmt.Sprintf("θ (%d values, θ₀ first) fitted on %s", n+1, what))
	t.Mistake(origin != nil && (grader.NearSlice(got, origin, tolTheta) ||
		grader.NearSlice(got, append([]float64{0}, origin...), tolTheta)), "bias-missing",
		"it is the least-squares fit through the origin, without an intercept")
	rotated := append(slices.Clone(want[1:]), want[0])
	t.Mistake(grader.NearSlice(got, rotated, tolTheta), "bias-wrong-position",
		fmt.Sprintf("the intercept is its last value, θ[%d] = %s", n, grader.Num(got[n])))
	if !t.CloseSlice(got, want, tolTheta) && grader.NearSlice(got, want, grader.Rel(1e-3)) {
		t.Logf("your θ agrees with the reference to about 3 digits but not to 8: digits were lost on the way. The usual cause is going through AᵀA (an inverse, or the normal equations), which squares the condition number; solve the least-squares problem on A with QR (SolveVec)")
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
	t.Label("AddBias([[2 3] [5 7] [11 13]])")
	t.Mistake(got != nil && mat.Equal(got, last), "bias-wrong-position", "the column of ones is last")
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
	t.Label("Predict([[1 2] [0 0] [−1 4]], θ = [0.5 2 −1])")
	t.Mistake(grader.NearSlice(got, []float64{0, 0, -6}, grader.Abs(1e-12)), "bias-missing",
		"it is X·θ[1:] without θ₀")
	t.Mistake(grader.NearSlice(got, []float64{3.5, -1, 6.5}, grader.Abs(1e-12)), "bias-wrong-position", // −1 + 0.5·x₁ + 2·x₂
		"it reads the intercept from θ's last element: −1 + 0.5·x₁ + 2·x₂")
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
// was accurate on well-conditioned data, which makes the AᵀA route the cause of inaccurate
// predictions here. An error is not a sign of that route (a QR fit that tests the condition
// number of AᵀA refuses these data too), so it is explained but not named.
func checkCollinear(t *grader.T, X *mat.Dense, y []float64, delta float64, wellFitted bool, plotTitle string) {
	r := t.Call("Fit", X, y)
	cond := mat.Cond(preprocess.AddBias(nil, X), 2)
	if err := r.Err(); err != nil {
		t.Fatalf("Fit returned an error on near-collinear data, whose predictions are well determined: cond([1 X]) = %s, below MaxCond. "+
			"If your Fit tests the condition number of AᵀA (cond(A)² = %s) or uses a smaller limit, test mat.Cond(A, 2) of A = [1 X] against MaxCond; "+
			"if the error comes from inverting or factorising AᵀA, solve the least-squares problem on A itself with QR. The error: %v", sci(cond), sci(cond*cond), err)
	}
	theta := r.Floats()
	if _, n := X.Dims(); len(theta) != n+1 {
		t.Label("θ fitted on near-collinear data")
		t.Mistake(len(theta) == n, "bias-missing", "Fit returned one value per feature and no intercept")
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
	t.Label("Predict(near-collinear X, your θ)")
	t.Mistake(wellFitted && !grader.NearSlice(got, want, tolPred), "normal-equations", fmt.Sprintf(
		"x₂ = x₁ + %s·noise, so cond(A) ≈ %s and cond(AᵀA) ≈ %s; your predictions are off by up to %s (the noise in y is 0.1), though your θ was right on well-conditioned data",
		sci(delta), sci(cond), sci(cond*cond), sci(worst)))
	t.CloseSlice(got, want, tolPred)
}

// sci formats x with two significant digits as a reader writes it: 1.9e7, 3.4e14, 0.00065.
func sci(x float64) string {
	s := strconv.FormatFloat(x, 'g', 2, 64)
	s = strings.Replace(s, "e+0", "e", 1)
	s = strings.Replace(s, "e+", "e", 1)
	return strings.Replace(s, "e-0", "e-", 1)
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

// tooFewRows fits two rows of two features (three parameters from two equations: an error), then
// three rows of two features, a square system with one exact solution.
func tooFewRows(t *grader.T) {
	few := mat.NewDense(2, 2, []float64{1, 2, 3, 5})
	r := t.Call("Fit", few, []float64{1, 2})
	t.Label("Fit(2 rows, 2 features)")
	t.Mistake(r.Err() == nil, "underdetermined-no-error", "it returned θ without an error: 2 equations cannot determine 3 parameters")
	// y = 1 + 2x₁ − x₂ exactly, on three rows: θ = (1, 2, −1), by hand.
	square := mat.NewDense(3, 2, []float64{1, 2, 3, 5, 4, 1})
	r = t.Call("Fit", square, []float64{1, 2, 8})
	if err := r.Err(); err != nil {
		t.Fatalf("Fit(3 rows, 2 features) returned an error, but 3 rows determine the 3 parameters (m = n+1 is enough; cond([1 X]) ≈ %s): %v",
			sci(mat.Cond(preprocess.AddBias(nil, square), 2)), err)
	}
	t.Label("θ fitted on 3 rows of y = 1 + 2x₁ − x₂ (m = n+1: the exact solution)")
	t.CloseSlice(r.Floats(), []float64{1, 2, -1}, tolTheta)
}

// duplicated returns the synthetic data of 40 rows with a third feature that repeats x₁ up to
// 1e-14·noise: cond([1 X]) is about 1e14, and mat.Dense.Solve (which reports conditions above
// 1e16 only) returns weights of noise. cond(X) is as large, so a Fit that tests X finds it too.
func duplicated() (*mat.Dense, []float64) {
	X, y := synthetic(rand.New(rand.NewPCG(3, 6)), 40)
	rng := rand.New(rand.NewPCG(4, 6))
	dup := mat.NewDense(40, 3, nil)
	dup.Slice(0, 40, 0, 2).(*mat.Dense).Copy(X)
	for i := range 40 {
		dup.Set(i, 2, X.At(i, 0)+1e-14*rng.NormFloat64())
	}
	return dup, y
}

func duplicateFeature(t *grader.T) {
	X, y := duplicated()
	r := t.Call("Fit", X, y)
	if r.Err() == nil {
		t.Label("θ fitted on data whose column 2 repeats column 0 up to 1e-14")
		t.Mistake(true, "collinear-no-error", fmt.Sprintf(
			"Fit returned θ = %s without an error, but cond([1 X]) ≈ %s > MaxCond: θ is not determined by these data", grader.Nums(r.Floats()), sci(mat.Cond(preprocess.AddBias(nil, X), 2))))
	}
}

// withConstant returns X with a column of the value c inserted at position pos.
func withConstant(X *mat.Dense, pos int, c float64) *mat.Dense {
	m, n := X.Dims()
	out := mat.NewDense(m, n+1, nil)
	for i := range m {
		k := 0
		for j := range n + 1 {
			if j == pos {
				out.Set(i, j, c)
				continue
			}
			out.Set(i, j, X.At(i, k))
			k++
		}
	}
	return out
}

// quietConstant returns X with a constant column at a random place, its value drawn from rng
// until mat.Dense.Solve does not report [1 X] as singular: rounding often leaves R a pivot near
// 1e-16 instead of 0, and Solve then returns weights of ±10¹² (for features of scale 1, about
// half of the values; for features of mixed scales, rarely). A Fit that tests the condition
// number of X alone (small: a constant column is independent of the others) returns that θ
// without an error. ok is false when 200 values gave none.
func quietConstant(rng *rand.Rand, X *mat.Dense, y []float64) (Xc *mat.Dense, pos int, c float64, ok bool) {
	_, n := X.Dims()
	for range 200 {
		pos, c = rng.IntN(n+1), math.Round(100*(1+9*rng.Float64()))/100*float64(1-2*rng.IntN(2))
		Xc = withConstant(X, pos, c)
		var theta mat.VecDense
		if theta.SolveVec(preprocess.AddBias(nil, Xc), mat.NewVecDense(len(y), y)) == nil {
			return Xc, pos, c, true
		}
	}
	return Xc, pos, c, false
}

// checkConstant fits data with a constant feature, which must be an error. A Fit that returns θ
// is named by what it does on the duplicated feature of duplicated(), where cond(X) is large
// too: an error there means it tests the condition number of X instead of [1 X]
// (cond-without-bias); θ there too means it tests neither (collinear-no-error).
func checkConstant(t *grader.T, X *mat.Dense, y []float64, pos int, c float64, what string) {
	r := t.Call("Fit", X, y)
	if r.Err() != nil {
		return
	}
	theta := r.Floats()
	if _, n := X.Dims(); len(theta) == n {
		t.Label(fmt.Sprintf("θ fitted on %s whose column %d is constant (%s)", what, pos, grader.Num(c)))
		t.Mistake(true, "bias-missing", "Fit returned one value per feature and no intercept")
	}
	dupX, dupY := duplicated()
	dupErr := t.Call("Fit", dupX, dupY).Err() != nil
	t.Label(fmt.Sprintf("θ fitted on %s whose column %d is constant (%s)", what, pos, grader.Num(c)))
	detail := fmt.Sprintf("Fit returned θ = %s without an error, but column %d of X is a multiple of the bias column: cond(X) ≈ %s, cond([1 X]) ≈ %s",
		grader.Nums(theta), pos, sci(mat.Cond(X, 2)), sci(mat.Cond(preprocess.AddBias(nil, X), 2)))
	t.Mistake(dupErr, "cond-without-bias", detail)
	t.Mistake(!dupErr, "collinear-no-error", detail)
}

func constantFeature(t *grader.T) {
	X, y := synthetic(rand.New(rand.NewPCG(3, 6)), 40)
	rng := rand.New(rand.NewPCG(8, 6))
	for range 3 {
		Xc, pos, c, _ := quietConstant(rng, X, y) // quiet for these data (TestConstantFeatureIsQuiet)
		checkConstant(t, Xc, y, pos, c, "40 rows")
	}
}

// boundary returns 60 rows of 5 features that repeat x₁ up to δ·noise, δ chosen so that
// cond([1 X]) is target (to about 1 %; the condition number is nearly proportional to 1/δ).
// For such data the 1-norm condition number is about 0.4 times the 2-norm one, and the ∞-norm
// one about 3 times: only mat.Cond(A, 2) puts both cases on the right side of MaxCond.
func boundary(target float64) (*mat.Dense, []float64) {
	rng := rand.New(rand.NewPCG(1, 9))
	const m, n = 60, 5
	base, noise := make([]float64, m), make([]float64, m*n)
	y := make([]float64, m)
	for i := range m {
		base[i] = 10 * rng.NormFloat64()
		for j := range n {
			noise[i*n+j] = rng.NormFloat64() * float64(j+1)
		}
		y[i] = 1 + base[i] + rng.NormFloat64()
	}
	build := func(delta float64) *mat.Dense {
		X := mat.NewDense(m, n, nil)
		for i := range m {
			for j := range n {
				X.Set(i, j, base[i]+delta*noise[i*n+j])
			}
		}
		return X
	}
	delta := 1e-11
	for range 3 {
		delta *= mat.Cond(preprocess.AddBias(nil, build(delta)), 2) / target
	}
	return build(delta), y
}

func condLimit(t *grader.T) {
	X, y := boundary(5e11)
	if err := t.Call("Fit", X, y).Err(); err != nil {
		cond := mat.Cond(preprocess.AddBias(nil, X), 2)
		t.Fatalf("Fit returned an error for data with cond([1 X]) = %s, below MaxCond = 1e12. The limit is on mat.Cond(A, 2) of A = [1 X], and only above MaxCond; "+
			"if the error comes from inverting or factorising AᵀA (whose condition number is cond(A)² = %s), solve the least-squares problem on A itself with QR. The error: %v",
			sci(cond), sci(cond*cond), err)
	}
	X, y = boundary(1.5e12)
	if t.Call("Fit", X, y).Err() == nil {
		A := preprocess.AddBias(nil, X)
		t.Fatalf("Fit returned θ without an error for data with cond([1 X]) = %s, above MaxCond = 1e12: return an error when mat.Cond(A, 2) > MaxCond "+
			"(the 2-norm one: other norms give other numbers, here %s for the 1-norm)", sci(mat.Cond(A, 2)), sci(mat.Cond(A, 1)))
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
