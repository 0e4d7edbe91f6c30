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
			{Name: "One step by hand: θ ← θ − α·∇J(θ), on three examples and on one", Points: 1, Run: oneStep},
			{Name: "The cost history: J(θ₀) first, then one entry per step", Points: 1, Run: historyShape},
			{Name: "2 000 steps at α = 0.1 on standardised features reach the least-squares θ", Points: 2, Run: converges},
			{Name: "Learning rates from 0.01 to 1.4: slow, fast, and diverging", Points: 1, Run: learningRates},
			{Name: "Fit on raw features (house sizes and bedrooms) gives the least-squares θ in raw units", Points: 2, Run: fitRaw},
			{Name: "Fit on nearly collinear features (size in ft² and in m²): 5 000 steps stop short of least squares", Points: 1, Run: fitCollinear},
			{Name: "GradientDescent and Fit leave their inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Each step needs the whole gradient at the current θ, ∇J(θ) = Xᵀ(Xθ − y)/m (exercise 07), before any θⱼ changes; then θ ← θ − α·∇J. Record J(θ₀) before the first step and J after every step: iters steps give iters+1 costs.",
			"Work on a copy of theta0 (slices.Clone): the caller's slice must not move. Updating θ[0] and then computing θ[1]'s step from the new θ[0] is a different algorithm; compute grad := Gradient(X, y, θ) into its own slice, then loop θ[j] -= α*grad[j].",
			"Fit: μⱼ and population σⱼ per column, Z = [1, (X − μ)/σ], t, _ := GradientDescent(Z, y, zeros(n+1), 0.1, 5000), then back to raw units: θⱼ = tⱼ/σⱼ for j ≥ 1 and θ₀ = t₀ − Σⱼ tⱼ·μⱼ/σⱼ, because t₀ + Σ tⱼ(xⱼ − μⱼ)/σⱼ = θ₀ + Σ θⱼxⱼ.",
		},
		Mistakes: []grader.Mistake{
			{ID: sequential, Hint: "You update θ[0] and then use the new θ[0] to compute θ[1]'s step: that is a different algorithm. Compute the whole gradient at the current θ first, into its own slice, then move every θⱼ at once."},
			{ID: diverged, Hint: "Your cost rises where gradient descent with this learning rate falls at every step: your steps go the wrong way or are far too long. Subtract the gradient (θ ← θ − α·∇J), and use exactly ∇J = Xᵀ(Xθ − y)/m: a sum over the rows makes every step m times too long, and the derivative of (Xθ − y)² without J's ½ makes it twice too long."},
			{ID: gradSum, Hint: "Your θ is what steps m times too long give: your gradient is a sum over the rows, not a mean. Divide Xᵀ(Xθ − y) by m."},
			{ID: stepUphill, Hint: "You added the gradient: θ ← θ + α·∇J walks uphill. Subtract it: θ ← θ − α·∇J."},
			{ID: historyOffByOne, Hint: "The history is J(θ₀) before the first step, then J after each step: iters steps give iters + 1 costs, and the last is the cost of the θ you return. Append J(θ₀) before the loop and J(θ) at the end of every step, after θ moved."},
			{ID: notConverged, Hint: "Fit stopped far from the minimum, on the way there from θ = 0. The usual cause is gradient descent on the raw features: with sizes in the thousands beside bedroom counts the cost is a long, narrow valley that any α small enough not to diverge crawls along. Standardise the features (exercise 05), run 5 000 steps of α = 0.1 there, and convert θ back to raw units."},
			{ID: scaledUnits, Hint: "Your θ fits the standardised features, not the raw ones: convert it back, θⱼ = tⱼ/σⱼ for j ≥ 1 and θ₀ = t₀ − Σⱼ tⱼ·μⱼ/σⱼ."},
			{ID: closedForm, Hint: "Fit returned the exact least-squares θ, which the specified gradient descent does not reach here: on nearly collinear features the cost is a valley with an almost flat floor, and 5 000 steps stop short along it. Fit must train as specified (standardise, exactly 5 000 steps of α = 0.1 from θ = 0 with your GradientDescent, convert back), not solve the normal equation nor run until convergence."},
			{ID: interceptScaled, Hint: "Your slopes are right but θ₀ is still t₀, the intercept of the standardised features (the mean prediction, at x = μ). Convert it too: θ₀ = t₀ − Σⱼ tⱼ·μⱼ/σⱼ, since t₀ + Σⱼ tⱼ(xⱼ − μⱼ)/σⱼ = θ₀ + Σⱼ θⱼxⱼ."},
			{ID: sampleStd, Hint: "Fit scaled the features by the sample standard deviation (dividing by m − 1). The course standardises with the population σ, dividing by m: √(Σᵢ (xᵢ − μ)²/m) (gonum's stat.PopStdDev, not stat.StdDev). On well-conditioned data both reach the same θ; when 5 000 steps stop short, the scale decides where."},
			{ID: "input-mutated", Hint: "GradientDescent or Fit changed an argument it was given. Work on a copy of theta0 (slices.Clone; mat.NewVecDense(n, theta0) shares its memory), and standardise into a new matrix, not into X."},
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
	closedForm      = "closed-form-fit"
	interceptScaled = "intercept-not-converted"
	sampleStd       = "sample-std"
)

