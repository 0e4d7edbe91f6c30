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
			{Name: "Constant columns get σ = 0 exactly and map to 0, not NaN or ±1", Points: 2, Run: constantColumn},
			{Name: "Large values close together (1e6 ± 1): σ without cancellation", Points: 1, Run: largeOffset},
			{Name: "InverseTransform undoes Transform", Points: 1, Run: inverse},
			{Name: "Prepare: a column of ones, then the features scaled with training statistics", Points: 2, Run: prepare},
			{Name: "FitScaler, Transform, InverseTransform and Prepare leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Fit learns, Transform applies. FitScaler is the only place that looks at the data's statistics; Transform must use the Mean and Std stored in the Scaler, whatever rows it is given, so the test rows are scaled with the training rows' μ and σ.",
			"For column j: μⱼ = Σᵢ xᵢⱼ / m and σⱼ = √(Σᵢ (xᵢⱼ − μⱼ)² / m) — divide by m, not m − 1. If all values of the column are equal (compare them with the first; do not test the computed σ), set σⱼ = 0 and divide by 1 in Transform, so the column becomes 0 instead of NaN.",
			"Transform: Z := mat.NewDense(m, n, nil); Z.Set(i, j, (X.At(i, j)-s.Mean[j])/scale) with scale = s.Std[j], or 1 when it is 0. InverseTransform: z·scale + μ. Prepare: s := FitScaler(Xtrain), then put the ones column in front of s.Transform(Xtrain) and s.Transform(Xtest) — after scaling, never before.",
		},
		Mistakes: []grader.Mistake{
			{ID: "fit-on-test", Hint: "Your transformed test rows have mean exactly 0 in every column: the test rows were scaled with their own μ and σ. Fit on the training rows only, and let Transform reuse the μ and σ stored in the Scaler for every set of rows; otherwise the test set leaks into the preprocessing."},
			{ID: "fit-on-all-data", Hint: "Your scaler was fitted on the training and test rows together, so the test rows' statistics leak into the preprocessing. Fit on Xtrain only, then transform both sets with that scaler."},
			{ID: "sample-std", Hint: "Your σ is √(m/(m−1)) times the population σ: you divided by m − 1 (as gonum's stat.StdDev does). This course uses the population σ, √(Σ(x − μ)² / m)."},
			{ID: "constant-column-nan", Hint: "A constant column has σ = 0, and dividing by it gives NaN (0/0) or ±Inf. When σⱼ is 0, divide by 1 instead, so the column becomes xᵢⱼ − μⱼ (0 on the training rows)."},
			{ID: "constant-by-std", Hint: "Your scaler decides whether a column is constant from its computed σ. Tested against 0, that misses columns of equal values whose computed mean is off in its last digit: their σ comes out as a tiny number such as 1e-17, not 0, and dividing by it turns the column into ±1. Tested against a small threshold, it flattens columns whose values really differ but are tiny. Decide by comparing the values (all equal to the first), and set σ = 0 exactly then."},
			{ID: "one-pass-variance", Hint: "Your σ has lost digits to cancellation: the one-pass mean(x²) − μ² subtracts two nearly equal large numbers when the values are large and close together. Compute μ first, then Σ(x − μ)² / m."},
			{ID: "bias-column-scaled", Hint: "The column of ones was scaled with the features: its σ is 0, so it became 0 (or NaN). Scale the features first, then put the ones in front."},
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

// checkFit fits a scaler on X and compares its Mean and Std with the reference; the Std of a
// constant column must be exactly 0.
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
	t.Label("Std of " + what)
	t.Mistake(grader.NearSlice(got.Std, sampleStd(want, m), tolStat) && !grader.NearSlice(got.Std, want, tolStat), "sample-std",
		"each σ is √(m/(m−1)) times the population σ")
	if len(got.Std) == len(want) {
		constantStd(t, X, got.Std, what)
	}
	t.CloseSlice(got.Std, want, tolStat)
	return sc
}

