// Package check grades exercise 26, recommender: collaborative filtering by biased matrix
// factorisation (r̂ᵤᵢ = μ + bᵤ + bᵢ + pᵤ·qᵢ), its loss and gradient over the observed ratings,
// full-batch gradient descent, the RMSE of held-out ratings and top-n recommendations, on a
// slice of real lecture ratings (lme4's InstEval: 40 students × 120 lecturers, 62% of the
// cells missing) and on small hand-computed models.
//
// Expected values come from mlkit/recommend (Loss, Gradient, Train, RMSE, Recommend) on the
// same inputs, and the central differences with optim.NumericGradient's step. The mistakes are
// recognised from values computed here: the loss, gradient or RMSE over every cell of the
// matrix with the missing ones taken as 0, the biases regularised, the penalty λ(‖P‖² + ‖Q‖²)
// not halved, the mean of the squared errors in place of their sum, μ left out of the
// predictions, the errors' sign flipped in the gradient, μ never set by Train, Q updated with
// the P of the same step, a history one loss short, the RMSE's mean over all cells, and
// recommendations that keep rated items, hide items other users rated or break ties to the
// higher index.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/optim"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/recommend"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "recommender",
		Title: "A recommender by matrix factorisation",
		Dir:   "exercises/26-recommender",
		Functions: []grader.Func{
			{Name: "Predict", Signature: "func(m Model, u, i int) float64"},
			{Name: "Loss", Signature: "func(m Model, ratings []Rating, lambda float64) float64"},
			{Name: "Gradients", Signature: "func(m Model, ratings []Rating, lambda float64) Model"},
			{Name: "Train", Signature: "func(ratings []Rating, init Model, lambda, lr float64, epochs int) (Model, []float64)"},
			{Name: "RMSE", Signature: "func(m Model, ratings []Rating) float64"},
			{Name: "Recommend", Signature: "func(m Model, user, n int, seen []Rating) []int"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/recommend/...",
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/metrics/...",
		},
		Checks: append([]grader.Check{
			{Name: "Predict is μ + bᵤ + bᵢ + pᵤ·qᵢ", Points: 1, Run: predictCheck},
			{Name: "Loss by hand: two users, three items, two cells missing", Points: 1, Run: lossSmall},
			{Name: "Loss on the InstEval ratings", Points: 1, Run: lossInstEval},
			{Name: "Gradients match the reference and central differences", Points: 2, Run: gradCheck},
			{Name: "Train: gradient descent on the InstEval training ratings, the model and the loss history", Points: 2, Run: trainCheck},
			{Name: "RMSE of held-out ratings", Points: 1, Run: rmseCheck},
			{Name: "The trained model predicts held-out ratings better than the global mean", Points: 1, Run: heldOut},
			{Name: "Recommend: the best unseen items, ties to the lower index", Points: 1, Run: recommendCheck},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"Only the observed ratings carry information: the loss, its gradient and the RMSE are sums over the Rating triples you are given, never over every cell of the users × items matrix. A missing cell is unknown, not a rating of 0. μ is the mean of the training ratings and is not learned; the biases are learned but not regularised.",
			"With eᵤᵢ = rᵤᵢ − r̂ᵤᵢ for each observed rating: ∂J/∂bᵤ = −Σᵢ eᵤᵢ, ∂J/∂bᵢ = −Σᵤ eᵤᵢ, ∂J/∂pᵤ = −Σᵢ eᵤᵢ·qᵢ + λ·pᵤ and ∂J/∂qᵢ = −Σᵤ eᵤᵢ·pᵤ + λ·qᵢ (the ½ of both terms of J cancels the 2 of the squares). Start the gradient's P and Q at λ·P and λ·Q, then loop once over the ratings and subtract each one's share. Compute the whole gradient before you change any parameter.",
			"Gradients: g.P.Scale(λ, m.P); g.Q.Scale(λ, m.Q); for each rating r: e := r.Value − Predict(m, u, i); g.UserBias[u] −= e; g.ItemBias[i] −= e; for f: g.P[u][f] −= e·Q[i][f]; g.Q[i][f] −= e·P[u][f]. Train: copy init (new slices, mat.DenseCopyOf), set Mu to the mean rating, history := [Loss]; repeat epochs times { g := Gradients(m); every parameter −= lr·its gradient; append Loss }. Recommend: mark the items of seen whose User is user; collect the others in increasing order; sort.SliceStable by prediction, highest first; keep n.",
		},
		Mistakes: []grader.Mistake{
			{ID: missingAsZero, Hint: "A cell of the ratings matrix with no rating is unknown, not a rating of 0: treating it as 0 teaches the model that every user hates every item they have not rated (here 62% of the cells). Sum the squared errors over the given ratings only: J = ½ Σ₍ᵤ,ᵢ₎∈Ω (rᵤᵢ − r̂ᵤᵢ)² + λ/2·(‖P‖² + ‖Q‖²), and the RMSE's mean is over those ratings too."},
			{ID: gradientAllEntries, Hint: "Your gradient sums over every cell of the users × items matrix, the missing ones taken as ratings of 0. The loss sums over the observed ratings only, so its gradient does too: loop over the Rating triples, e = r − r̂ for each, and add −e·qᵢ to pᵤ's gradient and −e·pᵤ to qᵢ's (−e to bᵤ's and bᵢ's), on top of λ·P and λ·Q."},
			{ID: biasesRegularised, Hint: "The penalty is λ/2·(‖P‖² + ‖Q‖²): the latent factors only. The biases bᵤ and bᵢ (and μ) are not regularised, as in the course's other models the bias θ₀ is not: a user who rates everything high should keep that offset. Leave λ out of the biases' loss and gradient."},
			{ID: regNotHalved, Hint: "The stated loss halves the penalty, λ/2·(‖P‖² + ‖Q‖²), so that its gradient is λ·P and λ·Q. Yours behaves like λ·(‖P‖² + ‖Q‖²) (in the loss, or a gradient of 2λ·P): keep the ½ in both, consistently with the ½ of the squared error."},
			{ID: meanNotSum, Hint: "This loss is a sum over the observed ratings, ½ Σ (r − r̂)², not a mean as in the course's earlier exercises (and its gradient is a sum too): with the mean, the penalty λ/2·(‖P‖² + ‖Q‖²) would weigh more the fewer ratings there are. Drop the division by the number of ratings, in the loss and in the gradient."},
			{ID: noGlobalMean, Hint: "The prediction is r̂ᵤᵢ = μ + bᵤ + bᵢ + pᵤ·qᵢ: the global mean μ (m.Mu) comes first. Without it the biases must learn the mean themselves, and the predictions, the loss and the gradient all change."},
			{ID: gradientSignFlipped, Hint: "The sums over the ratings in your gradient have the wrong sign. With e = r − r̂ (rating minus prediction), ∂J/∂bᵤ = −Σᵢ e and ∂J/∂pᵤ = −Σᵢ e·qᵢ + λ·pᵤ: the minus comes from differentiating −r̂. If you take e = r̂ − r instead, the signs of the sums flip: +Σ e·qᵢ."},
			{ID: meanNotSet, Hint: "Train sets the model's Mu to the mean of the training ratings before the first step (init.Mu is ignored): μ is a statistic of the data, not a learned parameter, and the rest of the model learns the deviations from it."},
			{ID: sequentialUpdates, Hint: "Your Train updates Q with a gradient computed after P (and the biases) had already moved in the same step. Full-batch gradient descent computes the whole gradient at the current parameters first, then moves every parameter at once: g := Gradients(m), then bᵤ, bᵢ, P and Q −= lr·g."},
			{ID: historyOffByOne, Hint: "history[e] is the loss after e steps: it starts with the loss of the starting model (with μ set), before any step, and has epochs + 1 values. Append Loss once before the loop and once after each step."},
			{ID: rmseAllCells, Hint: "Your RMSE divides the sum of the squared errors of the given ratings by users × items, the size of the whole matrix. The mean is over the ratings you are given: RMSE = √(Σ e² / len(ratings))."},
			{ID: recommendsSeen, Hint: "Recommend must skip the items the user has already rated (their ratings in seen): recommending what someone has rated is no recommendation. Mark the items of the seen ratings whose User is the user, and rank only the others."},
			{ID: seenByAnyone, Hint: "Only the user's own ratings hide an item: skip the items of the seen ratings whose User is the given user. Hiding every item anyone rated would leave almost nothing to recommend on real data."},
			{ID: tiesLast, Hint: "On equal predictions the lower item index comes first. Collect the candidate items in increasing order and use a stable sort by prediction, highest first (sort.SliceStable), or compare the item indices when the predictions are equal."},
		},
	}
}

