// Package check grades exercise 13, learning-and-validation-curves: learning curves (errors
// against the training-set size) and validation curves (errors against λ) of ridge regression
// over a fixed train/validation split, and the diagnosis they support, on made-up data shaped
// like Coursera ML's ex5 "dam" set and on the diabetes data.
//
// Expected curves come from mlkit/selection's LearningCurve and ValidationCurve (scikit-learn's
// learning_curve and validation_curve with Ridge, tested against it), whose mean squared errors
// are halved into the course's J = 1/(2m)·‖Xθ − y‖²; θ comes from mlkit/linear's Ridge (α = λ,
// intercept unpenalised), and the expected diagnoses from the rule in the README, applied here.
// The mistakes are recognised by comparing the learner's curves with curves computed here the
// mistaken way: the training error on all training rows, the penalty added to the reported
// errors, errors without the ½ (mean squared errors), one θ fitted on all rows and never
// refitted, the validation error on the first rows of the validation set; and the learner's
// diagnoses with those of the rule read at the first
// point of the curves, or with the validation error tested first.
package check

import (
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "learning-and-validation-curves",
		Title: "Learning and validation curves: high bias or high variance?",
		Dir:   "exercises/13-learning-and-validation-curves",
		Functions: []grader.Func{
			{Name: "RidgeCost", Signature: "func(X *mat.Dense, y, theta []float64, lambda float64) float64"},
			{Name: "FitRidge", Signature: "func(X *mat.Dense, y []float64, lambda float64) ([]float64, error)"},
			{Name: "LearningCurve", Signature: "func(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambda float64, sizes []int) (trainErr, valErr []float64)"},
			{Name: "ValidationCurve", Signature: "func(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambdas []float64) (trainErr, valErr []float64)"},
			{Name: "Diagnose", Signature: "func(trainErr, valErr []float64, target float64) string"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"github.com/mlkata/mlkata/mlkit/selection/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
		},
		Checks: append([]grader.Check{
			{Name: "RidgeCost and FitRidge, as in exercise 11", Points: 1, Run: ridge},
			{Name: "LearningCurve of a straight line on the dam data (λ = 0)", Points: 2, Run: learningLine},
			{Name: "LearningCurve of degree-8 features on the dam data (λ = 0 and λ = 1)", Points: 2, Run: learningPoly},
			{Name: "LearningCurve on the diabetes data (300 training rows, λ = 1)", Points: 1, Run: learningDiabetes},
			{Name: "ValidationCurve on the dam data (λ from 0.001 to 100) and the diabetes data", Points: 2, Run: validation},
			{Name: "Diagnose four learning curves with known diagnoses", Points: 1, Run: diagnoseKnown},
			{Name: "Diagnose at the boundaries: an error equal to the target is good enough", Points: 1, Run: diagnoseBoundaries},
			{Name: "LearningCurve, ValidationCurve and Diagnose leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"A learning curve fits the model again for every training-set size s, on the first s training rows only, and reports two errors of that fit: on the s rows it was fitted on, and on the whole validation set. A validation curve does the same once per λ, on all training rows. Both errors are J without the penalty: λ is used to fit θ, never to report how good θ is.",
			"For size s: X := Xtrain.Slice(0, s, 0, n).(*mat.Dense) and y := yTrain[:s] (no copy needed: nothing writes to them); θ from FitRidge(X, y, λ); trainErr[k] = RidgeCost(X, y, θ, 0) and valErr[k] = RidgeCost(Xval, yVal, θ, 0). Diagnose looks at the last point only, the largest training set: the first points, fitted on a handful of rows, always look like overfitting.",
			"LearningCurve: for k, s := range sizes { X := Xtrain.Slice(0, s, 0, n).(*mat.Dense); θ, err := FitRidge(X, yTrain[:s], lambda); if err != nil { panic(err) }; trainErr[k] = RidgeCost(X, yTrain[:s], θ, 0); valErr[k] = RidgeCost(Xval, yVal, θ, 0) }. ValidationCurve: the same with X = Xtrain for each λ. Diagnose: jTr, jVal := trainErr[len(trainErr)-1], valErr[len(valErr)-1]; if jTr > target { return HighBias }; if jVal > target { return HighVariance }; return Neither.",
		},
		Mistakes: []grader.Mistake{
			{ID: trainErrorOnAllRows, Hint: "The training error of a learning curve is measured on the rows the model was fitted on: the first s rows for size s, not all m training rows. That is what makes it start near 0 (a line fits two points exactly) and rise as the training set grows, while the validation error falls."},
			{ID: lambdaInError, Hint: "Your reported errors include the penalty λ/(2m)·Σθⱼ². λ belongs in the fit only: report J(θ) = 1/(2m)·‖Xθ − y‖², that is RidgeCost(…, θ, 0), for the training and the validation error alike, so that curves for different λ measure the same thing, how well θ predicts."},
			{ID: errorMissingHalf, Hint: "Your errors are twice J: they are mean squared errors 1/m·Σ(xᵢθ − yᵢ)² (what scikit-learn's mean_squared_error computes), without the ½. This course reports J(θ) = 1/(2m)·‖Xθ − y‖², the ridge cost without its penalty: RidgeCost(…, θ, 0)."},
			{ID: thetaNotRefitted, Hint: "Your curve uses one θ for every size: it was fitted once (on all training rows) and only the rows you score it on change. A learning curve asks how well a model trained on s rows does, so fit θ again inside the loop, on the first s rows, for every size."},
			{ID: valErrorOnFirstRows, Hint: "Your validation error uses only the first s validation rows. Only the training set shrinks in a learning curve: every fit is scored on the whole validation set, so that all sizes are compared on the same data."},
			{ID: diagnoseFirstSize, Hint: "Diagnose reads the curves at their last point, the largest training set. At the first sizes a model fitted on a handful of rows always has a training error near 0 and a large validation error, whatever the model: that says nothing about bias or variance."},
			{ID: varianceCheckedFirst, Hint: "A high validation error alone does not mean high variance: a model with high bias has a high validation error too, and a high training error beside it. Test the training error first (J_train > target: high bias), and only then the validation error (high variance)."},
		},
	}
}

// The mistakes the checks recognise.
const (
	trainErrorOnAllRows  = "train-error-on-all-rows"
	lambdaInError        = "lambda-in-error"
	errorMissingHalf     = "error-missing-half"
	thetaNotRefitted     = "theta-not-refitted"
	valErrorOnFirstRows  = "val-error-on-first-rows"
	diagnoseFirstSize    = "diagnose-first-size"
	varianceCheckedFirst = "variance-checked-first"
)

// The answers of Diagnose.
const (
	highBias     = "high bias"
	highVariance = "high variance"
	neither      = "neither"
)

var (
	// tolErr is for errors of well-conditioned fits: the learner's QR of the stacked system and
	// mlkit's Cholesky of the centred normal equations agree to ~1e-12, which leaves room for
	// other accurate methods; the absolute part is for a training error that is 0 up to
	// rounding (one row, or an exact fit).
	tolErr = grader.Rel(1e-7).PlusAbs(1e-9)
	// tolInterp is for degree-8 features at λ = 0, nearly collinear on 9 to 12 rows
	// (κ(X) ≈ 1e5): any solver loses about that many digits of θ.
	tolInterp = grader.Rel(1e-4).PlusAbs(1e-6)
	// tolTheta is exercise 11's tolerance for θ.
	tolTheta = grader.Rel(1e-7).PlusAbs(1e-9)
)

// split is a design matrix [1 X] split into training and validation rows.
type split struct {
	Xtr  *mat.Dense
	ytr  []float64
	Xval *mat.Dense
	yval []float64
	what string // for messages: "the dam data, degree 8"
}

// dam returns m points of made-up data shaped like the dam of Coursera ML's ex5 (the change
// of a reservoir's water level x, and the water flowing out y): x uniform on [−50, 50] and
// y = 2 + 55·u³ + 𝒩(0, noise²) with u = (x + 50)/100, a convex curve that a straight line
// cannot follow. It is synthetic because its noise is known: no model can beat
// J = noise²/2 on average (2 for noise 2), so the diagnoses are known.
func dam(rng *rand.Rand, m int, noise float64) (x, y []float64) {
	x, y = make([]float64, m), make([]float64, m)
	for i := range m {
		x[i] = -50 + 100*rng.Float64()
		u := (x[i] + 50) / 100
		y[i] = 2 + 55*u*u*u + noise*rng.NormFloat64()
	}
	return x, y
}

// damTarget is the target error of the dam data's diagnoses: 2.5 times the noise's J = 2.
const damTarget = 5.0

// design returns [1 P] for the training and validation inputs, where P holds x¹ … x^degree
// standardised with the training rows' mean and population standard deviation.
func design(xTr, xVal []float64, degree int) (Xtr, Xval *mat.Dense) {
	pf := preprocess.PolynomialFeatures{Degree: degree}
	Ptr := pf.Transform(nil, mat.NewDense(len(xTr), 1, xTr))
	Pval := pf.Transform(nil, mat.NewDense(len(xVal), 1, xVal))
	var s preprocess.StandardScaler
	s.Fit(Ptr)
	return preprocess.AddBias(nil, s.Transform(nil, Ptr)), preprocess.AddBias(nil, s.Transform(nil, Pval))
}

// visibleDam returns the visible dam data: 12 training and 21 validation points (as in
// ex5), noise 2, with features of the given degree.
func visibleDam(degree int) split {
	rng := rand.New(rand.NewPCG(2026, 348))
	xTr, yTr := dam(rng, 12, 2)
	xVal, yVal := dam(rng, 21, 2)
	Xtr, Xval := design(xTr, xVal, degree)
	what := "the dam data with a straight line"
	if degree > 1 {
		what = fmt.Sprintf("the dam data with degree-%d features", degree)
	}
	return split{Xtr, yTr, Xval, yVal, what}
}

// diabetes returns the diabetes data (442 patients, 10 measurements) split at random into 300
// training and 142 validation rows, standardised with the training rows' statistics, with the
// ones column first.
func diabetes() split {
	d := datasets.Diabetes()
	sp, err := data.TrainTestSplit(d.NumSamples(), data.SplitOptions{TestCount: 142, Seed: 13})
	if err != nil {
		panic(err)
	}
	var s preprocess.StandardScaler
	Xtr := s.FitTransform(nil, data.TakeRows(d.X, sp.Train))
	Xval := s.Transform(nil, data.TakeRows(d.X, sp.Test))
	return split{preprocess.AddBias(nil, Xtr), data.Take(d.Y, sp.Train), preprocess.AddBias(nil, Xval), data.Take(d.Y, sp.Test), "the diabetes data"}
}

// features returns X without its column of ones, the input of mlkit's models, which fit the
// intercept themselves.
func features(X *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	return X.Slice(0, m, 1, n).(*mat.Dense)
}

// half turns mean squared errors into J = MSE/2.
func half(v []float64) []float64 {
	for i := range v {
		v[i] /= 2
	}
	return v
}

// refLearning returns mlkit's learning curve, in J.
func refLearning(t *grader.T, d split, lambda float64, sizes []int) (train, val []float64) {
	tr, va, err := selection.LearningCurve(features(d.Xtr), d.ytr, features(d.Xval), d.yval, lambda, sizes)
	if err != nil {
		t.Fatalf("internal: the reference learning curve failed: %v", err)
	}
	return half(tr), half(va)
}

// refValidation returns mlkit's validation curve, in J.
func refValidation(t *grader.T, d split, lambdas []float64) (train, val []float64) {
	tr, va, err := selection.ValidationCurve(features(d.Xtr), d.ytr, features(d.Xval), d.yval, lambdas)
	if err != nil {
		t.Fatalf("internal: the reference validation curve failed: %v", err)
	}
	return half(tr), half(va)
}

// refTheta returns the ridge θ (intercept first) of mlkit's Ridge with α = λ.
func refTheta(t *grader.T, X *mat.Dense, y []float64, lambda float64) []float64 {
	r := linear.Ridge{Alpha: lambda}
	if err := r.Fit(features(X), y); err != nil {
		t.Fatalf("internal: the reference ridge fit failed: %v", err)
	}
	return append([]float64{r.Intercept()}, r.Coef()...)
}

// cost returns 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ≥₁ θⱼ².
func cost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	m, n := X.Dims()
	r := mat.NewVecDense(m, nil)
	r.MulVec(X, mat.NewVecDense(n, theta))
	r.SubVec(r, mat.NewVecDense(m, y))
	pen := 0.0
	for _, v := range theta[1:] {
		pen += v * v
	}
	return (mat.Dot(r, r) + lambda*pen) / (2 * float64(m))
}

// rows returns the first s rows of X and y.
func rows(X *mat.Dense, y []float64, s int) (*mat.Dense, []float64) {
	_, n := X.Dims()
	return X.Slice(0, s, 0, n).(*mat.Dense), y[:s]
}

// variant is a learning or validation curve computed the way a mistake computes it.
type variant struct {
	id         string
	train, val []float64
	// valAlt, if not nil, is another validation curve that the mistake may give with the same
	// training curve (the penalty added to the training error only).
	valAlt []float64
	detail string
}

// matches reports whether the learner's curves are the variant's.
func (v variant) matches(train, val []float64, tol grader.Tol) bool {
	return v.train != nil && grader.NearSlice(train, v.train, tol) &&
		(grader.NearSlice(val, v.val, tol) || v.valAlt != nil && grader.NearSlice(val, v.valAlt, tol))
}

// learningVariants returns the learning curves of the mistakes, given the right ones.
func learningVariants(t *grader.T, d split, lambda float64, sizes []int, wantTr, wantVal []float64) []variant {
	m, _ := d.Xtr.Dims()
	mv, _ := d.Xval.Dims()
	full := refTheta(t, d.Xtr, d.ytr, lambda)
	var allRows, penTr, penVal, fixedTr, fixedVal, firstVal []float64
	for _, s := range sizes {
		X, y := rows(d.Xtr, d.ytr, s)
		theta := refTheta(t, X, y, lambda)
		allRows = append(allRows, cost(d.Xtr, d.ytr, theta, 0))
		penTr = append(penTr, cost(X, y, theta, lambda))
		penVal = append(penVal, cost(d.Xval, d.yval, theta, lambda))
		fixedTr = append(fixedTr, cost(X, y, full, 0))
		fixedVal = append(fixedVal, cost(d.Xval, d.yval, full, 0))
		if s <= mv {
			Xv, yv := rows(d.Xval, d.yval, s)
			firstVal = append(firstVal, cost(Xv, yv, theta, 0))
		}
	}
	k := worst(allRows, wantTr)
	vs := []variant{
		{id: trainErrorOnAllRows, train: allRows, val: wantVal,
			detail: fmt.Sprintf("your training error for size %d is %s, the error of that fit on all %d training rows; on the %d rows it was fitted on it is %s", sizes[k], num(allRows[k]), m, sizes[k], num(wantTr[k]))},
	}
	k = worst(wantVal, nil)
	vs = append(vs, variant{id: errorMissingHalf, train: twice(wantTr), val: twice(wantVal),
		detail: fmt.Sprintf("your errors are twice J: for size %d your validation error is %s, and J = %s", sizes[k], num(2*wantVal[k]), num(wantVal[k]))})
	k = worst(fixedVal, wantVal)
	vs = append(vs, variant{id: thetaNotRefitted, train: fixedTr, val: fixedVal,
		detail: fmt.Sprintf("your validation error is %s for every size, the error of one θ fitted on all %d training rows; a θ fitted on the first %d rows has %s", num(fixedVal[k]), m, sizes[k], num(wantVal[k]))})
	if lambda > 0 {
		k = worst(penTr, wantTr)
		vs = append(vs, variant{id: lambdaInError, train: penTr, val: penVal, valAlt: wantVal,
			detail: fmt.Sprintf("your training error for size %d is %s, which is J = %s plus the penalty λ/(2m)·Σθⱼ² = %s (λ = %s)", sizes[k], num(penTr[k]), num(wantTr[k]), num(penTr[k]-wantTr[k]), grader.Num(lambda))})
	}
	if len(firstVal) == len(sizes) {
		k = worst(firstVal, wantVal)
		vs = append(vs, variant{id: valErrorOnFirstRows, train: wantTr, val: firstVal,
			detail: fmt.Sprintf("your validation error for size %d is %s, the error on the first %d validation rows; on all %d it is %s", sizes[k], num(firstVal[k]), sizes[k], mv, num(wantVal[k]))})
	}
	return vs
}

// worst returns the index where a and b differ the most (where a is largest for a nil b), for
// the detail of a mistake.
func worst(a, b []float64) int {
	k, d := 0, -1.0
	for i := range a {
		di := math.Abs(a[i])
		if b != nil {
			di = math.Abs(a[i] - b[i])
		}
		if di > d {
			k, d = i, di
		}
	}
	return k
}

// twice returns 2·v, the errors without the ½.
func twice(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = 2 * x
	}
	return out
}

