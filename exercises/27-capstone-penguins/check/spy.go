package check

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// The spy: the classifier the checks hand the learner's code, as a callback that runs here in
// the grader. Its fit trains linear.Softmax on the matrix it is given and returns a predict
// function, also a callback; both record what they were given (the matrices, the classes, C)
// and what they returned, so the checks can see which rows, transformed with which
// statistics, reached every fit and every prediction. The held-out species never enter the
// learner's process: the learner gets the held-out rows' features only, and the checks score
// its predictions here. The callbacks must not call T's methods: the checks read the records
// after the learner's call returns.

// fitRecord is one call of the spy's fit.
type fitRecord struct {
	X *mat.Dense
	y []int
	C float64
}

// predictRecord is one call of a predict function the spy's fit returned.
type predictRecord struct {
	fit  int // the index of the fit that returned the predict function
	X    *mat.Dense
	pred []int
}

type spy struct {
	model    model // nil means softmax
	fits     []fitRecord
	predicts []predictRecord
}

// fit is the callback the learner's code receives as its Fit.
func (s *spy) fit(X *mat.Dense, y []int, C float64) (func(*mat.Dense) ([]int, error), error) {
	if X == nil || X.IsEmpty() {
		return nil, errors.New("fit was given a matrix with no rows")
	}
	m, n := X.Dims()
	if len(y) != m {
		return nil, fmt.Errorf("fit was given %d rows but %d classes: one class per row", m, len(y))
	}
	if err := finite("fit", X); err != nil {
		return nil, err
	}
	for i, c := range y {
		if c < 0 || c >= numClasses {
			return nil, fmt.Errorf("fit was given the class %d (row %d): the species are 0, 1 and 2", c, i)
		}
	}
	if !(C > 0) || math.IsInf(C, 0) {
		return nil, fmt.Errorf("fit was given C = %v: C is a number > 0", C)
	}
	fitModel := s.model
	if fitModel == nil {
		fitModel = softmax
	}
	model, err := fitModel(X, y, C)
	if err != nil {
		return nil, fmt.Errorf("fit could not fit these %d rows: %v", m, err)
	}
	idx := len(s.fits)
	s.fits = append(s.fits, fitRecord{X: mat.DenseCopyOf(X), y: slices.Clone(y), C: C})
	return func(Z *mat.Dense) ([]int, error) {
		if Z == nil || Z.IsEmpty() {
			return nil, errors.New("predict was given a matrix with no rows")
		}
		if _, c := Z.Dims(); c != n {
			return nil, fmt.Errorf("predict was given a matrix with %d columns, but its model was fitted on %d: transform the rows to predict with the same statistics and categories as the rows of the fit", c, n)
		}
		if err := finite("predict", Z); err != nil {
			return nil, err
		}
		pred := model.Predict(nil, Z)
		s.predicts = append(s.predicts, predictRecord{fit: idx, X: mat.DenseCopyOf(Z), pred: slices.Clone(pred)})
		return pred, nil
	}, nil
}

// finite refuses a matrix holding NaN or ±Inf, naming the first.
func finite(who string, X *mat.Dense) error {
	m, n := X.Dims()
	for i := range m {
		for j := range n {
			if v := X.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%s was given %v at row %d, column %d: fill every missing value before fitting and predicting", who, v, i, j)
			}
		}
	}
	return nil
}

// sortedRows returns the rows of X sorted lexicographically, as one matrix. Two matrices hold
// the same rows in any order when their sorted forms are close: the transforms here keep the
// order of distinct rows, and equal inputs give equal outputs.
func sortedRows(X *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return slices.CompareFunc(X.RawRowView(a), X.RawRowView(b), cmp.Compare[float64])
	})
	out := mat.NewDense(m, n, nil)
	for r, i := range idx {
		out.SetRow(r, X.RawRowView(i))
	}
	return out
}

// matTol is how close a learner's feature matrix must be to the reference's: the same
// formulas in another order of operations differ in the last digits.
const matTol = 1e-9

// near reports whether got and want have the same shape and values within matTol.
func near(got, want *mat.Dense) bool {
	if got == nil || want == nil {
		return false
	}
	gr, gc := got.Dims()
	wr, wc := want.Dims()
	return gr == wr && gc == wc && mat.EqualApprox(got, want, matTol)
}

// sameRows reports whether got holds want's rows in some order.
func sameRows(got, want *mat.Dense) bool {
	if got == nil || want == nil {
		return false
	}
	gr, gc := got.Dims()
	wr, wc := want.Dims()
	return gr == wr && gc == wc && mat.EqualApprox(sortedRows(got), sortedRows(want), matTol)
}

// sortedSet is a candidate matrix, sorted once for many comparisons.
type sortedSet struct{ X *mat.Dense }

func newSortedSet(X *mat.Dense) sortedSet { return sortedSet{sortedRows(X)} }

func (s sortedSet) has(X *mat.Dense) bool {
	gr, gc := X.Dims()
	wr, wc := s.X.Dims()
	return gr == wr && gc == wc && mat.EqualApprox(sortedRows(X), s.X, matTol)
}
