package linear

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Logistic is binary logistic regression with an L2 penalty and scikit-learn's
// objective (LogisticRegression with penalty="l2", solver="lbfgs"):
//
//	C·Σᵢ [softplus(zᵢ) − yᵢ·zᵢ] + ½‖w‖²,  zᵢ = xᵢ·w + b,  yᵢ ∈ {0, 1},
//
// where softplus(z) = log(1 + eᶻ), so each term is the log-loss −log P(yᵢ | xᵢ)
// computed from the logit without forming the probability. The intercept b is not
// penalised. The zero value uses C = 1, an intercept, Tol = 1e-4 and MaxIter = 100,
// scikit-learn's defaults.
type Logistic struct {
	// C is the inverse regularisation strength, > 0; 0 means 1.
	C float64
	// NoIntercept fixes b = 0.
	NoIntercept bool
	// Solver is SolverAuto or SolverLBFGS.
	Solver Solver
	// Tol stops the solver when ‖∇f‖∞/C ≤ Tol, the same test (on the same scale) as
	// scikit-learn's gtol; 0 means 1e-4.
	Tol float64
	// MaxIter bounds the number of L-BFGS iterations; 0 means 100.
	MaxIter int
	// Workers is the number of goroutines over which rows are split; ≤ 0 means
	// runtime.GOMAXPROCS(0).
	Workers int

	w      []float64
	b      float64
	info   FitInfo
	fitted bool
}

// Fit fits the model to the rows of X and the labels y ∈ {0, 1}, starting from zero
// coefficients.
//
// It panics if X is empty, if len(y) differs from the number of rows of X, if a
// label is neither 0 nor 1, if every label is the same (as scikit-learn, which raises
// ValueError: with an intercept the objective then has no minimiser, b → ±∞), if C
// or Tol is negative or NaN, or if Solver is not SolverAuto or SolverLBFGS. It returns an error if X holds NaN or ±Inf, and a
// *ConvergenceError if the tolerance was not met within MaxIter iterations (the
// model then holds the last iterate).
func (m *Logistic) Fit(X mat.Matrix, y []int) error {
	const where = "Logistic.Fit"
	_, p := checkShape(where, X, len(y))
	c, tol, maxIter := classifierSettings(where, m.C, m.Tol, m.MaxIter, m.Solver)
	yf := make([]float64, len(y))
	for i, v := range y {
		if v != 0 && v != 1 {
			panic(fmt.Sprintf("linear: %s: label y[%d] = %d, want 0 or 1", where, i, v))
		}
		yf[i] = float64(v)
	}
	if ones := floats.Sum(yf); ones == 0 || int(ones) == len(y) {
		panic(fmt.Sprintf("linear: %s: every label is %d; logistic regression needs samples of both classes", where, y[0]))
	}
	x := rawRows(X)
	if _, _, err := columnMeans(x, nil, m.Workers); err != nil {
		return err
	}
	m.fitted = false
	obj := &logisticObjective{x: x, y: yf, c: c, intercept: !m.NoIntercept, workers: workerCount(m.Workers)}
	params, info, err := minimise(obj, p+1, c, tol, maxIter, nil)
	m.w, m.b = params[:p], params[p]
	m.info = info
	m.fitted = true
	return err
}

// DecisionFunction stores the logits zᵢ = xᵢ·w + b in dst and returns it; dst is
// allocated when nil. It panics if the model is not fitted, if X has the wrong
// number of columns, if dst has the wrong length, or if X holds NaN or ±Inf (naming
// the cell).
func (m *Logistic) DecisionFunction(dst []float64, X mat.Matrix) []float64 {
	m.mustFitted("Logistic.DecisionFunction")
	return affine("Logistic.DecisionFunction", dst, X, m.w, m.b, m.Workers)
}

// PredictProba stores P(y = 1 | xᵢ) = σ(zᵢ) in dst and returns it, with the sigmoid
// evaluated without overflow for any logit. Panics as DecisionFunction.
func (m *Logistic) PredictProba(dst []float64, X mat.Matrix) []float64 {
	m.mustFitted("Logistic.PredictProba")
	dst = affine("Logistic.PredictProba", dst, X, m.w, m.b, m.Workers)
	for i, z := range dst {
		dst[i] = sigmoid(z)
	}
	return dst
}

// Predict stores the predicted labels (1 when zᵢ > 0, as scikit-learn) in dst and
// returns it; dst is allocated when nil. Panics as DecisionFunction.
func (m *Logistic) Predict(dst []int, X mat.Matrix) []int {
	m.mustFitted("Logistic.Predict")
	n, _ := X.Dims()
	if dst == nil {
		dst = make([]int, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("linear: Logistic.Predict: dst has length %d, want %d", len(dst), n))
	}
	for i, z := range affine("Logistic.Predict", nil, X, m.w, m.b, m.Workers) {
		dst[i] = 0
		if z > 0 {
			dst[i] = 1
		}
	}
	return dst
}

