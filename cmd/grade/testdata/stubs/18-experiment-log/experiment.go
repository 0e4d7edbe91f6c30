// Package experiment holds exercise 18: a small hyper-parameter sweep whose every run is logged
// (configuration, seed, data fingerprint, metrics) so that any run can be rerun and the
// configurations compared over several seeds. See README.md for the task.
package experiment

import "gonum.org/v1/gonum/mat"

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

// Fingerprint returns the SHA-256 digest, as 64 lowercase hexadecimal digits, of these bytes,
// every number as 8 bytes little-endian: the number of rows m and of columns n (uint64), the
// values of X row by row (the bits of each float64, math.Float64bits), then the labels (each as
// int64). The same data give the same fingerprint; any change to a value, the order of the rows
// or a label gives another. X and y are not modified.
//
// It panics if len(y) is not the number of rows of X.
func Fingerprint(X *mat.Dense, y []int) string {
	panic("not implemented")
}

// Train runs one seeded experiment on the m×n features X (already on a common scale) and the
// labels y ∈ {0, 1}, and returns its log entry: cfg, seed, Fingerprint(X, y) and the metrics.
//
// One generator, rng := rand.New(rand.NewPCG(seed, 0)), drives everything random, in this
// order. First perm := rng.Perm(m): rows perm[:nVal] are the validation rows, with
// nVal = ⌈0.2·m⌉, and train := perm[nVal:] the mTrain training rows, in that order. Then
// logistic regression with a bias, θ = 0 at the start (n+1 values, θ₀ the bias), is fitted by
// mini-batch SGD: every epoch draws order := rng.Perm(mTrain) and visits the training rows
// train[order[0]], train[order[1]], … in batches of cfg.BatchSize (the last one shorter when
// needed), one step per batch B, all components at once:
//
//	θⱼ ← θⱼ − α·( 1/|B|·Σ_{i∈B} (σ(zᵢ) − yᵢ)·xᵢⱼ + (λ/mTrain)·θⱼ ),   zᵢ = θ₀ + Σⱼ₌₁ⁿ θⱼ·xᵢⱼ,
//
// with xᵢ₀ = 1 and no penalty term for j = 0. The metrics are the mean log loss softplus(z) − y·z
// on the training rows (no penalty) and on the validation rows, and the share of validation rows
// with the right class (1 where z ≥ 0). The same arguments give the same Run, bit for bit. X and
// y are not modified.
//
// It panics if len(y) is not m, cfg.BatchSize < 1 or cfg.Epochs < 0.
func Train(X *mat.Dense, y []int, cfg Config, seed uint64) Run {
	panic("not implemented")
}

// Sweep trains every combination of a learning rate, a λ and a seed with base's Epochs and
// BatchSize, and returns the runs in this order: for each learning rate (in the order given),
// for each λ, for each seed, Train(X, y, cfg, seed). It returns
// len(lrs)·len(lambdas)·len(seeds) runs. Its inputs are not modified.
func Sweep(X *mat.Dense, y []int, base Config, lrs, lambdas []float64, seeds []uint64) []Run {
	panic("not implemented")
}

// Summarize groups the runs that have the same Config and the same Data, and returns one
// Summary per group, in the order in which each group's first run appears: the number of runs,
// and the mean, the population standard deviation (dividing by the number of runs), the
// minimum and the maximum of each metric over the group's runs. Runs on different data are never
// summarised together. The runs are not modified.
func Summarize(runs []Run) []Summary {
	panic("not implemented")
}

// Winner returns the Config of the summary with the lowest mean validation loss (Mean.ValLoss):
// the best on average over the seeds, never the one with the single best run. A tie goes to the
// summary that comes first; a NaN mean (a diverged configuration) never wins, unless every mean
// is NaN: then the first summary does. The summaries are not modified.
//
// It panics if there are no summaries.
func Winner(summaries []Summary) Config {
	panic("not implemented")
}
