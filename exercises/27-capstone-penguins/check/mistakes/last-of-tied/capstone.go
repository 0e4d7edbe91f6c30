// Package capstone holds exercise 27: a whole classification pipeline for the penguins table —
// cleaning, one-hot encoding and scaling learned from the training rows only, a seeded k-fold
// cross-validation that chooses the model's C, a refit on all training rows, predictions for
// held-out rows whose species only the grader knows, and a report card. See README.md.
package capstone

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Table holds penguins as they come, one entry per penguin, missing values included.
type Table struct {
	// Island is "Biscoe", "Dream" or "Torgersen"; "" where missing.
	Island []string
	// Sex is "female" or "male"; "" where missing.
	Sex []string
	// Num has one row per penguin and the columns bill_length_mm, bill_depth_mm,
	// flipper_length_mm and body_mass_g; NaN where missing.
	Num *mat.Dense
}

// Predict returns the predicted class (0 Adelie, 1 Chinstrap, 2 Gentoo) of each row of X, a
// matrix of features with the columns of the matrix its model was fitted on.
type Predict func(X *mat.Dense) []int

// Fit fits the grader's classifier (softmax regression with an L2 penalty; C is the inverse of
// its strength, as in scikit-learn's LogisticRegression) to the rows of X and their classes y,
// and returns its predict function. The grader gives you one and records every call: the rows
// and classes it saw, C, and the rows every predict function was given.
type Fit func(X *mat.Dense, y []int, C float64) Predict

// Card is the report card of Run: what cross-validation says about the chosen model.
type Card struct {
	// C is the chosen C; CVAccuracy[i] is the cross-validation accuracy of the i-th candidate
	// (0.01, 0.1, 1, 10, 100).
	C          float64
	CVAccuracy []float64
	// Accuracy, and the macro averages of the per-species precision, recall and F1, of the
	// chosen C's out-of-fold predictions against y.
	Accuracy, Precision, Recall, F1 float64
	// Confusion[i][j] counts the training rows of species i whose out-of-fold prediction is j.
	Confusion [][]int
	// The learning curve: for each size Sizes[i] (20, 40, 80, 160), the accuracy of the folds'
	// models on the rows they were fitted on, and on the folds' own rows.
	Sizes                      []int
	TrainAccuracy, ValAccuracy []float64
}

// The settings of Run, from the README.
var (
	candidateCs   = []float64{0.01, 0.1, 1, 10, 100}
	learningSizes = []int{20, 40, 80, 160}
)

const (
	numFolds   = 5
	numClasses = 3
)

// Features returns the feature matrix of rows, with everything it learns taken from train:
// the 4 numeric columns, each missing value filled with the mean of the column's observed
// values in train, then standardised, (x − mean)/σ with σ the population standard deviation
// of train's filled column (1 if it is 0); then one 0/1 column per island of train, in sorted
// order, and one per sex of train, sorted ("" is not a category). A row whose island or sex
// is missing or not in train has 0 in all of that variable's columns. No input is modified.
func Features(train, rows Table) *mat.Dense {
	mTrain, nNum := train.Num.Dims()
	mean := make([]float64, nNum)
	scale := make([]float64, nNum)
	for j := range nNum {
		sum, count := 0.0, 0
		for i := range mTrain {
			if v := train.Num.At(i, j); !math.IsNaN(v) {
				sum += v
				count++
			}
		}
		mean[j] = sum / float64(count)
		ss := 0.0
		for i := range mTrain {
			if v := train.Num.At(i, j); !math.IsNaN(v) {
				ss += (v - mean[j]) * (v - mean[j])
			}
		}
		scale[j] = math.Sqrt(ss / float64(mTrain))
		if scale[j] == 0 {
			scale[j] = 1
		}
	}
	islands := categories(train.Island)
	sexes := categories(train.Sex)

	m, _ := rows.Num.Dims()
	out := mat.NewDense(m, nNum+len(islands)+len(sexes), nil)
	for i := range m {
		for j := range nNum {
			v := rows.Num.At(i, j)
			if math.IsNaN(v) {
				v = mean[j]
			}
			out.Set(i, j, (v-mean[j])/scale[j])
		}
		if c := slices.Index(islands, rows.Island[i]); c >= 0 {
			out.Set(i, nNum+c, 1)
		}
		if c := slices.Index(sexes, rows.Sex[i]); c >= 0 {
			out.Set(i, nNum+len(islands)+c, 1)
		}
	}
	return out
}

// Folds returns k folds of the rows 0…n−1: order = rand.New(rand.NewPCG(seed, 0)).Perm(n) cut
// into k consecutive runs, the first n mod k of them ⌊n/k⌋+1 long and the others ⌊n/k⌋; each
// fold's rows in ascending order.
//
// It panics if k < 2 or k > n.
func Folds(n, k int, seed uint64) [][]int {
	order := rand.New(rand.NewPCG(seed, 0)).Perm(n)
	folds := make([][]int, k)
	start := 0
	for f := range k {
		size := n / k
		if f < n%k {
			size++
		}
		folds[f] = slices.Clone(order[start : start+size])
		slices.Sort(folds[f])
		start += size
	}
	return folds
}