// Coef returns a copy of the coefficients w. It panics if the model is not fitted.
func (m *Logistic) Coef() []float64 {
	return append([]float64(nil), m.mustFitted("Logistic.Coef").w...)
}

// Intercept returns b. It panics if the model is not fitted.
func (m *Logistic) Intercept() float64 { return m.mustFitted("Logistic.Intercept").b }

// Info describes the last fit. It panics if the model is not fitted.
func (m *Logistic) Info() FitInfo { return m.mustFitted("Logistic.Info").info }

func (m *Logistic) mustFitted(where string) *Logistic {
	if !m.fitted {
		panic("linear: " + where + ": the model is not fitted")
	}
	return m
}

// classifierSettings applies the defaults C = 1, Tol = 1e-4, MaxIter = 100 and
// panics on invalid values.
func classifierSettings(where string, c, tol float64, maxIter int, solver Solver) (float64, float64, int) {
	if solver != SolverAuto && solver != SolverLBFGS {
		panic(fmt.Sprintf("linear: %s: solver %v does not fit classifiers", where, solver))
	}
	if !(c >= 0) || math.IsInf(c, 1) {
		panic(fmt.Sprintf("linear: %s: C = %v, want a finite C > 0", where, c))
	}
	if !(tol >= 0) {
		panic(fmt.Sprintf("linear: %s: Tol = %v, want Tol ≥ 0", where, tol))
	}
	if maxIter < 0 {
		panic(fmt.Sprintf("linear: %s: MaxIter = %d, want MaxIter ≥ 0", where, maxIter))
	}
	if c == 0 {
		c = 1
	}
	if tol == 0 {
		tol = 1e-4
	}
	if maxIter == 0 {
		maxIter = 100
	}
	return c, tol, maxIter
}

// sigmoid returns 1/(1+e^−z) without overflow: for z < 0 it uses eᶻ/(1+eᶻ).
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	t := math.Exp(z)
	return t / (1 + t)
}

// lossGrad is an objective whose value and gradient come from one pass.
type lossGrad interface {
	// lossGrad returns f(params) and stores ∇f(params) in grad.
	lossGrad(grad, params []float64) float64
}

// minimise runs gonum's L-BFGS (Moré–Thuente line search) on obj from zero until
// ‖∇f‖∞ ≤ c·tol or maxIter iterations, evaluating value and gradient in one pass
// (gonum asks for both at the same point; the gradient is cached). A Wolfe line
// search needs f to decrease, so it stalls once f(x) − f* falls below the rounding
// error of f while ‖∇f‖ may still be above a tight tolerance; then, for problems of
// at most newtonMaxDim parameters, polish finishes with Newton steps (null spans the
// directions in which f is constant, or is nil). It returns the best point found,
// the fit information and a *ConvergenceError when the tolerance was not met.
func minimise(obj lossGrad, dim int, c, tol float64, maxIter int, null []float64) ([]float64, FitInfo, error) {
	cacheX := make([]float64, dim)
	cacheG := make([]float64, dim)
	var cacheF float64
	cached := false
	eval := func(x []float64) float64 {
		if !cached || !floats.Equal(x, cacheX) {
			cacheF = obj.lossGrad(cacheG, x)
			copy(cacheX, x)
			cached = true
		}
		return cacheF
	}
	problem := optimize.Problem{
		Func: eval,
		Grad: func(grad, x []float64) {
			eval(x)
			copy(grad, cacheG)
		},
	}
	threshold := c * tol
	settings := &optimize.Settings{
		GradientThreshold: threshold,
		MajorIterations:   maxIter,
		Converger:         optimize.NeverTerminate{},
	}
	method := &optimize.LBFGS{Linesearcher: &optimize.MoreThuente{}, GradStopThreshold: threshold}
	res, err := optimize.Minimize(problem, make([]float64, dim), settings, method)
	if res == nil {
		// Minimize fails before iterating only for an invalid problem.
		panic("linear: optimize.Minimize: " + err.Error())
	}
	params, f, grad := res.X, res.F, res.Gradient
	iters := res.Stats.MajorIterations
	stalled := res.Status != optimize.GradientThreshold && res.Status != optimize.IterationLimit
	if h, ok := obj.(hessianer); ok && stalled && dim <= newtonMaxDim && floats.Norm(grad, math.Inf(1)) > threshold {
		var steps int
		params, f, grad, steps = polish(h, params, null, c, tol, maxIter-iters)
		iters += steps
	}
	gradNorm := floats.Norm(grad, math.Inf(1)) / c
	info := FitInfo{
		Solver:     SolverLBFGS,
		Iterations: iters,
		Loss:       f,
		GradNorm:   gradNorm,
		Converged:  gradNorm <= tol,
	}
	if info.Converged {
		return params, info, nil
	}
	reason := res.Status.String()
	if err != nil {
		reason = err.Error() + "; the objective cannot decrease further in floating point: use a larger Tol"
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		reason = "the objective became non-finite"
	}
	return params, info, &ConvergenceError{Iterations: iters, GradNorm: gradNorm, Tol: tol, Reason: reason}
}

