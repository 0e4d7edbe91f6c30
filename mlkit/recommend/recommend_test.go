package recommend

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/optim"
)

// tiny is a 2-user, 3-item model of rank 1 whose numbers can be followed by hand:
// μ = 3, b = (0.5, −0.5) for the users and (1, 0, −1) for the items, p = (1, 2), q = (0.5, −1, 2).
func tiny() *Model {
	return &Model{
		Mu:       3,
		UserBias: []float64{0.5, -0.5},
		ItemBias: []float64{1, 0, -1},
		P:        mat.NewDense(2, 1, []float64{1, 2}),
		Q:        mat.NewDense(3, 1, []float64{0.5, -1, 2}),
	}
}

// tinyRatings observe 4 of the 6 cells; (0, 1) and (1, 0) are missing.
var tinyRatings = []Rating{{0, 0, 5}, {0, 2, 4}, {1, 1, 1}, {1, 2, 5}}

func TestHandComputed(t *testing.T) {
	m := tiny()
	// r̂ = μ + bᵤ + bᵢ + pᵤqᵢ:
	// (0,0): 3 + 0.5 + 1 + 0.5 = 5     e = 0
	// (0,2): 3 + 0.5 − 1 + 2   = 4.5   e = −0.5
	// (1,1): 3 − 0.5 + 0 − 2   = 0.5   e = 0.5
	// (1,2): 3 − 0.5 − 1 + 4   = 5.5   e = −0.5
	// (0,1), missing: 3 + 0.5 + 0 − 1 = 2.5; (1,0), missing: 3 − 0.5 + 1 + 1 = 4.5
	assert.Equal(t, 5.0, m.Predict(0, 0))
	assert.Equal(t, 4.5, m.Predict(1, 0))
	// ½ Σ e² = ½·0.75 = 0.375; ‖P‖² + ‖Q‖² = 5 + 5.25 = 10.25; λ = 0.2 adds 0.1·10.25 = 1.025.
	assert.InDelta(t, 1.4, Loss(m, tinyRatings, 0.2), 1e-15)
	assert.Equal(t, 0.375, Loss(m, tinyRatings, 0))
	// RMSE = √(0.75/4).
	assert.InDelta(t, math.Sqrt(0.1875), RMSE(m, tinyRatings), 1e-15)

	g := Gradient(m, tinyRatings, 0.2)
	// ∂J/∂b₀ = −(0 − 0.5) = 0.5, ∂J/∂b₁ = −(0.5 − 0.5) = 0;
	// items: −e summed: item 0: 0, item 1: −0.5, item 2: −(−0.5 − 0.5) = 1.
	assert.Equal(t, 0.0, g.Mu)
	assert.InDeltaSlice(t, []float64{0.5, 0}, g.UserBias, 1e-15)
	assert.InDeltaSlice(t, []float64{0, -0.5, 1}, g.ItemBias, 1e-15)
	// ∂J/∂p₀ = −(0·0.5 + (−0.5)·2) + 0.2·1 = 1.2; ∂J/∂p₁ = −(0.5·(−1) + (−0.5)·2) + 0.4 = 1.9.
	assert.InDeltaSlice(t, []float64{1.2, 1.9}, g.P.RawMatrix().Data, 1e-15)
	// ∂J/∂q₀ = −(0·1) + 0.1 = 0.1; ∂J/∂q₁ = −(0.5·2) − 0.2 = −1.2;
	// ∂J/∂q₂ = −((−0.5)·1 + (−0.5)·2) + 0.4 = 1.9.
	assert.InDeltaSlice(t, []float64{0.1, -1.2, 1.9}, g.Q.RawMatrix().Data, 1e-15)

	// Predictions for user 0's unseen item 1 (2.5); user 1's only unseen item is 0 (4.5).
	assert.Equal(t, []int{1}, Recommend(m, 0, 3, tinyRatings))
	assert.Equal(t, []int{0}, Recommend(m, 1, 1, tinyRatings))
	assert.Equal(t, []int{}, Recommend(m, 1, 0, tinyRatings))
	// With nothing seen, all items of user 1 by prediction: item 2 (5.5), 0 (4.5), 1 (0.5).
	assert.Equal(t, []int{2, 0, 1}, Recommend(m, 1, 5, nil))
}

func TestRecommendTies(t *testing.T) {
	m := NewModel(1, 5, 1)
	m.ItemBias = []float64{1, 2, 1, 2, 0}
	// Items 1 and 3 tie at 2, items 0 and 2 at 1: the lower index first.
	assert.Equal(t, []int{1, 3, 0, 2}, Recommend(m, 0, 4, nil))
	// Another user's ratings do not hide items; the user's own do.
	assert.Equal(t, []int{3, 0}, Recommend(m, 0, 2, []Rating{{0, 1, 5}}))
}

