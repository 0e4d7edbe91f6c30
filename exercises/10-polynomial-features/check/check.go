// Package check grades exercise 10, polynomial-features: the expansion x → (x, x², …, x^d), its
// standardisation after the expansion with training statistics only, and the overfitting
// experiment (training and validation RMSE for each degree) on Bishop's sin(2πx) example.
//
// Expected values come from mlkit: preprocess.PolynomialFeatures and preprocess.StandardScaler
// (scikit-learn's PolynomialFeatures and StandardScaler), linear.Regression for the fits and
// metrics.RMSE. The mistakes are recognised from the learner's matrices (a ones column, the
// wrong powers, powers of a standardised x, test rows scaled with their own statistics or with
// those of all rows, the sample σ, NaN in a constant column), from the error curves (a fit
// without the ones column, errors not square-rooted) and by a probe of the inputs.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/exercises/internal/sincurve"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/metrics"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "polynomial-features",
		Title: "Polynomial features and overfitting: fitting sin(2πx) with degrees 1 to 9",
		Dir:   "exercises/10-polynomial-features",
		Functions: []grader.Func{
			{Name: "PolyFeatures", Signature: "func(x []float64, degree int) *mat.Dense"},
			{Name: "ScaledPolyFeatures", Signature: "func(xTrain, xTest []float64, degree int) (train, test *mat.Dense)"},
			{Name: "RMSEByDegree", Signature: "func(xTrain, yTrain, xVal, yVal []float64, maxDegree int) (trainRMSE, valRMSE []float64)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/preprocess/...",
			"gonum.org/v1/gonum/stat/...",
			"gonum.org/v1/gonum/optimize/...",
		},
		Checks: append([]grader.Check{
			{Name: "PolyFeatures of a small example: the powers 1 to d, no ones column", Points: 1, Run: polySmall},
			{Name: "PolyFeatures at degree 9 on the training inputs", Points: 1, Run: polyDegree9},
			{Name: "ScaledPolyFeatures expands first, then scales with the training statistics", Points: 2, Run: scaled},
			{Name: "RMSEByDegree on 10 training points: degrees 1 to 9", Points: 2, Run: rmseSmall},
			{Name: "Overfitting: degree 9 goes through the 10 training points and misses the curve", Points: 1, Run: overfitting},
			{Name: "With 100 training points, degree 9 no longer overfits", Points: 1, Run: rmseLarge},
			{Name: "Edge cases: a constant column (σ = 0), one training row, maxDegree = 1", Points: 1, Run: edgeCases},
			{Name: "PolyFeatures, ScaledPolyFeatures and RMSEByDegree leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"PolyFeatures has one column per power, from x¹ to x^degree (degree columns, no ones). ScaledPolyFeatures expands first and then standardises each column with the mean and population σ of the training rows. RMSEByDegree loops over d = 1 … maxDegree.",
			"Scaling x first and then raising it to the 9th power gives columns that are far from standardised (and different from the reference's). Compute μⱼ and σⱼ of each expanded training column, and apply the same μⱼ, σⱼ to the test rows. For the fit, put a column of ones in front of the scaled features and solve the least-squares problem with theta.SolveVec(A, y).",
			"for d := 1; d <= maxDegree; d++ { Ztr, Zval := ScaledPolyFeatures(xTrain, xVal, d); Atr, Aval := [1 Ztr], [1 Zval]; var theta mat.VecDense; theta.SolveVec(Atr, yTrain as a VecDense); trainRMSE = append(trainRMSE, √(mean((Atr·θ − yTrain)²))); valRMSE likewise with Aval, yVal }.",
		},
		Mistakes: []grader.Mistake{
			{ID: biasTwice, Hint: "PolyFeatures and ScaledPolyFeatures return the powers x¹ … x^d only, with no column of ones: the model adds the ones column once, in front of the scaled features. A second constant column makes the least-squares problem singular (and a standardised ones column is all zeros)."},
			{ID: degreeOffByOne, Hint: "The columns are x¹, x², …, x^d: d columns, from x itself up to and including x^d, so the column with index j (from 0) holds x^(j+1). No x⁰ column, and no x^(d+1)."},
			{ID: expandedAfterScaling, Hint: "Your columns are powers of a standardised x: expanding after scaling gives columns far from mean 0 and σ 1 (zʲ of a standardised z grows fast with j). Expand first (x, x², …, x^d), then standardise each expanded column with its own training mean and σ."},
			{ID: scaledWithTestStatistics, Hint: "Your test features are standardised with the test rows' own mean and σ: that uses the test set to build the model (leakage), and gives the same x different features in the two sets. Compute μⱼ and σⱼ on the training rows only and apply them, unchanged, to the test rows."},
			{ID: fitOnAllData, Hint: "Your μⱼ and σⱼ come from the training and test rows together: the test rows then shape the features the model is trained on (leakage). Compute them on the training rows only and apply them, unchanged, to both sets."},
			{ID: sampleStd, Hint: "Your σⱼ divides by m − 1 (the sample standard deviation, like gonum's stat.StdDev); the course uses the population form, dividing by m: σⱼ = √(1/m · Σᵢ (xᵢʲ − μⱼ)²)."},
			{ID: constantColumnNaN, Hint: "A training column whose values are all equal (x² when every x is ±1, or any column when there is one training row) has σⱼ = 0, and dividing by it gives NaN or ±Inf. Read σⱼ = 0 as 1, so that the column becomes xʲ − μⱼ: 0 on the training rows."},
			{ID: biasMissing, Hint: "Your errors are those of a fit without an intercept: put a column of ones in front of the scaled features, [1 Z], and fit θ = (θ₀, θ₁, …, θ_d). The scaled columns all have mean 0 on the training rows, so without θ₀ the fit cannot follow the mean of y."},
			{ID: rmseNoSqrt, Hint: "Your errors are the squares of the RMSE: the root mean squared error is the square root of the mean of the squared residuals, √(1/m · Σᵢ (ŷᵢ − yᵢ)²)."},
		},
	}
}

// The mistakes the checks recognise.
const (
	biasTwice                = "bias-twice"
	degreeOffByOne           = "degree-off-by-one"
	expandedAfterScaling     = "expanded-after-scaling"
	scaledWithTestStatistics = "scaled-with-test-statistics"
	fitOnAllData             = "fit-on-all-data"
	sampleStd                = "sample-std"
	constantColumnNaN        = "constant-column-nan"
	biasMissing              = "bias-missing"
	rmseNoSqrt               = "rmse-no-sqrt"
)

var (
	// tolFeatures is for powers and standardised powers of inputs in [−2, 2]: a few roundings
	// of values below 2⁹.
	tolFeatures = grader.Rel(1e-10).PlusAbs(1e-12)
	// tolRMSE is for the errors of least-squares fits of standardised polynomial features:
	// cond([1 Z]) grows to about 1e7 at degree 9 on [0, 1], so a QR fit and the reference's
	// (QR or SVD) may differ in the 9th digit; a fit through an explicit inverse would not.
	tolRMSE = grader.Rel(1e-6).PlusAbs(1e-9)
)

// visible returns the visible experiment: 10 evenly spaced training points and 100 random
// validation points, noise σ = 0.3.
func visible() (xTr, yTr, xVal, yVal []float64) {
	rng := rand.New(rand.NewPCG(2036, 10)) // a sample where degree 9 overfits as in Bishop's Fig. 1.4
	xTr, yTr = sincurve.Sample(rng, 10, true, 0.3)
	xVal, yVal = sincurve.Sample(rng, 100, false, 0.3)
	return xTr, yTr, xVal, yVal
}

func column(x []float64) *mat.Dense { return mat.NewDense(len(x), 1, append([]float64(nil), x...)) }

// refPoly returns the powers 1 … degree of x.
func refPoly(x []float64, degree int) *mat.Dense {
	return preprocess.PolynomialFeatures{Degree: degree}.Transform(nil, column(x))
}

// refScaled returns the reference features: expand, then scale with the training statistics.
func refScaled(xTr, xTe []float64, degree int) (train, test *mat.Dense) {
	var s preprocess.StandardScaler
	train = s.FitTransform(nil, refPoly(xTr, degree))
	return train, s.Transform(nil, refPoly(xTe, degree))
}

// standardise returns x standardised with its own mean and population σ.
func standardise(x []float64) []float64 {
	var s preprocess.StandardScaler
	return mat.Col(nil, 0, s.FitTransform(nil, column(x)))
}

// refFit fits least squares with an intercept on (Z, y).
func refFit(t *grader.T, Z *mat.Dense, y []float64) *linear.Regression {
	var r linear.Regression
	if err := r.Fit(Z, y); err != nil {
		t.Fatalf("internal: the reference fit failed: %v", err)
	}
	return &r
}

// refRMSE returns the reference's training and validation RMSE for degrees 1 … maxDegree.
func refRMSE(t *grader.T, xTr, yTr, xVal, yVal []float64, maxDegree int) (train, val []float64) {
	for d := 1; d <= maxDegree; d++ {
		Ztr, Zval := refScaled(xTr, xVal, d)
		r := refFit(t, Ztr, yTr)
		train = append(train, metrics.RMSE(yTr, r.Predict(nil, Ztr)))
		val = append(val, metrics.RMSE(yVal, r.Predict(nil, Zval)))
	}
	return train, val
}

// withOnes returns [1 X].
func withOnes(X *mat.Dense) *mat.Dense {
	return preprocess.AddBias(nil, X)
}

// checkPoly compares PolyFeatures(x, degree) with the reference and names the shape mistakes.
func checkPoly(t *grader.T, x []float64, degree int, what string) {
	got := t.Call("PolyFeatures", x, degree).Dense()
	want := refPoly(x, degree)
	if got != nil {
		r, c := got.Dims()
		t.Mistake(r == len(x) && c == degree+1 && grader.NearMatrix(got, withOnes(want), tolFeatures), biasTwice,
			fmt.Sprintf("your matrix has %d columns, x⁰ = 1 and then x¹ … x^%d, for degree %d", c, degree, degree))
		if degree > 1 {
			lower := refPoly(x, degree-1)
			t.Mistake(r == len(x) && c == degree && grader.NearMatrix(got, withOnes(lower), tolFeatures), degreeOffByOne,
				fmt.Sprintf("your columns are the powers 0 to %d (a ones column first), not 1 to %d", degree-1, degree))
			t.Mistake(r == len(x) && c == degree-1 && grader.NearMatrix(got, lower, tolFeatures), degreeOffByOne,
				fmt.Sprintf("your highest power is x^%d, for degree %d", degree-1, degree))
		}
		t.Mistake(r == len(x) && c == degree+1 && grader.NearMatrix(got.Slice(0, r, 0, degree), want, tolFeatures), degreeOffByOne,
			fmt.Sprintf("your matrix has a column too many, x^%d, for degree %d", degree+1, degree))
	}
	t.Label(fmt.Sprintf("PolyFeatures(%s, %d)", what, degree))
	t.CloseMatrix(got, want, tolFeatures)
}

func polySmall(t *grader.T) {
	// By hand: 2 → 2, 4, 8; −1 → −1, 1, −1; 0.5 → 0.5, 0.25, 0.125.
	checkPoly(t, []float64{2, -1, 0.5}, 3, "[2 −1 0.5]")
}

func polyDegree9(t *grader.T) {
	xTr, _, _, _ := visible()
	checkPoly(t, xTr, 9, "the 10 training x")
}

// scaleWith returns P with column j standardised as (P[i, j] − mean[j])/scale[j].
func scaleWith(P *mat.Dense, mean, scale []float64) *mat.Dense {
	r, c := P.Dims()
	Z := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			Z.Set(i, j, (P.At(i, j)-mean[j])/scale[j])
		}
	}
	return Z
}

