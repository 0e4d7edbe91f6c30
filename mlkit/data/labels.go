package data

import (
	"fmt"
	"slices"
)

// LabelEncoder maps text class labels to class indices 0..K−1 and back. Classes are numbered in
// sorted order (byte-wise, which for UTF-8 is code-point order), as scikit-learn's
// LabelEncoder numbers them, so "Adelie", "Chinstrap", "Gentoo" become 0, 1, 2 whatever order
// the rows come in.
type LabelEncoder struct {
	// Classes holds the distinct labels in sorted order; Classes[i] is the label of index i.
	Classes []string
}

// NewLabelEncoder returns an encoder whose classes are the distinct values of labels, sorted.
// The labels are not modified. With no labels the encoder has no classes and encodes nothing.
func NewLabelEncoder(labels []string) *LabelEncoder {
	classes := slices.Clone(labels)
	slices.Sort(classes)
	return &LabelEncoder{Classes: slices.Compact(classes)}
}

// Index returns the class index of label, or an error naming the label and the known classes.
func (e *LabelEncoder) Index(label string) (int, error) {
	i, ok := slices.BinarySearch(e.Classes, label)
	if !ok {
		return -1, fmt.Errorf("unknown label %q (the classes are %s)", label, quoteList(e.Classes))
	}
	return i, nil
}

// Encode returns the class index of each label. It returns an error naming the first label
// that is not one of e.Classes, and its position.
func (e *LabelEncoder) Encode(labels []string) ([]int, error) {
	idx := make([]int, len(labels))
	for i, s := range labels {
		k, err := e.Index(s)
		if err != nil {
			return nil, fmt.Errorf("label %d: %w", i, err)
		}
		idx[i] = k
	}
	return idx, nil
}

// Decode returns the label of each class index.
//
// It panics if an index is outside [0, len(e.Classes)).
func (e *LabelEncoder) Decode(idx []int) []string {
	labels := make([]string, len(idx))
	for i, k := range idx {
		if k < 0 || k >= len(e.Classes) {
			panic(fmt.Sprintf("data: LabelEncoder.Decode: index %d at position %d is outside [0, %d)", k, i, len(e.Classes)))
		}
		labels[i] = e.Classes[k]
	}
	return labels
}
