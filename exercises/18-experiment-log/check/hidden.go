//go:build hidden

package check

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
)

// hiddenChecks run on data, configurations, seeds and logs the learner never saw, drawn from the
// run's seed.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Fingerprint and Train on unseen data, configuration and seed", Points: 2, Hidden: true, Run: hiddenTrain},
		{Name: "Sweep on unseen data: order, seeds, one fingerprint, the reference's runs, a rerun", Points: 1, Hidden: true, Run: hiddenSweep},
		{Name: "Summarize and Winner on unseen logs", Points: 2, Hidden: true, Run: hiddenSummaries},
	}
}

// unseenData returns two Gaussian classes in 2 to 6 dimensions, 40 to 160 rows in random order,
// class 1 shifted by a random offset of length 1 to 2.5.
func unseenData(rng *rand.Rand) (*mat.Dense, []int) {
	m, n := 40+rng.IntN(121), 2+rng.IntN(5)
	shift := make([]float64, n)
	norm := 0.0
	for j := range shift {
		shift[j] = rng.NormFloat64()
		norm += shift[j] * shift[j]
	}
	scale := (1 + 1.5*rng.Float64()) / math.Sqrt(norm)
	X := mat.NewDense(m, n, nil)
	y := make([]int, m)
	for i := range m {
		y[i] = i % 2 // both classes, then shuffled below
		for j := range n {
			X.Set(i, j, rng.NormFloat64()+float64(y[i])*shift[j]*scale)
		}
	}
	rng.Shuffle(m, func(a, b int) {
		y[a], y[b] = y[b], y[a]
		ra, rb := X.RawRowView(a), X.RawRowView(b)
		for j := range ra {
			ra[j], rb[j] = rb[j], ra[j]
		}
	})
	return X, y
}

// unseenConfig returns a random configuration for data of m rows: α in [0.05, 1.55], λ in
// [0, 5], 1 to 8 epochs, batches from one row to more than the training rows.
func unseenConfig(rng *rand.Rand, m int) config {
	return config{LearningRate: 0.05 + 1.5*rng.Float64(), Lambda: 5 * rng.Float64(), Epochs: 1 + rng.IntN(8), BatchSize: 1 + rng.IntN(m)}
}

func hiddenTrain(t *grader.T) {
	rng := t.Rand()
	X, y := unseenData(rng)
	m, n := X.Dims()
	what := fmt.Sprintf("unseen data (%d × %d)", m, n)
	checkFingerprint(t, X, y, what)
	cfg, seed := unseenConfig(rng, m), rng.Uint64()|1
	var got, again run
	t.Call("Train", X, y, cfg, seed).Decode(&got)
	checkRun(t, got, X, y, cfg, seed, fmt.Sprintf("Train(%s, %s, seed %d)", what, cfg, seed))
	t.Call("Train", X, y, cfg, seed).Decode(&again)
	t.True(sameBits(got, again), "Train(%s, %s, seed %d) gave ValLoss %s, then %s when called again: the same arguments must give the same run", what, cfg, seed, grader.Num(got.Metrics.ValLoss), grader.Num(again.Metrics.ValLoss))
}

func hiddenSweep(t *grader.T) {
	rng := t.Rand()
	X, y := unseenData(rng)
	m, n := X.Dims()
	base := unseenConfig(rng, m)
	base.Epochs = 1 + rng.IntN(4)
	lrs := []float64{0.05 + rng.Float64(), 0.05 + rng.Float64()}
	lambdas := []float64{3 * rng.Float64(), 3 * rng.Float64()}
	seeds := make([]uint64, 2+rng.IntN(2))
	for i := range seeds {
		seeds[i] = rng.Uint64() | 1
	}
	what := fmt.Sprintf("unseen data (%d × %d), %d epochs, batches of %d, α ∈ %s, λ ∈ %s, seeds %v", m, n, base.Epochs, base.BatchSize, grader.Nums(lrs), grader.Nums(lambdas), seeds)
	var got []run
	t.Call("Sweep", X, y, base, lrs, lambdas, seeds).Decode(&got)
	checkSweepLog(t, got, X, y, base, lrs, lambdas, seeds, what)
	checkSeedsMatter(t, got, len(seeds), what)
	if compareSweep(t, got, refSweep(X, y, base, lrs, lambdas, seeds), X, y, what) {
		checkReruns(t, got, X, y, []int{rng.IntN(len(got))}, what)
	}
}

