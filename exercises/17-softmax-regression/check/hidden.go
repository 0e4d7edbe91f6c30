//go:build hidden

package check

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/metrics"
)

// hiddenChecks run on inputs the learner never saw, drawn from the run's seed: random logits
// and labels, and Gaussian blobs with a random number of classes, features, centres, spread and
// size, a random Θ, step and number of steps.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Softmax and OneHot on unseen inputs", Points: 1, Hidden: true, Run: hiddenSoftmaxOneHot},
		{Name: "CrossEntropy and CrossEntropyGrad on unseen blobs", Points: 2, Hidden: true, Run: hiddenLossGrad},
		{Name: "Fit, PredictProba and Predict on unseen blobs", Points: 2, Hidden: true, Run: hiddenFit},
	}
}

// blobs returns k Gaussian blobs of size each points in d dimensions around random centres in
// [−3, 3]ᵈ with standard deviation sd, as the design matrix [1 x] and labels, the classes
// interleaved (row i is of class i mod k).
func blobs(rng *rand.Rand, k, d, size int, sd float64) (*mat.Dense, []int) {
	centres := make([][]float64, k)
	for c := range centres {
		centres[c] = make([]float64, d)
		for j := range centres[c] {
			centres[c][j] = 6*rng.Float64() - 3
		}
	}
	X := mat.NewDense(k*size, d+1, nil)
	y := make([]int, k*size)
	for i := range y {
		y[i] = i % k
		X.Set(i, 0, 1)
		for j := range d {
			X.Set(i, j+1, centres[y[i]][j]+sd*rng.NormFloat64())
		}
	}
	return X, y
}

// unseenBlobs returns random blobs (3 to 6 classes, 2 to 4 features) and a random Θ.
func unseenBlobs(t *grader.T) (*mat.Dense, []int, *mat.Dense) {
	rng := t.Rand()
	k, d := 3+rng.IntN(4), 2+rng.IntN(3)
	X, y := blobs(rng, k, d, 10+rng.IntN(30), 0.5+rng.Float64())
	Theta := mat.NewDense(d+1, k, nil)
	for j := range d + 1 {
		for c := range k {
			Theta.Set(j, c, rng.NormFloat64())
		}
	}
	return X, y, Theta
}

func hiddenSoftmaxOneHot(t *grader.T) {
	rng := t.Rand()
	for range 3 {
		z := make([]float64, 2+rng.IntN(7))
		shift := (710 + 1500*rng.Float64()) * float64(1-2*rng.IntN(2)) // beyond e^z's range
		for k := range z {
			z[k] = shift + 3*rng.NormFloat64()
		}
		for _, v := range [][]float64{z, shifted(z, -shift)} {
			got := t.Call("Softmax", v).Floats()
			t.Mistake(hasNonFinite(got), noMaxSubtraction,
				fmt.Sprintf("Softmax(%s) returned %s", grader.Nums(v), grader.Nums(got)))
			t.Label(fmt.Sprintf("Softmax(%s)", grader.Nums(v)))
			t.CloseSlice(got, softmaxRef(v), tolProb)
		}
	}
	k := 2 + rng.IntN(7)
	y := make([]int, 3+rng.IntN(20))
	for i := range y {
		y[i] = rng.IntN(k)
	}
	y[rng.IntN(len(y))] = 0 // label 0 and the last label, where shifted labels fall off
	y[rng.IntN(len(y))] = k - 1
	checkOneHot(t, y, k)
}

func shifted(z []float64, c float64) []float64 {
	out := make([]float64, len(z))
	for k, v := range z {
		out[k] = v + c
	}
	return out
}

func hiddenLossGrad(t *grader.T) {
	X, y, Theta := unseenBlobs(t)
	k := classes(Theta)
	rng := t.Rand()
	checkLossAtZero(t, X, y, k, "unseen blobs")
	checkLoss(t, X, y, Theta, "unseen blobs")
	checkGrad(t, X, y, Theta, "unseen blobs")
	checkHuge(t, X, y, Theta, []float64{800 + 1000*rng.Float64(), -800 - 1000*rng.Float64()}, 150+150*rng.Float64(), "unseen blobs")
}

func hiddenFit(t *grader.T) {
	X, y, _ := unseenBlobs(t)
	rng := t.Rand()
	_, n := X.Dims()
	k := y[len(y)-1] + 1 // the last row is of the last class
	alpha, iters := 0.1+0.4*rng.Float64(), 50+rng.IntN(250)
	Theta, _, wantTheta, _ := checkFit(t, X, y, k, alpha, iters, "unseen blobs")
	if r, c := dims(Theta); r != n || c != k {
		return
	}
	// Probabilities at the reference's Θ, and with every logit moved by a large amount.
	got := t.Call("PredictProba", X, wantTheta).Dense()
	want := probaRef(X, wantTheta)
	if !grader.NearMatrix(got, want, tolValue) {
		t.Mistake(grader.NearMatrix(got, probaColumns(X, wantTheta), tolValue), wrongAxis,
			"each column of your PredictProba sums to 1, not each row")
	}
	t.Label("PredictProba(unseen blobs, the reference's fitted Θ)")
	t.CloseMatrix(got, want, tolValue)
	moved := mat.DenseCopyOf(wantTheta)
	c := 800 + 1000*rng.Float64()
	for j := range k {
		moved.Set(0, j, moved.At(0, j)+c)
	}
	got = t.Call("PredictProba", X, moved).Dense()
	t.Mistake(denseNonFinite(got), noMaxSubtraction,
		fmt.Sprintf("PredictProba returned NaN or ±Inf with every logit moved by %s, which changes no probability", grader.Num(c)))
	t.Label(fmt.Sprintf("PredictProba(unseen blobs, the same Θ with %s added to every logit)", grader.Num(c)))
	t.CloseMatrix(got, want, tolValue)
	// Predictions with the learner's Θ, compared with the arg max of its logits.
	classes := t.Call("Predict", X, Theta).Ints()
	wantClasses := predictRef(X, Theta)
	if !t.True(len(classes) == len(wantClasses), "Predict returned %d labels for %d rows", len(classes), len(wantClasses)) {
		return
	}
	differ := 0
	for i := range classes {
		if classes[i] != wantClasses[i] {
			differ++
		}
	}
	t.True(differ == 0, "Predict(unseen blobs, your Θ) differs from the class of the largest logit on %d of %d rows (your accuracy %.3f, the reference's %.3f)",
		differ, len(wantClasses), metrics.Accuracy(y, classes), metrics.Accuracy(y, predictRef(X, wantTheta)))
	// Ties: two equal columns of Θ tie those classes on every row.
	a, b := rng.IntN(k), rng.IntN(k-1)
	if b >= a {
		b++
	}
	tied := mat.DenseCopyOf(wantTheta)
	tied.SetCol(b, mat.Col(nil, a, wantTheta))
	classes = t.Call("Predict", X, tied).Ints()
	wantClasses = predictRef(X, tied)
	last := make([]int, len(wantClasses))
	for i, v := range wantClasses {
		last[i] = v
		if v == min(a, b) {
			last[i] = max(a, b)
		}
	}
	t.Mistake(!slices.Equal(classes, wantClasses) && slices.Equal(classes, last), argmaxLastOnTies,
		fmt.Sprintf("with columns %d and %d of Θ equal, your Predict answers class %d where they tie for the largest logit", a, b, max(a, b)))
	t.Label(fmt.Sprintf("Predict(unseen blobs, a Θ whose columns %d and %d are equal): on a tie the lowest class", a, b))
	t.Equal(classes, wantClasses)
}
