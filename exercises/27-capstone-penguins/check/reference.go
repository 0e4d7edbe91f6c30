package check

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/metrics"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// table is the check's copy of the learner's Table: penguins as they come, missing values
// included (NaN in Num, "" in Island and Sex).
type table struct {
	Island []string
	Sex    []string
	Num    *mat.Dense
}

// card is the check's copy of the learner's Card.
type card struct {
	C                               float64
	CVAccuracy                      []float64
	Accuracy, Precision, Recall, F1 float64
	Confusion                       [][]int
	Sizes                           []int
	TrainAccuracy, ValAccuracy      []float64
}

// The settings the README states: the folds, the candidate Cs (in the order of the tie rule),
// the learning curve's training-set sizes, the species.
var (
	candidateCs   = []float64{0.01, 0.1, 1, 10, 100}
	learningSizes = []int{20, 40, 80, 160}
	species       = []string{"Adelie", "Chinstrap", "Gentoo"}
)

const (
	numFolds   = 5
	numClasses = 3
	// margin is how far the held-out accuracy must beat the majority-class baseline's.
	margin = 0.3
)

// numericColumns are the columns of Num, in order.
var numericColumns = []string{"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"}

// penguins returns all 344 penguins of mlkit's penguins.csv and their species (0 Adelie, 1
// Chinstrap, 2 Gentoo, data.LabelEncoder's sorted order).
func penguins() (table, []int) {
	t, err := datasets.Load("penguins")
	if err != nil {
		panic(err)
	}
	col := func(name string) *data.Column {
		c, err := t.Column(name)
		if err != nil {
			panic(err)
		}
		return c
	}
	m := t.NumRows()
	tb := table{Island: slices.Clone(col("island").Strings), Sex: slices.Clone(col("sex").Strings), Num: mat.NewDense(m, len(numericColumns), nil)}
	for j, name := range numericColumns {
		c := col(name)
		for i := range m {
			v := c.Floats[i]
			if c.Missing[i] {
				v = math.NaN()
			}
			tb.Num.Set(i, j, v)
		}
	}
	for i := range m {
		if col("sex").Missing[i] {
			tb.Sex[i] = ""
		}
	}
	y, err := data.NewLabelEncoder(species).Encode(col("species").Strings)
	if err != nil {
		panic(err)
	}
	return tb, y
}

// predictor is a fitted classifier: linear.Softmax, or the stand-in of standIn.
type predictor interface {
	Predict(dst []int, X mat.Matrix) []int
}

// model fits a classifier: softmax, or standIn.
type model func(X *mat.Dense, y []int, C float64) (predictor, error)

// problem is one split of the penguins: the training rows the learner gets with their
// species, the held-out rows it gets without, and the held-out species, which stay here.
type problem struct {
	train, test table
	y, yTest    []int
	seed        uint64 // the seed Run is given
	what        string // the split, in words
	model       model  // the classifier fit trains; nil means softmax
}

// fit fits p's classifier.
func (p *problem) fit(X *mat.Dense, y []int, C float64) (predictor, error) {
	if p.model != nil {
		return p.model(X, y, C)
	}
	return softmax(X, y, C)
}

// split splits the penguins by species into training and held-out rows, both in
// data.StratifiedTrainTestSplit's shuffled order.
func split(testFraction float64, splitSeed, seed uint64) *problem {
	all, y := penguins()
	s, err := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: testFraction, Seed: splitSeed})
	if err != nil {
		panic(err)
	}
	return &problem{
		train: all.rows(s.Train), test: all.rows(s.Test),
		y: data.Take(y, s.Train), yTest: data.Take(y, s.Test), seed: seed,
		what: fmt.Sprintf("%d training and %d held-out penguins", len(s.Train), len(s.Test)),
	}
}

// rows returns the rows idx of t, in that order.
func (t table) rows(idx []int) table {
	return table{Island: data.Take(t.Island, idx), Sex: data.Take(t.Sex, idx), Num: data.TakeRows(t.Num, idx)}
}

