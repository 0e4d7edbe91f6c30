//go:build hidden

package check

import (
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/metrics"
)

// hiddenChecks run on blobs the learner never saw, drawn from the run's seed: random centres,
// spread and size, a random θ, step and number of steps.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "LogLoss and LogLossGrad on unseen blobs", Points: 2, Hidden: true, Run: hiddenLossGrad},
		{Name: "Fit and Predict on unseen blobs", Points: 2, Hidden: true, Run: hiddenFit},
	}
}

// unseenBlobs returns random blobs and a random θ.
func unseenBlobs(t *grader.T) (*mat.Dense, []int, []float64) {
	rng := t.Rand()
	c0 := [2]float64{4*rng.Float64() - 2, 4*rng.Float64() - 2}
	c1 := [2]float64{c0[0] + 1 + 2*rng.Float64(), c0[1] + 2*rng.Float64() - 1}
	X, y := blobs(rng, 20+rng.IntN(100), c0, c1, 0.5+rng.Float64())
	theta := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
	return X, y, theta
}

func hiddenLossGrad(t *grader.T) {
	X, y, theta := unseenBlobs(t)
	checkLossAtZero(t, X, y, "unseen blobs")
	checkLoss(t, X, y, theta, "unseen blobs")
	checkGrad(t, X, y, theta, "unseen blobs")
	for j := range theta {
		theta[j] *= 80
	}
	checkConfident(t, X, y, theta, "unseen blobs")
}

func hiddenFit(t *grader.T) {
	X, y, _ := unseenBlobs(t)
	rng := t.Rand()
	alpha, iters := 0.1+0.4*rng.Float64(), 50+rng.IntN(300)
	theta, _, wantTheta, _ := checkFit(t, X, y, alpha, iters, "unseen blobs")
	if len(theta) != 3 {
		return
	}
	got := t.Call("Predict", X, theta, 0.5).Ints()
	want := predictRef(X, wantTheta)
	if !t.True(len(got) == len(want), "Predict returned %d labels for %d rows", len(got), len(want)) {
		return
	}
	differ := 0
	for i := range got {
		if got[i] != want[i] {
			differ++
		}
	}
	t.True(differ == 0, "Predict(unseen blobs, your θ, 0.5) differs from the reference's predictions on %d of %d rows (your accuracy %.3f, the reference's %.3f)",
		differ, len(want), metrics.Accuracy(y, got), metrics.Accuracy(y, want))
}
