package linear

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

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

// cpuTimer reports the process CPU time per operation as the "cpu-ns/op" metric.
type cpuTimer struct{ start time.Duration }

func startCPU() cpuTimer { return cpuTimer{processCPUTime()} }

func (c cpuTimer) report(b *testing.B) {
	b.ReportMetric(float64(processCPUTime()-c.start)/float64(b.N), "cpu-ns/op")
}

var benchSizes = []struct{ n, p int }{{100_000, 50}, {1_000_000, 20}}

func BenchmarkRegression(b *testing.B) {
	for _, s := range benchSizes {
		X, y := benchRegressionData(s.n, s.p)
		for _, solver := range []Solver{SolverAuto, SolverSVD} {
			b.Run(fmt.Sprintf("n=%d/p=%d/%v", s.n, s.p, solver), func(b *testing.B) {
				b.ReportAllocs()
				m := Regression{Solver: solver}
				cpu := startCPU()
				for b.Loop() {
					if err := m.Fit(X, y); err != nil {
						b.Fatal(err)
					}
				}
				cpu.report(b)
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
			cpu := startCPU()
			for b.Loop() {
				if err := m.Fit(X, y); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
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
				cpu := startCPU()
				for b.Loop() {
					augmentedGram(x, y, mx, 0, true, workers)
				}
				cpu.report(b)
			})
		}
	}
}

// BenchmarkLogistic fits binary logistic regression with scikit-learn's defaults
// (C = 1, Tol = 1e-4 on ‖∇f‖∞/C, L-BFGS) on 100 000 × 50.
func BenchmarkLogistic(b *testing.B) {
	X, y := benchLogisticData(100_000, 50)
	b.Run("n=100000/p=50", func(b *testing.B) {
		b.ReportAllocs()
		var m Logistic
		cpu := startCPU()
		for b.Loop() {
			if err := m.Fit(X, y); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
		b.ReportMetric(float64(m.Info().Iterations), "iters")
	})
}

// BenchmarkLogisticLossGrad times one fused loss-and-gradient pass over 100 000 × 50.
func BenchmarkLogisticLossGrad(b *testing.B) {
	X, y := benchLogisticData(100_000, 50)
	yf := make([]float64, len(y))
	for i, v := range y {
		yf[i] = float64(v)
	}
	obj := &logisticObjective{x: X.RawMatrix(), y: yf, c: 1, intercept: true, workers: workerCount(0)}
	params := make([]float64, 51)
	grad := make([]float64, 51)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		obj.lossGrad(grad, params)
	}
	cpu.report(b)
}

// BenchmarkColumnMeans times the finiteness check and column means (one read of X).
func BenchmarkColumnMeans(b *testing.B) {
	X, y := benchRegressionData(100_000, 50)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := columnMeans(X.RawMatrix(), y, 0); err != nil {
			b.Fatal(err)
		}
	}
}
