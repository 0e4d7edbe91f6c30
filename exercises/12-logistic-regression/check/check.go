// Package check grades exercise 12, logistic-regression: a stable sigmoid, the log loss and its
// gradient, gradient descent, and predictions, on two Gaussian blobs in the plane and on the
// breast cancer data (standardised).
//
// Expected values come from mlkit: optim.Logistic for the loss and gradient (computed from the
// logits, softplus(z) − y·z, stable for any z), optim.Minimize with optim.GD for the fit (the
// same steps from θ = 0), metrics.Accuracy for accuracy; the sigmoid and the blobs' labels are
// computed here. The mistakes are recognised from values: NaN from the sigmoid at ±800, an
// infinite loss for confident wrong predictions or the loss of clipped probabilities, a loss of
// 0.125 at θ = 0 (squared error) or m times the right one, a gradient equal to linear
// regression's, to minus the right one or to m times it, a history one loss short, and
// predictions that exclude the boundary or compare the logits with the threshold.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/optim"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "logistic-regression",
		Title: "Logistic regression: a stable sigmoid, log loss, gradient descent and predictions",
		Dir:   "exercises/12-logistic-regression",
		Functions: []grader.Func{
			{Name: "Sigmoid", Signature: "func(z float64) float64"},
			{Name: "LogLoss", Signature: "func(X *mat.Dense, y []int, theta []float64) float64"},
			{Name: "LogLossGrad", Signature: "func(X *mat.Dense, y []int, theta []float64) []float64"},
			{Name: "Fit", Signature: "func(X *mat.Dense, y []int, alpha float64, iters int) (theta, history []float64)"},
			{Name: "PredictProba", Signature: "func(X *mat.Dense, theta []float64) []float64"},
			{Name: "Predict", Signature: "func(X *mat.Dense, theta []float64, threshold float64) []int"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/metrics/...",
			"gonum.org/v1/gonum/stat/...",
			"gonum.org/v1/gonum/optimize/...",
		},
		Checks: append([]grader.Check{
			{Name: "Sigmoid is exact and finite from −800 to 800", Points: 1, Run: sigmoid},
			{Name: "LogLoss at θ = 0 is ln 2 on any data", Points: 1, Run: lossAtZero},
			{Name: "LogLoss on two Gaussian blobs", Points: 1, Run: lossBlobs},
			{Name: "LogLoss stays finite for confident wrong predictions", Points: 1, Run: lossConfident},
			{Name: "LogLossGrad matches the analytic gradient and central differences", Points: 2, Run: gradBlobs},
			{Name: "Fit: gradient descent on the blobs, θ and the loss history", Points: 2, Run: fitBlobs},
			{Name: "PredictProba and Predict with thresholds 0.5 and 0.9", Points: 1, Run: predict},
			{Name: "Breast cancer: test accuracy of at least 0.95", Points: 2, Run: breastCancer},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Logistic regression is linear regression passed through σ(z) = 1/(1 + e⁻ᶻ): p = σ(Xθ). Its loss is the cross-entropy −1/m·Σ[y·log p + (1−y)·log(1−p)], and its gradient has the same form as linear regression's, 1/m·Xᵀ(p − y), with p = σ(Xθ) in place of Xθ.",
			"Two things overflow or round. e⁻ᶻ for z = −800 is +Inf (fine in 1/(1+Inf) = 0, but eᶻ/(1+eᶻ) at z = 800 is Inf/Inf = NaN): branch on the sign of z so the exponential never exceeds 1. And σ(40) rounds to exactly 1, so log(1 − p) = −Inf: compute the loss from z instead, as softplus(z) − y·z with softplus(z) = max(z, 0) + log1p(e^−|z|).",
			"Sigmoid: if z >= 0 { return 1/(1+math.Exp(-z)) }; e := math.Exp(z); return e/(1+e). LogLoss: mean over rows of math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - y·z. Fit: θ := zeros; history := [LogLoss(θ)]; repeat iters times { g := LogLossGrad(θ); θⱼ -= α·gⱼ for all j; append LogLoss(θ) }.",
		},
		Mistakes: []grader.Mistake{
			{ID: sigmoidOverflow, Hint: "eᶻ overflows to +Inf for z > 709, and eᶻ/(1 + eᶻ) is then Inf/Inf = NaN. Branch on the sign of z so that the exponential never exceeds 1: 1/(1 + e⁻ᶻ) for z ≥ 0, eᶻ/(1 + eᶻ) for z < 0."},
			{ID: logOfZero, Hint: "For z ≥ 37, σ(z) rounds to exactly 1 (and to 0 for z ≤ −745), so log(1 − p) = log 0 = −Inf, and 0·log 0 is NaN. Compute the loss from z instead of p: each term is softplus(z) − y·z, with softplus(z) = max(z, 0) + log1p(e^−|z|), finite for every z."},
			{ID: clippedProbabilities, Hint: "Your loss clips p to [ε, 1 − ε] before taking logs: that keeps it finite but caps each confident wrong answer at −log ε, while its true cost grows like |z|. Compute the loss from z: softplus(z) − y·z with softplus(z) = max(z, 0) + log1p(e^−|z|) needs no clipping and is exact."},
			{ID: usedMSE, Hint: "Your loss is the squared error 1/(2m)·Σ(p − y)² of the probabilities: logistic regression uses the cross-entropy −1/m·Σ[y·log p + (1 − y)·log(1 − p)], which is ln 2 ≈ 0.693 at θ = 0. The squared error of a sigmoid is not convex, and its gradient vanishes for confident mistakes."},
			{ID: noSigmoidInGrad, Hint: "Your gradient is linear regression's, 1/m·Xᵀ(Xθ − y): logistic regression's is 1/m·Xᵀ(σ(Xθ) − y), with the predicted probabilities σ(Xθ) in place of Xθ."},
			{ID: gradientSignFlipped, Hint: "Your gradient has the wrong sign: it points downhill. The residual is predicted minus true, σ(Xθ) − y, not y − σ(Xθ): ∇J = 1/m·Xᵀ(σ(Xθ) − y) points uphill, and gradient descent subtracts it."},
			{ID: lossSumNotMean, Hint: "Your loss is m times too big: it sums the per-row losses. The log loss is their mean, −1/m·Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)], so that it is ln 2 at θ = 0 whatever the number of rows."},
			{ID: gradientSumNotMean, Hint: "Your gradient is m times ∇J: it sums the per-row gradients (pᵢ − yᵢ)·xᵢ. Average them: ∇J = 1/m·Xᵀ(σ(Xθ) − y). Without the 1/m the step α·∇J grows with the number of rows and gradient descent overshoots."},
			{ID: strictThreshold, Hint: "Predict says 1 where p ≥ threshold: a point exactly on the boundary (p equal to the threshold; z = 0 for 0.5) is class 1. Compare with >=, not >."},
			{ID: thresholdOnLogit, Hint: "The threshold is a probability: compare p = σ(z) with it, not the logit z = xᵢ·θ. (p ≥ 0.5 is the same as z ≥ 0, but z ≥ 0.5 is not.) Use PredictProba's probabilities in Predict."},
			{ID: historyOffByOne, Hint: "history[k] is the loss after k steps, so it starts with the loss at θ = 0 (ln 2, before any step) and has iters + 1 values: append LogLoss once before the loop and once after each step."},
		},
	}
}