// concat returns the rows of a followed by those of b.
func concat(a, b table) table {
	ma, n := a.Num.Dims()
	mb, _ := b.Num.Dims()
	num := mat.NewDense(ma+mb, n, nil)
	num.Slice(0, ma, 0, n).(*mat.Dense).Copy(a.Num)
	num.Slice(ma, ma+mb, 0, n).(*mat.Dense).Copy(b.Num)
	return table{Island: slices.Concat(a.Island, b.Island), Sex: slices.Concat(a.Sex, b.Sex), Num: num}
}

func (t table) len() int { m, _ := t.Num.Dims(); return m }

// variant names a way of computing the features: the right one, and those of the mistakes.
type variant int

const (
	right              variant = iota
	sampleStd                  // divide the variance by m − 1
	scaledBeforeImpute         // the standard deviation of the observed values only
	imputeZero                 // a missing number is 0 before the statistics
	missingAsCategory          // a missing sex is a category of its own, "" (sorted first)
)

// features is the reference pipeline: each numeric column's missing cells filled with the mean
// of its observed training values (data.Imputer, ImputeMean), then standardised with the mean
// and population standard deviation of the filled training column (preprocess.StandardScaler),
// then one 0/1 column per island and per sex seen in the training rows, sorted (OneHot's
// categories); a missing or unseen category is a row of zeros. v selects a mistake's variant.
func features(train, rows table, v variant) *mat.Dense {
	fill := func(t table, fitted *data.Imputer) *mat.Dense {
		var cols []data.Column
		m, _ := t.Num.Dims()
		for j, name := range numericColumns {
			c := data.Column{Name: name, Kind: data.Numeric, Floats: make([]float64, m), Missing: make([]bool, m)}
			for i := range m {
				c.Floats[i] = t.Num.At(i, j)
				c.Missing[i] = math.IsNaN(c.Floats[i])
				if v == imputeZero && c.Missing[i] {
					c.Floats[i], c.Missing[i] = 0, false
				}
			}
			cols = append(cols, c)
		}
		tb := data.NewTable(cols...)
		if fitted.Numeric == nil {
			if err := fitted.Fit(tb); err != nil {
				panic(err)
			}
		}
		filled, err := fitted.Transform(tb)
		if err != nil {
			panic(err)
		}
		out := mat.NewDense(m, len(numericColumns), nil)
		for j := range numericColumns {
			out.SetCol(j, filled.Columns[j].Floats)
		}
		return out
	}
	imp := &data.Imputer{Strategy: data.ImputeMean}
	trainNum := fill(train, imp)
	rowsNum := fill(rows, imp)
	var sc preprocess.StandardScaler
	switch v {
	case sampleStd, scaledBeforeImpute:
		sc = observedScaler(train.Num, v == sampleStd)
	default:
		sc.Fit(trainNum)
	}
	num := sc.Transform(nil, rowsNum)

	islands := categories(train.Island, false)
	sexes := categories(train.Sex, v == missingAsCategory)
	m, nNum := num.Dims()
	out := mat.NewDense(m, nNum+len(islands)+len(sexes), nil)
	out.Slice(0, m, 0, nNum).(*mat.Dense).Copy(num)
	for i := range m {
		if c := slices.Index(islands, rows.Island[i]); c >= 0 {
			out.Set(i, nNum+c, 1)
		}
		if c := slices.Index(sexes, rows.Sex[i]); c >= 0 {
			out.Set(i, nNum+len(islands)+c, 1)
		}
	}
	return out
}

// observedScaler returns a scaler whose mean and scale come from the observed (non-NaN) values
// of each column: with the population standard deviation of those values
// (scaled-before-imputing: scaling first, as a StandardScaler that skips NaN does, and filling
// the scaled column with 0), or with the sample standard deviation of the mean-filled column
// (sample-std: Σ(x − mean)² over the m training rows, divided by m − 1).
func observedScaler(X *mat.Dense, sample bool) preprocess.StandardScaler {
	m, n := X.Dims()
	var sc preprocess.StandardScaler
	for j := range n {
		var obs []float64
		for i := range m {
			if v := X.At(i, j); !math.IsNaN(v) {
				obs = append(obs, v)
			}
		}
		mean := 0.0
		for _, v := range obs {
			mean += v
		}
		mean /= float64(len(obs))
		ss := 0.0
		for _, v := range obs {
			ss += (v - mean) * (v - mean)
		}
		div := float64(len(obs))
		if sample {
			div = float64(m - 1)
		}
		sc.Mean = append(sc.Mean, mean)
		sc.Var = append(sc.Var, ss/div)
		sc.Scale = append(sc.Scale, math.Sqrt(ss/div))
	}
	return sc
}

