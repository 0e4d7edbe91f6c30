// Package experiment is another correct solution of exercise 18, written from the README: the
// fingerprint streams each number into the hash with binary.Write, training keeps the training
// rows in their own matrix and loops over them, the log loss is written per class as
// softplus(∓z), Summarize indexes its groups with a map and keeps their order in a slice, and
// Winner skips NaN means before comparing.
package experiment

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Config is one point of the sweep: the hyper-parameters of a training run.
type Config struct {
	LearningRate float64 // α, the step size of mini-batch SGD
	Lambda       float64 // λ, the strength of the L2 penalty λ/(2·mTrain)·Σⱼ₌₁ⁿ θⱼ²
	Epochs       int     // passes over the training rows
	BatchSize    int     // rows per mini-batch (the last batch of an epoch may be shorter)
}

// Metrics are what one run measured, after training.
type Metrics struct {
	TrainLoss   float64 // mean log loss on the training rows (without the penalty)
	ValLoss     float64 // mean log loss on the validation rows
	ValAccuracy float64 // share of validation rows classified right (p ≥ 0.5 is class 1)
}

// Run is one entry of the experiment log: everything needed to run it again, and its result.
type Run struct {
	Config  Config
	Seed    uint64 // the seed of the run's only random generator
	Data    string // Fingerprint of the data the run was given
	Metrics Metrics
}

// Summary is one configuration's runs on one dataset, summarised over their seeds.
type Summary struct {
	Config Config
	Data   string
	Runs   int // how many runs (seeds) it summarises
	// Mean, Std (population), Min and Max of each metric over the runs.
	Mean, Std, Min, Max Metrics
}

// Fingerprint returns the hex SHA-256 of m, n, X row by row and y, all little-endian.
func Fingerprint(X *mat.Dense, y []int) string {
	m, n := X.Dims()
	h := sha256.New()
	binary.Write(h, binary.LittleEndian, uint64(m))
	binary.Write(h, binary.LittleEndian, uint64(n))
	for i := range m {
		for j := range n {
			binary.Write(h, binary.LittleEndian, X.At(i, j)) // a float64 is written as its bits
		}
	}
	for _, v := range y {
		binary.Write(h, binary.LittleEndian, int64(v))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// softplus returns log(1 + eᶻ) without overflow.
func softplus(z float64) float64 { return math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) }

// Train splits, fits by mini-batch SGD and evaluates, all from one generator seeded by seed.
func Train(X *mat.Dense, y []int, cfg Config, seed uint64) Run {
	m, n := X.Dims()
	rng := rand.New(rand.NewPCG(seed, 0))
	perm := rng.Perm(m)
	nVal := int(math.Ceil(0.2 * float64(m)))
	rows := func(idx []int) (*mat.Dense, []float64) {
		A := mat.NewDense(len(idx), n+1, nil)
		t := make([]float64, len(idx))
		for r, i := range idx {
			row := A.RawRowView(r)
			row[0] = 1
			mat.Row(row[1:], i, X)
			t[r] = float64(y[i])
		}
		return A, t
	}
	Atr, ytr := rows(perm[nVal:])
	Ava, yva := rows(perm[:nVal])
	mTrain := len(ytr)

	theta := make([]float64, n+1)
	step := make([]float64, n+1)
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		order := rng.Perm(mTrain)
		for lo := 0; lo < mTrain; {
			hi := lo + cfg.BatchSize
			if hi > mTrain {
				hi = mTrain
			}
			for j := range step {
				step[j] = 0
			}
			for _, k := range order[lo:hi] {
				x := Atr.RawRowView(k)
				z := floats.Dot(x, theta)
				var p float64
				if z >= 0 {
					p = 1 / (1 + math.Exp(-z))
				} else {
					p = math.Exp(z) / (1 + math.Exp(z))
				}
				floats.AddScaled(step, p-ytr[k], x)
			}
			floats.Scale(1/float64(hi-lo), step)
			for j := 1; j <= n; j++ {
				step[j] += cfg.Lambda * theta[j] / float64(mTrain)
			}
			floats.AddScaled(theta, -cfg.LearningRate, step)
			lo = hi
		}
	}
	eval := func(A *mat.Dense, t []float64) (loss, acc float64) {
		for r := range t {
			z := floats.Dot(A.RawRowView(r), theta)
			if t[r] == 1 {
				loss += softplus(-z)
				if z >= 0 {
					acc++
				}
			} else {
				loss += softplus(z)
				if z < 0 {
					acc++
				}
			}
		}
		return loss / float64(len(t)), acc / float64(len(t))
	}
	run := Run{Config: cfg, Seed: seed, Data: Fingerprint(X, y)}
	run.Metrics.TrainLoss, _ = eval(Atr, ytr)
	run.Metrics.ValLoss, run.Metrics.ValAccuracy = eval(Ava, yva)
	return run
}

// Sweep runs every learning rate × λ × seed, seeds innermost.
func Sweep(X *mat.Dense, y []int, base Config, lrs, lambdas []float64, seeds []uint64) []Run {
	out := make([]Run, 0, len(lrs)*len(lambdas)*len(seeds))
	for _, a := range lrs {
		for _, l := range lambdas {
			for _, s := range seeds {
				out = append(out, Train(X, y, Config{LearningRate: a, Lambda: l, Epochs: base.Epochs, BatchSize: base.BatchSize}, s))
			}
		}
	}
	return out
}

// Summarize groups runs by (Config, Data) in first-seen order: a map finds a group's index, a
// slice keeps the order.
func Summarize(runs []Run) []Summary {
	type key struct {
		c Config
		d string
	}
	index := map[key]int{}
	var members [][]Metrics
	var keys []key
	for _, r := range runs {
		k := key{r.Config, r.Data}
		g, ok := index[k]
		if !ok {
			g = len(keys)
			index[k] = g
			keys = append(keys, k)
			members = append(members, nil)
		}
		members[g] = append(members[g], r.Metrics)
	}
	out := make([]Summary, len(keys))
	for g, k := range keys {
		out[g] = Summary{Config: k.c, Data: k.d, Runs: len(members[g])}
		cols := [3][]float64{}
		for _, mt := range members[g] {
			cols[0] = append(cols[0], mt.TrainLoss)
			cols[1] = append(cols[1], mt.ValLoss)
			cols[2] = append(cols[2], mt.ValAccuracy)
		}
		var mean, std, lo, hi [3]float64
		for c, v := range cols {
			mean[c] = floats.Sum(v) / float64(len(v))
			ss := 0.0
			for _, x := range v {
				ss += (x - mean[c]) * (x - mean[c])
			}
			std[c] = math.Sqrt(ss / float64(len(v)))
			lo[c], hi[c] = floats.Min(v), floats.Max(v)
		}
		out[g].Mean = Metrics{mean[0], mean[1], mean[2]}
		out[g].Std = Metrics{std[0], std[1], std[2]}
		out[g].Min = Metrics{lo[0], lo[1], lo[2]}
		out[g].Max = Metrics{hi[0], hi[1], hi[2]}
	}
	return out
}

// Winner returns the configuration with the lowest mean validation loss among those whose mean
// is a number; the first summary when none is.
func Winner(summaries []Summary) Config {
	best := -1
	for i, s := range summaries {
		v := s.Mean.ValLoss
		if math.IsNaN(v) {
			continue
		}
		if best < 0 || v < summaries[best].Mean.ValLoss {
			best = i
		}
	}
	if best < 0 {
		best = 0
	}
	return summaries[best].Config
}
