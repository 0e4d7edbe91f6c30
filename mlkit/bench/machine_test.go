// Package bench holds the side-by-side benchmark of mlkit against scikit-learn (run.sh,
// compare.py, report.py) and the measurements of this machine's limits that
// mlkit/BENCHMARKS.md compares the toolkit with.
package bench

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
)

// BenchmarkMemoryRead measures the memory read bandwidth: floats.Sum over 512 MB (far
// beyond the 32 MB L3 cache), split in contiguous parts over 1 and GOMAXPROCS
// goroutines. The MB/s column is the bandwidth.
func BenchmarkMemoryRead(b *testing.B) {
	data := make([]float64, 64<<20)
	for i := range data {
		data[i] = float64(i & 7)
	}
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			part := make([]float64, workers)
			b.SetBytes(int64(len(data) * 8))
			b.ReportAllocs()
			for b.Loop() {
				var wg sync.WaitGroup
				for k := range workers {
					wg.Go(func() { part[k] = floats.Sum(data[k*len(data)/workers : (k+1)*len(data)/workers]) })
				}
				wg.Wait()
			}
		})
	}
}

// BenchmarkDgemm measures pure-Go gonum Dgemm, C = A·B for n×n matrices, the
// compute peak available to a pure-Go program; GFLOP/s = 2n³ / (ns/op).
func BenchmarkDgemm(b *testing.B) {
	for _, n := range []int{1024, 2048} {
		rng := rand.New(rand.NewPCG(1, 1))
		mk := func() blas64.General {
			g := blas64.General{Rows: n, Cols: n, Stride: n, Data: make([]float64, n*n)}
			for i := range g.Data {
				g.Data[i] = rng.NormFloat64()
			}
			return g
		}
		a, bm, c := mk(), mk(), mk()
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, a, bm, 0, c)
			}
			b.ReportMetric(2*float64(n)*float64(n)*float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
