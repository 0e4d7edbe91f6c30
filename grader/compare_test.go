package grader

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/mat"
)

func TestNear(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, tc := range []struct {
		got, want float64
		tol       Tol
		near      bool
	}{
		{1, 1, Tol{}, true},
		{1, 1 + 1e-15, Tol{}, false},
		{1, 1 + 1e-15, Rel(1e-12), true},
		{100, 101, Rel(0.01), true}, // |Δ| = 1 ≤ 0.01·101
		{100, 102, Rel(0.01), false},
		{0, 1e-13, Rel(1e-9), false}, // a relative tolerance allows nothing at zero
		{0, 1e-13, Rel(1e-9).PlusAbs(1e-12), true},
		// The two terms add up: 1.5e-9 ≤ 1e-9 + 1e-9·1; math.isclose (their max) would refuse.
		{1, 1 + 1.5e-9, Rel(1e-9).PlusAbs(1e-9), true},
		{1, 1 + 2.5e-9, Rel(1e-9).PlusAbs(1e-9), false},
		{inf, inf, Rel(1), true},
		{inf, -inf, Rel(1), false},
		{nan, nan, Rel(1), false},
		{nan, 1, Abs(inf), false},
	} {
		assert.Equal(t, tc.near, Near(tc.got, tc.want, tc.tol), "Near(%v, %v, %v)", tc.got, tc.want, tc.tol)
	}
	assert.Equal(t, Tol{Rel: 1e-9, Abs: 1e-12}, Rel(1e-9).PlusAbs(1e-12))
	assert.Equal(t, Tol{Abs: 2}, Abs(1).PlusAbs(2), "PlusAbs replaces the absolute tolerance")
	assert.True(t, NearSlice([]float64{1, 2}, []float64{1, 2 + 1e-13}, Rel(1e-12)))
	assert.False(t, NearSlice([]float64{1}, []float64{1, 2}, Rel(1)))
	assert.True(t, NearMatrix(mat.NewDense(1, 2, []float64{1, 2}), mat.NewDense(1, 2, []float64{1, 2}), Tol{}))
	assert.False(t, NearMatrix(mat.NewDense(1, 2, nil), mat.NewDense(2, 1, nil), Rel(1)))
	assert.False(t, NearMatrix((*mat.Dense)(nil), mat.NewDense(1, 1, nil), Rel(1)))
}

func TestTolString(t *testing.T) {
	assert.Equal(t, "exact", Tol{}.String())
	assert.Equal(t, "rel. tol 1e-09", Rel(1e-9).String())
	assert.Equal(t, "abs. tol 0.001", Abs(1e-3).String())
	assert.Equal(t, "rel. tol 1e-09 + abs. tol 1e-12", Rel(1e-9).PlusAbs(1e-12).String())
}

func TestMismatchMessages(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  string
		want string
	}{
		{"scalar", scalarMismatch("MSE", 1.5, 0.375, Rel(1e-12)),
			"MSE = 1.5, want 0.375: off by 1.12 (relative error 3), allowed: rel. tol 1e-12"},
		{"scalar close", scalarMismatch("MSE", 0.375, 0.375, Rel(1e-12)), ""},
		{"scalar want 0", scalarMismatch("bias", 0.5, 0, Abs(1e-9)),
			"bias = 0.5, want 0: off by 0.5, allowed: abs. tol 1e-09"},
		{"NaN", scalarMismatch("R2", math.NaN(), 0.5, Rel(1e-9)),
			"R2 is NaN, want 0.5: some operation produced NaN (0/0, log of a negative number, Inf−Inf?)"},
		{"Inf", scalarMismatch("loss", math.Inf(1), 0.5, Rel(1e-9)),
			"loss is +Inf, want 0.5: something overflowed or divided by zero"},
		{"length", sliceMismatch("Predict", []float64{1}, []float64{1, 2}, Rel(1e-9)),
			"Predict has 1 values, want 2"},
		{"worst elements", sliceMismatch("Predict", []float64{1, 2.5, 3, 10, 0}, []float64{1, 2, 3, 4, 1}, Rel(1e-9)),
			"Predict: 3 of 5 values are off (allowed: rel. tol 1e-09); largest error 6 (relative 1.5); worst: [4] got 0 want 1, [3] got 10 want 4, [1] got 2.5 want 2"}, // worst = most times over the tolerance,
		{"NaN elements", sliceMismatch("Predict", []float64{math.NaN(), 2}, []float64{1, 2}, Rel(1e-9)),
			"Predict: 1 of 2 values are off (allowed: rel. tol 1e-09); 1 are NaN; worst: [0] got NaN want 1"},
		{"nil matrix", matrixMismatch("Transform", (*mat.Dense)(nil), mat.NewDense(1, 1, nil), Rel(1e-9)),
			"Transform is a nil matrix"},
		{"shape", matrixMismatch("Transform", mat.NewDense(2, 3, nil), mat.NewDense(3, 2, nil), Rel(1e-9)),
			"Transform is a 2×3 matrix, want 3×2 (transposed?)"},
		{"matrix elements", matrixMismatch("Transform", mat.NewDense(2, 2, []float64{1, 2, 3, 5}), mat.NewDense(2, 2, []float64{1, 2, 3, 4}), Abs(0.5)),
			"Transform: 1 of 4 values are off (allowed: abs. tol 0.5); largest error 1 (relative 0.25); worst: [1,1] got 5 want 4"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, tc.got) })
	}
}

func TestFormatSlice(t *testing.T) {
	assert.Equal(t, "[1 2 3]", formatSlice([]float64{1, 2, 3}))
	x := make([]float64, 20)
	for i := range x {
		x[i] = float64(i)
	}
	assert.Equal(t, "[0 1 2 3 … (13 more) 17 18 19]", formatSlice(x))
}

func ExampleNear() {
	// |got − want| ≤ Abs + Rel·max(|got|, |want|)
	a, b := 0.1, 0.2
	fmt.Println(Near(a+b, 0.3, Rel(1e-12)))
	fmt.Println(Near(a+b, 0.3, Tol{}))
	fmt.Println(Near(1e-20, 0, Rel(1e-9)), Near(1e-20, 0, Rel(1e-9).PlusAbs(1e-12)))
	// Output:
	// true
	// false
	// false true
}

func TestNum(t *testing.T) {
	assert.Equal(t, "0.45", Num(0.1+0.35)) // 0.44999999999999996 in full
	assert.Equal(t, "2.5", Num(2.5))
	assert.Equal(t, "1e-12", Num(1e-12))
	assert.Equal(t, "3.333333333", Num(10.0/3))
	assert.Equal(t, "[0.45 1 -2.5]", Nums([]float64{0.1 + 0.35, 1, -2.5}))
	assert.Equal(t, "[]", Nums(nil))
}
