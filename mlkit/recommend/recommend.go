// Package recommend is collaborative filtering by biased matrix factorisation, the model that
// won the Netflix Prize's early rounds (Koren, Bell and Volinsky, "Matrix Factorization
// Techniques for Recommender Systems", IEEE Computer 42(8), 2009): a rating is predicted as
//
//	r̂ᵤᵢ = μ + bᵤ + bᵢ + pᵤ·qᵢ,
//
// the global mean μ, a bias per user and per item, and the dot product of a user's and an
// item's k latent factors (the rows of P and Q). Only the observed ratings say anything: the
// loss, its gradient and the RMSE are sums over the given (user, item, rating) triples, never
// over the whole users × items matrix, whose missing cells are unknown, not zero.
//
// The parts fit together like this: a Model holds μ, the biases and the factors; Loss and
// Gradient give the regularised objective and its gradient (as a Model of the same shape);
// Train runs full-batch gradient descent from a given starting model, so that a run is
// reproducible bit for bit; RMSE scores held-out ratings; Recommend ranks the items a user
// has not rated. Objective adapts the loss to mlkit/optim (for gradient checks and for
// optim.Minimize), with the parameters flattened by Model.Params.
package recommend

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// A Rating is one observed entry of the users × items ratings matrix.
type Rating struct {
	User, Item int
	Value      float64
}

// A Model is a biased matrix factorisation of a users × items ratings matrix.
type Model struct {
	// Mu is μ, the global mean rating. It is not learned by gradient descent: Train sets it to
	// the mean of the training ratings.
	Mu float64
	// UserBias holds bᵤ, one per user; ItemBias holds bᵢ, one per item.
	UserBias, ItemBias []float64
	// P is users × k: row u is user u's latent factors pᵤ. Q is items × k: row i is item i's
	// factors qᵢ.
	P, Q *mat.Dense
}

// NewModel returns the model with users users, items items and rank latent factors, all
// zero (μ too). It panics if a size is not positive.
func NewModel(users, items, rank int) *Model {
	if users < 1 || items < 1 || rank < 1 {
		panic(fmt.Sprintf("recommend: NewModel(%d, %d, %d): sizes must be positive", users, items, rank))
	}
	return &Model{
		UserBias: make([]float64, users),
		ItemBias: make([]float64, items),
		P:        mat.NewDense(users, rank, nil),
		Q:        mat.NewDense(items, rank, nil),
	}
}

// Dims returns the number of users, of items, and the rank k.
func (m *Model) Dims() (users, items, rank int) {
	users, rank = m.P.Dims()
	items, _ = m.Q.Dims()
	return users, items, rank
}

// Clone returns a deep copy of m.
func (m *Model) Clone() *Model {
	return &Model{
		Mu:       m.Mu,
		UserBias: slices.Clone(m.UserBias),
		ItemBias: slices.Clone(m.ItemBias),
		P:        mat.DenseCopyOf(m.P),
		Q:        mat.DenseCopyOf(m.Q),
	}
}

// Predict returns r̂ᵤᵢ = μ + bᵤ + bᵢ + pᵤ·qᵢ. It is not clipped to the rating scale. It
// panics if u or i is out of range.
func (m *Model) Predict(u, i int) float64 {
	return m.Mu + m.UserBias[u] + m.ItemBias[i] + floats.Dot(m.P.RawRowView(u), m.Q.RawRowView(i))
}

// Mean returns the mean of the ratings' values, or NaN if there are none.
func Mean(ratings []Rating) float64 {
	if len(ratings) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, r := range ratings {
		s += r.Value
	}
	return s / float64(len(ratings))
}

// Loss returns the regularised squared error over the observed ratings Ω,
//
//	J = ½ Σ₍ᵤ,ᵢ₎∈Ω (rᵤᵢ − r̂ᵤᵢ)² + λ/2 · (‖P‖²_F + ‖Q‖²_F),
//
// a sum (not a mean) over the ratings given, with the biases and μ not regularised. A rating
// listed twice counts twice. It panics if a rating's user or item is out of range.
func Loss(m *Model, ratings []Rating, lambda float64) float64 {
	s := 0.0
	for _, r := range ratings {
		e := r.Value - m.Predict(r.User, r.Item)
		s += e * e
	}
	return s/2 + lambda/2*(sumSquares(m.P)+sumSquares(m.Q))
}

