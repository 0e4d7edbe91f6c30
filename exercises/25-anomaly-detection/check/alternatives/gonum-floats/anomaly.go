// Package anomaly is an alternative solution written from the README with gonum's floats and
// mat column views, F1 from precision and recall counted per candidate, and a map of the
// distinct scores.
package anomaly

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

type TestF1 func(flags []int) float64

func Fit(X *mat.Dense) (mu, sigma2 []float64) {
	m, n := X.Dims()
	for j := 0; j < n; j++ {
		col := mat.Col(nil, j, X)
		mean := floats.Sum(col) / float64(m)
		floats.AddConst(-mean, col)
		mu = append(mu, mean)
		sigma2 = append(sigma2, floats.Dot(col, col)/float64(m))
	}
	return mu, sigma2
}

func LogDensity(X *mat.Dense, mu, sigma2 []float64) []float64 {
	m, _ := X.Dims()
	out := make([]float64, m)
	for i := range out {
		for j, x := range X.RawRowView(i) {
			z := (x - mu[j]) / math.Sqrt(sigma2[j])
			out[i] += -z*z/2 - math.Log(math.Sqrt(2*math.Pi*sigma2[j]))
		}
	}
	return out
}

func SelectThreshold(logp []float64, y []int) (eps, f1 float64) {
	seen := map[float64]bool{}
	first := true
	for _, c := range logp {
		if seen[c] {
			continue
		}
		seen[c] = true
		var tp, fp, fn int
		for i, v := range logp {
			switch flag := v <= c; {
			case flag && y[i] == 1:
				tp++
			case flag:
				fp++
			case y[i] == 1:
				fn++
			}
		}
		f := float64(2*tp) / float64(2*tp+fp+fn)
		if first || f > f1 || f == f1 && c < eps {
			eps, f1, first = c, f, false
		}
	}
	return eps, f1
}

func Detect(logp []float64, eps float64) []int {
	var out []int
	for _, v := range logp {
		f := 0
		if v <= eps {
			f = 1
		}
		out = append(out, f)
	}
	return out
}

func Evaluate(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, Xtest *mat.Dense, testF1 TestF1) (eps, f1 float64) {
	_, n := Xtrain.Dims()
	var data []float64
	for i, v := range ytrain {
		if v == 0 {
			data = append(data, Xtrain.RawRowView(i)...)
		}
	}
	mu, s2 := Fit(mat.NewDense(len(data)/n, n, data))
	eps, _ = SelectThreshold(LogDensity(Xval, mu, s2), yval)
	flags := Detect(LogDensity(Xtest, mu, s2), eps)
	return eps, testF1(flags)
}
