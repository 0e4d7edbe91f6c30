package linear

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Solver names the algorithm that fits a model.
type Solver int

const (
	// SolverAuto lets the model choose: for least squares and ridge, Cholesky on
	// the normal equations when they are well conditioned and SolverSVD otherwise;
	// for the classifiers, SolverLBFGS.
	SolverAuto Solver = iota
	// SolverCholesky solves the normal equations (XcᵀXc + αI)w = Xcᵀyc by a
	// Cholesky factorisation of the unit-diagonal-scaled Gram matrix, whatever its
	// condition. It fails with ErrSingular when the matrix is not positive definite.
	SolverCholesky
	// SolverSVD computes the minimum-norm least-squares solution from a thin
	// Householder QR of [Xc yc] followed by the SVD of its R factor, with the rank
	// cutoff σᵢ > ε·σ₁ of scipy.linalg.lstsq (used by scikit-learn's LinearRegression).
	SolverSVD
	// SolverLBFGS minimises a classifier's objective with gonum's L-BFGS and a
	// Moré–Thuente line search, finishing with Newton steps on small problems when
	// the line search stalls at the rounding floor of the objective.
	SolverLBFGS
)

// String returns the solver's name.
func (s Solver) String() string {
	switch s {
	case SolverAuto:
		return "auto"
	case SolverCholesky:
		return "cholesky"
	case SolverSVD:
		return "svd"
	case SolverLBFGS:
		return "lbfgs"
	}
	return fmt.Sprintf("Solver(%d)", int(s))
}

// FitInfo describes how a model was fitted.
type FitInfo struct {
	// Solver is the solver that produced the coefficients (never SolverAuto).
	Solver Solver
	// Iterations is the number of major iterations of an iterative solver (L-BFGS
	// iterations plus any Newton polishing steps), and 0 for the closed forms.
	Iterations int
	// Converged reports whether the solver met its stopping criterion; it is always
	// true for the closed forms.
	Converged bool
	// Loss is the value of the model's objective at the returned coefficients: the
	// residual sum of squares (plus α‖w‖² for ridge), or C·Σ lossᵢ + ½‖W‖² for the
	// classifiers.
	Loss float64
	// GradNorm is the infinity norm of the objective's gradient divided by C at the
	// returned coefficients (the quantity scikit-learn's lbfgs compares with tol).
	// It is 0 for the closed forms.
	GradNorm float64
	// Rank is the numerical rank of the system solved by least squares and ridge
	// (the number of features when Cholesky succeeded). It is 0 for the classifiers.
	Rank int
	// Cond estimates the 2-norm condition number of the (centred, augmented for
	// ridge) design: √κ₁ of the unit-diagonal Gram matrix for Cholesky, σ₁/σₚ of R
	// for SolverSVD. It is 0 for the classifiers.
	Cond float64
}

// ErrSingular is returned (wrapped) when SolverCholesky meets normal equations that
// are not numerically positive definite; SolverAuto falls back to SolverSVD instead.
var ErrSingular = errors.New("normal equations are singular")

// ConvergenceError is returned by Fit when an iterative solver stops before meeting
// its tolerance. The model keeps the last iterate and can still predict.
type ConvergenceError struct {
	Iterations int     // major iterations done
	GradNorm   float64 // ‖∇f‖∞ / C at the last iterate
	Tol        float64 // the tolerance that was not met
	Reason     string  // why the solver stopped
}

// Error describes the failure.
func (e *ConvergenceError) Error() string {
	return fmt.Sprintf("linear: did not converge after %d iterations (%s): gradient norm %.3g > tol %.3g",
		e.Iterations, e.Reason, e.GradNorm, e.Tol)
}

// workerCount returns the number of goroutines to use for a workers option.
func workerCount(workers int) int {
	if workers <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return workers
}

// Row chunking. Row-parallel passes split the rows into chunks whose number
// depends only on the number of rows n and on the size of the per-chunk partial
// result, never on the number of workers; each chunk's partial result is kept and
// the partials are reduced in chunk order. The rounding of every sum is therefore
// the same for any Workers and any scheduling: results are bit-for-bit reproducible
// for any number of cores. Goroutines take chunks in turn from an atomic counter, so a core
// that the operating system gives to another process delays only the chunks it
// holds, not a whole static half of the rows.
const (
	minChunkRows   = 4096    // fewer rows per chunk cost more in bookkeeping than they save
	maxChunks      = 32      // enough for dynamic balance on a few cores
	maxChunkFloats = 1 << 22 // bound on all partial results together (32 MB)
)

// chunkCount returns the number of chunks for n rows with per-chunk partial results
// of stateSize floats.
func chunkCount(n, stateSize int) int {
	c := min(n/minChunkRows, maxChunks, maxChunkFloats/max(1, stateSize))
	return max(c, 1)
}

// chunkRange returns the rows [lo, hi) of chunk c of chunks over n rows.
func chunkRange(n, chunks, c int) (lo, hi int) {
	return c * n / chunks, (c + 1) * n / chunks
}

