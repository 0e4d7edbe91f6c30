// Package gobs is the grading engine's test exercise for results that travel as gob: a
// struct and a slice of slices, whose gob type numbers depend on what the driver encoded
// before.
package gobs

// Span is a result without methods: it travels by value.
type Span struct {
	Lo, Hi int
	Name   string
}

// Spans returns n spans.
func Spans(n int) []Span {
	out := make([]Span, n)
	for i := range out {
		out[i] = Span{Lo: i, Hi: i + 1, Name: "span"}
	}
	return out
}

// Folds returns k folds of the rows 0..n-1 (row i in fold i mod k).
func Folds(n, k int) [][]int {
	out := make([][]int, k)
	for i := range n {
		out[i%k] = append(out[i%k], i)
	}
	return out
}
