// Package experiment is another correct solution of exercise 18, written from the README: the
// fingerprint hashes one byte buffer, training works on matrices (the batch gradient is
// X_Bᵀ(σ(X_B·θ) − y_B)/|B|), Summarize keeps its groups in a slice found by linear search and
// uses Welford's running variance, and Winner sorts the candidates.
package experiment

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"math/rand/v2"
	"sort"

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
	var buf bytes.Buffer
	binary.Write(&buf, binary.LittleEndian, [2]uint64{uint64(m), uint64(n)})
	row := make([]float64, n)
	for i := range m {
		mat.Row(row, i, X)
		binary.Write(&buf, binary.LittleEndian, row)
	}
	labels := make([]int64, len(y))
	for i, v := range y {
		labels[i] = int64(v)
	}
	binary.Write(&buf, binary.LittleEndian, labels)
	sum := sha256.Sum256(buf.Bytes())
	return hex.EncodeToString(sum[:])
}

// withBias returns the rows idx of X with a column of ones in front, and their labels.
func withBias(X *mat.Dense, y []int, idx []int) (*mat.Dense, *mat.VecDense) {
	_, n := X.Dims()
	A := mat.NewDense(len(idx), n+1, nil)
	t := mat.NewVecDense(len(idx), nil)
	for r, i := range idx {
		A.Set(r, 0, 1)
		for j := range n {
			A.Set(r, j+1, X.At(i, j))
		}
		t.SetVec(r, float64(y[i]))
	}
	return A, t
}

func sigmoid(z float64) float64 {
	if z < 0 {
		e := math.Exp(z)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(-z))
}

// lossAndAccuracy returns the mean log loss and the accuracy of θ on the design matrix A.
func lossAndAccuracy(A *mat.Dense, t *mat.VecDense, theta *mat.VecDense) (float64, float64) {
	m, _ := A.Dims()
	z := mat.NewVecDense(m, nil)
	z.MulVec(A, theta)
	loss, right := 0.0, 0.0
	for i := range m {
		zi, yi := z.AtVec(i), t.AtVec(i)
		loss += math.Max(zi, 0) + math.Log1p(math.Exp(-math.Abs(zi))) - yi*zi
		if (zi >= 0) == (yi == 1) {
			right++
		}
	}
	return loss / float64(m), right / float64(m)
}

// Train splits, fits by mini-batch SGD and evaluates, all from one generator seeded by seed.
func Train(X *mat.Dense, y []int, cfg Config, seed uint64) Run {
	m, n := X.Dims()
	rng := rand.New(rand.NewPCG(seed, 0))
	perm := rng.Perm(m)
	nVal := int(math.Ceil(0.2 * float64(m)))
	Atr, ttr := withBias(X, y, perm[nVal:])
	Ava, tva := withBias(X, y, perm[:nVal])
	mTrain := len(perm) - nVal
	theta := mat.NewVecDense(n+1, nil)
	for range cfg.Epochs {
		order := rng.Perm(mTrain)
		for lo := 0; lo < mTrain; lo += cfg.BatchSize {
			b := order[lo:min(lo+cfg.BatchSize, mTrain)]
			AB := mat.NewDense(len(b), n+1, nil)
			r := mat.NewVecDense(len(b), nil)
			for k, i := range b {
				AB.SetRow(k, Atr.RawRowView(i))
			}
			r.MulVec(AB, theta)
			for k, i := range b {
				r.SetVec(k, sigmoid(r.AtVec(k))-ttr.AtVec(i))
			}
			g := mat.NewVecDense(n+1, nil)
			g.MulVec(AB.T(), r)
			g.ScaleVec(1/float64(len(b)), g)
			pen := mat.VecDenseCopyOf(theta)
			pen.SetVec(0, 0)
			g.AddScaledVec(g, cfg.Lambda/float64(mTrain), pen)
			theta.AddScaledVec(theta, -cfg.LearningRate, g)
		}
	}
	var met Metrics
	met.TrainLoss, _ = lossAndAccuracy(Atr, ttr, theta)
	met.ValLoss, met.ValAccuracy = lossAndAccuracy(Ava, tva, theta)
	return Run{Config: cfg, Seed: seed, Data: Fingerprint(X, y), Metrics: met}
}

// Sweep runs every learning rate × λ × seed, seeds innermost.
func Sweep(X *mat.Dense, y []int, base Config, lrs, lambdas []float64, seeds []uint64) []Run {
	var runs []Run
	for i := range lrs {
		for j := range lambdas {
			cfg := base
			cfg.LearningRate = lrs[i]
			cfg.Lambda = lambdas[j]
			for k := range seeds {
				runs = append(runs, Train(X, y, cfg, seeds[k]))
			}
		}
	}
	return runs
}

// welford accumulates one metric's count, mean, sum of squared deviations, min and max.
type welford struct {
	n        int
	mean, m2 float64
	lo, hi   float64
}

func (w *welford) add(v float64) {
	if w.n == 0 {
		w.lo, w.hi = v, v
	}
	w.n++
	d := v - w.mean
	w.mean += d / float64(w.n)
	w.m2 += d * (v - w.mean)
	w.lo, w.hi = math.Min(w.lo, v), math.Max(w.hi, v)
}

// Summarize groups runs by (Config, Data) in first-seen order, with Welford's running variance.
func Summarize(runs []Run) []Summary {
	type group struct {
		cfg   Config
		data  string
		stats [3]welford
	}
	var groups []*group
	for _, r := range runs {
		var g *group
		for _, c := range groups {
			if c.cfg == r.Config && c.data == r.Data {
				g = c
				break
			}
		}
		if g == nil {
			g = &group{cfg: r.Config, data: r.Data}
			groups = append(groups, g)
		}
		g.stats[0].add(r.Metrics.TrainLoss)
		g.stats[1].add(r.Metrics.ValLoss)
		g.stats[2].add(r.Metrics.ValAccuracy)
	}
	out := make([]Summary, 0, len(groups))
	for _, g := range groups {
		pick := func(f func(w welford) float64) Metrics {
			return Metrics{f(g.stats[0]), f(g.stats[1]), f(g.stats[2])}
		}
		out = append(out, Summary{
			Config: g.cfg, Data: g.data, Runs: g.stats[0].n,
			Mean: pick(func(w welford) float64 { return w.mean }),
			Std:  pick(func(w welford) float64 { return math.Sqrt(w.m2 / float64(w.n)) }),
			Min:  pick(func(w welford) float64 { return w.lo }),
			Max:  pick(func(w welford) float64 { return w.hi }),
		})
	}
	return out
}

// Winner sorts the summaries by mean validation loss, NaN last, keeping ties in order.
func Winner(summaries []Summary) Config {
	idx := make([]int, len(summaries))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		va, vb := summaries[idx[a]].Mean.ValLoss, summaries[idx[b]].Mean.ValLoss
		if math.IsNaN(vb) {
			return !math.IsNaN(va)
		}
		return va < vb
	})
	return summaries[idx[0]].Config
}
