// Package check grades exercise 18, experiment-log: a data fingerprint, a seeded training run
// logged with everything needed to rerun it, a sweep of learning rate × λ × seed, summaries over
// the seeds and an honest winner.
//
// Expected values come from mlkit: data.Fingerprint for the fingerprint (tested against
// hashlib's digests), and for a run the split drawn from the specified generator, then mini-batch
// SGD whose batch gradients are optim.Logistic's (with optim.L2, the bias not penalised), the
// losses from optim.Logistic and the accuracy from metrics.Accuracy. Summaries use gonum's stat
// (population standard deviation). The reproducibility checks rerun the learner's own logged
// runs through the learner's Train and compare them bit for bit.
//
// The mistakes are recognised from values: a run whose seed is 0; runs whose seeds are the
// positions 0, 1, 2… of the seeds instead of the seeds; different seeds giving the same metrics;
// metrics equal to those of a run whose epochs come from a second generator seeded alike, whose
// bias is penalised, or whose validation set has int(0.2·m) rows (each simulated on the same
// inputs); two runs with the same seed logged on different data, or a logged run whose data
// differ from its rerun's; a spread that divides by n − 1; summaries that merge runs on
// different data; a winner with a worse mean that owns the single best run; and fingerprints
// that leave out the labels, write big-endian, or stay the same when two rows swap.
package check

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	stdcolor "image/color"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/optim"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "experiment-log",
		Title: "Experiment log: reproducible runs, a sweep over seeds, an honest winner",
		Dir:   "exercises/18-experiment-log",
		Functions: []grader.Func{
			{Name: "Fingerprint", Signature: "func(X *mat.Dense, y []int) string"},
			{Name: "Train", Signature: "func(X *mat.Dense, y []int, cfg Config, seed uint64) Run"},
			{Name: "Sweep", Signature: "func(X *mat.Dense, y []int, base Config, lrs, lambdas []float64, seeds []uint64) []Run"},
			{Name: "Summarize", Signature: "func(runs []Run) []Summary"},
			{Name: "Winner", Signature: "func(summaries []Summary) Config"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/data/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"gonum.org/v1/gonum/optimize/...",
		},
		Checks: append([]grader.Check{
			{Name: "Fingerprint: the SHA-256 of the shape, the values and the labels", Points: 2, Run: fingerprint},
			{Name: "Fingerprint changes when two rows swap, a value moves by one ulp or a label flips", Points: 1, Run: fingerprintChanges},
			{Name: "Train: one run on breast cancer, logged with its config, seed, data and metrics", Points: 2, Run: trainOne},
			{Name: "Train: the same config and seed give the same run, bit for bit; another seed another", Points: 1, Run: trainSeeded},
			{Name: "Train: no epochs, full batches, batches of one row, a far too large step", Points: 1, Run: trainEdges},
			{Name: "Sweep: every learning rate × λ × seed, in order, each run the reference's", Points: 2, Run: sweepRuns},
			{Name: "Sweep: each run logged with its own seed and the same data; a logged run reruns exactly", Points: 2, Run: sweepReruns},
			{Name: "Summarize: mean, population std, min and max per configuration, in order of first appearance", Points: 2, Run: summarize},
			{Name: "Summarize keeps runs on different data apart; a single run has a spread of 0", Points: 1, Run: summarizeData},
			{Name: "Winner: the lowest mean validation loss, not the luckiest run", Points: 2, Run: winner},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"A run is reproducible when its log entry holds everything its result depends on: the configuration, the seed of its one random generator, and a fingerprint of its data. Train makes that one generator from the seed and draws everything from it, in a fixed order: the split first, then one permutation per epoch. Summarize groups runs by (Config, Data) and averages over seeds; Winner compares those averages, never single runs.",
			"Fingerprint: h := sha256.New(), then write every number as 8 little-endian bytes: binary.LittleEndian.PutUint64(buf, uint64(m)), the same for n, then math.Float64bits(X.At(i, j)) row by row, then uint64(int64(y[i])); return hex.EncodeToString(h.Sum(nil)). Train: rng := rand.New(rand.NewPCG(seed, 0)); perm := rng.Perm(m); nVal := int(math.Ceil(0.2 * float64(m))); val, train := perm[:nVal], perm[nVal:]; the Run you return carries cfg, seed and Fingerprint(X, y) of the X you were given.",
			"Summarize: keep a slice of keys in first-seen order beside a map[key][]Metrics with key struct{ cfg Config; data string } (ranging over the map itself gives a random order); per group mean := sum/n, std := math.Sqrt(Σ(v − mean)²/n) (n, not n − 1), min and max. Winner: best := 0; for i := range summaries, switch to i when its Mean.ValLoss < the best's, or the best's is NaN and this one's is not. Sweep: for _, lr := range lrs { for _, lambda := range lambdas { cfg := base; cfg.LearningRate, cfg.Lambda = lr, lambda; for _, seed := range seeds { runs = append(runs, Train(X, y, cfg, seed)) } } } — range over the seeds' values, not their indices.",
		},
		Mistakes: []grader.Mistake{
			{ID: seedNotRecorded, Hint: "A run's Seed is 0 while it ran with another seed: the log cannot reproduce it, since a rerun with seed 0 draws another split and other batches. Set Run.Seed to the seed Train was given."},
			{ID: seedIsIndex, Hint: "Your runs carry the seeds 0, 1, 2, …: the positions of the seeds in the slice, not the seeds. In Go, `for s := range seeds` ranges over the indices; write `for _, seed := range seeds`."},
			{ID: seedIgnored, Hint: "Different seeds gave exactly the same metrics: the randomness of Train does not come from the seed it is given. Make the one generator from it, rand.New(rand.NewPCG(seed, 0)), not from a constant, and draw the split and every epoch's order from it."},
			{ID: dataChanged, Hint: "Runs with the same seed were logged on different data (their fingerprints differ), so something changed the data between runs: a shuffle, a scaling or a fix applied in place to a matrix that later runs reuse. Give every run the same, untouched data (the seed does the shuffling inside Train), so that a rerun from the log sees the data the run saw."},
			{ID: sampleStd, Hint: "Your spread divides by n − 1 (the sample standard deviation): this course uses the population form √(Σ(v − mean)²/n), which gives 0 for a single run instead of NaN."},
			{ID: mixedData, Hint: "Your Summarize averaged runs on different data (different Data fingerprints) together: a number from one dataset and a number from another measure different things. Group by the pair (Config, Data), so each dataset's runs get their own summary."},
			{ID: luckySeed, Hint: "Your winner owns the single best run (the lowest Min.ValLoss or the highest Max.ValAccuracy), which is one seed's luck: the next seed will not repeat it. Compare configurations by their mean over the seeds, Mean.ValLoss, lowest wins."},
			{ID: labelsNotHashed, Hint: "Your fingerprint hashes the shape and the values of X but not the labels: data whose labels were corrected or shuffled would look unchanged. After the values, write each label as an int64, little-endian, 8 bytes."},
			{ID: bigEndian, Hint: "Your fingerprint writes the numbers big-endian (network order): the format is little-endian, binary.LittleEndian.PutUint64, for m, n, every value's bits and every label, so that anyone can compute the same digest (numpy's '<f8' and '<i8')."},
			{ID: twoGenerators, Hint: "Your Train draws the epochs' orders from a second generator made from the same seed (as exercise 09's SGD makes its own): the run must have one generator, rng := rand.New(rand.NewPCG(seed, 0)), used in order: perm := rng.Perm(m) for the split, then order := rng.Perm(mTrain) at the start of every epoch from the same rng. Two generators from one seed also start with the same random numbers, so the split and the first epoch are not independent."},
			{ID: biasPenalised, Hint: "Your step adds the penalty's gradient (λ/mTrain)·θ₀ to the bias as well: the penalty λ/(2·mTrain)·Σⱼ₌₁ⁿ θⱼ² starts at j = 1, so the bias θ₀ takes only the data term's step."},
			{ID: valSizeFloor, Hint: "Your validation set is one row short: int(0.2·m) rounds down. It holds nVal = ⌈0.2·m⌉ rows, int(math.Ceil(0.2 * float64(m))), as exercise 04's test set does; the training rows are the rest."},
			{ID: weakFingerprint, Hint: "Your fingerprint does not change when two rows swap (or a value changes slightly): a sum or a count is not a fingerprint, since different data collide. Hash every number in order with SHA-256; the row order matters, because the seeded split depends on it."},
		},
	}
}

