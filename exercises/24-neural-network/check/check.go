// Package check grades exercise 24, neural-network: a one-hidden-layer perceptron (tanh hidden
// units, softmax output) written from scratch — its forward pass, its loss and gradient by
// backpropagation, a seeded Glorot initialisation and mini-batch SGD, on the digits.
//
// Expected values come from mlkit/neural (Net.PredictProba, Net.LossGrad, Init, TrainFrom),
// which is tested against scikit-learn's MLPClassifier. The gradient is also checked by
// central differences of the learner's own loss, as a learner would check it. The mistakes are
// recognised from values: a hidden-layer gradient without the tanh derivative or with it taken
// of the pre-activation, an output-layer gradient that is c×h's transpose, the biases in the
// penalty, a gradient m times too big, NaN where a logit passes 709 (no max subtracted) or
// where a probability underflows (log of 0), weights that are all zero, and batches taken in
// row order every epoch.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/neural"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "neural-network",
		Title: "A neural network from scratch",
		Dir:   "exercises/24-neural-network",
		Functions: []grader.Func{
			{Name: "Init", Signature: "func(p, h, c int, seed uint64) Params"},
			{Name: "Forward", Signature: "func(params Params, X *mat.Dense) *mat.Dense"},
			{Name: "LossAndGrad", Signature: "func(params Params, X *mat.Dense, y []int, lambda float64) (loss float64, grad Params)"},
			{Name: "Train", Signature: "func(X *mat.Dense, y []int, hidden, epochs, batch int, lr float64, seed uint64) (params Params, history []float64)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/neural/...",
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
		},
		Checks: append([]grader.Check{
			{Name: "Forward: a hand-computed network and the digits", Points: 1, Run: forward},
			{Name: "Forward and the loss stay finite for huge logits", Points: 1, Run: huge},
			{Name: "LossAndGrad: the loss, with and without the penalty", Points: 1, Run: loss},
			{Name: "LossAndGrad: the gradient matches backpropagation and central differences", Points: 3, Run: gradient},
			{Name: "Init: small random weights that break the symmetry", Points: 1, Run: initCheck},
			{Name: "Train: mini-batch SGD on 300 digits, the weights and the loss per epoch", Points: 2, Run: train},
			{Name: "Digits: test accuracy of at least 0.9", Points: 2, Run: accuracy},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"The network is two softmax-regression-like layers with a tanh between them: A1 = tanh(X·W1ᵀ + b1) (m×h), Z2 = A1·W2ᵀ + b2 (m×c), P = the softmax of each row of Z2. The loss is exercise 17's cross-entropy plus λ/(2m)·(‖W1‖² + ‖W2‖²). Backpropagation applies the chain rule from the loss back to each weight, reusing A1 and P from the forward pass.",
			"Go backwards one layer at a time, keeping every shape equal to the shape of what it is the gradient of: D2 = (P − Y)/m is m×c; ∂J/∂W2 = D2ᵀ·A1 is c×h like W2; ∂J/∂b2 sums D2 over the rows. Then D1 = (D2·W2) ⊙ (1 − A1²) is m×h — the ⊙ (1 − A1²) is tanh's derivative, written with the activation A1, not the pre-activation; ∂J/∂W1 = D1ᵀ·X is h×p. Add λ/m·W to the weights' gradients only, never to the biases'.",
			"LossAndGrad: A1 := tanh(X·W1ᵀ + b1); Z := A1·W2ᵀ + b2; per row: mx := max(Z row); s := Σ exp(z − mx); P row := exp(z − mx)/s; loss += mx + log(s) − Z[i][y[i]]. loss = loss/m + λ/(2m)·(ΣW1² + ΣW2²). D2 := P; D2[i][y[i]] −= 1; D2 /= m. gW2.Mul(D2.T(), A1); gb2 = column sums of D2; D1.Mul(D2, W2); D1[i][j] *= 1 − A1[i][j]²; gW1.Mul(D1.T(), X); gb1 = column sums of D1; gW1 += λ/m·W1; gW2 += λ/m·W2. Train: params := Init(p, hidden, c, seed); rng := rand.New(rand.NewPCG(seed, 1)); per epoch: order := rng.Perm(m); for lo := 0; lo < m; lo += batch { rows order[lo:min(lo+batch, m)]; _, g := LossAndGrad(batch rows, 0); W −= lr·g for all four }; append the loss on all rows.",
		},
		Mistakes: []grader.Mistake{
			{ID: missingActivationDerivative, Hint: "Backpropagation through the hidden layer needs the derivative of its activation: D1 = (D2·W2) ⊙ tanh′(Z1), and tanh′(Z1) = 1 − tanh²(Z1) = 1 − A1², element by element. Without it the hidden gradient is that of a network with no activation. Central differences of your own loss show it: the W1 and b1 entries disagree."},
			{ID: derivativeOfPreactivation, Hint: "tanh′(z) = 1 − tanh²(z): written with the activation it is 1 − A1², not 1 − Z1² with the pre-activation Z1 = X·W1ᵀ + b1. Keep A1 from the forward pass and use 1 − A1[i][j]²."},
			{ID: outputGradTransposed, Hint: "Each gradient has the shape of its weights: W2 is c×h (a row per class), so ∂J/∂W2 = D2ᵀ·A1, with D2 = (P − Y)/m of shape m×c and A1 of shape m×h. A1ᵀ·D2 is its h×c transpose: the numbers are right, in the wrong places, and a step W2 − η·gW2 fails."},
			{ID: biasesRegularised, Hint: "The L2 penalty is λ/(2m)·(‖W1‖² + ‖W2‖²), on the weights only: the biases shift each unit and are not penalised (as in scikit-learn and every exercise before). Leave b1 and b2 out of the loss's sum of squares and out of the λ/m·W term of the gradient."},
			{ID: gradientNotAveraged, Hint: "Your gradient is m times too big: the loss is a mean over the m rows, so its gradient is too. Start backpropagation from D2 = (P − Y)/m, not P − Y; then every gradient below it carries the 1/m. Without it the step η·∇J grows with the batch size."},
			{ID: noMaxSubtraction, Hint: "e^z overflows to +Inf for z > 709, so e^z / Σ e^z becomes Inf/Inf = NaN. Subtract each row's largest logit first: e^(z − max z) / Σ e^(z − max z) is the same probability and every exponential is at most 1. The same for the loss: log Σ e^z = max z + log Σ e^(z − max z)."},
			{ID: logOfZero, Hint: "A probability far below 1e-308 rounds to 0, and −log 0 = +Inf. Do not take the log of the probability: −log Pᵢ,y = LSE(zᵢ) − zᵢ,y with LSE(z) = max z + log Σₖ e^(zₖ − max z), finite for every logit."},
			{ID: zeroInit, Hint: "With all weights zero every hidden unit computes the same value and gets the same gradient, so they stay identical forever (and with W2 = 0 the hidden layer gets no gradient at all): the network is no better than one unit. Draw the weights at random, as the README says: (2u − 1)·√(6/(fan_in + fan_out)) with u from the seeded generator; the biases may start at zero."},
			{ID: noShuffle, Hint: "Each epoch takes the rows in a new random order, order := rng.Perm(m), from one rng := rand.New(rand.NewPCG(seed, 1)) made before the first epoch. Taking them in row order every epoch repeats the same path, and on sorted data each batch would hold one class."},
		},
	}
}

