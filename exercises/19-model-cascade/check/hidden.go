//go:build hidden

package check

import (
	"math"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// hiddenChecks run on synthetic data the learner never saw, drawn from the run's seed: its
// size, features, target, the number of folds, the fold seed, and the stage models all vary,
// so that an answer tuned to the visible fixtures fails.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "OutOfFold, FitCascade and Predict on unseen data", Points: 2, Hidden: true, Run: hiddenCascade},
		{Name: "Retrain and Evaluate on unseen data, with a new stage 1 in other units", Points: 2, Hidden: true, Run: hiddenRetrain},
	}
}

// unseen returns a synthetic scenario: m training and 20–60 test rows of n uniform features on
// random scales, a target that is a nonlinear function of them plus noise (so that a
// nearest-neighbour stage 1 helps a linear stage 2), random k, fold seed, neighbours and
// penalty, and a new stage 1 whose output is in other units.
func unseen(t *grader.T) *scenario {
	rng := t.Rand()
	m, mte, n := 40+rng.IntN(120), 20+rng.IntN(40), 2+rng.IntN(3)
	scale := make([]float64, n)
	for j := range scale {
		scale[j] = math.Pow(10, 2*rng.Float64()-1)
	}
	a, b, c, noise := 1+3*rng.Float64(), 0.5+rng.Float64(), 2*rng.Float64()-1, 0.2+0.5*rng.Float64()
	draw := func(rows int) (X, y []float64) {
		X, y = make([]float64, rows*n), make([]float64, rows)
		for i := range rows {
			u := make([]float64, n)
			for j := range n {
				u[j] = 4*rng.Float64() - 2
				X[i*n+j] = u[j] * scale[j]
			}
			y[i] = a*math.Sin(b*math.Pi*u[0]) + c*u[1]*u[n-1] + u[1] + noise*rng.NormFloat64()
		}
		return X, y
	}
	X, y := draw(m)
	Xte, yte := draw(mte)
	k := 2 + rng.IntN(5)
	newStage := &knn{neighbours: 2 + rng.IntN(8)}
	switch rng.IntN(3) {
	case 0:
		newStage.zscore = true
	case 1:
		newStage.scale, newStage.shift = math.Pow(10, 3*rng.Float64()-1), 20*rng.Float64()-10
	default:
		newStage.zscore, newStage.scale, newStage.shift = true, -1, 0 // a score whose sign flipped
	}
	first := newKNN(1 + rng.IntN(3))
	return newScenario(t, "unseen data", X, y, Xte, yte, n, k, rng.Uint64(), first, newRidge(math.Pow(10, 3*rng.Float64()-2)),
		func() selection.Regressor { c := *newStage; return &c })
}

func hiddenCascade(t *grader.T) {
	sc := unseen(t)
	ref := sc.reference(t, sc.stage1)
	checkOutOfFold(t, sc, ref)
	sp := &spy{}
	_, f2, all, got, mk := fitLearnerCascade(t, sc, ref, sp, nil)
	checkPredict(t, sc, ref, sp, mk, got, f2, all, "stage1")
}

func hiddenRetrain(t *grader.T) {
	sc := unseen(t)
	checkRetrain(t, sc, false)
	checkEvaluate(t, sc)
}
