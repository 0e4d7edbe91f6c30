// Package capstone is an alternative solution of exercise 27, written from the README: a
// running (Welford) mean and variance of the observed values, categories found with a map and
// sorted, folds from rand.Shuffle, a boolean mask for the rows of a fold, and the macro scores
// from per-class counts, F1 = 2·tp/(2·tp + fp + fn).
package capstone

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"
)

type Table struct {
	Island []string
	Sex    []string
	Num    *mat.Dense
}

type Predict func(X *mat.Dense) []int

type Fit func(X *mat.Dense, y []int, C float64) Predict

type Card struct {
	C                               float64
	CVAccuracy                      []float64
	Accuracy, Precision, Recall, F1 float64
	Confusion                       [][]int
	Sizes                           []int
	TrainAccuracy, ValAccuracy      []float64
}

func Features(train, rows Table) *mat.Dense {
	m, n := train.Num.Dims()
	mean := make([]float64, n)
	sigma := make([]float64, n)
	for j := 0; j < n; j++ {
		// Welford over the observed values; the filled cells equal the mean and add nothing to
		// the sum of squares, but count in the m of the population variance.
		var mu, m2 float64
		var count float64
		for i := 0; i < m; i++ {
			x := train.Num.At(i, j)
			if x != x {
				continue
			}
			count++
			d := x - mu
			mu += d / count
			m2 += d * (x - mu)
		}
		mean[j] = mu
		sigma[j] = math.Sqrt(m2 / float64(m))
		if sigma[j] == 0 {
			sigma[j] = 1
		}
	}
	island := index(train.Island)
	sex := index(train.Sex)
	r, _ := rows.Num.Dims()
	X := mat.NewDense(r, n+len(island)+len(sex), nil)
	for i := 0; i < r; i++ {
		for j := 0; j < n; j++ {
			x := rows.Num.At(i, j)
			if math.IsNaN(x) {
				x = mean[j]
			}
			X.Set(i, j, (x-mean[j])/sigma[j])
		}
		if c, ok := island[rows.Island[i]]; ok {
			X.Set(i, n+c, 1)
		}
		if c, ok := sex[rows.Sex[i]]; ok {
			X.Set(i, n+len(island)+c, 1)
		}
	}
	return X
}

// index numbers the distinct non-missing values of s in sorted order.
func index(s []string) map[string]int {
	seen := map[string]bool{}
	for _, v := range s {
		if v != "" {
			seen[v] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	idx := make(map[string]int, len(keys))
	for i, k := range keys {
		idx[k] = i
	}
	return idx
}

func Folds(n, k int, seed uint64) [][]int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rand.New(rand.NewPCG(seed, 0)).Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	var out [][]int
	start := 0
	for f := 0; f < k; f++ {
		size := n / k
		if f < n%k {
			size++
		}
		fold := append([]int(nil), order[start:start+size]...)
		sort.Ints(fold)
		out = append(out, fold)
		start += size
	}
	return out
}

func take(t Table, idx []int) (Table, []int) {
	_, n := t.Num.Dims()
	out := Table{Island: make([]string, len(idx)), Sex: make([]string, len(idx)), Num: mat.NewDense(len(idx), n, nil)}
	for r, i := range idx {
		out.Island[r], out.Sex[r] = t.Island[i], t.Sex[i]
		for j := 0; j < n; j++ {
			out.Num.Set(r, j, t.Num.At(i, j))
		}
	}
	return out, idx
}

func labels(y, idx []int) []int {
	out := make([]int, 0, len(idx))
	for _, i := range idx {
		out = append(out, y[i])
	}
	return out
}

// trainingRows returns the rows not in fold, ascending.
func trainingRows(m int, fold []int) []int {
	held := make([]bool, m)
	for _, i := range fold {
		held[i] = true
	}
	var rows []int
	for i := 0; i < m; i++ {
		if !held[i] {
			rows = append(rows, i)
		}
	}
	return rows
}

func CrossValidate(train Table, y []int, C float64, folds [][]int, fit Fit) []int {
	m := len(y)
	oof := make([]int, m)
	for _, fold := range folds {
		tr, rows := take(train, trainingRows(m, fold))
		va, _ := take(train, fold)
		p := fit(Features(tr, tr), labels(y, rows), C)(Features(tr, va))
		for i, row := range fold {
			oof[row] = p[i]
		}
	}
	return oof
}

func Run(train Table, y []int, test Table, seed uint64, fit Fit) ([]int, Card) {
	const k = 3
	m := len(y)
	folds := Folds(m, 5, seed)
	var card Card
	var chosen []int
	for _, C := range []float64{0.01, 0.1, 1, 10, 100} {
		oof := CrossValidate(train, y, C, folds, fit)
		hits := 0
		for i := range y {
			if oof[i] == y[i] {
				hits++
			}
		}
		acc := float64(hits) / float64(m)
		if chosen == nil || acc > card.Accuracy {
			card.C, card.Accuracy, chosen = C, acc, oof
		}
		card.CVAccuracy = append(card.CVAccuracy, acc)
	}
	card.Confusion = make([][]int, k)
	for c := range card.Confusion {
		card.Confusion[c] = make([]int, k)
	}
	tp, fp, fn := make([]float64, k), make([]float64, k), make([]float64, k)
	for i := range y {
		card.Confusion[y[i]][chosen[i]]++
		if y[i] == chosen[i] {
			tp[y[i]]++
		} else {
			fn[y[i]]++
			fp[chosen[i]]++
		}
	}
	var sp, sr, sf float64
	for c := 0; c < k; c++ {
		if tp[c]+fp[c] > 0 {
			sp += tp[c] / (tp[c] + fp[c])
		}
		if tp[c]+fn[c] > 0 {
			sr += tp[c] / (tp[c] + fn[c])
		}
		if 2*tp[c]+fp[c]+fn[c] > 0 {
			sf += 2 * tp[c] / (2*tp[c] + fp[c] + fn[c])
		}
	}
	card.Precision, card.Recall, card.F1 = sp/k, sr/k, sf/k

	card.Sizes = []int{20, 40, 80, 160}
	card.TrainAccuracy = make([]float64, len(card.Sizes))
	card.ValAccuracy = make([]float64, len(card.Sizes))
	trainHits := make([]int, len(card.Sizes))
	valHits := make([]int, len(card.Sizes))
	for _, fold := range folds {
		rows := trainingRows(m, fold)
		for si, s := range card.Sizes {
			tr, sub := take(train, rows[:s])
			va, _ := take(train, fold)
			Xtr := Features(tr, tr)
			predict := fit(Xtr, labels(y, sub), card.C)
			for i, c := range predict(Xtr) {
				if c == y[sub[i]] {
					trainHits[si]++
				}
			}
			for i, c := range predict(Features(tr, va)) {
				if c == y[fold[i]] {
					valHits[si]++
				}
			}
		}
	}
	for si, s := range card.Sizes {
		card.TrainAccuracy[si] = float64(trainHits[si]) / float64(5*s)
		card.ValAccuracy[si] = float64(valHits[si]) / float64(m)
	}

	final := fit(Features(train, train), y, card.C)
	return final(Features(train, test)), card
}