// sumSquares returns ‖a‖²_F, the sum of the squares of a's entries.
func sumSquares(a *mat.Dense) float64 {
	s := 0.0
	r, _ := a.Dims()
	for i := range r {
		for _, v := range a.RawRowView(i) {
			s += v * v
		}
	}
	return s
}

// Gradient returns ∇J of Loss with respect to the biases and the factors, as a Model of m's
// shape (its Mu is 0: μ is not a parameter). With eᵤᵢ = rᵤᵢ − r̂ᵤᵢ,
//
//	∂J/∂bᵤ = −Σᵢ eᵤᵢ,   ∂J/∂bᵢ = −Σᵤ eᵤᵢ,
//	∂J/∂pᵤ = −Σᵢ eᵤᵢ·qᵢ + λ·pᵤ,   ∂J/∂qᵢ = −Σᵤ eᵤᵢ·pᵤ + λ·qᵢ,
//
// the sums over the observed ratings only. A user or item with no rating gets the gradient
// of the penalty alone.
func Gradient(m *Model, ratings []Rating, lambda float64) *Model {
	users, items, rank := m.Dims()
	g := NewModel(users, items, rank)
	g.P.Scale(lambda, m.P)
	g.Q.Scale(lambda, m.Q)
	for _, r := range ratings {
		e := r.Value - m.Predict(r.User, r.Item)
		g.UserBias[r.User] -= e
		g.ItemBias[r.Item] -= e
		gp, gq := g.P.RawRowView(r.User), g.Q.RawRowView(r.Item)
		p, q := m.P.RawRowView(r.User), m.Q.RawRowView(r.Item)
		for k := range gp {
			gp[k] -= e * q[k]
			gq[k] -= e * p[k]
		}
	}
	return g
}

// Train fits the biases and factors to ratings by full-batch gradient descent. It starts from
// a copy of init with μ set to Mean(ratings) (init.Mu is ignored), then takes epochs steps
//
//	θ ← θ − lr·∇J(θ),
//
// every parameter moved at once with the gradient at the same θ (Gradient). history[e] is
// Loss after e steps, so len(history) = epochs + 1. init is not modified. It panics if
// ratings is empty or epochs is negative.
func Train(ratings []Rating, init *Model, lambda, lr float64, epochs int) (*Model, []float64) {
	if len(ratings) == 0 {
		panic("recommend: Train: no ratings")
	}
	if epochs < 0 {
		panic(fmt.Sprintf("recommend: Train: %d epochs", epochs))
	}
	m := init.Clone()
	m.Mu = Mean(ratings)
	history := make([]float64, 0, epochs+1)
	history = append(history, Loss(m, ratings, lambda))
	for range epochs {
		g := Gradient(m, ratings, lambda)
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

// RMSE returns the root mean squared error of m's predictions on the given ratings,
// √(1/|Ω| · Σ₍ᵤ,ᵢ₎∈Ω (rᵤᵢ − r̂ᵤᵢ)²), over those ratings only; NaN if there are none.
func RMSE(m *Model, ratings []Rating) float64 {
	if len(ratings) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, r := range ratings {
		e := r.Value - m.Predict(r.User, r.Item)
		s += e * e
	}
	return math.Sqrt(s / float64(len(ratings)))
}

// Recommend returns the n items with the highest predicted rating for user among the items
// that user has not rated in seen (the ratings of other users do not matter), best first; on
// equal predictions the lower item index first. It returns fewer than n items when the user
// has fewer unseen items, and none when n ≤ 0. It panics if user is out of range.
func Recommend(m *Model, user, n int, seen []Rating) []int {
	_, items, _ := m.Dims()
	rated := make([]bool, items)
	for _, r := range seen {
		if r.User == user {
			rated[r.Item] = true
		}
	}
	type scored struct {
		item  int
		score float64
	}
	var cand []scored
	for i := range items {
		if !rated[i] {
			cand = append(cand, scored{i, m.Predict(user, i)})
		}
	}
	slices.SortStableFunc(cand, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return a.item - b.item
	})
	out := []int{}
	for _, c := range cand[:min(max(n, 0), len(cand))] {
		out = append(out, c.item)
	}
	return out
}
