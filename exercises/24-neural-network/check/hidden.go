//go:build hidden

package check

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks run on inputs the learner never saw, drawn from the run's seed: random sizes,
// weights, λ and data (Gaussian blobs, or rows of the digits), random seeds for Init and
// Train, and random huge shifts of the logits.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Forward and LossAndGrad on unseen networks and data", Points: 2, Hidden: true, Run: hiddenLossGrad},
		{Name: "Forward stays finite for unseen huge logits", Points: 1, Hidden: true, Run: hiddenHuge},
		{Name: "Init and Train on unseen sizes, seeds and data", Points: 2, Hidden: true, Run: hiddenTrain},
	}
}

// blobs returns c Gaussian blobs of size points each in p dimensions around random centres in
// [−2, 2]ᵖ with standard deviation sd, the classes interleaved (row i is of class i mod c).
func blobs(rng *rand.Rand, c, p, size int, sd float64) (*mat.Dense, []int) {
	centres := make([][]float64, c)
	for k := range centres {
		centres[k] = make([]float64, p)
		for j := range centres[k] {
			centres[k][j] = 4*rng.Float64() - 2
		}
	}
	X := mat.NewDense(c*size, p, nil)
	y := make([]int, c*size)
	for i := range y {
		y[i] = i % c
		for j := range p {
			X.Set(i, j, centres[y[i]][j]+sd*rng.NormFloat64())
		}
	}
	return X, y
}

func hiddenLossGrad(t *grader.T) {
	rng := t.Rand()
	for range 2 {
		p, h, c := 2+rng.IntN(7), 2+rng.IntN(6), 2+rng.IntN(4)
		X, y := blobs(rng, c, p, 4+rng.IntN(10), 0.5+rng.Float64())
		pr := randomParams(rng, p, h, c, 0.3+0.5*rng.Float64(), 0.5+rng.Float64(), 0.5)
		lambda := 3 * rng.Float64()
		what := fmt.Sprintf("%d blobs in %d dimensions (%d hidden units, random weights)", c, p, h)
		checkForward(t, pr, X, what)
		checkLoss(t, pr, X, y, lambda, what)
		checkGrad(t, pr, X, y, lambda, someCoords(rng, p, h, c, 2), what)
	}
	// Rows of the digits the visible checks do not use, with a random subset of the classes'
	// weights and a random hidden size.
	lo := 450 + rng.IntN(1300)
	X, y := rows(lo, lo+30)
	h := 3 + rng.IntN(6)
	pr := randomParams(rng, 64, h, 10, 0.1+0.1*rng.Float64(), 0.5, 0.3)
	checkGrad(t, pr, X, y, rng.Float64(), someCoords(rng, 64, h, 10, 2), fmt.Sprintf("digits %d to %d (%d hidden units)", lo, lo+29, h))
}

func hiddenHuge(t *grader.T) {
	rng := t.Rand()
	p, h, c := 2+rng.IntN(5), 2+rng.IntN(5), 2+rng.IntN(5)
	X, y := blobs(rng, c, p, 5, 1)
	pr := randomParams(rng, p, h, c, 0.5, 1, 0.5)
	shift := 710 + 2000*rng.Float64()
	checkHuge(t, pr, X, y, []float64{shift, -shift}, 300+300*rng.Float64(), fmt.Sprintf("%d blobs in %d dimensions", c, p))
}

func hiddenTrain(t *grader.T) {
	rng := t.Rand()
	checkInit(t, 5+rng.IntN(60), 2+rng.IntN(30), 2+rng.IntN(9), rng.Uint64())
	p, h, c := 2+rng.IntN(5), 2+rng.IntN(8), 2+rng.IntN(4)
	X, y := blobs(rng, c, p, 10+rng.IntN(20), 0.5+rng.Float64())
	m, _ := X.Dims()
	batch := 3 + rng.IntN(m/2)
	checkTrain(t, X, y, h, 2+rng.IntN(4), batch, 0.05+0.3*rng.Float64(), rng.Uint64(), fmt.Sprintf("%d blobs of %d rows in %d dimensions", c, m/c, p))
}