// The mistakes the checks recognise.
const (
	missingActivationDerivative = "missing-activation-derivative"
	derivativeOfPreactivation   = "derivative-of-preactivation"
	outputGradTransposed        = "output-grad-transposed"
	biasesRegularised           = "biases-regularised"
	gradientNotAveraged         = "gradient-not-averaged"
	noMaxSubtraction            = "no-max-subtraction"
	logOfZero                   = "log-of-zero"
	zeroInit                    = "zero-init"
	noShuffle                   = "no-shuffle"
)

var (
	// tolValue is for probabilities, losses and gradients: a few roundings of sums of m·h
	// terms.
	tolValue = grader.Rel(1e-9).PlusAbs(1e-12)
	// tolInit is for Init's weights: one multiplication per weight.
	tolInit = grader.Rel(1e-12).PlusAbs(1e-15)
	// tolTrain is for the weights and losses after mini-batch SGD: tens of steps, each adding
	// rounding differences of 1e-16 that the next steps carry along but do not blow up at
	// these step sizes.
	tolTrain = grader.Rel(1e-7).PlusAbs(1e-9)
	// tolNumeric is for the central differences of the learner's loss against its gradient:
	// with a step of 1e-5, truncation (h²·J‴ ≈ 1e-10) and rounding (ε·J/h ≈ 1e-10) stay far
	// below it; the mistakes above miss by 10% or more.
	tolNumeric = grader.Rel(1e-5).PlusAbs(1e-7)
)

// params mirrors the learner's Params: results are decoded into it field by field.
type params struct {
	W1 *mat.Dense
	B1 []float64
	W2 *mat.Dense
	B2 []float64
}

func (p params) net() *neural.Net { return &neural.Net{W1: p.W1, B1: p.B1, W2: p.W2, B2: p.B2} }

func fromNet(n *neural.Net) params { return params{W1: n.W1, B1: n.B1, W2: n.W2, B2: n.B2} }

