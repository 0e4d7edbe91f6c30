// Package check grades exercise 23, pca: principal component analysis by the SVD of the
// centred data, the projection of held-out rows, the reconstruction from k components, and
// the number of components a variance fraction needs, on a hand-made 4×3 matrix and on the
// 8×8 digits.
//
// Expected values come from mlkit/decompose (PCA fitted on the same rows: mean, components with
// the sign convention "largest |entry| positive", explained variance σ²/(n − 1) and ratio over
// all components; Transform, InverseTransform, ComponentsFor), except the hand-made matrix,
// whose answer is derived in a comment. The mistakes are recognised from values computed
// here: the axes of the uncentred data, the columns of U or the rows of V, components equal to
// the reference's up to sign, variances over n, ratios whose divisors differ or that sum over
// the kept components only, projections centred with the rows' own mean or not at all,
// reconstructions without the mean, and ComponentsFor answers that stop at "at least" or one
// component early.
package check

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/decompose"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "pca",
		Title: "Principal component analysis",
		Dir:   "exercises/23-pca",
		Functions: []grader.Func{
			{Name: "Fit", Signature: "func(X *mat.Dense, k int) *PCA"},
			{Name: "ComponentsFor", Signature: "func(ratio []float64, fraction float64) int"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/decompose/...",
			"gonum.org/v1/gonum/stat/...",
		},
		Checks: append([]grader.Check{
			{Name: "Fit by hand: a 4×3 matrix, two rows, one column, constant rows", Points: 2, Run: fitHand},
			{Name: "Fit on the digits, k = 10: mean, components and explained variance", Points: 2, Run: fitDigits},
			{Name: "Explained variance ratio over all components (digits, k = 10 and 64)", Points: 1, Run: ratioDigits},
			{Name: "Transform projects new rows with the training mean", Points: 2, Run: transform},
			{Name: "Reconstruct: digits from 10 components, and back exactly from all 64", Points: 2, Run: reconstruct},
			{Name: "ComponentsFor: the digits' 50% to 99% of variance, and exact ties", Points: 2, Run: componentsFor},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"PCA finds the directions in which the data vary most. Centre the data first (subtract each column's mean), then take the SVD of the centred n×p matrix, Xc = U·Σ·Vᵀ: the principal axes are the columns of V (p entries each), and the variance along axis c is σc²/(n − 1). Projecting is (X − mean)·Vₖ; reconstructing is Z·Vₖᵀ + mean.",
			"With gonum: var svd mat.SVD; svd.Factorize(Xc, mat.SVDThin); s := svd.Values(nil); var V mat.Dense; svd.VTo(&V). Component c is mat.Col(nil, c, &V), a column, not a row, and not U's (U has n rows: one per example). The ratio divides σc² by the sum of all σ², not only the kept ones. A singular vector's sign is arbitrary: negate a component whose entry of largest |value| is negative.",
			"Fit: mean[j] = Σᵢ X[i][j]/n; Xc[i][j] = X[i][j] − mean[j]; SVD as above; total := Σ s[c]²; for c := range k { v := mat.Col(nil, c, &V); if the entry of largest |v[j]| is negative, negate v; Components.SetRow(c, v); EV[c] = s[c]²/(n−1); ratio[c] = s[c]²/total }. Transform: subtract p.Mean (not X's own mean) from each row, then Z.Mul(centred, p.Components.T()). Reconstruct: X.Mul(Z, p.Components), then add p.Mean to each row. ComponentsFor: sum the ratios and return i + 1 at the first sum > fraction.",
		},
		Mistakes: []grader.Mistake{
			{ID: notCentred, Hint: "PCA looks for the directions of greatest variance around the mean: subtract each column's mean from X before the SVD. The SVD of the raw data finds the direction of the mean itself first (for the digits, the average image), and every variance after it is off."},
			{ID: usedU, Hint: "In Xc = U·Σ·Vᵀ, U has one row per example (n×r) and V one row per feature (p×r): the principal axes live in feature space, so they are the columns of V. Take svd.VTo(&V) and mat.Col(nil, c, &V)."},
			{ID: vRows, Hint: "gonum's svd.VTo gives V itself, not Vᵀ: the principal axes are its columns. Row c of V mixes the c-th entry of every axis; take mat.Col(nil, c, &V) for component c."},
			{ID: signConvention, Hint: "A singular vector is only defined up to sign: v and −v are both right, and the SVD may return either. The exercise fixes it as scikit-learn does: negate each component whose entry of largest absolute value is negative, so that the same data always give the same components and projections."},
			{ID: populationVariance, Hint: "The explained variance is the sample variance along each axis, σc²/(n − 1), as scikit-learn reports it (and as the variance of the projected column with n − 1). Divide by n − 1, not n."},
			{ID: mixedDivisors, Hint: "Your ratios divide a variance over n − 1 by a total over n (or the reverse), so they are n/(n − 1) too big or too small and do not sum to 1. Take both from the same place: ratio c = σc² / Σ σ², in which the divisor cancels."},
			{ID: ratioOfKept, Hint: "The explained variance ratio is the share of the total variance of the data, over all min(n, p) components: σc² / (σ₁² + … + σᵣ²), not only over the k you keep. With fewer components the ratios sum to less than 1: the rest is the variance the projection loses."},
			{ID: testOwnMean, Hint: "Transform must centre new rows with the Mean learned by Fit, not with the mean of the rows it is given: new data are measured against the training data (as a scaler applies its training μ), and a single row would otherwise always project to 0."},
			{ID: transformNotCentred, Hint: "Transform must subtract the training Mean from X before projecting: the components describe directions around the mean, so the projection is (X − Mean)·Componentsᵀ."},
			{ID: meanNotAddedBack, Hint: "The projections are coordinates around the mean, so Z·Components is a centred reconstruction: add the Mean back to each row to return to the data's own scale."},
			{ID: cumulativeAtLeast, Hint: "ComponentsFor wants the cumulative ratio to be more than the fraction, strictly, as scikit-learn: with ratios 0.5, 0.25, … and fraction 0.5, one component explains exactly 50%, not more, so two are needed. Compare with >, not >=."},
			{ID: componentsOffByOne, Hint: "ComponentsFor returns a count, not an index: when the sum of ratio[0..i] first exceeds the fraction, i + 1 components are needed."},
			{ID: "input-mutated", Hint: "Centre a copy of X (mat.NewDense and Set, or DenseCopyOf), never X itself: the caller's data must come back as they were, and Transform must not change the rows it projects."},
		},
	}
}

