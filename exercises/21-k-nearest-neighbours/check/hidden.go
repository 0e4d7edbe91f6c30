//go:build hidden

package check

import (
	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on data the learner never saw, drawn from the run's seed: a random integer
// grid (size, rows, classes, k) for the tie rules, and a random split of wine with random ks.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Neighbors and Predict on an unseen grid", Points: 2, Hidden: true, Run: hiddenGrid},
		{Name: "ChooseK on an unseen split of wine", Points: 2, Hidden: true, Run: hiddenChoose},
	}
}

func hiddenGrid(t *grader.T) {
	rng := t.Rand()
	side, classes := 3+rng.IntN(4), 2+rng.IntN(3)
	Xtr, ytr, Xq := grid(rng, 20+rng.IntN(40), 10+rng.IntN(30), side, classes)
	what := "an unseen grid"
	for _, k := range []int{1 + rng.IntN(3), 4 + rng.IntN(6)} {
		if !checkNeighbors(t, Xtr, Xq, k, what) {
			return
		}
	}
	for _, k := range []int{2 + rng.IntN(3), 5 + rng.IntN(6)} {
		checkPredict(t, Xtr, ytr, Xq, k, what)
	}
}

func hiddenChoose(t *grader.T) {
	rng := t.Rand()
	Xtr, ytr, Xva, yva, err := wineSplit(0.25+0.25*rng.Float64(), rng.Uint64())
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	var ks []int
	for k := 1; k <= 40; k++ {
		if rng.IntN(3) == 0 || k == 1 {
			ks = append(ks, k)
		}
	}
	checkChoose(t, Xtr, ytr, Xva, yva, ks, "an unseen split of wine", false)
}
