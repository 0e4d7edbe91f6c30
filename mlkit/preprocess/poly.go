package preprocess

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// PolynomialFeatures expands n input columns into all their products of degree 1 to Degree
// (and optionally the degree-0 constant), as scikit-learn's PolynomialFeatures. The output
// columns come in scikit-learn's order: the bias column "1" if Bias is set, then for each
// degree d = 1..Degree the combinations with replacement of d input columns in lexicographic
// order. For two inputs and Degree 2 that is
//
//	1, x0, x1, x0^2, x0 x1, x1^2
//
// With InteractionOnly, only products of distinct columns are kept (x0, x1, x0 x1). The number
// of outputs is Σ_{d=1..Degree} C(n+d−1, d) (C(n, d) with InteractionOnly), plus one for Bias.
//
// Unlike scikit-learn, whose include_bias defaults to true, the zero value of Bias leaves the
// constant column out. The type needs no Fit: the input column count comes from the matrix.
type PolynomialFeatures struct {
	Degree          int  // highest total degree; at least 1
	Bias            bool // start with a column of ones (scikit-learn's include_bias)
	InteractionOnly bool // only products of distinct columns
}

// term is one output column: the product of output column parent (or of 1 when parent < 0)
// and input column feature. Building each degree from the one below costs one multiplication
// per output value, as scikit-learn does.
type term struct {
	parent, feature int
	powers          []int // powers[j] is the exponent of input column j; for the names
}

// terms lists the non-bias output columns for n inputs, in scikit-learn's order.
func (p PolynomialFeatures) terms(fn string, n int) []term {
	if p.Degree < 1 {
		panic(fmt.Sprintf("preprocess: %s: Degree = %d, want at least 1", fn, p.Degree))
	}
	var out []term
	// last[t] is the highest input column in output t's combination.
	var last []int
	prev := []int{-1} // the outputs of degree d−1; −1 stands for the constant 1
	for d := 1; d <= p.Degree; d++ {
		var cur []int
		for _, par := range prev {
			first := 0
			if par >= 0 {
				first = last[par]
				if p.InteractionOnly {
					first++
				}
			}
			for f := first; f < n; f++ {
				powers := make([]int, n)
				if par >= 0 {
					copy(powers, out[par].powers)
				}
				powers[f]++
				cur = append(cur, len(out))
				out = append(out, term{parent: par, feature: f, powers: powers})
				last = append(last, f)
			}
		}
		prev = cur
	}
	return out
}

// NumOutputs returns the number of output columns for n input columns. It panics if Degree < 1.
func (p PolynomialFeatures) NumOutputs(n int) int {
	k := len(p.terms("PolynomialFeatures.NumOutputs", n))
	if p.Bias {
		k++
	}
	return k
}

// Transform writes the polynomial features of x into dst and returns it (see the package
// comment for dst). It panics if Degree < 1, if x is empty or holds NaN or ±Inf, if a product
// overflows float64 (naming the row and the output column), or if dst has the wrong shape.
func (p PolynomialFeatures) Transform(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	const fn = "PolynomialFeatures.Transform"
	r, c := dims(fn, x)
	terms := p.terms(fn, c)
	offset := 0
	if p.Bias {
		offset = 1
	}
	dst = prepare(fn, dst, r, len(terms)+offset)
	row := 0
	mapRows(dst, x, func(out, in []float64) {
		if p.Bias {
			out[0] = 1
		}
		vals := out[offset:]
		for t, tm := range terms {
			v := in[tm.feature]
			if tm.parent >= 0 {
				v *= vals[tm.parent]
			}
			if math.IsInf(v, 0) {
				panic(fmt.Sprintf("preprocess: %s: row %d, output column %d overflows float64 (scale x first)", fn, row, t+offset))
			}
			vals[t] = v
		}
		row++
	})
	return dst
}

// FeatureNames returns the names of the output columns for n input columns named names, as
// scikit-learn's get_feature_names_out: "1" for the bias, then products written as the input
// names with their powers, separated by spaces ("x0^2 x1"). A nil names means "x0" … "x{n−1}".
// It panics if Degree < 1 or if names is not nil and len(names) ≠ n.
func (p PolynomialFeatures) FeatureNames(n int, names []string) []string {
	const fn = "PolynomialFeatures.FeatureNames"
	if names == nil {
		names = make([]string, n)
		for j := range names {
			names[j] = "x" + strconv.Itoa(j)
		}
	} else if len(names) != n {
		panic(fmt.Sprintf("preprocess: %s: %d names for %d columns", fn, len(names), n))
	}
	var out []string
	if p.Bias {
		out = append(out, "1")
	}
	for _, tm := range p.terms(fn, n) {
		var parts []string
		for j, pow := range tm.powers {
			switch {
			case pow == 1:
				parts = append(parts, names[j])
			case pow > 1:
				parts = append(parts, names[j]+"^"+strconv.Itoa(pow))
			}
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

// AddBias writes x with a column of ones in front of it into dst and returns it: the design
// matrix [1 x] of a linear model with an intercept. dst follows the package convention but
// must not be x, which is one column narrower. It panics if x is empty or holds NaN or ±Inf,
// or if dst has the wrong shape.
func AddBias(dst *mat.Dense, x mat.Matrix) *mat.Dense {
	const fn = "AddBias"
	r, c := dims(fn, x)
	dst = prepare(fn, dst, r, c+1)
	mapRows(dst, x, func(out, in []float64) {
		out[0] = 1
		copy(out[1:], in)
	})
	return dst
}
