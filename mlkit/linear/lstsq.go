package linear

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// condLimit is the largest estimated 1-norm condition number of the unit-diagonal
// Gram matrix for which SolverAuto trusts Cholesky on the normal equations. The
// forward error of that route grows like κ(Gram)·ε ≈ 1e8·1.1e-16 ≈ 1e-8 at worst;
// well-conditioned data (κ ≲ 1e3) stay near 1e-13.
const condLimit = 1e8

// Regression is ordinary least squares: it minimises ‖y − Xw − b‖² over w and the
// intercept b (scikit-learn's LinearRegression). With an intercept the problem is
// solved on centred data and b = ȳ − x̄·w. For rank-deficient X it returns the
// minimum-norm w among the minimisers, as scikit-learn does. See the package
// documentation for the choice between Cholesky and the SVD.
//
// The zero value fits an intercept with SolverAuto on GOMAXPROCS goroutines.
type Regression struct {
	// NoIntercept fits a model through the origin (b = 0, no centring).
	NoIntercept bool
	// Solver is SolverAuto, SolverCholesky or SolverSVD.
	Solver Solver
	// Workers is the number of goroutines over which rows are split; ≤ 0 means
	// runtime.GOMAXPROCS(0).
	Workers int

	fit lsqFit
}

// Fit fits the model to the rows of X and the targets y.
//
// It panics if X is empty, if len(y) differs from the number of rows of X, or if
// Solver is not one of the least-squares solvers. It returns an error if X or y
// holds NaN or ±Inf, if the sum of a column of X or of y overflows float64 (with
// SolverCholesky, already if a sum of squares does: values beyond about 1e154;
// SolverAuto then uses SolverSVD), or, with SolverCholesky only, if XcᵀXc is
// singular (wrapping ErrSingular).
func (m *Regression) Fit(X mat.Matrix, y []float64) error {
	return m.fit.fit("Regression.Fit", X, y, 0, !m.NoIntercept, m.Solver, m.Workers)
}

// Predict stores b + X·w in dst and returns it; dst is allocated when nil. It
// panics if the model is not fitted, if X has the wrong number of columns, if dst
// is not nil and its length differs from the number of rows of X, or if X holds NaN
// or ±Inf (naming the cell).
func (m *Regression) Predict(dst []float64, X mat.Matrix) []float64 {
	return m.fit.predict("Regression.Predict", dst, X, m.Workers)
}

// Coef returns a copy of the coefficients w. It panics if the model is not fitted.
func (m *Regression) Coef() []float64 { return m.fit.coefCopy("Regression.Coef") }

// Intercept returns b (0 with NoIntercept). It panics if the model is not fitted.
func (m *Regression) Intercept() float64 { return m.fit.mustFitted("Regression.Intercept").b }

// Info describes the last fit. It panics if the model is not fitted.
func (m *Regression) Info() FitInfo { return m.fit.mustFitted("Regression.Info").info }

// Ridge is ridge regression with scikit-learn's objective
//
//	‖y − Xw − b‖² + α‖w‖²
//
// (the squared error is summed, not averaged, and the intercept b is not penalised:
// the problem is solved on centred data and b = ȳ − x̄·w). Alpha = 0 gives ordinary
// least squares. With SolverAuto the system (XcᵀXc + αI)w = Xcᵀyc is solved by
// Cholesky when well conditioned, as scikit-learn's "cholesky" solver does, and
// otherwise as the least-squares problem [Xc; √α·I]w ≈ [yc; 0] by QR and SVD.
//
// The zero value is ordinary least squares with an intercept.
type Ridge struct {
	// Alpha is the penalty α ≥ 0.
	Alpha float64
	// NoIntercept fits a model through the origin (b = 0, no centring).
	NoIntercept bool
	// Solver is SolverAuto, SolverCholesky or SolverSVD.
	Solver Solver
	// Workers is the number of goroutines over which rows are split; ≤ 0 means
	// runtime.GOMAXPROCS(0).
	Workers int

	fit lsqFit
}

