package linear

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Softmax is multinomial logistic (softmax) regression with an L2 penalty and
// scikit-learn's objective (LogisticRegression with multi_class="multinomial",
// solver="lbfgs"):
//
//	C·Σᵢ [LSE(zᵢ) − zᵢ,yᵢ] + ½‖W‖²_F,  zᵢₖ = xᵢ·Wₖ + bₖ,  LSE(z) = log Σₖ e^zₖ,
//
// one coefficient row Wₖ and intercept bₖ per class k = 0..K−1; each term is the
// cross-entropy −log P(yᵢ | xᵢ), computed as m + log Σₖ e^(zₖ−m) with m = maxₖ zₖ so
// that no exponential overflows. The intercepts are not penalised. The
// parameterisation has K rows, as scikit-learn's; the penalty makes it identifiable.
// The zero value uses C = 1, an intercept, Tol = 1e-4 and MaxIter = 100.
type Softmax struct {
	// C is the inverse regularisation strength, > 0; 0 means 1.
	C float64
	// Classes is the number of classes K ≥ 2; 0 means one more than the largest
	// label seen by Fit.
	Classes int
	// NoIntercept fixes b = 0.
	NoIntercept bool
	// Solver is SolverAuto or SolverLBFGS.
	Solver Solver
	// Tol stops the solver when ‖∇f‖∞/C ≤ Tol (scikit-learn's gtol); 0 means 1e-4.
	Tol float64
	// MaxIter bounds the number of L-BFGS iterations; 0 means 100.
	MaxIter int
	// Workers is the number of goroutines over which rows are split; ≤ 0 means
	// runtime.GOMAXPROCS(0).
	Workers int

	w      *mat.Dense // K×p
	b      []float64
	info   FitInfo
	fitted bool
}

// Fit fits the model to the rows of X and the labels y ∈ {0, …, K−1}, starting from
// zero coefficients.
//
// It panics if X is empty, if len(y) differs from the number of rows of X, if a
// label is negative or not below Classes (when set), if fewer than two classes
// result or every label is the same (as scikit-learn, which raises ValueError: the
// intercepts then have no minimiser), if C or Tol is negative or NaN, or if Solver is not SolverAuto or
// SolverLBFGS. It returns an error if X holds NaN or ±Inf, and a *ConvergenceError
// if the tolerance was not met within MaxIter iterations (the model then holds the
// last iterate).
func (m *Softmax) Fit(X mat.Matrix, y []int) error {
	const where = "Softmax.Fit"
	_, p := checkShape(where, X, len(y))
	c, tol, maxIter := classifierSettings(where, m.C, m.Tol, m.MaxIter, m.Solver)
	k := m.Classes
	if k == 0 {
		k = slices.Max(y) + 1
	}
	if k < 2 {
		panic(fmt.Sprintf("linear: %s: %d class(es), want at least 2", where, k))
	}
	for i, v := range y {
		if v < 0 || v >= k {
			panic(fmt.Sprintf("linear: %s: label y[%d] = %d outside the classes 0..%d", where, i, v, k-1))
		}
	}
	if !slices.ContainsFunc(y, func(v int) bool { return v != y[0] }) {
		panic(fmt.Sprintf("linear: %s: every label is %d; softmax regression needs samples of at least 2 classes", where, y[0]))
	}
	x := rawRows(X)
	if _, _, err := columnMeans(x, nil, m.Workers); err != nil {
		return err
	}
	m.fitted = false
	obj := &softmaxObjective{x: x, y: y, k: k, c: c, intercept: !m.NoIntercept, workers: workerCount(m.Workers)}
	var null []float64 // the objective is constant along a common shift of all intercepts
	if !m.NoIntercept {
		null = make([]float64, k*(p+1))
		for c := range k {
			null[k*p+c] = 1 / math.Sqrt(float64(k))
		}
	}
	params, info, err := minimise(obj, k*(p+1), c, tol, maxIter, null)
	m.w = mat.NewDense(k, p, params[:k*p])
	m.b = params[k*p:]
	m.info = info
	m.fitted = true
	return err
}

// DecisionFunction stores the logits zᵢₖ = xᵢ·Wₖ + bₖ in the rows of dst and returns
// it; dst is allocated when nil. It panics if the model is not fitted, if X has the
// wrong number of columns, if dst is not nil and not n×K, or if X holds NaN or ±Inf
// (naming the cell).
func (m *Softmax) DecisionFunction(dst *mat.Dense, X mat.Matrix) *mat.Dense {
	const where = "Softmax.DecisionFunction"
	m.mustFitted(where)
	n, p := X.Dims()
	k, pw := m.w.Dims()
	if p != pw {
		panic(fmt.Sprintf("linear: %s: X has %d columns, the model was fitted on %d", where, p, pw))
	}
	if dst == nil {
		dst = mat.NewDense(n, k, nil)
	}
	if r, c := dst.Dims(); r != n || c != k {
		panic(fmt.Sprintf("linear: %s: dst is %d×%d, want %d×%d", where, r, c, n, k))
	}
	dst.Mul(X, m.w.T())
	for i := range n {
		row := dst.RawRowView(i)
		floats.Add(row, m.b)
		if s := floats.Sum(row); math.IsNaN(s) || math.IsInf(s, 0) {
			checkPredictRow(where, X, i)
		}
	}
	return dst
}

