// Package knn: an alternative solution, written from the README alone. It ranks by squared
// distance (the square root keeps the order) and selects the k nearest rows one at a time with a
// strict comparison, so the lower index wins a tie; votes are counted in a slice.
package knn

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

func sqDist(a, b []float64) float64 {
	s := 0.0
	for l := range a {
		s += (a[l] - b[l]) * (a[l] - b[l])
	}
	return s
}

func Distances(A, B *mat.Dense) *mat.Dense {
	ra, _ := A.Dims()
	rb, _ := B.Dims()
	D := mat.NewDense(ra, rb, nil)
	for i := range ra {
		for j := range rb {
			D.Set(i, j, math.Sqrt(sqDist(A.RawRowView(i), B.RawRowView(j))))
		}
	}
	return D
}

func Neighbors(Xtrain, Xquery *mat.Dense, k int) [][]int {
	m, _ := Xtrain.Dims()
	q, _ := Xquery.Dims()
	out := make([][]int, q)
	for r := range q {
		d := make([]float64, m)
		for j := range m {
			d[j] = sqDist(Xquery.RawRowView(r), Xtrain.RawRowView(j))
		}
		taken := make([]bool, m)
		for range k {
			best := -1
			for j := range m {
				if !taken[j] && (best < 0 || d[j] < d[best]) {
					best = j
				}
			}
			taken[best] = true
			out[r] = append(out[r], best)
		}
	}
	return out
}

func Predict(Xtrain *mat.Dense, ytrain []int, Xquery *mat.Dense, k int) []int {
	K := 0
	for _, c := range ytrain {
		K = max(K, c+1)
	}
	nb := Neighbors(Xtrain, Xquery, k)
	out := make([]int, len(nb))
	for r, rows := range nb {
		votes := make([]int, K)
		for _, j := range rows {
			votes[ytrain[j]]++
		}
		for c := range K {
			if votes[c] > votes[out[r]] {
				out[r] = c
			}
		}
	}
	return out
}

func standardize(X *mat.Dense, mean, sd []float64) *mat.Dense {
	r, c := X.Dims()
	Z := mat.NewDense(r, c, nil)
	Z.Apply(func(i, j int, v float64) float64 { return (v - mean[j]) / sd[j] }, X)
	return Z
}

func ChooseK(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, ks []int) (best int, acc []float64) {
	m, n := Xtrain.Dims()
	mean, sd := make([]float64, n), make([]float64, n)
	for j := range n {
		col := mat.Col(nil, j, Xtrain)
		for _, v := range col {
			mean[j] += v / float64(m)
		}
		for _, v := range col {
			sd[j] += (v - mean[j]) * (v - mean[j]) / float64(m)
		}
		sd[j] = math.Sqrt(sd[j])
	}
	Ztr, Zva := standardize(Xtrain, mean, sd), standardize(Xval, mean, sd)
	bestAcc := math.Inf(-1)
	for _, k := range ks {
		pred := Predict(Ztr, ytrain, Zva, k)
		ok := 0
		for i := range pred {
			if pred[i] == yval[i] {
				ok++
			}
		}
		a := float64(ok) / float64(len(yval))
		acc = append(acc, a)
		if a > bestAcc {
			best, bestAcc = k, a
		}
	}
	return best, acc
}
