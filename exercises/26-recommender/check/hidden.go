//go:build hidden

package check

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/recommend"
)

// hiddenChecks run on ratings the learner never saw, drawn from the run's seed: a random
// low-rank model plus noise, rounded to the 1–5 scale, observed on a random 25–50% of the
// cells, with random sizes, rank, λ, step and number of epochs.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Loss and Gradients on unseen ratings", Points: 2, Hidden: true, Run: hiddenLossGrad},
		{Name: "Train on unseen ratings", Points: 2, Hidden: true, Run: hiddenTrain},
		{Name: "RMSE and Recommend on unseen ratings", Points: 1, Hidden: true, Run: hiddenRMSERecommend},
	}
}

// unseenRatings returns the ratings of a random users × items matrix of rank 1 to 3 plus
// noise, rounded and clipped to 1–5, observed on a random 25–50% of the cells (every user at
// least once), in a random order.
func unseenRatings(rng *rand.Rand) (rs []rating, users, items, rank int) {
	users, items, rank = 8+rng.IntN(13), 10+rng.IntN(21), 1+rng.IntN(3)
	truth := randomModel(rng, users, items, rank, 3+0.3*rng.NormFloat64(), 0.7)
	density := 0.25 + 0.25*rng.Float64()
	for u := range users {
		for i := range items {
			if rng.Float64() < density || i == u%items {
				v := math.Round(truth.Predict(u, i) + 0.5*rng.NormFloat64())
				rs = append(rs, rating{User: u, Item: i, Value: min(5, max(1, v))})
			}
		}
	}
	rng.Shuffle(len(rs), func(a, b int) { rs[a], rs[b] = rs[b], rs[a] })
	return rs, users, items, rank
}

// splitRatings holds out a random fifth of the ratings.
func splitRatings(rng *rand.Rand, rs []rating) (train, test []rating) {
	cut := len(rs) / 5
	return rs[cut:], rs[:cut]
}

// safeStep returns a learning rate well inside gradient descent's stable range: the curvature
// of J along a bias is its number of ratings.
func safeStep(rs []rating, users, items int) float64 {
	per := make([]int, users+items)
	most := 0
	for _, r := range rs {
		per[r.User]++
		per[users+r.Item]++
		most = max(most, per[r.User], per[users+r.Item])
	}
	return 0.5 / float64(most+1)
}

func hiddenLossGrad(t *grader.T) {
	rng := t.Rand()
	rs, users, items, rank := unseenRatings(rng)
	lambda := 0.1 + 3*rng.Float64()
	m := randomModel(rng, users, items, rank, recommend.Mean(rs), 0.5)
	what := fmt.Sprintf("%d ratings of %d users × %d items, rank %d, λ = %s", len(rs), users, items, rank, grader.Num(lambda))
	callLoss(t, m, rs, lambda, "Loss("+what+")")
	checkGrad(t, m, rs, lambda, "Gradients("+what+")")
}

func hiddenTrain(t *grader.T) {
	rng := t.Rand()
	rs, users, items, rank := unseenRatings(rng)
	train, _ := splitRatings(rng, rs)
	init := startModel(rng, users, items, rank)
	init.Mu = 5 * rng.Float64() // ignored by Train
	lambda := 0.1 + 3*rng.Float64()
	lr := safeStep(train, users, items) * (0.5 + rng.Float64())
	epochs := 10 + rng.IntN(51)
	checkTrain(t, train, init, lambda, lr, epochs, fmt.Sprintf("%d ratings of %d users × %d items, rank %d", len(train), users, items, rank), "")
}

func hiddenRMSERecommend(t *grader.T) {
	rng := t.Rand()
	rs, users, items, rank := unseenRatings(rng)
	train, test := splitRatings(rng, rs)
	init := startModel(rng, users, items, rank)
	lambda := 0.1 + 3*rng.Float64()
	m, _ := recommend.Train(train, &init, lambda, safeStep(train, users, items), 30)
	callRMSE(t, *m, test, fmt.Sprintf("RMSE(a trained model, %d held-out ratings)", len(test)))
	for range 2 {
		u, n := rng.IntN(users), 1+rng.IntN(items)
		callRecommend(t, *m, u, n, train, fmt.Sprintf("Recommend(a trained model of %d items, user %d, n = %d, the training ratings)", items, u, n))
	}
	// Many ties: no factors, item biases of 0, 0.5 or 1.
	tied := *recommend.NewModel(users, items, 1)
	tied.Mu = 3
	for i := range tied.ItemBias {
		tied.ItemBias[i] = 0.5 * float64(rng.IntN(3))
	}
	u := rng.IntN(users)
	callRecommend(t, tied, u, items, train, fmt.Sprintf("Recommend(a model whose %d items have predictions 3, 3.5 or 4, user %d, n = %d, the training ratings)", items, u, items))
}