// The mistakes the checks recognise.
const (
	notCentred          = "not-centred"
	usedU               = "used-u"
	vRows               = "v-rows"
	signConvention      = "sign-convention"
	populationVariance  = "population-variance"
	mixedDivisors       = "mixed-divisors"
	ratioOfKept         = "ratio-of-kept"
	testOwnMean         = "test-own-mean"
	transformNotCentred = "transform-not-centred"
	meanNotAddedBack    = "mean-not-added-back"
	cumulativeAtLeast   = "cumulative-at-least"
	componentsOffByOne  = "components-off-by-one"
)

// fitted is the check's copy of the learner's PCA.
type fitted struct {
	Mean                   []float64
	Components             *mat.Dense
	ExplainedVariance      []float64
	ExplainedVarianceRatio []float64
}

var (
	// tolStat is for means, variances and ratios: sums of n terms and an SVD, both LAPACK-style
	// (the eigenvalues of the covariance matrix agree to about 1e-13 of the largest).
	tolStat = grader.Rel(1e-9).PlusAbs(1e-11)
	// tolAxis is for the unit-length components, well separated in every check (the SVD and
	// the covariance's eigenvectors agree to about 1e-13 there).
	tolAxis = grader.Abs(1e-8)
	// tolZ is for projections and reconstructions of values up to 16 (the digits' pixels).
	tolZ = grader.Rel(1e-9).PlusAbs(1e-8)
)

// handX is the hand-made matrix. Its centred rows are ±2·(2, 3, 6) and ±(3, −6, 2), around the
// mean (10, 20, 30); (2, 3, 6)/7, (3, −6, 2)/7 and (6, 2, −3)/7 are orthonormal. So
//
//	Xcᵀ·Xc = 2·4·(2,3,6)ᵀ(2,3,6) + 2·(3,−6,2)ᵀ(3,−6,2) = 392·u₁u₁ᵀ + 98·u₂u₂ᵀ,
//
// whose eigenvalues σ² are 392, 98 and 0: the components are u₁ = (2, 3, 6)/7, u₂ = −(3, −6, 2)/7
// = (−3, 6, −2)/7 (turned so that its largest entry, 6/7, is positive) and u₃ = (6, 2, −3)/7; the
// explained variances over n − 1 = 3 are 392/3, 98/3 and 0, and the ratios 392/490 = 0.8, 0.2
// and 0.
func handX() *mat.Dense {
	return mat.NewDense(4, 3, []float64{
		14, 26, 42, // mean + 2·(2, 3, 6)
		6, 14, 18, // mean − 2·(2, 3, 6)
		13, 14, 32, // mean + (3, −6, 2)
		7, 26, 28, // mean − (3, −6, 2)
	})
}

