// Package check grades exercise 17, softmax-regression: a stable softmax, one-hot targets, the
// multinomial cross-entropy and its gradient, gradient descent and predictions, on iris, wine
// and digits.
//
// Expected values come from mlkit: optim.Softmax for the loss and gradient (a stable
// log-sum-exp over each row's logits), optim.Minimize with optim.GD for the fit (the same steps
// from Θ = 0), optim.CheckGradient for the central differences, metrics.Accuracy and
// metrics.ConfusionMatrix for the test sets; the softmax of a vector, the one-hot matrix and
// the arg max are computed here. The mistakes are recognised from values: NaN or ±Inf where a
// logit passes 709 (no max subtracted) or where a probability underflows (log of 0), the
// probabilities normalised over the examples instead of the classes, the labels moved one
// column, a loss m times too big or K times too small, a gradient m times too big, of the wrong
// sign, with the logits in place of the probabilities, or K×n, a Θ that is K×n, a history one
// loss short, and ties given to the last class.
package check

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"

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
		Slug:  "softmax-regression",
		Title: "Softmax regression: a stable softmax, one-hot targets, cross-entropy and gradient descent for K classes",
		Dir:   "exercises/17-softmax-regression",
		Functions: []grader.Func{
			{Name: "Softmax", Signature: "func(z []float64) []float64"},
			{Name: "OneHot", Signature: "func(y []int, k int) *mat.Dense"},
			{Name: "CrossEntropy", Signature: "func(X *mat.Dense, y []int, Theta *mat.Dense) float64"},
			{Name: "CrossEntropyGrad", Signature: "func(X *mat.Dense, y []int, Theta *mat.Dense) *mat.Dense"},
			{Name: "Fit", Signature: "func(X *mat.Dense, y []int, k int, alpha float64, iters int) (Theta *mat.Dense, history []float64)"},
			{Name: "PredictProba", Signature: "func(X, Theta *mat.Dense) *mat.Dense"},
			{Name: "Predict", Signature: "func(X, Theta *mat.Dense) []int"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/metrics/...",
			"gonum.org/v1/gonum/stat/...",
			"gonum.org/v1/gonum/optimize/...",
		},
		Checks: append([]grader.Check{
			{Name: "Softmax is exact and finite for huge and tiny logits", Points: 1, Run: softmaxCheck},
			{Name: "OneHot puts label c in column c", Points: 1, Run: oneHotCheck},
			{Name: "CrossEntropy at Θ = 0 is ln K on any data", Points: 1, Run: lossAtZero},
			{Name: "CrossEntropy on iris", Points: 1, Run: lossIris},
			{Name: "CrossEntropy and its gradient stay finite for huge logits", Points: 1, Run: lossHuge},
			{Name: "CrossEntropyGrad matches the reference and central differences", Points: 2, Run: gradCheck},
			{Name: "Fit: gradient descent on iris (petal length and width), Θ and the loss history", Points: 2, Run: fitIris},
			{Name: "PredictProba and Predict, ties to the lowest class", Points: 1, Run: predict},
			{Name: "Wine: test accuracy of at least 0.95", Points: 2, Run: wine},
			{Name: "Digits: 10 classes, test accuracy of at least 0.85 after 10 steps", Points: 2, Run: digits},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Softmax regression is logistic regression with K outputs: the logits of row i are the K values zᵢ = xᵢΘ (Θ is n×K, one column per class), the probabilities are their softmax e^zₖ / Σⱼ e^zⱼ, the loss is the mean of −log P(true class), and the gradient has logistic regression's shape, 1/m·Xᵀ(P − Y), with Y the one-hot matrix of the labels.",
			"Subtract the largest logit before exponentiating: e^(z − max z) never exceeds 1, and the probabilities do not change. For the loss, do not take the log of a probability (it may have rounded to 0): −log Pᵢ,y = LSE(zᵢ) − zᵢ,y with LSE(z) = max z + log Σₖ e^(zₖ − max z). The softmax and the LSE run along each row of XΘ, over the K classes, never down a column.",
			"Softmax: mx := slices.Max(z); p[k] = math.Exp(z[k]-mx); divide each by their sum. CrossEntropy: Z.Mul(X, Θ); for each row i: sum += lse(Z row i) − Z[i][y[i]]; return sum/m. CrossEntropyGrad: P := each row of Z through Softmax; P[i][y[i]] −= 1; G.Mul(X.T(), P); G.Scale(1/m, G). Fit: Θ := mat.NewDense(n, k, nil); history := [CrossEntropy(Θ)]; repeat iters times { G := CrossEntropyGrad(Θ); Θ −= α·G; append CrossEntropy(Θ) }. Predict: the first index of the largest logit of each row (compare with >, not >=).",
		},
		Mistakes: []grader.Mistake{
			{ID: noMaxSubtraction, Hint: "e^z overflows to +Inf for z > 709 (and underflows to 0 below −745), so e^z / Σ e^z becomes Inf/Inf = NaN or 0/0. Subtract the row's largest logit first: e^(z − max z) / Σ e^(z − max z) is the same probability, and every exponential is then at most 1. For the loss, log Σ e^z = max z + log Σ e^(z − max z)."},
			{ID: logOfZero, Hint: "A probability far below 1e-308 rounds to 0, and −log 0 = +Inf (and 0·log 0 = NaN when you sum Yᵢₖ·log Pᵢₖ over every class). Never take the log of a probability: −log Pᵢ,y = LSE(zᵢ) − zᵢ,y, with LSE(z) = max z + log Σₖ e^(zₖ − max z), is finite for every logit, and exact."},
			{ID: wrongAxis, Hint: "Your probabilities are normalised down each column of XΘ, over the examples, so each class's column sums to 1. The softmax runs along each row, over the K classes: row i of P is Softmax(row i of XΘ), and each row sums to 1. The same holds for the log-sum-exp of the loss."},
			{ID: oneHotOffByOne, Hint: "Label c belongs in column c: labels here are 0, 1, …, K−1 (Go's indexing), not 1, …, K as in Octave or R. Row i of OneHot(y, k) is zeros except Y[i][y[i]] = 1; no label may lose its 1, and no shift or wrap-around."},
			{ID: lossSumNotMean, Hint: "Your loss is m times too big: it sums the per-row cross-entropies. J is their mean, 1/m·Σᵢ −log Pᵢ,yᵢ, so that it is ln K at Θ = 0 whatever the number of rows."},
			{ID: lossMeanOverClasses, Hint: "Your loss is K times too small: it averages −Yᵢₖ·log Pᵢₖ over all m·K entries of the matrix (numpy's mean over both axes). Sum over the K classes (only the true class's term is not 0), then average over the m rows: J = 1/m·Σᵢ Σₖ −Yᵢₖ·log Pᵢₖ, which is ln K at Θ = 0."},
			{ID: gradientSumNotMean, Hint: "Your gradient is m times ∇J: it sums the per-row gradients. Divide by the number of rows: ∇J = 1/m·Xᵀ(P − Y). Without the 1/m the step α·∇J grows with m and gradient descent overshoots."},
			{ID: noSoftmaxInGrad, Hint: "Your gradient is linear regression's, 1/m·Xᵀ(XΘ − Y), with the logits in it: softmax regression's is 1/m·Xᵀ(P − Y), with P the softmax of each row of XΘ, the predicted probabilities."},
			{ID: gradientSignFlipped, Hint: "Your gradient has the wrong sign: the residual is predicted minus true, P − Y, not Y − P. ∇J = 1/m·Xᵀ(P − Y) points uphill, and gradient descent subtracts it."},
			{ID: thetaTransposed, Hint: "Θ and the gradient are n×K here: one row per column of X (the bias row first), one column per class, so that the logits are XΘ (m×K). scikit-learn's coef_ is the transpose, K×n. Compute the gradient as Xᵀ(P − Y) (n×K), not (P − Y)ᵀX, and start Fit from mat.NewDense(n, k, nil)."},
			{ID: historyOffByOne, Hint: "history[s] is the loss after s steps, so it starts with the loss at Θ = 0 (ln K, before any step) and has iters + 1 values: append CrossEntropy once before the loop and once after each step."},
			{ID: argmaxLastOnTies, Hint: "On a tie Predict returns the lowest class index. Scanning the classes in order and replacing the best only when a logit is strictly greater (>, not >=) keeps the first of equal maxima."},
		},
	}
}