// The mistakes the checks recognise.
const (
	missingAsZero       = "missing-as-zero"
	gradientAllEntries  = "gradient-all-entries"
	biasesRegularised   = "biases-regularised"
	regNotHalved        = "reg-not-halved"
	noGlobalMean        = "no-global-mean"
	meanNotSum          = "mean-not-sum"
	gradientSignFlipped = "gradient-sign-flipped"
	meanNotSet          = "mean-not-set"
	sequentialUpdates   = "sequential-updates"
	historyOffByOne     = "history-off-by-one"
	rmseAllCells        = "rmse-all-cells"
	recommendsSeen      = "recommends-seen"
	seenByAnyone        = "seen-by-anyone"
	tiesLast            = "ties-last"
)

var (
	// tolValue is for predictions, losses, gradients and RMSEs: a few roundings of sums of
	// up to a few thousand terms.
	tolValue = grader.Rel(1e-9).PlusAbs(1e-12)
	// tolFit is for the model and the loss history after gradient descent: a small step keeps
	// rounding differences (1e-16 per step) from growing.
	tolFit = grader.Rel(1e-8).PlusAbs(1e-10)
	// tolNumeric compares a gradient with central differences of the loss: their error is
	// about 1e-8 relative plus ε·J/h ≈ 1e-8 absolute for losses in the thousands, while a
	// wrong gradient is off by 0.1 or more.
	tolNumeric = grader.Rel(1e-5).PlusAbs(1e-6)
)

type (
	rating = recommend.Rating
	model  = recommend.Model
)

// tiny is the hand-computed model: 2 users, 3 items, rank 1. μ = 3, b = (0.5, −0.5) for the
// users and (1, 0, −1) for the items, p = (1, 2), q = (0.5, −1, 2).
func tiny() model {
	return model{
		Mu:       3,
		UserBias: []float64{0.5, -0.5},
		ItemBias: []float64{1, 0, -1},
		P:        mat.NewDense(2, 1, []float64{1, 2}),
		Q:        mat.NewDense(3, 1, []float64{0.5, -1, 2}),
	}
}

// tinyRatings observe 4 of tiny's 6 cells; (0, 1) and (1, 0) are missing.
var tinyRatings = []rating{{User: 0, Item: 0, Value: 5}, {User: 0, Item: 2, Value: 4}, {User: 1, Item: 1, Value: 1}, {User: 1, Item: 2, Value: 5}}

// instEval returns the InstEval slice's ratings, split 80/20 at random (seed 26) into training
// and held-out ratings, and its numbers of users and items.
func instEval(t *grader.T) (train, test []rating, users, items int) {
	train, test, users, items, err := loadInstEval()
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	return train, test, users, items
}