// constantColumns reports which columns of the training expansion P are constant (σ = 0).
func constantColumns(P *mat.Dense) []bool {
	var s preprocess.StandardScaler
	s.Fit(P)
	out := make([]bool, len(s.Var))
	for j, v := range s.Var {
		out[j] = v == 0
	}
	return out
}

// checkScaled compares ScaledPolyFeatures with the reference and names its mistakes.
func checkScaled(t *grader.T, xTr, xTe []float64, degree int) {
	r := t.Call("ScaledPolyFeatures", xTr, xTe, degree)
	gotTr, gotTe := r.Dense(), r.Out(1).Dense()
	wantTr, wantTe := refScaled(xTr, xTe, degree)
	if gotTr != nil && gotTe != nil {
		rows, cols := gotTr.Dims()
		t.Mistake(rows == len(xTr) && cols == degree+1, biasTwice,
			fmt.Sprintf("ScaledPolyFeatures returned %d columns for degree %d", cols, degree))
		wrong := !grader.NearMatrix(gotTr, wantTr, tolFeatures) || !grader.NearMatrix(gotTe, wantTe, tolFeatures)
		Ptr, Pte := refPoly(xTr, degree), refPoly(xTe, degree)
		// A constant training column divided by σ = 0, the other columns right.
		constant := constantColumns(Ptr)
		for j, c := range constant {
			if r, c2 := gotTe.Dims(); !c || cols != degree || rows != len(xTr) || r != len(xTe) || c2 != degree {
				continue
			}
			v, ok := nonFinite(gotTr, gotTe, j)
			rest := true
			for k, ck := range constant {
				if !ck {
					rest = rest && grader.NearMatrix(gotTr.ColView(k), wantTr.ColView(k), tolFeatures) &&
						grader.NearMatrix(gotTe.ColView(k), wantTe.ColView(k), tolFeatures)
				}
			}
			t.Mistake(ok && rest, constantColumnNaN,
				fmt.Sprintf("the training column x^%d is constant (σ = 0), and your features in that column include %v", j+1, v))
		}
		// Powers of x scaled with the training statistics, or of each set scaled with its own.
		var s preprocess.StandardScaler
		s.Fit(column(xTr))
		zTe := mat.Col(nil, 0, s.Transform(nil, column(xTe)))
		zTr := standardise(xTr)
		before := grader.NearMatrix(gotTr, refPoly(zTr, degree), tolFeatures) &&
			(grader.NearMatrix(gotTe, refPoly(zTe, degree), tolFeatures) || grader.NearMatrix(gotTe, refPoly(standardise(xTe), degree), tolFeatures))
		zmax := 0.0
		for _, z := range zTr {
			zmax = max(zmax, math.Abs(z))
		}
		t.Mistake(wrong && before, expandedAfterScaling,
			fmt.Sprintf("your columns are powers of the standardised x: its largest |z| is %s, so z^%d reaches %s", grader.Num(zmax), degree, grader.Num(math.Pow(zmax, float64(degree)))))
		var own preprocess.StandardScaler
		t.Mistake(wrong && grader.NearMatrix(gotTr, wantTr, tolFeatures) && grader.NearMatrix(gotTe, own.FitTransform(nil, Pte), tolFeatures),
			scaledWithTestStatistics, "")
		var all preprocess.StandardScaler
		all.Fit(stack(Ptr, Pte))
		t.Mistake(wrong && grader.NearMatrix(gotTr, all.Transform(nil, Ptr), tolFeatures) && grader.NearMatrix(gotTe, all.Transform(nil, Pte), tolFeatures),
			fitOnAllData, fmt.Sprintf("your features are standardised with the mean and σ of all %d rows, training and test", len(xTr)+len(xTe)))
		if m := len(xTr); m > 1 {
			var tr preprocess.StandardScaler
			tr.Fit(Ptr)
			sample := slices.Clone(tr.Scale)
			for j := range sample {
				if !constant[j] {
					sample[j] *= math.Sqrt(float64(m) / float64(m-1))
				}
			}
			t.Mistake(wrong && grader.NearMatrix(gotTr, scaleWith(Ptr, tr.Mean, sample), tolFeatures) && grader.NearMatrix(gotTe, scaleWith(Pte, tr.Mean, sample), tolFeatures),
				sampleStd, fmt.Sprintf("your training columns have σ = √((m − 1)/m) = %s, not 1 (m = %d)", grader.Num(math.Sqrt(float64(m-1)/float64(m))), m))
		}
	}
	t.Label(fmt.Sprintf("the training features ScaledPolyFeatures(…, %d) returned", degree))
	t.CloseMatrix(gotTr, wantTr, tolFeatures)
	t.Label(fmt.Sprintf("the test features ScaledPolyFeatures(…, %d) returned", degree))
	t.CloseMatrix(gotTe, wantTe, tolFeatures)
}

