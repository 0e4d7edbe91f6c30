// Package recommender is an alternative solution of exercise 26, written from the README: the
// residuals of all ratings computed once per pass, and Recommend sorting (prediction, index)
// pairs with slices.SortFunc.
package recommender

import (
	"cmp"
	"math"
	"slices"

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
	_, k := m.P.Dims()
	dot := 0.0
	for f := range k {
		dot += m.P.At(u, f) * m.Q.At(i, f)
	}
	return m.Mu + m.UserBias[u] + m.ItemBias[i] + dot
}

// residuals returns e = r − r̂ for every rating.
func residuals(m Model, ratings []Rating) []float64 {
	e := make([]float64, len(ratings))
	for k, r := range ratings {
		e[k] = r.Value - Predict(m, r.User, r.Item)
	}
	return e
}

func frob2(a *mat.Dense) float64 {
	r, c := a.Dims()
	s := 0.0
	for i := range r {
		for j := range c {
			s += a.At(i, j) * a.At(i, j)
		}
	}
	return s
}

func Loss(m Model, ratings []Rating, lambda float64) float64 {
	sse := 0.0
	for _, e := range residuals(m, ratings) {
		sse += e * e
	}
	return (sse + lambda*(frob2(m.P)+frob2(m.Q))) / 2
}

func Gradients(m Model, ratings []Rating, lambda float64) Model {
	users, k := m.P.Dims()
	items, _ := m.Q.Dims()
	gP, gQ := mat.NewDense(users, k, nil), mat.NewDense(items, k, nil)
	gbu, gbi := make([]float64, users), make([]float64, items)
	for n, e := range residuals(m, ratings) {
		u, i := ratings[n].User, ratings[n].Item
		gbu[u] -= e
		gbi[i] -= e
		for f := range k {
			gP.Set(u, f, gP.At(u, f)-e*m.Q.At(i, f))
			gQ.Set(i, f, gQ.At(i, f)-e*m.P.At(u, f))
		}
	}
	var reg mat.Dense
	reg.Scale(lambda, m.P)
	gP.Add(gP, &reg)
	reg.Reset()
	reg.Scale(lambda, m.Q)
	gQ.Add(gQ, &reg)
	return Model{UserBias: gbu, ItemBias: gbi, P: gP, Q: gQ}
}

func Train(ratings []Rating, init Model, lambda, lr float64, epochs int) (Model, []float64) {
	m := init
	m.UserBias = slices.Clone(init.UserBias)
	m.ItemBias = slices.Clone(init.ItemBias)
	m.P, m.Q = mat.DenseCopyOf(init.P), mat.DenseCopyOf(init.Q)
	total := 0.0
	for _, r := range ratings {
		total += r.Value
	}
	m.Mu = total / float64(len(ratings))
	history := []float64{Loss(m, ratings, lambda)}
	for range epochs {
		g := Gradients(m, ratings, lambda)
		for u, v := range g.UserBias {
			m.UserBias[u] -= lr * v
		}
		for i, v := range g.ItemBias {
			m.ItemBias[i] -= lr * v
		}
		r, c := m.P.Dims()
		for a := range r {
			for b := range c {
				m.P.Set(a, b, m.P.At(a, b)-lr*g.P.At(a, b))
			}
		}
		r, c = m.Q.Dims()
		for a := range r {
			for b := range c {
				m.Q.Set(a, b, m.Q.At(a, b)-lr*g.Q.At(a, b))
			}
		}
		history = append(history, Loss(m, ratings, lambda))
	}
	return m, history
}

func RMSE(m Model, ratings []Rating) float64 {
	sse := 0.0
	for _, e := range residuals(m, ratings) {
		sse += e * e
	}
	return math.Sqrt(sse / float64(len(ratings)))
}

func Recommend(m Model, user, n int, seen []Rating) []int {
	type cand struct {
		item  int
		score float64
	}
	var rated []int
	for _, r := range seen {
		if r.User == user {
			rated = append(rated, r.Item)
		}
	}
	var cands []cand
	for i := range m.ItemBias {
		if !slices.Contains(rated, i) {
			cands = append(cands, cand{i, Predict(m, user, i)})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.item, b.item)
	})
	out := make([]int, 0, n)
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.item)
	}
	return out
}
