package linear

import (
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
)

// gramBlockRows is the number of rows copied (centred, column-major) into a
// worker's buffer before the tiled kernel runs over them: 256 rows of 52 columns
// (106 KB) stay in the L2 cache while every tile of the Gram matrix reads them.
const gramBlockRows = 256

// augmentedGram returns G = AᵀA for the augmented matrix A = [X−1x̄ᵀ, y−ȳ, 1]
// (x̄ = mx and ȳ = my are any shift, see centredSystem)
// (the column of ones only when ones is true), as a row-major q×q matrix of which
// the upper triangle is filled, with q the width of A rounded up to a multiple of 4.
// Rows are split in chunks (forChunks); for each chunk a worker centres blocks of
// gramBlockRows rows into its column-major buffer and accumulates the chunk's Gram
// matrix with gramKernel, and the chunks' matrices are summed in order at the end.
// No allocation happens per row.
//
// Shifting before forming the products keeps κ(XcᵀXc) free of the intercept's
// conditioning; the ones column gives the column sums of the shifted data, from
// which the caller centres exactly (see centredSystem).
func augmentedGram(x blas64.General, y, mx []float64, my float64, ones bool, workers int) (g []float64, q int) {
	n, p := x.Rows, x.Cols
	width := p + 1
	if ones {
		width++
	}
	q = (width + 3) &^ 3
	partial := make([][]float64, chunkCount(n, q*q))
	bufs := make([][]float64, workerCount(workers))
	forChunks(n, len(partial), len(bufs), func(worker, c, lo, hi int) {
		gk := make([]float64, q*q)
		if bufs[worker] == nil {
			bufs[worker] = make([]float64, q*gramBlockRows) // padding columns stay zero
		}
		buf := bufs[worker]
		for start := lo; start < hi; start += gramBlockRows {
			nr := min(gramBlockRows, hi-start)
			m := mx[:p]
			r := 0
			for ; r+4 <= nr; r += 4 { // four rows at a time: 32-byte writes per column
				i := start + r
				x0 := x.Data[i*x.Stride:][:len(m)]
				x1 := x.Data[(i+1)*x.Stride:][:len(m)]
				x2 := x.Data[(i+2)*x.Stride:][:len(m)]
				x3 := x.Data[(i+3)*x.Stride:][:len(m)]
				for j, mj := range m {
					d := buf[j*gramBlockRows+r:][:4]
					d[0], d[1], d[2], d[3] = x0[j]-mj, x1[j]-mj, x2[j]-mj, x3[j]-mj
				}
			}
			for ; r < nr; r++ {
				row := x.Data[(start+r)*x.Stride:][:len(m)]
				for j, v := range row {
					buf[j*gramBlockRows+r] = v - m[j]
				}
			}
			for r := range nr {
				buf[p*gramBlockRows+r] = y[start+r] - my
				if ones {
					buf[(p+1)*gramBlockRows+r] = 1
				}
			}
			gramKernel(gk, q, buf, gramBlockRows, nr)
		}
		partial[c] = gk
	})
	g = partial[0]
	for _, gk := range partial[1:] {
		floats.Add(g, gk)
	}
	return g, q
}

// gramKernel adds to the upper triangle of the row-major q×q matrix g the products
// Σᵣ a[i][r]·a[j][r] over the first nr rows of the column-major block a (column c
// at a[c*ld:]), with q a multiple of 4. It works on 2×4 tiles of g: per row it
// loads 6 values into registers and does 8 multiply-adds into 8 accumulators, which
// fits the 15 usable SSE registers of amd64 Go code without spilling (a 4×4 or 3×4
// tile measured 1.6–2.3× slower because of spills).
func gramKernel(g []float64, q int, a []float64, ld, nr int) {
	for i := 0; i < q; i += 2 {
		a0 := a[i*ld : i*ld+nr]
		a1 := a[(i+1)*ld : (i+1)*ld+nr]
		for j := i &^ 3; j < q; j += 4 {
			a1 := a1[:len(a0)]
			b0 := a[j*ld:][:len(a0)]
			b1 := a[(j+1)*ld:][:len(a0)]
			b2 := a[(j+2)*ld:][:len(a0)]
			b3 := a[(j+3)*ld:][:len(a0)]
			var c00, c01, c02, c03, c10, c11, c12, c13 float64
			for r, x0 := range a0 {
				x1 := a1[r]
				y0, y1, y2, y3 := b0[r], b1[r], b2[r], b3[r]
				c00 += x0 * y0
				c01 += x0 * y1
				c02 += x0 * y2
				c03 += x0 * y3
				c10 += x1 * y0
				c11 += x1 * y1
				c12 += x1 * y2
				c13 += x1 * y3
			}
			g0 := g[i*q+j : i*q+j+4]
			g1 := g[(i+1)*q+j : (i+1)*q+j+4]
			g0[0] += c00
			g0[1] += c01
			g0[2] += c02
			g0[3] += c03
			g1[0] += c10
			g1[1] += c11
			g1[2] += c12
			g1[3] += c13
		}
	}
}