func loadInstEval() (train, test []rating, users, items int, err error) {
	tab, err := datasets.Load("insteval")
	if err != nil {
		return nil, nil, 0, 0, err
	}
	cols := make([][]float64, 3)
	for j, name := range []string{"user", "item", "rating"} {
		c, err := tab.Column(name)
		if err != nil {
			return nil, nil, 0, 0, err
		}
		cols[j] = c.Floats
	}
	all := make([]rating, tab.NumRows())
	for k := range all {
		all[k] = rating{User: int(cols[0][k]), Item: int(cols[1][k]), Value: cols[2][k]}
		users, items = max(users, all[k].User+1), max(items, all[k].Item+1)
	}
	s, err := data.TrainTestSplit(len(all), data.SplitOptions{TestFraction: 0.2, Seed: 26})
	if err != nil {
		return nil, nil, 0, 0, err
	}
	return data.Take(all, s.Train), data.Take(all, s.Test), users, items, nil
}

// instEvalTrained returns the reference's model after the visible training run on InstEval,
// and the held-out RMSE of the biases alone (the same run from P = Q = 0, where the factors'
// gradient is 0 and they stay 0). Three checks need them and the data never change, so they
// are computed once per process. Callers must not change the model.
var instEvalTrained = sync.OnceValues(func() (*model, float64) {
	train, test, users, items, err := loadInstEval()
	if err != nil {
		panic(err) // the embedded fixture is part of grade
	}
	want, _ := recommend.Train(train, ptr(instEvalInit(users, items)), lambdaIE, lrIE, epochsIE)
	bias, _ := recommend.Train(train, recommend.NewModel(users, items, rankIE), lambdaIE, lrIE, epochsIE)
	return want, recommend.RMSE(bias, test)
})

// randomModel returns a model of the given shape with μ = mu, biases of size 0.5 and factors
// of size scale, drawn from rng.
func randomModel(rng *rand.Rand, users, items, rank int, mu, scale float64) model {
	m := *recommend.NewModel(users, items, rank)
	m.Mu = mu
	for _, s := range [][]float64{m.UserBias, m.ItemBias} {
		for j := range s {
			s[j] = 0.5 * rng.NormFloat64()
		}
	}
	for _, s := range [][]float64{m.P.RawMatrix().Data, m.Q.RawMatrix().Data} {
		for j := range s {
			s[j] = scale * rng.NormFloat64()
		}
	}
	return m
}

// startModel returns a starting model for Train: biases 0, μ = 0 (Train sets it), factors of
// size 0.1 (at P = Q = 0 the factors' gradient is 0 too, and they would never move).
func startModel(rng *rand.Rand, users, items, rank int) model {
	m := *recommend.NewModel(users, items, rank)
	for _, s := range [][]float64{m.P.RawMatrix().Data, m.Q.RawMatrix().Data} {
		for j := range s {
			s[j] = 0.1 * rng.NormFloat64()
		}
	}
	return m
}

// ---- the mistakes' values --------------------------------------------------------------------

// allCells returns the ratings with every missing cell of the users × items matrix added as a
// rating of 0.
func allCells(ratings []rating, users, items int) []rating {
	seen := make([]bool, users*items)
	out := slices.Clone(ratings)
	for _, r := range ratings {
		seen[r.User*items+r.Item] = true
	}
	for u := range users {
		for i := range items {
			if !seen[u*items+i] {
				out = append(out, rating{User: u, Item: i, Value: 0})
			}
		}
	}
	return out
}

func sumSq(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}

func denseSq(a *mat.Dense) float64 { return sumSq(mat.DenseCopyOf(a).RawMatrix().Data) }

func withoutMu(m model) *model {
	c := m.Clone()
	c.Mu = 0
	return c
}

// A variant is a mistaken loss and gradient.
type variant struct {
	id, what string
	loss     func(m model, rs []rating, lambda float64) float64
	grad     func(m model, rs []rating, lambda float64) *model
}

// variants returns the mistakes a loss or gradient can make. In a gradient, missing-as-zero is
// called gradient-all-entries.
func variants() []variant {
	return []variant{
		{id: missingAsZero, what: "the loss over every cell of the matrix, the missing ones taken as ratings of 0",
			loss: func(m model, rs []rating, l float64) float64 {
				u, i, _ := m.Dims()
				return recommend.Loss(&m, allCells(rs, u, i), l)
			},
			grad: func(m model, rs []rating, l float64) *model {
				u, i, _ := m.Dims()
				return recommend.Gradient(&m, allCells(rs, u, i), l)
			}},
		{id: biasesRegularised, what: "the loss with λ/2·(‖b_users‖² + ‖b_items‖²) added",
			loss: func(m model, rs []rating, l float64) float64 {
				return recommend.Loss(&m, rs, l) + l/2*(sumSq(m.UserBias)+sumSq(m.ItemBias))
			},
			grad: func(m model, rs []rating, l float64) *model {
				g := recommend.Gradient(&m, rs, l)
				for u := range g.UserBias {
					g.UserBias[u] += l * m.UserBias[u]
				}
				for i := range g.ItemBias {
					g.ItemBias[i] += l * m.ItemBias[i]
				}
				return g
			}},
		{id: regNotHalved, what: "the loss with the penalty λ·(‖P‖² + ‖Q‖²), not λ/2·(‖P‖² + ‖Q‖²)",
			loss: func(m model, rs []rating, l float64) float64 {
				return recommend.Loss(&m, rs, l) + l/2*(denseSq(m.P)+denseSq(m.Q))
			},
			grad: func(m model, rs []rating, l float64) *model {
				g := recommend.Gradient(&m, rs, l)
				g.P.Add(g.P, scaled(l, m.P))
				g.Q.Add(g.Q, scaled(l, m.Q))
				return g
			}},
		{id: meanNotSum, what: "the loss with the mean of the squared errors, ½·1/|Ω|·Σ e², in place of their sum",
			loss: func(m model, rs []rating, l float64) float64 {
				return recommend.Loss(&m, rs, 0)/float64(len(rs)) + l/2*(denseSq(m.P)+denseSq(m.Q))
			},
			grad: func(m model, rs []rating, l float64) *model {
				g := recommend.Gradient(&m, rs, 0)
				f := 1 / float64(len(rs))
				for _, s := range [][]float64{g.UserBias, g.ItemBias} {
					for j := range s {
						s[j] *= f
					}
				}
				g.P.Scale(f, g.P)
				g.P.Add(g.P, scaled(l, m.P))
				g.Q.Scale(f, g.Q)
				g.Q.Add(g.Q, scaled(l, m.Q))
				return g
			}},
		{id: noGlobalMean, what: "the loss of predictions without μ, bᵤ + bᵢ + pᵤ·qᵢ",
			loss: func(m model, rs []rating, l float64) float64 { return recommend.Loss(withoutMu(m), rs, l) },
			grad: func(m model, rs []rating, l float64) *model { return recommend.Gradient(withoutMu(m), rs, l) }},
	}
}

