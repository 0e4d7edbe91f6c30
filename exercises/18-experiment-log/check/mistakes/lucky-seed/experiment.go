// Package experiment holds exercise 18: a small hyper-parameter sweep whose every run is logged
// (configuration, seed, data fingerprint, metrics) so that any run can be rerun and the
// configurations compared over several seeds. See README.md for the task.
package experiment

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"

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

// valFraction is the share of rows that a run holds out for validation.
const valFraction = 0.2

// Fingerprint returns the lowercase hex SHA-256 of X's shape (m, n as uint64), its values row by
// row (the bits of each float64) and the labels (as int64), every number little-endian.
func Fingerprint(X *mat.Dense, y []int) string {
	m, n := X.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("experiment: Fingerprint: %d labels for %d rows", len(y), m))
	}
	h := sha256.New()
	var b [8]byte
	write := func(u uint64) {
		binary.LittleEndian.PutUint64(b[:], u)
		h.Write(b[:])
	}
	write(uint64(m))
	write(uint64(n))
	for i := range m {
		for j := range n {
			write(math.Float64bits(X.At(i, j)))
		}
	}
	for _, label := range y {
		write(uint64(int64(label)))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Train runs one seeded experiment: it splits the rows into training and validation rows, fits
// L2-regularised logistic regression by mini-batch SGD, and returns the run with its metrics.
// One generator, rand.New(rand.NewPCG(seed, 0)), drives all of it: first perm := rng.Perm(m)
// (the first ⌈0.2·m⌉ are the validation rows, the rest the training rows in that order), then
// rng.Perm(mTrain) at the start of every epoch.
func Train(X *mat.Dense, y []int, cfg Config, seed uint64) Run {
	m, n := X.Dims()
	if len(y) != m || cfg.BatchSize < 1 || cfg.Epochs < 0 {
		panic(fmt.Sprintf("experiment: Train: %d labels for %d rows, config %+v", len(y), m, cfg))
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	perm := rng.Perm(m)
	nVal := int(math.Ceil(valFraction * float64(m)))
	val, train := perm[:nVal], perm[nVal:]
	mTrain := len(train)

	theta := make([]float64, n+1) // θ₀ is the bias
	grad := make([]float64, n+1)
	for range cfg.Epochs {
		order := rng.Perm(mTrain)
		for start := 0; start < mTrain; start += cfg.BatchSize {
			batch := order[start:min(start+cfg.BatchSize, mTrain)]
			clear(grad)
			for _, k := range batch {
				i := train[k]
				r := sigmoid(logit(X, i, theta)) - float64(y[i])
				grad[0] += r
				for j := range n {
					grad[j+1] += r * X.At(i, j)
				}
			}
			for j := range theta {
				g := grad[j] / float64(len(batch))
				if j > 0 {
					g += cfg.Lambda / float64(mTrain) * theta[j]
				}
				theta[j] -= cfg.LearningRate * g
			}
		}
	}
	trainLoss, _ := evaluate(X, y, train, theta)
	valLoss, valAccuracy := evaluate(X, y, val, theta)
	return Run{
		Config:  cfg,
		Seed:    seed,
		Data:    Fingerprint(X, y),
		Metrics: Metrics{TrainLoss: trainLoss, ValLoss: valLoss, ValAccuracy: valAccuracy},
	}
}

// logit returns θ₀ + Σⱼ θⱼ₊₁·X[i][j].
func logit(X *mat.Dense, i int, theta []float64) float64 {
	z := theta[0]
	for j, v := range X.RawRowView(i) {
		z += theta[j+1] * v
	}
	return z
}

// sigmoid is 1/(1 + e⁻ᶻ), computed so that the exponential never overflows.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// evaluate returns the mean log loss, softplus(z) − y·z, and the accuracy of θ on the rows.
func evaluate(X *mat.Dense, y []int, rows []int, theta []float64) (loss, accuracy float64) {
	right := 0
	for _, i := range rows {
		z := logit(X, i, theta)
		loss += math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - float64(y[i])*z
		predicted := 0
		if z >= 0 {
			predicted = 1
		}
		if predicted == y[i] {
			right++
		}
	}
	return loss / float64(len(rows)), float64(right) / float64(len(rows))
}

// Sweep trains every combination: for each learning rate, for each λ, for each seed (in the
// order given, the seeds innermost), Train with base's Epochs and BatchSize.
func Sweep(X *mat.Dense, y []int, base Config, lrs, lambdas []float64, seeds []uint64) []Run {
	runs := make([]Run, 0, len(lrs)*len(lambdas)*len(seeds))
	for _, lr := range lrs {
		for _, lambda := range lambdas {
			cfg := base
			cfg.LearningRate, cfg.Lambda = lr, lambda
			for _, seed := range seeds {
				runs = append(runs, Train(X, y, cfg, seed))
			}
		}
	}
	return runs
}

// metricFields lists the fields of Metrics, so that each statistic is computed for each.
var metricFields = []func(*Metrics) *float64{
	func(m *Metrics) *float64 { return &m.TrainLoss },
	func(m *Metrics) *float64 { return &m.ValLoss },
	func(m *Metrics) *float64 { return &m.ValAccuracy },
}

// Summarize groups the runs by configuration and data fingerprint, in the order each group
// first appears, and returns the mean, population standard deviation, minimum and maximum of
// every metric over each group's runs.
func Summarize(runs []Run) []Summary {
	type key struct {
		cfg  Config
		data string
	}
	var order []key
	groups := map[key][]Metrics{}
	for _, r := range runs {
		k := key{r.Config, r.Data}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r.Metrics)
	}
	out := make([]Summary, len(order))
	for g, k := range order {
		ms := groups[k]
		s := Summary{Config: k.cfg, Data: k.data, Runs: len(ms)}
		for _, field := range metricFields {
			sum, lo, hi := 0.0, math.Inf(1), math.Inf(-1)
			for i := range ms {
				v := *field(&ms[i])
				sum += v
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
			mean := sum / float64(len(ms))
			sq := 0.0
			for i := range ms {
				d := *field(&ms[i]) - mean
				sq += d * d
			}
			*field(&s.Mean) = mean
			*field(&s.Std) = math.Sqrt(sq / float64(len(ms)))
			*field(&s.Min) = lo
			*field(&s.Max) = hi
		}
		out[g] = s
	}
	return out
}

// Winner returns the configuration with the lowest mean validation loss. A tie goes to the
// summary that comes first; a NaN mean (a diverged configuration) never wins unless every mean
// is NaN, and then the first summary does.
func Winner(summaries []Summary) Config {
	if len(summaries) == 0 {
		panic("experiment: Winner: no summaries")
	}
	best := 0
	for i, s := range summaries {
		b := summaries[best].Min.ValLoss // the best run of each configuration
		if s.Min.ValLoss < b || (math.IsNaN(b) && !math.IsNaN(s.Min.ValLoss)) {
			best = i
		}
	}
	return summaries[best].Config
}