// handWant is the hand-made matrix's answer for k = 2.
var handWant = fitted{
	Mean:                   []float64{10, 20, 30},
	Components:             mat.NewDense(2, 3, []float64{2.0 / 7, 3.0 / 7, 6.0 / 7, -3.0 / 7, 6.0 / 7, -2.0 / 7}),
	ExplainedVariance:      []float64{392.0 / 3, 98.0 / 3},
	ExplainedVarianceRatio: []float64{0.8, 0.2},
}

// digits returns the 1797 digits, parsed once per grade run (the parse takes a while).
var digits = sync.OnceValue(func() *mat.Dense { return datasets.Digits().X })

// digitsSplit returns the digits split 80/20 at random with a fixed seed: 1437 training rows
// and 360 held-out rows.
var digitsSplit = sync.OnceValues(func() (train, test *mat.Dense) {
	X := digits()
	s, err := data.TrainTestSplit(X.RawMatrix().Rows, data.SplitOptions{TestFraction: 0.2, Seed: 23})
	if err != nil {
		panic(fmt.Sprintf("check: the digits split: %v", err)) // cannot happen: n = 1797
	}
	return data.TakeRows(X, s.Train), data.TakeRows(X, s.Test)
})

// digitsReference returns the reference PCA of the training digits with 10 and with 64
// components, fitted once per grade run.
var digitsReference = sync.OnceValue(func() map[int]*decompose.PCA {
	Xtr, _ := digitsSplit()
	refs := map[int]*decompose.PCA{}
	for _, k := range []int{10, 64} {
		refs[k] = &decompose.PCA{NumComponents: k}
		if err := refs[k].Fit(Xtr); err != nil {
			panic(fmt.Sprintf("check: the reference PCA of the digits: %v", err)) // an internal error
		}
	}
	return refs
})

// centred returns X minus its column means.
func centred(X *mat.Dense) *mat.Dense {
	n, p := X.Dims()
	out := mat.DenseCopyOf(X)
	for j := range p {
		mu := floats.Sum(mat.Col(nil, j, X)) / float64(n)
		for i := range n {
			out.Set(i, j, out.At(i, j)-mu)
		}
	}
	return out
}

// svdOf returns the thin SVD of A: the columns of V and of U as rows (k×p and k×n for the
// first k), and the singular values.
func svdOf(t *grader.T, A *mat.Dense) (V, U *mat.Dense, s []float64) {
	var svd mat.SVD
	if !svd.Factorize(A, mat.SVDThin) {
		t.Fatalf("internal: the SVD did not converge")
	}
	var v, u mat.Dense
	svd.VTo(&v)
	svd.UTo(&u)
	return mat.DenseCopyOf(v.T()), mat.DenseCopyOf(u.T()), svd.Values(nil)
}

// upToSign reports whether got and want have the same shape and each row of got is the row of
// want or its negative.
func upToSign(got, want mat.Matrix) bool {
	gr, gc := got.Dims()
	wr, wc := want.Dims()
	if gr != wr || gc != wc {
		return false
	}
	for i := range gr {
		g := mat.Row(nil, i, got)
		w := mat.Row(nil, i, want)
		neg := make([]float64, len(w))
		floats.ScaleTo(neg, -1, w)
		if !grader.NearSlice(g, w, tolAxis) && !grader.NearSlice(g, neg, tolAxis) {
			return false
		}
	}
	return true
}

// scaled returns c·x in a new slice.
func scaled(x []float64, c float64) []float64 {
	out := make([]float64, len(x))
	floats.ScaleTo(out, c, x)
	return out
}

// squares returns s² element by element.
func squares(s []float64) []float64 {
	out := make([]float64, len(s))
	floats.MulTo(out, s, s)
	return out
}

// fitRows calls Fit and decodes the model the learner's code returned.
func fitRows(t *grader.T, X *mat.Dense, k int) (*grader.Result, fitted) {
	res := t.Call("Fit", X, k)
	var got fitted
	res.Decode(&got)
	return res, got
}

