// Package linear fits linear models: ordinary least squares (Regression), ridge
// regression (Ridge), binary L2-regularised logistic regression (Logistic) and multinomial
// softmax regression (Softmax). Objectives, regularisation conventions and solvers follow
// scikit-learn 1.2, so that mlkata can use these models as the reference for graded
// exercises.
//
// # How the parts fit
//
// Every model is a struct whose exported fields are options (the zero value is
// scikit-learn's default: an intercept, C = 1, the automatic solver, GOMAXPROCS
// workers) and whose Fit method computes coefficients that Coef, Intercept, Info,
// Predict and DecisionFunction then read. X is any mat.Matrix with one row per sample;
// a *mat.Dense is read in place, anything else is copied once. Inputs are never
// modified.
//
// Least squares and ridge share one solver (lstsq.go). In one pass over the data,
// the Gram matrix of [X−s, y−s_y, 1] (s: the mean of the first rows, a shift that
// removes any large offset) is accumulated row-parallel by a register-tiled kernel
// (gram.go), because gonum's Dgemm runs XᵀX with at most 64 columns on one core; the
// Schur complement of the ones column turns it into the exactly centred XcᵀXc and
// Xcᵀyc and gives the exact means, and a NaN or Inf shows up on its diagonal. The
// normal equations are solved by Cholesky after scaling to unit diagonal; they are
// trusted only when the estimated condition number of that scaled Gram matrix is
// below 1e8 (κ(X) ≲ 1e4, so at most about 8 digits lost and usually far fewer).
// Otherwise the solver falls back to a Householder QR of [Xc yc] (Q is never formed;
// Qᵀy is the last column of R) followed by an SVD of the small R factor with
// scikit-learn's rank cutoff σᵢ > ε·σ₁, which gives the minimum-norm solution for
// rank-deficient X exactly as scipy.linalg.lstsq (gelsd) does.
//
// The classifiers minimise C·Σᵢ lossᵢ + ½‖W‖² with unpenalised intercepts using
// gonum's L-BFGS over a fused, row-parallel loss-and-gradient pass. Tol bounds
// ‖∇f‖∞/C, the quantity scikit-learn's lbfgs compares with its tol. A Wolfe line
// search stops making progress once f(x) − f* is below the rounding error of f, which
// can happen while the gradient is still above a tight Tol; problems with at most 256
// parameters then finish with Newton steps on the exact Hessian (newton.go), so Tol
// down to about 1e-12 is reachable. The losses are
// computed from logits only: softplus(z) − y·z with softplus(z) = max(z, 0) +
// log1p(e^−|z|) for the binary case, and the log-sum-exp with the row maximum
// subtracted for the multinomial case.
//
// # Parallelism and reproducibility
//
// Row-parallel passes split the rows into chunks whose number depends only on the
// shape of the data; Workers goroutines (default GOMAXPROCS) take chunks in turn, and
// the chunks' partial sums are added in chunk order. Results are therefore
// bit-for-bit identical for any Workers value (on one architecture: other
// architectures may fuse multiply-adds or use other gonum kernels), and a core
// taken by another process delays only its current chunk.
//
// # Errors and panics
//
// Following gonum, Fit panics for misuse the caller can see before the call
// (mismatched lengths, empty data, a negative penalty, a label outside the classes)
// and returns an error for what only the data reveal: NaN or ±Inf in X or y
// (naming the row and column), a singular system when SolverCholesky was forced, and
// non-convergence of an iterative solver (*ConvergenceError, with the last iterate
// kept so the model can still predict). Using a model before a successful Fit panics,
// and so does predicting from an X that holds NaN or ±Inf (the prediction methods
// have no error result, and a NaN logit would otherwise pass as class 0).
package linear