// wellFormed reports whether p has the shapes of a network for pd features, h hidden units
// and c classes, with finite entries.
func (p params) wellFormed(pd, h, c int) bool {
	if p.W1 == nil || p.W2 == nil {
		return false
	}
	r1, c1 := p.W1.Dims()
	r2, c2 := p.W2.Dims()
	if r1 != h || c1 != pd || r2 != c || c2 != h || len(p.B1) != h || len(p.B2) != c {
		return false
	}
	for _, v := range slices.Concat(p.W1.RawMatrix().Data, p.B1, p.W2.RawMatrix().Data, p.B2) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// near reports whether a and b are within tol, part by part.
func near(a, b params, tol grader.Tol) bool {
	return a.W1 != nil && a.W2 != nil && b.W1 != nil && b.W2 != nil &&
		grader.NearMatrix(a.W1, b.W1, tol) && grader.NearSlice(a.B1, b.B1, tol) &&
		grader.NearMatrix(a.W2, b.W2, tol) && grader.NearSlice(a.B2, b.B2, tol)
}

// compare checks each part of got against want, labelled with what, and stops at the first
// part that is off (the others usually are too).
func compare(t *grader.T, got, want params, tol grader.Tol, what string) bool {
	for _, part := range []struct {
		name        string
		got, want   mat.Matrix
		gotS, wantS []float64
	}{
		{name: "W1", got: dense(got.W1), want: want.W1},
		{name: "B1", gotS: got.B1, wantS: want.B1},
		{name: "W2", got: dense(got.W2), want: want.W2},
		{name: "B2", gotS: got.B2, wantS: want.B2},
	} {
		t.Label(fmt.Sprintf("%s of %s", part.name, what))
		ok := false
		if part.want != nil {
			ok = t.CloseMatrix(part.got, part.want, tol)
		} else {
			ok = t.CloseSlice(part.gotS, part.wantS, tol)
		}
		if !ok {
			return false
		}
	}
	return true
}

// dense returns M, or a 0×0 stand-in for nil so that comparisons report a shape mismatch.
func dense(M *mat.Dense) mat.Matrix {
	if M == nil {
		return &mat.Dense{}
	}
	return M
}

var (
	digitsOnce sync.Once
	digitsX    *mat.Dense
	digitsY    []int
)

// digits returns the 1797 digits with the pixels divided by 16 (in [0, 1]) and their labels,
// parsed once per process.
func digits() (*mat.Dense, []int) {
	digitsOnce.Do(func() {
		d := datasets.Digits()
		digitsX = mat.DenseCopyOf(d.X)
		digitsX.Scale(1.0/16, digitsX)
		digitsY = d.Labels()
	})
	return digitsX, digitsY
}

// rows returns a copy of rows lo..hi−1 of the digits and their labels.
func rows(lo, hi int) (*mat.Dense, []int) {
	X, y := digits()
	_, p := X.Dims()
	return mat.DenseCopyOf(X.Slice(lo, hi, 0, p)), slices.Clone(y[lo:hi])
}

// randomParams returns a network with normal weights: W1 of standard deviation s1, W2 of s2,
// biases of sb (non-zero, so that a penalised bias shows).
func randomParams(rng *rand.Rand, p, h, c int, s1, s2, sb float64) params {
	fill := func(n int, s float64) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = s * rng.NormFloat64()
		}
		return v
	}
	return params{W1: mat.NewDense(h, p, fill(h*p, s1)), B1: fill(h, sb), W2: mat.NewDense(c, h, fill(c*h, s2)), B2: fill(c, sb)}
}

// variant selects the mistakes refGrad computes.
type variant struct {
	noDeriv, derivOfZ, biasReg, notAveraged bool
}

// refGrad computes the loss and gradient of the network with the mistakes v: the reference
// when v is zero (it agrees with neural.Net.LossGrad).
func refGrad(pr params, X *mat.Dense, y []int, lambda float64, v variant) (float64, params) {
	if v == (variant{}) {
		l, g := pr.net().LossGrad(X, y, lambda)
		return l, fromNet(g)
	}
	m, p := X.Dims()
	h, _ := pr.W1.Dims()
	c, _ := pr.W2.Dims()
	n := pr.net()
	loss := n.Loss(X, y, lambda)
	A1, _ := n.Forward(X)
	var Z1 mat.Dense
	Z1.Mul(X, pr.W1.T())
	for i := range m {
		for j := range h {
			Z1.Set(i, j, Z1.At(i, j)+pr.B1[j])
		}
	}
	D2 := n.PredictProba(X)
	scale := 1 / float64(m)
	if v.notAveraged {
		scale = 1
	}
	for i := range m {
		D2.Set(i, y[i], D2.At(i, y[i])-1)
	}
	D2.Scale(scale, D2)
	g := params{W1: mat.NewDense(h, p, nil), B1: make([]float64, h), W2: mat.NewDense(c, h, nil), B2: make([]float64, c)}
	g.W2.Mul(D2.T(), A1)
	var D1 mat.Dense
	D1.Mul(D2, pr.W2)
	for i := range m {
		for k := range c {
			g.B2[k] += D2.At(i, k)
		}
		for j := range h {
			switch {
			case v.noDeriv:
			case v.derivOfZ:
				D1.Set(i, j, D1.At(i, j)*(1-Z1.At(i, j)*Z1.At(i, j)))
			default:
				D1.Set(i, j, D1.At(i, j)*(1-A1.At(i, j)*A1.At(i, j)))
			}
			g.B1[j] += D1.At(i, j)
		}
	}
	g.W1.Mul(D1.T(), X)
	reg := lambda / float64(m)
	var r1, r2 mat.Dense
	r1.Scale(reg, pr.W1)
	r2.Scale(reg, pr.W2)
	g.W1.Add(g.W1, &r1)
	g.W2.Add(g.W2, &r2)
	if v.biasReg {
		sq := 0.0
		for j, b := range pr.B1 {
			sq += b * b
			g.B1[j] += reg * b
		}
		for k, b := range pr.B2 {
			sq += b * b
			g.B2[k] += reg * b
		}
		loss += reg / 2 * sq
	}
	return loss, g
}