// Fit fits the model to the rows of X and the targets y.
//
// It panics if X is empty, if len(y) differs from the number of rows of X, if Alpha
// is negative or NaN, or if Solver is not one of the least-squares solvers. It
// returns an error if X or y holds NaN or ±Inf, if the sum of a column of X or of y
// overflows float64 (with SolverCholesky, already if a sum of squares does; SolverAuto
// then uses SolverSVD), or, with SolverCholesky only, if XcᵀXc + αI is singular
// (wrapping ErrSingular).
func (m *Ridge) Fit(X mat.Matrix, y []float64) error {
	if !(m.Alpha >= 0) || math.IsInf(m.Alpha, 1) {
		panic(fmt.Sprintf("linear: Ridge.Fit: Alpha = %v, want a finite α ≥ 0", m.Alpha))
	}
	return m.fit.fit("Ridge.Fit", X, y, m.Alpha, !m.NoIntercept, m.Solver, m.Workers)
}

// Predict stores b + X·w in dst and returns it; dst is allocated when nil. It
// panics if the model is not fitted, if X has the wrong number of columns, if dst
// is not nil and its length differs from the number of rows of X, or if X holds NaN
// or ±Inf (naming the cell).
func (m *Ridge) Predict(dst []float64, X mat.Matrix) []float64 {
	return m.fit.predict("Ridge.Predict", dst, X, m.Workers)
}

// Coef returns a copy of the coefficients w. It panics if the model is not fitted.
func (m *Ridge) Coef() []float64 { return m.fit.coefCopy("Ridge.Coef") }

// Intercept returns b (0 with NoIntercept). It panics if the model is not fitted.
func (m *Ridge) Intercept() float64 { return m.fit.mustFitted("Ridge.Intercept").b }

// Info describes the last fit. It panics if the model is not fitted.
func (m *Ridge) Info() FitInfo { return m.fit.mustFitted("Ridge.Info").info }

// lsqFit holds a fitted least-squares or ridge model.
type lsqFit struct {
	w      []float64
	b      float64
	info   FitInfo
	fitted bool
}

func (f *lsqFit) mustFitted(where string) *lsqFit {
	if !f.fitted {
		panic("linear: " + where + ": the model is not fitted")
	}
	return f
}

func (f *lsqFit) coefCopy(where string) []float64 {
	return append([]float64(nil), f.mustFitted(where).w...)
}

func (f *lsqFit) predict(where string, dst []float64, X mat.Matrix, workers int) []float64 {
	f.mustFitted(where)
	return affine(where, dst, X, f.w, f.b, workers)
}

// fit solves min ‖y − Xw − b‖² + α‖w‖² and stores the result in f.
func (f *lsqFit) fit(where string, X mat.Matrix, y []float64, alpha float64, intercept bool, solver Solver, workers int) error {
	_, p := checkShape(where, X, len(y))
	if solver != SolverAuto && solver != SolverCholesky && solver != SolverSVD {
		panic(fmt.Sprintf("linear: %s: solver %v does not solve least squares", where, solver))
	}
	f.fitted = false
	x := rawRows(X)
	var (
		w       []float64
		info    FitInfo
		mx      []float64 // column means of X (zero without intercept)
		my      float64
		err     error
		tryChol = solver != SolverSVD
	)
	if tryChol {
		var gc *mat.SymDense
		var rhs []float64
		gc, rhs, mx, my, err = centredSystem(x, y, intercept, workers)
		switch {
		case errors.Is(err, errSquaresOverflow) && solver == SolverAuto:
			// Values beyond about 1e154: the SVD below works on the data themselves.
		case err != nil:
			return err
		default:
			w, info, err = solveCholesky(gc, rhs, alpha)
			switch {
			case err != nil && solver == SolverCholesky:
				return fmt.Errorf("linear: %s: %w (use SolverSVD or SolverAuto for the minimum-norm solution)", where, err)
			case err != nil, solver == SolverAuto && info.Cond*info.Cond >= condLimit:
				w = nil // fall back to the SVD
			}
		}
	}
	if w == nil {
		if mx == nil {
			mx, my, err = columnMeans(x, y, workers)
			if err != nil {
				return err
			}
			if !intercept {
				mx, my = make([]float64, p), 0
			}
		}
		w, info = solveSVD(x, y, mx, my, alpha)
	}
	f.w = w
	f.b = 0
	if intercept {
		f.b = my - floats.Dot(mx, w)
	}
	info.Converged = true
	info.Loss = residualSumSquares(x, y, w, f.b, workers) + alpha*floats.Dot(w, w)
	f.info = info
	f.fitted = true
	return nil
}

