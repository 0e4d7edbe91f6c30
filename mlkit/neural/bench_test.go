package neural

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/datasets"
)

// benchEpoch times one epoch of mini-batch SGD (hidden 64, batch 32, η = 0.01, shuffled) on X.
// mlkit/bench/run.sh runs it beside the same epoch of scikit-learn's MLPClassifier (compare.py's
// "mlp" task). The epoch includes the history's full-data loss, which partial_fit does not
// compute.
func benchEpoch(b *testing.B, X *mat.Dense, y []int) {
	_, p := X.Dims()
	net0 := Init(p, 64, 10, 1)
	s := Settings{Epochs: 1, Batch: 32, LearningRate: 0.01, Seed: 1}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		TrainFrom(net0, X, y, s)
	}
}

// BenchmarkEpoch: the digits (1797×64, pixels / 16) and a synthetic 60000×64 set (standard
// normal features, labels 0–9 from a random linear rule), 10 classes each.
func BenchmarkEpoch(b *testing.B) {
	d := datasets.Digits()
	X := mat.DenseCopyOf(d.X)
	X.Scale(1.0/16, X)
	b.Run("digits-1797x64", func(b *testing.B) { benchEpoch(b, X, d.Labels()) })
	Xs, ys := synthetic(60000, 64, 10)
	b.Run("synthetic-60000x64", func(b *testing.B) { benchEpoch(b, Xs, ys) })
}

// synthetic returns m×p standard normal features and labels argmaxₖ xᵢ·wₖ for c random
// directions wₖ.
func synthetic(m, p, c int) (*mat.Dense, []int) {
	rng := rand.New(rand.NewPCG(1, 2))
	X, W := mat.NewDense(m, p, nil), mat.NewDense(p, c, nil)
	for _, M := range []*mat.Dense{X, W} {
		raw := M.RawMatrix().Data
		for i := range raw {
			raw[i] = rng.NormFloat64()
		}
	}
	var Z mat.Dense
	Z.Mul(X, W)
	y := make([]int, m)
	for i := range y {
		row := Z.RawRowView(i)
		for k := range row {
			if row[k] > row[y[i]] {
				y[i] = k
			}
		}
	}
	return X, y
}
