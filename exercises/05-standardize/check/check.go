// Package check grades exercise 05, standardize: a scaler fitted on training rows and applied to
// any rows, its inverse, and the preparation of training and test design matrices.
//
// Expected values come from mlkit/preprocess.StandardScaler fitted on the same rows (population
// σ, a constant column left at 0). The mistakes are recognised by computing what each would
// give on the same input: the scaler refitted on the test rows or on all rows (leakage), the
// sample σ, NaN on a constant column, and the bias column scaled with the features.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "standardize",
		Title: "Standardize: fit a scaler on training rows, transform any rows",
		Dir:   "exercises/05-standardize",
		Functions: []grader.Func{
			{Name: "FitScaler", Signature: "func(X *mat.Dense) *Scaler"},
			{Name: "Prepare", Signature: "func(Xtrain, Xtest *mat.Dense) (train, test *mat.Dense)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/preprocess/...",
			"gonum.org/v1/gonum/stat/...",
		},
		Checks: append([]grader.Check{
			{Name: "FitScaler learns each column's mean and population σ (wine training rows)", Points: 2, Run: fitStats},
			{Name: "Transformed training columns have mean 0 and σ 1", Points: 1, Run: transformTrain},
			{Name: "The test rows are transformed with the training mean and σ", Points: 2, Run: transformTest},
			{Name: "A constant column maps to 0, not NaN", Points: 1, Run: constantColumn},
			{Name: "Large values close together (1e6 ± 1): σ without cancellation", Points: 1, Run: largeOffset},
			{Name: "InverseTransform undoes Transform", Points: 1, Run: inverse},
			{Name: "Prepare: a column of ones, then the features scaled with training statistics", Points: 2, Run: prepare},
			{Name: "FitScaler and Prepare leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Fit learns, Transform applies. FitScaler is the only place that looks at the data's statistics; Transform must use the Mean and Std stored in the Scaler, whatever rows it is given, so the test rows are scaled with the training rows' μ and σ.",
			"For column j: μⱼ = Σᵢ xᵢⱼ / m and σⱼ = √(Σᵢ (xᵢⱼ − μⱼ)² / m) — divide by m, not m − 1. If all values of the column are equal, set σⱼ = 0 and divide by 1 in Transform, so the column becomes 0 instead of NaN.",
			"Transform: Z := mat.NewDense(m, n, nil); Z.Set(i, j, (X.At(i, j)-s.Mean[j])/scale) with scale = s.Std[j], or 1 when it is 0. InverseTransform: z·scale + μ. Prepare: s := FitScaler(Xtrain), then put the ones column in front of s.Transform(Xtrain) and s.Transform(Xtest) — after scaling, never before.",
		},
	}
}

// fitted is the check's copy of the learner's Scaler.
type fitted struct{ Mean, Std []float64 }

var (
	tolStat = grader.Rel(1e-9).PlusAbs(1e-12)
	tolZ    = grader.Rel(1e-9).PlusAbs(1e-9)
)

// wine returns the wine features split 75/25 by a fixed seed: the visible fixture.
func wine() (Xtrain, Xtest *mat.Dense, names []string) {
	d := datasets.Wine()
	s, err := data.TrainTestSplit(d.NumSamples(), data.SplitOptions{TestFraction: 0.25, Seed: 4})
	if err != nil {
		panic(err) // a fixed, valid fixture
	}
	return data.TakeRows(d.X, s.Train), data.TakeRows(d.X, s.Test), d.FeatureNames
}

// reference returns mlkit's scaler fitted on X.
func reference(X mat.Matrix) *preprocess.StandardScaler {
	var s preprocess.StandardScaler
	s.Fit(X)
	return &s
}

// refStd returns the population σ of each column (0 for a constant one).
func refStd(s *preprocess.StandardScaler) []float64 {
	std := make([]float64, len(s.Var))
	for j, v := range s.Var {
		std[j] = math.Sqrt(v)
	}
	return std
}

// sampleRef returns the scaler the n−1 mistake fits on X: the sample σ of each non-constant
// column.
func sampleRef(X mat.Matrix) *preprocess.StandardScaler {
	m, _ := X.Dims()
	s := reference(X)
	for j, v := range s.Var {
		if v > 0 {
			s.Scale[j] = math.Sqrt(v * float64(m) / float64(m-1))
		}
	}
	return s
}

// sampleStd returns what the n−1 mistake gives for σ: σ·√(m/(m−1)).
func sampleStd(std []float64, m int) []float64 {
	out := make([]float64, len(std))
	for j, s := range std {
		out[j] = s * math.Sqrt(float64(m)/float64(m-1))
	}
	return out
}

const (
	hintSampleStd = "your σ is √(m/(m−1)) times the population σ: you divided by m − 1 (as gonum's stat.StdDev does); this course uses the population σ, Σ(x − μ)² / m"
	hintFitOnTest = "your transformed test rows have mean exactly 0 in every column: Transform recomputed μ and σ from the rows it was given. Fit on the training rows only and reuse their μ and σ for the test rows — otherwise the test set leaks into the preprocessing"
)

func checkFit(t *grader.T, X *mat.Dense, what string) *grader.Result {
	m, _ := X.Dims()
	sc := t.Call("FitScaler", X)
	var got fitted
	sc.Decode(&got)
	ref := reference(X)
	t.Label("Mean of " + what)
	if !t.CloseSlice(got.Mean, ref.Mean, tolStat) {
		t.Fatalf("the means are wrong; σ is not checked until they are right")
	}
	want := refStd(ref)
	t.Mistake(grader.NearSlice(got.Std, sampleStd(want, m), tolStat) && !grader.NearSlice(got.Std, want, tolStat), "sample-std", hintSampleStd)
	t.Label("Std of " + what)
	t.CloseSlice(got.Std, want, tolStat)
	return sc
}

func fitStats(t *grader.T) {
	Xtr, _, _ := wine()
	checkFit(t, Xtr, "the wine training rows")
}

func transformTrain(t *grader.T) {
	Xtr, _, _ := wine()
	m, n := Xtr.Dims()
	sc := t.Call("FitScaler", Xtr)
	got := dense(t, sc.Method("Transform", Xtr), "Transform", m, n)
	ref := reference(Xtr)
	want := ref.Transform(nil, Xtr)
	t.Mistake(grader.NearMatrix(got, sampleRef(Xtr).Transform(nil, Xtr), tolZ), "sample-std",
		"your standardised columns have σ = √((m−1)/m), not 1: "+hintSampleStd)
	t.Label("Transform of the wine training rows")
	t.CloseMatrix(got, want, tolZ)
}

func transformTest(t *grader.T) {
	Xtr, Xte, names := wine()
	sc := t.Call("FitScaler", Xtr)
	got := dense(t, sc.Method("Transform", Xte), "Transform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	want := reference(Xtr).Transform(nil, Xte)
	leaked := reference(Xte).Transform(nil, Xte)
	plotTest(t, got, want, names)
	t.Mistake(grader.NearMatrix(got, leaked, tolZ), "fit-on-test", hintFitOnTest)
	t.Mistake(grader.NearMatrix(got, sampleRef(Xtr).Transform(nil, Xte), tolZ), "sample-std", hintSampleStd)
	t.Label("Transform of the wine test rows, with the training μ and σ")
	t.CloseMatrix(got, want, tolZ)
}

// plotTest draws the learner's standardised test rows beside the reference's, alcohol against
// proline (the feature with the largest raw scale), and the test column means.
func plotTest(t *grader.T, got, want *mat.Dense, names []string) {
	m, n := want.Dims()
	if r, c := got.Dims(); r != m || c != n {
		return
	}
	col := func(A *mat.Dense, j int) []float64 { return mat.Col(nil, j, A) }
	p, err := mlplot.Scatter("Standardised wine test rows: proline against alcohol", []mlplot.Points{
		{Name: "yours", X: col(got, 0), Y: col(got, n-1)},
		{Name: "reference (train μ, σ)", X: col(want, 0), Y: col(want, n-1)},
	})
	if err == nil {
		p.X.Label.Text = "alcohol, standardised"
		p.Y.Label.Text = "proline, standardised"
		t.Plot("Standardised test rows", p)
	}
	idx := make([]float64, n)
	gm, wm := make([]float64, n), make([]float64, n)
	for j := range n {
		idx[j] = float64(j)
		gm[j] = stat.Mean(col(got, j), nil)
		wm[j] = stat.Mean(col(want, j), nil)
	}
	q, err := mlplot.LossCurves("Mean of each standardised test column (0 only on training rows)", mlplot.Linear,
		mlplot.Line{Name: "reference", X: idx, Y: wm},
		mlplot.Line{Name: "yours", X: idx, Y: gm, Style: mlplot.Style{Dash: mlplot.Dashed}})
	if err == nil {
		q.X.Label.Text = fmt.Sprintf("feature (0 = %s … %d = %s)", names[0], n-1, names[n-1])
		q.Y.Label.Text = "mean over the test rows"
		t.Plot("Test column means", q)
	}
}

// withConstants returns a small matrix whose columns 1 and 3 are constant (5, exactly
// representable, and 0.1, whose computed mean is not exactly 0.1).
func withConstants() *mat.Dense {
	return mat.NewDense(5, 4, []float64{
		1, 5, 10, 0.1,
		2, 5, 20, 0.1,
		3, 5, 30, 0.1,
		4, 5, 40, 0.1,
		5, 5, 50, 0.1,
	})
}

func constantColumn(t *grader.T) {
	X := withConstants()
	sc := t.Call("FitScaler", X)
	Z := dense(t, sc.Method("Transform", X), "Transform", 5, 4)
	{
		_, n := Z.Dims()
		for j := range n {
			for _, v := range mat.Col(nil, j, Z) {
				t.Mistake(math.IsNaN(v) || math.IsInf(v, 0), "constant-column-nan", fmt.Sprintf(
					"column %d is constant (σ = 0) and your Transform gave %v: when σ is 0 divide by 1, so the column becomes 0", j, v))
			}
		}
	}
	t.Label("Transform of a matrix whose columns 1 (all 5) and 3 (all 0.1) are constant")
	if !t.CloseMatrix(Z, reference(X).Transform(nil, X), tolZ) && math.Abs(math.Abs(Z.At(0, 3))-1) < 1e-6 {
		t.Logf("column 3 (all 0.1) came out as ±1: the mean of five 0.1 is 0.10000000000000002, so your σ is a rounding error (about 1e-17), not 0. Decide that a column is constant by comparing its values, and then set σ = 0")
	}
}

// dense returns the matrix a call returned, ending the check if it is nil or not r×c.
func dense(t *grader.T, res *grader.Result, what string, r, c int) *mat.Dense {
	Z := res.Dense()
	if Z == nil || Z.IsEmpty() {
		t.Fatalf("%s returned a nil or empty matrix, want %d×%d", what, r, c)
	}
	if zr, zc := Z.Dims(); zr != r || zc != c {
		t.Fatalf("%s returned a %d×%d matrix, want %d×%d (one row per input row, one column per feature)", what, zr, zc, r, c)
	}
	return Z
}

// largeOffset fits columns of 3000 ± 0.1 and 1e6 ± 1, where the one-pass variance
// mean(x²) − μ² loses about 7 and 4 of its 16 digits to cancellation (relative error of the
// order (μ/σ)²·ε).
func largeOffset(t *grader.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	const m = 60
	X := mat.NewDense(m, 2, nil)
	for i := range m {
		X.Set(i, 0, 3000+0.1*rng.NormFloat64())
		X.Set(i, 1, 1e6+rng.NormFloat64())
	}
	var got fitted
	t.Call("FitScaler", X).Decode(&got)
	want := refStd(reference(X))
	t.Mistake(len(got.Std) == 2 && !grader.NearSlice(got.Std, want, tolStat) && grader.NearSlice(got.Std, want, grader.Rel(1e-2)), "one-pass-variance",
		"your σ has lost digits: mean(x²) − μ² subtracts two numbers near 1e12 to get about 1, so rounding errors of the big numbers swamp the result. Compute μ first, then Σ(x − μ)² / m")
	t.Label("Std of columns 3000 ± 0.1 and 1e6 ± 1")
	t.CloseSlice(got.Std, want, tolStat)
}

func inverse(t *grader.T) {
	Xtr, Xte, _ := wine()
	sc := t.Call("FitScaler", Xtr)
	Z := sc.Method("Transform", Xte)
	dense(t, Z, "Transform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	t.Mistake(grader.NearMatrix(Z.Dense(), reference(Xte).Transform(nil, Xte), tolZ), "fit-on-test", hintFitOnTest)
	back := dense(t, sc.Method("InverseTransform", Z), "InverseTransform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	t.Label("InverseTransform(Transform(wine test rows))")
	t.CloseMatrix(back, Xte, grader.Rel(1e-9).PlusAbs(1e-9))
	// And on values that did not come from Transform.
	zs := mat.NewDense(2, 13, nil)
	for j := range 13 {
		zs.Set(0, j, -1)
		zs.Set(1, j, 2.5)
	}
	got := dense(t, sc.Method("InverseTransform", zs), "InverseTransform", 2, 13)
	t.Label("InverseTransform of rows of −1 and 2.5 (μ − σ and μ + 2.5σ)")
	t.CloseMatrix(got, reference(Xtr).InverseTransform(nil, zs), grader.Rel(1e-9).PlusAbs(1e-9))
}

func prepare(t *grader.T) {
	Xtr, Xte, _ := wine()
	r := t.Call("Prepare", Xtr, Xte)
	checkPrepare(t, Xtr, Xte, r.Out(0).Dense(), r.Out(1).Dense())
}

// checkPrepare compares Prepare's results with the reference, naming the bias and leakage
// mistakes.
func checkPrepare(t *grader.T, Xtr, Xte, gotTr, gotTe *mat.Dense) {
	ref := reference(Xtr)
	wantTr := preprocess.AddBias(nil, ref.Transform(nil, Xtr))
	wantTe := preprocess.AddBias(nil, ref.Transform(nil, Xte))
	for _, c := range []struct {
		name      string
		got, want *mat.Dense
	}{{"train", gotTr, wantTr}, {"test", gotTe, wantTe}} {
		wr, wc := c.want.Dims()
		if c.got == nil {
			t.Fatalf("Prepare returned a nil %s matrix, want %d×%d", c.name, wr, wc)
		}
		if r, cc := c.got.Dims(); r != wr || cc != wc {
			t.Fatalf("Prepare's %s matrix is %d×%d, want %d×%d (a column of ones, then the %d features)", c.name, r, cc, wr, wc, wc-1)
		}
		col0 := mat.Col(nil, 0, c.got)
		allOnes := true
		for _, v := range col0 {
			allOnes = allOnes && v == 1
		}
		if !allOnes {
			zeroOrNaN := true
			for _, v := range col0 {
				zeroOrNaN = zeroOrNaN && (math.Abs(v) < 1e-12 || math.IsNaN(v))
			}
			t.Mistake(zeroOrNaN, "bias-column-scaled", fmt.Sprintf(
				"column 0 of your %s matrix is %v…, not 1: you scaled the column of ones with the features (its σ is 0, so it became 0 or NaN). Add the ones after scaling", c.name, col0[:min(3, len(col0))]))
			t.Fatalf("column 0 of Prepare's %s matrix must be all ones (the bias), got %v…", c.name, col0[:min(3, len(col0))])
		}
	}
	var all mat.Dense
	all.Stack(Xtr, Xte)
	refAll := reference(&all)
	t.Mistake(grader.NearMatrix(gotTe, preprocess.AddBias(nil, refAll.Transform(nil, Xte)), tolZ), "fit-on-all-data",
		"your scaler was fitted on the training and test rows together: the test rows' statistics leak into the preprocessing. Fit on Xtrain only")
	t.Mistake(grader.NearMatrix(gotTe, preprocess.AddBias(nil, reference(Xte).Transform(nil, Xte)), tolZ), "fit-on-test", hintFitOnTest)
	t.Mistake(grader.NearMatrix(gotTr, preprocess.AddBias(nil, sampleRef(Xtr).Transform(nil, Xtr)), tolZ), "sample-std", hintSampleStd)
	t.Label("Prepare's training matrix")
	t.CloseMatrix(gotTr, wantTr, tolZ)
	t.Label("Prepare's test matrix")
	t.CloseMatrix(gotTe, wantTe, tolZ)
}

func notMutated(t *grader.T) {
	Xtr, Xte, _ := wine()
	t.NotMutated("FitScaler", Xtr)
	t.NotMutated("Prepare", Xtr, Xte)
}
