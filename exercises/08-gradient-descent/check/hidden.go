//go:build hidden

package check

import (
	"fmt"

	"github.com/mlkata/mlkata/exercises/internal/plane"
	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run gradient descent and Fit on data the learner never saw, drawn from the run's
// seed: other sizes, a random starting θ, learning rate and number of steps, and other houses.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Gradient descent on unseen data, from a random θ₀", Points: 2, Hidden: true, Run: hiddenDescent},
		{Name: "Fit on unseen raw features, also nearly collinear ones", Points: 1, Hidden: true, Run: hiddenFit},
	}
}

func hiddenDescent(t *grader.T) {
	rng := t.Rand()
	X, y := plane.Correlated(rng, 30+rng.IntN(300))
	theta0 := []float64{10 * rng.NormFloat64(), 10 * rng.NormFloat64(), 10 * rng.NormFloat64()}
	alpha, iters := 0.02+0.5*rng.Float64(), 20+rng.IntN(200)
	theta, hist := run(t, X, y, theta0, alpha, iters)
	m, _ := X.Dims()
	checkRun(t, X, y, theta0, alpha, iters, fmt.Sprintf("%d steps of α = %s from θ₀ = %s on %d unseen rows", iters, grader.Num(alpha), grader.Nums(theta0), m), theta, hist)
}

func hiddenFit(t *grader.T) {
	rng := t.Rand()
	m := 20 + rng.IntN(200)
	X, y := houses(rng, m)
	checkFit(t, X, y, t.Call("Fit", X, y).Floats(), fmt.Sprintf("%d unseen houses", m))
	m = 20 + rng.IntN(200)
	X, y = measuredTwice(rng, m)
	checkFit(t, X, y, t.Call("Fit", X, y).Floats(), fmt.Sprintf("%d unseen houses with their size in ft² and in m²", m))
}