// forChunks calls fn(worker, c, lo, hi) once for every chunk c of [0, n), on at most
// workers goroutines (worker ∈ [0, workers) identifies the goroutine, for scratch
// space it may reuse between its chunks). fn must only write to state owned by its
// chunk or its worker. With one worker or one chunk it runs on the calling
// goroutine.
func forChunks(n, chunks, workers int, fn func(worker, c, lo, hi int)) {
	workers = min(workers, chunks)
	if workers <= 1 {
		for c := range chunks {
			lo, hi := chunkRange(n, chunks, c)
			fn(0, c, lo, hi)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
				lo, hi := chunkRange(n, chunks, c)
				fn(w, c, lo, hi)
			}
		})
	}
	wg.Wait()
}

// rawRows returns X as a row-major blas64.General, reading a RawMatrixer in place
// and copying anything else once.
func rawRows(X mat.Matrix) blas64.General {
	if rm, ok := X.(mat.RawMatrixer); ok {
		return rm.RawMatrix()
	}
	return mat.DenseCopyOf(X).RawMatrix()
}

// checkShape panics unless X has at least one row and one column and ny rows.
func checkShape(where string, X mat.Matrix, ny int) (n, p int) {
	n, p = X.Dims()
	if n == 0 || p == 0 {
		panic(fmt.Sprintf("linear: %s: empty X (%d×%d)", where, n, p))
	}
	if ny != n {
		panic(fmt.Sprintf("linear: %s: X has %d rows but y has %d values", where, n, ny))
	}
	return n, p
}

// columnMeans returns the column means of x and the mean of y (0 when y is nil),
// computed row-parallel. It returns an error naming the first NaN or ±Inf cell, or
// the column whose sum overflows.
func columnMeans(x blas64.General, y []float64, workers int) (mx []float64, my float64, err error) {
	n, p := x.Rows, x.Cols
	partial := make([][]float64, chunkCount(n, p+1))
	forChunks(n, len(partial), workerCount(workers), func(_, c, lo, hi int) {
		s := make([]float64, p+1)
		for i := lo; i < hi; i++ {
			floats.Add(s[:p], x.Data[i*x.Stride:i*x.Stride+p])
		}
		if y != nil {
			s[p] = floats.Sum(y[lo:hi])
		}
		partial[c] = s
	})
	sum := partial[0]
	for _, s := range partial[1:] {
		floats.Add(sum, s)
	}
	for j, s := range sum {
		if !math.IsNaN(s) && !math.IsInf(s, 0) {
			continue
		}
		if err := findNonFinite(x, y); err != nil {
			return nil, 0, err
		}
		if j == p {
			return nil, 0, errors.New("linear: the sum of y overflows float64")
		}
		return nil, 0, fmt.Errorf("linear: the sum of X column %d overflows float64", j)
	}
	floats.Scale(1/float64(n), sum)
	return sum[:p], sum[p], nil
}

// findNonFinite returns an error naming the first NaN or ±Inf in x (row-major
// order), then in y, or nil.
func findNonFinite(x blas64.General, y []float64) error {
	for i := range x.Rows {
		for j, v := range x.Data[i*x.Stride : i*x.Stride+x.Cols] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("linear: X[%d, %d] is %v: remove or impute non-finite values before fitting", i, j, v)
			}
		}
	}
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("linear: y[%d] is %v: remove or impute non-finite values before fitting", i, v)
		}
	}
	return nil
}

// affine computes dst[i] = b + X[i,:]·w row-parallel; dst is allocated when nil. It
// panics if X has a number of columns other than len(w) or dst has the wrong length.
func affine(where string, dst []float64, X mat.Matrix, w []float64, b float64, workers int) []float64 {
	n, p := X.Dims()
	if p != len(w) {
		panic(fmt.Sprintf("linear: %s: X has %d columns, the model was fitted on %d", where, p, len(w)))
	}
	if dst == nil {
		dst = make([]float64, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("linear: %s: dst has length %d, want %d", where, len(dst), n))
	}
	x := rawRows(X)
	forChunks(n, chunkCount(n, 0), workerCount(workers), func(_, _, lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = b + floats.Dot(x.Data[i*x.Stride:i*x.Stride+p], w)
		}
	})
	for i, v := range dst {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			checkPredictRow(where, X, i)
		}
	}
	return dst
}

// checkPredictRow panics, naming the cell, if row i of X holds NaN or ±Inf. Predict
// methods call it only for the rows whose output is not finite: a NaN or ±Inf cell makes
// every value computed from its row NaN or ±Inf (NaN·w, ±Inf·w, ±Inf·0 and ∞ − ∞ all
// are), so finite outputs prove a finite row and the check costs one pass over the
// outputs. A finite row whose output overflows is not an input error and passes.
func checkPredictRow(where string, X mat.Matrix, i int) {
	_, p := X.Dims()
	for j := range p {
		if v := X.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
			panic(fmt.Sprintf("linear: %s: X[%d, %d] is %v: remove or impute non-finite values before predicting", where, i, j, v))
		}
	}
}