// The mistakes the checks recognise.
const (
	noMaxSubtraction    = "no-max-subtraction"
	logOfZero           = "log-of-zero"
	wrongAxis           = "wrong-axis"
	oneHotOffByOne      = "one-hot-off-by-one"
	lossSumNotMean      = "loss-sum-not-mean"
	lossMeanOverClasses = "loss-mean-over-classes"
	gradientSumNotMean  = "gradient-sum-not-mean"
	gradientSignFlipped = "gradient-sign-flipped"
	noSoftmaxInGrad     = "no-softmax-in-grad"
	thetaTransposed     = "theta-transposed"
	historyOffByOne     = "history-off-by-one"
	argmaxLastOnTies    = "argmax-last-on-ties"
)

var (
	// tolProb is for the softmax of a vector: a few roundings per probability, and below about
	// 1e-300 (where e^(z − max z) is subnormal) any tiny value is accepted.
	tolProb = grader.Rel(1e-12).PlusAbs(1e-300)
	// tolValue is for losses, gradients and probabilities of a data set: a few roundings of
	// sums of m terms.
	tolValue = grader.Rel(1e-9).PlusAbs(1e-12)
	// tolFit is for Θ and the loss history after gradient descent: near the minimum each step
	// is a contraction, so rounding differences (1e-16 per step) do not grow.
	tolFit = grader.Rel(1e-8).PlusAbs(1e-10)
	// gradCheckMax is the largest relative error of central differences accepted for a
	// gradient: a correct one gives about 1e-8, a wrong one 0.1 or more.
	gradCheckMax = 1e-5
)

// softmaxRef returns the softmax of z, with the largest logit subtracted.
func softmaxRef(z []float64) []float64 {
	mx := slices.Max(z)
	p := make([]float64, len(z))
	s := 0.0
	for k, v := range z {
		p[k] = math.Exp(v - mx)
		s += p[k]
	}
	for k := range p {
		p[k] /= s
	}
	return p
}

// lse returns log Σₖ e^zₖ, computed stably.
func lse(z []float64) float64 {
	mx := slices.Max(z)
	s := 0.0
	for _, v := range z {
		s += math.Exp(v - mx)
	}
	return mx + math.Log(s)
}

// oneHotRef returns the m×k one-hot matrix of y.
func oneHotRef(y []int, k int) *mat.Dense {
	Y := mat.NewDense(len(y), k, nil)
	for i, c := range y {
		Y.Set(i, c, 1)
	}
	return Y
}

// logits returns XΘ.
func logits(X, Theta *mat.Dense) *mat.Dense {
	var Z mat.Dense
	Z.Mul(X, Theta)
	return &Z
}

