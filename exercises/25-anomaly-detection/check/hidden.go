//go:build hidden

package check

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on data the learner never saw, drawn from the run's seed: synthetic
// problems of random size, dimension, scales and anomaly spread, another deal of the breast
// cancer tumours, and wide data of a random width.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Fit and LogDensity on unseen data", Points: 2, Hidden: true, Run: hiddenFitDensity},
		{Name: "SelectThreshold and Detect on unseen scores", Points: 1, Hidden: true, Run: hiddenSelect},
		{Name: "Evaluate on unseen problems", Points: 2, Hidden: true, Run: hiddenEvaluate},
	}
}

func hiddenFitDensity(t *grader.T) {
	rng := t.Rand()
	d, what := synthetic(rng)
	checkFit(t, d.normalTrain(), what+", their normal rows")
	checkLogDensity(t, d.Xval, d.model(), what+", the validation rows")
	n := 200 + rng.IntN(201)
	X, g := wide(rng.Uint64(), n)
	checkLogDensity(t, X, g, fmt.Sprintf("6 unseen rows of %d features", n))
}

func hiddenSelect(t *grader.T) {
	rng := t.Rand()
	d, what := synthetic(rng)
	logp := d.model().LogDensity(nil, d.Xval)
	eps, _ := checkSelect(t, logp, d.yval, what+", validation scores")
	// The same scores rounded to whole numbers: many ties of scores and of F1.
	rounded := make([]float64, len(logp))
	for i, v := range logp {
		rounded[i] = math.Round(v)
	}
	checkSelect(t, rounded, d.yval, what+", validation scores rounded to whole numbers")
	test := d.model().LogDensity(nil, d.Xtest)
	checkDetect(t, test, eps, what+", test scores with the validation's ε")
	checkDetect(t, rounded, rounded[rng.IntN(len(rounded))], what+", rounded scores, ε one of them")
}

func hiddenEvaluate(t *grader.T) {
	rng := t.Rand()
	d, what := synthetic(rng)
	eps, f1, ts := evaluate(t, d)
	compareEvaluate(t, d, ts, eps, f1, what)
	c := cancerSplit(rand.New(rand.NewPCG(rng.Uint64(), 25)))
	eps, f1, ts = evaluate(t, c)
	compareEvaluate(t, c, ts, eps, f1, "breast cancer, another deal of the tumours")
}