// The mistakes the checks recognise.
const (
	sigmoidOverflow      = "sigmoid-overflow"
	logOfZero            = "log-of-zero"
	clippedProbabilities = "clipped-probabilities"
	usedMSE              = "used-mse"
	noSigmoidInGrad      = "no-sigmoid-in-grad"
	gradientSignFlipped  = "gradient-sign-flipped"
	historyOffByOne      = "history-off-by-one"
	lossSumNotMean       = "loss-sum-not-mean"
	gradientSumNotMean   = "gradient-sum-not-mean"
	strictThreshold      = "strict-threshold"
	thresholdOnLogit     = "threshold-on-logit"
)

var (
	// tolValue is for losses, gradients and probabilities: a few roundings of sums of m terms.
	tolValue = grader.Rel(1e-9).PlusAbs(1e-12)
	// tolFit is for θ and the loss history after hundreds of gradient steps: each step is a
	// contraction near the minimum, so rounding differences (1e-16 per step) do not grow.
	tolFit = grader.Rel(1e-8).PlusAbs(1e-10)
)

// sigma is the stable sigmoid.
func sigma(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// blobs returns n points of each class: class 0 around c0, class 1 around c1, with standard
// deviation sd, as the design matrix [1 x₁ x₂] and labels, the classes interleaved.
func blobs(rng *rand.Rand, n int, c0, c1 [2]float64, sd float64) (*mat.Dense, []int) {
	X := mat.NewDense(2*n, 3, nil)
	y := make([]int, 2*n)
	for i := range 2 * n {
		c := c0
		if i%2 == 1 {
			c, y[i] = c1, 1
		}
		X.SetRow(i, []float64{1, c[0] + sd*rng.NormFloat64(), c[1] + sd*rng.NormFloat64()})
	}
	return X, y
}

// visibleBlobs returns the visible blobs: 100 points around (0, 0) and 100 around (2.5, 2).
func visibleBlobs() (*mat.Dense, []int) {
	return blobs(rand.New(rand.NewPCG(2026, 12)), 100, [2]float64{0, 0}, [2]float64{2.5, 2}, 1)
}

func floatLabels(y []int) []float64 {
	f := make([]float64, len(y))
	for i, v := range y {
		f[i] = float64(v)
	}
	return f
}

// refLossGrad returns the reference log loss and gradient.
func refLossGrad(X *mat.Dense, y []int, theta []float64) (float64, []float64) {
	g := make([]float64, len(theta))
	return optim.NewLogistic(X, floatLabels(y), optim.L2{}).LossGrad(g, theta), g
}

// refFit runs the reference gradient descent.
func refFit(t *grader.T, X *mat.Dense, y []int, alpha float64, iters int) (theta, history []float64) {
	_, n := X.Dims()
	if iters == 0 { // Settings.Epochs = 0 would mean the default number of steps
		theta = make([]float64, n)
		loss, _ := refLossGrad(X, y, theta)
		return theta, []float64{loss}
	}
	r, err := optim.Minimize(optim.NewLogistic(X, floatLabels(y), optim.L2{}), make([]float64, n), optim.GD{LearningRate: alpha}, &optim.Settings{Epochs: iters})
	if err != nil {
		t.Fatalf("internal: the reference gradient descent failed: %v", err)
	}
	return r.Theta, r.Loss
}

// mse returns 1/(2m)·Σ(σ(xᵢθ) − yᵢ)², the squared error of the probabilities.
func mse(X *mat.Dense, y []int, theta []float64) float64 {
	m, n := X.Dims()
	z := make([]float64, m)
	mat.NewVecDense(m, z).MulVec(X, mat.NewVecDense(n, theta))
	s := 0.0
	for i := range z {
		d := sigma(z[i]) - float64(y[i])
		s += d * d
	}
	return s / (2 * float64(m))
}

// clipped returns the cross-entropy with p clipped to [eps, 1 − eps].
func clipped(X *mat.Dense, y []int, theta []float64, eps float64) float64 {
	m, n := X.Dims()
	z := make([]float64, m)
	mat.NewVecDense(m, z).MulVec(X, mat.NewVecDense(n, theta))
	s := 0.0
	for i := range z {
		p := min(max(sigma(z[i]), eps), 1-eps)
		if y[i] == 1 {
			s -= math.Log(p)
		} else {
			s -= math.Log(1 - p)
		}
	}
	return s / float64(m)
}

func negated(x []float64) []float64 { return scaled(x, -1) }

func scaled(x []float64, c float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = c * v
	}
	return out
}

