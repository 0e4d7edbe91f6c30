// Package loading turns a CSV file into what a model learns from: a feature matrix X (one row
// per example, one column per feature) and class labels y. See README.md for the task.
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

import "gonum.org/v1/gonum/mat"

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
	panic("not implemented")
}

// EncodeLabels returns the class index of each label and the classes: the distinct labels in
// sorted order, so that classes[codes[i]] == labels[i]. It does not change labels.
func EncodeLabels(labels []string) (codes []int, classes []string) {
	panic("not implemented")
}