// lossMistakes names the mistakes a wrong loss matches.
func lossMistakes(t *grader.T, pr params, X *mat.Dense, y []int, lambda, got, want float64) {
	if grader.Near(got, want, tolValue) || lambda == 0 {
		return
	}
	l, _ := refGrad(pr, X, y, lambda, variant{biasReg: true})
	t.Mistake(grader.Near(got, l, tolValue), biasesRegularised,
		fmt.Sprintf("your loss is %s, which is the right one plus λ/(2m)·(‖b1‖² + ‖b2‖²) (%s)", grader.Num(got), grader.Num(want)))
}

// gradMistakes names the mistakes a wrong gradient matches.
func gradMistakes(t *grader.T, pr params, X *mat.Dense, y []int, lambda float64, got, want params) {
	if near(got, want, tolValue) {
		return
	}
	h, _ := pr.W1.Dims()
	c, _ := pr.W2.Dims()
	if got.W2 != nil {
		if r, k := got.W2.Dims(); r == h && k == c && grader.NearMatrix(got.W2, want.W2.T(), tolValue) {
			t.Mistake(true, outputGradTransposed,
				fmt.Sprintf("the W2 part of your gradient is %d×%d, the transpose of the right %d×%d one (W2 has a row per class)", h, c, c, h))
		}
	}
	m, _ := X.Dims()
	for _, v := range []struct {
		v      variant
		id     string
		detail string
	}{
		{variant{noDeriv: true}, missingActivationDerivative, "the W1 and b1 parts of your gradient are D1 = D2·W2 backpropagated without the factor 1 − A1² (tanh's derivative)"},
		{variant{derivOfZ: true}, derivativeOfPreactivation, "the W1 and b1 parts of your gradient use 1 − Z1² (the pre-activation) where tanh's derivative is 1 − A1²"},
		{variant{biasReg: true}, biasesRegularised, "the b1 and b2 parts of your gradient include λ/m·b: the biases are penalised"},
		{variant{notAveraged: true}, gradientNotAveraged, fmt.Sprintf("the data part of your gradient is %d (the number of rows) times the right one", m)},
	} {
		_, g := refGrad(pr, X, y, lambda, v.v)
		t.Mistake(near(got, g, tolValue), v.id, v.detail)
	}
}

// checkLoss compares the loss LossAndGrad returns with the reference.
func checkLoss(t *grader.T, pr params, X *mat.Dense, y []int, lambda float64, what string) {
	got := t.Call("LossAndGrad", pr, X, y, lambda).Float()
	want, _ := refGrad(pr, X, y, lambda, variant{})
	lossMistakes(t, pr, X, y, lambda, got, want)
	t.Label(fmt.Sprintf("the loss of LossAndGrad on %s, λ = %s", what, grader.Num(lambda)))
	t.Close(got, want, tolValue)
}

// checkGrad compares the gradient LossAndGrad returns with the reference, and with central
// differences of the learner's own loss at the coordinates coords (indices into W1, B1, W2,
// B2 in that order, each row by row).
func checkGrad(t *grader.T, pr params, X *mat.Dense, y []int, lambda float64, coords []int, what string) {
	var got params
	t.Call("LossAndGrad", pr, X, y, lambda).Out(1).Decode(&got)
	_, want := refGrad(pr, X, y, lambda, variant{})
	gradMistakes(t, pr, X, y, lambda, got, want)
	p, h, c := pr.net().Dims()
	if got.wellFormed(p, h, c) {
		flat := fromParams(got)
		theta := fromParams(pr)
		for _, i := range coords {
			step := 1e-5 * max(1, math.Abs(theta[i]))
			lossAt := func(d float64) float64 {
				th := slices.Clone(theta)
				th[i] += d
				return t.Call("LossAndGrad", toParams(th, p, h, c), X, y, lambda).Float()
			}
			num := (lossAt(step) - lossAt(-step)) / (2 * step)
			if !grader.Near(flat[i], num, tolNumeric) {
				t.Errorf("central differences of your own loss disagree with your gradient at %s: your gradient says %s, (J(θ + h) − J(θ − h))/2h with h = %s says %s (tolerance: %s)",
					coordName(i, p, h, c), grader.Num(flat[i]), grader.Num(step), grader.Num(num), tolNumeric)
				break
			}
		}
	}
	compare(t, got, want, tolValue, fmt.Sprintf("the gradient on %s, λ = %s", what, grader.Num(lambda)))
}

