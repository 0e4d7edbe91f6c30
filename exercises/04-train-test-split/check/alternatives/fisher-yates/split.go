// Package split is an alternative correct solution of exercise 04, written from the README: a
// hand-written Fisher–Yates shuffle, and a stratified split that groups the rows by sorting
// their indices by label.
package split

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Shuffle returns a uniform permutation of 0…n−1: Fisher–Yates, from the end.
func Shuffle(n int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 0))
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := rng.IntN(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// TrainTestSplit puts the first ⌈testFrac·m⌉ shuffled rows in the test set.
func TrainTestSplit(X *mat.Dense, y []int, testFrac float64, seed uint64) (Xtrain, Xtest *mat.Dense, yTrain, yTest []int) {
	m, _ := X.Dims()
	perm := Shuffle(m, seed)
	nTest := int(math.Ceil(testFrac * float64(m)))
	Xtest, yTest = pick(X, y, perm[:nTest])
	Xtrain, yTrain = pick(X, y, perm[nTest:])
	return
}

// StratifiedSplit sorts the row indices by label (stable, so each class keeps file order), then
// shuffles each class's run of indices and sends round(testFrac·m_c) of it to the test set.
func StratifiedSplit(X *mat.Dense, y []int, testFrac float64, seed uint64) (Xtrain, Xtest *mat.Dense, yTrain, yTest []int) {
	idx := make([]int, len(y))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(y[a], y[b]) })
	rng := rand.New(rand.NewPCG(seed, 0))
	var train, test []int
	for start := 0; start < len(idx); {
		end := start
		for end < len(idx) && y[idx[end]] == y[idx[start]] {
			end++
		}
		class := idx[start:end]
		for i := len(class) - 1; i > 0; i-- {
			j := rng.IntN(i + 1)
			class[i], class[j] = class[j], class[i]
		}
		k := int(math.Round(testFrac * float64(len(class))))
		test = append(test, class[:k]...)
		train = append(train, class[k:]...)
		start = end
	}
	slices.Sort(test) // the order within a set is free: file order
	slices.Sort(train)
	Xtest, yTest = pick(X, y, test)
	Xtrain, yTrain = pick(X, y, train)
	return
}

func pick(X *mat.Dense, y []int, idx []int) (*mat.Dense, []int) {
	labels := make([]int, 0, len(idx))
	for _, i := range idx {
		labels = append(labels, y[i])
	}
	if len(idx) == 0 {
		return nil, labels
	}
	_, n := X.Dims()
	out := mat.NewDense(len(idx), n, nil)
	for r, i := range idx {
		for j := range n {
			out.Set(r, j, X.At(i, j))
		}
	}
	return out, labels
}