// logLossResidual returns the log-loss softplus(z) − y·z of logit z for label y and
// the residual σ(z) − y, from one exponential: softplus(z) = max(z, 0) +
// log1p(e^−|z|), and σ(z) = 1/(1+e^−|z|) or e^−|z|/(1+e^−|z|) by the sign of z.
func logLossResidual(z, y float64) (loss, residual float64) {
	t := math.Exp(-math.Abs(z))
	s := 1 / (1 + t)
	if z < 0 {
		s = t / (1 + t)
	}
	return max(z, 0) + math.Log1p(t) - y*z, s - y
}

// logisticObjective is C·Σᵢ [softplus(zᵢ) − yᵢzᵢ] + ½‖w‖² over params = [w, b],
// with gradient C·Σᵢ (σ(zᵢ) − yᵢ)·[xᵢ, 1] + [w, 0].
type logisticObjective struct {
	x         blas64.General
	y         []float64
	c         float64
	intercept bool
	workers   int
	partial   [][]float64 // per chunk: gradient sums, then the loss
}

// lossGrad computes the loss and gradient in one row-parallel pass: each chunk
// computes zᵢ, the loss term and σ(zᵢ) − yᵢ while the row is in cache and adds the
// scaled row to its own gradient sum. It allocates only on its first call.
func (o *logisticObjective) lossGrad(grad, params []float64) float64 {
	p := o.x.Cols
	w, b := params[:p], params[p]
	if !o.intercept {
		b = 0
	}
	if o.partial == nil {
		o.partial = make([][]float64, chunkCount(o.x.Rows, p+2))
		for c := range o.partial {
			o.partial[c] = make([]float64, p+2)
		}
	}
	forChunks(o.x.Rows, len(o.partial), o.workers, func(_, c, lo, hi int) {
		acc := o.partial[c]
		clear(acc)
		var loss, gb float64
		x, stride, y := o.x.Data, o.x.Stride, o.y
		i := lo
		// Four rows at a time: the four logits share each load of w, and the
		// gradient update reads and writes acc once for the four rows.
		for ; i+4 <= hi; i += 4 {
			x0 := x[i*stride : i*stride+p]
			x1 := x[(i+1)*stride:][:len(x0)]
			x2 := x[(i+2)*stride:][:len(x0)]
			x3 := x[(i+3)*stride:][:len(x0)]
			wv := w[:len(x0)]
			z0, z1, z2, z3 := b, b, b, b
			for j, wj := range wv {
				z0 += x0[j] * wj
				z1 += x1[j] * wj
				z2 += x2[j] * wj
				z3 += x3[j] * wj
			}
			l0, r0 := logLossResidual(z0, y[i])
			l1, r1 := logLossResidual(z1, y[i+1])
			l2, r2 := logLossResidual(z2, y[i+2])
			l3, r3 := logLossResidual(z3, y[i+3])
			loss += (l0 + l1) + (l2 + l3)
			gb += (r0 + r1) + (r2 + r3)
			av := acc[:len(x0)]
			for j := range av {
				av[j] += r0*x0[j] + r1*x1[j] + r2*x2[j] + r3*x3[j]
			}
		}
		for ; i < hi; i++ {
			row := x[i*stride : i*stride+p]
			l, r := logLossResidual(b+floats.Dot(row, w), y[i])
			loss += l
			gb += r
			floats.AddScaled(acc[:p], r, row)
		}
		acc[p] = gb
		acc[p+1] = loss
	})
	sum := o.partial[0]
	for _, acc := range o.partial[1:] {
		floats.Add(sum, acc)
	}
	floats.ScaleTo(grad[:p], o.c, sum[:p])
	floats.Add(grad[:p], w)
	grad[p] = 0
	if o.intercept {
		grad[p] = o.c * sum[p]
	}
	return o.c*sum[p+1] + 0.5*floats.Dot(w, w)
}