// synthetic returns a random users × items rank-k model (μ = 3) and the noiseless ratings it
// gives on a random fraction of the cells (at least one per user).
func synthetic(rng *rand.Rand, users, items, rank int, frac float64) (*Model, []Rating) {
	m := NewModel(users, items, rank)
	m.Mu = 3
	for u := range users {
		m.UserBias[u] = 0.5 * rng.NormFloat64()
		for k := range rank {
			m.P.Set(u, k, rng.NormFloat64())
		}
	}
	for i := range items {
		m.ItemBias[i] = 0.5 * rng.NormFloat64()
		for k := range rank {
			m.Q.Set(i, k, rng.NormFloat64())
		}
	}
	var rs []Rating
	for u := range users {
		for i := range items {
			if rng.Float64() < frac || i == u%items {
				rs = append(rs, Rating{u, i, m.Predict(u, i)})
			}
		}
	}
	return m, rs
}

// small returns a random model of the given shape with entries of size scale.
func small(rng *rand.Rand, users, items, rank int, scale float64) *Model {
	m := NewModel(users, items, rank)
	for _, s := range [][]float64{m.UserBias, m.ItemBias, m.P.RawMatrix().Data, m.Q.RawMatrix().Data} {
		for j := range s {
			s[j] = scale * rng.NormFloat64()
		}
	}
	return m
}

func TestGradientMatchesCentralDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, lambda := range []float64{0, 0.3, 5} {
		_, rs := synthetic(rng, 7, 9, 3, 0.4)
		m := small(rng, 7, 9, 3, 0.7)
		m.Mu = Mean(rs)
		gc, err := optim.CheckGradient(Objective(rs, 7, 9, 3, m.Mu, lambda), m.Params(), 0)
		require.NoError(t, err)
		assert.Less(t, gc.MaxRelErr, 1e-7, "λ = %v: %+v", lambda, gc)
	}
}

func TestParamsRoundTrip(t *testing.T) {
	m := small(rand.New(rand.NewPCG(3, 4)), 3, 4, 2, 1)
	m.Mu = 2.5
	back := FromParams(3, 4, 2, 2.5, m.Params())
	assert.Equal(t, m, back)
}

// TestLossNeverIncreases: for a step below 1/L the loss of gradient descent cannot rise.
func TestLossNeverIncreases(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	_, rs := synthetic(rng, 10, 12, 2, 0.3)
	init := small(rng, 10, 12, 3, 0.1)
	_, h := Train(rs, init, 0.1, 0.01, 300)
	require.Len(t, h, 301)
	for e := 1; e < len(h); e++ {
		assert.LessOrEqual(t, h[e], h[e-1]*(1+1e-12), "epoch %d", e)
	}
	assert.Less(t, h[300], h[0]/10)
}

// TestTrainIsGradientDescent: Train takes the steps of optim.Minimize with optim.GD on
// Objective, from init with μ set to the mean.
func TestTrainIsGradientDescent(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	_, rs := synthetic(rng, 6, 8, 2, 0.5)
	init := small(rng, 6, 8, 2, 0.3)
	init.Mu = -100 // ignored
	before := init.Clone()
	got, h := Train(rs, init, 0.5, 0.02, 50)
	assert.Equal(t, before, init, "init changed")
	mu := Mean(rs)
	res, err := optim.Minimize(Objective(rs, 6, 8, 2, mu, 0.5), init.Params(), optim.GD{LearningRate: 0.02}, &optim.Settings{Epochs: 50})
	require.NoError(t, err)
	assert.Equal(t, mu, got.Mu)
	assert.InDeltaSlice(t, res.Theta, got.Params(), 1e-12)
	assert.InDeltaSlice(t, res.Loss, h, 1e-10)

	none, h0 := Train(rs, init, 0.5, 0.02, 0)
	assert.Equal(t, []float64{Loss(none, rs, 0.5)}, h0)
	assert.Equal(t, init.Params(), none.Params())
}

// TestRecoversNoiselessLowRank: with λ = 0 and the true rank, gradient descent fits a
// noiseless low-rank matrix's observed entries exactly (up to the stopping point).
func TestRecoversNoiselessLowRank(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	_, rs := synthetic(rng, 15, 12, 2, 0.6)
	init := small(rng, 15, 12, 2, 0.1)
	m, h := Train(rs, init, 0, 0.02, 5000)
	assert.Less(t, RMSE(m, rs), 1e-6, "final loss %v", h[len(h)-1])
}

func TestEmpty(t *testing.T) {
	m := tiny()
	assert.True(t, math.IsNaN(RMSE(m, nil)))
	assert.True(t, math.IsNaN(Mean(nil)))
	assert.Equal(t, 0.0, Loss(m, nil, 0))
	assert.Panics(t, func() { Train(nil, m, 0, 0.1, 1) })
	assert.Panics(t, func() { Train(tinyRatings, m, 0, 0.1, -1) })
	assert.Panics(t, func() { NewModel(0, 1, 1) })
	assert.Panics(t, func() { FromParams(1, 1, 1, 0, []float64{1}) })
}