// probaRef returns the softmax of each row of XΘ.
func probaRef(X, Theta *mat.Dense) *mat.Dense {
	Z := logits(X, Theta)
	m, _ := Z.Dims()
	for i := range m {
		Z.SetRow(i, softmaxRef(Z.RawRowView(i)))
	}
	return Z
}

// probaColumns returns the softmax of each column of XΘ: the wrong axis.
func probaColumns(X, Theta *mat.Dense) *mat.Dense {
	Z := logits(X, Theta)
	_, k := Z.Dims()
	for c := range k {
		Z.SetCol(c, softmaxRef(mat.Col(nil, c, Z)))
	}
	return Z
}

// predictRef returns the first index of the largest logit of each row of XΘ.
func predictRef(X, Theta *mat.Dense) []int {
	Z := logits(X, Theta)
	m, _ := Z.Dims()
	out := make([]int, m)
	for i := range m {
		out[i] = argmax(Z.RawRowView(i))
	}
	return out
}

// argmax returns the first index of the largest value.
func argmax(z []float64) int {
	best := 0
	for c := range z {
		if z[c] > z[best] {
			best = c
		}
	}
	return best
}

// classes returns the number of columns of Θ.
func classes(Theta *mat.Dense) int {
	_, k := Theta.Dims()
	return k
}

// refLossGrad returns the reference cross-entropy and its gradient (n×K).
func refLossGrad(X *mat.Dense, y []int, Theta *mat.Dense) (float64, *mat.Dense) {
	n, k := Theta.Dims()
	g := make([]float64, n*k)
	loss := optim.NewSoftmax(X, y, k, optim.L2{}).LossGrad(g, mat.DenseCopyOf(Theta).RawMatrix().Data)
	return loss, mat.NewDense(n, k, g)
}

// refFit runs the reference gradient descent.
func refFit(t *grader.T, X *mat.Dense, y []int, k int, alpha float64, iters int) (*mat.Dense, []float64) {
	_, n := X.Dims()
	if iters == 0 { // Settings.Epochs = 0 would mean the default number of steps
		Theta := mat.NewDense(n, k, nil)
		loss, _ := refLossGrad(X, y, Theta)
		return Theta, []float64{loss}
	}
	r, err := optim.Minimize(optim.NewSoftmax(X, y, k, optim.L2{}), make([]float64, n*k), optim.GD{LearningRate: alpha}, &optim.Settings{Epochs: iters})
	if err != nil {
		t.Fatalf("internal: the reference gradient descent failed: %v", err)
	}
	return mat.NewDense(n, k, r.Theta), r.Loss
}

// lossWith returns a cross-entropy with the target matrix Y in place of the one-hot labels, in
// the two forms that agree when every row of Y holds one 1: 1/m·Σᵢ Σₖ Yᵢₖ·(LSE(zᵢ) − zᵢₖ), and
// 1/m·Σᵢ [LSE(zᵢ) − Σₖ Yᵢₖ·zᵢₖ]. For a row of zeros the first gives 0 and the second LSE(zᵢ).
func lossWith(X, Theta, Y *mat.Dense) (perClass, perRow float64) {
	Z := logits(X, Theta)
	m, k := Z.Dims()
	for i := range m {
		z := Z.RawRowView(i)
		l := lse(z)
		perRow += l
		for c := range k {
			perClass += Y.At(i, c) * (l - z[c])
			perRow -= Y.At(i, c) * z[c]
		}
	}
	return perClass / float64(m), perRow / float64(m)
}

// gradWith returns 1/m·Xᵀ(P − Y) for given probabilities P and targets Y.
func gradWith(X, P, Y *mat.Dense) *mat.Dense {
	m, _ := X.Dims()
	var R, G mat.Dense
	R.Sub(P, Y)
	G.Mul(X.T(), &R)
	G.Scale(1/float64(m), &G)
	return &G
}

// lossColumns returns the cross-entropy of the probabilities normalised over each column:
// 1/m·Σᵢ [LSE(column yᵢ of XΘ) − zᵢ,yᵢ], the wrong axis.
func lossColumns(X *mat.Dense, y []int, Theta *mat.Dense) float64 {
	Z := logits(X, Theta)
	m, k := Z.Dims()
	col := make([]float64, k)
	for c := range k {
		col[c] = lse(mat.Col(nil, c, Z))
	}
	s := 0.0
	for i := range m {
		s += col[y[i]] - Z.At(i, y[i])
	}
	return s / float64(m)
}

// shift is one way of putting the labels in the wrong column: label c in column c + d, and a
// label that falls off either end dropped (a row of zeros) or wrapped around.
type shift struct {
	d    int
	wrap bool
}

var shifts = []shift{{-1, false}, {-1, true}, {1, false}, {1, true}}

func (s shift) String() string {
	switch {
	case s.d < 0 && !s.wrap:
		return "label c is in column c − 1, and label 0 has no 1 at all"
	case s.d < 0:
		return "label c is in column c − 1, and label 0 in the last column"
	case !s.wrap:
		return "label c is in column c + 1, and the last label has no 1 at all"
	}
	return "label c is in column c + 1, and the last label in column 0"
}

// oneHot returns the shifted one-hot matrix.
func (s shift) oneHot(y []int, k int) *mat.Dense {
	Y := mat.NewDense(len(y), k, nil)
	for i, c := range y {
		col := c + s.d
		if s.wrap {
			col = (col + k) % k
		}
		if col >= 0 && col < k {
			Y.Set(i, col, 1)
		}
	}
	return Y
}

func hasNonFinite(v []float64) bool {
	return slices.ContainsFunc(v, func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) })
}

