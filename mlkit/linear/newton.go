package linear

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// newtonMaxDim is the largest number of parameters for which minimise polishes a
// stalled L-BFGS run with Newton steps (a dense dim×dim Hessian costs n·dim²/2 per
// step).
const newtonMaxDim = 256

// hessianer is an objective that can also form its Hessian.
type hessianer interface {
	lossGrad
	// hessian stores ∇²f(params) in the upper triangle of the dim×dim row-major h.
	hessian(h []float64, params []float64)
}

// polish continues from x with Newton steps d = −(H + uuᵀ)⁻¹∇f until ‖∇f‖∞ ≤ c·tol,
// for at most maxIter steps; it returns the final point, objective, gradient and the
// number of steps. u spans the directions in which f is constant (the common shift of
// all softmax intercepts; nil for none): adding uuᵀ makes the system positive definite
// without changing the step, because ∇f ⊥ u. The step is halved until the objective
// does not increase beyond its rounding error, 8·ε·|f|, which lets Newton's
// quadratic convergence continue below the precision of f, where a Wolfe line search
// (L-BFGS) stalls. Nocedal & Wright, Numerical Optimization, 2nd ed., §3.4.
func polish(obj hessianer, x []float64, u []float64, c, tol float64, maxIter int) ([]float64, float64, []float64, int) {
	dim := len(x)
	g := make([]float64, dim)
	gt := make([]float64, dim)
	xt := make([]float64, dim)
	h := make([]float64, dim*dim)
	f := obj.lossGrad(g, x)
	var chol mat.Cholesky
	var d mat.VecDense
	it := 0
	for ; it < maxIter && floats.Norm(g, math.Inf(1)) > c*tol; it++ {
		clear(h)
		obj.hessian(h, x)
		for i := range dim {
			for j := i; j < dim; j++ {
				if u != nil {
					h[i*dim+j] += u[i] * u[j]
				}
				h[j*dim+i] = h[i*dim+j]
			}
		}
		if !chol.Factorize(mat.NewSymDense(dim, h)) {
			break
		}
		if err := chol.SolveVecTo(&d, mat.NewVecDense(dim, g)); err != nil {
			break
		}
		step := 1.0
		accepted := false
		for range 40 {
			floats.AddScaledTo(xt, x, -step, d.RawVector().Data)
			ft := obj.lossGrad(gt, xt)
			if ft <= f+8*eps*math.Abs(f) {
				copy(x, xt)
				copy(g, gt)
				f = ft
				accepted = true
				break
			}
			step /= 2
		}
		if !accepted {
			break
		}
	}
	return x, f, g, it
}

// hessian stores C·Σᵢ σᵢ(1−σᵢ)·x̃ᵢx̃ᵢᵀ + diag(1, …, 1, 0) with x̃ᵢ = [xᵢ, 1] (the
// intercept row and column are zero without an intercept, and the diagonal entry 1
// then keeps the matrix positive definite).
func (o *logisticObjective) hessian(h, params []float64) {
	p := o.x.Cols
	dim := p + 1
	w, b := params[:p], params[p]
	if !o.intercept {
		b = 0
	}
	xt := make([]float64, dim)
	for i := range o.x.Rows {
		copy(xt, o.x.Data[i*o.x.Stride:i*o.x.Stride+p])
		xt[p] = 0
		if o.intercept {
			xt[p] = 1
		}
		s := sigmoid(b + floats.Dot(xt[:p], w))
		dd := o.c * s * (1 - s)
		for j := range dim {
			floats.AddScaled(h[j*dim+j:j*dim+dim], dd*xt[j], xt[j:])
		}
	}
	for j := range p {
		h[j*dim+j]++
	}
	if !o.intercept {
		h[p*dim+p] = 1
	}
}

// hessian stores C·Σᵢ (diag(πᵢ) − πᵢπᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ + [I on W, 0 on b] in the
// parameter order [W row-major, b] (Böhning 1992, "Multinomial logistic regression
// algorithm"); the intercept block is the identity without an intercept.
func (o *softmaxObjective) hessian(h, params []float64) {
	p, k := o.x.Cols, o.k
	dim := k * (p + 1)
	w, b := params[:k*p], params[k*p:]
	idx := func(c, j int) int { // position of W[c][j], or of b[c] when j == p
		if j == p {
			return k*p + c
		}
		return c*p + j
	}
	pi := make([]float64, k)
	for i := range o.x.Rows {
		row := o.x.Data[i*o.x.Stride : i*o.x.Stride+p]
		for c := range k {
			pi[c] = floats.Dot(row, w[c*p:(c+1)*p])
			if o.intercept {
				pi[c] += b[c]
			}
		}
		m := floats.Max(pi)
		for c := range pi {
			pi[c] = math.Exp(pi[c] - m)
		}
		floats.Scale(1/floats.Sum(pi), pi)
		xv := func(j int) float64 {
			if j == p {
				if o.intercept {
					return 1
				}
				return 0
			}
			return row[j]
		}
		for c1 := range k {
			for c2 := c1; c2 < k; c2++ {
				coef := -pi[c1] * pi[c2]
				if c1 == c2 {
					coef += pi[c1]
				}
				coef *= o.c
				for j1 := 0; j1 <= p; j1++ {
					v1 := coef * xv(j1)
					if v1 == 0 {
						continue
					}
					for j2 := 0; j2 <= p; j2++ {
						a, bb := idx(c1, j1), idx(c2, j2)
						if a <= bb {
							h[a*dim+bb] += v1 * xv(j2)
						} else if c1 != c2 {
							h[bb*dim+a] += v1 * xv(j2)
						}
					}
				}
			}
		}
	}
	for i := range k * p {
		h[i*dim+i]++
	}
	if !o.intercept {
		for c := range k {
			h[(k*p+c)*dim+k*p+c] = 1
		}
	}
}