// fitAlpha and fitSteps are how Fit trains, as the README specifies: 5 000 steps of α = 0.1 from
// θ = 0 on the standardised features.
const (
	fitAlpha = 0.1
	fitSteps = 5000
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

// risesAt returns the first step k at which history[k] > history[k−1] beyond the rounding that
// tolCost allows (a cost computed another way, such as ½θᵀGθ − θᵀb + c, wobbles by 1e-14 near
// the minimum) or is not finite, and the first step at which it is not finite; 0 for none.
func risesAt(history []float64) (rise, inf int) {
	for k := 1; k < len(history); k++ {
		h := history[k]
		if rise == 0 && (h > history[k-1] && !grader.Near(h, history[k-1], tolCost) || math.IsNaN(h) || math.IsInf(h, 0)) {
			rise = k
		}
		if math.IsNaN(h) || math.IsInf(h, 0) {
			return rise, k
		}
	}
	return rise, 0
}

// startsLike reports whether the first costs of got, up to step rise and one more, are those of
// the run ref (both finite there): a diverging run is told by where it starts, since its end
// is rounding amplified, or Inf.
func startsLike(got, ref []float64, rise int) bool {
	n := min(rise+2, len(got), len(ref))
	for k := range n {
		if math.IsNaN(got[k]) || math.IsInf(got[k], 0) || math.IsInf(ref[k], 0) {
			n = k
			break
		}
	}
	return n > rise && grader.NearSlice(got[:n], ref[:n], grader.Rel(1e-6))
}

// longRun returns the cost history of gradient descent whose gradient is a sum over the rows,
// not a mean: steps m times too long.
func longRun(X *mat.Dense, y, theta0 []float64, alpha float64, iters int) []float64 {
	m, _ := X.Dims()
	_, h := descend(X, y, theta0, alpha*float64(m), iters, false)
	return h
}

// checkRun compares a learner's run with the reference, naming the mistakes, and checks that
// the history ends at the cost of the θ returned.
func checkRun(t *grader.T, X *mat.Dense, y, theta0 []float64, alpha float64, iters int, what string, gotTheta, gotHist []float64) {
	wantTheta, wantHist := descend(X, y, theta0, alpha, iters, false)
	t.Label("the run of " + what) // what the mistakes below are about
	if len(gotHist) == iters && iters > 0 {
		first := grader.NearSlice(gotHist, wantHist[:iters], tolCost)
		t.Mistake(first || grader.NearSlice(gotHist, wantHist[1:], tolCost), historyOffByOne, fmt.Sprintf(
			"your history has %s for %s, want %d: it leaves out %s",
			count(len(gotHist), "cost"), count(iters, "step"), iters+1, map[bool]string{true: "the cost after the last step", false: "J(θ₀)"}[first]))
	}
	if len(gotHist) == iters+1 && iters > 0 {
		// The cost recorded at the top of each step, before θ moves: J(θ₀) twice, the last missing.
		before := append([]float64{wantHist[0]}, wantHist[:iters]...)
		t.Mistake(grader.NearSlice(gotHist, before, tolCost) && !grader.NearSlice(gotHist, wantHist, tolCost), historyOffByOne, fmt.Sprintf(
			"your history starts %s and ends at %s: each entry is the cost before a step, not after it, so J(θ₀) comes twice and the cost of the θ you return, %s, is missing",
			grader.Nums(gotHist[:2]), grader.Num(gotHist[iters]), grader.Num(wantHist[iters])))
	}
	upTheta, _ := descend(X, y, theta0, -alpha, iters, false)
	t.Mistake(iters > 0 && grader.NearSlice(gotTheta, upTheta, tolTheta) && !grader.NearSlice(gotTheta, wantTheta, tolTheta), stepUphill,
		fmt.Sprintf("θ = %s, want %s: what θ ← θ + α·∇J gives", grader.Nums(gotTheta), grader.Nums(wantTheta)))
	m, _ := X.Dims()
	if longTheta, _ := descend(X, y, theta0, alpha*float64(m), iters, false); m > 1 && iters > 0 {
		t.Mistake(grader.NearSlice(gotTheta, longTheta, tolTheta), gradSum, fmt.Sprintf(
			"θ = %s, want %s: what steps m = %d times too long give", grader.Nums(gotTheta), grader.Nums(wantTheta), m))
	}
	if seqTheta, seqHist := descend(X, y, theta0, alpha, iters, true); iters > 0 {
		t.Mistake(grader.NearSlice(gotHist, seqHist, tolCost) && grader.NearSlice(gotTheta, seqTheta, tolTheta) &&
			!grader.NearSlice(gotHist, wantHist, tolCost), sequential,
			fmt.Sprintf("θ = %s, want %s: what moving θⱼ one after the other gives", grader.Nums(gotTheta), grader.Nums(wantTheta)))
	}
	if wr, _ := risesAt(wantHist); wr == 0 {
		if rise, inf := risesAt(gotHist); rise > 0 && len(gotHist) > rise {
			msg := fmt.Sprintf("your cost rose from %s to %s at step %d", grader.Num(gotHist[rise-1]), grader.Num(gotHist[rise]), rise)
			if inf > 0 {
				msg += fmt.Sprintf(" and was %s at step %d", grader.Num(gotHist[inf]), inf)
			}
			// A run that blew up no longer matches the uphill or too-long runs at the end; its
			// first steps still say which it is.
			_, upHist := descend(X, y, theta0, -alpha, iters, false)
			t.Mistake(startsLike(gotHist, upHist, rise), stepUphill, msg+": what θ ← θ + α·∇J gives")
			if longHist := longRun(X, y, theta0, alpha, iters); m > 1 {
				t.Mistake(startsLike(gotHist, longHist, rise), gradSum, fmt.Sprintf("%s: what steps m = %d times too long give", msg, m))
			}
			t.Mistake(true, diverged, msg+fmt.Sprintf(", while gradient descent with α = %s falls at every step", grader.Num(alpha)))
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
	if len(gotHist) == iters+1 && len(gotTheta) == len(theta0) && allFinite(gotTheta) {
		// The history and θ must tell the same story: its last entry is the cost of the θ returned.
		j := optim.NewLeastSquares(X, y, optim.L2{}).LossGrad(nil, gotTheta)
		t.True(grader.Near(gotHist[iters], j, tc),
			"the last cost of your history for %s, %s, is not the cost of the θ you return, J(θ) = %s: history[%d] must be J after the last step, at the θ you return",
			what, grader.Num(gotHist[iters]), grader.Num(j), iters)
	}
}

func oneStep(t *grader.T) {
	X, y := small()
	// By hand: at θ = (0, 0) the residuals are (−1, −2, −3) and ∇J = Xᵀr/3 = (−2, −14/3), so one
	// step of α = 0.1 gives θ = (0.2, 0.4667); J(θ₀) = 14/6.
	theta, hist := run(t, X, y, []float64{0, 0}, 0.1, 1)
	checkRun(t, X, y, []float64{0, 0}, 0.1, 1, "one step of α = 0.1 from θ = (0, 0) on x = y = (1, 2, 3)", theta, hist)
	t.Label("θ after one step, by hand")
	t.CloseSlice(theta, []float64{0.2, 0.1 * 14 / 3}, tolTheta)
	// One example, the row (1, 2) with y = 3: at θ = (0, 0) the residual is −3, so ∇J = (−3, −6)
	// and one step of α = 0.1 gives θ = (0.3, 0.6); J goes from 9/2 to (1.5 − 3)²/2 = 1.125.
	X1, y1 := mat.NewDense(1, 2, []float64{1, 2}), []float64{3}
	theta, hist = run(t, X1, y1, []float64{0, 0}, 0.1, 1)
	checkRun(t, X1, y1, []float64{0, 0}, 0.1, 1, "one step of α = 0.1 from θ = (0, 0) on one example, X = [1 2], y = [3]", theta, hist)
	t.Label("θ after one step on one example, by hand")
	t.CloseSlice(theta, []float64{0.3, 0.6}, tolTheta)
	t.Label("the cost history of one step on one example, by hand")
	t.CloseSlice(hist, []float64{4.5, 1.125}, tolCost)
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

// measuredTwice returns m synthetic houses whose size was recorded twice: in square feet from
// the listing and as the surveyed floor area in square metres, which agree to about 3 m²
// (correlation about 0.999), with bedrooms and prices as in houses. On such nearly collinear
// features the standardised cost is a valley with an almost flat floor: the smallest eigenvalue
// of ZᵀZ/m is about 1e-3, so 5 000 steps of α = 0.1 cover only part of the way along it and
// stop well short of the least-squares θ, whose coefficients for the two sizes fit the noise
// of the survey (one large and positive, the other negative).
func measuredTwice(rng *rand.Rand, m int) (*mat.Dense, []float64) {
	X := mat.NewDense(m, 3, nil)
	y := make([]float64, m)
	for i := range m {
		size := 800 + 3200*rng.Float64()
		beds := math.Max(1, math.Min(5, math.Round(size/900+rng.NormFloat64()*0.7)))
		X.Set(i, 0, size)
		X.Set(i, 1, size*0.09290304+3*rng.NormFloat64())
		X.Set(i, 2, beds)
		y[i] = 50000 + 120*size + 8000*beds + 20000*rng.NormFloat64()
	}
	return X, y
}

// fitReference is Fit as the exercise specifies it: standardise each column of X with its mean
// and population σ (or, with sample, the sample σ: a mistake), add the ones column, run fitSteps
// steps of α = fitAlpha from θ = 0, and convert θ back. It returns θ in raw units and t, the θ
// of the standardised features.
func fitReference(X *mat.Dense, y []float64, sample bool) (theta, t []float64) {
	m, n := X.Dims()
	var s preprocess.StandardScaler
	s.Fit(X)
	sd := append([]float64(nil), s.Scale...)
	if sample {
		floats.Scale(math.Sqrt(float64(m)/float64(m-1)), sd)
	}
	Z := mat.NewDense(m, n+1, nil)
	for i := range m {
		Z.Set(i, 0, 1)
		for j := range n {
			Z.Set(i, j+1, (X.At(i, j)-s.Mean[j])/sd[j])
		}
	}
	t, _ = descend(Z, y, make([]float64, n+1), fitAlpha, fitSteps, false)
	theta = make([]float64, n+1)
	theta[0] = t[0]
	for j := range n {
		theta[j+1] = t[j+1] / sd[j]
		theta[0] -= t[j+1] * s.Mean[j] / sd[j]
	}
	return theta, t
}

// checkFit compares got, what the learner's Fit returned for X and y, with Fit as specified,
// naming a θ left in standardised units, a closed-form solve, the sample σ, and a run stopped
// short of a minimum that the specified run reaches.
func checkFit(t *grader.T, X *mat.Dense, y, got []float64, what string) {
	if !allFinite(got) {
		t.Fatalf("Fit returned θ = %s on %s: gradient descent diverged inside Fit. Make GradientDescent pass its checks first, and run it on standardised features with α = 0.1", grader.Nums(got), what)
	}
	A := preprocess.AddBias(nil, X)
	ls := leastSquares(A, y)
	want, scaled := fitReference(X, y, false)
	// On well-conditioned features the specified run reaches the least-squares θ; on nearly
	// collinear ones it stops short, and then a closed-form solve shows.
	converged := grader.NearSlice(want, ls, tolOLS)
	t.Label("θ that Fit returned for " + what)
	t.Mistake(grader.NearSlice(got, scaled, grader.Rel(1e-4).PlusAbs(1e-6)), scaledUnits,
		fmt.Sprintf("θ = %s, want %s: the θ of the standardised features", grader.Nums(got), grader.Nums(want)))
	t.Mistake(len(got) == len(want) && grader.NearSlice(got[1:], want[1:], tolOLS) &&
		grader.Near(got[0], scaled[0], grader.Rel(1e-4).PlusAbs(1e-6)) && !grader.Near(got[0], want[0], tolOLS), interceptScaled,
		fmt.Sprintf("θ₀ = %s, want %s: t₀, the intercept of the standardised features; the other components are right", grader.Num(got[0]), grader.Num(want[0])))
	if !converged {
		t.Mistake(grader.NearSlice(got, ls, tolOLS), closedForm, fmt.Sprintf(
			"θ = %s, the least-squares θ; %d steps of α = %s from θ = 0 on the standardised features give %s",
			grader.Nums(got), fitSteps, grader.Num(fitAlpha), grader.Nums(want)))
	}
	if sampleTheta, _ := fitReference(X, y, true); !grader.NearSlice(sampleTheta, want, tolOLS) {
		t.Mistake(grader.NearSlice(got, sampleTheta, tolOLS), sampleStd, fmt.Sprintf(
			"θ = %s, want %s: what features divided by the sample σ give", grader.Nums(got), grader.Nums(want)))
	}
	if converged && len(got) == len(want) && !grader.NearSlice(got, want, tolOLS) {
		// Far from the minimum (1 % above its cost or more) but on the way there from θ = 0 (at
		// most half of J(0)): where a run on raw features stops. A θ that barely moved from 0,
		// or one a hair from the minimum, has another cause.
		obj := optim.NewLeastSquares(A, y, optim.L2{})
		j, jBest, j0 := obj.LossGrad(nil, got), obj.LossGrad(nil, want), obj.LossGrad(nil, make([]float64, len(want)))
		t.Mistake(1.01*jBest < j && j < j0/2, notConverged, fmt.Sprintf(
			"θ = %s, want %s: its cost J = %s is %s %% above the least-squares J = %s",
			grader.Nums(got), grader.Nums(want), grader.Num(j), grader.Num(roundTo(100*(j-jBest)/jBest, 3)), grader.Num(jBest)))
	}
	if converged {
		t.Label("θ that Fit returned for " + what + ", against the least-squares θ")
	} else {
		t.Label(fmt.Sprintf("θ that Fit returned for %s, against %d steps of α = %s from θ = 0 on the standardised features", what, fitSteps, grader.Num(fitAlpha)))
	}
	t.CloseSlice(got, want, tolOLS)
}

// count returns "1 step", "2 steps".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// roundTo rounds x to k significant digits, for a percentage in a message.
func roundTo(x float64, k int) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	p := math.Pow(10, float64(k-1)-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

func fitRaw(t *grader.T) {
	X, y := houses(rand.New(rand.NewPCG(2026, 47)), 47)
	got := t.Call("Fit", X, y).Floats()
	want := leastSquares(preprocess.AddBias(nil, X), y)
	plotFit(t, X, y, got, want)
	checkFit(t, X, y, got, "47 houses")
}

func fitCollinear(t *grader.T) {
	X, y := measuredTwice(rand.New(rand.NewPCG(2026, 48)), 47)
	got := t.Call("Fit", X, y).Floats()
	checkFit(t, X, y, got, "47 houses with their size in ft² and their surveyed area in m²")
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