// checkFit fits the learner's PCA on X with k components and compares each field with the
// reference, naming the mistakes the values show; it returns the learner's model and the
// reference.
func checkFit(t *grader.T, X *mat.Dense, k int, ref *decompose.PCA, what string) *grader.Result {
	n, p := X.Dims()
	res, got := fitRows(t, X, k)
	call := fmt.Sprintf("Fit(%s, k = %d)", what, k)

	t.Label("Mean of " + call)
	t.CloseSlice(got.Mean, ref.Mean, tolStat)

	t.Label("Components of " + call)
	if got.Components == nil || got.Components.IsEmpty() {
		t.Fatalf("%s returned no Components, want a %d×%d matrix (one row per component, one column per feature)", call, k, p)
	}
	gr, gc := got.Components.Dims()
	wrong := !grader.NearMatrix(got.Components, ref.Components, tolAxis)
	if wrong && gr == k && gc == n {
		_, Uc, _ := svdOf(t, centred(X))
		t.Mistake(upToSign(got.Components, Uc.Slice(0, k, 0, n)), usedU,
			fmt.Sprintf("your %d components have %d entries each, one per example, and are the first columns of U", gr, gc))
	}
	if gr != k || gc != p {
		t.Fatalf("Components is %d×%d, want %d×%d: one row per component, one column per feature", gr, gc, k, p)
	}
	if wrong {
		Vc, _, _ := svdOf(t, centred(X))
		Vraw, _, _ := svdOf(t, X)
		t.Mistake(upToSign(got.Components, Vraw.Slice(0, k, 0, p)), notCentred,
			"your components are the axes of the uncentred data: the first points towards the mean")
		t.Mistake(upToSign(got.Components, ref.Components), signConvention,
			fmt.Sprintf("your components are the right axes, but %s of them have a negative entry of largest absolute value", signsOff(got.Components)))
		if n >= p {
			Vrows := mat.DenseCopyOf(Vc.T()) // the rows of V
			t.Mistake(upToSign(got.Components, Vrows.Slice(0, k, 0, p)), vRows,
				"your component c is row c of V, not column c")
		}
	}
	t.CloseMatrix(got.Components, ref.Components, tolAxis)

	t.Label("ExplainedVariance of " + call)
	if !grader.NearSlice(got.ExplainedVariance, ref.ExplainedVariance, tolStat) {
		t.Mistake(grader.NearSlice(got.ExplainedVariance, scaled(ref.ExplainedVariance, float64(n-1)/float64(n)), tolStat), populationVariance,
			fmt.Sprintf("your variances are (n − 1)/n = %d/%d times the reference's: σ²/n instead of σ²/(n − 1)", n-1, n))
		_, _, sRaw := svdOf(t, X)
		t.Mistake(grader.NearSlice(got.ExplainedVariance, scaled(squares(sRaw[:k]), 1/float64(n-1)), tolStat), notCentred,
			"your variances are the squared singular values of the uncentred data over n − 1")
	}
	t.CloseSlice(got.ExplainedVariance, ref.ExplainedVariance, tolStat)
	checkRatio(t, got.ExplainedVarianceRatio, ref, n, call)
	return res
}

// checkRatio compares the explained variance ratios of a fit on n rows with the reference's.
func checkRatio(t *grader.T, got []float64, ref *decompose.PCA, n int, call string) {
	want := ref.ExplainedVarianceRatio
	t.Label("ExplainedVarianceRatio of " + call)
	if !grader.NearSlice(got, want, tolStat) {
		kept := squares(ref.SingularValues)
		if s := floats.Sum(kept); s > 0 {
			floats.Scale(1/s, kept)
		}
		t.Mistake(grader.NearSlice(got, kept, tolStat), ratioOfKept,
			fmt.Sprintf("your %d ratios sum to 1: they share out the kept variance only, while the reference's sum to %s", len(got), grader.Num(floats.Sum(want))))
		nf := float64(n)
		t.Mistake(grader.NearSlice(got, scaled(want, nf/(nf-1)), tolStat) || grader.NearSlice(got, scaled(want, (nf-1)/nf), tolStat), mixedDivisors,
			fmt.Sprintf("your ratios are %d/%d or %d/%d times the reference's", n, n-1, n-1, n))
	}
	t.CloseSlice(got, want, tolStat)
}

// signsOff describes how many rows of C have a negative entry of largest absolute value.
func signsOff(C *mat.Dense) string {
	k, _ := C.Dims()
	off := 0
	for i := range k {
		row := C.RawRowView(i)
		big := 0
		for j := range row {
			if math.Abs(row[j]) > math.Abs(row[big]) {
				big = j
			}
		}
		if row[big] < 0 {
			off++
		}
	}
	return fmt.Sprintf("%d of %d", off, k)
}