// linearGrad returns linear regression's gradient 1/m·Xᵀ(Xθ − y).
func linearGrad(X *mat.Dense, y []int, theta []float64) []float64 {
	g := make([]float64, len(theta))
	optim.NewLeastSquares(X, floatLabels(y), optim.L2{}).LossGrad(g, theta)
	return g
}

func sigmoid(t *grader.T) {
	for _, z := range []float64{0, 1, -1, 5, -5, 40, -40, 700, -700, 800, -800} {
		got := t.Call("Sigmoid", z).Float()
		t.Mistake(math.IsNaN(got) || math.IsInf(got, 0), sigmoidOverflow,
			fmt.Sprintf("Sigmoid(%g) returned %v: e^%g overflows to +Inf", z, got, math.Abs(z)))
		t.Label(fmt.Sprintf("Sigmoid(%g)", z))
		t.Close(got, sigma(z), grader.Rel(1e-12).PlusAbs(1e-300))
	}
}

// checkLossAtZero checks LogLoss(X, y, 0) = ln 2.
func checkLossAtZero(t *grader.T, X *mat.Dense, y []int, what string) {
	_, n := X.Dims()
	got := t.Call("LogLoss", X, y, make([]float64, n)).Float()
	t.Mistake(grader.Near(got, 0.125, tolValue) || grader.Near(got, 0.25, tolValue), usedMSE,
		fmt.Sprintf("LogLoss at θ = 0 is %s: the squared error of p = 0.5 (0.5² = 0.25, halved 0.125), not ln 2", grader.Num(got)))
	m, _ := X.Dims()
	t.Mistake(grader.Near(got, float64(m)*math.Ln2, tolValue), lossSumNotMean,
		fmt.Sprintf("LogLoss at θ = 0 is %s = %d·ln 2, for %d rows", grader.Num(got), m, m))
	t.Label("LogLoss(θ = 0) on " + what + " (p = 0.5 for every row, so the loss is −log 0.5 = ln 2)")
	t.Close(got, math.Ln2, tolValue)
}