func denseNonFinite(M *mat.Dense) bool {
	if M == nil {
		return false
	}
	r, c := M.Dims()
	for i := range r {
		for j := range c {
			if v := M.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return true
			}
		}
	}
	return false
}

// scaledDense returns c·M.
func scaledDense(M *mat.Dense, c float64) *mat.Dense {
	var out mat.Dense
	out.Scale(c, M)
	return &out
}

// dims returns the shape of M, 0×0 for nil.
func dims(M *mat.Dense) (int, int) {
	if M == nil {
		return 0, 0
	}
	return M.Dims()
}

// formatMatrix prints a small matrix row by row: [[1 0 0] [0 1 0]].
func formatMatrix(M *mat.Dense) string {
	if M == nil {
		return "nil"
	}
	r, _ := M.Dims()
	rows := make([]string, r)
	for i := range r {
		rows[i] = grader.Nums(mat.Row(nil, i, M))
	}
	return fmt.Sprint(rows)
}

func softmaxCheck(t *grader.T) {
	for _, c := range []struct {
		z    []float64
		note string
	}{
		{[]float64{1, 2, 3}, "e⁰, e¹, e² over their sum: 0.090, 0.245, 0.665"},
		{[]float64{0, 0, 0, 0}, "equal logits: ¼ each"},
		{[]float64{5}, "one class: probability 1"},
		{[]float64{1000, 999, 998}, "the same as [2 1 0]: e^1000 overflows, e^(z − 1000) does not"},
		{[]float64{-1000, -1001, -1002}, "the same as [2 1 0]: e^−1000 underflows to 0"},
		{[]float64{800, -800, 0}, "[1 0 0] after rounding"},
	} {
		got := t.Call("Softmax", c.z).Floats()
		t.Mistake(hasNonFinite(got), noMaxSubtraction,
			fmt.Sprintf("Softmax(%s) returned %s", grader.Nums(c.z), grader.Nums(got)))
		t.Label(fmt.Sprintf("Softmax(%s) (%s)", grader.Nums(c.z), c.note))
		t.CloseSlice(got, softmaxRef(c.z), tolProb)
	}
}

// checkOneHot compares OneHot(y, k) with the one-hot matrix, exactly.
func checkOneHot(t *grader.T, y []int, k int) {
	got := t.Call("OneHot", y, k).Dense()
	want := oneHotRef(y, k)
	if !grader.NearMatrix(got, want, grader.Tol{}) {
		for _, s := range shifts {
			t.Mistake(grader.NearMatrix(got, s.oneHot(y, k), grader.Tol{}), oneHotOffByOne,
				fmt.Sprintf("OneHot(%v, %d) returned %s: %s", y, k, formatMatrix(got), s))
		}
	}
	t.Label(fmt.Sprintf("OneHot(y = %v, k = %d), whose row i has its 1 in column y[i]", y, k))
	t.CloseMatrix(got, want, grader.Tol{})
}

func oneHotCheck(t *grader.T) {
	checkOneHot(t, []int{2, 0, 1, 2, 0}, 3)
	checkOneHot(t, []int{1, 3, 1}, 5) // classes 0, 2 and 4 have no example: columns of zeros
	checkOneHot(t, []int{0, 0}, 1)    // one class: a column of ones
}

// lossMistakes names the mistake a wrong loss matches; subject names the value in the details
// ("your loss"). A value that two different mistakes would give names neither: at Θ = 0 the
// loss depends on the labels only through their counts, and with two balanced classes the
// labels moved one column (half the rows without a 1) and the mean over the m·K entries both
// give ln 2 / 2.
func lossMistakes(t *grader.T, X *mat.Dense, y []int, Theta *mat.Dense, got, want float64, subject string) {
	if grader.Near(got, want, tolValue) {
		return
	}
	m, _ := X.Dims()
	k := classes(Theta)
	type match struct{ id, detail string }
	var found []match
	look := func(value float64, id, detail string) {
		if grader.Near(got, value, tolValue) {
			found = append(found, match{id, detail})
		}
	}
	look(float64(m)*want, lossSumNotMean,
		fmt.Sprintf("%s is %s, %d times %s", subject, grader.Num(got), m, grader.Num(want)))
	look(want/float64(k), lossMeanOverClasses,
		fmt.Sprintf("%s is %s, %s divided by K = %d", subject, grader.Num(got), grader.Num(want), k))
	look(lossColumns(X, y, Theta), wrongAxis,
		fmt.Sprintf("%s, %s, is what the probabilities give when each column of XΘ (the %d examples) is normalised, not each row (the %d classes)", subject, grader.Num(got), m, k))
	for _, s := range shifts {
		a, b := lossWith(X, Theta, s.oneHot(y, k))
		detail := fmt.Sprintf("%s, %s, is the cross-entropy of the labels in the wrong columns (%s)", subject, grader.Num(got), s)
		look(a, oneHotOffByOne, detail)
		look(b, oneHotOffByOne, detail)
	}
	if len(found) > 0 && !slices.ContainsFunc(found, func(f match) bool { return f.id != found[0].id }) {
		t.Mistake(true, found[0].id, found[0].detail)
	}
}

// checkLoss compares CrossEntropy at Θ with the reference.
func checkLoss(t *grader.T, X *mat.Dense, y []int, Theta *mat.Dense, what string) {
	got := t.Call("CrossEntropy", X, y, Theta).Float()
	want, _ := refLossGrad(X, y, Theta)
	lossMistakes(t, X, y, Theta, got, want, "your loss")
	t.Label(fmt.Sprintf("CrossEntropy on %s at %s", what, thetaName(Theta)))
	t.Close(got, want, tolValue)
}

