package grader

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Tol is a tolerance for comparing floating-point numbers: got and want are close when
//
//	|got − want| ≤ Abs + Rel·max(|got|, |want|)
//
// (numpy.isclose's rule made symmetric; Python's math.isclose takes the larger of the two
// terms instead of their sum). Two infinities of the same sign are close; NaN is close to
// nothing. The zero Tol asks for exact equality.
type Tol struct {
	Rel float64 // relative tolerance
	Abs float64 // absolute tolerance
}

// Rel returns a relative tolerance.
func Rel(r float64) Tol { return Tol{Rel: r} }

// Abs returns an absolute tolerance.
func Abs(a float64) Tol { return Tol{Abs: a} }

// PlusAbs returns t with its absolute tolerance set to a, replacing any it had (for values
// that should be zero, where a relative tolerance alone allows nothing).
func (t Tol) PlusAbs(a float64) Tol { t.Abs = a; return t }

// String describes the tolerance: "rel. tol 1e-09", "abs. tol 0.001",
// "rel. tol 1e-09 + abs. tol 1e-12", "exact".
func (t Tol) String() string {
	var parts []string
	if t.Rel != 0 {
		parts = append(parts, "rel. tol "+num(t.Rel))
	}
	if t.Abs != 0 {
		parts = append(parts, "abs. tol "+num(t.Abs))
	}
	if len(parts) == 0 {
		return "exact"
	}
	return strings.Join(parts, " + ")
}

// allowed returns the largest |got − want| the tolerance allows.
func (t Tol) allowed(got, want float64) float64 {
	return t.Abs + t.Rel*max(math.Abs(got), math.Abs(want))
}

// Near reports whether got and want are close under tol (see Tol). Mistake fingerprints use
// it: t.Mistake(grader.Near(got, n*want, tol), "sum-not-mean", "...").
func Near(got, want float64, tol Tol) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return false
	}
	if math.IsInf(got, 0) || math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol.allowed(got, want)
}

// NearSlice reports whether got and want have the same length and are close element by
// element under tol.
func NearSlice(got, want []float64, tol Tol) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !Near(got[i], want[i], tol) {
			return false
		}
	}
	return true
}

// NearMatrix reports whether got and want have the same shape and are close element by element
// under tol. A nil got is close to nothing.
func NearMatrix(got, want mat.Matrix, tol Tol) bool {
	if isNilMatrix(got) {
		return false
	}
	gr, gc := got.Dims()
	wr, wc := want.Dims()
	if gr != wr || gc != wc {
		return false
	}
	for i := range gr {
		for j := range gc {
			if !Near(got.At(i, j), want.At(i, j), tol) {
				return false
			}
		}
	}
	return true
}

// num formats a float64 briefly and exactly enough to tell values apart.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }

// Num formats x for a learner-facing message as a reader would write it: at most 10
// significant digits, without trailing zeros, so a computed 0.1+0.35 prints as 0.45, not
// 0.44999999999999996. Use it (or Nums) instead of %v and %g for computed numbers.
func Num(x float64) string { return num(x) }