func scaled(f float64, a *mat.Dense) *mat.Dense {
	var s mat.Dense
	s.Scale(f, a)
	return &s
}

// nameOne names the mistake the matches hold when they all name the same one: a value that two
// different mistakes would give names neither.
func nameOne(t *grader.T, matches []string, details []string) {
	if len(matches) == 1 || (len(matches) > 1 && !slices.ContainsFunc(matches, func(id string) bool { return id != matches[0] })) {
		t.Mistake(true, matches[0], details[0])
	}
}

// lossMistakes names the mistake a wrong loss matches.
func lossMistakes(t *grader.T, m model, rs []rating, lambda, got float64, subject string) {
	if grader.Near(got, recommend.Loss(&m, rs, lambda), tolValue) {
		return
	}
	var ids, details []string
	for _, v := range variants() {
		if want := v.loss(m, rs, lambda); grader.Near(got, want, tolValue) {
			ids = append(ids, v.id)
			details = append(details, fmt.Sprintf("%s, %s, is %s", subject, grader.Num(got), v.what))
		}
	}
	nameOne(t, ids, details)
}

// gradMistakes names the mistake a wrong gradient matches.
func gradMistakes(t *grader.T, m model, rs []rating, lambda float64, got []float64) {
	want := recommend.Gradient(&m, rs, lambda).Params()
	if grader.NearSlice(got, want, tolValue) {
		return
	}
	var ids, details []string
	for _, v := range variants() {
		id := v.id
		if id == missingAsZero {
			id = gradientAllEntries
		}
		if grader.NearSlice(got, v.grad(m, rs, lambda).Params(), tolValue) {
			ids = append(ids, id)
			details = append(details, "your gradient is the gradient of "+v.what)
		}
	}
	// The error taken as r̂ − r: the data term flips, the penalty λ·P, λ·Q does not.
	flipped := recommend.Gradient(&m, rs, 0)
	for _, s := range [][]float64{flipped.UserBias, flipped.ItemBias} {
		for j := range s {
			s[j] = -s[j]
		}
	}
	flipped.P.Sub(scaled(lambda, m.P), flipped.P)
	flipped.Q.Sub(scaled(lambda, m.Q), flipped.Q)
	if grader.NearSlice(got, flipped.Params(), tolValue) {
		ids = append(ids, gradientSignFlipped)
		details = append(details, "your gradient is the right one with the sign of every error term flipped: the penalty's λ·P and λ·Q are right, the sums over the ratings have the wrong sign")
	}
	nameOne(t, ids, details)
}

// ---- calling the learner's code ------------------------------------------------------------

// params returns a learner's model's parameters in recommend's order, or nil when its shape
// is not want's (a message says how).
func params(t *grader.T, got, want model, what string) []float64 {
	wu, wi, wk := want.Dims()
	shape := func(a *mat.Dense) (int, int) {
		if a == nil || a.IsEmpty() {
			return 0, 0
		}
		return a.Dims()
	}
	pr, pc := shape(got.P)
	qr, qc := shape(got.Q)
	if len(got.UserBias) != wu || len(got.ItemBias) != wi || pr != wu || pc != wk || qr != wi || qc != wk {
		t.Fatalf("%s has %d user biases, %d item biases, a %d×%d P and a %d×%d Q; want %d, %d, %d×%d and %d×%d (the shape of the model given)",
			what, len(got.UserBias), len(got.ItemBias), pr, pc, qr, qc, wu, wi, wu, wk, wi, wk)
		return nil
	}
	return got.Params()
}

func callLoss(t *grader.T, m model, rs []rating, lambda float64, what string) {
	got := t.Call("Loss", m, rs, lambda).Float()
	lossMistakes(t, m, rs, lambda, got, "your loss")
	t.Label(what)
	t.Close(got, recommend.Loss(&m, rs, lambda), tolValue)
}

// ---- the checks ----------------------------------------------------------------------------