// errSquaresOverflow is wrapped by the error centredSystem returns when a sum of
// squares overflows on finite data: SolverAuto then falls back to SolverSVD, which
// needs only the sums.
var errSquaresOverflow = errors.New("overflows float64")

// pilotRows is the number of leading rows whose mean is used as the shift before
// forming the Gram matrix.
const pilotRows = 256

// centredSystem returns the centred Gram matrix XcᵀXc, the vector Xcᵀyc and the
// column means of X and y (zeros and raw products without intercept), from one
// row-parallel pass over X (augmentedGram). The data are shifted by the mean of
// their first pilotRows rows, which removes any large offset as well as the true
// mean would without a pass of its own; the Schur complement of the ones column then
// turns the Gram matrix of the shifted data into the exactly centred one,
// G₁₁ − s·sᵀ/n with s the column sums of the shifted data, and gives the exact means
// shift + s/n (the shifted-data algorithm; Chan, Golub & LeVeque, "Algorithms for
// computing the sample variance", 1983). A NaN or ±Inf in X or y shows up on the
// diagonal, and is then located and reported as an error, as is an overflow.
func centredSystem(x blas64.General, y []float64, intercept bool, workers int) (gc *mat.SymDense, rhs, mx []float64, my float64, err error) {
	n, p := x.Rows, x.Cols
	shift := make([]float64, p)
	var shiftY float64
	if intercept {
		m := min(n, pilotRows)
		for i := range m {
			floats.Add(shift, x.Data[i*x.Stride:i*x.Stride+p])
		}
		floats.Scale(1/float64(m), shift)
		shiftY = floats.Sum(y[:m]) / float64(m)
	}
	g, q := augmentedGram(x, y, shift, shiftY, intercept, workers)
	for j := 0; j <= p; j++ {
		if d := g[j*q+j]; math.IsNaN(d) || math.IsInf(d, 0) {
			if err := findNonFinite(x, y); err != nil {
				return nil, nil, nil, 0, err
			}
			if j == p {
				return nil, nil, nil, 0, fmt.Errorf("linear: the sum of squares of y %w", errSquaresOverflow)
			}
			return nil, nil, nil, 0, fmt.Errorf("linear: the sum of squares of X column %d %w", j, errSquaresOverflow)
		}
	}
	mx, my = shift, shiftY
	if intercept {
		o := p + 1
		nf := g[o*q+o]
		for i := 0; i <= p; i++ {
			si := g[i*q+o]
			for j := i; j <= p; j++ {
				g[i*q+j] -= si * g[j*q+o] / nf
			}
			if i < p {
				mx[i] += si / nf
			}
		}
		my += g[p*q+o] / nf
	}
	gc = mat.NewSymDense(p, nil)
	rhs = make([]float64, p)
	for i := range p {
		for j := i; j < p; j++ {
			gc.SetSym(i, j, g[i*q+j])
		}
		rhs[i] = g[i*q+p]
	}
	return gc, rhs, mx, my, nil
}

// solveCholesky solves (G + αI)w = rhs by Cholesky after scaling the system to unit
// diagonal (van der Sluis: the best diagonal scaling for Cholesky, and it makes the
// condition estimate independent of the units of the features). It returns
// ErrSingular when the scaled matrix is not positive definite or its estimated
// condition number exceeds 1/ε.
func solveCholesky(g *mat.SymDense, rhs []float64, alpha float64) ([]float64, FitInfo, error) {
	p := len(rhs)
	d := make([]float64, p)
	for i := range p {
		d[i] = math.Sqrt(g.At(i, i) + alpha)
		if !(d[i] > 0) {
			return nil, FitInfo{}, fmt.Errorf("%w: column %d of X is constant", ErrSingular, i)
		}
	}
	a := mat.NewSymDense(p, nil)
	b := mat.NewVecDense(p, nil)
	for i := range p {
		for j := i; j < p; j++ {
			v := g.At(i, j)
			if i == j {
				v += alpha
			}
			a.SetSym(i, j, v/(d[i]*d[j]))
		}
		b.SetVec(i, rhs[i]/d[i])
	}
	var chol mat.Cholesky
	if !chol.Factorize(a) {
		return nil, FitInfo{}, fmt.Errorf("%w: XcᵀXc + αI is not positive definite", ErrSingular)
	}
	var u mat.VecDense
	if err := chol.SolveVecTo(&u, b); err != nil {
		// mat.Condition: the estimated condition number exceeds 1/ε.
		return nil, FitInfo{}, fmt.Errorf("%w: %v", ErrSingular, err)
	}
	w := make([]float64, p)
	for i := range p {
		w[i] = u.AtVec(i) / d[i]
	}
	return w, FitInfo{Solver: SolverCholesky, Rank: p, Cond: math.Sqrt(chol.Cond())}, nil
}

