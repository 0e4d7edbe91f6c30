// Package split holds exercise 04: shuffle a dataset with a seed and split it into a training
// set and a test set, plainly or stratified by class. See README.md for the task.
package split

import "gonum.org/v1/gonum/mat"

// Shuffle returns a random permutation of 0, 1, ..., n−1 drawn from the generator
// rand.New(rand.NewPCG(seed, 0)) of math/rand/v2: the same seed always gives the same
// permutation. It returns an empty slice for n = 0 and panics if n < 0.
func Shuffle(n int, seed uint64) []int {
	panic("not implemented")
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
	panic("not implemented")
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
	panic("not implemented")
}
