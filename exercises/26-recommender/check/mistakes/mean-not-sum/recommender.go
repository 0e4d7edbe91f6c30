// Package recommender holds exercise 26: collaborative filtering by biased matrix
// factorisation, trained by gradient descent on the observed ratings only. See README.md for
// the task.
package recommender

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// A Rating is one observed cell of the users × items ratings matrix: user User gave item Item
// the rating Value.
type Rating struct {
	User, Item int
	Value      float64
}

// A Model predicts r̂ᵤᵢ = Mu + UserBias[u] + ItemBias[i] + (row u of P)·(row i of Q).
type Model struct {
	Mu                 float64    // μ, the global mean rating
	UserBias, ItemBias []float64  // bᵤ (one per user) and bᵢ (one per item)
	P, Q               *mat.Dense // users × k and items × k: the latent factors
}

// Predict returns m's predicted rating of item i by user u, μ + bᵤ + bᵢ + pᵤ·qᵢ.
func Predict(m Model, u, i int) float64 {
	_, k := m.P.Dims()
	r := m.Mu + m.UserBias[u] + m.ItemBias[i]
	for f := 0; f < k; f++ {
		r += m.P.At(u, f) * m.Q.At(i, f)
	}
	return r
}

// Loss returns ½ Σ (r − r̂)² over the given ratings + λ/2 (‖P‖² + ‖Q‖²).
func Loss(m Model, ratings []Rating, lambda float64) float64 {
	sse := 0.0
	for _, r := range ratings {
		e := r.Value - Predict(m, r.User, r.Item)
		sse += e * e
	}
	return sse/(2*float64(len(ratings))) + lambda/2*(squares(m.P)+squares(m.Q))
}

// squares returns the sum of the squares of a's entries.
func squares(a *mat.Dense) float64 {
	rows, cols := a.Dims()
	s := 0.0
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			s += a.At(i, j) * a.At(i, j)
		}
	}
	return s
}

// Gradients returns the gradient of Loss with respect to the biases, P and Q, as a Model of
// m's shape whose Mu is 0.
func Gradients(m Model, ratings []Rating, lambda float64) Model {
	users, k := m.P.Dims()
	items, _ := m.Q.Dims()
	g := Model{
		UserBias: make([]float64, users),
		ItemBias: make([]float64, items),
		P:        mat.NewDense(users, k, nil),
		Q:        mat.NewDense(items, k, nil),
	}
	g.P.Scale(lambda, m.P)
	g.Q.Scale(lambda, m.Q)
	n := float64(len(ratings))
	for _, r := range ratings {
		u, i := r.User, r.Item
		e := (r.Value - Predict(m, u, i)) / n
		g.UserBias[u] -= e
		g.ItemBias[i] -= e
		for f := 0; f < k; f++ {
			g.P.Set(u, f, g.P.At(u, f)-e*m.Q.At(i, f))
			g.Q.Set(i, f, g.Q.At(i, f)-e*m.P.At(u, f))
		}
	}
	return g
}

// Train sets μ to the mean of the ratings and takes epochs steps of full-batch gradient
// descent from init; history[e] is the loss after e steps.
func Train(ratings []Rating, init Model, lambda, lr float64, epochs int) (Model, []float64) {
	sum := 0.0
	for _, r := range ratings {
		sum += r.Value
	}
	m := Model{
		Mu:       sum / float64(len(ratings)),
		UserBias: append([]float64(nil), init.UserBias...),
		ItemBias: append([]float64(nil), init.ItemBias...),
		P:        mat.DenseCopyOf(init.P),
		Q:        mat.DenseCopyOf(init.Q),
	}
	history := []float64{Loss(m, ratings, lambda)}
	for e := 0; e < epochs; e++ {
		g := Gradients(m, ratings, lambda)
		for u := range m.UserBias {
			m.UserBias[u] -= lr * g.UserBias[u]
		}
		for i := range m.ItemBias {
			m.ItemBias[i] -= lr * g.ItemBias[i]
		}
		g.P.Scale(lr, g.P)
		m.P.Sub(m.P, g.P)
		g.Q.Scale(lr, g.Q)
		m.Q.Sub(m.Q, g.Q)
		history = append(history, Loss(m, ratings, lambda))
	}
	return m, history
}

// RMSE returns √(mean of (r − r̂)²) over the given ratings.
func RMSE(m Model, ratings []Rating) float64 {
	sse := 0.0
	for _, r := range ratings {
		e := r.Value - Predict(m, r.User, r.Item)
		sse += e * e
	}
	return math.Sqrt(sse / float64(len(ratings)))
}

// Recommend returns the n items with the highest predicted rating that user has not rated in
// seen, best first, ties to the lower item index.
func Recommend(m Model, user, n int, seen []Rating) []int {
	items, _ := m.Q.Dims()
	rated := make([]bool, items)
	for _, r := range seen {
		if r.User == user {
			rated[r.Item] = true
		}
	}
	var cand []int
	for i := 0; i < items; i++ {
		if !rated[i] {
			cand = append(cand, i)
		}
	}
	score := make([]float64, items)
	for _, i := range cand {
		score[i] = Predict(m, user, i)
	}
	// cand is in increasing item order, and a stable sort keeps it so among equal scores.
	sort.SliceStable(cand, func(a, b int) bool { return score[cand[a]] > score[cand[b]] })
	if n < len(cand) {
		cand = cand[:n]
	}
	return append([]int{}, cand...)
}
