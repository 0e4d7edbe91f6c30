//go:build hidden

package check

import (
	"fmt"

	"github.com/mlkata/mlkata/exercises/internal/plane"
	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run SGD on data the learner never saw, drawn from the run's seed: another number
// of rows, a batch size that leaves a partial batch, a random θ₀, learning rate and SGD seed.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Mini-batch SGD on unseen data, with a partial last batch, the same run for the same seed", Points: 2, Hidden: true, Run: hiddenSGD},
		{Name: "batch = m on unseen data is batch gradient descent", Points: 1, Hidden: true, Run: hiddenFull},
	}
}

func hiddenSGD(t *grader.T) {
	rng := t.Rand()
	m := 40 + rng.IntN(300)
	X, y := plane.Correlated(rng, m)
	batch := 2 + rng.IntN(30)
	for m%batch == 0 {
		batch++ // leave a partial last batch
	}
	theta0 := []float64{5 * rng.NormFloat64(), 5 * rng.NormFloat64(), 5 * rng.NormFloat64()}
	alpha, epochs, seed := 0.01+0.09*rng.Float64(), 3+rng.IntN(15), rng.Uint64()
	// The run is a function of its arguments, the seed included: the same call, many times and
	// in a fresh process too, must give the same run.
	r := t.Deterministic("SGD", X, y, theta0, alpha, epochs, batch, seed)
	checkRun(t, X, y, theta0, alpha, epochs, batch, seed,
		fmt.Sprintf("%d epochs of batches of %d on %d unseen rows (α = %s, seed %d)", epochs, batch, m, grader.Num(alpha), seed), r.Out(0).Floats(), r.Out(1).Floats())
}

func hiddenFull(t *grader.T) {
	rng := t.Rand()
	m := 40 + rng.IntN(300)
	X, y := plane.Correlated(rng, m)
	theta0 := []float64{5 * rng.NormFloat64(), 5 * rng.NormFloat64(), 5 * rng.NormFloat64()}
	alpha, epochs := 0.05+0.5*rng.Float64(), 5+rng.IntN(40)
	theta, loss := run(t, X, y, theta0, alpha, epochs, m, rng.Uint64())
	want, wantLoss := simulate(X, y, theta0, alpha, epochs, m, 0, exact)
	t.Label(fmt.Sprintf("θ after %d epochs with batch = m = %d, against batch gradient descent (α = %s)", epochs, m, grader.Num(alpha)))
	t.CloseSlice(theta, want, tolTheta)
	t.Label("the loss per epoch with batch = m")
	t.CloseSlice(loss, wantLoss, tolLoss)
}
