// Package knn: an alternative solution, written from the README alone. Neighbours come from
// sorting (distance, index) pairs with an explicit tie-break on the index, and the scaling uses
// gonum's stat.PopMeanStdDev.
package knn

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func Distances(A, B *mat.Dense) *mat.Dense {
	ra, _ := A.Dims()
	rb, _ := B.Dims()
	D := mat.NewDense(ra, rb, nil)
	var diff mat.VecDense
	for i := range ra {
		for j := range rb {
			diff.SubVec(A.RowView(i), B.RowView(j))
			D.Set(i, j, math.Sqrt(mat.Dot(&diff, &diff)))
		}
	}
	return D
}

type pair struct {
	d float64
	i int
}

func Neighbors(Xtrain, Xquery *mat.Dense, k int) [][]int {
	D := Distances(Xquery, Xtrain)
	q, m := D.Dims()
	out := make([][]int, q)
	for r := range q {
		ps := make([]pair, m)
		for j := range m {
			ps[j] = pair{D.At(r, j), j}
		}
		slices.SortFunc(ps, func(a, b pair) int {
			if c := cmp.Compare(a.d, b.d); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
		out[r] = make([]int, k)
		for j := range k {
			out[r][j] = ps[j].i
		}
	}
	return out
}

func Predict(Xtrain *mat.Dense, ytrain []int, Xquery *mat.Dense, k int) []int {
	nb := Neighbors(Xtrain, Xquery, k)
	out := make([]int, len(nb))
	for r, rows := range nb {
		count := map[int]int{}
		for _, j := range rows {
			count[ytrain[j]]++
		}
		best, bestN := -1, 0
		for label, n := range count {
			if n > bestN || (n == bestN && label < best) {
				best, bestN = label, n
			}
		}
		out[r] = best
	}
	return out
}

func ChooseK(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, ks []int) (best int, acc []float64) {
	_, n := Xtrain.Dims()
	Ztr, Zva := mat.DenseCopyOf(Xtrain), mat.DenseCopyOf(Xval)
	for j := range n {
		mean, sd := stat.PopMeanStdDev(mat.Col(nil, j, Xtrain), nil)
		for _, Z := range []*mat.Dense{Ztr, Zva} {
			r, _ := Z.Dims()
			for i := range r {
				Z.Set(i, j, (Z.At(i, j)-mean)/sd)
			}
		}
	}
	acc = make([]float64, len(ks))
	for i, k := range ks {
		pred := Predict(Ztr, ytrain, Zva, k)
		hits := 0
		for r := range pred {
			if pred[r] == yval[r] {
				hits++
			}
		}
		acc[i] = float64(hits) / float64(len(yval))
	}
	bi := 0
	for i := range acc {
		if acc[i] > acc[bi] {
			bi = i
		}
	}
	return ks[bi], acc
}