func fitHand(t *grader.T) {
	X := handX()
	_, got := fitRows(t, X, 2)
	call := "Fit(X = [[14 26 42] [6 14 18] [13 14 32] [7 26 28]], k = 2)"
	t.Label("Mean of " + call + " (by hand: (10, 20, 30))")
	t.CloseSlice(got.Mean, handWant.Mean, tolStat)
	t.Label("Components of " + call + " (by hand: (2, 3, 6)/7 and (−3, 6, −2)/7, see the README)")
	if got.Components == nil || got.Components.IsEmpty() {
		t.Fatalf("Fit returned no Components, want a 2×3 matrix")
	}
	if gr, gc := got.Components.Dims(); gr == 2 && gc == 4 {
		_, Uc, _ := svdOf(t, centred(X))
		t.Mistake(upToSign(got.Components, Uc.Slice(0, 2, 0, 4)), usedU,
			"your components have 4 entries each, one per example (row of X): they are columns of U")
	}
	if !grader.NearMatrix(got.Components, handWant.Components, tolAxis) {
		t.Mistake(upToSign(got.Components, handWant.Components), signConvention,
			"your second component is (3, −6, 2)/7, whose largest entry −6/7 is negative: turn it to (−3, 6, −2)/7")
	}
	t.CloseMatrix(got.Components, handWant.Components, tolAxis)
	t.Label("ExplainedVariance of " + call + " (by hand: 392/3 and 98/3)")
	t.Mistake(grader.NearSlice(got.ExplainedVariance, []float64{392.0 / 4, 98.0 / 4}, tolStat), populationVariance,
		"your variances are 392/4 and 98/4: divided by n = 4, not n − 1 = 3")
	t.CloseSlice(got.ExplainedVariance, handWant.ExplainedVariance, tolStat)
	t.Label("ExplainedVarianceRatio of " + call + " (by hand: 392/490 = 0.8 and 98/490 = 0.2)")
	t.Mistake(grader.NearSlice(got.ExplainedVarianceRatio, []float64{0.8 * 4 / 3, 0.2 * 4 / 3}, tolStat), mixedDivisors,
		"your ratios are 4/3 of 0.8 and 0.2: variances over n − 1 = 3 divided by a total over n = 4")
	t.CloseSlice(got.ExplainedVarianceRatio, handWant.ExplainedVarianceRatio, tolStat)

	// One component: its ratio is still 392/490 = 0.8, the share of the total variance.
	_, one := fitRows(t, X, 1)
	t.Label("ExplainedVarianceRatio of Fit(the same X, k = 1) (by hand: 0.8, a share of all the variance)")
	t.Mistake(grader.NearSlice(one.ExplainedVarianceRatio, []float64{1}, tolStat), ratioOfKept,
		"your one ratio is 1: the kept variance over itself, not over the total 490")
	t.CloseSlice(one.ExplainedVarianceRatio, []float64{0.8}, tolStat)

	// Two rows (1, 1, 1) and (3, 5, 5): mean (2, 3, 3), centred ±(1, 2, 2), so σ₁² = 2·9 = 18
	// along (1, 2, 2)/3 and σ₂ = 0; the variance is 18/(n − 1) = 18 and the ratio 1.
	checkSmall(t, mat.NewDense(2, 3, []float64{1, 1, 1, 3, 5, 5}), "two rows (1, 1, 1) and (3, 5, 5)",
		fitted{Mean: []float64{2, 3, 3}, Components: mat.NewDense(1, 3, []float64{1.0 / 3, 2.0 / 3, 2.0 / 3}), ExplainedVariance: []float64{18}, ExplainedVarianceRatio: []float64{1}})
	// One column 0.1, 0.2, 0.4: mean 0.7/3, deviations −0.4/3, −0.1/3, 0.5/3, whose squares
	// sum to 0.42/9 = 0.14/3 (a total variance below 1); over n − 1 = 2 that is 0.07/3. The one
	// component is (1) and its ratio 1.
	checkSmall(t, mat.NewDense(3, 1, []float64{0.1, 0.2, 0.4}), "one column 0.1, 0.2, 0.4",
		fitted{Mean: []float64{0.7 / 3}, Components: mat.NewDense(1, 1, []float64{1}), ExplainedVariance: []float64{0.07 / 3}, ExplainedVarianceRatio: []float64{1}})

	// Three equal rows: every σ is 0, so each ratio is 0/0; the README asks for 0.
	_, flat := fitRows(t, mat.NewDense(3, 2, []float64{1, 2, 1, 2, 1, 2}), 2)
	t.Label("ExplainedVarianceRatio of Fit(three equal rows (1, 2), k = 2) (every σ is 0: the ratios are 0, not 0/0 = NaN)")
	t.CloseSlice(flat.ExplainedVarianceRatio, []float64{0, 0}, tolStat)
}

