package metrics

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// rocData returns n seeded binary labels and continuous scores, N(0, 1) for negatives and
// N(1, 1) for positives (AUC ≈ 0.76), the same distribution as testdata/roc_auc_sklearn.py.
func rocData(n int) ([]int, []float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	y := make([]int, n)
	s := make([]float64, n)
	for i := range n {
		y[i] = rng.IntN(2)
		s[i] = rng.NormFloat64() + float64(y[i])
	}
	return y, s
}

func BenchmarkROCAUC(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		y, s := rocData(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ROCAUC(y, s)
			}
		})
	}
}
