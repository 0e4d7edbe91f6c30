package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// checkLen panics unless a and b have the same, non-zero length.
func checkLen(fn, aName, bName string, na, nb int) {
	if na != nb {
		panic(fmt.Sprintf("metrics: %s: len(%s) = %d, len(%s) = %d", fn, aName, na, bName, nb))
	}
	if na == 0 {
		panic(fmt.Sprintf("metrics: %s: empty input", fn))
	}
}

// checkFinite panics if any element of x is NaN or ±Inf.
func checkFinite(fn, name string, x []float64) {
	for i, v := range x {
		if math.IsNaN(v) {
			panic(fmt.Sprintf("metrics: %s: %s[%d] is NaN", fn, name, i))
		}
		if math.IsInf(v, 0) {
			panic(fmt.Sprintf("metrics: %s: %s[%d] is %v", fn, name, i, v))
		}
	}
}

// checkLabels panics if any element of y lies outside 0..k−1.
func checkLabels(fn, name string, y []int, k int) {
	for i, v := range y {
		if v < 0 || v >= k {
			panic(fmt.Sprintf("metrics: %s: %s[%d] = %d is outside 0..%d (k = %d)", fn, name, i, v, k-1, k))
		}
	}
}

// checkK panics unless k ≥ 2.
func checkK(fn string, k int) {
	if k < 2 {
		panic(fmt.Sprintf("metrics: %s: k = %d, need at least 2 classes", fn, k))
	}
}

// checkProba panics unless proba has one row per label, at least one row and at least 2
// columns, and every label is a column index; it returns proba's shape.
func checkProba(fn string, yTrue []int, proba mat.Matrix) (n, k int) {
	n, k = proba.Dims()
	if n != len(yTrue) {
		panic(fmt.Sprintf("metrics: %s: len(yTrue) = %d, proba has %d rows", fn, len(yTrue), n))
	}
	if n == 0 {
		panic(fmt.Sprintf("metrics: %s: empty input", fn))
	}
	checkK(fn, k)
	checkLabels(fn, "yTrue", yTrue, k)
	return n, k
}
