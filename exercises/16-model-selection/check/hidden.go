//go:build hidden

package check

import (
	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on problems the learner never saw, drawn from the run's seed: samples of
// the sine curve with polynomial features of a random degree, a random number of rows (never a
// multiple of k) and of folds, and penalties in shuffled order.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "CVError and SelectLambda on unseen data", Points: 2, Hidden: true, Run: hiddenSelect},
		{Name: "SelectAndTest on unseen data: one read, of the model refitted on all rows", Points: 2, Hidden: true, Run: hiddenFinal},
	}
}

func hiddenSelect(t *grader.T) {
	p := sinProblem(t.Rand())
	checkCV(t, p, t.Rand().IntN(len(p.lambdas)))
	checkSelect(t, p)
}

func hiddenFinal(t *grader.T) {
	p := sinProblem(t.Rand())
	best, testErr, s := selectAndTest(t, p)
	checkReads(t, p, best, s)
	checkFinal(t, p, best, testErr, s)
}