// constantStd checks that std (the Std field of a scaler fitted on X) is exactly 0 for every
// constant column of X, naming constant-by-std when it is a rounding error instead.
func constantStd(t *grader.T, X *mat.Dense, std []float64, what string) {
	for j, v := range constantColumns(X) {
		if !v || std[j] == 0 {
			continue
		}
		c := X.At(0, j)
		t.Label(fmt.Sprintf("Std[%d] of %s", j, what))
		t.Mistake(std[j] < 1e-12*math.Abs(c), "constant-by-std", fmt.Sprintf(
			"column %d holds only %s, yet its σ is %.2g, not 0: the rounding error of the computed mean", j, grader.Num(c), std[j]))
		t.Fatalf("column %d holds only %s, so its Std must be exactly 0, got %s", j, grader.Num(c), grader.Num(std[j]))
	}
}

// constantColumns reports, for each column of X, whether all its values are equal.
func constantColumns(X *mat.Dense) []bool {
	m, n := X.Dims()
	out := make([]bool, n)
	for j := range n {
		out[j] = true
		for i := 1; i < m; i++ {
			out[j] = out[j] && X.At(i, j) == X.At(0, j)
		}
	}
	return out
}

// flattened names constant-by-std when a constant column of X came out of the transform as ±1
// in Z, whose column j+shift is column j of X.
func flattened(t *grader.T, X, Z *mat.Dense, shift int) {
	for j, v := range constantColumns(X) {
		if v && math.Abs(math.Abs(Z.At(0, j+shift))-1) < 1e-6 {
			t.Mistake(true, "constant-by-std", fmt.Sprintf(
				"column %d of X holds only %s and came out as ±1: its σ was taken for the rounding error of its mean", j, grader.Num(X.At(0, j))))
		}
	}
}

// inexactMean reports whether every common way of computing the mean of m copies of v misses v
// in floating point: a sum (in order, pairwise, or compensated) divided by m or multiplied by
// 1/m, a sum of v/m, and the running mean μₖ = μₖ₋₁·(k−1)/k + v/k. (The running mean
// μₖ = μₖ₋₁ + (v − μₖ₋₁)/k of Welford's algorithm is exact on equal values, and so is its σ.)
// A scaler that tests the σ it computes from such a mean against 0 finds about 1e-17.
func inexactMean(v float64, m int) bool {
	fm := float64(m)
	seq, kahan, comp, divided, running := 0.0, 0.0, 0.0, 0.0, 0.0
	for k := range m {
		seq += v
		y := v - comp
		next := kahan + y
		comp = (next - kahan) - y
		kahan = next
		divided += v / fm
		kk := float64(k + 1)
		running = running*(kk-1)/kk + v/kk
	}
	var pairwise func(n int) float64
	pairwise = func(n int) float64 {
		if n <= 2 {
			return float64(n) * v
		}
		return pairwise(n/2) + pairwise(n-n/2)
	}
	for _, mean := range []float64{seq / fm, seq * (1 / fm), kahan / fm, pairwise(m) / fm, divided, running} {
		if mean == v {
			return false
		}
	}
	return true
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
	t.Label("Transform of the wine training rows")
	t.Mistake(grader.NearMatrix(got, sampleRef(Xtr).Transform(nil, Xtr), tolZ), "sample-std",
		"your standardised columns have σ = √((m−1)/m), not 1")
	t.CloseMatrix(got, want, tolZ)
}

