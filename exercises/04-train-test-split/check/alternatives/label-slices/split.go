// Package split is an alternative correct solution of exercise 04, written from the README:
// rand.Shuffle for the permutation, and a stratified split that keeps the rows of each label in
// a slice indexed by the label, each class drawn from a generator of its own.
package split

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Shuffle shuffles 0…n−1 with rand.Shuffle.
func Shuffle(n int, seed uint64) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	rand.New(rand.NewPCG(seed, 0)).Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// TrainTestSplit copies the shuffled rows into the two sets.
func TrainTestSplit(X *mat.Dense, y []int, testFrac float64, seed uint64) (Xtrain, Xtest *mat.Dense, yTrain, yTest []int) {
	m, _ := X.Dims()
	perm := Shuffle(m, seed)
	nTest := int(math.Ceil(testFrac * float64(m)))
	Xtest, yTest = rowsOf(X, y, perm[:nTest])
	Xtrain, yTrain = rowsOf(X, y, perm[nTest:])
	return Xtrain, Xtest, yTrain, yTest
}

// StratifiedSplit groups the rows by label in a slice indexed by the label (labels are
// 0…K−1), and draws the test rows of class c with rand.Perm from a generator seeded by (seed, c).
func StratifiedSplit(X *mat.Dense, y []int, testFrac float64, seed uint64) (Xtrain, Xtest *mat.Dense, yTrain, yTest []int) {
	var byLabel [][]int
	for i, l := range y {
		for len(byLabel) <= l {
			byLabel = append(byLabel, nil)
		}
		byLabel[l] = append(byLabel[l], i)
	}
	var train, test []int
	for c, members := range byLabel {
		order := rand.New(rand.NewPCG(seed, uint64(c))).Perm(len(members))
		k := int(math.Round(testFrac * float64(len(members))))
		for r, o := range order {
			if r < k {
				test = append(test, members[o])
			} else {
				train = append(train, members[o])
			}
		}
	}
	Xtest, yTest = rowsOf(X, y, test)
	Xtrain, yTrain = rowsOf(X, y, train)
	return Xtrain, Xtest, yTrain, yTest
}

func rowsOf(X *mat.Dense, y []int, idx []int) (*mat.Dense, []int) {
	if len(idx) == 0 {
		return nil, []int{}
	}
	_, n := X.Dims()
	out := mat.NewDense(len(idx), n, nil)
	labels := make([]int, len(idx))
	for r, i := range idx {
		out.SetRow(r, mat.Row(nil, i, X))
		labels[r] = y[i]
	}
	return out, labels
}