// thetaName describes Θ in a message: its values when small, else its shape.
func thetaName(Theta *mat.Dense) string {
	n, k := Theta.Dims()
	if n*k <= 15 {
		return "Θ = " + formatMatrix(Theta)
	}
	return fmt.Sprintf("a %d×%d Θ", n, k)
}

// checkLossAtZero checks CrossEntropy(X, y, 0) = ln K.
func checkLossAtZero(t *grader.T, X *mat.Dense, y []int, k int, what string) {
	_, n := X.Dims()
	Theta := mat.NewDense(n, k, nil)
	got := t.Call("CrossEntropy", X, y, Theta).Float()
	want, _ := refLossGrad(X, y, Theta)
	lossMistakes(t, X, y, Theta, got, want, "your loss")
	t.Label(fmt.Sprintf("CrossEntropy(Θ = 0) on %s (every class has probability 1/%d, so the loss is ln %d = %s)", what, k, k, grader.Num(math.Log(float64(k)))))
	t.Close(got, want, tolValue)
}

// irisDesign returns the iris data with the given feature columns, standardised over all 150
// rows, with a ones column first.
func irisDesign(cols ...int) (*mat.Dense, []int) {
	d := datasets.Iris()
	m, _ := d.X.Dims()
	f := mat.NewDense(m, len(cols), nil)
	for j, c := range cols {
		f.SetCol(j, mat.Col(nil, c, d.X))
	}
	var sc preprocess.StandardScaler
	return preprocess.AddBias(nil, sc.FitTransform(nil, f)), d.Labels()
}

// irisTheta is a 5×3 Θ for the four standardised iris features: class 0 for short petals,
// class 2 for long ones, and some weight on the sepals.
func irisTheta() *mat.Dense {
	return mat.NewDense(5, 3, []float64{
		0.5, 1, -1.5,
		-1, 0.2, 0.8,
		0.5, -0.5, 0,
		-1.5, 0.3, 1.2,
		-1, 0, 1,
	})
}

// digitsDesign returns the digits with the pixels divided by 16 (so in [0, 1]) and a ones
// column, split in halves keeping the class proportions (898 training rows: a pass over them
// costs about a millisecond, so Fit's 10 steps stay fast).
func digitsDesign() (Xtr *mat.Dense, ytr []int, Xte *mat.Dense, yte []int, err error) {
	d := datasets.Digits()
	y := d.Labels()
	s, err := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: 0.5, Seed: 17})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	X := preprocess.AddBias(nil, d.X)
	m, n := X.Dims()
	for i := range m {
		for j := 1; j < n; j++ {
			X.Set(i, j, X.At(i, j)/16)
		}
	}
	return data.TakeRows(X, s.Train), data.Take(y, s.Train), data.TakeRows(X, s.Test), data.Take(y, s.Test), nil
}

// wineDesign returns the wine data split 80/20 keeping the class proportions, standardised
// with the training rows' statistics, with a ones column.
func wineDesign() (Xtr *mat.Dense, ytr []int, Xte *mat.Dense, yte []int, err error) {
	d := datasets.Wine()
	y := d.Labels()
	s, err := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: 0.2, Seed: 17})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var sc preprocess.StandardScaler
	Xtr = preprocess.AddBias(nil, sc.FitTransform(nil, data.TakeRows(d.X, s.Train)))
	Xte = preprocess.AddBias(nil, sc.Transform(nil, data.TakeRows(d.X, s.Test)))
	return Xtr, data.Take(y, s.Train), Xte, data.Take(y, s.Test), nil
}

func lossAtZero(t *grader.T) {
	X, y := irisDesign(0, 1, 2, 3)
	checkLossAtZero(t, X, y, 3, "iris (150 rows, 3 classes)")
	Xw, yw, _, _, err := wineDesign()
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	checkLossAtZero(t, Xw, yw, 3, "wine's training rows (142 rows)")
	// 5 classes, two of them absent from y: still ln 5, since the sum is over the K columns of Θ.
	checkLossAtZero(t, X, y, 5, "iris with K = 5 classes (classes 3 and 4 have no example)")
}

func lossIris(t *grader.T) {
	X, y := irisDesign(0, 1, 2, 3)
	checkLoss(t, X, y, irisTheta(), "iris (standardised)")
}

// checkHuge checks CrossEntropy and CrossEntropyGrad where the logits are huge: first at Θ
// with bias + shift for every class (the probabilities, the loss and the gradient do not
// change, and e^z overflows or underflows unless the maximum is subtracted), then at steep·Θ,
// where some true classes get probabilities that round to 0.
func checkHuge(t *grader.T, X *mat.Dense, y []int, Theta *mat.Dense, shifts []float64, steep float64, what string) {
	for _, c := range shifts {
		shifted := mat.DenseCopyOf(Theta)
		for k := range classes(Theta) {
			shifted.Set(0, k, shifted.At(0, k)+c)
		}
		got := t.Call("CrossEntropy", X, y, shifted).Float()
		want, wantGrad := refLossGrad(X, y, shifted)
		t.Mistake(math.IsNaN(got) || math.IsInf(got, 0), noMaxSubtraction,
			fmt.Sprintf("CrossEntropy returned %v with every logit moved by %s, which changes no probability: the loss is still %s", got, grader.Num(c), grader.Num(want)))
		lossMistakes(t, X, y, shifted, got, want, "your loss")
		t.Label(fmt.Sprintf("CrossEntropy on %s with %s added to every logit (the bias row of Θ moved by %s)", what, grader.Num(c), grader.Num(c)))
		t.Close(got, want, tolValue)
		g := t.Call("CrossEntropyGrad", X, y, shifted).Dense()
		t.Mistake(denseNonFinite(g), noMaxSubtraction,
			fmt.Sprintf("CrossEntropyGrad returned NaN or ±Inf with every logit moved by %s, which changes no probability", grader.Num(c)))
		gradMistakes(t, X, y, shifted, g, wantGrad)
		t.Label(fmt.Sprintf("CrossEntropyGrad on %s with %s added to every logit", what, grader.Num(c)))
		t.CloseMatrix(g, wantGrad, tolValue)
	}
	var steepTheta mat.Dense
	steepTheta.Scale(steep, Theta)
	got := t.Call("CrossEntropy", X, y, &steepTheta).Float()
	want, _ := refLossGrad(X, y, &steepTheta)
	t.Mistake(math.IsNaN(got) || math.IsInf(got, 0), logOfZero,
		fmt.Sprintf("CrossEntropy returned %v where the right answer is %s: at %s·Θ some probabilities are far below 1e-308 and round to 0", got, grader.Num(want), grader.Num(steep)))
	lossMistakes(t, X, y, &steepTheta, got, want, "your loss")
	t.Label(fmt.Sprintf("CrossEntropy on %s at %s·Θ (logits in the hundreds; some rows are confidently wrong)", what, grader.Num(steep)))
	t.Close(got, want, tolValue)
}