// num writes an error for a message: an error that is 0 up to rounding (of a fit on as many
// rows as parameters) as 0.
func num(x float64) string {
	if math.Abs(x) < 1e-12 {
		return "0 (up to rounding)"
	}
	return grader.Num(x)
}

// learning is one learning curve: the learner's beside the reference's.
type learning struct {
	d               split
	lambda          float64
	sizes           []int
	tol             grader.Tol
	gotTr, gotVal   []float64
	wantTr, wantVal []float64
}

// callLearning calls LearningCurve and computes the reference curve.
func callLearning(t *grader.T, d split, lambda float64, sizes []int, tol grader.Tol) *learning {
	r := t.Call("LearningCurve", d.Xtr, d.ytr, d.Xval, d.yval, lambda, sizes)
	l := &learning{d: d, lambda: lambda, sizes: sizes, tol: tol, gotTr: r.Floats(), gotVal: r.Out(1).Floats()}
	l.wantTr, l.wantVal = refLearning(t, d, lambda, sizes)
	return l
}

// check compares the learner's curve with the reference, naming the mistakes it matches.
func (l *learning) check(t *grader.T) {
	if !grader.NearSlice(l.gotTr, l.wantTr, l.tol) || !grader.NearSlice(l.gotVal, l.wantVal, l.tol) {
		for _, v := range learningVariants(t, l.d, l.lambda, l.sizes, l.wantTr, l.wantVal) {
			t.Mistake(v.matches(l.gotTr, l.gotVal, l.tol), v.id, v.detail)
		}
	}
	call := fmt.Sprintf("LearningCurve on %s, λ = %s, sizes %s", l.d.what, grader.Num(l.lambda), sizesText(l.sizes))
	t.Label("trainErr of " + call)
	t.CloseSlice(l.gotTr, l.wantTr, l.tol)
	t.Label("valErr of " + call)
	t.CloseSlice(l.gotVal, l.wantVal, l.tol)
}

