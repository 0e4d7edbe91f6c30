//go:build hidden

package check

import (
	"fmt"
	"math"
	"strconv"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks split data the learner never saw, drawn from the run's seed: a size m and a
// test fraction for which ⌈testFrac·m⌉ is not testFrac·m, rows that are unique, and labels in
// class order.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "TrainTestSplit on unseen data: sizes, every row once, with its label, shuffled", Points: 2, Hidden: true, Run: hiddenSplit},
		{Name: "StratifiedSplit on unseen imbalanced labels: counts, every row once, shuffled, seeded", Points: 2, Hidden: true, Run: hiddenStratified},
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
		t.Label("the test-set size of TrainTestSplit on unseen data")
		t.Mistake(len(s.yTest) == int(frac*float64(m)), "test-size-floor",
			fmt.Sprintf("with m = %d and testFrac = %s your test set has %d rows, ⌊testFrac·m⌋; ⌈testFrac·m⌉ = %d", m, grader.Num(frac), len(s.yTest), nTest))
		partition(t, "TrainTestSplit", X, y, s, nTest)
		if len(s.yTest) == 0 {
			t.Fatalf("TrainTestSplit(m = %d, testFrac = %s) returned an empty test set, want %d rows", m, grader.Num(frac), nTest)
		}
		// Column 0 of X is the row number: a test set of consecutive rows was not shuffled.
		first := s.Xtest.At(0, 0)
		consecutive := true
		for i := range len(s.yTest) {
			consecutive = consecutive && s.Xtest.At(i, 0) == first+float64(i)
		}
		t.Label("the test set of TrainTestSplit on unseen data")
		t.Mistake(consecutive, "not-shuffled", "it is a block of consecutive rows of X, in order")
	}
}

// hiddenStratified splits class-sorted rows of 3 to 5 imbalanced classes, with exact counts per
// class, and probes it for determinism: with several classes, a split that follows Go's map
// order differs from call to call.
func hiddenStratified(t *grader.T) {
	rng := t.Rand()
	m := 80 + rng.IntN(200)
	k := 3 + rng.IntN(3)
	X, y := sortedRandom(rng, m, 3, k, []float64{0.5, 0.2, 0.15, 0.1, 0.05}[:k])
	frac := 0.2 + 0.2*rng.Float64()
	counts := classCounts(y, k)
	names := make([]string, k)
	for c := range names {
		names[c] = "class " + strconv.Itoa(c)
	}
	for i := range 3 {
		seed := rng.Uint64()
		var s split
		if i == 0 {
			s = shapeOf(t, "StratifiedSplit", X, t.Deterministic("StratifiedSplit", X, y, frac, seed))
		} else {
			s = callSplit(t, "StratifiedSplit", X, y, frac, seed)
		}
		partition(t, "StratifiedSplit", X, y, s, -1)
		checkShares(t, fmt.Sprintf("StratifiedSplit(m = %d, testFrac = %s)", m, grader.Num(frac)), X, y, s, frac, seed, counts, names)
		t.Label("the test set of StratifiedSplit on unseen class-sorted data")
		t.Mistake(firstOfEachClass(X, y, s.Xtest), "not-shuffled", "it holds the first rows of each class, in the order of X")
	}
}