func lossHuge(t *grader.T) {
	X, y := irisDesign(0, 1, 2, 3)
	checkHuge(t, X, y, irisTheta(), []float64{1000, -1000}, -150, "iris")
}

// gradMistakes names the mistakes a wrong gradient matches.
func gradMistakes(t *grader.T, X *mat.Dense, y []int, Theta, got, want *mat.Dense) {
	if grader.NearMatrix(got, want, tolValue) {
		return
	}
	n, k := Theta.Dims()
	m, _ := X.Dims()
	t.Mistake(grader.NearMatrix(got, scaledDense(want, -1), tolValue), gradientSignFlipped,
		"your gradient is the negative of the right one")
	t.Mistake(grader.NearMatrix(got, scaledDense(want, float64(m)), tolValue), gradientSumNotMean,
		fmt.Sprintf("your gradient is %d times the right one", m))
	t.Mistake(grader.NearMatrix(got, gradWith(X, logits(X, Theta), oneHotRef(y, k)), tolValue), noSoftmaxInGrad,
		"your gradient is 1/m·Xᵀ(XΘ − Y), with the logits where the probabilities belong")
	t.Mistake(grader.NearMatrix(got, want.T(), tolValue), thetaTransposed,
		fmt.Sprintf("your gradient is %d×%d, the transpose of the %d×%d right one", k, n, n, k))
	t.Mistake(grader.NearMatrix(got, gradWith(X, probaColumns(X, Theta), oneHotRef(y, k)), tolValue), wrongAxis,
		fmt.Sprintf("your gradient is 1/m·Xᵀ(P − Y) with P normalised down each column of XΘ (over the %d examples), not along each row (over the %d classes)", m, k))
	for _, s := range shifts {
		t.Mistake(grader.NearMatrix(got, gradWith(X, probaRef(X, Theta), s.oneHot(y, k)), tolValue), oneHotOffByOne,
			fmt.Sprintf("your gradient is 1/m·Xᵀ(P − Y) with the labels in the wrong columns of Y (%s)", s))
	}
}

// checkGrad compares CrossEntropyGrad at Θ with the reference and with central differences of
// the reference loss.
func checkGrad(t *grader.T, X *mat.Dense, y []int, Theta *mat.Dense, what string) {
	got := t.Call("CrossEntropyGrad", X, y, Theta).Dense()
	_, want := refLossGrad(X, y, Theta)
	n, k := Theta.Dims()
	gradMistakes(t, X, y, Theta, got, want)
	if r, c := dims(got); r == n && c == k && !denseNonFinite(got) {
		flat := mat.DenseCopyOf(got).RawMatrix().Data
		obj := optim.Func{N: n * k, Loss: func(th []float64) float64 {
			l, _ := refLossGrad(X, y, mat.NewDense(n, k, th))
			return l
		}, Grad: func(dst, _ []float64) { copy(dst, flat) }}
		gc, err := optim.CheckGradient(obj, mat.DenseCopyOf(Theta).RawMatrix().Data, 0)
		if err != nil {
			t.Fatalf("internal: %v", err)
		}
		t.True(gc.MaxRelErr <= gradCheckMax,
			"central differences of the cross-entropy disagree with your gradient at Θ[%d][%d]: yours is %s, (J(Θ + h) − J(Θ − h))/2h is %s (relative error %s, want at most %s)",
			gc.Index/k, gc.Index%k, grader.Num(gc.Analytic), grader.Num(gc.Numeric), grader.Num(gc.MaxRelErr), grader.Num(gradCheckMax))
	}
	t.Label(fmt.Sprintf("CrossEntropyGrad on %s at %s", what, thetaName(Theta)))
	t.CloseMatrix(got, want, tolValue)
}

func gradCheck(t *grader.T) {
	X, y := irisDesign(0, 1, 2, 3)
	checkGrad(t, X, y, irisTheta(), "iris (standardised)")
	Xw, yw, _, _, err := wineDesign()
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	// A Θ for wine with small, varied entries: Θ[j][k] = sin(3j + 7k)/2.
	_, n := Xw.Dims()
	Tw := mat.NewDense(n, 3, nil)
	for j := range n {
		for k := range 3 {
			Tw.Set(j, k, math.Sin(float64(3*j+7*k))/2)
		}
	}
	checkGrad(t, Xw, yw, Tw, "wine's training rows (standardised)")
}

