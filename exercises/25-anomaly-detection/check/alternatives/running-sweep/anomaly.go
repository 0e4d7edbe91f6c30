// Package anomaly is an alternative solution written from the README: Welford's running mean
// and variance, the log-density constants computed once per feature, and a threshold chosen
// by one sweep over the sorted scores.
package anomaly

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

type TestF1 func(flags []int) float64

func Fit(X *mat.Dense) (mu, sigma2 []float64) {
	m, n := X.Dims()
	mu = make([]float64, n)
	m2 := make([]float64, n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			x := X.At(i, j)
			d := x - mu[j]
			mu[j] += d / float64(i+1)
			m2[j] += d * (x - mu[j])
		}
	}
	sigma2 = make([]float64, n)
	for j := range m2 {
		sigma2[j] = m2[j] / float64(m)
	}
	return mu, sigma2
}

func LogDensity(X *mat.Dense, mu, sigma2 []float64) []float64 {
	m, n := X.Dims()
	c := 0.0
	for j := 0; j < n; j++ {
		c -= 0.5 * math.Log(2*math.Pi*sigma2[j])
	}
	out := make([]float64, m)
	for i := 0; i < m; i++ {
		q := 0.0
		for j := 0; j < n; j++ {
			d := X.At(i, j) - mu[j]
			q += d * d / sigma2[j]
		}
		out[i] = c - q/2
	}
	return out
}

func SelectThreshold(logp []float64, y []int) (eps, f1 float64) {
	idx := make([]int, len(logp))
	nPos := 0
	for i := range idx {
		idx[i] = i
		nPos += y[i]
	}
	sort.Slice(idx, func(a, b int) bool { return logp[idx[a]] < logp[idx[b]] })
	tp, fp := 0, 0
	f1 = -1
	for k := 0; k < len(idx); {
		t := logp[idx[k]]
		for k < len(idx) && logp[idx[k]] == t {
			if y[idx[k]] == 1 {
				tp++
			} else {
				fp++
			}
			k++
		}
		if f := 2 * float64(tp) / float64(tp+fp+nPos); f > f1 {
			eps, f1 = t, f
		}
	}
	return eps, f1
}

func Detect(logp []float64, eps float64) []int {
	out := make([]int, len(logp))
	for i := range logp {
		if !(logp[i] > eps) {
			out[i] = 1
		}
	}
	return out
}

func Evaluate(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, Xtest *mat.Dense, testF1 TestF1) (eps, f1 float64) {
	var keep []int
	for i, v := range ytrain {
		if v == 0 {
			keep = append(keep, i)
		}
	}
	_, n := Xtrain.Dims()
	normal := mat.NewDense(len(keep), n, nil)
	for r, i := range keep {
		normal.SetRow(r, Xtrain.RawRowView(i))
	}
	mu, s2 := Fit(normal)
	eps, _ = SelectThreshold(LogDensity(Xval, mu, s2), yval)
	return eps, testF1(Detect(LogDensity(Xtest, mu, s2), eps))
}
