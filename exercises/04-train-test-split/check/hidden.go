//go:build hidden

package check

import (
	"fmt"
	"math"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks split data the learner never saw, drawn from the run's seed: a size m and a
// test fraction for which ⌈testFrac·m⌉ is not testFrac·m, rows that are unique, and labels in
// class order.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "TrainTestSplit on unseen data: sizes, every row once, with its label, shuffled", Points: 2, Hidden: true, Run: hiddenSplit},
		{Name: "StratifiedSplit on unseen imbalanced labels", Points: 2, Hidden: true, Run: hiddenStratified},
	}
}

func hiddenSplit(t *grader.T) {
	rng := t.Rand()
	fracs := []float64{0.15, 0.2, 0.25, 0.3, 1.0 / 3}
	for range 3 {
		frac := fracs[rng.IntN(len(fracs))]
		m := 40 + rng.IntN(160)
		for frac*float64(m) == math.Trunc(frac*float64(m)) {
			m++
		}
		X, y := sortedRandom(rng, m, 1+rng.IntN(4), 2+rng.IntN(3), []float64{0.4, 0.3, 0.2, 0.1})
		seed := rng.Uint64()
		s := callSplit(t, "TrainTestSplit", X, y, frac, seed)
		nTest := int(math.Ceil(frac * float64(m)))
		t.Mistake(len(s.yTest) == int(frac*float64(m)), "test-size-floor",
			fmt.Sprintf("with m = %d and testFrac = %v your test set has %d rows: round the test size up, nTest = ⌈testFrac·m⌉", m, frac, len(s.yTest)))
		partition(t, "TrainTestSplit", X, y, s, nTest)
		if len(s.yTest) == 0 {
			t.Fatalf("TrainTestSplit(m = %d, testFrac = %v) returned an empty test set, want %d rows", m, frac, nTest)
		}
		// Column 0 of X is the row number: a test set of consecutive rows was not shuffled.
		first := s.Xtest.At(0, 0)
		consecutive := true
		for i := range len(s.yTest) {
			consecutive = consecutive && s.Xtest.At(i, 0) == first+float64(i)
		}
		t.Mistake(consecutive, "not-shuffled", "your test set is a block of consecutive rows of X, in order: shuffle the rows before you slice")
	}
}

func hiddenStratified(t *grader.T) {
	rng := t.Rand()
	m := 80 + rng.IntN(200)
	X, y := sortedRandom(rng, m, 3, 3, []float64{0.7, 0.2, 0.1})
	frac := 0.2 + 0.2*rng.Float64()
	counts := classCounts(y, 3)
	names := []string{"0", "1", "2"}
	for range 3 {
		seed := rng.Uint64()
		s := callSplit(t, "StratifiedSplit", X, y, frac, seed)
		partition(t, "StratifiedSplit", X, y, s, -1)
		if msg := shares(y, s.yTest, frac, counts, names); msg != "" {
			plain := callSplit(t, "TrainTestSplit", X, y, frac, seed)
			t.Mistake(fmt.Sprint(plain.yTest) == fmt.Sprint(s.yTest), "not-stratified",
				"StratifiedSplit returned the same split as TrainTestSplit: "+msg+". Split each class on its own.")
			t.Fatalf("StratifiedSplit(m = %d, testFrac = %.3f): %s", m, frac, msg)
		}
	}
}