// PredictProba stores the class probabilities softmax(zᵢ) in the rows of dst and
// returns it, subtracting each row's maximum logit before exponentiating. Panics as
// DecisionFunction.
func (m *Softmax) PredictProba(dst *mat.Dense, X mat.Matrix) *mat.Dense {
	dst = m.DecisionFunction(dst, X)
	n, _ := dst.Dims()
	for i := range n {
		row := dst.RawRowView(i)
		mx := floats.Max(row)
		var s float64
		for j, z := range row {
			row[j] = math.Exp(z - mx)
			s += row[j]
		}
		floats.Scale(1/s, row)
	}
	return dst
}

// Predict stores the most probable class of each row (the first one on ties, as
// numpy's argmax) in dst and returns it; dst is allocated when nil. Panics as
// DecisionFunction, or if dst has the wrong length.
func (m *Softmax) Predict(dst []int, X mat.Matrix) []int {
	z := m.DecisionFunction(nil, X)
	n, _ := z.Dims()
	if dst == nil {
		dst = make([]int, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("linear: Softmax.Predict: dst has length %d, want %d", len(dst), n))
	}
	for i := range n {
		dst[i] = floats.MaxIdx(z.RawRowView(i))
	}
	return dst
}

// Coef returns a copy of the K×p coefficient matrix W (row k for class k). It panics
// if the model is not fitted.
func (m *Softmax) Coef() *mat.Dense { return mat.DenseCopyOf(m.mustFitted("Softmax.Coef").w) }

// Intercept returns a copy of the K intercepts. It panics if the model is not fitted.
func (m *Softmax) Intercept() []float64 {
	return append([]float64(nil), m.mustFitted("Softmax.Intercept").b...)
}

// Info describes the last fit. It panics if the model is not fitted.
func (m *Softmax) Info() FitInfo { return m.mustFitted("Softmax.Info").info }

func (m *Softmax) mustFitted(where string) *Softmax {
	if !m.fitted {
		panic("linear: " + where + ": the model is not fitted")
	}
	return m
}

// softmaxObjective is C·Σᵢ [LSE(zᵢ) − zᵢ,yᵢ] + ½‖W‖²_F over params = [W (K×p,
// row-major), b (K)], with gradient C·Σᵢ (softmax(zᵢ) − e_yᵢ)·[xᵢ, 1]ᵀ + [W, 0].
type softmaxObjective struct {
	x         blas64.General
	y         []int
	k         int
	c         float64
	intercept bool
	workers   int
	partial   [][]float64 // per chunk: K×p gradient, K intercept gradient, loss
	scratch   [][]float64 // per worker: K logits, then their shifted exponentials
}

// lossGrad computes the loss and gradient in one row-parallel pass, like
// logisticObjective.lossGrad. It allocates only on its first call.
func (o *softmaxObjective) lossGrad(grad, params []float64) float64 {
	p, k := o.x.Cols, o.k
	w, b := params[:k*p], params[k*p:]
	if o.partial == nil {
		o.partial = make([][]float64, chunkCount(o.x.Rows, k*p+k+1))
		for c := range o.partial {
			o.partial[c] = make([]float64, k*p+k+1)
		}
		o.scratch = make([][]float64, o.workers)
		for r := range o.scratch {
			o.scratch[r] = make([]float64, 2*k)
		}
	}
	forChunks(o.x.Rows, len(o.partial), o.workers, func(worker, ch, lo, hi int) {
		acc, z, e := o.partial[ch], o.scratch[worker][:k], o.scratch[worker][k:]
		clear(acc)
		var loss float64
		for i := lo; i < hi; i++ {
			row := o.x.Data[i*o.x.Stride : i*o.x.Stride+p]
			for c := range k {
				z[c] = floats.Dot(row, w[c*p:(c+1)*p])
				if o.intercept {
					z[c] += b[c]
				}
			}
			m := floats.Max(z)
			var s float64
			for c, v := range z {
				e[c] = math.Exp(v - m)
				s += e[c]
			}
			yi := o.y[i]
			loss += m + math.Log(s) - z[yi] // LSE(z) − z_y
			for c := range k {
				res := e[c] / s
				if c == yi {
					res--
				}
				floats.AddScaled(acc[c*p:(c+1)*p], res, row)
				acc[k*p+c] += res
			}
		}
		acc[k*p+k] = loss
	})
	sum := o.partial[0]
	for _, acc := range o.partial[1:] {
		floats.Add(sum, acc)
	}
	floats.ScaleTo(grad[:k*p], o.c, sum[:k*p])
	floats.Add(grad[:k*p], w)
	for c := range k {
		grad[k*p+c] = 0
		if o.intercept {
			grad[k*p+c] = o.c * sum[k*p+c]
		}
	}
	return o.c*sum[k*p+k] + 0.5*floats.Dot(w, w)
}
