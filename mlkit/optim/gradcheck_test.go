package optim

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/floats"
)

// scaledGradient is obj with its gradient multiplied by factor: the usual mistakes in a
// hand-written gradient.
func scaledGradient(obj Objective, factor float64) Func {
	return Func{
		N:    obj.Dim(),
		Loss: func(theta []float64) float64 { return obj.LossGrad(nil, theta) },
		Grad: func(grad, theta []float64) {
			obj.LossGrad(grad, theta)
			floats.Scale(factor, grad)
		},
	}
}

// TestCheckGradientCatchesMistakes checks the relative errors CheckGradient reports for the
// mistakes it exists to catch. With analytic a = k·d for numeric d, the error is
// |k−1|·|d| / max(|k|,1)·|d| exactly, up to the central difference's own error (~1e-8),
// hence the tolerance 1e-6.
func TestCheckGradientCatchesMistakes(t *testing.T) {
	x, y, _ := synthetic(21, 300, 4, 1)
	obj := NewLeastSquares(x, y, L2{Lambda: 1})
	theta := randomPoint(22, 4)
	for _, tc := range []struct {
		name   string
		factor float64
		want   float64
	}{
		{"correct", 1, 0},
		{"sum instead of mean: m times too big", 300, 299.0 / 300},
		{"sign flipped", -1, 2},
		{"factor ½ missing: 2 times too big", 2, 0.5},
		{"extra factor ½", 0.5, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := CheckGradient(scaledGradient(obj, tc.factor), theta, 0)
			require.NoError(t, err)
			assert.InDelta(t, tc.want, c.MaxRelErr, 1e-6)
			assert.InDelta(t, c.Analytic, tc.factor*c.Numeric, 1e-6*math.Abs(c.Analytic))
		})
	}
}

// TestCheckGradientFindsTheComponent checks that a mistake in one component (the bias
// gradient left at 0) is reported at that index with relative error 1.
func TestCheckGradientFindsTheComponent(t *testing.T) {
	x, y, _ := synthetic(23, 100, 5, 1)
	obj := NewLeastSquares(x, y, L2{})
	noBias := Func{N: 5, Loss: func(th []float64) float64 { return obj.LossGrad(nil, th) },
		Grad: func(g, th []float64) { obj.LossGrad(g, th); g[0] = 0 }}
	c, err := CheckGradient(noBias, randomPoint(24, 5), 0)
	require.NoError(t, err)
	assert.Equal(t, 0, c.Index)
	assert.Equal(t, 1.0, c.MaxRelErr)
	assert.Zero(t, c.Analytic)
}

// TestNumericGradientOfAQuadratic checks J(θ) = Σⱼ (j+1)·θⱼ² + θⱼ, whose central difference
// is exact in exact arithmetic: dⱼ = 2(j+1)θⱼ + 1, up to rounding of J (~1e-16·|J|/h ≈ 1e-10).
func TestNumericGradientOfAQuadratic(t *testing.T) {
	q := Func{N: 4, Loss: func(th []float64) float64 {
		s := 0.0
		for j, v := range th {
			s += float64(j+1)*v*v + v
		}
		return s
	}}
	theta := []float64{0.5, -2, 30, 1e-3}
	got := make([]float64, 4)
	require.NoError(t, NumericGradient(got, q, theta, 0))
	want := make([]float64, 4)
	for j, v := range theta {
		want[j] = 2*float64(j+1)*v + 1
	}
	requireClose(t, want, got, 1e-8, 1e-8, "central differences")
	assert.Equal(t, []float64{0.5, -2, 30, 1e-3}, theta, "theta modified")
}

// TestCheckGradientErrors checks that non-finite losses and gradients are errors naming the
// component, never a NaN relative error.
func TestCheckGradientErrors(t *testing.T) {
	nanLoss := Func{N: 2, Loss: func(th []float64) float64 { return math.Log(th[1]) }, Grad: func(g, th []float64) { g[0], g[1] = 0, 1/th[1] }}
	_, err := CheckGradient(nanLoss, []float64{1, -1}, 0)
	assert.EqualError(t, err, "optim: numeric gradient, component 0: J(θ + 6.06e-06·e0) = NaN, J(θ − 6.06e-06·e0) = NaN, want finite losses")
	nanGrad := Func{N: 2, Loss: func(th []float64) float64 { return th[0] }, Grad: func(g, th []float64) { g[0], g[1] = 1, math.NaN() }}
	_, err = CheckGradient(nanGrad, []float64{1, 1}, 0)
	assert.EqualError(t, err, "optim: check gradient: analytic ∂J/∂θ1 = NaN, want a finite number")
}

func TestCheckGradientPanics(t *testing.T) {
	q := Func{N: 1, Loss: func(th []float64) float64 { return th[0] }, Grad: func(g, th []float64) { g[0] = 1 }}
	assert.PanicsWithValue(t, "optim: NumericGradient: h = -1, want a finite step > 0", func() { _, _ = CheckGradient(q, []float64{1}, -1) })
	assert.PanicsWithValue(t, "optim: NumericGradient: len(theta) = 2, want 1", func() { _, _ = CheckGradient(q, []float64{1, 2}, 0) })
	assert.PanicsWithValue(t, "optim: NumericGradient: empty theta", func() { _ = NumericGradient(nil, Func{}, nil, 0) })
}