func predictCheck(t *grader.T) {
	m := tiny()
	// r̂ = μ + bᵤ + bᵢ + pᵤqᵢ: (0,0) 3 + 0.5 + 1 + 0.5 = 5; (0,1) 3 + 0.5 + 0 − 1 = 2.5;
	// (1,0) 3 − 0.5 + 1 + 1 = 4.5; (1,2) 3 − 0.5 − 1 + 4 = 5.5.
	for _, c := range [][2]int{{0, 0}, {0, 1}, {1, 0}, {1, 2}} {
		got := t.Call("Predict", m, c[0], c[1]).Float()
		want := m.Predict(c[0], c[1])
		t.Mistake(grader.Near(got, want-m.Mu, tolValue), noGlobalMean,
			fmt.Sprintf("Predict(m, %d, %d) is %s, %s less than μ + bᵤ + bᵢ + pᵤ·qᵢ = %s: μ is missing", c[0], c[1], grader.Num(got), grader.Num(m.Mu), grader.Num(want)))
		t.Label(fmt.Sprintf("Predict(m, %d, %d) with μ = 3, bᵤ = (0.5, −0.5), bᵢ = (1, 0, −1), P = (1, 2)ᵀ, Q = (0.5, −1, 2)ᵀ", c[0], c[1]))
		t.Close(got, want, tolValue)
	}
	// Rank 3, on InstEval's shape: the dot product runs over all k factors.
	rng := rand.New(rand.NewPCG(26, 1))
	big := randomModel(rng, 40, 120, 3, 3.2, 0.5)
	for _, c := range [][2]int{{0, 0}, {17, 63}, {39, 119}} {
		got := t.Call("Predict", big, c[0], c[1]).Float()
		want := big.Predict(c[0], c[1])
		t.Mistake(grader.Near(got, want-big.Mu, tolValue), noGlobalMean,
			fmt.Sprintf("Predict(m, %d, %d) is %s, μ = %s less than %s", c[0], c[1], grader.Num(got), grader.Num(big.Mu), grader.Num(want)))
		t.Label(fmt.Sprintf("Predict(m, %d, %d) with a random rank-3 model of 40 users and 120 items", c[0], c[1]))
		t.Close(got, want, tolValue)
	}
}

func lossSmall(t *grader.T) {
	// The errors e = r − r̂ of the observed cells are 0, −0.5, 0.5, −0.5 (r̂ = 5, 4.5, 0.5,
	// 5.5), so ½ Σ e² = 0.375; ‖P‖² + ‖Q‖² = 5 + 5.25 = 10.25, and λ = 0.2 adds 1.025:
	// J = 1.4. With the missing cells as 0 (r̂ = 2.5 and 4.5) J would be 14.65; with the
	// biases regularised 1.65; with the penalty not halved 2.425; with the mean of the squared
	// errors 1.11875; without μ 17.9.
	m := tiny()
	callLoss(t, m, tinyRatings, 0, "Loss(m, the 4 ratings, λ = 0) (by hand: ½·(0² + 0.5² + 0.5² + 0.5²))")
	callLoss(t, m, tinyRatings, 0.2, "Loss(m, the 4 ratings, λ = 0.2) (by hand: 0.375 + 0.1·(‖P‖² + ‖Q‖²))")
	// Only the penalty is left without ratings.
	callLoss(t, m, nil, 0.2, "Loss(m, no ratings, λ = 0.2) (by hand: 0.1·(‖P‖² + ‖Q‖²))")
}

func lossInstEval(t *grader.T) {
	train, _, users, items := instEval(t)
	rng := rand.New(rand.NewPCG(26, 2))
	m := randomModel(rng, users, items, 3, recommend.Mean(train), 0.3)
	callLoss(t, m, train, 2.5, fmt.Sprintf("Loss(a random rank-3 model, InstEval's %d training ratings, λ = 2.5)", len(train)))
}

// checkGrad compares Gradients with the reference and with central differences of the
// reference loss.
func checkGrad(t *grader.T, m model, rs []rating, lambda float64, what string) {
	gotModel := model{}
	t.Call("Gradients", m, rs, lambda).Decode(&gotModel)
	got := params(t, gotModel, m, "the gradient Gradients returned")
	gradMistakes(t, m, rs, lambda, got)
	users, items, rank := m.Dims()
	if !slices.ContainsFunc(got, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
		theta := m.Params()
		loss := func(th []float64) float64 {
			return recommend.Loss(recommend.FromParams(users, items, rank, m.Mu, th), rs, lambda)
		}
		// Every parameter of a small model; of a large one, every 7th (7 is prime to the
		// numbers of users, items and factors here, so all kinds of parameter are among them).
		stride := 1
		if len(theta) > 100 {
			stride = 7
		}
		for j := 0; j < len(theta); j += stride {
			// optim.NumericGradient's step and formula, for one component.
			hj := optim.DefaultStep * max(1, math.Abs(theta[j]))
			th := slices.Clone(theta)
			th[j] = theta[j] + hj
			fp := loss(th)
			th[j] = theta[j] - hj
			fm := loss(th)
			num := (fp - fm) / ((theta[j] + hj) - (theta[j] - hj))
			if !grader.Near(got[j], num, tolNumeric) {
				t.Errorf("central differences of the loss disagree with your gradient at %s: yours is %s, (J(θ + h) − J(θ − h))/2h is %s (want them within %s)",
					paramName(j, users, items, rank), grader.Num(got[j]), grader.Num(num), tolNumeric)
				break
			}
		}
	}
	t.Label(what)
	t.True(gotModel.Mu == 0, "the gradient's Mu is %s, want 0: μ is not learned", grader.Num(gotModel.Mu))
	t.CloseSlice(got, recommend.Gradient(&m, rs, lambda).Params(), tolValue)
}

// paramName names the j-th parameter in recommend's order.
func paramName(j, users, items, rank int) string {
	switch {
	case j < users:
		return fmt.Sprintf("the bias of user %d", j)
	case j < users+items:
		return fmt.Sprintf("the bias of item %d", j-users)
	case j < users+items+users*rank:
		j -= users + items
		return fmt.Sprintf("P[%d][%d]", j/rank, j%rank)
	}
	j -= users + items + users*rank
	return fmt.Sprintf("Q[%d][%d]", j/rank, j%rank)
}