// checkSmall compares Fit(X, 1) with a hand-computed answer.
func checkSmall(t *grader.T, X *mat.Dense, what string, want fitted) {
	_, got := fitRows(t, X, 1)
	call := fmt.Sprintf("Fit(%s, k = 1)", what)
	t.Label(fmt.Sprintf("Mean of %s (by hand: %s)", call, grader.Nums(want.Mean)))
	t.CloseSlice(got.Mean, want.Mean, tolStat)
	t.Label(fmt.Sprintf("Components of %s (by hand: %s)", call, grader.Nums(want.Components.RawRowView(0))))
	t.CloseMatrix(got.Components, want.Components, tolAxis)
	t.Label(fmt.Sprintf("ExplainedVariance of %s (by hand: %s)", call, grader.Nums(want.ExplainedVariance)))
	t.CloseSlice(got.ExplainedVariance, want.ExplainedVariance, tolStat)
	t.Label(fmt.Sprintf("ExplainedVarianceRatio of %s (by hand: 1, all the variance)", call))
	t.CloseSlice(got.ExplainedVarianceRatio, want.ExplainedVarianceRatio, tolStat)
}

func fitDigits(t *grader.T) {
	Xtr, _ := digitsSplit()
	checkFit(t, Xtr, 10, digitsReference()[10], "the 1437 training digits")
}

func ratioDigits(t *grader.T) {
	Xtr, _ := digitsSplit()
	n, _ := Xtr.Dims()
	_, ten := fitRows(t, Xtr, 10)
	_, all := fitRows(t, Xtr, 64)
	ref := digitsReference()[64]
	plotCumulative(t, all.ExplainedVarianceRatio, ref.ExplainedVarianceRatio)
	checkRatio(t, ten.ExplainedVarianceRatio, digitsReference()[10], n, "Fit(the 1437 training digits, k = 10)")
	t.Label("ExplainedVarianceRatio of Fit(the 1437 training digits, k = 64), which sum to 1")
	t.CloseSlice(all.ExplainedVarianceRatio, ref.ExplainedVarianceRatio, tolStat)
}

// checkTransform compares the Transform of X by the learner's model res with the reference's
// (ref fitted on the same rows with k components).
func checkTransform(t *grader.T, res *grader.Result, ref *decompose.PCA, X *mat.Dense, what string) {
	k, _ := ref.Components.Dims()
	var got fitted
	res.Decode(&got)
	m, _ := X.Dims()
	Z := dense(t, res.Method("Transform", X), "Transform", m, k)
	want := ref.Transform(nil, X)
	if !grader.NearMatrix(got.Components, ref.Components, tolAxis) || !grader.NearSlice(got.Mean, ref.Mean, tolStat) {
		t.Logf("Transform projects with the Mean and Components that Fit learned, and yours differ from the reference's: the Fit checks say how")
	}
	t.Label(fmt.Sprintf("Transform of %s (k = %d), centred with the training mean", what, k))
	if !grader.NearMatrix(Z, want, tolZ) {
		own := &decompose.PCA{Mean: ownMean(X), Components: ref.Components}
		t.Mistake(grader.NearMatrix(Z, own.Transform(nil, X), tolZ), testOwnMean,
			"your projections are centred with the mean of the rows given to Transform: each column of them has mean 0")
		var raw mat.Dense
		raw.Mul(X, ref.Components.T())
		t.Mistake(grader.NearMatrix(Z, &raw, tolZ), transformNotCentred,
			"your projections are X·Componentsᵀ, without subtracting the mean")
	}
	t.CloseMatrix(Z, want, tolZ)
}

// ownMean returns the column means of X.
func ownMean(X *mat.Dense) []float64 {
	n, p := X.Dims()
	mu := make([]float64, p)
	for j := range p {
		mu[j] = floats.Sum(mat.Col(nil, j, X)) / float64(n)
	}
	return mu
}