// checkFit runs Fit and compares Θ and the history with the reference; it returns both the
// learner's and the reference's.
func checkFit(t *grader.T, X *mat.Dense, y []int, k int, alpha float64, iters int, what string) (Theta *mat.Dense, history []float64, wantTheta *mat.Dense, wantHistory []float64) {
	r := t.Call("Fit", X, y, k, alpha, iters)
	Theta, history = r.Dense(), r.Out(1).Floats()
	wantTheta, wantHistory = refFit(t, X, y, k, alpha, iters)
	if len(history) == iters && iters > 0 {
		t.Mistake(grader.NearSlice(history, wantHistory[1:], tolFit) || grader.NearSlice(history, wantHistory[:iters], tolFit), historyOffByOne,
			fmt.Sprintf("your history has %d losses for %d steps, want %d", len(history), iters, iters+1))
		t.Fatalf("Fit returned a history of %d losses for %d steps, want %d: history[0] is the loss before the first step (ln %d at Θ = 0), history[s] after s steps", len(history), iters, iters+1, k)
	}
	firstRise := func(h []float64) int {
		for s := 1; s < len(h); s++ {
			if !(h[s] <= h[s-1]*(1+1e-12)) { // also true for NaN
				return s
			}
		}
		return 0
	}
	if s := firstRise(history); s > 0 && firstRise(wantHistory) == 0 {
		t.Logf("your loss rose at step %d (%s → %s), while the reference's falls at every step with this α: look at CrossEntropyGrad and at the update Θ ← Θ − α·∇J", s, grader.Num(history[s-1]), grader.Num(history[s]))
	}
	if len(history) > 0 {
		// history[0] is the loss at Θ = 0: the loss checks' mistakes show there too.
		_, n := X.Dims()
		lossMistakes(t, X, y, mat.NewDense(n, k, nil), history[0], wantHistory[0], "history[0], your loss at Θ = 0")
	}
	n, _ := wantTheta.Dims()
	if r, c := dims(Theta); !grader.NearMatrix(Theta, wantTheta, tolFit) && r == k && c == n {
		t.Mistake(grader.NearMatrix(Theta, wantTheta.T(), tolFit), thetaTransposed,
			fmt.Sprintf("your Θ is %d×%d (a row per class), the transpose of the %d×%d reference", k, n, n, k))
	}
	t.Label(fmt.Sprintf("Θ = Fit(%s, k = %d, α = %s, %d steps)", what, k, grader.Num(alpha), iters))
	t.CloseMatrix(Theta, wantTheta, tolFit)
	t.Label(fmt.Sprintf("the loss history of Fit(%s, k = %d, α = %s, %d steps)", what, k, grader.Num(alpha), iters))
	t.CloseSlice(history, wantHistory, tolFit)
	return Theta, history, wantTheta, wantHistory
}