// solveSVD returns the minimum-norm minimiser of ‖yc − Xc·w‖² + α‖w‖², written as
// the least-squares problem A·w ≈ r with A = [Xc; √α·I] and r = [yc; 0]. When A has
// at least p+1 rows it computes the Householder QR of [A r] in place with LAPACK's
// Dgeqrf (Q is never formed: the first p entries of the last column of R are Qᵀr),
// then the SVD of the p×p factor R₁₁ = UΣVᵀ, and w = V·Σ⁺·Uᵀ·(Qᵀr) with singular
// values σᵢ ≤ ε·σ₁ treated as zero (scipy.linalg.lstsq's default cutoff, used by
// scikit-learn). A wide A is decomposed by the SVD directly. Golub & Van Loan,
// Matrix Computations, 4th ed., §5.3.
func solveSVD(x blas64.General, y, mx []float64, my, alpha float64) ([]float64, FitInfo) {
	n, p := x.Rows, x.Cols
	rows := n
	if alpha > 0 {
		rows += p
	}
	cols := p + 1
	a := blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: make([]float64, rows*cols)}
	for i := range n {
		dst := a.Data[i*cols : i*cols+cols]
		floats.SubTo(dst[:p], x.Data[i*x.Stride:i*x.Stride+p], mx)
		dst[p] = y[i] - my
	}
	for j := 0; n+j < rows; j++ {
		a.Data[(n+j)*cols+j] = math.Sqrt(alpha)
	}
	var svd mat.SVD
	var rhs *mat.VecDense
	if rows >= cols {
		tau := make([]float64, cols)
		work := []float64{0}
		lapack64.Geqrf(a, tau, work, -1)
		work = make([]float64, int(work[0]))
		lapack64.Geqrf(a, tau, work, len(work))
		r := mat.NewDense(p, p, nil)
		rhs = mat.NewVecDense(p, nil)
		for i := range p {
			for j := i; j < p; j++ {
				r.Set(i, j, a.Data[i*cols+j])
			}
			rhs.SetVec(i, a.Data[i*cols+p])
		}
		svd.Factorize(r, mat.SVDThin)
	} else {
		am := mat.NewDense(rows, cols, a.Data)
		svd.Factorize(am.Slice(0, rows, 0, p), mat.SVDThin)
		rhs = mat.NewVecDense(rows, nil)
		for i := range rows {
			rhs.SetVec(i, a.Data[i*cols+p])
		}
	}
	s := svd.Values(nil)
	rank := svd.Rank(eps)
	w := make([]float64, p)
	if rank > 0 {
		svd.SolveVecTo(mat.NewVecDense(p, w), rhs, rank)
	}
	cond := math.Inf(1)
	if last := s[len(s)-1]; last > 0 && len(s) == p {
		cond = s[0] / last
	}
	return w, FitInfo{Solver: SolverSVD, Rank: rank, Cond: cond}
}

// eps is the float64 machine epsilon, 2⁻⁵² (numpy's finfo(float64).eps).
const eps = 0x1p-52

// residualSumSquares returns Σᵢ (yᵢ − b − X[i,:]·w)², row-parallel.
func residualSumSquares(x blas64.General, y, w []float64, b float64, workers int) float64 {
	partial := make([]float64, chunkCount(x.Rows, 1))
	forChunks(x.Rows, len(partial), workerCount(workers), func(_, c, lo, hi int) {
		var s float64
		for i := lo; i < hi; i++ {
			r := y[i] - b - floats.Dot(x.Data[i*x.Stride:i*x.Stride+x.Cols], w)
			s += r * r
		}
		partial[c] = s
	})
	return floats.Sum(partial)
}