func lossAtZero(t *grader.T) {
	X, y := visibleBlobs()
	checkLossAtZero(t, X, y, "the blobs")
	bc := datasets.BreastCancer()
	checkLossAtZero(t, preprocess.AddBias(nil, bc.X), bc.Labels(), "the breast cancer data (raw)")
}

// checkLoss compares LogLoss at θ with the reference.
func checkLoss(t *grader.T, X *mat.Dense, y []int, theta []float64, what string) {
	got := t.Call("LogLoss", X, y, theta).Float()
	want, _ := refLossGrad(X, y, theta)
	t.Mistake(!grader.Near(got, want, tolValue) && grader.Near(got, mse(X, y, theta), tolValue), usedMSE,
		fmt.Sprintf("your LogLoss is %s, the squared error 1/(2m)·Σ(p − y)²; the cross-entropy is %s", grader.Num(got), grader.Num(want)))
	m, _ := X.Dims()
	t.Mistake(!grader.Near(got, want, tolValue) && grader.Near(got, float64(m)*want, tolValue), lossSumNotMean,
		fmt.Sprintf("your LogLoss is %s, %d times %s", grader.Num(got), m, grader.Num(want)))
	t.Label(fmt.Sprintf("LogLoss on %s at θ = %s", what, grader.Nums(theta)))
	t.Close(got, want, tolValue)
}

func lossBlobs(t *grader.T) {
	X, y := visibleBlobs()
	checkLoss(t, X, y, []float64{-2, 0.8, 0.6}, "the blobs")
}

// checkConfident checks LogLoss where many predictions are confident and wrong.
func checkConfident(t *grader.T, X *mat.Dense, y []int, theta []float64, what string) {
	got := t.Call("LogLoss", X, y, theta).Float()
	want, _ := refLossGrad(X, y, theta)
	t.Mistake(math.IsInf(got, 0) || math.IsNaN(got), logOfZero,
		fmt.Sprintf("LogLoss returned %v where the right answer is %s", got, grader.Num(want)))
	if !grader.Near(got, want, tolValue) {
		m, _ := X.Dims()
		t.Mistake(grader.Near(got, float64(m)*want, tolValue), lossSumNotMean,
			fmt.Sprintf("your LogLoss is %s, %d times %s", grader.Num(got), m, grader.Num(want)))
		for _, eps := range []float64{1e-15, 1e-12, 1e-10, 1e-8, 1e-7, 1e-6} {
			t.Mistake(grader.Near(got, clipped(X, y, theta, eps), grader.Rel(1e-6)), clippedProbabilities,
				fmt.Sprintf("your loss %s is the cross-entropy with p clipped to [%g, 1 − %g], which caps each wrong answer at −log ε = %s; the true loss is %s", grader.Num(got), eps, eps, grader.Num(-math.Log(eps)), grader.Num(want)))
		}
	}
	t.Label(fmt.Sprintf("LogLoss on %s at θ = %s (many rows have |z| > 40 on the wrong side)", what, grader.Nums(theta)))
	t.Close(got, want, tolValue)
}

