// Package density fits the simplest density model of anomaly detection: a Gaussian per
// feature, the features treated as independent (a Gaussian with a diagonal covariance), as in
// the anomaly detection lectures of Andrew Ng's machine learning course.
//
// Fit estimates each feature's mean and variance from rows of normal examples; LogDensity
// scores rows by their log density under the fitted model; SelectThreshold chooses the
// threshold ε on labelled validation scores by F1 (with mlkit/metrics' BestF1Threshold), and
// Flag flags the rows whose log density is at most ε:
//
//	log p(x) = Σⱼ log N(xⱼ; μⱼ, σⱼ²) = Σⱼ −½·log(2π·σⱼ²) − (xⱼ − μⱼ)²/(2·σⱼ²)
//	anomaly  ⇔  log p(x) ≤ ε
//
// Scores are log densities, not densities: a product of n small densities underflows to 0
// long before the sum of their logarithms leaves the float64 range (30 features with a density
// of 1e−11 each already make 1e−330), and every row would then tie at 0.
//
// The variance is the population variance, dividing by m (numpy's var with ddof=0, the
// maximum-likelihood estimate). Misuse panics with a message naming the function: no rows,
// mismatched dimensions, NaN or ±Inf in an input, a variance that is not positive.
package density

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/metrics"
)

// Gaussian is a per-feature Gaussian: feature j of a row is N(Mean[j], Var[j]), independently
// of the others.
type Gaussian struct {
	Mean []float64 // μⱼ, the mean of feature j
	Var  []float64 // σⱼ², the population variance of feature j (dividing by m)
}

// Fit returns the per-feature Gaussian of the rows of X: each column's mean and population
// variance,
//
//	μⱼ = 1/m · Σᵢ xᵢⱼ,   σⱼ² = 1/m · Σᵢ (xᵢⱼ − μⱼ)²,
//
// the maximum-likelihood estimates (numpy's X.mean(0) and X.var(0, ddof=0)). The variance is
// summed from the deviations from the mean (two passes), which does not lose precision on
// features with a large mean as Σx²/m − μ² does. A constant column has variance 0, which
// LogDensity refuses.
//
// It panics if X has no rows or holds NaN or ±Inf.
func Fit(X mat.Matrix) *Gaussian {
	m, n := X.Dims()
	if m == 0 || n == 0 {
		panic("density: Fit: X is empty")
	}
	g := &Gaussian{Mean: make([]float64, n), Var: make([]float64, n)}
	for j := range n {
		s := 0.0
		for i := range m {
			v := X.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("density: Fit: X[%d, %d] is %v", i, j, v))
			}
			s += v
		}
		mu := s / float64(m)
		ss := 0.0
		for i := range m {
			d := X.At(i, j) - mu
			ss += d * d
		}
		g.Mean[j], g.Var[j] = mu, ss/float64(m)
	}
	return g
}

// LogPDF returns the log density of the normal distribution N(mean, variance) at x,
//
//	log N(x; μ, σ²) = −½·log(2π·σ²) − (x − μ)²/(2·σ²),
//
// scipy.stats.norm.logpdf(x, loc=μ, scale=√σ²). It is finite for every finite x: far from the
// mean it is a large negative number, where the density itself would underflow to 0.
//
// It panics if variance is not positive and finite, or if x or mean is NaN or ±Inf.
func LogPDF(x, mean, variance float64) float64 {
	if !(variance > 0) || math.IsInf(variance, 0) {
		panic(fmt.Sprintf("density: LogPDF: variance = %v is not a positive number", variance))
	}
	if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(mean) || math.IsInf(mean, 0) {
		panic(fmt.Sprintf("density: LogPDF: x = %v, mean = %v: both must be finite", x, mean))
	}
	d := x - mean
	return -0.5*math.Log(2*math.Pi*variance) - d*d/(2*variance)
}

// LogDensity returns the log density of each row of X under g,
//
//	log p(xᵢ) = Σⱼ log N(xᵢⱼ; μⱼ, σⱼ²),
//
// the sum of the per-feature LogPDFs (scipy.stats.norm.logpdf(X, μ, σ).sum(axis=1)). The
// result is written into dst if it has the length of a column of X, and into a new slice
// otherwise.
//
// It panics if X's column count differs from len(g.Mean) or len(g.Var), if a variance is not
// positive and finite, or if X holds NaN or ±Inf.
func (g *Gaussian) LogDensity(dst []float64, X mat.Matrix) []float64 {
	m, n := X.Dims()
	if n != len(g.Mean) || n != len(g.Var) {
		panic(fmt.Sprintf("density: LogDensity: X has %d columns, the Gaussian %d means and %d variances", n, len(g.Mean), len(g.Var)))
	}
	for j, v := range g.Var {
		if !(v > 0) || math.IsInf(v, 0) {
			panic(fmt.Sprintf("density: LogDensity: Var[%d] = %v is not a positive number", j, v))
		}
	}
	if len(dst) != m {
		dst = make([]float64, m)
	}
	for i := range m {
		s := 0.0
		for j := range n {
			s += LogPDF(X.At(i, j), g.Mean[j], g.Var[j])
		}
		dst[i] = s
	}
	return dst
}

// SelectThreshold returns the threshold ε that maximises the F1 score of the detector "an
// anomaly when logp ≤ ε" on labelled validation scores (y = 1 for an anomaly, the positive
// class), and that F1:
//
//	F1(ε) = 2·tp/(2·tp + fp + fn).
//
// The candidates are the distinct values of logp; among thresholds tied for the best F1
// (compared exactly, as fractions of counts) it returns the smallest, which flags the fewest
// rows. It is metrics.BestF1Threshold(y, −logp) with its threshold negated back: the highest
// threshold on −log p is the lowest on log p.
//
// It panics if the lengths differ, the input is empty, a label is not 0 or 1, no label is 1,
// or a score is NaN or ±Inf.
func SelectThreshold(y []int, logp []float64) (eps, f1 float64) {
	neg := make([]float64, len(logp))
	for i, v := range logp {
		neg[i] = -v
	}
	t, f1 := metrics.BestF1Threshold(y, neg)
	return 0 - t, f1 // 0 − t, not −t: a threshold of 0 stays +0
}

// Flag returns 1 for each score at most eps (an anomaly: log p(x) ≤ ε) and 0 for the others.
//
// It panics if a score or eps is NaN.
func Flag(logp []float64, eps float64) []int {
	if math.IsNaN(eps) {
		panic("density: Flag: eps is NaN")
	}
	out := make([]int, len(logp))
	for i, v := range logp {
		if math.IsNaN(v) {
			panic(fmt.Sprintf("density: Flag: logp[%d] is NaN", i))
		}
		if v <= eps {
			out[i] = 1
		}
	}
	return out
}
