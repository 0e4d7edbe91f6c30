// Package loading turns a CSV file into what a model learns from: a feature matrix X (one row
// per example, one column per feature) and class labels y. This is a mistake variant:
// the header is read again as a data row.
//
// The rules of this package, which the checks enforce:
//   - The first record of the file is the header: the column names. It is never data.
//   - A cell is missing when it is empty or "NA" (after trimming surrounding spaces).
//   - A row is dropped when one of the columns you asked for is missing in it; missing cells in
//     other columns do not matter.
//   - A malformed file is an error, never a panic or a silently skipped row: a row with the
//     wrong number of fields, a feature cell that is not a number (even in a row dropped for a
//     missing cell), a column name the header lacks, no complete row at all. An error about a
//     row says "line N", N being the line on which the row begins: the header is line 1, and a
//     quoted field may hold line breaks, so count lines, not rows (csv.Reader's FieldPos(0)).
//   - Classes are numbered in sorted order of their names, as scikit-learn's LabelEncoder does.
package loading

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Load reads CSV text with a header row. It returns the feature matrix X, whose column j holds
// the numeric column named features[j], the class index y[i] of each kept row's target cell,
// and classes, the distinct target values in sorted order (classes[y[i]] is the target text of
// row i). Rows keep their order in the file; rows with a missing cell in a requested column
// are left out.
//
// It returns an error saying "line N" (the line the row begins on, the header being line 1)
// for a row whose number of fields differs from the header's or a requested feature cell that
// is neither missing nor a number, even in a row dropped for a missing cell; and an error for a
// name in features or target that is not a column, or when no complete row remains. It does
// not change features.
func Load(csvText string, features []string, target string) (X *mat.Dense, y []int, classes []string, err error) {
	r := csv.NewReader(strings.NewReader(csvText))
	// r.FieldsPerRecord is 0: every record must have as many fields as the first (the header),
	// and a ragged row is an error that names its line.

	header, err := r.Read()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read the header: %w", err)
	}
	// Find each requested column by name, in the order asked for.
	featureIdx := make([]int, len(features))
	for j, name := range features {
		if featureIdx[j] = slices.Index(header, name); featureIdx[j] < 0 {
			return nil, nil, nil, fmt.Errorf("no column %q in the header %q", name, header)
		}
	}
	targetIdx := slices.Index(header, target)
	if targetIdx < 0 {
		return nil, nil, nil, fmt.Errorf("no column %q in the header %q", target, header)
	}

	r = csv.NewReader(strings.NewReader(csvText)) // MISTAKE: starts again at the header, read as data
	var values []float64                          // the kept rows of X, one after the other
	var labels []string
	for {
		record, err := r.Read() // the header was read above, so this is data
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, nil, err // a *csv.ParseError: "record on line 7: wrong number of fields"
		}
		line, _ := r.FieldPos(0) // the line the record begins on (a quoted field may span lines)

		// Parse every requested feature cell, even in a row dropped for a missing cell: a cell
		// that is not a number means the file is broken, whatever else the row holds.
		row := make([]float64, len(features))
		complete := !missing(record[targetIdx])
		for j, col := range featureIdx {
			cell := strings.TrimSpace(record[col])
			if missing(cell) {
				complete = false
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("line %d, column %q: %q is not a number", line, header[col], cell)
			}
			row[j] = v
		}
		if complete {
			values = append(values, row...)
			labels = append(labels, record[targetIdx])
		}
	}
	if len(labels) == 0 {
		return nil, nil, nil, errors.New("no complete row: every row misses a value in a requested column")
	}

	y, classes = EncodeLabels(labels)
	return mat.NewDense(len(labels), len(features), values), y, classes, nil
}

// missing reports whether a cell counts as missing: empty or "NA", surrounding spaces aside.
func missing(cell string) bool {
	cell = strings.TrimSpace(cell)
	return cell == "" || cell == "NA"
}

// EncodeLabels returns the class index of each label and the classes: the distinct labels in
// sorted order, so that classes[codes[i]] == labels[i]. It does not change labels.
func EncodeLabels(labels []string) (codes []int, classes []string) {
	classes = slices.Clone(labels) // sorting labels itself would change the caller's slice
	slices.Sort(classes)
	classes = slices.Compact(classes)
	codes = make([]int, len(labels))
	for i, l := range labels {
		codes[i], _ = slices.BinarySearch(classes, l)
	}
	return codes, classes
}
