//go:build hidden

package check

import (
	"fmt"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks returns the checks CI runs on seeded data the learner has never seen, so that
// answers tuned to the visible examples fail.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "All four metrics on unseen data", Points: 2, Hidden: true, Run: hiddenRandom},
		{Name: "R² of an unseen bad model and of an unseen constant truth", Points: 1, Hidden: true, Run: hiddenR2Edges},
	}
}

// hiddenRandom scores a noisy prediction of a random target, of random length and scale.
func hiddenRandom(t *grader.T) {
	r := t.Rand()
	for trial := range 3 {
		n := 5 + r.IntN(200)
		scale := []float64{1e-3, 1, 1e4}[trial]
		shift := r.NormFloat64() * 10 * scale
		y, p := make([]float64, n), make([]float64, n)
		for i := range y {
			y[i] = shift + scale*r.NormFloat64()
			p[i] = y[i] + 0.3*scale*r.NormFloat64()
		}
		for _, fn := range []string{"MSE", "RMSE", "MAE", "R2"} {
			got := t.Call(fn, y, p).Float()
			t.Label(fmt.Sprintf("%s of %d random values of scale %s", fn, n, grader.Num(scale)))
			expect(t, fn, got, y, p)
		}
	}
}

// hiddenR2Edges: a prediction anti-correlated with the truth (R² < 0), and a constant truth.
func hiddenR2Edges(t *grader.T) {
	r := t.Rand()
	n := 10 + r.IntN(40)
	y, p := make([]float64, n), make([]float64, n)
	for i := range y {
		y[i] = r.NormFloat64()
		p[i] = -2 * y[i]
	}
	callAndExpect(t, "R2", y, p)

	// An integer first, whose computed mean is exact (SS_tot is exactly 0), then a fraction,
	// whose computed mean is usually not: a code without the special case fails on the first,
	// a code that tests SS_tot == 0 only on the second.
	for _, c := range []float64{float64(1 + r.IntN(100)), r.Float64() * 100} {
		y, p = make([]float64, n), make([]float64, n)
		for i := range y {
			y[i], p[i] = c, c
		}
		callAndExpect(t, "R2", y, p)
		p[r.IntN(n)] += 1
		callAndExpect(t, "R2", y, p)
	}
}