// sizesText writes sizes compactly: "2…12" for a run of consecutive sizes.
func sizesText(sizes []int) string {
	run := len(sizes) > 2
	for k := 1; k < len(sizes); k++ {
		run = run && sizes[k] == sizes[k-1]+1
	}
	if run {
		return fmt.Sprintf("%d…%d", sizes[0], sizes[len(sizes)-1])
	}
	return fmt.Sprint(sizes)
}

// drawable reports whether v can be drawn: the right length and finite.
func drawable(v []float64, n int) bool {
	return len(v) == n && !slices.ContainsFunc(v, func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) })
}

// panel is one learning curve to draw, with its title and the target error of its diagnosis.
type panel struct {
	title  string
	target float64
	*learning
}

// plotLearning draws learning curves, one panel each, the reference's solid and the learner's
// dashed, the target error as a grey dotted line, and the error axis cut at yMax (as ex5's
// figures do: a fit on a few rows can have a validation error in the thousands).
func plotLearning(t *grader.T, name, title string, yMax float64, ps ...panel) {
	var panels []*gplot.Plot
	for _, l := range ps {
		x := make([]float64, len(l.sizes))
		for k, s := range l.sizes {
			x[k] = float64(s)
		}
		curves := []mlplot.ErrorCurve{{Name: "reference", X: x, Train: l.wantTr, Validation: l.wantVal}}
		if drawable(l.gotTr, len(x)) && drawable(l.gotVal, len(x)) {
			curves = append(curves, mlplot.ErrorCurve{Name: "yours", X: x, Train: l.gotTr, Validation: l.gotVal, Style: mlplot.Style{Dash: mlplot.Dashed}})
		}
		p, err := mlplot.LearningCurve(l.title, curves...)
		if err != nil {
			continue
		}
		target := plotter.NewFunction(func(float64) float64 { return l.target })
		target.Color = color.Gray{Y: 110}
		target.Width = vg.Points(1.5)
		target.Dashes = []vg.Length{vg.Points(2), vg.Points(3)}
		p.Add(target)
		p.Y.Label.Text = "J = 1/(2m)·‖Xθ − y‖²"
		p.Y.Min, p.Y.Max = 0, yMax
		panels = append(panels, p)
	}
	if len(panels) > 0 {
		t.Plot(name, mlplot.Tile(title, len(panels), panels...))
	}
}

