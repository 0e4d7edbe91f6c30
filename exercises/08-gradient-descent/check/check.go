// Package check grades exercise 08, gradient-descent: batch gradient descent with its cost
// history, and a fit on raw features through standardisation.
//
// The reference is gradient descent written here in a few lines over mlkit/optim.LeastSquares
// (optim.Minimize stops a diverging run, and one check wants every step of one), and the
// least-squares θ of mlkit/linear.Regression. The mistakes are recognised by running them on the
// same input: the component-wise (sequential) update, a history without J(θ₀) or without the
// last step, a θ left in standardised units, and, by its shape, a history that rises (steps too
// big: a gradient m times too big does that) or a fit that stopped short of the minimum.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/exercises/internal/plane"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/optim"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "gradient-descent",
		Title: "Gradient descent: walk downhill on J(θ), and scale the features first",
		Dir:   "exercises/08-gradient-descent",
		Functions: []grader.Func{
			{Name: "GradientDescent", Signature: "func(X *mat.Dense, y, theta0 []float64, alpha float64, iters int) (theta, history []float64)"},
			{Name: "Fit", Signature: "func(X *mat.Dense, y []float64) []float64"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"gonum.org/v1/gonum/optimize/...",
		},
		Checks: append([]grader.Check{
			{Name: "One step by hand: θ ← θ − α·∇J(θ)", Points: 1, Run: oneStep},
			{Name: "The cost history: J(θ₀) first, then one entry per step", Points: 1, Run: historyShape},
			{Name: "2 000 steps at α = 0.1 on standardised features reach the least-squares θ", Points: 2, Run: converges},
			{Name: "Learning rates from 0.01 to 1.4: slow, fast, and diverging", Points: 1, Run: learningRates},
			{Name: "Fit on raw features (house sizes and bedrooms) gives the least-squares θ in raw units", Points: 2, Run: fitRaw},
			{Name: "GradientDescent and Fit leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Each step needs the whole gradient at the current θ, ∇J(θ) = Xᵀ(Xθ − y)/m (exercise 07), before any θⱼ changes; then θ ← θ − α·∇J. Record J(θ₀) before the first step and J after every step: iters steps give iters+1 costs.",
			"Work on a copy of theta0 (slices.Clone): the caller's slice must not move. Updating θ[0] and then computing θ[1]'s step from the new θ[0] is a different algorithm; compute grad := Gradient(X, y, θ) into its own slice, then loop θ[j] -= α*grad[j].",
			"Fit: μⱼ and population σⱼ per column, Z = [1, (X − μ)/σ], t, _ := GradientDescent(Z, y, zeros(n+1), 0.1, 5000), then back to raw units: θⱼ = tⱼ/σⱼ for j ≥ 1 and θ₀ = t₀ − Σⱼ tⱼ·μⱼ/σⱼ, because t₀ + Σ tⱼ(xⱼ − μⱼ)/σⱼ = θ₀ + Σ θⱼxⱼ.",
		},
	}
}

// The mistakes the checks recognise.
const (
	sequential      = "sequential-update"
	diverged        = "diverged"
	notConverged    = "not-converged"
	historyOffByOne = "history-off-by-one"
	scaledUnits     = "theta-in-scaled-units"
	stepUphill      = "step-uphill"
	gradSum         = "gradient-sum-not-mean"
)

var (
	// tolTheta allows the rounding of 2 000 steps in another summation order: gradient descent
	// on a convex quadratic damps earlier errors, so the difference stays near 1e-13.
	tolTheta = grader.Rel(1e-9).PlusAbs(1e-9)
	tolCost  = grader.Rel(1e-9).PlusAbs(1e-12)
	// tolOLS is how close 2 000 (or Fit's) steps on standardised features come to the exact
	// minimiser: the error shrinks by (1 − α·λmin)^k, below 1e-30 on these data.
	tolOLS = grader.Rel(1e-7).PlusAbs(1e-7)
)

// descend runs iters steps of gradient descent from theta0 as the exercise asks, or, with
// seq, the component-wise variant that updates θⱼ from a gradient taken after θ₀…θⱼ₋₁ moved.
func descend(X *mat.Dense, y, theta0 []float64, alpha float64, iters int, seq bool) (theta, history []float64) {
	obj := optim.NewLeastSquares(X, y, optim.L2{})
	theta = append([]float64(nil), theta0...)
	g := make([]float64, len(theta))
	history = append(history, obj.LossGrad(nil, theta))
	for range iters {
		if seq {
			for j := range theta {
				obj.LossGrad(g, theta)
				theta[j] -= alpha * g[j]
			}
		} else {
			obj.LossGrad(g, theta)
			floats.AddScaled(theta, -alpha, g)
		}
		history = append(history, obj.LossGrad(nil, theta))
	}
	return theta, history
}

// leastSquares returns the least-squares θ of the design matrix X (ones column first) and y.
func leastSquares(X *mat.Dense, y []float64) []float64 {
	var ols linear.Regression
	ols.NoIntercept = true // X carries its ones column
	if err := ols.Fit(X, y); err != nil {
		panic(err) // fixtures are well posed
	}
	return ols.Coef()
}

// small is the hand-made example: x = 1, 2, 3 with y = x.
func small() (*mat.Dense, []float64) {
	return mat.NewDense(3, 2, []float64{1, 1, 1, 2, 1, 3}), []float64{1, 2, 3}
}

// visible is the visible fixture: 200 rows of plane.Correlated, from a fixed seed.
func visible() (*mat.Dense, []float64) { return plane.Correlated(rand.New(rand.NewPCG(2026, 8)), 200) }

// run calls the learner's GradientDescent and returns its θ and history.
func run(t *grader.T, X *mat.Dense, y, theta0 []float64, alpha float64, iters int) (theta, history []float64) {
	r := t.Call("GradientDescent", X, y, theta0, alpha, iters)
	return r.Out(0).Floats(), r.Out(1).Floats()
}

// risesAt returns the first step k at which history[k] > history[k−1] (beyond rounding) or is
// not finite, and the first step at which it is not finite; 0 for none.
func risesAt(history []float64) (rise, inf int) {
	for k := 1; k < len(history); k++ {
		h := history[k]
		if rise == 0 && (h > history[k-1]*(1+1e-12)+1e-15 || math.IsNaN(h) || math.IsInf(h, 0)) {
			rise = k
		}
		if math.IsNaN(h) || math.IsInf(h, 0) {
			return rise, k
		}
	}
	return rise, 0
}

// checkRun compares a learner's run with the reference, naming the mistakes.
func checkRun(t *grader.T, X *mat.Dense, y, theta0 []float64, alpha float64, iters int, what string, gotTheta, gotHist []float64) {
	wantTheta, wantHist := descend(X, y, theta0, alpha, iters, false)
	t.Label("the run of " + what) // what the mistakes below are about
	if len(gotHist) == iters && iters > 0 {
		first := grader.NearSlice(gotHist, wantHist[:iters], tolCost)
		t.Mistake(first || grader.NearSlice(gotHist, wantHist[1:], tolCost), historyOffByOne, fmt.Sprintf(
			"your history has %d costs for %d steps; want %d: J(θ₀) before the first step, then J after each step (you left out %s)",
			len(gotHist), iters, iters+1, map[bool]string{true: "the cost after the last step", false: "J(θ₀)"}[first]))
	}
	upTheta, _ := descend(X, y, theta0, -alpha, iters, false)
	t.Mistake(iters > 0 && grader.NearSlice(gotTheta, upTheta, tolTheta) && !grader.NearSlice(gotTheta, wantTheta, tolTheta), stepUphill,
		"you added the gradient: θ ← θ + α·∇J walks uphill. Subtract it, θ ← θ − α·∇J")
	m, _ := X.Dims()
	if longTheta, _ := descend(X, y, theta0, alpha*float64(m), iters, false); m > 1 && iters > 0 {
		t.Mistake(grader.NearSlice(gotTheta, longTheta, tolTheta), gradSum, fmt.Sprintf(
			"your θ is what steps m = %d times too long give: your gradient is a sum over the rows, not a mean; divide Xᵀ(Xθ − y) by m", m))
	}
	if seqTheta, seqHist := descend(X, y, theta0, alpha, iters, true); iters > 0 {
		t.Mistake(grader.NearSlice(gotHist, seqHist, tolCost) && grader.NearSlice(gotTheta, seqTheta, tolTheta) &&
			!grader.NearSlice(gotHist, wantHist, tolCost), sequential,
			"you update θ[0] and then use the new θ[0] to compute θ[1]'s step: that is a different algorithm. Compute the whole gradient at the current θ first, then move every θⱼ at once")
	}
	if wr, _ := risesAt(wantHist); wr == 0 {
		if rise, inf := risesAt(gotHist); rise > 0 && len(gotHist) > rise {
			msg := fmt.Sprintf("your cost rose from %.4g to %.4g at step %d", gotHist[rise-1], gotHist[rise], rise)
			if inf > 0 {
				msg += fmt.Sprintf(" and was %v at step %d", gotHist[inf], inf)
			}
			t.Mistake(true, diverged, msg+fmt.Sprintf(
				", while the reference's falls at every step with α = %.3g: your steps go the wrong way or are far too long. Subtract the gradient (θ ← θ − α·∇J), and make it a mean over the m = %d rows: a sum makes every step m times too long", alpha, len(y)))
		}
	}
	tt, tc := tolTheta, tolCost
	if wr, _ := risesAt(wantHist); wr > 0 {
		// A diverging run amplifies rounding: along the steepest direction by |1 − α·λmax| per
		// step, and that direction leaks into the others through the rounding of XᵀX. Compare θ
		// relative to its largest component, and the cost to 1e-6.
		tt = grader.Rel(1e-6).PlusAbs(1e-6 * floats.Norm(wantTheta, math.Inf(1)))
		tc = grader.Rel(1e-6)
	}
	t.Label("θ after " + what)
	t.CloseSlice(gotTheta, wantTheta, tt)
	t.Label("the cost history of " + what)
	t.CloseSlice(gotHist, wantHist, tc)
}

func oneStep(t *grader.T) {
	X, y := small()
	// By hand: at θ = (0, 0) the residuals are (−1, −2, −3) and ∇J = Xᵀr/3 = (−2, −14/3), so one
	// step of α = 0.1 gives θ = (0.2, 0.4667); J(θ₀) = 14/6.
	theta, hist := run(t, X, y, []float64{0, 0}, 0.1, 1)
	checkRun(t, X, y, []float64{0, 0}, 0.1, 1, "one step of α = 0.1 from θ = (0, 0) on x = y = (1, 2, 3)", theta, hist)
	t.Label("θ after one step, by hand")
	t.CloseSlice(theta, []float64{0.2, 0.1 * 14 / 3}, tolTheta)
}

func historyShape(t *grader.T) {
	X, y := visible()
	theta0 := []float64{0, 0, 0}
	for _, iters := range []int{10, 1, 0} {
		theta, hist := run(t, X, y, theta0, 0.1, iters)
		checkRun(t, X, y, theta0, 0.1, iters, fmt.Sprintf("%d steps of α = 0.1 on the synthetic set", iters), theta, hist)
		t.Label(fmt.Sprintf("len(history) for %d steps", iters))
		t.Equal(len(hist), iters+1)
	}
}

func converges(t *grader.T) {
	X, y := visible()
	theta0 := []float64{0, 0, 0}
	theta, hist := run(t, X, y, theta0, 0.1, 2000)
	checkRun(t, X, y, theta0, 0.1, 2000, "2 000 steps of α = 0.1 on the standardised synthetic set", theta, hist)
	t.Label("θ after 2 000 steps, against the least-squares θ (the normal equation of exercise 06)")
	t.CloseSlice(theta, leastSquares(X, y), tolOLS)
}

// learningRates runs the learner's gradient descent at four learning rates, draws the loss
// curves beside the reference's, and compares each: α = 1.4 diverges on these data (the
// eigenvalues of XᵀX/m are 1 for the ones column and 1 ± ρ̂ ≈ 1.5 and 0.5 for the two features,
// so α must stay below 2/1.5 ≈ 1.33), and every one of its steps must still be there. Its cost
// grows by about (1 − 1.4·1.5)² ≈ 1.2 per step, so the plot spans eight decades, not fifty.
func learningRates(t *grader.T) {
	X, y := visible()
	theta0 := []float64{0, 0, 0}
	const iters = 50
	alphas := []float64{0.01, 0.1, 1, 1.4}
	var lines []mlplot.Line
	type trial struct{ theta, hist []float64 }
	runs := make([]trial, len(alphas))
	for i, a := range alphas {
		runs[i].theta, runs[i].hist = run(t, X, y, theta0, a, iters)
		_, want := descend(X, y, theta0, a, iters, false)
		c := mlplot.PaletteColor(i)
		lines = append(lines, mlplot.Line{Name: fmt.Sprintf("α = %g, reference", a), Y: want, Style: mlplot.Style{Color: c}})
		if len(runs[i].hist) > 0 && allPositiveFinite(runs[i].hist) {
			lines = append(lines, mlplot.Line{Name: fmt.Sprintf("α = %g, yours", a), Y: runs[i].hist, Style: mlplot.Style{Color: c, Dash: mlplot.Dashed}})
		}
	}
	if p, err := mlplot.LossCurves("Cost per step at four learning rates (standardised synthetic set)", mlplot.Log, lines...); err == nil {
		p.X.Label.Text = "step"
		p.Y.Label.Text = "J(θ), log scale"
		t.Plot("Learning rates", p)
	}
	for i, a := range alphas {
		checkRun(t, X, y, theta0, a, iters, fmt.Sprintf("%d steps of α = %g", iters, a), runs[i].theta, runs[i].hist)
	}
}

func allPositiveFinite(v []float64) bool {
	for _, x := range v {
		if !(x > 0) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// houses returns m synthetic houses in the style of the Coursera ex1 data: size in square feet
// (about 800 to 4 000) and bedrooms (1 to 5, more in bigger houses), and prices
// y = 50 000 + 120·size + 8 000·bedrooms + 𝒩(0, 20 000²).
func houses(rng *rand.Rand, m int) (*mat.Dense, []float64) {
	X := mat.NewDense(m, 2, nil)
	y := make([]float64, m)
	for i := range m {
		size := 800 + 3200*rng.Float64()
		beds := math.Max(1, math.Min(5, math.Round(size/900+rng.NormFloat64()*0.7)))
		X.Set(i, 0, size)
		X.Set(i, 1, beds)
		y[i] = 50000 + 120*size + 8000*beds + 20000*rng.NormFloat64()
	}
	return X, y
}

// checkFit compares the learner's Fit on raw features with the least-squares θ, naming a θ left
// in standardised units and a run stopped short of the minimum.
func checkFit(t *grader.T, X *mat.Dense, y []float64, what string) []float64 {
	got := t.Call("Fit", X, y).Floats()
	if !allFinite(got) {
		t.Fatalf("Fit returned θ = %v on %s: gradient descent diverged inside Fit. Make GradientDescent pass its checks first, and run it on standardised features with α of about 0.1", got, what)
	}
	A := preprocess.AddBias(nil, X)
	want := leastSquares(A, y)
	var s preprocess.StandardScaler
	Z := preprocess.AddBias(nil, s.FitTransform(nil, X))
	t.Mistake(grader.NearSlice(got, leastSquares(Z, y), grader.Rel(1e-4).PlusAbs(1e-6)), scaledUnits,
		"your θ fits the standardised features, not the raw ones: convert it back, θⱼ = tⱼ/σⱼ for j ≥ 1 and θ₀ = t₀ − Σⱼ tⱼ·μⱼ/σⱼ")
	if len(got) == len(want) && !grader.NearSlice(got, want, tolOLS) {
		obj := optim.NewLeastSquares(A, y, optim.L2{})
		j, jBest, j0 := obj.LossGrad(nil, got), obj.LossGrad(nil, want), obj.LossGrad(nil, make([]float64, len(want)))
		t.Mistake(jBest < j && j < j0, notConverged, fmt.Sprintf(
			"your θ has cost J = %.6g, %.3g%% above the least-squares J = %.6g: gradient descent had not converged. On raw features (sizes in thousands, bedrooms 1 to 5) the cost is a long, narrow valley and any α small enough not to diverge crawls along it: standardise the features (exercise 05), descend there, and convert θ back",
			j, 100*(j-jBest)/jBest, jBest))
	}
	t.Label("θ that Fit returned for " + what + ", against the least-squares θ")
	t.CloseSlice(got, want, tolOLS)
	return got
}

func fitRaw(t *grader.T) {
	X, y := houses(rand.New(rand.NewPCG(2026, 47)), 47)
	got := t.Call("Fit", X, y).Floats()
	want := leastSquares(preprocess.AddBias(nil, X), y)
	plotFit(t, X, y, got, want)
	checkFit(t, X, y, "47 houses")
}

// plotFit draws price against size, with the fitted lines for three-bedroom houses: the
// learner's dashed over the reference's.
func plotFit(t *grader.T, X *mat.Dense, y, got, want []float64) {
	line := func(th []float64) func(float64) float64 {
		return func(size float64) float64 { return th[0] + th[1]*size + th[2]*3 }
	}
	curves := []mlplot.Curve{{Name: "least squares (3 bedrooms)", F: line(want)}}
	if len(got) == 3 && allFinite(got) {
		curves = append(curves, mlplot.Curve{Name: "your Fit (3 bedrooms)", F: line(got), Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	p, err := mlplot.Scatter("House prices: your gradient-descent fit on raw features",
		[]mlplot.Points{{Name: "houses", X: mat.Col(nil, 0, X), Y: y}}, curves...)
	if err != nil {
		return
	}
	p.X.Label.Text = "size (square feet)"
	p.Y.Label.Text = "price"
	t.Plot("Fit on raw features", p)
}

func allFinite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func notMutated(t *grader.T) {
	X, y := visible()
	t.NotMutated("GradientDescent", X, y, []float64{1, -1, 0.5}, 0.1, 5)
	Xr, yr := houses(rand.New(rand.NewPCG(2026, 47)), 47)
	t.NotMutated("Fit", Xr, yr)
}
