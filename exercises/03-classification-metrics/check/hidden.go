//go:build hidden

package check

import (
	"fmt"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks returns the checks CI runs on seeded labels the learner has never seen, so that
// answers tuned to the visible examples fail.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "All binary metrics on unseen labels", Points: 2, Hidden: true, Run: hiddenBinary},
		{Name: "Confusion matrix of unseen labels with 3 to 6 classes, one of them absent", Points: 1, Hidden: true, Run: hiddenConfusion},
	}
}

// hiddenBinary scores a noisy predictor of random labels of random length and imbalance.
func hiddenBinary(t *grader.T) {
	r := t.Rand()
	for range 3 {
		n := 20 + r.IntN(500)
		rate := 0.02 + 0.48*r.Float64()
		y, score := imbalanced(t, n, rate, 1+2*r.Float64())
		th := 0.5 + r.Float64()
		p := make([]int, n)
		for i, s := range score {
			if s >= th {
				p[i] = 1
			}
		}
		for _, fn := range []string{"Accuracy", "Precision", "Recall", "F1", "BalancedAccuracy"} {
			got := t.Call(fn, y, p).Float()
			t.Label(fmt.Sprintf("%s of %d random labels, %.0f %% positive", fn, n, 100*rate))
			expect(t, fn, got, y, p)
		}
	}
}

// hiddenConfusion: k classes, each label predicted right with probability 0.7, else at random;
// then again with one random class (the top one half the time) in neither the truth nor the
// prediction.
func hiddenConfusion(t *grader.T) {
	r := t.Rand()
	k := 3 + r.IntN(4)
	absent := k - 1
	if r.IntN(2) == 0 {
		absent = r.IntN(k - 1)
	}
	for _, skip := range []int{-1, absent} {
		label := func() int {
			for {
				if c := r.IntN(k); c != skip {
					return c
				}
			}
		}
		n := 50 + r.IntN(200)
		y, p := make([]int, n), make([]int, n)
		for i := range y {
			y[i] = label()
			p[i] = y[i]
			if r.Float64() < 0.3 {
				p[i] = label()
			}
		}
		confusion(t, y, p, k)
	}
}
