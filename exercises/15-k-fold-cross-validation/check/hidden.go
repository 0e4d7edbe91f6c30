//go:build hidden

package check

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on sizes, seeds and data the learner never saw, drawn from the run's seed:
// numbers of rows that k does not divide, so that the remainder shows, and regression data
// whose columns have very different offsets and scales, so that scaling matters.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "KFold on unseen sizes and seeds", Points: 1, Hidden: true, Run: hiddenKFold},
		{Name: "CrossValidate on unseen data: the scaler's and the model's fits, the predictions and the scores", Points: 2, Hidden: true, Run: hiddenCV},
		{Name: "Summarize on unseen scores", Points: 1, Hidden: true, Run: hiddenSummarize},
	}
}

// remainderSize returns a number of rows in [lo, hi) that k does not divide.
func remainderSize(rng *rand.Rand, lo, hi, k int) int {
	n := lo + rng.IntN(hi-lo)
	if n%k == 0 {
		n++
	}
	return n
}

func hiddenKFold(t *grader.T) {
	rng := t.Rand()
	for i := range 3 {
		k := 2 + rng.IntN(11)
		n := remainderSize(rng, 3*k, 400, k)
		shuffle := i != 1
		seed := rng.Uint64()
		got := callKFold(t, t.Call("KFold", n, k, shuffle, seed), n, k, shuffle, seed)
		judgeFolds(t, got, n, k, shuffle, seed)
	}
}

// regression returns m rows of n features, each column with its own offset and scale (from
// 0.01 to 1000), and targets that depend linearly on them, plus noise.
func regression(rng *rand.Rand, m, n int) (*mat.Dense, []float64) {
	X := mat.NewDense(m, n, nil)
	offset, scale, w := make([]float64, n), make([]float64, n), make([]float64, n)
	for j := range n {
		offset[j] = 200*rng.Float64() - 100
		scale[j] = math.Pow(10, 5*rng.Float64()-2)
		w[j] = rng.NormFloat64() / scale[j]
	}
	y := make([]float64, m)
	for i := range m {
		y[i] = 3 * rng.NormFloat64()
		for j := range n {
			x := offset[j] + scale[j]*rng.NormFloat64()
			X.Set(i, j, x)
			y[i] += 10 * w[j] * (x - offset[j])
		}
	}
	return X, y
}

func hiddenCV(t *grader.T) {
	rng := t.Rand()
	k := 3 + rng.IntN(6)
	m := remainderSize(rng, 60, 240, k)
	X, y := regression(rng, m, 2+rng.IntN(5))
	seed := rng.Uint64()
	alpha := math.Pow(10, 2*rng.Float64()-1)
	p, got := runCV(t, X, y, k, seed, alpha)
	p.judgeScaler(t, k, seed)
	p.judgeModel(t, k, seed)
	judgeScores(t, p, got, refScores(t, X, y, k, seed, alpha), k, seed, "unseen data", false)
}

func hiddenSummarize(t *grader.T) {
	rng := t.Rand()
	scores := make([]float64, 3+rng.IntN(8))
	for i := range scores {
		scores[i] = math.Round((1+50*rng.Float64())*1000) / 1000
	}
	mean, std := stat.PopMeanStdDev(scores, nil)
	judgeSummary(t, scores, mean, std)
}