func transform(t *grader.T) {
	// By hand: (17, 20, 30) − mean = (7, 0, 0) projects to 7·(2/7, −3/7) = (2, −3), and
	// (10, 27, 30) − mean = (0, 7, 0) to 7·(3/7, 6/7) = (3, 6).
	rows := mat.NewDense(2, 3, []float64{17, 20, 30, 10, 27, 30})
	res, _ := fitRows(t, handX(), 2)
	Z := dense(t, res.Method("Transform", rows), "Transform", 2, 2)
	t.Label("Transform of the rows (17, 20, 30) and (10, 27, 30) after Fit(the 4×3 matrix, k = 2) (by hand: (2, −3) and (3, 6))")
	want := mat.NewDense(2, 2, []float64{2, -3, 3, 6})
	if !grader.NearMatrix(Z, want, tolZ) {
		// Their own mean is (13.5, 23.5, 30): (3.5, −3.5, 0) and (−3.5, 3.5, 0) project to ±(−0.5, −4.5).
		t.Mistake(grader.NearMatrix(Z, mat.NewDense(2, 2, []float64{-0.5, -4.5, 0.5, 4.5}), tolZ), testOwnMean,
			"your projections are ±(−0.5, −4.5): the two rows centred with their own mean (13.5, 23.5, 30)")
		t.Mistake(grader.NearMatrix(Z, mat.NewDense(2, 2, []float64{(34 + 60 + 180) / 7.0, (-51 + 120 - 60) / 7.0, (20 + 81 + 180) / 7.0, (-30 + 162 - 60) / 7.0}), tolZ), transformNotCentred,
			"your projections are the raw rows times the components, without subtracting the mean (10, 20, 30)")
	}
	t.CloseMatrix(Z, want, tolZ)

	Xtr, Xte := digitsSplit()
	res, _ = fitRows(t, Xtr, 10)
	checkTransform(t, res, digitsReference()[10], Xte, "the 360 held-out digits")
	checkTransform(t, res, digitsReference()[10], mat.DenseCopyOf(Xte.Slice(0, 1, 0, 64)), "a single held-out digit")
}

// checkReconstruct compares the learner's model res's Reconstruct of the reference's
// projections of X with the reference's (ref fitted on the same rows), first drawing the
// digits and both reconstructions if draw is set.
func checkReconstruct(t *grader.T, res *grader.Result, ref *decompose.PCA, X *mat.Dense, what string, draw bool) {
	k, _ := ref.Components.Dims()
	Z := ref.Transform(nil, X)
	m, p := X.Dims()
	got := dense(t, res.Method("Reconstruct", Z), "Reconstruct", m, p)
	want := ref.InverseTransform(nil, Z)
	if draw {
		plotDigits(t, X, got, want, k)
	}
	t.Label(fmt.Sprintf("Reconstruct of the projections of %s on %d components", what, k))
	if !grader.NearMatrix(got, want, tolZ) {
		var centredBack mat.Dense
		centredBack.Mul(Z, ref.Components)
		t.Mistake(grader.NearMatrix(got, &centredBack, tolZ), meanNotAddedBack,
			"your reconstruction is Z·Components: centred around 0, without the mean")
	}
	t.CloseMatrix(got, want, tolZ)
}

// checkRoundTrip fits on Xtr with all p components, and checks that the learner's Reconstruct
// of the learner's Transform gives X back.
func checkRoundTrip(t *grader.T, Xtr, X *mat.Dense, what string) {
	m, p := X.Dims()
	res, _ := fitRows(t, Xtr, p)
	Z := dense(t, res.Method("Transform", X), "Transform", m, p)
	back := dense(t, res.Method("Reconstruct", Z), "Reconstruct", m, p)
	t.Label(fmt.Sprintf("Reconstruct(Transform(%s)) with all %d components: the rows themselves", what, p))
	t.CloseMatrix(back, X, tolZ)
}

func reconstruct(t *grader.T) {
	Xtr, Xte := digitsSplit()
	res, _ := fitRows(t, Xtr, 10)
	checkReconstruct(t, res, digitsReference()[10], Xte, "the 360 held-out digits", true)
	checkRoundTrip(t, Xtr, Xte, "the 360 held-out digits")

	// By hand: with k = 1, z = 2 maps back to (10, 20, 30) + 2·(2, 3, 6)/7.
	res, _ = fitRows(t, handX(), 1)
	back := dense(t, res.Method("Reconstruct", mat.NewDense(1, 1, []float64{2})), "Reconstruct", 1, 3)
	t.Label("Reconstruct(z = [[2]]) after Fit(the 4×3 matrix, k = 1) (by hand: (10, 20, 30) + 2·(2, 3, 6)/7)")
	t.Mistake(grader.NearSlice(back.RawRowView(0), []float64{4.0 / 7, 6.0 / 7, 12.0 / 7}, tolZ), meanNotAddedBack,
		"your reconstruction is 2·(2, 3, 6)/7, without the mean (10, 20, 30)")
	t.CloseSlice(back.RawRowView(0), []float64{10 + 4.0/7, 20 + 6.0/7, 30 + 12.0/7}, tolZ)
}