// seq returns lo, lo+1, …, hi.
func seq(lo, hi int) []int {
	s := make([]int, 0, hi-lo+1)
	for i := lo; i <= hi; i++ {
		s = append(s, i)
	}
	return s
}

func ridge(t *grader.T) {
	X := mat.NewDense(3, 2, []float64{1, 1, 1, 2, 1, 3})
	y := []float64{1, 2, 2}
	theta := []float64{1, 0.5}
	// By hand: the residuals Xθ − y are (0.5, 0, 0.5), so the error is 1/(2·3)·0.5 = 1/12; the
	// penalty with λ = 3 is 3/(2·3)·0.5² = 1/8, and θ₀ = 1 is not penalised.
	got := t.Call("RidgeCost", X, y, theta, 3.0).Float()
	t.Mistake(grader.Near(got, 2*(1.0/12+1.0/8), tolErr), errorMissingHalf,
		"your RidgeCost is 5/12, twice 1/(2·3)·0.5 + 3/(2·3)·0.5² = 5/24")
	t.Label("RidgeCost(X = [[1 1] [1 2] [1 3]], y = [1 2 2], θ = [1 0.5], λ = 3), which is 1/12 + 1/8")
	t.Close(got, 1.0/12+1.0/8, tolErr)
	got = t.Call("RidgeCost", X, y, theta, 0.0).Float()
	t.Label("RidgeCost(the same, λ = 0), the error without the penalty: 1/12")
	t.Close(got, 1.0/12, tolErr)

	d := visibleDam(8)
	r := t.Call("FitRidge", d.Xtr, d.ytr, 1.0)
	if err := r.Err(); err != nil {
		t.Fatalf("FitRidge returned an error at λ = 1 on %s, where θ is well determined: %v", d.what, err)
	}
	t.Label("θ = FitRidge(" + d.what + ", λ = 1), compared with mlkit's linear.Ridge")
	t.CloseSlice(r.Floats(), refTheta(t, d.Xtr, d.ytr, 1), tolTheta)

	// 5 rows and 9 columns: at λ = 0 many θ fit exactly, and nothing chooses between them.
	X5, y5 := rows(d.Xtr, d.ytr, 5)
	if r := t.Call("FitRidge", X5, y5, 0.0); r.Err() == nil {
		t.Fatalf("FitRidge(the first 5 rows of %s, λ = 0) returned θ = %s without an error, but 5 rows do not determine 9 parameters: at λ = 0 FitRidge must return an error there (QR's SolveVec reports the singular system), as in exercise 11", d.what, grader.Nums(r.Floats()))
	}
}