// unseenLog returns a log of runs of 2 to 4 configurations on one or two datasets, 1 to 5 runs
// per (configuration, data) pair, in random order, with random metrics.
func unseenLog(rng *rand.Rand) []run {
	d1 := data.Fingerprint(mat.NewDense(1, 1, []float64{rng.Float64()}), []int{0})
	d2 := data.Fingerprint(mat.NewDense(1, 1, []float64{rng.Float64()}), []int{1})
	var runs []run
	for c := range 2 + rng.IntN(3) {
		cfg := config{LearningRate: []float64{0.01, 0.1, 1}[rng.IntN(3)], Lambda: float64(c), Epochs: 10, BatchSize: 32}
		for d, fp := range []string{d1, d2} {
			if d == 1 && rng.IntN(2) == 0 {
				continue
			}
			for s := range 1 + rng.IntN(5) {
				runs = append(runs, run{Config: cfg, Seed: uint64(s + 1), Data: fp,
					Metrics: metricsT{0.02 + 0.1*rng.Float64(), 0.05 + 0.2*rng.Float64(), 0.85 + 0.15*rng.Float64()}})
			}
		}
	}
	rng.Shuffle(len(runs), func(i, j int) { runs[i], runs[j] = runs[j], runs[i] })
	return runs
}

// unseenSummaries returns 3 to 7 summaries whose best mean and luckiest run belong to different
// configurations, sometimes with a NaN mean or a tie for the best mean, and the winner's index.
func unseenSummaries(rng *rand.Rand) ([]summary, int) {
	k := 3 + rng.IntN(5)
	ss := make([]summary, k)
	for i := range ss {
		mean := 0.08 + 0.1*rng.Float64()
		sd := 0.005 + 0.03*rng.Float64()
		ss[i] = summary{Config: config{LearningRate: float64(i + 1), Lambda: rng.Float64(), Epochs: 10, BatchSize: 32}, Data: "d", Runs: 5,
			Mean: metricsT{0.05, mean, 0.95}, Std: metricsT{0.01, sd, 0.01},
			Min: metricsT{0.04, mean - sd, 0.93}, Max: metricsT{0.06, mean + sd, 0.97}}
	}
	best, lucky := rng.IntN(k), rng.IntN(k-1)
	if lucky >= best {
		lucky++
	}
	ss[best].Mean.ValLoss = 0.05
	ss[best].Min.ValLoss = 0.045
	ss[lucky].Min.ValLoss = 0.01
	ss[lucky].Max.ValAccuracy = 1
	if rng.IntN(2) == 0 { // a tie for the best mean after the best
		for i := best + 1; i < k; i++ {
			if i != lucky {
				ss[i].Mean.ValLoss = ss[best].Mean.ValLoss
				break
			}
		}
	}
	if rng.IntN(2) == 0 { // a diverged configuration
		for i := range ss {
			if i != best && i != lucky {
				ss[i].Mean.ValLoss, ss[i].Std.ValLoss, ss[i].Min.ValLoss, ss[i].Max.ValLoss = math.NaN(), math.NaN(), math.NaN(), math.NaN()
				break
			}
		}
	}
	return ss, refWinner(ss)
}

func hiddenSummaries(t *grader.T) {
	rng := t.Rand()
	runs := unseenLog(rng)
	var got []summary
	t.Call("Summarize", runs).Decode(&got)
	checkSummaries(t, got, runs, fmt.Sprintf("an unseen log of %d runs", len(runs)))
	for range 3 {
		ss, want := unseenSummaries(rng)
		checkWinner(t, ss, want, fmt.Sprintf("%d unseen summaries", len(ss)))
	}
}