// fromParams flattens p: W1 row by row, B1, W2 row by row, B2.
func fromParams(p params) []float64 {
	return slices.Concat(mat.DenseCopyOf(p.W1).RawMatrix().Data, p.B1, mat.DenseCopyOf(p.W2).RawMatrix().Data, p.B2)
}

// toParams undoes fromParams.
func toParams(v []float64, p, h, c int) params {
	return params{
		W1: mat.NewDense(h, p, slices.Clone(v[:h*p])),
		B1: slices.Clone(v[h*p : h*p+h]),
		W2: mat.NewDense(c, h, slices.Clone(v[h*p+h:h*p+h+c*h])),
		B2: slices.Clone(v[h*p+h+c*h:]),
	}
}

// coordName names coordinate i of the flattened parameters.
func coordName(i, p, h, c int) string {
	switch {
	case i < h*p:
		return fmt.Sprintf("W1[%d][%d]", i/p, i%p)
	case i < h*p+h:
		return fmt.Sprintf("B1[%d]", i-h*p)
	case i < h*p+h+c*h:
		j := i - h*p - h
		return fmt.Sprintf("W2[%d][%d]", j/h, j%h)
	}
	return fmt.Sprintf("B2[%d]", i-h*p-h-c*h)
}

// someCoords picks n coordinates of each of the four parts (fewer when a part is smaller).
func someCoords(rng *rand.Rand, p, h, c, n int) []int {
	var out []int
	off := 0
	for _, size := range []int{h * p, h, c * h, c} {
		for _, j := range rng.Perm(size)[:min(n, size)] {
			out = append(out, off+j)
		}
		off += size
	}
	return out
}

// checkForward compares Forward with the reference probabilities.
func checkForward(t *grader.T, pr params, X *mat.Dense, what string) *mat.Dense {
	got := t.Call("Forward", pr, X).Dense()
	want := pr.net().PredictProba(X)
	t.Label("Forward on " + what)
	t.CloseMatrix(got, want, tolValue)
	return got
}

func forward(t *grader.T) {
	// By hand: with W1 = 0 the hidden units are tanh(b1) = tanh(0) = 0 whatever X is, so the
	// logits are b2 = (0, ln 3) and the probabilities e^b2 / Σ e^b2 = (1, 3)/4 on every row.
	hand := params{W1: mat.NewDense(1, 2, nil), B1: []float64{0}, W2: mat.NewDense(2, 1, []float64{5, -5}), B2: []float64{0, math.Log(3)}}
	X := mat.NewDense(2, 2, []float64{1, 2, -3, 4})
	got := t.Call("Forward", hand, X).Dense()
	t.Label("Forward(W1 = 0, b1 = 0, W2 = [5 −5]ᵀ, b2 = (0, ln 3)) on 2 rows: tanh(0) = 0, so every row is softmax(0, ln 3) = (0.25, 0.75)")
	t.CloseMatrix(got, mat.NewDense(2, 2, []float64{0.25, 0.75, 0.25, 0.75}), tolValue)
	// By hand: one unit with W1 = (1, 0), b1 = 0 on x = (atanh 0.5, 7): A1 = 0.5; W2 = (2, 0)ᵀ,
	// b2 = (0, 0), so the logits are (1, 0) and P = (e, 1)/(e + 1).
	hand2 := params{W1: mat.NewDense(1, 2, []float64{1, 0}), B1: []float64{0}, W2: mat.NewDense(2, 1, []float64{2, 0}), B2: []float64{0, 0}}
	got = t.Call("Forward", hand2, mat.NewDense(1, 2, []float64{math.Atanh(0.5), 7})).Dense()
	e := math.E
	t.Label("Forward(W1 = [1 0], b1 = 0, W2 = [2 0]ᵀ, b2 = 0) on x = (atanh 0.5, 7): A1 = tanh(atanh 0.5) = 0.5, the logits (1, 0)")
	t.CloseMatrix(got, mat.NewDense(1, 2, []float64{e / (e + 1), 1 / (e + 1)}), tolValue)
	Xd, _ := rows(0, 100)
	pr := randomParams(rand.New(rand.NewPCG(24, 1)), 64, 12, 10, 0.2, 0.8, 0.3)
	checkForward(t, pr, Xd, "the first 100 digits (12 hidden units, random weights)")
}