// nonFinite returns the first NaN or ±Inf in column j of A or B.
func nonFinite(A, B *mat.Dense, j int) (float64, bool) {
	for _, M := range []*mat.Dense{A, B} {
		for _, v := range mat.Col(nil, j, M) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return v, true
			}
		}
	}
	return 0, false
}

// stack returns the rows of A followed by the rows of B.
func stack(A, B *mat.Dense) *mat.Dense {
	var S mat.Dense
	S.Stack(A, B)
	return &S
}

func scaled(t *grader.T) {
	xTr, _, xVal, _ := visible()
	checkScaled(t, xTr, xVal, 9)
	checkScaled(t, []float64{-2, -0.5, 0, 1, 1.5, 2}, []float64{-1, 3, 0.25}, 3)
}

// refRMSENoBias returns the training and validation RMSE of fits without an intercept, on the
// scaled features alone.
func refRMSENoBias(xTr, yTr, xVal, yVal []float64, maxDegree int) (train, val []float64) {
	for d := 1; d <= maxDegree; d++ {
		Ztr, Zval := refScaled(xTr, xVal, d)
		r := linear.Regression{NoIntercept: true}
		if r.Fit(Ztr, yTr) != nil {
			return nil, nil
		}
		train = append(train, metrics.RMSE(yTr, r.Predict(nil, Ztr)))
		val = append(val, metrics.RMSE(yVal, r.Predict(nil, Zval)))
	}
	return train, val
}