// categories returns the sorted distinct values of s (preprocess.OneHot's categories), without
// "" unless withMissing.
func categories(s []string, withMissing bool) []string {
	var o preprocess.OneHot[string]
	o.Fit(s)
	if withMissing {
		return o.Categories
	}
	return slices.DeleteFunc(slices.Clone(o.Categories), func(c string) bool { return c == "" })
}

// folds returns the test rows of data.KFold's shuffled folds (the seeded permutation of
// math/rand/v2's PCG(seed, 0), cut in order), each ascending.
func folds(n, k int, seed uint64, shuffle bool) [][]int {
	splits, err := data.KFold(n, k, data.FoldOptions{Shuffle: shuffle, Seed: seed})
	if err != nil {
		panic(err)
	}
	out := make([][]int, len(splits))
	for f, s := range splits {
		out[f] = s.Test
	}
	return out
}

// complement returns the rows 0…m−1 not in fold, ascending.
func complement(m int, fold []int) []int {
	in := make([]bool, m)
	for _, r := range fold {
		in[r] = true
	}
	var rest []int
	for i := range m {
		if !in[i] {
			rest = append(rest, i)
		}
	}
	return rest
}

// softmax fits the classifier the spy's fit gives the learner: linear.Softmax (scikit-learn's
// LogisticRegression(multi_class="multinomial", C=C) with lbfgs) over the three species.
//
// The fits are remembered by their inputs (the bits of X, y and C): the checks run the same
// pipeline several times (the reference once per check, the learner's Run in several checks),
// and a fit costs milliseconds where the learner's whole grading should take well under half a
// second. A fitted model is only read afterwards (Predict), so sharing it is safe.
func softmax(X *mat.Dense, y []int, C float64) (predictor, error) {
	key := fitKey(X, y, C)
	fitted.Lock()
	s, ok := fitted.models[key]
	fitted.Unlock()
	if ok {
		return s, nil
	}
	s = &linear.Softmax{C: C, Classes: numClasses, Workers: 1}
	if err := s.Fit(X, y); err != nil {
		var ce *linear.ConvergenceError
		if !errors.As(err, &ce) {
			return nil, err
		}
	}
	fitted.Lock()
	if len(fitted.models) >= maxFitted {
		clear(fitted.models)
	}
	fitted.models[key] = s
	fitted.Unlock()
	return s, nil
}

// fitted remembers the models softmax fitted, up to maxFitted of them (then it starts again).
var fitted = struct {
	sync.Mutex
	models map[[sha256.Size]byte]*linear.Softmax
}{models: map[[sha256.Size]byte]*linear.Softmax{}}

const maxFitted = 4096