func lossConfident(t *grader.T) {
	X, y := visibleBlobs()
	checkConfident(t, X, y, []float64{60, -24, -18}, "the blobs") // the boundary flipped and steep
}

// checkGrad compares LogLossGrad at θ with the reference and with central differences.
func checkGrad(t *grader.T, X *mat.Dense, y []int, theta []float64, what string) {
	got := t.Call("LogLossGrad", X, y, theta).Floats()
	_, want := refLossGrad(X, y, theta)
	wrong := !grader.NearSlice(got, want, tolValue)
	t.Mistake(wrong && grader.NearSlice(got, linearGrad(X, y, theta), tolValue), noSigmoidInGrad, "")
	t.Mistake(wrong && grader.NearSlice(got, negated(want), tolValue), gradientSignFlipped,
		fmt.Sprintf("your gradient is %s, the negative of %s", grader.Nums(got), grader.Nums(want)))
	m, _ := X.Dims()
	t.Mistake(wrong && grader.NearSlice(got, scaled(want, float64(m)), tolValue), gradientSumNotMean,
		fmt.Sprintf("your gradient is %s, %d times %s", grader.Nums(got), m, grader.Nums(want)))
	if len(got) == len(theta) {
		obj := optim.Func{N: len(theta), Loss: func(th []float64) float64 { l, _ := refLossGrad(X, y, th); return l },
			Grad: func(dst, _ []float64) { copy(dst, got) }}
		if gc, err := optim.CheckGradient(obj, theta, 0); err == nil && gc.MaxRelErr > 1e-5 {
			t.Logf("central differences of the log loss disagree with your gradient at component %d: %s against %s (relative error %s)", gc.Index, grader.Num(gc.Analytic), grader.Num(gc.Numeric), grader.Num(gc.MaxRelErr))
		}
	}
	t.Label(fmt.Sprintf("LogLossGrad on %s at θ = %s", what, grader.Nums(theta)))
	t.CloseSlice(got, want, tolValue)
}

func gradBlobs(t *grader.T) {
	X, y := visibleBlobs()
	checkGrad(t, X, y, []float64{-2, 0.8, 0.6}, "the blobs")
	checkGrad(t, X, y, []float64{0.3, -0.2, 0.1}, "the blobs")
}

// checkFit runs Fit and compares θ and the history with the reference; it returns both of the
// learner's and the reference's.
func checkFit(t *grader.T, X *mat.Dense, y []int, alpha float64, iters int, what string) (theta, history, wantTheta, wantHistory []float64) {
	r := t.Call("Fit", X, y, alpha, iters)
	theta, history = r.Floats(), r.Out(1).Floats()
	wantTheta, wantHistory = refFit(t, X, y, alpha, iters)
	if len(history) == iters && iters > 0 {
		t.Mistake(grader.NearSlice(history, wantHistory[1:], tolFit) || grader.NearSlice(history, wantHistory[:iters], tolFit), historyOffByOne,
			fmt.Sprintf("your history has %d losses for %d steps, want %d", len(history), iters, iters+1))
		t.Fatalf("Fit returned a history of %d losses for %d steps, want %d: history[0] is the loss before the first step (ln 2 at θ = 0), history[k] after k steps", len(history), iters, iters+1)
	}
	firstRise := func(h []float64) int {
		for k := 1; k < len(h); k++ {
			if !(h[k] <= h[k-1]*(1+1e-12)) { // also true for NaN
				return k
			}
		}
		return 0
	}
	if k := firstRise(history); k > 0 && firstRise(wantHistory) == 0 {
		t.Logf("your loss rose at step %d (%s → %s), while the reference's falls at every step with this α: look at LogLossGrad and at the update θⱼ ← θⱼ − α·gⱼ", k, grader.Num(history[k-1]), grader.Num(history[k]))
	}
	t.Label(fmt.Sprintf("θ = Fit(%s, α = %s, %d steps)", what, grader.Num(alpha), iters))
	t.CloseSlice(theta, wantTheta, tolFit)
	t.Label(fmt.Sprintf("the loss history of Fit(%s, α = %s, %d steps)", what, grader.Num(alpha), iters))
	t.CloseSlice(history, wantHistory, tolFit)
	return theta, history, wantTheta, wantHistory
}