// checkHuge checks Forward and the loss where the logits are huge: b2 moved by shift for every
// class (no probability changes), then W2 multiplied by steep (some probabilities underflow).
func checkHuge(t *grader.T, pr params, X *mat.Dense, y []int, shifts []float64, steep float64, what string) {
	for _, s := range shifts {
		moved := pr
		moved.B2 = slices.Clone(pr.B2)
		for k := range moved.B2 {
			moved.B2[k] += s
		}
		got := t.Call("Forward", moved, X).Dense()
		t.Mistake(hasNonFinite(got), noMaxSubtraction,
			fmt.Sprintf("Forward returned NaN or ±Inf with every logit moved by %s, which changes no probability", grader.Num(s)))
		t.Label(fmt.Sprintf("Forward on %s with %s added to every output bias", what, grader.Num(s)))
		t.CloseMatrix(got, pr.net().PredictProba(X), tolValue)
		l := t.Call("LossAndGrad", moved, X, y, 0.0).Float()
		want, _ := refGrad(pr, X, y, 0, variant{})
		t.Mistake(math.IsNaN(l) || math.IsInf(l, 0), noMaxSubtraction,
			fmt.Sprintf("LossAndGrad's loss is %v with every logit moved by %s, which changes nothing: it is %s", l, grader.Num(s), grader.Num(want)))
		t.Label(fmt.Sprintf("the loss of LossAndGrad on %s with %s added to every output bias", what, grader.Num(s)))
		t.Close(l, want, tolValue)
	}
	steeper := pr
	steeper.W2 = mat.DenseCopyOf(pr.W2)
	steeper.W2.Scale(steep, steeper.W2)
	l := t.Call("LossAndGrad", steeper, X, y, 0.0).Float()
	want, _ := refGrad(steeper, X, y, 0, variant{})
	t.Mistake(math.IsNaN(l) || math.IsInf(l, 0), logOfZero,
		fmt.Sprintf("LossAndGrad's loss is %v where the right one is %s: at %s·W2 some probabilities of the true class are far below 1e-308 and round to 0", l, grader.Num(want), grader.Num(steep)))
	t.Label(fmt.Sprintf("the loss of LossAndGrad on %s at %s·W2 (logits in the hundreds; some rows confidently wrong)", what, grader.Num(steep)))
	t.Close(l, want, tolValue)
}

func hasNonFinite(M *mat.Dense) bool {
	if M == nil {
		return false
	}
	return slices.ContainsFunc(M.RawMatrix().Data, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) })
}

func huge(t *grader.T) {
	X, y := rows(0, 50)
	pr := randomParams(rand.New(rand.NewPCG(24, 2)), 64, 8, 10, 0.3, 1, 0.3)
	checkHuge(t, pr, X, y, []float64{1000, -1000}, 400, "the first 50 digits")
}

func loss(t *grader.T) {
	X, y := rows(0, 60)
	// All weights zero: every class has probability 1/10 and the loss is ln 10, whatever λ.
	zero := params{W1: mat.NewDense(5, 64, nil), B1: make([]float64, 5), W2: mat.NewDense(10, 5, nil), B2: make([]float64, 10)}
	got := t.Call("LossAndGrad", zero, X, y, 0.5).Float()
	t.Label("the loss of LossAndGrad with all weights zero (every class has probability 1/10, so ln 10)")
	t.Close(got, math.Log(10), tolValue)
	pr := randomParams(rand.New(rand.NewPCG(24, 3)), 64, 8, 10, 0.15, 0.6, 0.4)
	checkLoss(t, pr, X, y, 0, "the first 60 digits (8 hidden units, random weights)")
	checkLoss(t, pr, X, y, 2.5, "the first 60 digits (8 hidden units, random weights)")
}

func gradient(t *grader.T) {
	X, y := rows(60, 100)
	rng := rand.New(rand.NewPCG(24, 4))
	pr := randomParams(rng, 64, 8, 10, 0.15, 0.6, 0.4)
	coords := someCoords(rng, 64, 8, 10, 3)
	checkGrad(t, pr, X, y, 0, coords, "40 digits (8 hidden units, random weights)")
	checkGrad(t, pr, X, y, 1.5, coords, "40 digits (8 hidden units, random weights)")
}

