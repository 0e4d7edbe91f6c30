package data

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Dataset is what a model learns from: a feature matrix and a target.
//
// Row i of X is sample i and Y[i] is its target. For classification, Y holds class indices
// 0..K−1 as float64 and Classes, when known, names them (Classes[k] is the name of class k); for
// regression Classes is nil.
type Dataset struct {
	X            *mat.Dense
	Y            []float64
	FeatureNames []string
	TargetName   string
	Classes      []string
}

// Dataset builds a Dataset from t with the named target column and the named feature columns, in
// the order given; with no feature names, every column except the target is a feature, in table
// order. The values are copied.
//
// A Numeric target is taken as is. A Text target is encoded by NewLabelEncoder over its values,
// and Classes holds the class names. Features must be Numeric: encode a text column, or leave it
// out by naming the features.
//
// It returns an error naming the column (and, for a cell, its row and source line) when a name is
// not a column of t or is repeated, the target is also a feature, a feature column is Text, or a
// selected cell is missing (use DropMissing or an Imputer first), or when t has no rows or there
// are no features. A numeric cell that holds NaN or ±Inf without being marked missing (possible
// only in a table whose fields were set by hand) is an error too.
func (t *Table) Dataset(target string, features ...string) (*Dataset, error) {
	ti, err := t.index(target)
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	if len(features) == 0 {
		for _, c := range t.Columns {
			if c.Name != target {
				features = append(features, c.Name)
			}
		}
	}
	if len(features) == 0 {
		return nil, fmt.Errorf("no feature columns: the table has only the target %q", target)
	}
	if t.NumRows() == 0 {
		return nil, errors.New("the table has no rows")
	}
	fi := make([]int, len(features))
	for k, name := range features {
		j, err := t.index(name)
		if err != nil {
			return nil, fmt.Errorf("feature: %w", err)
		}
		if j == ti {
			return nil, fmt.Errorf("column %q is the target and cannot also be a feature", name)
		}
		if slices.Contains(features[:k], name) {
			return nil, fmt.Errorf("feature %q is named twice", name)
		}
		c := &t.Columns[j]
		if c.Kind != Numeric {
			return nil, fmt.Errorf("feature %q is a text column (%s), not numeric: encode it, or name the features without it", name, t.firstText(c))
		}
		fi[k] = j
	}

	n := t.NumRows()
	ds := &Dataset{
		X:            mat.NewDense(n, len(fi), nil),
		FeatureNames: slices.Clone(features),
		TargetName:   target,
	}
	for k, j := range fi {
		c := &t.Columns[j]
		if err := t.checkNumbers(c); err != nil {
			return nil, err
		}
		ds.X.SetCol(k, c.Floats)
	}

	tc := &t.Columns[ti]
	if i := slices.Index(tc.Missing, true); i >= 0 {
		return nil, t.missingError(tc, i)
	}
	if tc.Kind == Numeric {
		if err := t.checkNumbers(tc); err != nil {
			return nil, err
		}
		ds.Y = slices.Clone(tc.Floats)
		return ds, nil
	}
	enc := NewLabelEncoder(tc.Strings)
	idx, err := enc.Encode(tc.Strings)
	if err != nil {
		panic(err) // every label is one of the classes it was fitted on
	}
	ds.Y = make([]float64, n)
	for i, k := range idx {
		ds.Y[i] = float64(k)
	}
	ds.Classes = enc.Classes
	return ds, nil
}

// checkNumbers reports the first missing or non-finite cell of the numeric column c. ReadCSV
// and NewTable never store a non-finite value, but a Table's fields can be set by hand.
func (t *Table) checkNumbers(c *Column) error {
	if i := slices.Index(c.Missing, true); i >= 0 {
		return t.missingError(c, i)
	}
	for i, v := range c.Floats {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("column %q, %s: %v is not a finite number", c.Name, t.where(i), v)
		}
	}
	return nil
}

// missingError reports the missing cell of c at row i.
func (t *Table) missingError(c *Column, i int) error {
	return fmt.Errorf("column %q, %s: missing value (%d missing in the column): drop the rows with DropMissing or fill them with an Imputer",
		c.Name, t.where(i), c.NumMissing())
}

// firstText describes the text column c for an error message by its first non-missing cell
// that is not a number, or else its first non-missing cell.
func (t *Table) firstText(c *Column) string {
	first := -1
	for i, s := range c.Strings {
		if c.Missing[i] {
			continue
		}
		if _, ok := parseNumber(s); !ok {
			return fmt.Sprintf("%s holds %q", t.where(i), s)
		}
		if first < 0 {
			first = i
		}
	}
	if first >= 0 {
		return fmt.Sprintf("it was read as text; %s holds %q", t.where(first), c.Strings[first])
	}
	return "every cell is missing"
}

// Labels returns Y as class indices, the form classification metrics take.
//
// It panics if a value of Y is not a whole number ≥ 0, or, when Classes is set, not below
// len(Classes): Labels is for a classification target.
func (d *Dataset) Labels() []int {
	labels := make([]int, len(d.Y))
	for i, v := range d.Y {
		k := int(v)
		if float64(k) != v || k < 0 || (d.Classes != nil && k >= len(d.Classes)) {
			panic(fmt.Sprintf("data: Dataset.Labels: target %q of sample %d is %v, not a class index", d.TargetName, i, v))
		}
		labels[i] = k
	}
	return labels
}

// NumSamples returns the number of samples (rows of X) in d.
func (d *Dataset) NumSamples() int { return len(d.Y) }

// Subset returns a new dataset holding the samples of d at the indices idx, in that order, as
// given by TrainTestSplit or KFold. The values are copied; the names are shared.
//
// It panics if idx is empty or an index is out of range.
func (d *Dataset) Subset(idx []int) *Dataset {
	return &Dataset{
		X:            TakeRows(d.X, idx),
		Y:            Take(d.Y, idx),
		FeatureNames: slices.Clone(d.FeatureNames),
		TargetName:   d.TargetName,
		Classes:      slices.Clone(d.Classes),
	}
}