func fitBlobs(t *grader.T) {
	X, y := visibleBlobs()
	// No steps: θ stays at 0 and the history holds the loss before the first step.
	checkFit(t, X, y, 0.5, 0, "the blobs")
	theta, history, wantTheta, wantHistory := checkFit(t, X, y, 0.5, 300, "the blobs")
	plotBoundary(t, X, y, theta, wantTheta)
	runs := []mlplot.Line{{Name: "reference", Y: wantHistory}}
	if !slices.ContainsFunc(history, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) && len(history) > 0 {
		runs = append(runs, mlplot.Line{Name: "yours", Y: history, Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	if p, err := mlplot.LossCurves("Log loss during gradient descent (blobs, α = 0.5)", mlplot.Log, runs...); err == nil {
		p.X.Label.Text = "step"
		p.Y.Label.Text = "log loss"
		t.Plot("Loss curve on the blobs", p)
	}
}

// plotBoundary draws the blobs with the reference's decision boundary θ·(1, x₁, x₂) = 0 (solid)
// and the learner's (dashed).
func plotBoundary(t *grader.T, X *mat.Dense, y []int, got, want []float64) {
	var pts [2]mlplot.Points
	for c := range 2 {
		pts[c] = mlplot.Points{Name: fmt.Sprintf("class %d", c), Style: mlplot.Style{Color: mlplot.PaletteColor(c)}}
	}
	m, _ := X.Dims()
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range m {
		pts[y[i]].X = append(pts[y[i]].X, X.At(i, 1))
		pts[y[i]].Y = append(pts[y[i]].Y, X.At(i, 2))
		lo, hi = min(lo, X.At(i, 2)), max(hi, X.At(i, 2))
	}
	line := func(th []float64) func(float64) float64 {
		return func(x float64) float64 { return max(lo-5, min(hi+5, -(th[0]+th[1]*x)/th[2])) }
	}
	curves := []mlplot.Curve{{Name: "reference boundary, p = 0.5", F: line(want), Style: mlplot.Style{Color: mlplot.PaletteColor(6)}}}
	if len(got) == 3 && got[2] != 0 && !slices.ContainsFunc(got, math.IsNaN) {
		curves = append(curves, mlplot.Curve{Name: "your boundary", F: line(got), Style: mlplot.Style{Color: mlplot.PaletteColor(3), Dash: mlplot.Dashed}})
	}
	p, err := mlplot.Scatter("Decision boundary after 300 steps of gradient descent", pts[:], curves...)
	if err == nil {
		p.Y.Min, p.Y.Max = lo-0.5, hi+0.5
		p.X.Label.Text = "x₁"
		p.Y.Label.Text = "x₂"
		t.Plot("Decision boundary on the blobs", p)
	}
}

func predict(t *grader.T) {
	X := mat.NewDense(5, 2, []float64{1, -3, 1, 0, 1, 1, 1, 4, 1, -0.5})
	theta := []float64{0.5, 1}
	// By hand: z = −2.5, 0.5, 1.5, 4.5 and 0 (on the boundary: p = 0.5 exactly).
	want := []float64{sigma(-2.5), sigma(0.5), sigma(1.5), sigma(4.5), 0.5} // 0.076, 0.622, 0.818, 0.989, 0.5
	got := t.Call("PredictProba", X, theta).Floats()
	t.Label("PredictProba(X = [[1 −3] [1 0] [1 1] [1 4] [1 −0.5]], θ = [0.5 1])")
	t.CloseSlice(got, want, grader.Rel(1e-12))
	cases := []struct {
		threshold                float64
		want, strict, logitBased []int
	}{
		{0.5, []int{0, 1, 1, 1, 1}, []int{0, 1, 1, 1, 0}, []int{0, 1, 1, 1, 0}},
		{0.9, []int{0, 0, 0, 1, 0}, []int{0, 0, 0, 1, 0}, []int{0, 0, 1, 1, 0}},
	}
	got2 := make([][]int, len(cases))
	for k, c := range cases {
		got2[k] = t.Call("Predict", X, theta, c.threshold).Ints()
	}
	same := func(pick func(k int) []int) bool {
		for k := range cases {
			if !slices.Equal(got2[k], pick(k)) {
				return false
			}
		}
		return true
	}
	if !same(func(k int) []int { return cases[k].want }) {
		t.Mistake(same(func(k int) []int { return cases[k].strict }), strictThreshold,
			"the last row has p = 0.5 exactly, and your Predict(…, 0.5) calls it 0")
		t.Mistake(same(func(k int) []int { return cases[k].logitBased }), thresholdOnLogit,
			"your classes are z ≥ threshold for the logits z = −2.5, 0.5, 1.5, 4.5, 0, not p ≥ threshold")
	}
	for k, c := range cases {
		t.Label(fmt.Sprintf("Predict(the same X and θ, threshold %g), probabilities 0.076, 0.622, 0.818, 0.989, 0.5 (p ≥ threshold is class 1)", c.threshold))
		t.Equal(got2[k], c.want)
	}
}

// breastCancerSplit returns the breast cancer data split 80/20 (stratified), standardised with
// the training rows' statistics, with a ones column.
func breastCancerSplit() (Xtr *mat.Dense, ytr []int, Xte *mat.Dense, yte []int, err error) {
	bc := datasets.BreastCancer()
	y := bc.Labels()
	s, err := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: 0.2, Seed: 12})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var sc preprocess.StandardScaler
	Xtr = preprocess.AddBias(nil, sc.FitTransform(nil, data.TakeRows(bc.X, s.Train)))
	Xte = preprocess.AddBias(nil, sc.Transform(nil, data.TakeRows(bc.X, s.Test)))
	return Xtr, data.Take(y, s.Train), Xte, data.Take(y, s.Test), nil
}

func breastCancer(t *grader.T) {
	Xtr, ytr, Xte, yte, err := breastCancerSplit()
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	theta, _, wantTheta, _ := checkFit(t, Xtr, ytr, 0.1, 500, "the standardised breast cancer training rows (455)")
	_, n := Xte.Dims()
	if len(theta) != n {
		return
	}
	got := t.Call("Predict", Xte, theta, 0.5).Ints()
	wantAcc := metrics.Accuracy(yte, predictRef(Xte, wantTheta))
	if len(got) == len(yte) {
		acc := metrics.Accuracy(yte, got)
		t.Logf("test accuracy %.4f (reference %.4f; always answering the majority class gives %.4f)", acc, wantAcc, majority(yte))
		t.True(acc >= 0.95, "the test accuracy of your θ is %.4f, want ≥ 0.95 (the reference reaches %.4f)", acc, wantAcc)
	} else {
		t.Errorf("Predict returned %d labels for %d test rows", len(got), len(yte))
	}
}

func predictRef(X *mat.Dense, theta []float64) []int {
	m, n := X.Dims()
	z := make([]float64, m)
	mat.NewVecDense(m, z).MulVec(X, mat.NewVecDense(n, theta))
	out := make([]int, m)
	for i, v := range z {
		if sigma(v) >= 0.5 {
			out[i] = 1
		}
	}
	return out
}

// majority returns the accuracy of always predicting the most common class.
func majority(y []int) float64 {
	ones := 0
	for _, v := range y {
		ones += v
	}
	return float64(max(ones, len(y)-ones)) / float64(len(y))
}

func notMutated(t *grader.T) {
	X, y := visibleBlobs()
	theta := []float64{-2, 0.8, 0.6}
	t.NotMutated("LogLoss", X, y, theta)
	t.NotMutated("LogLossGrad", X, y, theta)
	t.NotMutated("Fit", X, y, 0.5, 5)
	t.NotMutated("PredictProba", X, theta)
	t.NotMutated("Predict", X, theta, 0.5)
}
