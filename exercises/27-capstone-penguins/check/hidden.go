//go:build hidden

package check

import (
	"fmt"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on splits the learner never saw, drawn from the run's seed: another share
// of held-out penguins (20% to 30%), another split and another seed for Run.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Features on an unseen split of the penguins", Points: 1, Hidden: true, Run: hiddenFeatures},
		{Name: "Run on an unseen split and seed: choice, predictions, no leak, report card", Points: 3, Hidden: true, Run: hiddenRun},
	}
}

// hiddenProblem draws a split and a seed from the check's random source.
func hiddenProblem(t *grader.T) *problem {
	rng := t.Rand()
	frac := 0.2 + 0.1*rng.Float64()
	p := split(frac, rng.Uint64(), rng.Uint64()%1_000_000)
	p.what = fmt.Sprintf("an unseen split: %s", p.what)
	return p
}

func hiddenFeatures(t *grader.T) {
	p := hiddenProblem(t)
	checkFeatures(t, p.train, p.test, p.what)
}

func hiddenRun(t *grader.T) {
	p := hiddenProblem(t)
	pred, c, s := runOnce(t, p)
	r := reference(p)
	checkChoice(t, p, r, pred, c, s)
	checkLeak(t, p, r, pred, s)
	checkCard(t, p, r, c)
}
