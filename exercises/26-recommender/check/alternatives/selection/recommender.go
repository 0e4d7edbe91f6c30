// Package recommender is an alternative solution of exercise 26, written from the README: raw
// row views for the factors, and Recommend picking the best remaining item n times.
package recommender

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

type Rating struct {
	User, Item int
	Value      float64
}

type Model struct {
	Mu                 float64
	UserBias, ItemBias []float64
	P, Q               *mat.Dense
}

func Predict(m Model, u, i int) float64 {
	return m.Mu + m.UserBias[u] + m.ItemBias[i] + mat.Dot(m.P.RowView(u), m.Q.RowView(i))
}

func Loss(m Model, ratings []Rating, lambda float64) float64 {
	data := 0.0
	for _, r := range ratings {
		d := Predict(m, r.User, r.Item) - r.Value
		data += d * d
	}
	p := mat.Norm(m.P, 2)
	q := mat.Norm(m.Q, 2)
	return 0.5*data + 0.5*lambda*(p*p+q*q)
}

func Gradients(m Model, ratings []Rating, lambda float64) Model {
	nu, k := m.P.Dims()
	ni, _ := m.Q.Dims()
	g := Model{UserBias: make([]float64, nu), ItemBias: make([]float64, ni)}
	g.P = mat.DenseCopyOf(m.P)
	g.P.Scale(lambda, g.P)
	g.Q = mat.DenseCopyOf(m.Q)
	g.Q.Scale(lambda, g.Q)
	for _, r := range ratings {
		d := Predict(m, r.User, r.Item) - r.Value // = −e
		g.UserBias[r.User] += d
		g.ItemBias[r.Item] += d
		pu, qi := m.P.RawRowView(r.User), m.Q.RawRowView(r.Item)
		gu, gi := g.P.RawRowView(r.User), g.Q.RawRowView(r.Item)
		for f := 0; f < k; f++ {
			gu[f] += d * qi[f]
			gi[f] += d * pu[f]
		}
	}
	return g
}

func Train(ratings []Rating, init Model, lambda, lr float64, epochs int) (Model, []float64) {
	m := Model{
		UserBias: append([]float64{}, init.UserBias...),
		ItemBias: append([]float64{}, init.ItemBias...),
		P:        mat.DenseCopyOf(init.P),
		Q:        mat.DenseCopyOf(init.Q),
	}
	for _, r := range ratings {
		m.Mu += r.Value
	}
	m.Mu /= float64(len(ratings))
	hist := make([]float64, epochs+1)
	hist[0] = Loss(m, ratings, lambda)
	for e := 1; e <= epochs; e++ {
		g := Gradients(m, ratings, lambda)
		for j := range m.UserBias {
			m.UserBias[j] += -lr * g.UserBias[j]
		}
		for j := range m.ItemBias {
			m.ItemBias[j] += -lr * g.ItemBias[j]
		}
		var step mat.Dense
		step.Scale(lr, g.P)
		m.P.Sub(m.P, &step)
		step.Reset()
		step.Scale(lr, g.Q)
		m.Q.Sub(m.Q, &step)
		hist[e] = Loss(m, ratings, lambda)
	}
	return m, hist
}

func RMSE(m Model, ratings []Rating) float64 {
	s := 0.0
	for _, r := range ratings {
		d := Predict(m, r.User, r.Item) - r.Value
		s += d * d
	}
	return math.Sqrt(s / float64(len(ratings)))
}

func Recommend(m Model, user, n int, seen []Rating) []int {
	ni := len(m.ItemBias)
	taken := make(map[int]bool)
	for _, r := range seen {
		if r.User == user {
			taken[r.Item] = true
		}
	}
	out := []int{}
	for len(out) < n {
		best := -1
		bestScore := math.Inf(-1)
		for i := 0; i < ni; i++ {
			if taken[i] {
				continue
			}
			if s := Predict(m, user, i); best < 0 || s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			break
		}
		out = append(out, best)
		taken[best] = true
	}
	return out
}