func learningLine(t *grader.T) {
	// A line has 2 parameters: at λ = 0 it needs at least 2 rows.
	l := callLearning(t, visibleDam(1), 0, seq(2, 12), tolErr)
	plotLearning(t, "Learning curve of a straight line", "Learning curve of a straight line on the dam data (dotted: the target J = 5)", 60, panel{"degree 1, λ = 0", damTarget, l})
	l.check(t)
}

func learningPoly(t *grader.T) {
	d := visibleDam(8)
	// At λ = 0 the 9 parameters need at least 9 rows; with λ > 0 every size is determined.
	l0 := callLearning(t, d, 0, seq(9, 12), tolInterp)
	l1 := callLearning(t, d, 1, seq(1, 12), tolErr)
	plotLearning(t, "Learning curves of degree-8 features", "Learning curves of degree-8 features on the dam data (dotted: the target J = 5)", 60, panel{"degree 8, λ = 0", damTarget, l0}, panel{"degree 8, λ = 1", damTarget, l1})
	// λ = 1 first: a penalty in the reported errors shows only there.
	l1.check(t)
	l0.check(t)
}

// diabetesSizes and diabetesLambda are the visible learning curve's on the diabetes data.
var (
	diabetesSizes  = []int{5, 10, 20, 40, 60, 80, 100, 150, 200, 250, 300}
	diabetesLambda = 1.0
)