// checkInit checks the properties of Init(p, h, c, seed), then its exact values.
func checkInit(t *grader.T, p, h, c int, seed uint64) {
	var got params
	t.Call("Init", p, h, c, seed).Decode(&got)
	call := fmt.Sprintf("Init(%d, %d, %d, seed %d)", p, h, c, seed)
	if !t.True(got.wellFormed(p, h, c), "%s: want W1 %d×%d, B1 of %d, W2 %d×%d, B2 of %d, all finite; got %s", call, h, p, h, c, h, c, shapes(got)) {
		return
	}
	all := func(M *mat.Dense, v float64) bool {
		return !slices.ContainsFunc(M.RawMatrix().Data, func(x float64) bool { return x != v })
	}
	t.Mistake(all(got.W1, 0) && all(got.W2, 0), zeroInit, fmt.Sprintf("%s returned W1 and W2 all zero", call))
	if !t.True(h < 2 || distinctRows(got.W1), "%s: two hidden units have the same weights (rows of W1): they compute the same value and get the same gradient forever. Draw each weight at random", call) {
		return
	}
	t.Label(call + ": B1")
	t.CloseSlice(got.B1, make([]float64, h), grader.Abs(0))
	t.Label(call + ": B2")
	t.CloseSlice(got.B2, make([]float64, c), grader.Abs(0))
	for _, part := range []struct {
		name   string
		W      *mat.Dense
		fanSum int
	}{{"W1", got.W1, p + h}, {"W2", got.W2, h + c}} {
		b := math.Sqrt(6 / float64(part.fanSum))
		data := part.W.RawMatrix().Data
		worst := slices.MaxFunc(data, func(a, x float64) int { return cmpAbs(a, x) })
		if !t.True(math.Abs(worst) <= b, "%s: %s holds %s, outside [−b, b] with b = √(6/%d) = %s", call, part.name, grader.Num(worst), part.fanSum, grader.Num(b)) {
			continue
		}
		if len(data) >= 500 {
			// Uniform on [−b, b] has mean square b²/3, and u² has a standard deviation of
			// 0.89·b²/3: with 500 or more draws the sample's mean square is within 25% (6
			// standard errors) of b²/3 but for a chance of 1e-9.
			ms := 0.0
			for _, v := range data {
				ms += v * v
			}
			ms /= float64(len(data))
			t.True(math.Abs(ms-b*b/3) <= 0.25*b*b/3, "%s: the mean square of %s is %s, want about b²/3 = %s for a uniform draw on [−b, b] (b = %s)", call, part.name, grader.Num(ms), grader.Num(b*b/3), grader.Num(b))
		}
	}
	compare(t, got, fromNet(neural.Init(p, h, c, seed)), tolInit, call+" (the draws the README specifies)")
}

func cmpAbs(a, b float64) int {
	switch {
	case math.Abs(a) < math.Abs(b):
		return -1
	case math.Abs(a) > math.Abs(b):
		return 1
	}
	return 0
}

// distinctRows reports whether no two rows of W are equal.
func distinctRows(W *mat.Dense) bool {
	r, _ := W.Dims()
	for i := range r {
		for j := range i {
			if slices.Equal(W.RawRowView(i), W.RawRowView(j)) {
				return false
			}
		}
	}
	return true
}

func shapes(p params) string {
	d := func(M *mat.Dense) string {
		if M == nil {
			return "nil"
		}
		r, c := M.Dims()
		return fmt.Sprintf("%d×%d", r, c)
	}
	return fmt.Sprintf("W1 %s, B1 of %d, W2 %s, B2 of %d", d(p.W1), len(p.B1), d(p.W2), len(p.B2))
}

func initCheck(t *grader.T) {
	checkInit(t, 64, 32, 10, 5)
	checkInit(t, 3, 2, 4, 1)
	// t.Deterministic compares encoded results, and a struct's gob encoding differs between
	// driver processes: decode and compare instead.
	var a, a2, b params
	t.Call("Init", 20, 6, 3, uint64(9)).Decode(&a)
	t.Call("Init", 20, 6, 3, uint64(9)).Decode(&a2)
	t.Call("Init", 20, 6, 3, uint64(10)).Decode(&b)
	if t.True(a.wellFormed(20, 6, 3) && near(a, a2, grader.Abs(0)), "Init(20, 6, 3, seed 9) returned different weights when called again: the same seed must give the same weights") {
		t.True(!near(a, b, grader.Abs(0)), "Init with seeds 9 and 10 returned the same weights: the seed must choose the draws")
	}
}

// trainRun is one call of Train and its reference.
type trainRun struct {
	got, want            params
	history, wantHistory []float64
	ok                   bool
}

// checkTrain runs Train and compares its weights and history with the reference.
func checkTrain(t *grader.T, X *mat.Dense, y []int, hidden, epochs, batch int, lr float64, seed uint64, what string) trainRun {
	r := t.Call("Train", X, y, hidden, epochs, batch, lr, seed)
	var run trainRun
	r.Decode(&run.got)
	run.history = r.Out(1).Floats()
	c := slices.Max(y) + 1
	_, p := X.Dims()
	s := neural.Settings{Epochs: epochs, Batch: batch, LearningRate: lr, Seed: seed}
	net0 := neural.Init(p, hidden, c, seed)
	wantNet, wantHistory := neural.TrainFrom(net0, X, y, s)
	run.want, run.wantHistory = fromNet(wantNet), wantHistory
	call := fmt.Sprintf("Train(%s, hidden %d, %d epochs, batch %d, lr %s, seed %d)", what, hidden, epochs, batch, grader.Num(lr), seed)
	if !near(run.got, run.want, tolTrain) {
		zero := &neural.Net{W1: mat.NewDense(hidden, p, nil), B1: make([]float64, hidden), W2: mat.NewDense(c, hidden, nil), B2: make([]float64, c)}
		z, _ := neural.TrainFrom(zero, X, y, s)
		t.Mistake(near(run.got, fromNet(z), tolTrain), zeroInit, "your weights are what SGD gives from all-zero weights: every hidden unit has the same weights")
		seq := s
		seq.Sequential = true
		q, _ := neural.TrainFrom(net0, X, y, seq)
		t.Mistake(near(run.got, fromNet(q), tolTrain), noShuffle, "your weights are what SGD gives with the batches in row order every epoch, without rng.Perm")
	}
	t.True(len(run.history) == epochs+1, "%s returned a history of %d losses, want %d: history[0] is the loss before the first step, history[e] after epoch e", call, len(run.history), epochs+1)
	t.Label("the loss history of " + call)
	run.ok = t.CloseSlice(run.history, run.wantHistory, tolTrain)
	run.ok = compare(t, run.got, run.want, tolTrain, call) && run.ok
	return run
}