// fitKey is the SHA-256 of a fit's inputs.
func fitKey(X *mat.Dense, y []int, C float64) [sha256.Size]byte {
	m, n := X.Dims()
	b := make([]byte, 0, 8*(m*n+len(y)+3))
	b = binary.LittleEndian.AppendUint64(b, uint64(m))
	b = binary.LittleEndian.AppendUint64(b, uint64(n))
	for i := range m {
		for _, v := range X.RawRowView(i) {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	for _, c := range y {
		b = binary.LittleEndian.AppendUint64(b, uint64(c))
	}
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(C))
	return sha256.Sum256(b)
}

// run is the reference Run, with what the checks compare against.
type run struct {
	folds [][]int
	oof   [][]int // out-of-fold predictions, one slice per candidate C
	card  card
	best  int
	pred  []int // the held-out predictions
}

// crossValidate returns the reference out-of-fold predictions of C over the folds.
func crossValidate(p *problem, C float64, fs [][]int) []int {
	train, y := p.train, p.y
	m := train.len()
	oof := make([]int, m)
	for _, fold := range fs {
		rest := complement(m, fold)
		tr := train.rows(rest)
		model, err := p.fit(features(tr, tr, right), data.Take(y, rest), C)
		if err != nil {
			panic(err)
		}
		pred := model.Predict(nil, features(tr, train.rows(fold), right))
		for i, r := range fold {
			oof[r] = pred[i]
		}
	}
	return oof
}

// reference runs the whole reference pipeline on p.
func reference(p *problem) *run {
	m := p.train.len()
	r := &run{folds: folds(m, numFolds, p.seed, true), best: -1}
	for i, C := range candidateCs {
		oof := crossValidate(p, C, r.folds)
		r.oof = append(r.oof, oof)
		acc := metrics.Accuracy(p.y, oof)
		r.card.CVAccuracy = append(r.card.CVAccuracy, acc)
		if r.best < 0 || acc > r.card.CVAccuracy[r.best] {
			r.best = i
		}
	}
	r.card.C = candidateCs[r.best]
	r.card.fill(p.y, r.oof[r.best])
	r.card.Sizes = slices.Clone(learningSizes)
	for _, s := range learningSizes {
		tr, va := 0.0, 0.0
		for _, fold := range r.folds {
			sub := complement(m, fold)[:s]
			t := p.train.rows(sub)
			X := features(t, t, right)
			model, err := p.fit(X, data.Take(p.y, sub), r.card.C)
			if err != nil {
				panic(err)
			}
			tr += metrics.Accuracy(data.Take(p.y, sub), model.Predict(nil, X)) * float64(s)
			va += metrics.Accuracy(data.Take(p.y, fold), model.Predict(nil, features(t, p.train.rows(fold), right))) * float64(len(fold))
		}
		r.card.TrainAccuracy = append(r.card.TrainAccuracy, math.Round(tr)/float64(s*numFolds))
		r.card.ValAccuracy = append(r.card.ValAccuracy, math.Round(va)/float64(m))
	}
	model, err := p.fit(features(p.train, p.train, right), p.y, r.card.C)
	if err != nil {
		panic(err)
	}
	r.pred = model.Predict(nil, features(p.train, p.test, right))
	return r
}

// fill sets the card's metrics of the predictions pred against y: accuracy, macro precision,
// recall and F1, and the confusion matrix (rows: true species; columns: predicted).
func (c *card) fill(y, pred []int) {
	c.Accuracy = metrics.Accuracy(y, pred)
	c.Precision, c.Recall, c.F1 = metrics.PrecisionRecallF1(y, pred, numClasses, metrics.Macro)
	c.Confusion = metrics.ConfusionMatrix(y, pred, numClasses)
}

// standIn is a classifier whose numbers can be followed by hand: for C = 0.01 it predicts the
// most common class of its training rows (the smallest on a tie), for every other C the next
// class after it (one more, modulo 3), which on penguins of two species is often the absent
// one. So C = 0.01 wins the cross-validation, and the card holds species that are never
// predicted or never present: the zero denominators of precision, recall and F1.
func standIn(_ *mat.Dense, y []int, C float64) (predictor, error) {
	counts := make([]int, numClasses)
	for _, c := range y {
		counts[c]++
	}
	top := 0
	for c := range counts {
		if counts[c] > counts[top] {
			top = c
		}
	}
	if C != candidateCs[0] {
		top = (top + 1) % numClasses
	}
	return constant(top), nil
}

// constant predicts one class for every row.
type constant int

func (c constant) Predict(_ []int, X mat.Matrix) []int {
	m, _ := X.Dims()
	out := make([]int, m)
	for i := range out {
		out[i] = int(c)
	}
	return out
}

// majority returns the accuracy on yTest of always predicting the most common class of y.
func majority(y, yTest []int) float64 {
	counts := make([]int, numClasses)
	for _, c := range y {
		counts[c]++
	}
	top := 0
	for c := range counts {
		if counts[c] > counts[top] {
			top = c
		}
	}
	pred := make([]int, len(yTest))
	for i := range pred {
		pred[i] = top
	}
	return metrics.Accuracy(yTest, pred)
}
