package optim

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// benchRows and benchCols are the size of the benchmark problem: 100 000 × 50, 40 MB of X.
const (
	benchRows  = 100_000
	benchCols  = 50
	benchBatch = 256
)

// benchProblem returns a seeded 100 000 × 50 least-squares problem: a ones column and standard
// normal features, y = Xθ* + noise.
func benchProblem() (*mat.Dense, []float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := mat.NewDense(benchRows, benchCols, nil)
	y := make([]float64, benchRows)
	want := make([]float64, benchCols)
	for j := range want {
		want[j] = rng.NormFloat64()
	}
	for i := range benchRows {
		row := x.RawRowView(i)
		row[0] = 1
		for j := 1; j < benchCols; j++ {
			row[j] = rng.NormFloat64()
		}
		y[i] = floats.Dot(row, want) + 0.1*rng.NormFloat64()
	}
	return x, y
}

// BenchmarkSGDEpoch measures one epoch of mini-batch SGD (shuffle, then 391 fused
// loss-and-gradient passes over batches of 256 rows, each followed by a step) on 100 000 × 50
// least squares. Compare it with BenchmarkStreamRead, one read of the same X.
func BenchmarkSGDEpoch(b *testing.B) {
	x, y := benchProblem()
	obj := NewLeastSquares(x, y, L2{})
	r := &run{
		obj: obj, batch: obj,
		s:       Settings{BatchSize: benchBatch},
		stepper: GD{LearningRate: 0.01}.start(benchCols),
		theta:   make([]float64, benchCols),
		grad:    make([]float64, benchCols),
		perm:    make([]int, benchRows),
		rng:     rand.New(rand.NewPCG(1, 0)),
	}
	b.SetBytes(int64(benchRows * benchCols * 8))
	b.ReportAllocs()
	for b.Loop() {
		if err := r.epoch(1, 1, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreamRead measures one streaming read of the 100 000 × 50 X of BenchmarkSGDEpoch,
// summing its elements with floats.Sum, on one goroutine (serial) and split in row halves
// over GOMAXPROCS goroutines (parallel).
func BenchmarkStreamRead(b *testing.B) {
	x, _ := benchProblem()
	data := x.RawMatrix().Data
	b.Run("serial", func(b *testing.B) {
		b.SetBytes(int64(len(data) * 8))
		b.ReportAllocs()
		var sink float64
		for b.Loop() {
			sink += floats.Sum(data)
		}
		_ = sink
	})
	b.Run("parallel", func(b *testing.B) {
		w := runtime.GOMAXPROCS(0)
		part := make([]float64, w)
		b.SetBytes(int64(len(data) * 8))
		b.ReportAllocs()
		var sink float64
		for b.Loop() {
			var wg sync.WaitGroup
			for k := range w {
				wg.Go(func() { part[k] = floats.Sum(data[k*len(data)/w : (k+1)*len(data)/w]) })
			}
			wg.Wait()
			sink += floats.Sum(part)
		}
		_ = sink
	})
}

// BenchmarkRowGather measures what the shuffle forces on an SGD epoch: copying the 100 000
// rows of X, 400 bytes each, in a random order (the order of BenchmarkSGDEpoch's first epoch)
// into a 256-row buffer, with no arithmetic. It is the floor of an epoch over shuffled rows:
// each row is a few cache lines, and usually a TLB miss, away from the last.
func BenchmarkRowGather(b *testing.B) {
	x, _ := benchProblem()
	data := x.RawMatrix().Data
	perm := rand.New(rand.NewPCG(1, 0)).Perm(benchRows)
	buf := make([]float64, benchBatch*benchCols)
	b.SetBytes(int64(len(data) * 8))
	b.ReportAllocs()
	for b.Loop() {
		for lo := 0; lo < benchRows; lo += benchBatch {
			for k, i := range perm[lo:min(lo+benchBatch, benchRows)] {
				copy(buf[k*benchCols:(k+1)*benchCols], data[i*benchCols:(i+1)*benchCols])
			}
		}
	}
}

// BenchmarkFullBatchEpoch measures one epoch of batch gradient descent through Minimize: a
// fused, row-parallel loss-and-gradient pass over all 100 000 × 50 rows and one step.
func BenchmarkFullBatchEpoch(b *testing.B) {
	x, y := benchProblem()
	for _, tc := range []struct {
		name string
		obj  Objective
	}{
		{"LeastSquares", NewLeastSquares(x, y, L2{Lambda: 1})},
		{"Logistic", NewLogistic(x, sign01(y), L2{Lambda: 1})},
	} {
		b.Run(tc.name, func(b *testing.B) {
			grad := make([]float64, benchCols)
			theta := make([]float64, benchCols)
			b.SetBytes(int64(benchRows * benchCols * 8))
			b.ReportAllocs()
			for b.Loop() {
				tc.obj.LossGrad(grad, theta)
				floats.AddScaled(theta, -1e-3, grad)
			}
		})
	}
}

// BenchmarkMinimizeSGD measures Minimize for 5 epochs of mini-batch SGD, including the loss
// over all rows after every epoch; ns/epoch is reported.
func BenchmarkMinimizeSGD(b *testing.B) {
	x, y := benchProblem()
	obj := NewLeastSquares(x, y, L2{})
	theta0 := make([]float64, benchCols)
	b.SetBytes(5 * int64(benchRows*benchCols*8))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Minimize(obj, theta0, GD{LearningRate: 0.01}, &Settings{Epochs: 5, BatchSize: benchBatch, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/5, "ns/epoch")
}

// sign01 maps y to labels: 1 where y > 0, else 0.
func sign01(y []float64) []float64 {
	l := make([]float64, len(y))
	for i, v := range y {
		if v > 0 {
			l[i] = 1
		}
	}
	return l
}