// Nums formats x like %v does, every element with Num: [0.45 1 2.5].
func Nums(x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = num(v)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// scalarMismatch explains why got is not close to want, or returns "" when it is.
func scalarMismatch(label string, got, want float64, tol Tol) string {
	if Near(got, want, tol) {
		return ""
	}
	switch {
	case math.IsNaN(got):
		return fmt.Sprintf("%s is NaN, want %s: some operation produced NaN (0/0, log of a negative number, Inf−Inf?)", label, num(want))
	case math.IsInf(got, 0):
		return fmt.Sprintf("%s is %s, want %s: something overflowed or divided by zero", label, num(got), num(want))
	}
	diff := math.Abs(got - want)
	msg := fmt.Sprintf("%s = %s, want %s: off by %s", label, num(got), num(want), short(diff))
	if want != 0 {
		msg += fmt.Sprintf(" (relative error %s)", short(diff/math.Abs(want)))
	}
	return msg + fmt.Sprintf(", allowed: %s", tol)
}

func short(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }

// elemDiff is one element that is not close enough.
type elemDiff struct {
	where     string
	got, want float64
	badness   float64 // |got − want| / allowed, +Inf for NaN
}

// elementsMismatch explains the elements of got that are not close to want. n is the number
// of elements compared, at(i) returns element i and its position name.
func elementsMismatch(label string, n int, at func(i int) (where string, got, want float64), tol Tol) string {
	var bad []elemDiff
	var nans, infs int
	var maxAbs, maxRel float64
	for i := range n {
		where, g, w := at(i)
		if Near(g, w, tol) {
			continue
		}
		d := elemDiff{where: where, got: g, want: w}
		switch {
		case math.IsNaN(g):
			nans++
			d.badness = math.Inf(1)
		case math.IsInf(g, 0):
			infs++
			d.badness = math.Inf(1)
		default:
			diff := math.Abs(g - w)
			maxAbs = max(maxAbs, diff)
			if w != 0 {
				maxRel = max(maxRel, diff/math.Abs(w))
			}
			d.badness = diff / max(tol.allowed(g, w), math.SmallestNonzeroFloat64)
		}
		bad = append(bad, d)
	}
	if len(bad) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d values are off (allowed: %s)", label, len(bad), n, tol)
	if nans > 0 {
		fmt.Fprintf(&b, "; %d are NaN", nans)
	}
	if infs > 0 {
		fmt.Fprintf(&b, "; %d are infinite", infs)
	}
	if maxAbs > 0 {
		fmt.Fprintf(&b, "; largest error %s", short(maxAbs))
		if maxRel > 0 {
			fmt.Fprintf(&b, " (relative %s)", short(maxRel))
		}
	}
	// The worst elements, worst first; ties keep index order so messages are deterministic.
	slices.SortStableFunc(bad, func(x, y elemDiff) int { return cmp.Compare(y.badness, x.badness) })
	b.WriteString("; worst:")
	for k, d := range bad[:min(3, len(bad))] {
		if k > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %s got %s want %s", d.where, num(d.got), num(d.want))
	}
	return b.String()
}

func sliceMismatch(label string, got, want []float64, tol Tol) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%s has %d values, want %d", label, len(got), len(want))
	}
	return elementsMismatch(label, len(got), func(i int) (string, float64, float64) {
		return "[" + strconv.Itoa(i) + "]", got[i], want[i]
	}, tol)
}

func matrixMismatch(label string, got, want mat.Matrix, tol Tol) string {
	if isNilMatrix(got) {
		return label + " is a nil matrix"
	}
	gr, gc := got.Dims()
	wr, wc := want.Dims()
	if gr != wr || gc != wc {
		msg := fmt.Sprintf("%s is a %d×%d matrix, want %d×%d", label, gr, gc, wr, wc)
		if gr == wc && gc == wr {
			msg += " (transposed?)"
		}
		return msg
	}
	return elementsMismatch(label, gr*gc, func(k int) (string, float64, float64) {
		i, j := k/gc, k%gc
		return fmt.Sprintf("[%d,%d]", i, j), got.At(i, j), want.At(i, j)
	}, tol)
}

// formatSlice shows a slice briefly: all values when few, else the first and last ones.
func formatSlice(x []float64) string {
	parts := make([]string, 0, min(len(x), 9))
	for i, v := range x {
		if len(x) > 8 && i == 4 {
			parts = append(parts, fmt.Sprintf("… (%d more)", len(x)-7))
		}
		if len(x) > 8 && i >= 4 && i < len(x)-3 {
			continue
		}
		parts = append(parts, num(v))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// isNilMatrix reports whether m is nil or a nil pointer (a learner's nil *mat.Dense).
func isNilMatrix(m mat.Matrix) bool {
	if m == nil {
		return true
	}
	v := reflect.ValueOf(m)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