// The mistakes the checks recognise.
const (
	seedNotRecorded  = "seed-not-recorded"
	seedIsIndex      = "seed-is-index"
	seedIgnored      = "seed-ignored"
	dataChanged      = "data-changed"
	sampleStd        = "sample-std"
	mixedData        = "mixed-data"
	luckySeed        = "lucky-seed"
	labelsNotHashed  = "labels-not-hashed"
	bigEndian        = "big-endian"
	weakFingerprint  = "weak-fingerprint"
	twoGenerators    = "two-generators"
	biasPenalised    = "bias-penalised"
	valSizeFloor     = "val-size-floor"
	notDeterministic = "not-deterministic"
)

// valFraction is the share of rows a run holds out for validation.
const valFraction = 0.2

var (
	// tolMetric is for a run's metrics: up to a few hundred SGD steps whose batch sums may be
	// added in another order than the reference's (rounding of 1e-16 per step, which these
	// short runs do not amplify; with the far too large step the sigmoids saturate to exactly 0
	// or 1 in both).
	tolMetric = grader.Rel(1e-9).PlusAbs(1e-12)
	// tolSummary is for means, spreads and extremes of a few metrics: a couple of roundings.
	// The spread of identical values is 0 or within 1e-15 of it in the two-pass form.
	tolSummary = grader.Rel(1e-12).PlusAbs(1e-15)
)

// config, metricsT, run and summary are the check's copies of the learner's Config, Metrics,
// Run and Summary: values travel field by field, by name.
type config struct {
	LearningRate float64
	Lambda       float64
	Epochs       int
	BatchSize    int
}

type metricsT struct {
	TrainLoss   float64
	ValLoss     float64
	ValAccuracy float64
}

type run struct {
	Config  config
	Seed    uint64
	Data    string
	Metrics metricsT
}

type summary struct {
	Config              config
	Data                string
	Runs                int
	Mean, Std, Min, Max metricsT
}

func (c config) String() string {
	return fmt.Sprintf("α = %s, λ = %s, %d epochs, batches of %d", grader.Num(c.LearningRate), grader.Num(c.Lambda), c.Epochs, c.BatchSize)
}

// short names a configuration of a sweep by its learning rate and λ.
func (c config) short() string {
	return fmt.Sprintf("α = %s, λ = %s", grader.Num(c.LearningRate), grader.Num(c.Lambda))
}

// metricField is one field of Metrics.
type metricField struct {
	name string
	get  func(metricsT) float64
	set  func(*metricsT, float64)
}

var metricFields = []metricField{
	{"TrainLoss", func(m metricsT) float64 { return m.TrainLoss }, func(m *metricsT, v float64) { m.TrainLoss = v }},
	{"ValLoss", func(m metricsT) float64 { return m.ValLoss }, func(m *metricsT, v float64) { m.ValLoss = v }},
	{"ValAccuracy", func(m metricsT) float64 { return m.ValAccuracy }, func(m *metricsT, v float64) { m.ValAccuracy = v }},
}

// ---- fixtures ----

// breastCancer returns the breast cancer data (569 × 30) with every column standardised over all
// rows, and its labels (1 benign, 0 malignant). It is read once; callers must not change it
// (t.Call sends copies).
var breastCancer = sync.OnceValues(func() (*mat.Dense, []int) {
	bc := datasets.BreastCancer()
	var sc preprocess.StandardScaler
	return sc.FitTransform(nil, bc.X), bc.Labels()
})

// everyKth returns rows 0, k, 2k, … of the standardised breast cancer data with their labels.
func everyKth(k int) (*mat.Dense, []int) {
	X, y := breastCancer()
	m, _ := X.Dims()
	var idx []int
	for i := 0; i < m; i += k {
		idx = append(idx, i)
	}
	return data.TakeRows(X, idx), data.Take(y, idx)
}

// The visible sweep: 2 learning rates × 3 λ × 5 seeds on the standardised breast cancer data.
var (
	sweepLRs     = []float64{0.3, 1}
	sweepLambdas = []float64{0.1, 1, 10}
	sweepSeeds   = []uint64{1, 2, 3, 4, 5}
	sweepBase    = config{Epochs: 10, BatchSize: 32}
)

// visibleSweep returns the reference runs of the visible sweep, computed once; callers must not
// change them.
var visibleSweep = sync.OnceValue(func() []run {
	X, y := breastCancer()
	return refSweep(X, y, sweepBase, sweepLRs, sweepLambdas, sweepSeeds)
})

// ---- references ----

// refTrain is the reference run: the split from rng.Perm(m), then mini-batch SGD on
// optim.Logistic's batch gradients with the same generator, all as the README specifies.
func refTrain(X *mat.Dense, y []int, cfg config, seed uint64) run {
	return simulateTrain(X, y, cfg, seed, trainVariant{})
}

// trainVariant selects a mistake for simulateTrain to make; the zero value makes none.
type trainVariant struct {
	// twoGenerators draws the epochs' orders from a second generator made from the same seed
	// (as exercise 09's SGD does), instead of going on with the split's.
	twoGenerators bool
	// biasPenalised adds the penalty's gradient to θ₀ as well.
	biasPenalised bool
	// valFloor holds out int(0.2·m) validation rows instead of ⌈0.2·m⌉.
	valFloor bool
}

// simulateTrain is Train as the README specifies it, or with the mistake v.
func simulateTrain(X *mat.Dense, y []int, cfg config, seed uint64, v trainVariant) run {
	m, _ := X.Dims()
	rng := rand.New(rand.NewPCG(seed, 0))
	perm := rng.Perm(m)
	nVal := int(math.Ceil(valFraction * float64(m)))
	if v.valFloor {
		nVal = int(valFraction * float64(m))
	}
	val, train := perm[:nVal], perm[nVal:]
	Xtr, ytr := preprocess.AddBias(nil, data.TakeRows(X, train)), floatLabels(data.Take(y, train))
	Xva, yva := preprocess.AddBias(nil, data.TakeRows(X, val)), data.Take(y, val)
	obj := optim.NewLogistic(Xtr, ytr, optim.L2{Lambda: cfg.Lambda, PenalizeBias: v.biasPenalised})
	if v.twoGenerators {
		rng = rand.New(rand.NewPCG(seed, 0))
	}
	_, n := Xtr.Dims()
	theta, grad := make([]float64, n), make([]float64, n)
	for range cfg.Epochs {
		order := rng.Perm(len(train))
		for lo := 0; lo < len(order); lo += cfg.BatchSize {
			obj.BatchLossGrad(grad, theta, order[lo:min(lo+cfg.BatchSize, len(order))])
			floats.AddScaled(theta, -cfg.LearningRate, grad)
		}
	}
	return run{
		Config: cfg,
		Seed:   seed,
		Data:   data.Fingerprint(X, y),
		Metrics: metricsT{
			TrainLoss:   optim.NewLogistic(Xtr, ytr, optim.L2{}).LossGrad(nil, theta),
			ValLoss:     optim.NewLogistic(Xva, floatLabels(yva), optim.L2{}).LossGrad(nil, theta),
			ValAccuracy: metrics.Accuracy(yva, predict(Xva, theta)),
		},
	}
}

