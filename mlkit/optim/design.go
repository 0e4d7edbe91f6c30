package optim

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

const (
	// blockRows is the number of rows whose contributions are summed into one partial sum.
	// Partial sums are then added up in block order, so the result does not depend on how
	// many goroutines computed them.
	blockRows = 128
	// parallelMin is the number of matrix elements (rows × columns) from which a pass is
	// split between goroutines. Below it, starting a goroutine costs more than it saves.
	parallelMin = 8192
)

// kernel adds, for each of the len(y) rows of x (row-major with the given stride) and their
// targets y, the row's loss ℓᵢ(θ) to the returned sum and, when dst is not nil, the row's
// gradient ∇ℓᵢ(θ) to dst.
type kernel func(dst, theta, x []float64, stride int, y []float64) float64

// design is the data of an objective that is a mean over the rows of X: X, the targets y, the
// penalty, and the scratch space that makes a pass allocation-free and row-parallel.
type design struct {
	x      []float64 // X, row-major with the given stride; never written
	stride int
	m, n   int
	y      []float64 // never written
	l2     L2
	kern   kernel

	partial []float64   // one partial gradient of length n per block
	loss    []float64   // one partial loss per block
	gather  [][]float64 // per worker: room for blockRows rows of X and their targets
	helpers []*helper   // goroutines' arguments, one per extra worker
	wg      sync.WaitGroup
}

// helper holds the arguments of one extra worker of a pass. fn is created once, so that
// starting the worker allocates nothing.
type helper struct {
	d      *design
	w      int // worker number, from 1
	fn     func()
	grad   bool
	theta  []float64
	rows   []int
	count  int
	b0, b1 int
}

func (h *helper) run() {
	h.d.blocks(h.d.gather[h.w], h.grad, h.theta, h.rows, h.count, h.b0, h.b1)
	h.d.wg.Done()
}

// newDesign checks X and y and prepares the scratch space. where names the caller in panics.
func newDesign(where string, x mat.Matrix, y []float64, l2 L2) *design {
	m, n := x.Dims()
	if len(y) != m {
		panic(fmt.Sprintf("optim: %s: len(y) = %d, want %d (the rows of X)", where, len(y), m))
	}
	if l2.Lambda < 0 || math.IsNaN(l2.Lambda) || math.IsInf(l2.Lambda, 0) {
		panic(fmt.Sprintf("optim: %s: L2.Lambda = %v, want a finite λ ≥ 0", where, l2.Lambda))
	}
	var raw []float64
	stride := n
	if rm, ok := x.(mat.RawMatrixer); ok {
		r := rm.RawMatrix()
		raw, stride = r.Data, r.Stride
	} else {
		raw = mat.DenseCopyOf(x).RawMatrix().Data
	}
	for i := range m {
		row := raw[i*stride : i*stride+n]
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("optim: %s: X[%d, %d] = %v, want a finite number", where, i, j, v))
			}
		}
		if math.IsNaN(y[i]) || math.IsInf(y[i], 0) {
			panic(fmt.Sprintf("optim: %s: y[%d] = %v, want a finite number", where, i, y[i]))
		}
	}
	nb := (m + blockRows - 1) / blockRows
	d := &design{
		x: raw, stride: stride, m: m, n: n, y: y, l2: l2,
		partial: make([]float64, nb*n),
		loss:    make([]float64, nb),
		helpers: make([]*helper, runtime.GOMAXPROCS(0)-1),
		gather:  make([][]float64, runtime.GOMAXPROCS(0)),
	}
	for w := range d.gather {
		d.gather[w] = make([]float64, blockRows*(n+1))
	}
	for k := range d.helpers {
		h := &helper{d: d, w: k + 1}
		h.fn = h.run
		d.helpers[k] = h
	}
	return d
}

// pass returns Σ ℓᵢ(θ) over the first count positions (rows[k], or k when rows is nil) and,
// when grad is not nil, writes Σ ∇ℓᵢ(θ) into grad. Blocks of blockRows positions are summed
// separately, split between goroutines when the pass is large, and added up in block order.
func (d *design) pass(grad, theta []float64, rows []int, count int) float64 {
	nb := (count + blockRows - 1) / blockRows
	workers := 1
	if count*d.n >= parallelMin {
		workers = min(len(d.helpers)+1, nb)
	}
	withGrad := grad != nil
	if workers > 1 {
		d.wg.Add(workers - 1)
		for w := 1; w < workers; w++ {
			h := d.helpers[w-1]
			h.grad, h.theta, h.rows, h.count = withGrad, theta, rows, count
			h.b0, h.b1 = w*nb/workers, (w+1)*nb/workers
			go h.fn()
		}
	}
	d.blocks(d.gather[0], withGrad, theta, rows, count, 0, nb/workers)
	if workers > 1 {
		d.wg.Wait()
		for _, h := range d.helpers[:workers-1] {
			h.theta, h.rows = nil, nil
		}
	}
	var sum float64
	for _, l := range d.loss[:nb] {
		sum += l
	}
	if withGrad {
		copy(grad, d.partial[:d.n])
		for b := 1; b < nb; b++ {
			floats.Add(grad, d.partial[b*d.n:(b+1)*d.n])
		}
	}
	return sum
}

// blocks computes the partial sums of blocks [b0, b1). The rows of a mini-batch are first
// copied into buf, a block at a time: the copies of many rows proceed at once, where a fused
// pass over rows scattered in memory would wait for each row in turn.
func (d *design) blocks(buf []float64, withGrad bool, theta []float64, rows []int, count, b0, b1 int) {
	n := d.n
	for b := b0; b < b1; b++ {
		lo, hi := b*blockRows, min((b+1)*blockRows, count)
		var dst []float64
		if withGrad {
			dst = d.partial[b*n : (b+1)*n]
			clear(dst)
		}
		var x, y []float64
		stride := d.stride
		if rows == nil {
			x, y = d.x[lo*stride:], d.y[lo:hi]
		} else {
			x, y, stride = buf[:(hi-lo)*n], buf[blockRows*n:blockRows*n+hi-lo], n
			for k, i := range rows[lo:hi] {
				copy(x[k*n:(k+1)*n], d.x[i*d.stride:i*d.stride+n])
				y[k] = d.y[i]
			}
		}
		d.loss[b] = d.kern(dst, theta, x, stride, y)
	}
}

// penalty adds the L2 penalty of θ, scaled by 1/m, to loss and, when grad is not nil, its
// gradient to grad.
func (d *design) penalty(grad, theta []float64, loss float64) float64 {
	if d.l2.Lambda == 0 {
		return loss
	}
	f := d.l2.first()
	if f >= len(theta) {
		return loss
	}
	scale := d.l2.Lambda / float64(d.m)
	w := theta[f:]
	loss += scale / 2 * floats.Dot(w, w)
	if grad != nil {
		floats.AddScaled(grad[f:], scale, w)
	}
	return loss
}

// checkRows panics unless rows is a non-empty list of row indices of X.
func (d *design) checkRows(where string, rows []int) {
	if len(rows) == 0 {
		panic(fmt.Sprintf("optim: %s: empty mini-batch", where))
	}
	for k, i := range rows {
		if i < 0 || i >= d.m {
			panic(fmt.Sprintf("optim: %s: rows[%d] = %d, want a row of X in [0, %d)", where, k, i, d.m))
		}
	}
}
