package linear

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// benchRegressionData returns an n×p design with N(0,1) features and
// y = X·w + 0.1·noise, from a fixed seed (the same recipe as mlkit/bench/compare.py).
func benchRegressionData(n, p int) (*mat.Dense, []float64) {
	rng := rand.New(rand.NewPCG(1, uint64(n*p)))
	X := mat.NewDense(n, p, nil)
	raw := X.RawMatrix().Data
	for i := range raw {
		raw[i] = rng.NormFloat64()
	}
	w := make([]float64, p)
	for j := range w {
		w[j] = rng.NormFloat64()
	}
	y := make([]float64, n)
	for i := range y {
		y[i] = 1 + mat.Dot(X.RowView(i), mat.NewVecDense(p, w)) + 0.1*rng.NormFloat64()
	}
	return X, y
}

// benchLogisticData returns an n×p design with N(0,1) features and labels drawn from
// a logistic model with weights N(0, 1/p) per feature, from a fixed seed.
func benchLogisticData(n, p int) (*mat.Dense, []int) {
	X, _ := benchRegressionData(n, p)
	rng := rand.New(rand.NewPCG(2, uint64(n*p)))
	w := make([]float64, p)
	for j := range w {
		w[j] = rng.NormFloat64() / math.Sqrt(float64(p)) * 2
	}
	y := make([]int, n)
	for i := range y {
		z := mat.Dot(X.RowView(i), mat.NewVecDense(p, w))
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			y[i] = 1
		}
	}
	return X, y
}

var benchSizes = []struct{ n, p int }{{100_000, 50}, {1_000_000, 20}}

func BenchmarkRegression(b *testing.B) {
	for _, s := range benchSizes {
		X, y := benchRegressionData(s.n, s.p)
		for _, solver := range []Solver{SolverAuto, SolverSVD} {
			b.Run(fmt.Sprintf("n=%d/p=%d/%v", s.n, s.p, solver), func(b *testing.B) {
				b.ReportAllocs()
				m := Regression{Solver: solver}
				for b.Loop() {
					if err := m.Fit(X, y); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkRidge(b *testing.B) {
	for _, s := range benchSizes {
		X, y := benchRegressionData(s.n, s.p)
		b.Run(fmt.Sprintf("n=%d/p=%d", s.n, s.p), func(b *testing.B) {
			b.ReportAllocs()
			m := Ridge{Alpha: 1}
			for b.Loop() {
				if err := m.Fit(X, y); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGram times the row-parallel augmented Gram matrix alone (the dominant
// cost of Regression and Ridge): n·q(q+1) flops for q = p+2 padded columns.
func BenchmarkGram(b *testing.B) {
	for _, s := range benchSizes {
		X, y := benchRegressionData(s.n, s.p)
		x := X.RawMatrix()
		mx := make([]float64, s.p)
		for _, workers := range []int{1, 0} {
			b.Run(fmt.Sprintf("n=%d/p=%d/workers=%d", s.n, s.p, workers), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					augmentedGram(x, y, mx, 0, true, workers)
				}
			})
		}
	}
}