func floatLabels(y []int) []float64 {
	f := make([]float64, len(y))
	for i, v := range y {
		f[i] = float64(v)
	}
	return f
}

// predict returns 1 where xᵢ·θ ≥ 0 (p ≥ 0.5), else 0.
func predict(X *mat.Dense, theta []float64) []int {
	m, n := X.Dims()
	z := mat.NewVecDense(m, nil)
	z.MulVec(X, mat.NewVecDense(n, theta))
	out := make([]int, m)
	for i := range m {
		if z.AtVec(i) >= 0 {
			out[i] = 1
		}
	}
	return out
}

// sweepConfigs returns the configurations of a sweep in its order.
func sweepConfigs(base config, lrs, lambdas []float64) []config {
	var cfgs []config
	for _, lr := range lrs {
		for _, l := range lambdas {
			c := base
			c.LearningRate, c.Lambda = lr, l
			cfgs = append(cfgs, c)
		}
	}
	return cfgs
}

// refSweep returns the reference runs of a sweep, in the README's order.
func refSweep(X *mat.Dense, y []int, base config, lrs, lambdas []float64, seeds []uint64) []run {
	var runs []run
	for _, c := range sweepConfigs(base, lrs, lambdas) {
		for _, s := range seeds {
			runs = append(runs, refTrain(X, y, c, s))
		}
	}
	return runs
}

// groupKey says which runs a summary puts together.
type groupKey func(run) string

func byConfigAndData(r run) string { return fmt.Sprintf("%v|%s", r.Config, r.Data) }
func byConfigOnly(r run) string    { return fmt.Sprint(r.Config) }