func learningDiabetes(t *grader.T) {
	callLearning(t, diabetes(), diabetesLambda, diabetesSizes, tolErr).check(t)
}

// validationCurve is one validation curve: the learner's beside the reference's.
type validationCurve struct {
	d               split
	lambdas         []float64
	tol             grader.Tol
	gotTr, gotVal   []float64
	wantTr, wantVal []float64
}

func callValidation(t *grader.T, d split, lambdas []float64, tol grader.Tol) *validationCurve {
	r := t.Call("ValidationCurve", d.Xtr, d.ytr, d.Xval, d.yval, lambdas)
	v := &validationCurve{d: d, lambdas: lambdas, tol: tol, gotTr: r.Floats(), gotVal: r.Out(1).Floats()}
	v.wantTr, v.wantVal = refValidation(t, d, lambdas)
	return v
}

// check compares the learner's validation curve with the reference, naming the penalty
// reported in the errors.
func (v *validationCurve) check(t *grader.T) {
	if !grader.NearSlice(v.gotTr, v.wantTr, v.tol) || !grader.NearSlice(v.gotVal, v.wantVal, v.tol) {
		var penTr, penVal []float64
		for _, l := range v.lambdas {
			theta := refTheta(t, v.d.Xtr, v.d.ytr, l)
			penTr = append(penTr, cost(v.d.Xtr, v.d.ytr, theta, l))
			penVal = append(penVal, cost(v.d.Xval, v.d.yval, theta, l))
		}
		k := worst(penTr, v.wantTr)
		pen := variant{id: lambdaInError, train: penTr, val: penVal, valAlt: v.wantVal}
		t.Mistake(pen.matches(v.gotTr, v.gotVal, v.tol), lambdaInError,
			fmt.Sprintf("your training error at λ = %s is %s, which is J = %s plus the penalty λ/(2m)·Σθⱼ² = %s", grader.Num(v.lambdas[k]), num(penTr[k]), num(v.wantTr[k]), num(penTr[k]-v.wantTr[k])))
		k = worst(v.wantVal, nil)
		half := variant{id: errorMissingHalf, train: twice(v.wantTr), val: twice(v.wantVal)}
		t.Mistake(half.matches(v.gotTr, v.gotVal, v.tol), errorMissingHalf,
			fmt.Sprintf("your errors are twice J: at λ = %s your validation error is %s, and J = %s", grader.Num(v.lambdas[k]), num(2*v.wantVal[k]), num(v.wantVal[k])))
	}
	call := fmt.Sprintf("ValidationCurve on %s, λ in %s", v.d.what, grader.Nums(v.lambdas))
	t.Label("trainErr of " + call)
	t.CloseSlice(v.gotTr, v.wantTr, v.tol)
	t.Label("valErr of " + call)
	t.CloseSlice(v.gotVal, v.wantVal, v.tol)
}

