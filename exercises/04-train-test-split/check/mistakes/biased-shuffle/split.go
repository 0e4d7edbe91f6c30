// Package split holds exercise 04: shuffle a dataset with a seed and split it into a training
// set and a test set, plainly or stratified by class. See README.md for the task.
package split

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Shuffle returns a random permutation of 0, 1, ..., n−1 drawn from the generator
// rand.New(rand.NewPCG(seed, 0)) of math/rand/v2: the same seed always gives the same
// permutation. It returns an empty slice for n = 0 and panics if n < 0.
func Shuffle(n int, seed uint64) []int {
	if n < 0 {
		panic(fmt.Sprintf("split.Shuffle: negative n %d", n))
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	// MISTAKE: the naive shuffle swaps every element with one chosen from all n, which makes
	// some of the n^n equally likely swap sequences lead to the same orders more often.
	for i := range perm {
		j := rng.IntN(n)
		perm[i], perm[j] = perm[j], perm[i]
	}
	return perm
}

// TrainTestSplit shuffles the m rows of X, and the m labels y with them, with Shuffle(m, seed),
// and splits them: the first ⌈testFrac·m⌉ shuffled rows form the test set and the other
// m − ⌈testFrac·m⌉ the training set. Row i of Xtrain has the label yTrain[i], and row i of
// Xtest the label yTest[i]; every row of X is in exactly one of the two sets. X and y are not
// modified (the results are new matrices and slices). A set with no rows (the training set of
// a tiny m with a large testFrac) is a nil matrix with an empty label slice: gonum has no
// matrix of 0 rows.
//
// It panics if len(y) differs from the number of rows of X, or if testFrac is not in (0, 1).
func TrainTestSplit(X *mat.Dense, y []int, testFrac float64, seed uint64) (Xtrain, Xtest *mat.Dense, yTrain, yTest []int) {
	m := checkArgs("TrainTestSplit", X, y, testFrac)
	// One permutation for both X and y, so that every row keeps its label.
	perm := Shuffle(m, seed)
	nTest := int(math.Ceil(testFrac * float64(m)))
	// perm[:nTest] and perm[nTest:] share no index and together hold all m.
	Xtest, yTest = take(X, y, perm[:nTest])
	Xtrain, yTrain = take(X, y, perm[nTest:])
	return Xtrain, Xtest, yTrain, yTest
}

// StratifiedSplit splits like TrainTestSplit, but class by class: of the m_c rows whose label is
// c, a random round(testFrac·m_c) (math.Round: halves round up) go to the test set and the
// rest to the training set, so that each class has (within one row) the same share in the
// test set as in the whole data. The rows of each class are chosen with a generator seeded by
// seed, and the result depends on nothing else (not on Go's random map order); the order of
// the rows within each set is free. A set with no rows is a nil matrix with an empty label
// slice. X and y are not modified.
//
// It panics if len(y) differs from the number of rows of X, or if testFrac is not in (0, 1).
func StratifiedSplit(X *mat.Dense, y []int, testFrac float64, seed uint64) (Xtrain, Xtest *mat.Dense, yTrain, yTest []int) {
	checkArgs("StratifiedSplit", X, y, testFrac)
	// The row indices of each class, classes in increasing order so that the result does not
	// depend on Go's random map order.
	byClass := make(map[int][]int)
	for i, label := range y {
		byClass[label] = append(byClass[label], i)
	}
	classes := slices.Sorted(maps.Keys(byClass))
	rng := rand.New(rand.NewPCG(seed, 0))
	var train, test []int
	for _, c := range classes {
		rows := byClass[c]
		rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		k := int(math.Round(testFrac * float64(len(rows))))
		test = append(test, rows[:k]...)
		train = append(train, rows[k:]...)
	}
	Xtest, yTest = take(X, y, test)
	Xtrain, yTrain = take(X, y, train)
	return Xtrain, Xtest, yTrain, yTest
}

// take returns new copies of the rows idx of X and of the labels idx of y, in that order.
// An empty idx gives a nil matrix (gonum has no 0-row matrices) and an empty slice.
func take(X *mat.Dense, y []int, idx []int) (*mat.Dense, []int) {
	labels := make([]int, len(idx))
	if len(idx) == 0 {
		return nil, labels
	}
	_, n := X.Dims()
	rows := mat.NewDense(len(idx), n, nil)
	for i, r := range idx {
		rows.SetRow(i, X.RawRowView(r))
		labels[i] = y[r]
	}
	return rows, labels
}

// checkArgs panics on the misuse the functions document, and returns the number of rows.
func checkArgs(fn string, X *mat.Dense, y []int, testFrac float64) int {
	m, _ := X.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("split.%s: X has %d rows but y has %d labels", fn, m, len(y)))
	}
	if !(testFrac > 0 && testFrac < 1) {
		panic(fmt.Sprintf("split.%s: testFrac %v is not in (0, 1)", fn, testFrac))
	}
	return m
}