// CrossValidate returns the out-of-fold prediction of every row of train: for each fold, the
// pipeline (Features, then fit with C) is fitted on the rows of train not in the fold, in
// ascending order, and predicts the fold's rows; oof[i] is the prediction for row i. No input
// is modified.
func CrossValidate(train Table, y []int, C float64, folds [][]int, fit Fit) []int {
	m, _ := train.Num.Dims()
	oof := make([]int, m)
	for _, fold := range folds {
		rest := others(m, fold)
		tr := subset(train, rest)
		predict := fit(Features(tr, tr), pick(y, rest), C)
		pred := predict(Features(tr, subset(train, fold)))
		for i, r := range fold {
			oof[r] = pred[i]
		}
	}
	return oof
}

// Run is the whole pipeline: it chooses C among 0.01, 0.1, 1, 10, 100 by the accuracy of
// CrossValidate over Folds(m, 5, seed) (the first of the best on a tie), fills the report
// card from the chosen C's out-of-fold predictions and its learning curve, refits on all
// training rows with the chosen C, and returns its predictions for the rows of test (whose
// species you do not get) and the card. No input is modified.
func Run(train Table, y []int, test Table, seed uint64, fit Fit) (pred []int, card Card) {
	m, _ := train.Num.Dims()
	folds := Folds(m, numFolds, seed)

	best := -1
	var bestOOF []int
	for i, C := range candidateCs {
		oof := CrossValidate(train, y, C, folds, fit)
		acc := accuracy(y, oof)
		card.CVAccuracy = append(card.CVAccuracy, acc)
		if best < 0 || acc >= card.CVAccuracy[best] {
			best, bestOOF = i, oof
		}
	}
	card.C = candidateCs[best]

	card.Confusion = make([][]int, numClasses)
	for c := range card.Confusion {
		card.Confusion[c] = make([]int, numClasses)
	}
	for i := range y {
		card.Confusion[y[i]][bestOOF[i]]++
	}
	card.Accuracy = accuracy(y, bestOOF)
	for c := range numClasses {
		tp, predicted, actual := card.Confusion[c][c], 0, 0
		for j := range numClasses {
			predicted += card.Confusion[j][c]
			actual += card.Confusion[c][j]
		}
		// A zero denominator gives 0/0 = NaN in floating point; the README says 0.
		p := float64(tp) / float64(predicted)
		if math.IsNaN(p) {
			p = 0
		}
		r := float64(tp) / float64(actual)
		if math.IsNaN(r) {
			r = 0
		}
		f := 2 * p * r / (p + r)
		if math.IsNaN(f) {
			f = 0
		}
		card.Precision += p / numClasses
		card.Recall += r / numClasses
		card.F1 += f / numClasses
	}

	card.Sizes = slices.Clone(learningSizes)
	for _, s := range learningSizes {
		trainRight, valRight := 0, 0
		for _, fold := range folds {
			sub := others(m, fold)[:s]
			tr := subset(train, sub)
			Xtr := Features(tr, tr)
			predict := fit(Xtr, pick(y, sub), card.C)
			trainRight += right(pick(y, sub), predict(Xtr))
			valRight += right(pick(y, fold), predict(Features(tr, subset(train, fold))))
		}
		card.TrainAccuracy = append(card.TrainAccuracy, float64(trainRight)/float64(s*numFolds))
		card.ValAccuracy = append(card.ValAccuracy, float64(valRight)/float64(m))
	}

	predict := fit(Features(train, train), y, card.C)
	return predict(Features(train, test)), card
}

// categories returns the distinct values of s other than "", sorted.
func categories(s []string) []string {
	var cats []string
	for _, v := range s {
		if v != "" && !slices.Contains(cats, v) {
			cats = append(cats, v)
		}
	}
	slices.Sort(cats)
	return cats
}

// others returns the rows 0…m−1 that are not in fold, ascending.
func others(m int, fold []int) []int {
	var rest []int
	for i := range m {
		if !slices.Contains(fold, i) {
			rest = append(rest, i)
		}
	}
	return rest
}

// subset returns the rows idx of t, in that order.
func subset(t Table, idx []int) Table {
	_, n := t.Num.Dims()
	s := Table{Num: mat.NewDense(len(idx), n, nil)}
	for r, i := range idx {
		s.Island = append(s.Island, t.Island[i])
		s.Sex = append(s.Sex, t.Sex[i])
		s.Num.SetRow(r, t.Num.RawRowView(i))
	}
	return s
}

func pick(y []int, idx []int) []int {
	out := make([]int, len(idx))
	for r, i := range idx {
		out[r] = y[i]
	}
	return out
}

func right(y, pred []int) int {
	n := 0
	for i := range y {
		if y[i] == pred[i] {
			n++
		}
	}
	return n
}

func accuracy(y, pred []int) float64 { return float64(right(y, pred)) / float64(len(y)) }