// componentsCase is one question to ComponentsFor.
type componentsCase struct {
	ratio    []float64
	fraction float64
	what     string
}

// atLeast is ComponentsFor with ≥ in place of >.
func atLeast(ratio []float64, fraction float64) int {
	sum := 0.0
	for i, r := range ratio {
		sum += r
		if sum >= fraction {
			return i + 1
		}
	}
	return len(ratio)
}

// offByOne is ComponentsFor returning the index of the first sum above fraction.
func offByOne(ratio []float64, fraction float64) int {
	sum := 0.0
	for i, r := range ratio {
		sum += r
		if sum > fraction {
			return i
		}
	}
	return len(ratio)
}

// checkComponentsFor asks ComponentsFor every case, names the mistakes the answers show
// together, and compares each answer with the reference.
func checkComponentsFor(t *grader.T, cases []componentsCase) {
	got := make([]int, len(cases))
	allAtLeast, allOffByOne := true, true
	right := true
	for i, c := range cases {
		got[i] = t.Call("ComponentsFor", c.ratio, c.fraction).Int()
		want := decompose.ComponentsFor(c.ratio, c.fraction)
		right = right && got[i] == want
		allAtLeast = allAtLeast && got[i] == atLeast(c.ratio, c.fraction)
		allOffByOne = allOffByOne && got[i] == offByOne(c.ratio, c.fraction)
	}
	if !right {
		first := 0
		for got[first] == decompose.ComponentsFor(cases[first].ratio, cases[first].fraction) {
			first++
		}
		c := cases[first]
		t.Label(fmt.Sprintf("ComponentsFor on %d questions", len(cases)))
		example := fmt.Sprintf("ComponentsFor(%s, %s) = %d, want %d", c.what, grader.Num(c.fraction), got[first], decompose.ComponentsFor(c.ratio, c.fraction))
		t.Mistake(allAtLeast, cumulativeAtLeast, example+": your counts stop where the cumulative ratio reaches the fraction, not where it exceeds it")
		t.Mistake(allOffByOne, componentsOffByOne, example+": each of your counts is one less than the number of ratios summed")
	}
	for i, c := range cases {
		t.Label(fmt.Sprintf("ComponentsFor(%s, %s)", c.what, grader.Num(c.fraction)))
		t.Equal(got[i], decompose.ComponentsFor(c.ratio, c.fraction))
	}
}

func componentsFor(t *grader.T) {
	ratio := digitsReference()[64].ExplainedVarianceRatio
	var cases []componentsCase
	for _, f := range []float64{0.5, 0.8, 0.9, 0.95, 0.99} {
		cases = append(cases, componentsCase{ratio, f, "the 64 ratios of the training digits"})
	}
	// Sums of these ratios are exact in floating point: 0.5, 0.75, 0.875, 1. A sum equal to
	// the fraction is not more than it.
	exact := []float64{0.5, 0.25, 0.125, 0.125}
	for _, f := range []float64{0.1, 0.5, 0.6, 0.75, 0.875, 0.9} {
		cases = append(cases, componentsCase{exact, f, "[0.5 0.25 0.125 0.125]"})
	}
	// 0.6 + 0.3 + 0.1 rounds to 0.9999999999999999: no sum exceeds that fraction, so all 3.
	cases = append(cases, componentsCase{[]float64{0.6, 0.3, 0.1}, 0.9999999999999999, "[0.6 0.3 0.1]"})
	checkComponentsFor(t, cases)
}

func notMutated(t *grader.T) {
	Xtr, Xte := digitsSplit()
	res := t.NotMutated("Fit", Xtr, 10)
	Z := res.MethodNotMutated("Transform", Xte)
	res.MethodNotMutated("Reconstruct", Z.Dense())
	t.NotMutated("ComponentsFor", []float64{0.5, 0.25, 0.125, 0.125}, 0.8)
}

// dense returns the matrix a call returned, failing the check unless it is r×c.
func dense(t *grader.T, res *grader.Result, what string, r, c int) *mat.Dense {
	Z := res.Dense()
	if Z == nil || Z.IsEmpty() {
		t.Fatalf("%s returned a nil or empty matrix, want %d×%d", what, r, c)
	}
	if zr, zc := Z.Dims(); zr != r || zc != c {
		t.Fatalf("%s returned a %d×%d matrix, want %d×%d", what, zr, zc, r, c)
	}
	return Z
}