func squares(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v * v
	}
	return out
}

// checkRMSE calls RMSEByDegree and compares both curves with the reference; it returns the
// learner's curves.
func checkRMSE(t *grader.T, xTr, yTr, xVal, yVal []float64, maxDegree int, what string) (gotTr, gotVal, wantTr, wantVal []float64) {
	r := t.Call("RMSEByDegree", xTr, yTr, xVal, yVal, maxDegree)
	gotTr, gotVal = r.Floats(), r.Out(1).Floats()
	wantTr, wantVal = refRMSE(t, xTr, yTr, xVal, yVal, maxDegree)
	if !grader.NearSlice(gotTr, wantTr, tolRMSE) || !grader.NearSlice(gotVal, wantVal, tolRMSE) {
		t.Mistake(grader.NearSlice(gotTr, squares(wantTr), tolRMSE) && grader.NearSlice(gotVal, squares(wantVal), tolRMSE), rmseNoSqrt,
			fmt.Sprintf("your training error at degree 1 is %s = %s², the square of the RMSE", grader.Num(gotTr[0]), grader.Num(wantTr[0])))
		noTr, noVal := refRMSENoBias(xTr, yTr, xVal, yVal, maxDegree)
		t.Mistake(noTr != nil && grader.NearSlice(gotTr, noTr, tolRMSE) && grader.NearSlice(gotVal, noVal, tolRMSE), biasMissing,
			fmt.Sprintf("your training RMSE at degree %d is %s, the error of a fit without θ₀; with it the error is %s", maxDegree, grader.Num(gotTr[maxDegree-1]), grader.Num(wantTr[maxDegree-1])))
		// Right at the low degrees and off at the high ones, where [1 Z] is ill-conditioned.
		k := 0
		for k < min(len(gotTr), len(gotVal), maxDegree) && grader.Near(gotTr[k], wantTr[k], tolRMSE) && grader.Near(gotVal[k], wantVal[k], tolRMSE) {
			k++
		}
		if k >= 3 && k < maxDegree && len(gotTr) == maxDegree && len(gotVal) == maxDegree {
			t.Logf("your errors match the reference up to degree %d and differ from degree %d up, where the columns of [1 Z] are nearly collinear (its condition number grows to about 1e7 at degree 9): a solve through AᵀA (the normal equations or an inverse) squares that and loses the digits. Solve [1 Z]θ ≈ y by least squares with QR, theta.SolveVec(A, y)", k, k+1)
		}
	}
	t.Label(fmt.Sprintf("the training RMSE for degrees 1 … %d on %s", maxDegree, what))
	t.CloseSlice(gotTr, wantTr, tolRMSE)
	t.Label(fmt.Sprintf("the validation RMSE for degrees 1 … %d on %s", maxDegree, what))
	t.CloseSlice(gotVal, wantVal, tolRMSE)
	return gotTr, gotVal, wantTr, wantVal
}