func gradCheck(t *grader.T) {
	// By hand, λ = 0.2: ∂J/∂b_users = (0.5, 0), ∂J/∂b_items = (0, −0.5, 1), ∂J/∂P = (1.2, 1.9),
	// ∂J/∂Q = (0.1, −1.2, 1.9) (see mlkit/recommend's TestHandComputed).
	checkGrad(t, tiny(), tinyRatings, 0.2, "Gradients(the hand-computed model, its 4 ratings, λ = 0.2), in the order b_users, b_items, P, Q")
	train, _, users, items := instEval(t)
	rng := rand.New(rand.NewPCG(26, 3))
	m := randomModel(rng, users, items, 3, recommend.Mean(train), 0.3)
	checkGrad(t, m, train, 2.5, fmt.Sprintf("Gradients(a random rank-3 model, InstEval's %d training ratings, λ = 2.5), in the order b_users, b_items, P, Q", len(train)))
}

// trainWith is gradient descent with a given gradient and loss, μ fixed at mu; with
// sequential, Q moves with the gradient after the biases and P have moved.
func trainWith(rs []rating, init model, mu, lambda, lr float64, epochs int, v *variant, sequential bool) (*model, []float64) {
	loss, grad := func(m model) float64 { return recommend.Loss(&m, rs, lambda) }, func(m model) *model { return recommend.Gradient(&m, rs, lambda) }
	if v != nil {
		loss, grad = func(m model) float64 { return v.loss(m, rs, lambda) }, func(m model) *model { return v.grad(m, rs, lambda) }
	}
	m := init.Clone()
	m.Mu = mu
	h := []float64{loss(*m)}
	for range epochs {
		g := grad(*m)
		for u := range m.UserBias {
			m.UserBias[u] -= lr * g.UserBias[u]
		}
		for i := range m.ItemBias {
			m.ItemBias[i] -= lr * g.ItemBias[i]
		}
		m.P.Sub(m.P, scaled(lr, g.P))
		if sequential {
			g = grad(*m)
		}
		m.Q.Sub(m.Q, scaled(lr, g.Q))
		h = append(h, loss(*m))
	}
	return m, h
}

// checkTrain runs Train and compares the model and the history with the reference, drawing
// the loss curves when plotTitle is not empty; it returns the learner's model and history and
// the reference's.
func checkTrain(t *grader.T, rs []rating, init model, lambda, lr float64, epochs int, what, plotTitle string) (got model, history []float64, want *model, wantHistory []float64) {
	r := t.Call("Train", rs, init, lambda, lr, epochs)
	r.Decode(&got, &history)
	want, wantHistory = recommend.Train(rs, &init, lambda, lr, epochs)
	label := fmt.Sprintf("Train(%s, λ = %s, lr = %s, %d epochs)", what, grader.Num(lambda), grader.Num(lr), epochs)
	if plotTitle != "" {
		// Drawn first: a named mistake ends the check.
		plotLoss(t, plotTitle, history, wantHistory)
	}
	if len(history) == epochs && epochs > 0 {
		t.Mistake(grader.NearSlice(history, wantHistory[1:], tolFit) || grader.NearSlice(history, wantHistory[:epochs], tolFit), historyOffByOne,
			fmt.Sprintf("your history has %d losses for %d epochs, want %d", len(history), epochs, epochs+1))
		t.Fatalf("%s returned a history of %d losses, want %d: history[0] is the loss before the first step, history[e] after e steps", label, len(history), epochs+1)
	}
	p := params(t, got, *want, "the model "+label+" returned")
	if epochs > 0 {
		for _, part := range []struct {
			name      string
			got, init []float64
		}{
			{"UserBias", got.UserBias, init.UserBias},
			{"ItemBias", got.ItemBias, init.ItemBias},
			{"P", mat.DenseCopyOf(got.P).RawMatrix().Data, mat.DenseCopyOf(init.P).RawMatrix().Data},
			{"Q", mat.DenseCopyOf(got.Q).RawMatrix().Data, mat.DenseCopyOf(init.Q).RawMatrix().Data},
		} {
			if slices.Equal(part.got, part.init) {
				t.Logf("your model's %s is init's after %d epochs: every step moves it by −lr times its gradient", part.name, epochs)
			}
		}
	}
	mu := want.Mu
	if !grader.NearSlice(p, want.Params(), tolFit) || got.Mu != mu {
		type cand struct {
			id, detail string
			m          *model
			h          []float64
			mu         float64
		}
		var cands []cand
		vs := variants()
		for k := range vs {
			v := &vs[k]
			id := v.id
			if id == missingAsZero {
				id = gradientAllEntries
			}
			m, h := trainWith(rs, init, mu, lambda, lr, epochs, v, false)
			cands = append(cands, cand{id, "your model is what gradient descent on " + v.what + " reaches", m, h, mu})
		}
		m, h := trainWith(rs, init, init.Mu, lambda, lr, epochs, nil, false)
		cands = append(cands, cand{meanNotSet, fmt.Sprintf("your model's Mu is %s, init's, not the mean rating %s, and the rest follows", grader.Num(got.Mu), grader.Num(mu)), m, h, init.Mu})
		m, h = trainWith(rs, init, mu, lambda, lr, epochs, nil, true)
		cands = append(cands, cand{sequentialUpdates, "your model is what gradient descent reaches when Q's gradient is computed after P and the biases have moved in the same step", m, h, mu})
		var ids, details []string
		for _, c := range cands {
			if got.Mu == c.mu && grader.NearSlice(p, c.m.Params(), tolFit) {
				ids, details = append(ids, c.id), append(details, c.detail)
			}
		}
		nameOne(t, ids, details)
	}
	if len(history) > 0 {
		// history[0] is the loss of the starting model: the loss checks' mistakes show there.
		start := init.Clone()
		start.Mu = mu
		lossMistakes(t, *start, rs, lambda, history[0], "history[0], your loss of the starting model,")
	}
	t.Label("Mu of the model " + label + " returned (the mean training rating)")
	t.Close(got.Mu, mu, tolValue)
	t.Label("the model " + label + " returned, in the order b_users, b_items, P, Q")
	t.CloseSlice(p, want.Params(), tolFit)
	t.Label("the loss history of " + label)
	t.CloseSlice(history, wantHistory, tolFit)
	return got, history, want, wantHistory
}

