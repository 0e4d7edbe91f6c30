// Package check grades exercise 11, ridge-regression: the ridge cost and gradient with an
// unpenalised bias, and the closed-form fit, on exercise 10's degree-9 polynomial features and
// on a nearly collinear set.
//
// Expected values come from mlkit: optim.LeastSquares with an optim.L2 penalty for the cost and
// gradient (the same convention, λ/(2m)·Σⱼ≥₁ θⱼ²), linear.Ridge with α = λ for the fit
// (scikit-learn's Ridge, whose objective ‖y − Xw − b‖² + α‖w‖² is 2m times this one and has the
// same minimiser) and linear.Regression for λ = 0. The mistakes are recognised by comparing the
// learner's values with those of the penalise-everything objective, of a penalty m times too
// big or too small, of a cost without the ½, of stacked rows holding λ instead of √λ, and, at
// λ = 0, by a fit that is right where the problem is well conditioned (λ = 0.1, or λ = 0 on
// degree-3 features) but not on the ill-conditioned degree-9 features: a method that loses
// digits with the condition number, such as a solve through XᵀX.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/exercises/internal/sincurve"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/optim"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "ridge-regression",
		Title: "Ridge regression: an L2 penalty that leaves the bias alone",
		Dir:   "exercises/11-ridge-regression",
		Functions: []grader.Func{
			{Name: "RidgeCost", Signature: "func(X *mat.Dense, y, theta []float64, lambda float64) float64"},
			{Name: "RidgeGrad", Signature: "func(X *mat.Dense, y, theta []float64, lambda float64) []float64"},
			{Name: "FitRidge", Signature: "func(X *mat.Dense, y []float64, lambda float64) ([]float64, error)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/preprocess/...",
			"gonum.org/v1/gonum/stat/...",
			"gonum.org/v1/gonum/optimize/...",
		},
		Checks: append([]grader.Check{
			{Name: "RidgeCost of a small hand-computed example", Points: 1, Run: costSmall},
			{Name: "RidgeCost and RidgeGrad on degree-9 polynomial features", Points: 2, Run: costGradPoly},
			{Name: "FitRidge with λ = 0 is ordinary least squares", Points: 2, Run: lambdaZero},
			{Name: "FitRidge on degree-9 polynomial features for λ from 1e-5 to 100", Points: 2, Run: fitPath},
			{Name: "A large λ shrinks the weights but not the bias", Points: 1, Run: shrinkage},
			{Name: "Nearly collinear features: ridge makes θ well determined", Points: 1, Run: collinear},
			{Name: "A feature that is always 0: an error at λ = 0, weight 0 for λ > 0", Points: 1, Run: zeroFeature},
			{Name: "RidgeCost, RidgeGrad and FitRidge leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"The penalty λ/(2m)·Σ θⱼ² starts at j = 1: θ₀ (the bias, the weight of the ones column) is never penalised, in the cost, in the gradient (its first component has no λ term) or in the fit (the first diagonal entry of D is 0). Note the 1/m: λ is divided by m like the data term.",
			"Setting the gradient to zero gives (XᵀX + λ·D)θ = Xᵀy with D = diag(0, 1, …, 1). Do not form XᵀX (it squares the condition number, and at λ = 0 that loses the least-squares answer): the same θ is the least-squares solution of the stacked system [X; √λ·D]θ ≈ [y; 0], which QR solves accurately.",
			"FitRidge: A := mat.NewDense(m+n, n, nil); copy X into the top m rows; for j := 1; j < n; j++ { A.Set(m+j, j, math.Sqrt(lambda)) }; b is y followed by n zeros; var theta mat.VecDense; err := theta.SolveVec(A, b). RidgeGrad: 1/m·Xᵀ(Xθ − y), then add λ/m·θⱼ for j ≥ 1.",
		},
		Mistakes: []grader.Mistake{
			{ID: biasPenalised, Hint: "θ₀, the bias (the weight of the ones column), is never penalised: the penalty's sum starts at j = 1, in the cost (λ/(2m)·Σⱼ₌₁ θⱼ²), in the gradient (its first component is 1/m·Σᵢ (xᵢθ − yᵢ), with no λ term) and in the fit (D = diag(0, 1, …, 1): no stacked row for θ₀). Penalising it pulls every prediction towards 0."},
			{ID: lambdaOffByM, Hint: "Your penalty is m times too big or too small. This exercise divides λ by m like the data term: the cost's penalty is λ/(2m)·Σⱼ₌₁ θⱼ², the gradient's (λ/m)·θⱼ, and the fit solves (XᵀX + λ·D)θ = Xᵀy with λ itself (the stacked rows hold √λ)."},
			{ID: costMissingHalf, Hint: "Your cost is twice J: both terms have 1/(2m) in front, J(θ) = 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ₌₁ θⱼ². The ½ is what makes the gradient come out as 1/m·Xᵀ(Xθ − y) + (λ/m)·θⱼ, without a factor 2."},
			{ID: stackedLambdaNotSqrt, Hint: "Your θ is the ridge fit for λ² instead of λ. In the stacked system the extra rows must hold √λ, not λ: [X; c·D]θ ≈ [y; 0] has the normal equations (XᵀX + c²·D)θ = Xᵀy, so c = λ fits the penalty λ², which agrees only at λ = 1. Put math.Sqrt(lambda) on the diagonal of the extra rows."},
			{ID: lambdaZeroNotLS, Hint: "Your FitRidge is right where the problem is well conditioned (λ > 0, or λ = 0 on well-separated features) but not at λ = 0 on nearly collinear features, where least squares is still well determined: it gives a wrong θ or an error there, so your method loses digits as X's condition number grows. The usual cause is going through XᵀX (an inverse, or a Cholesky or LU solve of XᵀX + λD): that squares the condition number (1e7 → 1e14 for the degree-9 features), and with no λ to regularise it almost no correct digits are left; an iterative method stopped early fails the same way. Solve the stacked least-squares problem [X; √λ·D]θ ≈ [y; 0] with QR (theta.SolveVec): it is accurate for every λ ≥ 0."},
		},
	}
}

// The mistakes the checks recognise.
const (
	biasPenalised        = "bias-penalised"
	lambdaOffByM         = "lambda-off-by-m"
	costMissingHalf      = "cost-missing-half"
	stackedLambdaNotSqrt = "stacked-lambda-not-sqrt"
	lambdaZeroNotLS      = "lambda-zero-not-least-squares"
)

var (
	// tolValue is for costs and gradients: a few roundings of sums of m terms.
	tolValue = grader.Rel(1e-9).PlusAbs(1e-12)
	// tolTheta is for θ when λ > 0 makes the problem well conditioned (cond([X; √λD]) ≤ about
	// 1e4 for the λ used), so QR and the reference's Cholesky agree to about 1e-11.
	tolTheta = grader.Rel(1e-7).PlusAbs(1e-9)
	// tolPred is for predictions at λ = 0 on degree-9 features (cond(X) ≈ 1e7): QR reproduces
	// the least-squares predictions to about 1e-9, a solve through XᵀX (cond ≈ 1e14) does not.
	tolPred = grader.Rel(1e-6).PlusAbs(1e-6)
)

// polyDesign returns [1 Z] for the degree-d powers of xTr and xOther, standardised with the
// training statistics (exercise 10's ScaledPolyFeatures).
func polyDesign(xTr, xOther []float64, d int) (train, other *mat.Dense) {
	p := preprocess.PolynomialFeatures{Degree: d}
	var s preprocess.StandardScaler
	Ztr := s.FitTransform(nil, p.Transform(nil, mat.NewDense(len(xTr), 1, slices.Clone(xTr))))
	Zo := s.Transform(nil, p.Transform(nil, mat.NewDense(len(xOther), 1, slices.Clone(xOther))))
	return preprocess.AddBias(nil, Ztr), preprocess.AddBias(nil, Zo)
}

// visible returns the visible degree-9 problem: exercise 10's 10 training points and 100
// validation points, as design matrices with a ones column.
func visible() (Xtr *mat.Dense, yTr []float64, Xval *mat.Dense, yVal []float64) {
	rng := rand.New(rand.NewPCG(2036, 10))
	xTr, yTr := sincurve.Sample(rng, 10, true, 0.3)
	xVal, yVal := sincurve.Sample(rng, 100, false, 0.3)
	Xtr, Xval = polyDesign(xTr, xVal, 9)
	return Xtr, yTr, Xval, yVal
}

// features returns the columns of X after the first (the ones).
func features(X *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	return mat.DenseCopyOf(X.Slice(0, m, 1, n))
}

// refFit returns the ridge θ = [b w…] for design matrix X (ones first) and penalty λ.
func refFit(t *grader.T, X *mat.Dense, y []float64, lambda float64) []float64 {
	r := linear.Ridge{Alpha: lambda}
	if err := r.Fit(features(X), y); err != nil {
		t.Fatalf("internal: the reference ridge fit failed: %v", err)
	}
	return append([]float64{r.Intercept()}, r.Coef()...)
}

// penalizeAll returns the θ that also penalises θ₀: (XᵀX + λI)θ = Xᵀy.
func penalizeAll(X *mat.Dense, y []float64, lambda float64) []float64 {
	r := linear.Ridge{Alpha: lambda, NoIntercept: true}
	if r.Fit(X, y) != nil {
		return nil
	}
	return r.Coef()
}

// refCostGrad returns the ridge cost and gradient of θ, with the bias penalised or not and λ
// as given.
func refCostGrad(X *mat.Dense, y, theta []float64, lambda float64, penalizeBias bool) (float64, []float64) {
	grad := make([]float64, len(theta))
	cost := optim.NewLeastSquares(X, y, optim.L2{Lambda: lambda, PenalizeBias: penalizeBias}).LossGrad(grad, theta)
	return cost, grad
}

func predict(X *mat.Dense, theta []float64) []float64 {
	m, n := X.Dims()
	if len(theta) != n {
		return nil
	}
	out := make([]float64, m)
	mat.NewVecDense(m, out).MulVec(X, mat.NewVecDense(n, theta))
	return out
}

// checkCostGrad compares RidgeCost and RidgeGrad at θ with the reference and names the penalty
// mistakes.
func checkCostGrad(t *grader.T, X *mat.Dense, y, theta []float64, lambda float64, what string) {
	m, _ := X.Dims()
	fm := float64(m)
	want, wantGrad := refCostGrad(X, y, theta, lambda, false)
	got := t.Call("RidgeCost", X, y, theta, lambda).Float()
	all, _ := refCostGrad(X, y, theta, lambda, true)
	wrong := !grader.Near(got, want, tolValue)
	t.Mistake(wrong && grader.Near(got, all, tolValue), biasPenalised,
		fmt.Sprintf("your cost is %s, λ/(2m)·θ₀² = %s more than %s", grader.Num(got), grader.Num(got-want), grader.Num(want)))
	bigM, _ := refCostGrad(X, y, theta, lambda*fm, false)
	smallM, _ := refCostGrad(X, y, theta, lambda/fm, false)
	t.Mistake(wrong && (grader.Near(got, bigM, tolValue) || grader.Near(got, smallM, tolValue)), lambdaOffByM,
		fmt.Sprintf("your cost is %s, what the penalty with λ·m or λ/m gives (m = %d); want %s", grader.Num(got), m, grader.Num(want)))
	t.Mistake(wrong && grader.Near(got, 2*want, tolValue), costMissingHalf,
		fmt.Sprintf("your cost is %s, twice %s", grader.Num(got), grader.Num(want)))
	t.Label(fmt.Sprintf("RidgeCost on %s, λ = %s", what, grader.Num(lambda)))
	t.Close(got, want, tolValue)

	g := t.Call("RidgeGrad", X, y, theta, lambda).Floats()
	_, gAll := refCostGrad(X, y, theta, lambda, true)
	wrongGrad := !grader.NearSlice(g, wantGrad, tolValue)
	t.Mistake(wrongGrad && grader.NearSlice(g, gAll, tolValue), biasPenalised,
		fmt.Sprintf("your gradient's first component has the penalty term λ/m·θ₀ = %s", grader.Num(lambda/fm*theta[0])))
	_, gBig := refCostGrad(X, y, theta, lambda*fm, false)
	_, gSmall := refCostGrad(X, y, theta, lambda/fm, false)
	t.Mistake(wrongGrad && (grader.NearSlice(g, gBig, tolValue) || grader.NearSlice(g, gSmall, tolValue)), lambdaOffByM,
		fmt.Sprintf("your gradient's penalty term is λ·θⱼ or λ/m²·θⱼ, off by a factor m = %d from (λ/m)·θⱼ", m))
	if len(g) == len(theta) {
		obj := optim.Func{N: len(theta), Loss: func(th []float64) float64 { c, _ := refCostGrad(X, y, th, lambda, false); return c },
			Grad: func(dst, _ []float64) { copy(dst, g) }}
		if gc, err := optim.CheckGradient(obj, theta, 0); err == nil && gc.MaxRelErr > 1e-5 {
			t.Logf("central differences of the reference cost disagree with your gradient at component %d: %s against %s (relative error %s)", gc.Index, grader.Num(gc.Analytic), grader.Num(gc.Numeric), grader.Num(gc.MaxRelErr))
		}
	}
	t.Label(fmt.Sprintf("RidgeGrad on %s, λ = %s", what, grader.Num(lambda)))
	t.CloseSlice(g, wantGrad, tolValue)
}

func costSmall(t *grader.T) {
	X := mat.NewDense(3, 2, []float64{1, 1, 1, 2, 1, 3})
	y := []float64{1, 2, 2}
	theta := []float64{1, 0.5}
	// By hand: residuals Xθ − y = (0.5, 0, 0.5), so 1/(2·3)·0.5 = 1/12; penalty 3/(2·3)·0.25 = 1/8.
	want := 1.0/12 + 1.0/8
	got := t.Call("RidgeCost", X, y, theta, 3.0).Float()
	t.Mistake(grader.Near(got, 1.0/12+3.0/6*1.25, tolValue), biasPenalised,
		"your penalty is λ/(2m)·(θ₀² + θ₁²) = 0.625 instead of λ/(2m)·θ₁² = 0.125")
	t.Mistake(grader.Near(got, 1.0/12+3.0/2*0.25, tolValue) || grader.Near(got, 1.0/12+3.0/18*0.25, tolValue), lambdaOffByM,
		"your penalty is off by a factor m = 3: λ/(2m)·θ₁² = 3/6·0.5² = 0.125")
	t.Mistake(grader.Near(got, 2*want, tolValue), costMissingHalf,
		"your cost is 5/12, twice 1/(2·3)·0.5 + 3/(2·3)·0.5² = 5/24")
	t.Label("RidgeCost(X = [[1 1] [1 2] [1 3]], y = [1 2 2], θ = [1 0.5], λ = 3)")
	t.Close(got, want, tolValue)
}

func costGradPoly(t *grader.T) {
	X, y, _, _ := visible()
	rng := rand.New(rand.NewPCG(11, 1))
	theta := make([]float64, 10)
	for j := range theta {
		theta[j] = rng.NormFloat64()
	}
	checkCostGrad(t, X, y, theta, 0.5, "10 points of sin(2πx) with degree-9 features")
}

// accurateWhenWellConditioned reports whether FitRidge is right where the problem is well
// conditioned: at λ = 0.1 on the visible degree-9 features, and at λ = 0 on degree-3 features of
// the same points (cond ≈ 10). Together with a wrong answer at λ = 0 on the degree-9 features
// (cond ≈ 1e7), it is the sign of a method that loses digits with the condition number.
func accurateWhenWellConditioned(t *grader.T) bool {
	X, y, _, _ := visible()
	r := t.Call("FitRidge", X, y, 0.1)
	if r.Err() != nil || !grader.NearSlice(r.Floats(), refFit(t, X, y, 0.1), tolTheta) {
		return false
	}
	rng := rand.New(rand.NewPCG(2036, 10))
	xTr, yTr := sincurve.Sample(rng, 10, true, 0.3)
	X3, _ := polyDesign(xTr, xTr, 3)
	r = t.Call("FitRidge", X3, yTr, 0.0)
	return r.Err() == nil && grader.NearSlice(r.Floats(), refFit(t, X3, yTr, 0), tolTheta)
}

// checkLambdaZero fits at λ = 0 and compares the predictions with least squares'.
func checkLambdaZero(t *grader.T, X *mat.Dense, y []float64, what string) {
	r := t.Call("FitRidge", X, y, 0.0)
	var ols linear.Regression
	if err := ols.Fit(features(X), y); err != nil {
		t.Fatalf("internal: the reference least-squares fit failed: %v", err)
	}
	want := ols.Predict(nil, features(X))
	if err := r.Err(); err != nil {
		t.Mistake(accurateWhenWellConditioned(t), lambdaZeroNotLS,
			fmt.Sprintf("FitRidge(…, λ = 0) on %s returned an error (%v), but not at λ = 0.1, nor at λ = 0 on degree-3 features", what, err))
		t.Fatalf("FitRidge returned an error at λ = 0 on %s, where least squares is determined: %v. λ = 0 is allowed: FitRidge is then ordinary least squares", what, err)
	}
	got := predict(X, r.Floats())
	if !grader.NearSlice(got, want, tolPred) {
		t.Mistake(accurateWhenWellConditioned(t), lambdaZeroNotLS,
			fmt.Sprintf("your predictions at λ = 0 on %s are off by up to %s, while your fits at λ = 0.1, and at λ = 0 on degree-3 features, are right", what, grader.Num(maxAbsDiff(got, want))))
	}
	t.Label(fmt.Sprintf("the predictions of FitRidge(…, λ = 0) on %s", what))
	t.CloseSlice(got, want, tolPred)
}

// maxAbsDiff returns the largest |a[i] − b[i]| (+Inf for different lengths).
func maxAbsDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	d := 0.0
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

func lambdaZero(t *grader.T) {
	X, y, _, _ := visible()
	checkLambdaZero(t, X, y, "the 10 training points with degree-9 features")
}

// checkFit compares FitRidge(X, y, λ) with the reference and names the penalty mistakes.
func checkFit(t *grader.T, X *mat.Dense, y []float64, lambda float64, what string) []float64 {
	r := t.Call("FitRidge", X, y, lambda)
	if err := r.Err(); err != nil {
		t.Fatalf("FitRidge returned an error at λ = %s on %s, where θ is well determined: %v", grader.Num(lambda), what, err)
	}
	got := r.Floats()
	want := refFit(t, X, y, lambda)
	m, _ := X.Dims()
	if !grader.NearSlice(got, want, tolTheta) {
		if all := penalizeAll(X, y, lambda); all != nil {
			t.Mistake(grader.NearSlice(got, all, tolTheta), biasPenalised,
				fmt.Sprintf("your θ is the fit that penalises θ₀ too: θ₀ = %s instead of %s", grader.Num(got[0]), grader.Num(want[0])))
		}
		fm := float64(m)
		t.Mistake(grader.NearSlice(got, refFit(t, X, y, lambda*fm), tolTheta) || grader.NearSlice(got, refFit(t, X, y, lambda/fm), tolTheta), lambdaOffByM,
			fmt.Sprintf("your θ is the ridge fit for λ·m or λ/m (m = %d)", m))
		t.Mistake(lambda != 1 && grader.NearSlice(got, refFit(t, X, y, lambda*lambda), tolTheta), stackedLambdaNotSqrt,
			fmt.Sprintf("your θ at λ = %s is the ridge fit for λ² = %s", grader.Num(lambda), grader.Num(lambda*lambda)))
	}
	t.Label(fmt.Sprintf("θ = FitRidge(%s, λ = %s)", what, grader.Num(lambda)))
	t.CloseSlice(got, want, tolTheta)
	return got
}

// lambdas are the penalties of the visible path.
var lambdas = []float64{1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100}

func fitPath(t *grader.T) {
	X, y, Xval, yVal := visible()
	// The plots first, so that they are drawn even when a mistake ends the check.
	var gotTr, gotVal, wantTr, wantVal []float64
	for _, l := range lambdas {
		want := refFit(t, X, y, l)
		wantTr = append(wantTr, metrics.RMSE(y, predict(X, want)))
		wantVal = append(wantVal, metrics.RMSE(yVal, predict(Xval, want)))
		r := t.Call("FitRidge", X, y, l)
		if r.Err() != nil {
			continue
		}
		if g := predict(X, r.Floats()); g != nil && !slices.ContainsFunc(g, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
			gotTr = append(gotTr, metrics.RMSE(y, g))
			gotVal = append(gotVal, metrics.RMSE(yVal, predict(Xval, r.Floats())))
		}
	}
	curves := []mlplot.ErrorCurve{{Name: "reference", X: lambdas, Train: wantTr, Validation: wantVal}}
	if len(gotTr) == len(lambdas) {
		curves = append(curves, mlplot.ErrorCurve{Name: "yours", X: lambdas, Train: gotTr, Validation: gotVal, Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	if p, err := mlplot.ValidationCurve("RMSE of degree-9 ridge fits by λ (10 training points)", "λ", mlplot.Log, curves...); err == nil {
		p.Y.Label.Text = "RMSE"
		t.Plot("Training and validation RMSE against the penalty", p)
	}
	plotFits(t)
	// From the largest λ down: a mistake in the penalty shows most clearly there.
	for _, l := range slices.Backward(lambdas) {
		checkFit(t, X, y, l, "degree-9 features of 10 points")
	}
}

// plotFits draws the degree-9 fits at λ = 0, 0.01 (near the best validation error) and 1 (the learner's dashed, the reference's
// solid) over the training points and the true curve.
func plotFits(t *grader.T) {
	rng := rand.New(rand.NewPCG(2036, 10))
	xTr, yTr := sincurve.Sample(rng, 10, true, 0.3)
	grid := sincurve.Grid()
	Xtr, Xg := polyDesign(xTr, grid, 9)
	var curves []mlplot.Curve
	colors := []int{4, 1, 2} // pink, orange, green
	for k, l := range []float64{0, 1e-2, 1} {
		var want []float64
		if l == 0 {
			var ols linear.Regression
			if ols.Fit(features(Xtr), yTr) != nil {
				continue
			}
			want = ols.Predict(nil, features(Xg))
		} else {
			want = predict(Xg, refFit(t, Xtr, yTr, l))
		}
		curves = append(curves, mlplot.Curve{Name: fmt.Sprintf("λ = %g", l), F: sincurve.Interp(grid, want), Style: mlplot.Style{Color: mlplot.PaletteColor(colors[k])}})
		r := t.Call("FitRidge", Xtr, yTr, l)
		if r.Err() != nil {
			continue
		}
		if got := predict(Xg, r.Floats()); got != nil && !slices.ContainsFunc(got, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
			curves = append(curves, mlplot.Curve{Name: fmt.Sprintf("λ = %g, yours", l), F: sincurve.Interp(grid, got), Style: mlplot.Style{Color: mlplot.PaletteColor(colors[k]), Dash: mlplot.Dashed}})
		}
	}
	if p, err := sincurve.Fits("Degree-9 ridge fits to 10 noisy points of sin(2πx)", xTr, yTr, curves...); err == nil {
		t.Plot("Degree-9 fits for three penalties", p)
	}
}

func shrinkage(t *grader.T) {
	X, y, _, _ := visible()
	// Shift y so that a bias shrunk towards 0 is visible: the intercept must stay at mean(y),
	// since the features are centred.
	y = slices.Clone(y)
	for i := range y {
		y[i] += 5
	}
	mean := floats.Sum(y) / float64(len(y))
	prev := math.Inf(1)
	for _, l := range []float64{0.01, 1, 100, 1e4, 1e6} {
		r := t.Call("FitRidge", X, y, l)
		if err := r.Err(); err != nil {
			t.Fatalf("FitRidge returned an error at λ = %s: %v", grader.Num(l), err)
		}
		theta := r.Floats()
		if !t.True(len(theta) == 10, "FitRidge returned %d values, want 10 (θ₀ and 9 weights)", len(theta)) {
			return
		}
		norm := floats.Norm(theta[1:], 2)
		t.True(norm <= prev*(1+1e-9), "‖θ₁…θ₉‖ grew from %s to %s as λ rose to %s: a larger penalty must shrink the weights (rel. tol 1e-9)", grader.Num(prev), grader.Num(norm), grader.Num(l))
		prev = norm
		if l == 1e6 {
			t.Mistake(grader.NearSlice(theta, penalizeAll(X, y, l), tolTheta), biasPenalised,
				fmt.Sprintf("at λ = 1e6 your θ₀ = %s has been shrunk towards 0; with centred features it stays at mean(y) = %s for every λ", grader.Num(theta[0]), grader.Num(mean)))
			t.Label("θ₀ = FitRidge(…, λ = 1e6)[0], which must stay at mean(y) (the features are centred)")
			t.Close(theta[0], mean, grader.Rel(1e-9))
			t.True(norm < 1e-3, "‖θ₁…θ₉‖ = %s at λ = 1e6, want < 1e-3: a huge penalty drives every weight to 0", grader.Num(norm))
		}
	}
}

// collinearData returns m rows of [1 x₁ x₂] with x₂ = x₁ + 1e-6·𝒩(0, 1) and
// y = 1 + 2x₁ + 𝒩(0, 0.1²): least squares splits the weight between x₁ and x₂ wildly, ridge
// shares it.
func collinearData(rng *rand.Rand, m int) (*mat.Dense, []float64) {
	X := mat.NewDense(m, 3, nil)
	y := make([]float64, m)
	for i := range m {
		x1 := rng.NormFloat64()
		X.Set(i, 0, 1)
		X.Set(i, 1, x1)
		X.Set(i, 2, x1+1e-6*rng.NormFloat64())
		y[i] = 1 + 2*x1 + 0.1*rng.NormFloat64()
	}
	return X, y
}

func collinear(t *grader.T) {
	X, y := collinearData(rand.New(rand.NewPCG(11, 2)), 100)
	got := checkFit(t, X, y, 1, "100 rows whose two features differ by 1e-6")
	if len(got) == 3 {
		t.Label("θ₁ and θ₂ at λ = 1: ridge shares the weight 2 between the twin features")
		t.CloseSlice(got[1:], []float64{1, 1}, grader.Abs(0.05))
	}
}

// zeroFeature checks a feature that is 0 in every row: at λ = 0 its weight is not determined
// (an error), and for λ > 0 the penalty alone sets it to 0.
func zeroFeature(t *grader.T) {
	X, y := collinearData(rand.New(rand.NewPCG(11, 3)), 30)
	m, _ := X.Dims()
	X.Slice(0, m, 2, 3).(*mat.Dense).Zero()
	r := t.Call("FitRidge", X, y, 0.0)
	if r.Err() == nil {
		t.Fatalf("FitRidge(…, λ = 0) returned θ = %s without an error, but column 2 of X is 0 in every row: at λ = 0 nothing determines θ₂, so FitRidge must return an error (QR's SolveVec reports one for this singular system)", grader.Nums(r.Floats()))
	}
	got := checkFit(t, X, y, 0.5, "30 rows whose second feature is always 0")
	if len(got) == 3 {
		t.Label("θ₂ = FitRidge(…, λ = 0.5)[2], the weight of the feature that is always 0")
		t.Close(got[2], 0, grader.Abs(1e-12))
	}
}

// notMutated passes a θ in no particular order, so that sorting it in place shows.
func notMutated(t *grader.T) {
	X, y, _, _ := visible()
	theta := []float64{3, -1, 4, 1, -5, 9, 2, -6, 5, 3}
	t.NotMutated("RidgeCost", X, y, theta, 0.5)
	t.NotMutated("RidgeGrad", X, y, theta, 0.5)
	t.NotMutated("FitRidge", X, y, 0.5)
}
