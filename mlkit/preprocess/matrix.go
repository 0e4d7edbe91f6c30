package preprocess

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// dims returns the shape of x, panicking if it is empty or holds NaN or ±Inf.
func dims(fn string, x mat.Matrix) (r, c int) {
	if d, ok := x.(*mat.Dense); ok && d.IsEmpty() {
		panic(fmt.Sprintf("preprocess: %s: empty input", fn))
	}
	r, c = x.Dims()
	if r == 0 || c == 0 {
		panic(fmt.Sprintf("preprocess: %s: empty input", fn))
	}
	var buf []float64
	for i := range r {
		row := rowOf(x, i, &buf)
		for j, v := range row {
			if math.IsNaN(v - v) { // NaN for NaN and ±Inf, 0 otherwise
				panic(fmt.Sprintf("preprocess: %s: X[%d, %d] is %v", fn, i, j, v))
			}
		}
	}
	return r, c
}

// rowOf returns row i of x: a view when x exposes its storage, else a copy into *buf.
func rowOf(x mat.Matrix, i int, buf *[]float64) []float64 {
	if rv, ok := x.(mat.RawRowViewer); ok {
		return rv.RawRowView(i)
	}
	*buf = mat.Row(*buf, i, x)
	return *buf
}

// prepare returns a destination of shape r×c following gonum's convention: nil allocates, an
// empty matrix is resized, and any other matrix must already have that shape.
func prepare(fn string, dst *mat.Dense, r, c int) *mat.Dense {
	if dst == nil {
		return mat.NewDense(r, c, nil)
	}
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
		return dst
	}
	if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("preprocess: %s: dst is %d×%d, want %d×%d", fn, dr, dc, r, c))
	}
	return dst
}

// checkCols panics unless x has the column count seen by Fit.
func checkCols(fn string, got, want int) {
	if got != want {
		panic(fmt.Sprintf("preprocess: %s: X has %d columns, Fit saw %d", fn, got, want))
	}
}

// notFitted panics with the message for a transformer used before Fit.
func notFitted(fn string) {
	panic(fmt.Sprintf("preprocess: %s: not fitted (call Fit first)", fn))
}

// mapRows sets row i of dst to f applied to row i of x, for every row. f writes into out, a
// buffer of dst's width, and SetRow copies it in after f returns, so dst may be x itself.
func mapRows(dst *mat.Dense, x mat.Matrix, f func(out, in []float64)) {
	r, _ := x.Dims()
	_, c := dst.Dims()
	var buf []float64
	out := make([]float64, c)
	for i := range r {
		f(out, rowOf(x, i, &buf))
		dst.SetRow(i, out)
	}
}