func rmseSmall(t *grader.T) {
	xTr, yTr, xVal, yVal := visible()
	gotTr, gotVal, wantTr, wantVal := checkRMSE(t, xTr, yTr, xVal, yVal, 9, "10 training and 100 validation points")
	plotCurves(t, gotTr, gotVal, wantTr, wantVal)
	plotFits(t, xTr, yTr)
}

// degrees returns 1 … n.
func degrees(n int) []float64 {
	d := make([]float64, n)
	for i := range d {
		d[i] = float64(i + 1)
	}
	return d
}

// plotCurves draws the learner's RMSE curves (dashed) beside the reference's (solid).
func plotCurves(t *grader.T, gotTr, gotVal, wantTr, wantVal []float64) {
	curves := []mlplot.ErrorCurve{{Name: "reference", X: degrees(len(wantTr)), Train: wantTr, Validation: wantVal}}
	if len(gotTr) == len(wantTr) && len(gotVal) == len(wantVal) {
		curves = append(curves, mlplot.ErrorCurve{Name: "yours", X: degrees(len(gotTr)), Train: gotTr, Validation: gotVal, Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	p, err := mlplot.ValidationCurve("RMSE by polynomial degree (10 training points)", "degree", mlplot.Linear, curves...)
	if err == nil {
		p.Y.Label.Text = "RMSE"
		t.Plot("Training and validation RMSE by degree", p)
	}
}

// plotFits draws the fits of degrees 1, 3 and 9 on the learner's features (dashed) and on the
// reference's (solid), over the training points and the true curve.
func plotFits(t *grader.T, xTr, yTr []float64) {
	grid := sincurve.Grid()
	var curves []mlplot.Curve
	colors := []int{1, 2, 4} // orange, green, pink
	for k, d := range []int{1, 3, 9} {
		Ztr, Zg := refScaled(xTr, grid, d)
		want := refFit(t, Ztr, yTr).Predict(nil, Zg)
		curves = append(curves, mlplot.Curve{Name: fmt.Sprintf("degree %d", d), F: sincurve.Interp(grid, want), Style: mlplot.Style{Color: mlplot.PaletteColor(colors[k])}})
		r := t.Call("ScaledPolyFeatures", xTr, grid, d)
		gTr, gG := r.Dense(), r.Out(1).Dense()
		if gTr == nil || gG == nil {
			continue
		}
		if rows, cols := gTr.Dims(); rows != len(xTr) || cols != d {
			continue
		}
		var fit linear.Regression
		if fit.Fit(gTr, yTr) != nil {
			continue
		}
		curves = append(curves, mlplot.Curve{Name: fmt.Sprintf("degree %d, your features", d), F: sincurve.Interp(grid, fit.Predict(nil, gG)), Style: mlplot.Style{Color: mlplot.PaletteColor(colors[k]), Dash: mlplot.Dashed}})
	}
	if p, err := sincurve.Fits("Least-squares fits to 10 noisy points of sin(2πx)", xTr, yTr, curves...); err == nil {
		t.Plot("Fits of degree 1, 3 and 9", p)
	}
}

func overfitting(t *grader.T) {
	xTr, yTr, xVal, yVal := visible()
	r := t.Call("RMSEByDegree", xTr, yTr, xVal, yVal, 9)
	tr, val := r.Floats(), r.Out(1).Floats()
	if !t.True(len(tr) == 9 && len(val) == 9, "RMSEByDegree(…, 9) returned %d training and %d validation errors, want 9 of each (index d−1 for degree d)", len(tr), len(val)) {
		return
	}
	for d := 1; d < 9; d++ {
		t.True(tr[d] <= tr[d-1]*(1+1e-9)+1e-12, "the training RMSE rose from %.4g at degree %d to %.4g at degree %d: a higher degree can always fit at least as well (rel. tol 1e-9)", tr[d-1], d, tr[d], d+1)
	}
	t.True(tr[8] <= 1e-6, "the training RMSE at degree 9 is %.3g, want ≤ 1e-6 (abs. tol): 10 parameters fit 10 points exactly", tr[8])
	t.True(val[8] >= 2*val[2], "the validation RMSE at degree 9 is %.3g, want at least twice degree 3's (%.3g): the degree-9 fit follows the noise, not the curve", val[8], val[2])
	t.Logf("degree 3: training RMSE %.3f, validation %.3f; degree 9: training %.2g, validation %.3f", tr[2], val[2], tr[8], val[8])
}

func rmseLarge(t *grader.T) {
	rng := rand.New(rand.NewPCG(2026, 100))
	xTr, yTr := sincurve.Sample(rng, 100, false, 0.3)
	xVal, yVal := sincurve.Sample(rng, 100, false, 0.3)
	_, gotVal, _, _ := checkRMSE(t, xTr, yTr, xVal, yVal, 9, "100 training and 100 validation points")
	if len(gotVal) == 9 {
		t.True(gotVal[8] < 0.4, "the validation RMSE at degree 9 with 100 training points is %.3g, want < 0.4 (the noise alone gives 0.3): more data tames a flexible model", gotVal[8])
	}
}

// edgeCases checks the cases the formulas leave implicit: a constant training column (σ = 0,
// read as 1), a single training row (every column constant) and maxDegree = 1 (a straight line).
func edgeCases(t *grader.T) {
	// x = ±1 makes x² and x⁴ constant on the training rows.
	checkScaled(t, []float64{-1, 1, 1, -1, 1}, []float64{0.5, 2, -1}, 4)
	checkScaled(t, []float64{0.7}, []float64{0.2, 1.5}, 3)
	xTr, yTr, xVal, yVal := visible()
	checkRMSE(t, xTr, yTr, xVal, yVal, 1, "10 training and 100 validation points")
}

// notMutated passes inputs in no particular order, so that sorting one in place shows.
func notMutated(t *grader.T) {
	_, _, xVal, yVal := visible()
	xTr, yTr := xVal[:20], yVal[:20]
	xTe, yTe := xVal[20:], yVal[20:]
	t.NotMutated("PolyFeatures", xTr, 4)
	t.NotMutated("ScaledPolyFeatures", xTr, xTe, 4)
	t.NotMutated("RMSEByDegree", xTr, yTr, xTe, yTe, 4)
}
