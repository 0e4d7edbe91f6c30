// Package recommender holds exercise 26: collaborative filtering by biased matrix
// factorisation, trained by gradient descent on the observed ratings only. See README.md for
// the task.
package recommender

import "gonum.org/v1/gonum/mat"

// A Rating is one observed cell of the users × items ratings matrix: user User gave item Item
// the rating Value. Users are numbered 0..users−1 and items 0..items−1; a cell with no Rating
// is unknown, not 0.
type Rating struct {
	User, Item int
	Value      float64
}

// A Model predicts user u's rating of item i as
//
//	r̂ᵤᵢ = μ + bᵤ + bᵢ + pᵤ·qᵢ,
//
// with pᵤ row u of P and qᵢ row i of Q. Keep the fields' names: the checks read them.
type Model struct {
	Mu                 float64    // μ, the global mean rating
	UserBias, ItemBias []float64  // bᵤ (one per user) and bᵢ (one per item)
	P, Q               *mat.Dense // users × k and items × k: the latent factors
}

// Predict returns m's predicted rating of item i by user u, μ + bᵤ + bᵢ + pᵤ·qᵢ, not clipped
// to the rating scale.
func Predict(m Model, u, i int) float64 {
	panic("not implemented")
}

// Loss returns the regularised squared error over the given (observed) ratings Ω,
//
//	J = ½ Σ₍ᵤ,ᵢ₎∈Ω (rᵤᵢ − r̂ᵤᵢ)² + λ/2 · (‖P‖² + ‖Q‖²),
//
// ‖·‖² the sum of the squares of a matrix's entries. μ and the biases are not regularised.
func Loss(m Model, ratings []Rating, lambda float64) float64 {
	panic("not implemented")
}

// Gradients returns ∇J, the partial derivatives of Loss with respect to every bᵤ, bᵢ, P and
// Q, as a Model of m's shape (its Mu is 0: μ is not learned).
func Gradients(m Model, ratings []Rating, lambda float64) Model {
	panic("not implemented")
}

// Train returns the model after epochs steps of full-batch gradient descent,
// θ ← θ − lr·∇J(θ), on the ratings, and the loss history. It starts from a copy of init with
// Mu set to the mean of the ratings (init.Mu is ignored, and init is not changed);
// history[e] is Loss after e steps, so len(history) = epochs + 1. ratings is not empty.
func Train(ratings []Rating, init Model, lambda, lr float64, epochs int) (Model, []float64) {
	panic("not implemented")
}

// RMSE returns √(1/|Ω| · Σ₍ᵤ,ᵢ₎∈Ω (rᵤᵢ − r̂ᵤᵢ)²) over the given (not empty) ratings.
func RMSE(m Model, ratings []Rating) float64 {
	panic("not implemented")
}

// Recommend returns the n items with the highest predicted rating for user among the items
// that user has not rated in seen, best first; on equal predictions the lower item index
// first. It returns all of them when fewer than n are unseen; n ≥ 1.
func Recommend(m Model, user, n int, seen []Rating) []int {
	panic("not implemented")
}