func transformTest(t *grader.T) {
	Xtr, Xte, names := wine()
	sc := t.Call("FitScaler", Xtr)
	got := dense(t, sc.Method("Transform", Xte), "Transform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	want := reference(Xtr).Transform(nil, Xte)
	leaked := reference(Xte).Transform(nil, Xte)
	plotTest(t, got, want, names)
	t.Label("Transform of the wine test rows, with the training μ and σ")
	t.Mistake(grader.NearMatrix(got, leaked, tolZ), "fit-on-test", "every column has mean 0 on the test rows")
	t.Mistake(grader.NearMatrix(got, sampleRef(Xtr).Transform(nil, Xte), tolZ), "sample-std", "the values are √((m−1)/m) times the reference's")
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

// withConstants returns the small visible matrix of the constant-column check: columns 1 (all 5,
// whose mean is exact) and 3 (all 0.11, whose computed mean is not, however it is computed: see
// inexactMean) are constant; column 4 holds tiny values that differ (σ ≈ 1.4e-13), which a
// scaler deciding constancy by a threshold on σ flattens.
func withConstants() *mat.Dense {
	return mat.NewDense(5, 5, []float64{
		1, 5, 10, 0.11, 1e-13,
		2, 5, 20, 0.11, 2e-13,
		3, 5, 30, 0.11, 3e-13,
		4, 5, 40, 0.11, 4e-13,
		5, 5, 50, 0.11, 5e-13,
	})
}

// constantColumn fits the matrix of withConstants and checks σ = 0 exactly for its constant
// columns, the transformed training rows (0 in the constant columns, not NaN, not ±1), new rows
// whose constant columns take other values (divided by 1: x − μ), InverseTransform on the
// constant columns (z + μ), and a fit on a single row, whose every column is constant.
func constantColumn(t *grader.T) {
	X := withConstants()
	ref := reference(X)
	sc := t.Call("FitScaler", X)
	var got fitted
	sc.Decode(&got)
	if len(got.Std) != 5 || len(got.Mean) != 5 {
		t.Fatalf("FitScaler returned %d means and %d σ for a matrix of 5 columns, want 5 of each", len(got.Mean), len(got.Std))
	}
	constantStd(t, X, got.Std, "the matrix whose columns 1 (all 5) and 3 (all 0.11) are constant")
	Z := dense(t, sc.Method("Transform", X), "Transform", 5, 5)
	t.Label("Transform of the matrix whose columns 1 (all 5) and 3 (all 0.11) are constant")
	_, n := Z.Dims()
	for j := range n {
		for _, v := range mat.Col(nil, j, Z) {
			t.Mistake(math.IsNaN(v) || math.IsInf(v, 0), "constant-column-nan", fmt.Sprintf(
				"column %d is constant (σ = 0) and your Transform gave %v", j, v))
		}
	}
	flattened(t, X, Z, 0)
	t.Mistake(math.Abs(Z.At(0, 4)) < 1e-9 && math.Abs(ref.Transform(nil, X).At(0, 4)) > 1, "constant-by-std", fmt.Sprintf(
		"column 4 (1e-13 to 5e-13, σ = %.2g) came out as 0: its values differ, so it is scaled like any other", math.Sqrt(ref.Var[4])))
	if !t.CloseMatrix(Z, ref.Transform(nil, X), tolZ) {
		return
	}
	// New rows whose constant columns hold other values: divided by 1, they map to x − μ.
	Xnew := mat.NewDense(2, 5, []float64{
		0, 7, 25, 0.5, 0,
		6, 4, 35, -1, 6e-13,
	})
	Znew := dense(t, sc.Method("Transform", Xnew), "Transform", 2, 5)
	t.Label("Transform of new rows with other values in the constant columns 1 and 3 (x − μ there)")
	t.CloseMatrix(Znew, ref.Transform(nil, Xnew), tolZ)
	zs := mat.NewDense(2, 5, []float64{
		-1, -1, -1, -1, -1,
		2.5, 2.5, 2.5, 2.5, 2.5,
	})
	back := dense(t, sc.Method("InverseTransform", zs), "InverseTransform", 2, 5)
	t.Label("InverseTransform of rows of −1 and 2.5 (z·1 + μ in the constant columns 1 and 3)")
	t.CloseMatrix(back, ref.InverseTransform(nil, zs), tolZ)
	// One row: every column is constant.
	one := mat.NewDense(1, 3, []float64{2.5, 0.11, -7})
	var single fitted
	sc = t.Call("FitScaler", one)
	sc.Decode(&single)
	t.Label("Mean of a single row [2.5 0.11 −7]")
	t.CloseSlice(single.Mean, []float64{2.5, 0.11, -7}, tolStat)
	t.Label("Std of a single row [2.5 0.11 −7] (every column is constant)")
	t.CloseSlice(single.Std, []float64{0, 0, 0}, grader.Tol{})
	Zone := dense(t, sc.Method("Transform", one), "Transform", 1, 3)
	t.Label("Transform of that single row")
	t.CloseMatrix(Zone, mat.NewDense(1, 3, nil), tolZ)
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
	t.Label("Std of columns 3000 ± 0.1 and 1e6 ± 1")
	t.Mistake(len(got.Std) == 2 && grader.NearSlice(got.Std, sampleStd(want, m), tolStat) && !grader.NearSlice(got.Std, want, tolStat), "sample-std",
		"your σ is √(m/(m−1)) times the reference's")
	t.Mistake(len(got.Std) == 2 && !grader.NearSlice(got.Std, want, tolStat) && grader.NearSlice(got.Std, want, grader.Rel(1e-2)), "one-pass-variance",
		"for the column 1e6 ± 1, mean(x²) − μ² subtracts two numbers near 1e12 to get about 1")
	t.CloseSlice(got.Std, want, tolStat)
}

func inverse(t *grader.T) {
	Xtr, Xte, _ := wine()
	sc := t.Call("FitScaler", Xtr)
	Z := sc.Method("Transform", Xte)
	dense(t, Z, "Transform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	t.Label("Transform of the wine test rows")
	t.Mistake(grader.NearMatrix(Z.Dense(), reference(Xte).Transform(nil, Xte), tolZ), "fit-on-test", "every column has mean 0 on the test rows")
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
			t.Label(fmt.Sprintf("column 0 of Prepare's %s matrix", c.name))
			t.Mistake(zeroOrNaN, "bias-column-scaled", fmt.Sprintf("it is %s…, not 1", grader.Nums(col0[:min(3, len(col0))])))
			t.Fatalf("column 0 of Prepare's %s matrix must be all ones (the bias), got %s…", c.name, grader.Nums(col0[:min(3, len(col0))]))
		}
	}
	var all mat.Dense
	all.Stack(Xtr, Xte)
	refAll := reference(&all)
	t.Label("Prepare's test matrix")
	t.Mistake(grader.NearMatrix(gotTe, preprocess.AddBias(nil, refAll.Transform(nil, Xte)), tolZ), "fit-on-all-data",
		"it is what a scaler fitted on the training and test rows together gives")
	t.Mistake(grader.NearMatrix(gotTe, preprocess.AddBias(nil, reference(Xte).Transform(nil, Xte)), tolZ), "fit-on-test",
		"every feature column has mean 0 on the test rows")
	t.Label("Prepare's training matrix")
	t.Mistake(grader.NearMatrix(gotTr, preprocess.AddBias(nil, sampleRef(Xtr).Transform(nil, Xtr)), tolZ), "sample-std",
		"your standardised columns have σ = √((m−1)/m), not 1")
	flattened(t, Xtr, gotTr, 1)
	t.CloseMatrix(gotTr, wantTr, tolZ)
	t.Label("Prepare's test matrix")
	t.CloseMatrix(gotTe, wantTe, tolZ)
}

func notMutated(t *grader.T) {
	Xtr, Xte, _ := wine()
	sc := t.NotMutated("FitScaler", Xtr)
	Z := dense(t, sc.MethodNotMutated("Transform", Xte), "Transform", Xte.RawMatrix().Rows, Xte.RawMatrix().Cols)
	sc.MethodNotMutated("InverseTransform", Z)
	t.NotMutated("Prepare", Xtr, Xte)
}