// damLambdas are the penalties of the visible validation curve on the dam data (ex5's, without
// 0, which a log axis cannot show, and with 30 and 100).
var damLambdas = []float64{0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100}

func validation(t *grader.T) {
	v := callValidation(t, visibleDam(8), damLambdas, tolErr)
	curves := []mlplot.ErrorCurve{{Name: "reference", X: v.lambdas, Train: v.wantTr, Validation: v.wantVal}}
	if drawable(v.gotTr, len(v.lambdas)) && drawable(v.gotVal, len(v.lambdas)) {
		curves = append(curves, mlplot.ErrorCurve{Name: "yours", X: v.lambdas, Train: v.gotTr, Validation: v.gotVal, Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	if p, err := mlplot.ValidationCurve("Validation curve of degree-8 features on the dam data", "λ", mlplot.Log, curves...); err == nil {
		p.Y.Label.Text = "J = 1/(2m)·‖Xθ − y‖²"
		p.Y.Min, p.Y.Max = 0, 60
		t.Plot("Validation curve", p)
	}
	v.check(t)
	callValidation(t, diabetes(), []float64{0, 0.1, 1, 10, 100, 1000}, tolErr).check(t)
}

// diagnose is the README's rule: the last point of the curves against the target.
func diagnose(train, val []float64, target float64) string {
	switch {
	case train[len(train)-1] > target:
		return highBias
	case val[len(val)-1] > target:
		return highVariance
	}
	return neither
}

// diagnoseFirst is the rule read at the first point of the curves.
func diagnoseFirst(train, val []float64, target float64) string {
	return diagnose(train[:1], val[:1], target)
}

// diagnoseValFirst is the rule with the validation error tested first.
func diagnoseValFirst(train, val []float64, target float64) string {
	switch {
	case val[len(val)-1] > target:
		return highVariance
	case train[len(train)-1] > target:
		return highBias
	}
	return neither
}

// diagnosis is one call of Diagnose.
type diagnosis struct {
	what       string
	train, val []float64
	target     float64
}

// checkDiagnoses calls Diagnose on each case, names the mistaken rules that give all of the
// learner's answers, and compares each answer with the rule's.
func checkDiagnoses(t *grader.T, cases []diagnosis) {
	got := make([]string, len(cases))
	var want, first, valFirst []string
	for i, c := range cases {
		got[i] = t.Call("Diagnose", c.train, c.val, c.target).Text()
		want = append(want, diagnose(c.train, c.val, c.target))
		first = append(first, diagnoseFirst(c.train, c.val, c.target))
		valFirst = append(valFirst, diagnoseValFirst(c.train, c.val, c.target))
	}
	if !slices.Equal(got, want) {
		t.Mistake(slices.Equal(got, first), diagnoseFirstSize,
			fmt.Sprintf("your answers %q are the rule read at the first point of each curve; at the last point it gives %q", got, want))
		t.Mistake(slices.Equal(got, valFirst), varianceCheckedFirst,
			fmt.Sprintf("your answers %q are what testing the validation error before the training error gives; the rule gives %q", got, want))
	}
	for i, c := range cases {
		t.Label(fmt.Sprintf("the diagnosis of %s with target %s (last point: J_train = %s, J_val = %s)", c.what, grader.Num(c.target), grader.Num(c.train[len(c.train)-1]), grader.Num(c.val[len(c.val)-1])))
		t.Equal(got[i], want[i])
	}
}

// diabetesTarget is the target error of the diabetes diagnosis: J = 1000, an RMSE of about 45
// on a target whose standard deviation is 77.
const diabetesTarget = 1000.0

func diagnoseKnown(t *grader.T) {
	known := []struct {
		d      split
		lambda float64
		sizes  []int
		target float64
		want   string
	}{
		{visibleDam(1), 0, seq(2, 12), damTarget, highBias},
		{visibleDam(8), 0, seq(9, 12), damTarget, highVariance},
		{visibleDam(8), 1, seq(1, 12), damTarget, neither},
		{diabetes(), diabetesLambda, diabetesSizes, diabetesTarget, highBias},
	}
	var cases []diagnosis
	for _, k := range known {
		tr, va := refLearning(t, k.d, k.lambda, k.sizes)
		if diagnose(tr, va, k.target) != k.want {
			t.Fatalf("internal: the learning curve of %s at λ = %v is not %s", k.d.what, k.lambda, k.want)
		}
		cases = append(cases, diagnosis{fmt.Sprintf("the learning curve of %s, λ = %s", k.d.what, grader.Num(k.lambda)), tr, va, k.target})
	}
	checkDiagnoses(t, cases)
}

func diagnoseBoundaries(t *grader.T) {
	// Target 2.5: errors equal to it are good enough (not above it); the first points are those
	// of a fit on a few rows (training error 0, validation error 40), and the last case has a
	// validation error below its training error, which happens on small validation sets.
	c := func(what string, train, val []float64) diagnosis { return diagnosis{what, train, val, 2.5} }
	checkDiagnoses(t, []diagnosis{
		c("trainErr [0 1 2.5], valErr [40 9 2.5]", []float64{0, 1, 2.5}, []float64{40, 9, 2.5}),
		c("trainErr [0 1 2.5], valErr [40 9 2.75]", []float64{0, 1, 2.5}, []float64{40, 9, 2.75}),
		c("trainErr [0 1 2.75], valErr [40 9 2.75]", []float64{0, 1, 2.75}, []float64{40, 9, 2.75}),
		c("trainErr [3 2.6 2.75], valErr [2 2.5 2.5]", []float64{3, 2.6, 2.75}, []float64{2, 2.5, 2.5}),
		c("trainErr [1], valErr [2]", []float64{1}, []float64{2}),
	})
}

// notMutated passes sizes, λs and curves in no particular order, so that sorting them in place
// shows.
func notMutated(t *grader.T) {
	d := visibleDam(3)
	t.NotMutated("LearningCurve", d.Xtr, d.ytr, d.Xval, d.yval, 0.5, []int{12, 3, 7})
	t.NotMutated("ValidationCurve", d.Xtr, d.ytr, d.Xval, d.yval, []float64{1, 0.01, 10})
	t.NotMutated("Diagnose", []float64{0, 3, 2}, []float64{9, 1, 4}, 2.5)
}