func train(t *grader.T) {
	X, y := rows(0, 300)
	run := checkTrain(t, X, y, 16, 6, 32, 0.5, 7, "the first 300 digits")
	runs := []mlplot.Line{{Name: "reference", Y: run.wantHistory}}
	if len(run.history) > 0 && !slices.ContainsFunc(run.history, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 }) {
		runs = append(runs, mlplot.Line{Name: "yours", Y: run.history, Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	if pl, err := mlplot.LossCurves("Training loss per epoch (300 digits, 16 hidden units, batch 32, lr 0.5)", mlplot.Log, runs...); err == nil {
		pl.X.Label.Text = "epoch"
		pl.Y.Label.Text = "cross-entropy on the 300 rows"
		t.Plot("Training loss per epoch", pl)
	}
	// 101 rows in batches of 50: the last batch of each epoch holds one row.
	X2, y2 := rows(300, 401)
	checkTrain(t, X2, y2, 5, 3, 50, 0.8, 3, "101 more digits")
	// 40 rows in batches of 8: five whole batches, no empty sixth.
	X3, y3 := rows(401, 441)
	checkTrain(t, X3, y3, 3, 2, 8, 0.5, 4, "40 more digits")
}

func argmax(z []float64) int {
	best := 0
	for k, v := range z {
		if v > z[best] {
			best = k
		}
	}
	return best
}

func accuracy(t *grader.T) {
	Xtr, ytr := rows(0, 1000)
	Xte, yte := rows(1000, 1797)
	r := t.Call("Train", Xtr, ytr, 12, 3, 20, 0.6, uint64(3))
	var got params
	r.Decode(&got)
	if !t.True(got.wellFormed(64, 12, 10), "Train(the first 1000 digits, hidden 12, 3 epochs, batch 20, lr 0.6, seed 3) returned %s, want W1 12×64, B1 of 12, W2 10×12, B2 of 10, all finite", shapes(got)) {
		return
	}
	P := t.Call("Forward", r, Xte).Dense()
	if !t.True(P != nil && !hasNonFinite(P) && rowsOf(P) == 797, "Forward on the 797 test digits returned %s, want 797×10 finite probabilities", shapes(params{W1: P})) {
		return
	}
	pred := make([]int, 797)
	for i := range pred {
		pred[i] = argmax(P.RawRowView(i))
	}
	ref, _ := neural.Train(Xtr, ytr, 10, neural.Settings{Hidden: 12, Epochs: 3, Batch: 20, LearningRate: 0.6, Seed: 3})
	refPred := ref.Predict(Xte)
	acc, wantAcc := metrics.Accuracy(yte, pred), metrics.Accuracy(yte, refPred)
	t.Logf("test accuracy %.4f (reference %.4f; softmax regression, exercise 17, reached about 0.90 after 10 steps)", acc, wantAcc)
	t.True(acc >= 0.9, "the test accuracy of your network is %.4f, want ≥ 0.9 (the reference reaches %.4f)", acc, wantAcc)
	var panels []*gplot.Plot
	for _, c := range []struct {
		title string
		pred  []int
	}{{"Yours", pred}, {"Reference", refPred}} {
		pl, err := mlplot.ConfusionMatrix(fmt.Sprintf("%s: accuracy %.3f", c.title, metrics.Accuracy(yte, c.pred)), metrics.ConfusionMatrix(yte, c.pred, 10), nil)
		if err != nil {
			return
		}
		pl.X.Label.Text = "predicted digit"
		pl.Y.Label.Text = "true digit"
		panels = append(panels, pl)
	}
	t.Plot("Digits confusion matrices", mlplot.SideBySide("Digits: the 797 test images after 3 epochs (12 hidden units)", panels...))
}

func rowsOf(M *mat.Dense) int {
	r, _ := M.Dims()
	return r
}

func notMutated(t *grader.T) {
	X, y := rows(400, 450)
	pr := randomParams(rand.New(rand.NewPCG(24, 5)), 64, 4, 10, 0.2, 0.5, 0.3)
	t.NotMutated("Forward", pr, X)
	t.NotMutated("LossAndGrad", pr, X, y, 0.5)
	t.NotMutated("Train", X, y, 4, 2, 8, 0.1, uint64(1))
}
