// Package check grades exercise 07, cost-and-gradient: the squared-error cost J(θ) of linear
// regression and its gradient ∇J(θ).
//
// Expected values come from mlkit/optim.LeastSquares on the same inputs (J(θ) = 1/(2m)·‖Xθ − y‖²,
// ∇J(θ) = 1/m·Xᵀ(Xθ − y)) and, for the gradient, also from central differences of that cost
// (optim.NumericGradient), the tool an ML engineer uses to test any hand-written gradient. The
// mistakes are recognised by the factor between the learner's value and the reference: 2 (the
// ½ missing), m (a sum, not a mean), −1 (the residual taken as y − Xθ).
package check

import (
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/optim"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "cost-and-gradient",
		Title: "Cost and gradient: J(θ) and ∇J(θ) for linear regression",
		Dir:   "exercises/07-cost-and-gradient",
		Functions: []grader.Func{
			{Name: "Cost", Signature: "func(X *mat.Dense, y, theta []float64) float64"},
			{Name: "Gradient", Signature: "func(X *mat.Dense, y, theta []float64) []float64"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/metrics/...",
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"gonum.org/v1/gonum/diff/...",
		},
		Checks: append([]grader.Check{
			{Name: "Cost of a hand-computed example", Points: 1, Run: costSmall},
			{Name: "Cost on the cars data (stopping distance against speed)", Points: 1, Run: costCars},
			{Name: "Gradient of the hand-computed example", Points: 1, Run: gradientSmall},
			{Name: "Cost and Gradient of a single example (m = 1), by hand", Points: 1, Run: singleExample},
			{Name: "Gradient against central differences of J on the cars data", Points: 2, Run: gradientCheck},
			{Name: "The gradient vanishes at the least-squares fit", Points: 1, Run: gradientAtMinimum},
			{Name: "Cost and Gradient leave their inputs alone and answer the same twice", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Both functions start from the same vector of residuals, one per example: rᵢ = xᵢ·θ − yᵢ (predicted minus true). The cost is the mean of their squares, halved; the gradient is the mean of rᵢ·xᵢ.",
			"J = (r·r) / (2m), with the ½. ∇J = Xᵀr / m: component j is Σᵢ rᵢ·xᵢⱼ / m — divide by m once, no ½ (it cancelled the 2 from differentiating the square), and keep the order Xθ − y, or the gradient points downhill instead of up.",
			"With gonum: r := mat.NewVecDense(m, nil); r.MulVec(X, mat.NewVecDense(n, theta)); r.SubVec(r, mat.NewVecDense(m, y)). Cost: mat.Dot(r, r)/(2m). Gradient: g := mat.NewVecDense(n, nil); g.MulVec(X.T(), r); g.ScaleVec(1/float64(m), g); return g.RawVector().Data. mat.NewVecDense shares the slice you give it, so never write into one built on y or theta.",
		},
		Mistakes: []grader.Mistake{
			{ID: costMissingHalf, Hint: "Your cost is twice J: J(θ) = 1/(2m)·Σᵢ (xᵢ·θ − yᵢ)² has a ½ in front. Divide the sum of squared residuals by 2m, not by m; the ½ is what makes the gradient come out without a factor 2."},
			{ID: costSumNotMean, Hint: "Your cost is a sum over the examples, not a mean: it grows with m. Divide the sum of squared residuals by 2m: J = Σᵢ rᵢ² / (2m)."},
			{ID: gradSumNotMean, Hint: "Your gradient is m times ∇J: you summed rᵢ·xᵢ over the examples. Average it: ∇J = Xᵀ(Xθ − y) / m."},
			{ID: gradSignFlipped, Hint: "Your gradient points downhill: its sign is flipped. The residual is predicted minus true, r = Xθ − y, not y − Xθ; ∇J points uphill, and gradient descent subtracts it."},
			{ID: gradFactorTwo, Hint: "Your gradient is twice ∇J: the ½ in J = 1/(2m)·Σ rᵢ² cancels the 2 that differentiating rᵢ² brings down, so ∇J = Xᵀ(Xθ − y) / m, with no 2."},
			{ID: gradHalf, Hint: "Your gradient is half of ∇J: you kept the ½ of J. Differentiating rᵢ² brings down a 2 that cancels it, so ∇J = Xᵀ(Xθ − y) / m: divide by m, not by 2m."},
			{ID: inputMutated, Hint: "Cost or Gradient changed an argument it was given. mat.NewVecDense(n, theta) shares theta's memory (and likewise for y): never write into a vector built on an input; write into a new one, mat.NewVecDense(n, nil)."},
		},
	}
}

// The mistakes the checks recognise.
const (
	costMissingHalf = "cost-missing-half"
	costSumNotMean  = "cost-sum-not-mean"
	gradSumNotMean  = "gradient-sum-not-mean"
	gradSignFlipped = "gradient-sign-flipped"
	gradFactorTwo   = "gradient-factor-two"
	gradHalf        = "gradient-half"
	inputMutated    = "input-mutated"
)

var (
	// tolCost and tolGrad allow only rounding: the formula is exact, the order of the sums free.
	tolCost = grader.Rel(1e-10).PlusAbs(1e-12)
	tolGrad = grader.Rel(1e-9).PlusAbs(1e-12)
)

// reference returns J(θ) and ∇J(θ) from mlkit's least-squares objective.
func reference(X *mat.Dense, y, theta []float64) (float64, []float64) {
	_, n := X.Dims()
	g := make([]float64, n)
	j := optim.NewLeastSquares(X, y, optim.L2{}).LossGrad(g, theta)
	return j, g
}

// small is the hand-made example: x = 1, 2, 3 with y = x, so θ = (0, 1) fits exactly.
func small() (*mat.Dense, []float64) {
	return mat.NewDense(3, 2, []float64{1, 1, 1, 2, 1, 3}), []float64{1, 2, 3}
}

// cars returns the design matrix [1 speed] of R's cars data and the stopping distances.
func cars() (*mat.Dense, []float64) {
	d := datasets.Cars()
	return preprocess.AddBias(nil, d.X), d.Y
}

// checkCost compares the learner's cost with want, naming the missing ½ and the sum. A sum and
// a mean differ only when m > 1.
func checkCost(t *grader.T, X *mat.Dense, y, theta []float64, want float64, what string) {
	m, _ := X.Dims()
	got := t.Call("Cost", X, y, theta).Float()
	t.Label(fmt.Sprintf("Cost at θ = %s on %s", grader.Nums(theta), what))
	if want != 0 {
		detail := func(k string) string {
			return fmt.Sprintf("J = %s, want %s: exactly %s times too big", grader.Num(got), grader.Num(want), k)
		}
		t.Mistake(grader.Near(got, 2*want, tolCost), costMissingHalf, detail("2"))
		if m > 1 {
			t.Mistake(grader.Near(got, float64(m)*want, tolCost), costSumNotMean, detail(fmt.Sprintf("m = %d", m)))
			t.Mistake(grader.Near(got, 2*float64(m)*want, tolCost), costSumNotMean,
				detail(fmt.Sprintf("2m = %d", 2*m))+": the plain sum of squared residuals")
		}
	}
	t.Close(got, want, tolCost)
}

func costSmall(t *grader.T) {
	X, y := small()
	// By hand: at θ = (0, 0) the residuals are −1, −2, −3, so J = (1 + 4 + 9)/6 = 7/3; at
	// (0, 1) they are 0 (a perfect fit); at (0.5, 0.5) they are 0, −0.5, −1, so J = 1.25/6.
	for _, c := range []struct {
		theta []float64
		want  float64
	}{
		{[]float64{0, 0}, 7.0 / 3},
		{[]float64{0, 1}, 0},
		{[]float64{0.5, 0.5}, 1.25 / 6},
	} {
		checkCost(t, X, y, c.theta, c.want, "x = (1, 2, 3), y = (1, 2, 3)")
	}
}

func costCars(t *grader.T) {
	X, y := cars()
	for _, theta := range [][]float64{{0, 0}, {-17.5, 3.9}, {10, 2}} {
		want, _ := reference(X, y, theta)
		checkCost(t, X, y, theta, want, "the cars data")
	}
}

// checkGradient compares the learner's gradient with want, naming the usual factors. A sum and
// a mean differ only when m > 1.
func checkGradient(t *grader.T, got, want []float64, m int, what string) {
	t.Label(what)
	if floats.Norm(want, 2) > 0 {
		detail := func(k string) string {
			return fmt.Sprintf("∇J = %s, want %s: exactly %s times the gradient", grader.Nums(got), grader.Nums(want), k)
		}
		if m > 1 {
			t.Mistake(grader.NearSlice(got, scaled(float64(m), want), tolGrad), gradSumNotMean, detail(fmt.Sprintf("m = %d", m)))
			t.Mistake(grader.NearSlice(got, scaled(-float64(m), want), tolGrad), gradSignFlipped,
				detail(fmt.Sprintf("−m = −%d", m))+": the sign is flipped and it is a sum, not a mean")
		}
		t.Mistake(grader.NearSlice(got, scaled(-1, want), tolGrad), gradSignFlipped, detail("−1"))
		t.Mistake(grader.NearSlice(got, scaled(2, want), tolGrad), gradFactorTwo, detail("2"))
		t.Mistake(grader.NearSlice(got, scaled(0.5, want), tolGrad), gradHalf, detail("½"))
	}
	t.CloseSlice(got, want, tolGrad)
}

func scaled(k float64, v []float64) []float64 {
	out := make([]float64, len(v))
	floats.AddScaled(out, k, v)
	return out
}

func gradientSmall(t *grader.T) {
	X, y := small()
	// By hand: at θ = (0, 0) the residuals are r = (−1, −2, −3), so Xᵀr = (−6, −14) and
	// ∇J = Xᵀr/3 = (−2, −14/3); at θ = (0, 1), a perfect fit, ∇J = (0, 0). The other points
	// are for the picture, against the reference.
	cases := []struct {
		theta, want []float64
	}{
		{[]float64{0, 0}, []float64{-2, -14.0 / 3}},
		{[]float64{0.5, 0.5}, nil},
		{[]float64{0, 1}, []float64{0, 0}},
		{[]float64{-1.5, 1.2}, nil},
		{[]float64{1.5, 1.5}, nil},
	}
	got := make([][]float64, len(cases))
	for k, c := range cases {
		if c.want == nil {
			_, cases[k].want = reference(X, y, c.theta)
		}
		got[k] = t.Call("Gradient", X, y, c.theta).Floats()
	}
	var at, mine, ref [][]float64
	for k, c := range cases {
		if floats.Norm(c.want, 2) > 0 {
			at, mine, ref = append(at, c.theta), append(mine, got[k]), append(ref, c.want)
		}
	}
	plotContour(t, X, y, at, mine, ref)
	for k, c := range cases {
		checkGradient(t, got[k], c.want, 3, fmt.Sprintf("Gradient at θ = %s on x = (1, 2, 3), y = (1, 2, 3)", grader.Nums(c.theta)))
	}
}

func singleExample(t *grader.T) {
	// By hand: one example, the row x = (1, 2) with y = 3, at θ = (0, 1): the residual is
	// 2 − 3 = −1, so J = (−1)²/2 = 0.5 and ∇J = −1·(1, 2) = (−1, −2). With m = 1 a sum and a
	// mean agree, so only the ½, the factor 2 and the sign can go wrong.
	X, y := mat.NewDense(1, 2, []float64{1, 2}), []float64{3}
	theta := []float64{0, 1}
	const what = "one example, X = [1 2], y = [3]"
	checkCost(t, X, y, theta, 0.5, what)
	got := t.Call("Gradient", X, y, theta).Floats()
	checkGradient(t, got, []float64{-1, -2}, 1, "Gradient at θ = [0 1] on "+what)
}

// costGrid is J(θ₀, θ₁) on a grid, for a contour plot.
type costGrid struct {
	x0, x1 []float64
	z      [][]float64 // z[c][r] = J(x0[c], x1[r])
}

func (g costGrid) Dims() (c, r int)   { return len(g.x0), len(g.x1) }
func (g costGrid) Z(c, r int) float64 { return g.z[c][r] }
func (g costGrid) X(c int) float64    { return g.x0[c] }
func (g costGrid) Y(r int) float64    { return g.x1[r] }
func (greys) Colors() []color.Color   { return []color.Color{color.Gray{Y: 150}} }

// greys is the contour lines' palette: one mid grey.
type greys struct{}

// plotContour draws the contour lines of J(θ₀, θ₁) on the hand-made example and, at each θ in
// at, the descent direction −∇J: the reference's solid, the learner's dashed, both scaled alike.
// The axes have equal units, so that a correct gradient meets the contour lines at right angles,
// and the picture shows why descent zigzags: −∇J does not point at the minimum (0, 1).
func plotContour(t *grader.T, X *mat.Dense, y []float64, at, mine, ref [][]float64) {
	// The data area of a default figure, below the legend row, is about twice as wide as high
	// (555 × 275 pixels, measured on the PNG).
	const lo0, hi0, lo1, hi1 = -4, 4, -1, 3
	const k = 81
	g := costGrid{x0: make([]float64, k), x1: make([]float64, k), z: make([][]float64, k)}
	for i := range k {
		g.x0[i] = lo0 + (hi0-lo0)*float64(i)/(k-1)
		g.x1[i] = lo1 + (hi1-lo1)*float64(i)/(k-1)
	}
	for c := range k {
		g.z[c] = make([]float64, k)
		for r := range k {
			g.z[c][r], _ = reference(X, y, []float64{g.x0[c], g.x1[r]})
		}
	}
	var x0, x1 []float64
	for _, th := range at {
		x0, x1 = append(x0, th[0]), append(x1, th[1])
	}
	p, err := mlplot.Scatter("Contours of J(θ₀, θ₁); from each point, −grad J: reference solid, yours dashed",
		[]mlplot.Points{{Name: "θ where the gradient is taken", X: x0, Y: x1, Style: mlplot.Style{Color: color.Black}}})
	if err != nil {
		return
	}
	levels := []float64{0.02, 0.1, 0.3, 0.7, 1.5, 3, 6, 12, 24}
	p.Add(plotter.NewContour(g, levels, greys{}))
	// One scale for every arrow: the longest reference arrow is 0.9 long.
	longest := 0.0
	for _, r := range ref {
		longest = math.Max(longest, floats.Norm(r, 2))
	}
	s := 0.9 / longest
	arrow := func(th, grad []float64, dash mlplot.Dash, c color.Color) {
		if len(grad) != 2 || !allFinite(grad) {
			return
		}
		l, err := plotter.NewLine(plotter.XYs{{X: th[0], Y: th[1]}, {X: th[0] - s*grad[0], Y: th[1] - s*grad[1]}})
		if err != nil {
			return
		}
		l.Color = c
		l.Width = vg.Points(2)
		if dash == mlplot.Dashed {
			l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		}
		p.Add(l)
	}
	for i := range at {
		arrow(at[i], ref[i], mlplot.Solid, mlplot.PaletteColor(0))
		if i < len(mine) {
			arrow(at[i], mine[i], mlplot.Dashed, mlplot.PaletteColor(1))
		}
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo0, hi0, lo1, hi1
	p.X.Label.Text = "θ₀ (intercept), on the data x = y = (1, 2, 3)"
	p.Y.Label.Text = "θ₁ (slope); the minimum is at (0, 1)"
	t.Plot("Cost contours and gradients", p)
}

func allFinite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// relErr is CS231n's relative error of a gradient component, as optim.CheckGradient computes it.
func relErr(a, d float64) float64 {
	return math.Abs(a-d) / math.Max(math.Max(math.Abs(a), math.Abs(d)), 1e-8)
}

// maxRelErrGradCheck is the largest relative error a correct gradient shows against central
// differences on these problems; a wrong one shows 0.5 (a factor 2), 2 (a sign) or (m−1)/m.
const maxRelErrGradCheck = 1e-6

// gradCheck compares the learner's gradient at each θ with central differences of the reference
// cost, component by component, and teaches the comparison: the message lists analytic against
// numeric for each component.
//
// plot, when not nil, is called with the gradients before they are compared, so that a wrong
// gradient is drawn too.
func gradCheck(t *grader.T, X *mat.Dense, y []float64, thetas [][]float64, what string, plot func(got, numeric [][]float64)) {
	m, n := X.Dims()
	obj := optim.NewLeastSquares(X, y, optim.L2{})
	var got, numeric [][]float64
	for _, theta := range thetas {
		g := t.Call("Gradient", X, y, theta).Floats()
		num := make([]float64, n)
		if err := optim.NumericGradient(num, obj, theta, 0); err != nil {
			panic(err) // finite fixtures
		}
		got, numeric = append(got, g), append(numeric, num)
	}
	if plot != nil {
		plot(got, numeric)
	}
	for k, theta := range thetas {
		_, want := reference(X, y, theta)
		if len(got[k]) == n {
			var b strings.Builder
			worst := 0.0
			for j := range n {
				e := relErr(got[k][j], numeric[k][j])
				worst = math.Max(worst, e)
				fmt.Fprintf(&b, "\n  ∂J/∂θ%d: yours %-12.6g numerical %-12.6g rel. error %.1e", j, got[k][j], numeric[k][j], e)
			}
			if worst > maxRelErrGradCheck {
				t.Logf("gradient check at θ = %s on %s (central differences with step ε^⅓·max(1, |θⱼ|)):%s", grader.Nums(theta), what, b.String())
			}
		}
		checkGradient(t, got[k], want, m, fmt.Sprintf("Gradient at θ = %s on %s", grader.Nums(theta), what))
		if len(got[k]) != n {
			continue // CloseSlice has said so
		}
		worst, at := 0.0, 0
		for j := range n {
			if e := relErr(got[k][j], numeric[k][j]); e > worst {
				worst, at = e, j
			}
		}
		t.True(worst <= maxRelErrGradCheck,
			"gradient check at θ = %s: ∂J/∂θ%d is %.6g, central differences give %.6g, a relative error of %.1e (want ≤ %.0e)",
			grader.Nums(theta), at, got[k][at], numeric[k][at], worst, maxRelErrGradCheck)
	}
}

func gradientCheck(t *grader.T) {
	X, y := cars()
	thetas := [][]float64{{0, 0}, {-17.5, 3.9}, {10, 2}, {-40, 6}}
	gradCheck(t, X, y, thetas, "the cars data", func(got, numeric [][]float64) {
		plotGradients(t, got, numeric, thetas, X, y)
	})
}

// plotGradients draws each gradient component against its central-difference estimate, the
// learner's and the reference's: a correct gradient lies on the diagonal, a sign error on the
// anti-diagonal, a factor m far off it.
func plotGradients(t *grader.T, got, numeric [][]float64, thetas [][]float64, X *mat.Dense, y []float64) {
	var num, mine, ref []float64
	for k, theta := range thetas {
		if len(got[k]) != len(numeric[k]) {
			return
		}
		_, want := reference(X, y, theta)
		num = append(num, numeric[k]...)
		mine = append(mine, got[k]...)
		ref = append(ref, want...)
	}
	p, err := mlplot.PredictedVsActual("Gradient components against central differences (cars data)",
		mlplot.Prediction{Name: "reference", Actual: num, Predicted: ref},
		mlplot.Prediction{Name: "yours (drawn over it)", Actual: num, Predicted: mine})
	if err != nil {
		return // a NaN or Inf from the learner: the check's message says so
	}
	p.X.Label.Text = "central difference (J(θ + h·e_j) − J(θ − h·e_j)) / 2h"
	p.Y.Label.Text = "analytic ∂J/∂θ_j (yours and the reference)"
	t.Plot("Gradient check", p)
}

func gradientAtMinimum(t *grader.T) {
	d := datasets.Cars()
	var ols linear.Regression
	if err := ols.Fit(d.X, d.Y); err != nil {
		panic(err) // a fixed, well-posed fixture
	}
	X, y := cars()
	theta := append([]float64{ols.Intercept()}, ols.Coef()...)
	got := t.Call("Gradient", X, y, theta).Floats()
	_, want := reference(X, y, theta)
	// At the least-squares θ the exact gradient is 0; in floating point it is rounding, about
	// 1e-13 here. |∂J/∂θⱼ| ≤ 1e-8 allows any summation order and fails a wrong formula, whose
	// gradient is then of the order of the data (the cars' speeds and distances, 4 to 120).
	t.Label(fmt.Sprintf("Gradient at the least-squares θ = (%.4f, %.4f) on the cars data", theta[0], theta[1]))
	t.CloseSlice(got, make([]float64, len(want)), grader.Abs(1e-8))
	plotCostSlice(t, X, y, theta)
}

// plotCostSlice draws J along θ₁ through the least-squares θ (θ₀ held there), the learner's
// and the reference's: its lowest point is where the gradient vanishes.
func plotCostSlice(t *grader.T, X *mat.Dense, y, best []float64) {
	const k = 41
	xs, mine, ref := make([]float64, k), make([]float64, k), make([]float64, k)
	for i := range k {
		theta := []float64{best[0], best[1] - 2 + 4*float64(i)/(k-1)}
		xs[i] = theta[1]
		mine[i] = t.Call("Cost", X, y, theta).Float()
		ref[i], _ = reference(X, y, theta)
	}
	p, err := mlplot.LossCurves("Cost J(θ₀*, θ₁) on the cars data, lowest at the least-squares θ₁", mlplot.Linear,
		mlplot.Line{Name: "reference", X: xs, Y: ref},
		mlplot.Line{Name: "yours", X: xs, Y: mine, Style: mlplot.Style{Dash: mlplot.Dashed}})
	if err != nil {
		return
	}
	p.X.Label.Text = "θ₁ (ft of stopping distance per mph)"
	p.Y.Label.Text = "J(θ)"
	t.Plot("Cost along theta1", p)
}

func notMutated(t *grader.T) {
	X, y := cars()
	theta := []float64{10, 2} // not in sorted order, so that sorting it in place shows
	t.NotMutated("Cost", X, y, theta)
	t.NotMutated("Gradient", X, y, theta)
	// A result that depends on what ran before (a buffer kept between calls) is caught here.
	first := t.Call("Gradient", X, y, theta)
	t.Call("Cost", X, y, []float64{100, -100})
	t.Call("Gradient", X, y, []float64{100, -100})
	again := t.Call("Gradient", X, y, theta)
	t.Same(first, again, "Gradient at θ = %s gave different results before and after other calls: keep no state between calls", grader.Nums(theta))
}

// unseen returns m rows of a design matrix with a column of ones and n−1 features of random
// scale and offset, targets from a random linear model plus noise, and a random θ.
func unseen(rng *rand.Rand) (X *mat.Dense, y, theta []float64) {
	m, n := 20+rng.IntN(100), 2+rng.IntN(5)
	X = mat.NewDense(m, n, nil)
	beta := make([]float64, n)
	scale, offset := make([]float64, n), make([]float64, n)
	for j := range n {
		beta[j] = 5 * rng.NormFloat64()
		scale[j] = math.Pow(10, 2*rng.Float64()-1) // 0.1 to 10
		offset[j] = 3 * rng.NormFloat64()
	}
	y = make([]float64, m)
	for i := range m {
		X.Set(i, 0, 1)
		for j := 1; j < n; j++ {
			X.Set(i, j, offset[j]+scale[j]*rng.NormFloat64())
		}
		y[i] = mat.Dot(X.RowView(i), mat.NewVecDense(n, beta)) + rng.NormFloat64()
	}
	theta = make([]float64, n)
	for j := range n {
		theta[j] = beta[j] + 2*rng.NormFloat64()
	}
	return X, y, theta
}