// The visible training run on InstEval: rank 3, λ = 10, lr = 0.01, 200 epochs. A smaller λ
// fits the training ratings better and the held-out ones worse (at λ = 1 the held-out RMSE is
// 1.40, above the biases alone's 1.15): the factors overfit 1,463 ratings.
const (
	rankIE           = 3
	lambdaIE float64 = 10
	lrIE             = 0.01
	epochsIE         = 200
)

func instEvalInit(users, items int) model {
	return startModel(rand.New(rand.NewPCG(26, 4)), users, items, rankIE)
}

func trainCheck(t *grader.T) {
	train, _, users, items := instEval(t)
	init := instEvalInit(users, items)
	what := fmt.Sprintf("InstEval's %d training ratings, rank %d", len(train), rankIE)
	checkTrain(t, train, init, lambdaIE, lrIE, 0, what, "")
	checkTrain(t, train, init, lambdaIE, lrIE, epochsIE, what,
		fmt.Sprintf("Training loss on InstEval (rank %d, λ = %s, lr = %s)", rankIE, grader.Num(lambdaIE), grader.Num(lrIE)))
}

// plotLoss draws the learner's loss history beside the reference's.
func plotLoss(t *grader.T, title string, history, wantHistory []float64) {
	runs := []mlplot.Line{{Name: "reference", Y: wantHistory}}
	if len(history) > 0 && !slices.ContainsFunc(history, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
		runs = append(runs, mlplot.Line{Name: "yours", Y: history, Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	if p, err := mlplot.LossCurves(title, mlplot.Linear, runs...); err == nil {
		p.X.Label.Text = "epoch"
		p.Y.Label.Text = "J = ½ Σ e² + λ/2 (‖P‖² + ‖Q‖²)"
		t.Plot("Loss curve on InstEval", p)
	}
}

// rmseMistakes names the mistake a wrong RMSE matches.
func rmseMistakes(t *grader.T, m model, rs []rating, got float64) {
	if grader.Near(got, recommend.RMSE(&m, rs), tolValue) {
		return
	}
	users, items, _ := m.Dims()
	sse := 0.0
	for _, r := range rs {
		e := r.Value - m.Predict(r.User, r.Item)
		sse += e * e
	}
	cells := float64(users * items)
	full := allCells(rs, users, items)
	fullSSE := 2 * recommend.Loss(&m, full, 0)
	var ids, details []string
	look := func(v float64, id, detail string) {
		if grader.Near(got, v, tolValue) {
			ids, details = append(ids, id), append(details, detail)
		}
	}
	look(math.Sqrt(sse/cells), rmseAllCells, fmt.Sprintf("your RMSE, %s, is √(Σ e² / %d): the sum over the %d ratings divided by the %d cells of the matrix", grader.Num(got), users*items, len(rs), users*items))
	look(math.Sqrt(fullSSE/cells), missingAsZero, fmt.Sprintf("your RMSE, %s, is over all %d cells of the matrix, the ones without a rating taken as 0", grader.Num(got), users*items))
	look(math.Sqrt(fullSSE/float64(len(rs))), missingAsZero, fmt.Sprintf("your RMSE, %s, sums the squared errors of all %d cells of the matrix, the ones without a rating taken as 0", grader.Num(got), users*items))
	look(recommend.RMSE(withoutMu(m), rs), noGlobalMean, fmt.Sprintf("your RMSE, %s, is that of predictions without μ", grader.Num(got)))
	nameOne(t, ids, details)
}

func callRMSE(t *grader.T, m model, rs []rating, what string) {
	got := t.Call("RMSE", m, rs).Float()
	rmseMistakes(t, m, rs, got)
	t.Label(what)
	t.Close(got, recommend.RMSE(&m, rs), tolValue)
}

func rmseCheck(t *grader.T) {
	// By hand: the errors are 0, −0.5, 0.5, −0.5, so RMSE = √(0.75/4) = 0.4330.
	callRMSE(t, tiny(), tinyRatings, "RMSE(the hand-computed model, its 4 ratings) (by hand: √((0² + 0.5² + 0.5² + 0.5²)/4))")
	_, test, _, _ := instEval(t)
	want, _ := instEvalTrained()
	callRMSE(t, *want, test, fmt.Sprintf("RMSE(the reference's trained model, InstEval's %d held-out ratings)", len(test)))
}

func ptr(m model) *model { return &m }

func heldOut(t *grader.T) {
	train, test, users, items := instEval(t)
	init := instEvalInit(users, items)
	var got model
	t.Call("Train", train, init, lambdaIE, lrIE, epochsIE).Decode(&got, nil)
	want, biasRMSE := instEvalTrained()
	p := params(t, got, *want, "the model Train returned")
	g := recommend.FromParams(users, items, rankIE, got.Mu, p)
	rmse, wantRMSE := recommend.RMSE(g, test), recommend.RMSE(want, test)
	base := recommend.NewModel(users, items, rankIE)
	base.Mu = recommend.Mean(train)
	baseRMSE := recommend.RMSE(base, test)
	trainRMSE := recommend.RMSE(g, train)
	t.Logf("held-out RMSE %s (training %s); the reference's %s, the biases alone %s, the global mean alone %s",
		grader.Num(rmse), grader.Num(trainRMSE), grader.Num(wantRMSE), grader.Num(biasRMSE), grader.Num(baseRMSE))
	const limit = 1.2
	t.True(rmse <= limit, "your trained model's RMSE on the %d held-out ratings is %s, want at most %s (predicting the mean training rating %s for everything gives %s, the reference %s)",
		len(test), grader.Num(rmse), grader.Num(limit), grader.Num(base.Mu), grader.Num(baseRMSE), grader.Num(wantRMSE))
	pred := func(m *model) []float64 {
		out := make([]float64, len(test))
		for k, r := range test {
			out[k] = m.Predict(r.User, r.Item)
		}
		return out
	}
	actual := make([]float64, len(test))
	for k, r := range test {
		actual[k] = r.Value
	}
	title := fmt.Sprintf("InstEval: the %d held-out ratings, predicted against actual", len(test))
	panel := func(name string, predicted []float64) *gplot.Plot {
		pl, err := mlplot.PredictedVsActual(name, mlplot.Prediction{Name: "held-out rating", Actual: actual, Predicted: predicted})
		if err != nil {
			return nil
		}
		pl.X.Label.Text = "actual rating (1 poor … 5 very good)"
		pl.Y.Label.Text = "predicted rating"
		return pl
	}
	ref := panel(fmt.Sprintf("Reference: RMSE %.3f", wantRMSE), pred(want))
	if ref == nil {
		return
	}
	yours := pred(g)
	if slices.ContainsFunc(yours, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
		t.Plot("Held-out ratings, predicted against actual", ref)
		return
	}
	if mine := panel(fmt.Sprintf("Yours: RMSE %.3f", rmse), yours); mine != nil {
		t.Plot("Held-out ratings, predicted against actual", mlplot.SideBySide(title, mine, ref))
	}
}

// recommendMistakes names the mistake a wrong list matches.
func recommendMistakes(t *grader.T, m model, user, n int, seen []rating, got []int) {
	if slices.Equal(got, recommend.Recommend(&m, user, n, seen)) {
		return
	}
	var ids, details []string
	look := func(v []int, id, detail string) {
		if slices.Equal(got, v) {
			ids, details = append(ids, id), append(details, detail)
		}
	}
	look(recommend.Recommend(&m, user, n, nil), recommendsSeen, fmt.Sprintf("your list %v ranks every item, the ones user %d rated included", got, user))
	var all []rating
	for _, r := range seen {
		all = append(all, rating{User: user, Item: r.Item, Value: r.Value})
	}
	look(recommend.Recommend(&m, user, n, all), seenByAnyone, fmt.Sprintf("your list %v leaves out every item that any user rated, not only user %d's", got, user))
	look(tiesToLast(m, user, n, seen), tiesLast, fmt.Sprintf("your list %v puts the higher item index first among equal predictions", got))
	nameOne(t, ids, details)
}

// tiesToLast is Recommend with ties to the higher item index.
func tiesToLast(m model, user, n int, seen []rating) []int {
	_, items, _ := m.Dims()
	all := recommend.Recommend(&m, user, items, seen)
	slices.SortStableFunc(all, func(a, b int) int {
		pa, pb := m.Predict(user, a), m.Predict(user, b)
		switch {
		case pa > pb:
			return -1
		case pa < pb:
			return 1
		}
		return b - a
	})
	return all[:min(n, len(all))]
}

func callRecommend(t *grader.T, m model, user, n int, seen []rating, what string) {
	got := t.Call("Recommend", m, user, n, seen).Ints()
	recommendMistakes(t, m, user, n, seen, got)
	t.Label(what)
	t.Equal(got, recommend.Recommend(&m, user, n, seen))
}

func recommendCheck(t *grader.T) {
	// By hand: the factors are 0, so user u's prediction of item i is 3 + bᵢ, with
	// bᵢ = (0.5, 1, 0.5, 1, −1, 2): 3.5, 4, 3.5, 4, 2, 5. User 0 rated item 5 and user 1
	// item 1. User 0's unseen items 0–4 rank 1, 3 (4, the lower index first), 0, 2 (3.5), 4.
	m := *recommend.NewModel(2, 6, 1)
	m.Mu = 3
	m.ItemBias = []float64{0.5, 1, 0.5, 1, -1, 2}
	seen := []rating{{User: 1, Item: 1, Value: 2}, {User: 0, Item: 5, Value: 4}}
	callRecommend(t, m, 0, 3, seen, "Recommend(m, user 0, n = 3, seen): predictions 3.5, 4, 3.5, 4, 2, 5 for items 0–5; user 0 rated item 5, user 1 item 1")
	callRecommend(t, m, 0, 10, seen, "Recommend(m, user 0, n = 10, seen): the 5 items user 0 has not rated, best first")
	callRecommend(t, m, 1, 2, seen, "Recommend(m, user 1, n = 2, seen): user 1 rated item 1")
	// The reference's model trained on InstEval, for three students and their training ratings.
	train, _, _, _ := instEval(t)
	want, _ := instEvalTrained()
	for _, u := range []int{0, 13, 39} {
		callRecommend(t, *want, u, 5, train, fmt.Sprintf("Recommend(the reference's model trained on InstEval, user %d, n = 5, the training ratings)", u))
	}
}

func notMutated(t *grader.T) {
	train, _, users, items := instEval(t)
	rs := train[:300] // in a random order: sorting them would show
	m := randomModel(rand.New(rand.NewPCG(26, 5)), users, items, 2, 3, 0.3)
	t.NotMutated("Predict", m, 3, 7)
	t.NotMutated("Loss", m, rs, 1.0)
	t.NotMutated("Gradients", m, rs, 1.0)
	t.NotMutated("Train", rs, m, 1.0, 0.01, 3)
	t.NotMutated("RMSE", m, rs)
	t.NotMutated("Recommend", m, 4, 5, rs)
}
