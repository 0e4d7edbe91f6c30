package optim

import (
	"fmt"
	"math"
)

// DefaultStep is the relative step of [NumericGradient] and [CheckGradient] when they are
// given zero: ε^{1/3} ≈ 6.06e-6 for float64, which balances the O(h²) truncation error of a
// central difference against its O(ε/h) rounding error (Nocedal and Wright, Numerical
// Optimization, 2nd ed., 2006, §8.1). It is math.Cbrt(0x1p-52) rounded.
const DefaultStep = 6.055454452393344e-06

// relFloor is the smallest denominator of the relative error in CheckGradient.
const relFloor = 1e-8

// GradCheck is the outcome of [CheckGradient]: the component of the gradient where the
// analytic and the numeric derivative disagree most.
type GradCheck struct {
	// MaxRelErr is the worst relative error |a − d| / max(|a|, |d|, 1e-8) over the components.
	MaxRelErr float64
	// Index is the component j where it occurs (the first one on ties).
	Index int
	// Analytic is the objective's ∂J/∂θⱼ at Index.
	Analytic float64
	// Numeric is the central difference at Index.
	Numeric float64
}

// NumericGradient writes the central-difference estimate of ∇J(θ) into dst,
//
//	dⱼ = (J(θ + hⱼ·eⱼ) − J(θ − hⱼ·eⱼ)) / ((θⱼ + hⱼ) − (θⱼ − hⱼ)),   hⱼ = h·max(1, |θⱼ|),
//
// dividing by the difference of the two rounded arguments rather than 2hⱼ. It costs 2n loss
// evaluations; its error is O(hⱼ²) from truncation plus about ε·|J|/hⱼ from rounding, so the
// relative step h defaults (when zero) to [DefaultStep]. theta is not modified. It returns an
// error naming the point if a loss is not finite. It panics if theta is empty, if len(theta)
// or len(dst) differs from obj.Dim(), or if h is negative or not finite.
func NumericGradient(dst []float64, obj Objective, theta []float64, h float64) error {
	n := obj.Dim()
	if len(theta) == 0 {
		panic("optim: NumericGradient: empty theta")
	}
	checkLens("NumericGradient", n, dst, theta)
	if dst == nil {
		panic("optim: NumericGradient: nil dst")
	}
	if h == 0 {
		h = DefaultStep
	}
	if !(h > 0) || math.IsInf(h, 1) {
		panic(fmt.Sprintf("optim: NumericGradient: h = %v, want a finite step > 0", h))
	}
	x := append([]float64(nil), theta...)
	for j, t := range theta {
		hj := h * max(1, math.Abs(t))
		xp, xm := t+hj, t-hj
		x[j] = xp
		fp := obj.LossGrad(nil, x)
		x[j] = xm
		fm := obj.LossGrad(nil, x)
		x[j] = t
		if !finite(fp) || !finite(fm) {
			return fmt.Errorf("optim: numeric gradient, component %d: J(θ + %.3g·e%d) = %v, J(θ − %.3g·e%d) = %v, want finite losses",
				j, hj, j, fp, hj, j, fm)
		}
		dst[j] = (fp - fm) / (xp - xm)
	}
	return nil
}

// CheckGradient compares obj's gradient at theta with [NumericGradient] (relative step h, zero
// for [DefaultStep]) and returns the component with the worst relative error
//
//	|aⱼ − dⱼ| / max(|aⱼ|, |dⱼ|, 1e-8),
//
// aⱼ the analytic and dⱼ the numeric derivative, as in CS231n's gradient check. For smooth
// objectives a correct gradient gives about 1e-7 or less; 1e-4 and above means a mistake: a
// gradient m times too big gives (m−1)/m, a flipped sign 2, a missing factor ½ 0.5 (or 1/3
// for an extra one). Near a stationary point both derivatives are tiny and rounding
// (about ε·|J|/h) dominates, so check at a generic point. theta is not modified.
// It returns an error if the loss or the analytic gradient is not finite. It panics as
// NumericGradient does.
func CheckGradient(obj Objective, theta []float64, h float64) (GradCheck, error) {
	n := obj.Dim()
	num := make([]float64, n)
	if err := NumericGradient(num, obj, theta, h); err != nil {
		return GradCheck{}, err
	}
	grad := make([]float64, n)
	if j := obj.LossGrad(grad, append([]float64(nil), theta...)); !finite(j) {
		return GradCheck{}, fmt.Errorf("optim: check gradient: J(θ) = %v, want a finite loss", j)
	}
	worst := GradCheck{Index: -1, MaxRelErr: -1}
	for j, a := range grad {
		if !finite(a) {
			return GradCheck{}, fmt.Errorf("optim: check gradient: analytic ∂J/∂θ%d = %v, want a finite number", j, a)
		}
		d := num[j]
		rel := math.Abs(a-d) / max(math.Abs(a), math.Abs(d), relFloor)
		if rel > worst.MaxRelErr {
			worst = GradCheck{MaxRelErr: rel, Index: j, Analytic: a, Numeric: d}
		}
	}
	return worst, nil
}