// refSummarize groups the runs by key in order of first appearance and summarises each group
// with gonum's stat: the population standard deviation when sample is false, the sample one
// (n − 1, the mistake) when it is true.
func refSummarize(runs []run, key groupKey, sample bool) []summary {
	var order []string
	groups := map[string][]run{}
	for _, r := range runs {
		k := key(r)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	out := make([]summary, len(order))
	for g, k := range order {
		rs := groups[k]
		s := summary{Config: rs[0].Config, Data: rs[0].Data, Runs: len(rs)}
		for _, f := range metricFields {
			vals := make([]float64, len(rs))
			for i, r := range rs {
				vals[i] = f.get(r.Metrics)
			}
			mean, std := stat.PopMeanStdDev(vals, nil)
			if sample {
				std = stat.StdDev(vals, nil)
			}
			f.set(&s.Mean, mean)
			f.set(&s.Std, std)
			f.set(&s.Min, floats.Min(vals))
			f.set(&s.Max, floats.Max(vals))
		}
		out[g] = s
	}
	return out
}

// refWinner returns the index of the summary with the lowest mean validation loss: the first of
// equal ones, a NaN mean never winning unless all are NaN (then 0).
func refWinner(ss []summary) int {
	best := 0
	for i, s := range ss {
		b := ss[best].Mean.ValLoss
		if s.Mean.ValLoss < b || (math.IsNaN(b) && !math.IsNaN(s.Mean.ValLoss)) {
			best = i
		}
	}
	return best
}

// luckiest returns the indices of the summaries that own the single best run: the lowest
// Min.ValLoss and the highest Max.ValAccuracy, each −1 when no summary owns it alone (a tie, or
// only NaN).
func luckiest(ss []summary) (byLoss, byAccuracy int) {
	byLoss, byAccuracy = -1, -1
	for i, s := range ss {
		if v := s.Min.ValLoss; !math.IsNaN(v) && (byLoss < 0 || v < ss[byLoss].Min.ValLoss) {
			byLoss = i
		}
		if v := s.Max.ValAccuracy; !math.IsNaN(v) && (byAccuracy < 0 || v > ss[byAccuracy].Max.ValAccuracy) {
			byAccuracy = i
		}
	}
	for i, s := range ss {
		if byLoss >= 0 && i != byLoss && s.Min.ValLoss == ss[byLoss].Min.ValLoss {
			byLoss = -1
		}
		if byAccuracy >= 0 && i != byAccuracy && s.Max.ValAccuracy == ss[byAccuracy].Max.ValAccuracy {
			byAccuracy = -1
		}
	}
	return byLoss, byAccuracy
}

// hashOf returns the SHA-256 of the shape, the values and (when labels) the labels of a dataset,
// every number written in the given byte order: the fingerprint with binary.LittleEndian and
// labels, the mistakes otherwise.
func hashOf(X *mat.Dense, y []int, order binary.ByteOrder, labels bool) string {
	m, n := X.Dims()
	h := sha256.New()
	var b [8]byte
	put := func(u uint64) { order.PutUint64(b[:], u); h.Write(b[:]) }
	put(uint64(m))
	put(uint64(n))
	for i := range m {
		for j := range n {
			put(math.Float64bits(X.At(i, j)))
		}
	}
	if labels {
		for _, v := range y {
			put(uint64(int64(v)))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ---- shared comparisons ----

// fingerprintMistakes names the mistake a wrong fingerprint got of (X, y) shows, if it is one
// the checks know. what says where got came from.
func fingerprintMistakes(t *grader.T, got string, X *mat.Dense, y []int, what string) {
	if got == data.Fingerprint(X, y) {
		return
	}
	t.Mistake(got == hashOf(X, y, binary.LittleEndian, false), labelsNotHashed,
		fmt.Sprintf("%s %.12s… is the SHA-256 of the shape and the values alone, without the labels", what, got))
	t.Mistake(got == hashOf(X, y, binary.BigEndian, true), bigEndian,
		fmt.Sprintf("%s %.12s… is the SHA-256 of the same numbers written big-endian", what, got))
}

// checkFingerprint compares the learner's Fingerprint of (X, y) with the reference.
func checkFingerprint(t *grader.T, X *mat.Dense, y []int, what string) string {
	got := t.Call("Fingerprint", X, y).Text()
	want := data.Fingerprint(X, y)
	fingerprintMistakes(t, got, X, y, "your fingerprint of "+what)
	if strings.EqualFold(got, want) && got != want {
		t.Fatalf("Fingerprint of %s is %s, the right digest in capitals: write lowercase hex (hex.EncodeToString or %%x), so that the same data always give the same string", what, got)
	}
	t.Label("Fingerprint of " + what)
	t.Equal(got, want)
	return got
}

// nearMetrics reports whether all the metrics are within tolMetric.
func nearMetrics(got, want metricsT) bool {
	for _, f := range metricFields {
		if !grader.Near(f.get(got), f.get(want), tolMetric) {
			return false
		}
	}
	return true
}

// closeMetrics compares the metrics of a run with the reference's, each under its own label.
func closeMetrics(t *grader.T, got, want metricsT, what string) bool {
	ok := true
	for _, f := range metricFields {
		t.Label(f.name + " of " + what)
		ok = t.Close(f.get(got), f.get(want), tolMetric) && ok
	}
	return ok
}

// sameBits reports whether two runs are identical, bit for bit (NaN included).
func sameBits(a, b run) bool {
	if a.Config != b.Config || a.Seed != b.Seed || a.Data != b.Data {
		return false
	}
	for _, f := range metricFields {
		if math.Float64bits(f.get(a.Metrics)) != math.Float64bits(f.get(b.Metrics)) {
			return false
		}
	}
	return true
}

// sameSummaries reports whether two lists of summaries are identical, bit for bit.
func sameSummaries(a, b []summary) bool {
	return slices.EqualFunc(a, b, func(p, q summary) bool {
		if p.Config != q.Config || p.Data != q.Data || p.Runs != q.Runs {
			return false
		}
		for _, f := range metricFields {
			for _, pair := range [][2]metricsT{{p.Mean, q.Mean}, {p.Std, q.Std}, {p.Min, q.Min}, {p.Max, q.Max}} {
				if math.Float64bits(f.get(pair[0])) != math.Float64bits(f.get(pair[1])) {
					return false
				}
			}
		}
		return true
	})
}

// checkRun compares one logged run with the reference: the config, the seed, the data
// fingerprint and the metrics.
func checkRun(t *grader.T, got run, X *mat.Dense, y []int, cfg config, seed uint64, what string) {
	want := refTrain(X, y, cfg, seed)
	t.Mistake(got.Seed == 0 && seed != 0, seedNotRecorded,
		fmt.Sprintf("Train(…, seed %d) returned a Run with Seed 0", seed))
	t.True(got.Seed == seed, "Train(…, seed %d) logged the seed %d: Run.Seed must be the seed of the run", seed, got.Seed)
	t.True(got.Config == cfg, "Train(…, %s, …) logged the config %s: Run.Config must be the config the run used", cfg, got.Config)
	fingerprintMistakes(t, got.Data, X, y, "the Data of your run,")
	t.True(got.Data == want.Data, "the run's Data is %q, want Fingerprint(X, y) = %q of the data Train was given", got.Data, want.Data)
	trainMistakes(t, got.Metrics, want.Metrics, X, y, cfg, seed, what)
	closeMetrics(t, got.Metrics, want.Metrics, what)
}

// trainMistakes names the mistake whose run gives the metrics got of Train(X, y, cfg, seed),
// when they are not the reference's want.
func trainMistakes(t *grader.T, got, want metricsT, X *mat.Dense, y []int, cfg config, seed uint64, what string) {
	if nearMetrics(got, want) {
		return
	}
	t.Label("the metrics of " + what)
	if m, _ := X.Dims(); int(valFraction*float64(m)) != int(math.Ceil(valFraction*float64(m))) {
		floor := simulateTrain(X, y, cfg, seed, trainVariant{valFloor: true}).Metrics
		t.Mistake(nearMetrics(got, floor), valSizeFloor,
			fmt.Sprintf("your metrics are those of %d validation rows, int(0.2·%d); ⌈0.2·%d⌉ = %d", int(valFraction*float64(m)), m, m, int(math.Ceil(valFraction*float64(m)))))
	}
	if cfg.Epochs > 0 {
		two := simulateTrain(X, y, cfg, seed, trainVariant{twoGenerators: true}).Metrics
		t.Mistake(nearMetrics(got, two), twoGenerators,
			fmt.Sprintf("your ValLoss %s is what a second generator from the same seed for the epochs gives; the one generator of the README gives %s", grader.Num(got.ValLoss), grader.Num(want.ValLoss)))
	}
	if cfg.Epochs > 0 && cfg.Lambda > 0 {
		pen := simulateTrain(X, y, cfg, seed, trainVariant{biasPenalised: true}).Metrics
		t.Mistake(nearMetrics(got, pen), biasPenalised,
			fmt.Sprintf("your ValLoss %s is what penalising θ₀ as well gives; without a penalty on the bias it is %s", grader.Num(got.ValLoss), grader.Num(want.ValLoss)))
	}
}

// repeated calls name calls times with the same arguments and returns the first result; when
// two results differ (by same) it names not-deterministic. It stands in for t.Deterministic,
// which compares the encoded results: a struct's encoding carries gob's type numbers, which
// depend on what the driver process encoded before, so equal structs from two processes can
// differ. All calls run in one process: Go's map order changes from one range loop to the next,
// and a global random source from one call to the next.
func repeated[V any](t *grader.T, calls int, same func(a, b V) bool, name string, args ...any) V {
	return repeatedWhy(t, calls, same, nil, name, args...)
}

// repeatedWhy is repeated with why, which says what differs between two results (or "").
func repeatedWhy[V any](t *grader.T, calls int, same func(a, b V) bool, why func(a, b V) string, name string, args ...any) V {
	var first V
	t.Call(name, args...).Decode(&first)
	for range calls - 1 {
		var again V
		t.Call(name, args...).Decode(&again)
		if !same(first, again) {
			detail := fmt.Sprintf("%s returned different results for the same arguments", name)
			if why != nil {
				detail += why(first, again)
			}
			t.Label(fmt.Sprintf("%s, called %d times with the same arguments,", name, calls))
			t.Mistake(true, notDeterministic, detail)
		}
	}
	return first
}

// reordered says when two lists of summaries hold the same summaries in another order.
func reordered(a, b []summary) string {
	key := func(s summary) string { return fmt.Sprintf("%v|%s", s.Config, s.Data) }
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i] = key(a[i])
	}
	for i := range b {
		kb[i] = key(b[i])
	}
	if slices.Equal(ka, kb) {
		return ""
	}
	slices.Sort(ka)
	slices.Sort(kb)
	if !slices.Equal(ka, kb) {
		return ""
	}
	return ": the same summaries in another order. A range over a Go map visits its keys in a random order: keep the groups in a slice, in the order each first appears"
}

// ---- checks ----

func fingerprint(t *grader.T) {
	// The digest of this 2×3 example is 82079f8c…b9ac34, computed by hashlib in
	// mlkit/data/testdata/fingerprint.py; data.Fingerprint reproduces it.
	small := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	checkFingerprint(t, small, []int{0, 1}, "X = [[1 2 3] [4 5 6]], y = [0 1]")
	tall := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	checkFingerprint(t, tall, []int{0, 1, 0}, "the same values as a 3×2 matrix, y = [0 1 0]")
	X, y := breastCancer()
	checkFingerprint(t, X, y, "the standardised breast cancer data (569 × 30)")
}

func fingerprintChanges(t *grader.T) {
	X, y := everyKth(40)
	what := "every 40th row of the breast cancer data (15 × 30)"
	base := repeated(t, 4, func(a, b string) bool { return a == b }, "Fingerprint", X, y)

	swapped, ys := mat.DenseCopyOf(X), slices.Clone(y)
	swapped.SetRow(0, X.RawRowView(1))
	swapped.SetRow(1, X.RawRowView(0))
	ys[0], ys[1] = y[1], y[0]
	got := t.Call("Fingerprint", swapped, ys).Text()
	t.Mistake(got == base, weakFingerprint, fmt.Sprintf("swapping rows 1 and 2 (with their labels) left your fingerprint at %.12s…", got))

	nudged := mat.DenseCopyOf(X)
	nudged.Set(3, 4, math.Nextafter(X.At(3, 4), math.Inf(1)))
	got = t.Call("Fingerprint", nudged, y).Text()
	t.Mistake(got == base, weakFingerprint, fmt.Sprintf("moving X[3][4] from %v to the next float64 up left your fingerprint at %.12s…", X.At(3, 4), got))

	flipped := slices.Clone(y)
	flipped[2] = 1 - flipped[2]
	got = t.Call("Fingerprint", X, flipped).Text()
	if got == base {
		t.Mistake(got == hashOf(X, flipped, binary.LittleEndian, false), labelsNotHashed,
			fmt.Sprintf("flipping label 3 left your fingerprint at %.12s…", got))
		t.Fatalf("flipping the label of row 3 of %s left your fingerprint at %s: hash the labels too", what, got)
	}
}

func trainOne(t *grader.T) {
	X, y := breastCancer()
	cfg, seed := config{LearningRate: 1, Lambda: 1, Epochs: 10, BatchSize: 32}, uint64(7)
	var got run
	t.Call("Train", X, y, cfg, seed).Decode(&got)
	checkRun(t, got, X, y, cfg, seed, fmt.Sprintf("Train(breast cancer, %s, seed %d)", cfg, seed))
}

func trainSeeded(t *grader.T) {
	X, y := breastCancer()
	cfg := config{LearningRate: 0.5, Lambda: 2, Epochs: 3, BatchSize: 64}
	a := repeatedWhy(t, 8, sameBits, func(a, b run) string {
		return fmt.Sprintf(" (ValLoss %s, then %s): draw everything random from the one generator made from the seed inside Train, never from math/rand/v2's global functions or a generator kept between calls", grader.Num(a.Metrics.ValLoss), grader.Num(b.Metrics.ValLoss))
	}, "Train", X, y, cfg, uint64(3))
	var b run
	t.Call("Train", X, y, cfg, uint64(4)).Decode(&b)
	t.Label(fmt.Sprintf("the metrics of Train(breast cancer, %s) with seeds 3 and 4", cfg))
	t.Mistake(a.Metrics == b.Metrics, seedIgnored,
		fmt.Sprintf("seeds 3 and 4 both gave ValLoss %s and ValAccuracy %s", grader.Num(a.Metrics.ValLoss), grader.Num(a.Metrics.ValAccuracy)))
	want := refTrain(X, y, cfg, 4)
	what := fmt.Sprintf("Train(breast cancer, %s, seed 4)", cfg)
	trainMistakes(t, b.Metrics, want.Metrics, X, y, cfg, 4, what)
	closeMetrics(t, b.Metrics, want.Metrics, what)
}

func trainEdges(t *grader.T) {
	X, y := everyKth(22)
	// 26 rows: nVal = ⌈0.2·26⌉ = ⌈5.2⌉ = 6 validation rows (int(5.2) = 5 would be one short),
	// mTrain = 20 training rows.
	what := "every 22nd row of the breast cancer data (26 rows: 6 validation, 20 training)"
	for _, c := range []struct {
		cfg  config
		seed uint64
		note string
	}{
		{config{LearningRate: 0.5, Lambda: 2, Epochs: 0, BatchSize: 8}, 11, "no epochs: θ stays 0, both losses are ln 2 and every row is predicted 1"},
		{config{LearningRate: 0.5, Lambda: 2, Epochs: 5, BatchSize: 1000}, 12, "one batch of all 20 training rows per epoch: batch gradient descent"},
		{config{LearningRate: 0.05, Lambda: 0.5, Epochs: 2, BatchSize: 1}, 13, "batches of one row: 20 steps per epoch"},
		{config{LearningRate: 3000, Lambda: 0, Epochs: 2, BatchSize: 3}, 14, "a far too large step: logits in the thousands, where e^z overflows unless σ is computed stably"},
	} {
		var got run
		t.Call("Train", X, y, c.cfg, c.seed).Decode(&got)
		checkRun(t, got, X, y, c.cfg, c.seed, fmt.Sprintf("Train(%s, %s, seed %d) (%s)", what, c.cfg, c.seed, c.note))
	}
}

// checkSweepLog checks the shape of a sweep's log: the number of runs, each run's config and
// seed in the README's order, and the one data fingerprint of (X, y) on every run. It ends the
// check at the first problem.
func checkSweepLog(t *grader.T, got []run, X *mat.Dense, y []int, base config, lrs, lambdas []float64, seeds []uint64, what string) {
	cfgs := sweepConfigs(base, lrs, lambdas)
	if len(got) != len(cfgs)*len(seeds) {
		t.Fatalf("Sweep(%s) returned %d runs, want %d: %d learning rates × %d λ × %d seeds", what, len(got), len(cfgs)*len(seeds), len(lrs), len(lambdas), len(seeds))
	}
	t.Label(fmt.Sprintf("the log of Sweep(%s)", what))
	for k, r := range got {
		if want := seeds[k%len(seeds)]; r.Seed != want {
			zero, index := true, true
			for k, r := range got {
				zero = zero && r.Seed == 0
				index = index && r.Seed == uint64(k%len(seeds))
			}
			t.Mistake(zero && slices.ContainsFunc(seeds, func(s uint64) bool { return s != 0 }), seedNotRecorded,
				fmt.Sprintf("every run of your sweep has Seed 0; the seeds were %v", seeds))
			t.Mistake(index, seedIsIndex,
				fmt.Sprintf("the runs of each configuration carry the seeds 0…%d, the positions in %v", len(seeds)-1, seeds))
			t.Fatalf("run %d of Sweep(%s) has Seed %d, want %d: the runs go through each learning rate, each λ, then each seed, in the order given (seeds %v)", k+1, what, r.Seed, want, seeds)
		}
	}
	for k, r := range got {
		if want := cfgs[k/len(seeds)]; r.Config != want {
			t.Fatalf("run %d of Sweep(%s) has the config %s, want %s: base with the learning rate and λ of the run, the runs in the order each learning rate, each λ, each seed", k+1, what, r.Config, want)
		}
	}
	F := data.Fingerprint(X, y)
	if slices.ContainsFunc(got, func(r run) bool { return r.Data != F }) && t.Call("Fingerprint", X, y).Text() == F {
		t.Label(fmt.Sprintf("the log of Sweep(%s)", what))
		for k := range got {
			for l := k + 1; l < len(got); l++ {
				t.Mistake(got[k].Seed == got[l].Seed && got[k].Data != got[l].Data, dataChanged,
					fmt.Sprintf("runs %d and %d both ran with seed %d, but one was logged on data %.12s… and the other on %.12s… (the data given to Sweep are %.12s…)", k+1, l+1, got[k].Seed, got[k].Data, got[l].Data, F))
			}
		}
	}
	for k, r := range got {
		if r.Data != F {
			fingerprintMistakes(t, r.Data, X, y, fmt.Sprintf("the Data of run %d,", k+1))
			t.Fatalf("run %d of Sweep(%s) was logged with Data %q, want Fingerprint(X, y) = %q: every run of a sweep trains on the data Sweep was given", k+1, what, r.Data, F)
		}
	}
}

// checkSeedsMatter names seed-ignored when every run of a configuration has the same metrics.
func checkSeedsMatter(t *grader.T, got []run, nSeeds int, what string) {
	if nSeeds < 2 {
		return
	}
	t.Label(fmt.Sprintf("the metrics in the log of Sweep(%s)", what))
	for k := 0; k+nSeeds <= len(got); k += nSeeds {
		same := true
		for _, r := range got[k+1 : k+nSeeds] {
			same = same && r.Metrics == got[k].Metrics
		}
		t.Mistake(same, seedIgnored, fmt.Sprintf("the %d seeds of %s all gave ValLoss %s", nSeeds, got[k].Config.short(), grader.Num(got[k].Metrics.ValLoss)))
	}
}

// compareSweep compares each logged run's metrics with the reference's, reporting the first
// that differs.
func compareSweep(t *grader.T, got, want []run, X *mat.Dense, y []int, what string) bool {
	for k := range want {
		if !nearMetrics(got[k].Metrics, want[k].Metrics) {
			trainMistakes(t, got[k].Metrics, want[k].Metrics, X, y, want[k].Config, want[k].Seed, fmt.Sprintf("run %d of Sweep(%s)", k+1, what))
			closeMetrics(t, got[k].Metrics, want[k].Metrics, fmt.Sprintf("run %d of Sweep(%s) (%s, seed %d)", k+1, what, want[k].Config.short(), want[k].Seed))
			return false
		}
	}
	return true
}

func sweepRuns(t *grader.T) {
	X, y := breastCancer()
	what := "breast cancer, 10 epochs, batches of 32, α ∈ {0.3, 1}, λ ∈ {0.1, 1, 10}, seeds 1…5"
	var got []run
	t.Call("Sweep", X, y, sweepBase, sweepLRs, sweepLambdas, sweepSeeds).Decode(&got)
	want := visibleSweep()
	if len(got) == len(want) {
		plotSweep(t, got, want)
	}
	checkSweepLog(t, got, X, y, sweepBase, sweepLRs, sweepLambdas, sweepSeeds, what)
	checkSeedsMatter(t, got, len(sweepSeeds), what)
	if !compareSweep(t, got, want, X, y, what) {
		return
	}

	// Small sweeps along one axis at a time, eight values out of order, each called several
	// times: the runs follow the order given, the same every time.
	Xs, ys := everyKth(22)
	base := config{Epochs: 1, BatchSize: 5}
	eight := []float64{0.5, 0.1, 2, 1, 0.05, 0.2, 3, 0.01}
	for _, sw := range []struct {
		lrs, lambdas []float64
		seeds        []uint64
		what         string
	}{
		{eight, []float64{1}, []uint64{9}, "α ∈ {0.5, 0.1, 2, 1, 0.05, 0.2, 3, 0.01}, λ = 1, seed 9"},
		{[]float64{0.5}, eight, []uint64{9}, "α = 0.5, λ ∈ {0.5, 0.1, 2, 1, 0.05, 0.2, 3, 0.01}, seed 9"},
		{[]float64{0.5}, []float64{1}, []uint64{9, 3, 27, 1, 81, 5, 243, 7}, "α = 0.5, λ = 1, seeds 9, 3, 27, 1, 81, 5, 243, 7"},
	} {
		what := "every 22nd row of breast cancer, 1 epoch, batches of 5, " + sw.what
		small := repeated(t, 4, func(a, b []run) bool { return slices.EqualFunc(a, b, sameBits) }, "Sweep", Xs, ys, base, sw.lrs, sw.lambdas, sw.seeds)
		checkSweepLog(t, small, Xs, ys, base, sw.lrs, sw.lambdas, sw.seeds, what)
		compareSweep(t, small, refSweep(Xs, ys, base, sw.lrs, sw.lambdas, sw.seeds), Xs, ys, what)
	}
}

// plotSweep draws the validation loss of every run of the visible sweep, the learner's beside
// the reference's, one column per configuration.
func plotSweep(t *grader.T, got, want []run) {
	nSeeds := len(sweepSeeds)
	ref := mlplot.Points{Name: "reference runs", Style: mlplot.Style{Color: mlplot.PaletteColor(0)}}
	yours := mlplot.Points{Name: "your runs", Style: mlplot.Style{Color: mlplot.PaletteColor(1)}}
	for k := range want {
		x := float64(k / nSeeds)
		ref.X, ref.Y = append(ref.X, x+0.12), append(ref.Y, want[k].Metrics.ValLoss)
		if v := got[k].Metrics.ValLoss; !math.IsNaN(v) && !math.IsInf(v, 0) {
			yours.X, yours.Y = append(yours.X, x-0.12), append(yours.Y, v)
		}
	}
	points := []mlplot.Points{ref}
	if len(yours.X) > 0 {
		points = append(points, yours)
	}
	p, err := mlplot.Scatter("Validation loss of each run (5 seeds per configuration)", points)
	if err != nil {
		return
	}
	p.NominalX(configNames(want, nSeeds)...)
	p.X.Label.Text = "configuration"
	p.Y.Label.Text = "validation log loss"
	t.Plot("Validation loss of every run of the sweep", p)
}

// configNames names the configurations of a sweep's runs, nSeeds runs each.
func configNames(runs []run, nSeeds int) []string {
	var names []string
	for k := 0; k < len(runs); k += nSeeds {
		c := runs[k].Config
		names = append(names, fmt.Sprintf("α %s, λ %s", grader.Num(c.LearningRate), grader.Num(c.Lambda)))
	}
	return names
}

func sweepReruns(t *grader.T) {
	X, y := breastCancer()
	base, lrs, lambdas, seeds := config{Epochs: 5, BatchSize: 32}, []float64{0.3, 1}, []float64{1}, []uint64{5, 6, 7}
	what := "breast cancer, 5 epochs, batches of 32, α ∈ {0.3, 1}, λ = 1, seeds 5, 6, 7"
	var got []run
	t.Call("Sweep", X, y, base, lrs, lambdas, seeds).Decode(&got)
	checkSweepLog(t, got, X, y, base, lrs, lambdas, seeds, what)
	checkReruns(t, got, X, y, []int{1, len(got) - 1}, what)

	// Nothing to combine, nothing to run.
	for _, c := range []struct {
		lambdas []float64
		seeds   []uint64
		what    string
	}{{lambdas, []uint64{}, "no seeds"}, {[]float64{}, seeds, "no λ"}} {
		var none []run
		t.Call("Sweep", X, y, base, lrs, c.lambdas, c.seeds).Decode(&none)
		t.True(len(none) == 0, "Sweep with %s returned %d runs, want none: len(lrs)·len(lambdas)·len(seeds) = 0", c.what, len(none))
	}
}

// checkReruns reruns the logged runs at the positions ks through the learner's Train, with the
// config and seed the log holds, and requires the same run bit for bit.
func checkReruns(t *grader.T, got []run, X *mat.Dense, y []int, ks []int, what string) {
	F := data.Fingerprint(X, y)
	for _, k := range ks {
		logged := got[k]
		var again, third run
		t.Call("Train", X, y, logged.Config, logged.Seed).Decode(&again)
		if sameBits(again, logged) {
			continue
		}
		t.Mistake(again.Data == F && logged.Data != F, dataChanged,
			fmt.Sprintf("run %d was logged on data %.12s…, but the data given to Sweep are %.12s…", k+1, logged.Data, F))
		t.Call("Train", X, y, logged.Config, logged.Seed).Decode(&third)
		t.Mistake(!sameBits(again, third), notDeterministic,
			fmt.Sprintf("Train(X, y, %s, seed %d) gave ValLoss %s, then %s", logged.Config, logged.Seed, grader.Num(again.Metrics.ValLoss), grader.Num(third.Metrics.ValLoss)))
		t.Fatalf("run %d of Sweep(%s) does not reproduce: Train(X, y, its Config, its Seed %d) gives TrainLoss %s, ValLoss %s, ValAccuracy %s, Data %.12s…, but the log says %s, %s, %s, %.12s…: Sweep must log exactly what Train(X, y, cfg, seed) returns",
			k+1, what, logged.Seed, grader.Num(again.Metrics.TrainLoss), grader.Num(again.Metrics.ValLoss), grader.Num(again.Metrics.ValAccuracy), again.Data,
			grader.Num(logged.Metrics.TrainLoss), grader.Num(logged.Metrics.ValLoss), grader.Num(logged.Metrics.ValAccuracy), logged.Data)
	}
}

// seedMajor returns the runs of a sweep reordered seed by seed (every configuration's run with
// the first seed, then with the second...), as a log written while runs finish might hold them.
func seedMajor(runs []run, nSeeds int) []run {
	var out []run
	for s := range nSeeds {
		for k := s; k < len(runs); k += nSeeds {
			out = append(out, runs[k])
		}
	}
	return out
}

// checkSummaries compares the learner's summaries of runs with the reference's.
func checkSummaries(t *grader.T, got []summary, runs []run, what string) {
	want := refSummarize(runs, byConfigAndData, false)
	if len(got) != len(want) {
		mixed := refSummarize(runs, byConfigOnly, false)
		t.Mistake(len(mixed) != len(want) && len(got) == len(mixed) && sameGroups(got, mixed), mixedData,
			fmt.Sprintf("your %d summaries put the runs of each configuration together whatever their Data; there are %d (configuration, data) pairs", len(got), len(want)))
		t.Fatalf("Summarize(%s) returned %d summaries, want %d: one per (Config, Data) pair", what, len(got), len(want))
	}
	for g := range want {
		if got[g].Config != want[g].Config || got[g].Data != want[g].Data {
			t.Fatalf("summary %d of Summarize(%s) is for %s on data %.12s…, want %s on data %.12s…: one summary per (Config, Data) pair, in the order each pair first appears in the runs",
				g+1, what, got[g].Config, got[g].Data, want[g].Config, want[g].Data)
		}
		t.True(got[g].Runs == want[g].Runs, "summary %d of Summarize(%s) (%s) counts %d runs, want %d", g+1, what, want[g].Config.short(), got[g].Runs, want[g].Runs)
	}
	if !nearSummaries(got, want, false) {
		sample := refSummarize(runs, byConfigAndData, true)
		t.Mistake(nearSummaries(got, sample, true), sampleStd,
			fmt.Sprintf("the Std of your summary 1 (TrainLoss, ValLoss, ValAccuracy) is %s, the sample spread; the population spread is %s", grader.Nums(metricsSlice(got[0].Std)), grader.Nums(metricsSlice(want[0].Std))))
		for g := range want {
			if !nearSummaries(got[g:g+1], want[g:g+1], false) {
				for _, st := range []struct {
					name      string
					got, want metricsT
				}{{"Mean", got[g].Mean, want[g].Mean}, {"Std", got[g].Std, want[g].Std}, {"Min", got[g].Min, want[g].Min}, {"Max", got[g].Max, want[g].Max}} {
					for _, f := range metricFields {
						t.Label(fmt.Sprintf("%s.%s of summary %d of Summarize(%s) (%s, %d runs)", st.name, f.name, g+1, what, want[g].Config.short(), want[g].Runs))
						t.Close(f.get(st.got), f.get(st.want), tolSummary)
					}
				}
				return
			}
		}
	}
}

// sameGroups reports whether two lists of summaries are for the same configurations and counts.
func sameGroups(a, b []summary) bool {
	for g := range a {
		if a[g].Config != b[g].Config || a[g].Runs != b[g].Runs {
			return false
		}
	}
	return true
}

// nearSummaries reports whether the statistics of got are within tolSummary of want's. With
// nanOK, a NaN spread where want's is NaN counts as equal (the sample spread of one run).
func nearSummaries(got, want []summary, nanOK bool) bool {
	if len(got) != len(want) {
		return false
	}
	for g := range want {
		for _, f := range metricFields {
			for _, p := range [][2]metricsT{{got[g].Mean, want[g].Mean}, {got[g].Std, want[g].Std}, {got[g].Min, want[g].Min}, {got[g].Max, want[g].Max}} {
				a, b := f.get(p[0]), f.get(p[1])
				if !(grader.Near(a, b, tolSummary) || nanOK && math.IsNaN(a) && math.IsNaN(b)) {
					return false
				}
			}
		}
	}
	return true
}

func metricsSlice(m metricsT) []float64 { return []float64{m.TrainLoss, m.ValLoss, m.ValAccuracy} }

func summarize(t *grader.T) {
	runs := seedMajor(visibleSweep(), len(sweepSeeds))
	what := "the 30 reference runs of the sweep, logged seed by seed"
	got := repeatedWhy(t, 16, sameSummaries, reordered, "Summarize", runs)
	checkSummaries(t, got, runs, what)
	plotSummaries(t, got, visibleSweep())
}

// plotSummaries draws each configuration's runs with the reference's mean ± std beside the
// learner's.
func plotSummaries(t *grader.T, got []summary, runs []run) {
	nSeeds := len(sweepSeeds)
	want := refSummarize(runs, byConfigAndData, false)
	if len(got) != len(want) {
		return
	}
	lucky, _ := luckiest(want) // −1 when a tie leaves no single luckiest run
	pts := mlplot.Points{Name: "runs (one per seed)", Style: mlplot.Style{Color: stdcolor.Gray{Y: 160}}}
	var luckyRun mlplot.Points
	for k, r := range runs {
		pts.X, pts.Y = append(pts.X, float64(k/nSeeds)), append(pts.Y, r.Metrics.ValLoss)
		if k/nSeeds == lucky && r.Metrics.ValLoss == want[lucky].Min.ValLoss && luckyRun.X == nil {
			luckyRun = mlplot.Points{Name: fmt.Sprintf("the luckiest run (seed %d)", r.Seed), X: []float64{float64(lucky)}, Y: []float64{r.Metrics.ValLoss}, Style: mlplot.Style{Color: color(3)}}
		}
	}
	series := []struct {
		name   string
		ss     []summary
		offset float64
		c      int
		dashed bool
	}{{"reference mean ± std", want, 0.22, 0, false}, {"your mean ± std", got, -0.22, 1, true}}
	points := []mlplot.Points{pts}
	if luckyRun.X != nil {
		points = append(points, luckyRun)
	}
	var bars []*plotter.YErrorBars
	for _, s := range series {
		var xys plotter.XYs
		var errs plotter.YErrors
		for g, sm := range s.ss {
			m, sd := sm.Mean.ValLoss, sm.Std.ValLoss
			if math.IsNaN(m) || math.IsInf(m, 0) || !(sd >= 0) || math.IsInf(sd, 0) {
				continue
			}
			xys = append(xys, plotter.XY{X: float64(g) + s.offset, Y: m})
			errs = append(errs, struct{ Low, High float64 }{sd, sd})
		}
		if len(xys) == 0 {
			continue
		}
		p := mlplot.Points{Name: s.name, Style: mlplot.Style{Color: color(s.c)}}
		for _, xy := range xys {
			p.X, p.Y = append(p.X, xy.X), append(p.Y, xy.Y)
		}
		points = append(points, p)
		eb, err := plotter.NewYErrorBars(struct {
			plotter.XYs
			plotter.YErrors
		}{xys, errs})
		if err != nil {
			return
		}
		eb.LineStyle.Color = color(s.c)
		eb.LineStyle.Width = vg.Points(1.5)
		if s.dashed {
			eb.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		}
		bars = append(bars, eb)
	}
	p, err := mlplot.Scatter("Validation loss over 5 seeds: mean ± std per configuration", points)
	if err != nil {
		return
	}
	for _, eb := range bars {
		p.Add(eb)
	}
	p.NominalX(configNames(runs, nSeeds)...)
	best := want[refWinner(want)].Config
	p.X.Label.Text = fmt.Sprintf("configuration (the lowest mean: α %s, λ %s)", grader.Num(best.LearningRate), grader.Num(best.Lambda))
	p.Y.Label.Text = "validation log loss"
	t.Plot("Mean and spread of the validation loss per configuration", p)
}

func color(i int) stdcolor.Color { return mlplot.PaletteColor(i) }

// summaryFixture returns hand-made runs of two configurations on two versions of the data (the
// standardised breast cancer data, and the same without its last row), interleaved as a shared
// log might hold them: A on the first data three times, A on the second twice, B once.
func summaryFixture() []run {
	X, y := breastCancer()
	m, _ := X.Dims()
	d1, d2 := data.Fingerprint(X, y), data.Fingerprint(X.Slice(0, m-1, 0, 30), y[:m-1])
	a, b := config{LearningRate: 1, Lambda: 1, Epochs: 10, BatchSize: 32}, config{LearningRate: 0.3, Lambda: 1, Epochs: 10, BatchSize: 32}
	return []run{
		{a, 1, d1, metricsT{0.061, 0.095, 0.965}},
		{a, 1, d2, metricsT{0.060, 0.110, 0.956}},
		{a, 2, d1, metricsT{0.058, 0.120, 0.956}},
		{b, 1, d1, metricsT{0.080, 0.101, 0.974}},
		{a, 2, d2, metricsT{0.062, 0.090, 0.974}},
		{a, 3, d1, metricsT{0.059, 0.070, 0.982}},
	}
}

func summarizeData(t *grader.T) {
	runs := summaryFixture()
	var got []summary
	t.Call("Summarize", runs).Decode(&got)
	checkSummaries(t, got, runs, "6 runs: α = 1 three times on the data and twice on the data less its last row, then α = 0.3 once")
}

// winnerFixtures are hand-made summaries, each with the index of the winner and why.
func winnerFixtures() []struct {
	ss   []summary
	want int
	what string
} {
	a, b, c, d := config{1, 0.1, 10, 32}, config{1, 1, 10, 32}, config{3, 1, 10, 32}, config{0.3, 10, 10, 32}
	sm := func(cfg config, mean, std, lo, hi, accMean, accLo, accHi float64) summary {
		return summary{Config: cfg, Data: "d", Runs: 5,
			Mean: metricsT{0.05, mean, accMean}, Std: metricsT{0.01, std, 0.01},
			Min: metricsT{0.04, lo, accLo}, Max: metricsT{0.06, hi, accHi}}
	}
	A := sm(a, 0.100, 0.030, 0.050, 0.140, 0.960, 0.930, 0.991) // the luckiest single run
	B := sm(b, 0.090, 0.010, 0.080, 0.105, 0.965, 0.956, 0.974) // the best mean
	C := sm(c, 0.120, 0.020, 0.095, 0.150, 0.950, 0.930, 0.965)
	Btie := sm(d, 0.090, 0.020, 0.082, 0.120, 0.962, 0.947, 0.970)
	N := sm(d, math.NaN(), math.NaN(), math.NaN(), math.NaN(), 0.5, 0.4, 0.6)
	N2 := sm(c, math.NaN(), math.NaN(), math.NaN(), math.NaN(), 0.5, 0.4, 0.6)
	return []struct {
		ss   []summary
		want int
		what string
	}{
		{[]summary{A, B, C}, 1, "means 0.100 (its best run 0.050), 0.090 (best run 0.080) and 0.120: the lowest mean wins, not the lowest single run"},
		{[]summary{C, B, Btie}, 1, "means 0.120, 0.090 and 0.090: a tie goes to the first"},
		{[]summary{N, A, B}, 2, "means NaN (a diverged configuration), 0.100 and 0.090: NaN never wins"},
		{[]summary{B, Btie, C}, 0, "means 0.090, 0.090 and 0.120: a tie goes to the first"},
		{[]summary{N, N2}, 0, "means NaN and NaN: when every mean is NaN, the first"},
		{[]summary{C}, 0, "a single summary"},
	}
}

// checkWinner calls Winner on ss and compares with the reference's choice, naming lucky-seed when
// the learner picked the owner of the single best run.
func checkWinner(t *grader.T, ss []summary, want int, what string) {
	var got config
	t.Call("Winner", ss).Decode(&got)
	if got == ss[want].Config {
		return
	}
	// Name lucky-seed only when the learner's pick has a worse mean than the winner (not a tie
	// settled the other way) and owns the single best run alone.
	g := slices.IndexFunc(ss, func(s summary) bool { return s.Config == got })
	worse := g >= 0 && (ss[g].Mean.ValLoss > ss[want].Mean.ValLoss || math.IsNaN(ss[g].Mean.ValLoss))
	byLoss, byAcc := luckiest(ss)
	t.Label(fmt.Sprintf("Winner(%s)", what))
	t.Mistake(worse && byLoss >= 0 && byLoss == g, luckySeed,
		fmt.Sprintf("your winner %s owns the lowest single validation loss, %s, but its mean is %s against %s", got.short(), grader.Num(ss[g].Min.ValLoss), grader.Num(ss[g].Mean.ValLoss), grader.Num(ss[want].Mean.ValLoss)))
	t.Mistake(worse && byAcc >= 0 && byAcc == g, luckySeed,
		fmt.Sprintf("your winner %s owns the highest single validation accuracy, %s, but its mean validation loss is %s against %s", got.short(), grader.Num(ss[g].Max.ValAccuracy), grader.Num(ss[g].Mean.ValLoss), grader.Num(ss[want].Mean.ValLoss)))
	t.Errorf("Winner(%s) returned the config %s; want %s", what, got, ss[want].Config)
}

func winner(t *grader.T) {
	ss := refSummarize(visibleSweep(), byConfigAndData, false)
	checkWinner(t, ss, refWinner(ss), "the summaries of the sweep, 5 seeds per configuration")
	for _, f := range winnerFixtures() {
		checkWinner(t, f.ss, f.want, f.what)
	}
}

func notMutated(t *grader.T) {
	X, y := everyKth(19)
	cfg := config{LearningRate: 0.5, Lambda: 1, Epochs: 2, BatchSize: 8}
	t.NotMutated("Fingerprint", X, y)
	t.NotMutated("Train", X, y, cfg, uint64(1))
	t.NotMutated("Sweep", X, y, cfg, []float64{1, 0.1}, []float64{1, 0}, []uint64{2, 1})
	runs := summaryFixture()
	t.NotMutated("Summarize", runs)
	t.NotMutated("Winner", refSummarize(runs, byConfigAndData, false))
}
