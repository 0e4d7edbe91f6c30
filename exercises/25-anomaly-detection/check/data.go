package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/density"
)

// split is one anomaly detection problem: labelled training rows (mostly normal, y = 0, a few
// known anomalies, y = 1), labelled validation rows, and test rows whose labels the learner
// only reaches through TestF1.
type split struct {
	Xtrain, Xval, Xtest *mat.Dense
	ytrain, yval, ytest []int
}

// normalTrain returns the normal training rows (ytrain = 0), in order.
func (d *split) normalTrain() *mat.Dense {
	var rows []int
	for i, v := range d.ytrain {
		if v == 0 {
			rows = append(rows, i)
		}
	}
	return data.TakeRows(d.Xtrain, rows)
}

// normalTrainAndVal returns the normal rows of the training set and then of the validation
// set: what a learner fits who takes the validation rows as more training data.
func (d *split) normalTrainAndVal() *mat.Dense {
	var val []int
	for i, v := range d.yval {
		if v == 0 {
			val = append(val, i)
		}
	}
	tr, va := d.normalTrain(), data.TakeRows(d.Xval, val)
	r1, n := tr.Dims()
	r2, _ := va.Dims()
	X := mat.NewDense(r1+r2, n, nil)
	X.Slice(0, r1, 0, n).(*mat.Dense).Copy(tr)
	X.Slice(r1, r1+r2, 0, n).(*mat.Dense).Copy(va)
	return X
}

// model returns the reference Gaussian: fitted on the normal training rows.
func (d *split) model() *density.Gaussian { return density.Fit(d.normalTrain()) }

// The sizes of the breast cancer split: of the 357 benign tumours, 200 train, 78 validate and
// 79 test; of the 212 malignant ones, 10 go to each set (30 in all), so that they are a few
// percent of the training rows and about 11 % of the validation and test rows, as anomalies
// are rare.
const (
	benignTrain, benignVal = 200, 78
	malignantPerSet        = 10
)

// cancer returns the visible problem, from breast cancer (scikit-learn's Wisconsin
// diagnostic data, 569 tumours × 30 measurements of the cell nuclei, in
// testdata/datasets/breast_cancer.csv; see SOURCES.md). A tumour is an anomaly when it is
// malignant (label 1 here; scikit-learn codes malignant 0). The benign and the malignant
// tumours are each shuffled with the seed (2026, 25) and dealt out as the constants above say;
// each set keeps the data set's order of its rows. The 30 raw measurements are the features
// (not standardised: the Gaussian of each feature takes its own scale).
func cancer() *split { return cancerSplit(rand.New(rand.NewPCG(2026, 25))) }

// cancerSplit deals the tumours out with rng (see cancer).
func cancerSplit(rng *rand.Rand) *split {
	bc := datasets.BreastCancer()
	var benign, malignant []int
	for i, l := range bc.Labels() {
		if l == 0 {
			malignant = append(malignant, i)
		} else {
			benign = append(benign, i)
		}
	}
	shuffle := func(s []int) { rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] }) }
	shuffle(benign)
	shuffle(malignant)
	k := malignantPerSet
	sets := [][2][]int{
		{benign[:benignTrain], malignant[:k]},
		{benign[benignTrain : benignTrain+benignVal], malignant[k : 2*k]},
		{benign[benignTrain+benignVal:], malignant[2*k : 3*k]},
	}
	var Xs [3]*mat.Dense
	var ys [3][]int
	for s, set := range sets {
		rows := slices.Concat(set[0], set[1])
		slices.Sort(rows)
		Xs[s] = data.TakeRows(bc.X, rows)
		ys[s] = make([]int, len(rows))
		for i, r := range rows {
			if slices.Contains(set[1], r) {
				ys[s][i] = 1
			}
		}
	}
	return &split{Xtrain: Xs[0], Xval: Xs[1], Xtest: Xs[2], ytrain: ys[0], yval: ys[1], ytest: ys[2]}
}

// visibleWideSeed seeds the visible wide data.
const visibleWideSeed = 2526

// wide returns 6 rows of n features and a Gaussian for them: feature j has mean μⱼ in
// [−50, 50) and standard deviation in [5, 15), and the rows are drawn from it (the last two
// with twice the spread). With n = 250 each row's log density is near −250·(½·log(2π·100) + ½)
// ≈ −930, far below log(5e−324) ≈ −744: the product of its densities underflows to 0. Only
// synthetic data has that many features and a known Gaussian.
func wide(seed uint64, n int) (*mat.Dense, *density.Gaussian) {
	rng := rand.New(rand.NewPCG(seed, 25))
	g := &density.Gaussian{Mean: make([]float64, n), Var: make([]float64, n)}
	for j := range n {
		sd := 5 + 10*rng.Float64()
		g.Mean[j], g.Var[j] = -50+100*rng.Float64(), sd*sd
	}
	X := mat.NewDense(6, n, nil)
	for i := range 6 {
		spread := 1.0
		if i >= 4 {
			spread = 2
		}
		for j := range n {
			X.Set(i, j, g.Mean[j]+spread*rng.NormFloat64()*math.Sqrt(g.Var[j]))
		}
	}
	return X, g
}

// rows returns m rows of the Gaussian (mean, sd), each feature's deviation scaled by spread.
func rows(rng *rand.Rand, m int, mean, sd []float64, spread float64) *mat.Dense {
	X := mat.NewDense(m, len(mean), nil)
	for i := range m {
		for j := range mean {
			X.Set(i, j, mean[j]+spread*sd[j]*rng.NormFloat64())
		}
	}
	return X
}

// synthetic returns a random problem: 2 to 10 features with means in [−100, 100) and standard
// deviations from 0.01 to 100 (log-uniform); 150 to 300 normal training rows and 3 to 8
// anomalies, 60 to 120 normal rows and 5 to 12 anomalies each for validation and test; an
// anomaly's deviations are 2 to 4 times wider. The rows of each set are shuffled together.
// Synthetic data gives shapes and scales no one could tune an answer to.
func synthetic(rng *rand.Rand) (*split, string) {
	n := 2 + rng.IntN(9)
	mean, sd := make([]float64, n), make([]float64, n)
	for j := range n {
		mean[j] = -100 + 200*rng.Float64()
		sd[j] = math.Pow(10, -2+4*rng.Float64())
	}
	spread := 2 + 2*rng.Float64()
	set := func(normal, anomalies int) (*mat.Dense, []int) {
		A := rows(rng, normal, mean, sd, 1)
		B := rows(rng, anomalies, mean, sd, spread)
		m := normal + anomalies
		X := mat.NewDense(m, n, nil)
		y := make([]int, m)
		for k, i := range rng.Perm(m) {
			if k < normal {
				X.SetRow(i, A.RawRowView(k))
			} else {
				X.SetRow(i, B.RawRowView(k-normal))
				y[i] = 1
			}
		}
		return X, y
	}
	d := &split{}
	d.Xtrain, d.ytrain = set(150+rng.IntN(151), 3+rng.IntN(6))
	d.Xval, d.yval = set(60+rng.IntN(61), 5+rng.IntN(8))
	d.Xtest, d.ytest = set(60+rng.IntN(61), 5+rng.IntN(8))
	m, _ := d.Xtrain.Dims()
	return d, fmt.Sprintf("unseen data, %d features, %d training rows", n, m)
}
