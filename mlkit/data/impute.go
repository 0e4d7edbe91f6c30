package data

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Strategy says how an Imputer computes the value that fills a column's missing cells.
type Strategy int

// The imputation strategies, as in scikit-learn's SimpleImputer.
const (
	// ImputeMean fills with the mean of the column's values, Σx/n (numeric columns only).
	ImputeMean Strategy = iota
	// ImputeMedian fills with the median: the middle value, or the mean of the two middle
	// values when their number is even, as numpy.median (numeric columns only).
	ImputeMedian
	// ImputeMostFrequent fills with the most frequent value, the smallest one on a tie.
	ImputeMostFrequent
	// ImputeConstant fills with Imputer.FillValue (numeric) or Imputer.FillText (text).
	ImputeConstant
)

// String returns "mean", "median", "most_frequent" or "constant", scikit-learn's names.
func (s Strategy) String() string {
	switch s {
	case ImputeMean:
		return "mean"
	case ImputeMedian:
		return "median"
	case ImputeMostFrequent:
		return "most_frequent"
	case ImputeConstant:
		return "constant"
	}
	return fmt.Sprintf("Strategy(%d)", int(s))
}

// Imputer fills missing cells with a value learned from one table and applied to others.
//
// Fit it on the training rows only, then Transform both the training and the test rows: a fill
// value computed with the test rows would leak information about them into training.
//
//	imp := data.Imputer{Strategy: data.ImputeMedian}
//	err := imp.Fit(train)              // learns one value per column from train
//	trainFilled, err := imp.Transform(train)
//	testFilled, err := imp.Transform(test)  // filled with train's values
type Imputer struct {
	// Strategy says how to compute each fill value.
	Strategy Strategy
	// Columns names the columns to impute. Nil means every Numeric column for ImputeMean and
	// ImputeMedian, and every column for ImputeMostFrequent and ImputeConstant.
	Columns []string
	// FillValue fills numeric columns under ImputeConstant.
	FillValue float64
	// FillText fills text columns under ImputeConstant; it is used as is, even if "".
	FillText string

	// Numeric and Text are set by Fit: the fill value of each imputed numeric and text column.
	Numeric map[string]float64
	Text    map[string]string
}

// Fit computes the fill value of each column to impute from the non-missing cells of t, and
// stores them in im.Numeric and im.Text, replacing those of an earlier Fit; on error it leaves
// them unchanged. The mean is
// gonum's stat.Mean (a plain sum, where numpy sums pairwise: expect differences of order 1e-16
// relative).
//
// It returns an error naming the column if a name in im.Columns is not a column of t, a Text
// column is given to ImputeMean or ImputeMedian, a column has no non-missing cell to compute a
// statistic from or holds NaN or ±Inf in a cell not marked missing (possible only in a table
// whose fields were set by hand), or the strategy is unknown.
func (im *Imputer) Fit(t *Table) error {
	if im.Strategy < ImputeMean || im.Strategy > ImputeConstant {
		return fmt.Errorf("imputer: unknown strategy %v", im.Strategy)
	}
	numericOnly := im.Strategy == ImputeMean || im.Strategy == ImputeMedian
	var cols []*Column
	if im.Columns == nil {
		for j := range t.Columns {
			if c := &t.Columns[j]; c.Kind == Numeric || !numericOnly {
				cols = append(cols, c)
			}
		}
	}
	for _, name := range im.Columns {
		c, err := t.Column(name)
		if err != nil {
			return fmt.Errorf("imputer: %w", err)
		}
		if c.Kind != Numeric && numericOnly {
			return fmt.Errorf("imputer: column %q is text: the %v strategy needs numbers (use most_frequent or constant)", name, im.Strategy)
		}
		cols = append(cols, c)
	}

	numeric, text := map[string]float64{}, map[string]string{}
	for _, c := range cols {
		if c.Kind == Text {
			if im.Strategy == ImputeConstant {
				text[c.Name] = im.FillText
				continue
			}
			vals := present(c.Strings, c.Missing)
			if len(vals) == 0 {
				return fmt.Errorf("imputer: column %q has no values to compute the %v from", c.Name, im.Strategy)
			}
			text[c.Name] = mostFrequent(vals)
			continue
		}
		if im.Strategy == ImputeConstant {
			numeric[c.Name] = im.FillValue
			continue
		}
		vals := present(c.Floats, c.Missing)
		if len(vals) == 0 {
			return fmt.Errorf("imputer: column %q has no values to compute the %v from", c.Name, im.Strategy)
		}
		if i := slices.IndexFunc(vals, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }); i >= 0 {
			return fmt.Errorf("imputer: column %q holds %v, which is not marked missing", c.Name, vals[i])
		}
		switch im.Strategy {
		case ImputeMean:
			numeric[c.Name] = stat.Mean(vals, nil)
		case ImputeMedian:
			slices.Sort(vals)
			m := len(vals) / 2
			if len(vals)%2 == 1 {
				numeric[c.Name] = vals[m]
			} else {
				numeric[c.Name] = (vals[m-1] + vals[m]) / 2
			}
		case ImputeMostFrequent:
			numeric[c.Name] = mostFrequent(vals)
		}
	}
	im.Numeric, im.Text = numeric, text
	return nil
}

// Transform returns a copy of t in which the missing cells of every column fitted by Fit hold
// the fill value and are no longer missing. Other columns are copied unchanged.
//
// It returns an error naming the column if a fitted column is not in t or has a different kind
// in t. It panics if Fit has not succeeded.
func (im *Imputer) Transform(t *Table) (*Table, error) {
	if im.Numeric == nil || im.Text == nil {
		panic("data: Imputer.Transform called before a successful Fit")
	}
	out := &Table{Columns: make([]Column, len(t.Columns)), Lines: slices.Clone(t.Lines)}
	for name := range im.Numeric {
		if c, err := t.Column(name); err != nil || c.Kind != Numeric {
			return nil, fmt.Errorf("imputer: fitted on numeric column %q, which this table lacks or has as text", name)
		}
	}
	for name := range im.Text {
		if c, err := t.Column(name); err != nil || c.Kind != Text {
			return nil, fmt.Errorf("imputer: fitted on text column %q, which this table lacks or has as numeric", name)
		}
	}
	for j, c := range t.Columns {
		nc := Column{Name: c.Name, Kind: c.Kind, Missing: slices.Clone(c.Missing),
			Floats: slices.Clone(c.Floats), Strings: slices.Clone(c.Strings)}
		v, okNum := im.Numeric[c.Name]
		s, okText := im.Text[c.Name]
		for i, m := range nc.Missing {
			switch {
			case m && okNum:
				nc.Floats[i], nc.Missing[i] = v, false
			case m && okText:
				nc.Strings[i], nc.Missing[i] = s, false
			}
		}
		out.Columns[j] = nc
	}
	return out, nil
}

// present returns the values whose missing flag is false.
func present[E any](vals []E, missing []bool) []E {
	out := make([]E, 0, len(vals))
	for i, v := range vals {
		if !missing[i] {
			out = append(out, v)
		}
	}
	return out
}

// mostFrequent returns the most frequent of vals, the smallest on a tie. It sorts vals.
func mostFrequent[E cmp.Ordered](vals []E) E {
	slices.Sort(vals)
	best, bestRun := vals[0], 0
	for i := 0; i < len(vals); {
		j := i
		for j < len(vals) && vals[j] == vals[i] {
			j++
		}
		if j-i > bestRun {
			best, bestRun = vals[i], j-i
		}
		i = j
	}
	return best
}