func fitIris(t *grader.T) {
	X, y := irisDesign(2, 3) // petal length and width
	// No steps: Θ stays at 0 and the history holds the loss before the first step.
	checkFit(t, X, y, 3, 0.5, 0, "iris, petal length and width")
	Theta, history, wantTheta, wantHistory := checkFit(t, X, y, 3, 0.5, 300, "iris, petal length and width")
	plotRegions(t, X, y, Theta, wantTheta)
	// Two classes, versicolor (0) and virginica (1): exercise 12's problem, with two columns.
	X2, y2 := mat.NewDense(100, 3, nil), make([]int, 100)
	for i := range 100 {
		X2.SetRow(i, X.RawRowView(50+i))
		y2[i] = y[50+i] - 1
	}
	checkFit(t, X2, y2, 2, 0.5, 100, "iris versicolor (0) and virginica (1), petal length and width")
	runs := []mlplot.Line{{Name: "reference", Y: wantHistory}}
	if !hasNonFinite(history) && len(history) > 0 {
		runs = append(runs, mlplot.Line{Name: "yours", Y: history, Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	if p, err := mlplot.LossCurves("Cross-entropy during gradient descent (iris, α = 0.5)", mlplot.Log, runs...); err == nil {
		p.X.Label.Text = "step"
		p.Y.Label.Text = "cross-entropy"
		t.Plot("Loss curve on iris", p)
	}
}

// plotRegions draws the decision regions of the learner's Θ beside the reference's, over the
// standardised petal length and width.
func plotRegions(t *grader.T, X *mat.Dense, y []int, got, want *mat.Dense) {
	x1, x2 := mat.Col(nil, 1, X), mat.Col(nil, 2, X)
	names := datasets.Iris().Classes
	panel := func(title string, Theta *mat.Dense) *gplot.Plot {
		p, err := mlplot.DecisionBoundary(title, mlplot.Boundary{
			Predict: func(a, b float64) int {
				var z [3]float64
				for c := range z {
					z[c] = Theta.At(0, c) + a*Theta.At(1, c) + b*Theta.At(2, c)
				}
				return argmax(z[:])
			},
			X1: x1, X2: x2, Labels: y, Classes: names,
		})
		if err != nil {
			return nil
		}
		p.X.Label.Text = "petal length (standardised)"
		p.Y.Label.Text = "petal width (standardised)"
		return p
	}
	ref := panel("Reference: 300 steps of gradient descent", want)
	if r, c := dims(got); r != 3 || c != 3 || denseNonFinite(got) {
		if ref != nil {
			t.Plot("Decision regions on iris", ref)
		}
		return
	}
	if yours := panel("Yours: Fit(…, α = 0.5, 300 steps)", got); yours != nil && ref != nil {
		t.Plot("Decision regions on iris", mlplot.SideBySide("Softmax regression on iris: the class with the largest logit", yours, ref))
	}
}

func predict(t *grader.T) {
	// By hand: the logits of row (1, x) are (x, 1, −x). x = 0: (0, 1, 0), class 1. x = 1:
	// (1, 1, −1), a tie between classes 0 and 1, so class 0. x = 2: (2, 1, −2), class 0.
	// x = −1: (−1, 1, 1), a tie between classes 1 and 2, so class 1.
	X := mat.NewDense(4, 2, []float64{1, 0, 1, 1, 1, 2, 1, -1})
	Theta := mat.NewDense(2, 3, []float64{0, 1, 0, 1, 0, -1})
	got := t.Call("PredictProba", X, Theta).Dense()
	want := probaRef(X, Theta) // row 0: (1, e, 1)/(2 + e) = (0.212, 0.576, 0.212)
	if !grader.NearMatrix(got, want, tolValue) {
		t.Mistake(grader.NearMatrix(got, probaColumns(X, Theta), tolValue), wrongAxis,
			fmt.Sprintf("PredictProba returned %s: each column sums to 1, not each row", formatMatrix(got)))
	}
	t.Label("PredictProba(X = [[1 0] [1 1] [1 2] [1 −1]], Θ = [[0 1 0] [1 0 −1]]): row i is the softmax of the logits (x, 1, −x)")
	t.CloseMatrix(got, want, tolValue)
	classes := t.Call("Predict", X, Theta).Ints()
	wantClasses := []int{1, 0, 0, 1}
	t.Mistake(slices.Equal(classes, []int{1, 1, 0, 2}), argmaxLastOnTies,
		"rows 1 and 3 have tied logits, (1, 1, −1) and (−1, 1, 1), and your Predict picks the last of the tied classes")
	t.Label("Predict(the same X and Θ): the logits are (0, 1, 0), (1, 1, −1), (2, 1, −2) and (−1, 1, 1); on a tie the lowest class")
	t.Equal(classes, wantClasses)
}

// checkAccuracy predicts the test rows with the learner's Θ, checks the accuracy against min,
// and returns the predictions (nil if Predict returned the wrong number).
func checkAccuracy(t *grader.T, Xte *mat.Dense, yte []int, Theta, wantTheta *mat.Dense, min float64) []int {
	_, n := Xte.Dims()
	if r, _ := dims(Theta); r != n {
		return nil
	}
	got := t.Call("Predict", Xte, Theta).Ints()
	wantAcc := metrics.Accuracy(yte, predictRef(Xte, wantTheta))
	if !t.True(len(got) == len(yte), "Predict returned %d labels for %d test rows", len(got), len(yte)) {
		return nil
	}
	acc := metrics.Accuracy(yte, got)
	t.Logf("test accuracy %.4f (reference %.4f; always answering the most common class gives %.4f)", acc, wantAcc, majority(yte))
	t.True(acc >= min, "the test accuracy of your Θ is %.4f, want ≥ %.2f (the reference reaches %.4f)", acc, min, wantAcc)
	return got
}

// majority returns the accuracy of always predicting the most common class.
func majority(y []int) float64 {
	counts := map[int]int{}
	best := 0
	for _, v := range y {
		counts[v]++
		best = max(best, counts[v])
	}
	return float64(best) / float64(len(y))
}

func wine(t *grader.T) {
	Xtr, ytr, Xte, yte, err := wineDesign()
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	Theta, _, wantTheta, _ := checkFit(t, Xtr, ytr, 3, 0.5, 100, "wine's 142 training rows (standardised)")
	checkAccuracy(t, Xte, yte, Theta, wantTheta, 0.95)
}

func digits(t *grader.T) {
	Xtr, ytr, Xte, yte, err := digitsDesign()
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	Theta, _, wantTheta, _ := checkFit(t, Xtr, ytr, 10, 1, 10, "the digits' 898 training rows (pixels / 16)")
	got := checkAccuracy(t, Xte, yte, Theta, wantTheta, 0.85)
	if got == nil {
		return
	}
	var panels []*gplot.Plot
	for _, c := range []struct {
		title string
		pred  []int
	}{{"Yours", got}, {"Reference", predictRef(Xte, wantTheta)}} {
		p, err := mlplot.ConfusionMatrix(fmt.Sprintf("%s: accuracy %.3f", c.title, metrics.Accuracy(yte, c.pred)), metrics.ConfusionMatrix(yte, c.pred, 10), nil)
		if err != nil {
			return
		}
		p.X.Label.Text = "predicted digit"
		p.Y.Label.Text = "true digit"
		panels = append(panels, p)
	}
	t.Plot("Digits confusion matrices", mlplot.SideBySide("Digits: the 899 test images after 10 steps of gradient descent", panels...))
}

func notMutated(t *grader.T) {
	X, y, _, _, err := wineDesign() // y is shuffled: sorting it would show
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	_, n := X.Dims()
	Theta := mat.NewDense(n, 3, nil)
	for j := range n {
		Theta.Set(j, j%3, float64(j%5)-2)
	}
	t.NotMutated("Softmax", []float64{3, 1, 2})
	t.NotMutated("OneHot", []int{2, 0, 1}, 3)
	t.NotMutated("CrossEntropy", X, y, Theta)
	t.NotMutated("CrossEntropyGrad", X, y, Theta)
	t.NotMutated("Fit", X, y, 3, 0.5, 3)
	t.NotMutated("PredictProba", X, Theta)
	t.NotMutated("Predict", X, Theta)
}
