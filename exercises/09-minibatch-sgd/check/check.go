// Package check grades exercise 09, minibatch-sgd: mini-batch stochastic gradient descent with
// the rows reshuffled every epoch from a seed.
//
// The reference is mlkit/optim.Minimize with optim.GD over optim.LeastSquares, whose mini-batch
// schedule the exercise specifies exactly (one PCG(seed, 0), rng.Perm(m) every epoch, the last
// batch kept, the batch gradient a mean over the batch), so a correct SGD matches it to rounding.
// The mistakes are recognised by running them on the same input (simulate): the same order every
// epoch, no shuffle at all, the last partial batch dropped, the batch gradient divided by m, and
// a seed that is ignored.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/exercises/internal/plane"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/optim"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "minibatch-sgd",
		Title: "Mini-batch SGD: epochs, reshuffling, batch size",
		Dir:   "exercises/09-minibatch-sgd",
		Functions: []grader.Func{
			{Name: "SGD", Signature: "func(X *mat.Dense, y, theta0 []float64, alpha float64, epochs, batch int, seed uint64) (theta, epochLoss []float64)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/optim/...",
			"github.com/mlkata/mlkata/mlkit/linear/...",
			"gonum.org/v1/gonum/optimize/...",
		},
		Checks: append([]grader.Check{
			{Name: "batch = m is batch gradient descent (exercise 08), also for batch > m and for one row", Points: 1, Run: fullBatch},
			{Name: "The loss per epoch: J(θ₀) first, then one per epoch (0, 1 and 3 epochs)", Points: 1, Run: lossShape},
			{Name: "Batches of 16 on 200 rows (12 full, one of 8), reshuffled every epoch", Points: 2, Run: batches16},
			{Name: "Batch sizes 1, 16 and 200: the loss per epoch", Points: 1, Run: batchSizes},
			{Name: "The same seed gives the same run; another seed another", Points: 1, Run: seeds},
			{Name: "40 epochs of batches of 16 come within 5 % of the least-squares cost", Points: 1, Run: nearOptimum},
			{Name: "SGD leaves its inputs as they were", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"An epoch is one pass over all m rows in a random order, cut into batches; each batch gives one step θ ← θ − α·(gradient of the batch). Make the random source once, before the first epoch, and draw a new order from it at the start of every epoch.",
			"rng := rand.New(rand.NewPCG(seed, 0)); then per epoch p := rng.Perm(m) and for start := 0; start < m; start += batch { b := p[start:min(start+batch, m)] … } — the last b is shorter when batch does not divide m; keep it. The gradient of a batch is Σ_{i∈b} (xᵢ·θ − yᵢ)·xᵢ divided by len(b), not by m.",
			"Start with theta := slices.Clone(theta0) and loss := []float64{J(theta)}; after each epoch append J(θ) over all m rows (not the batches' losses). For one batch: grad := make([]float64, n); for _, i := range b { r := floats.Dot(X.RawRowView(i), theta) − y[i]; floats.AddScaled(grad, r, X.RawRowView(i)) }; floats.AddScaled(theta, −alpha/float64(len(b)), grad).",
		},
		Mistakes: []grader.Mistake{
			{ID: noReshuffle, Hint: "Every epoch visited the rows in the same order. Make one random source before the first epoch and draw a new permutation from it at the start of every epoch; a new rand.New(rand.NewPCG(seed, 0)) each epoch repeats the first order."},
			{ID: noShuffle, Hint: "Your batches take the rows in their stored order, 0, 1, 2, …: shuffle them every epoch with p := rng.Perm(m). On data stored in some order an unshuffled epoch ends with a run of similar rows that pulls θ their way."},
			{ID: dropPartial, Hint: "The last, shorter batch of every epoch never made it into a step. When batch does not divide m, keep it: b := p[start:min(start+batch, m)]. With batch ≥ m that batch is the whole epoch."},
			{ID: lastOverBatch, Hint: "The last, shorter batch's gradient was divided by batch, the size you were given, instead of by the number of rows that batch holds: its step is too small. Divide each batch's sum by len(b)."},
			{ID: meanOverM, Hint: "Your steps are batch/m times too small: the gradient of a batch is its sum divided by the batch's own size, len(b), not by m."},
			{ID: seedIgnored, Hint: "Different seeds gave exactly the same run: the order of the rows does not come from the seed you are given. Make the source from it, rand.New(rand.NewPCG(seed, 0)), not from a constant."},
			{ID: lossOffByOne, Hint: "epochLoss is J(θ₀) before the first epoch, then J over all m rows after each epoch: epochs + 1 numbers. Append J(θ₀) before the loop and J(θ) at the end of every epoch."},
			{ID: "not-deterministic", Hint: "The same arguments, seed included, gave different runs. Make the random source inside SGD from its seed, rand.New(rand.NewPCG(seed, 0)), once per call: not math/rand's global functions (rand.Perm, rand.Shuffle), and not a source kept in a package variable between calls."},
			{ID: "input-mutated", Hint: "SGD changed an argument it was given. Work on a copy of theta0 (slices.Clone), and shuffle a permutation of the row indices, never the rows of X or the elements of y themselves."},
		},
	}
}

// The mistakes the checks recognise.
const (
	noReshuffle   = "no-reshuffle"
	noShuffle     = "no-shuffle"
	dropPartial   = "partial-batch-dropped"
	meanOverM     = "mean-over-m"
	seedIgnored   = "seed-ignored"
	lossOffByOne  = "epoch-loss-off-by-one"
	lastOverBatch = "last-batch-divided-by-batch"
)

var (
	// tolTheta and tolLoss allow the rounding of another summation order, over a few thousand
	// steps that damp earlier errors (α·λmax < 2).
	tolTheta = grader.Rel(1e-9).PlusAbs(1e-9)
	tolLoss  = grader.Rel(1e-9).PlusAbs(1e-12)
)

// reference runs mlkit's mini-batch gradient descent as the exercise specifies it.
func reference(X *mat.Dense, y, theta0 []float64, alpha float64, epochs, batch int, seed uint64) (theta, loss []float64) {
	obj := optim.NewLeastSquares(X, y, optim.L2{})
	if epochs == 0 { // optim.Settings reads 0 epochs as its default, 100
		return append([]float64(nil), theta0...), []float64{obj.LossGrad(nil, theta0)}
	}
	res, err := optim.Minimize(obj, theta0, optim.GD{LearningRate: alpha},
		&optim.Settings{Epochs: epochs, BatchSize: batch, Seed: seed})
	if err != nil {
		panic(err) // the fixtures' learning rates are stable
	}
	return res.Theta, res.Loss
}

// variant is a way of getting mini-batch SGD wrong, or exact for the specified one.
type variant int

const (
	exact         variant = iota
	sameOrder             // one permutation for every epoch (or a new PCG(seed, 0) per epoch)
	inOrder               // no shuffle: rows 0, 1, …, m−1 every epoch
	dropLast              // the last, shorter batch skipped
	divideByM             // the batch gradient's sum divided by m instead of the batch size
	divideByBatch         // every batch's sum divided by batch, the last, shorter one's too
	skipInitial           // the loss before the first epoch left out
)

// simulate runs SGD as the exercise specifies, or with the mistake v.
func simulate(X *mat.Dense, y, theta0 []float64, alpha float64, epochs, batch int, seed uint64, v variant) (theta, loss []float64) {
	m, n := X.Dims()
	obj := optim.NewLeastSquares(X, y, optim.L2{})
	theta = append([]float64(nil), theta0...)
	if v != skipInitial {
		loss = append(loss, obj.LossGrad(nil, theta))
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	var first []int
	grad := make([]float64, n)
	for range epochs {
		var p []int
		switch {
		case v == inOrder:
			p = make([]int, m)
			for i := range p {
				p[i] = i
			}
		case v == sameOrder && first != nil:
			p = first
		default:
			p = rng.Perm(m)
		}
		first = p
		for start := 0; start < m; start += batch {
			b := p[start:min(start+batch, m)]
			if v == dropLast && len(b) < batch {
				break
			}
			clear(grad)
			for _, i := range b {
				row := X.RawRowView(i)
				floats.AddScaled(grad, floats.Dot(row, theta)-y[i], row)
			}
			d := float64(len(b))
			switch v {
			case divideByM:
				d = float64(m)
			case divideByBatch:
				d = float64(batch)
			}
			floats.AddScaled(theta, -alpha/d, grad)
		}
		loss = append(loss, obj.LossGrad(nil, theta))
	}
	return theta, loss
}

// visible is the visible fixture: 200 rows of plane.Correlated, from a fixed seed.
func visible() (*mat.Dense, []float64) { return plane.Correlated(rand.New(rand.NewPCG(2026, 9)), 200) }

// run calls the learner's SGD and returns its θ and epoch losses.
func run(t *grader.T, X *mat.Dense, y, theta0 []float64, alpha float64, epochs, batch int, seed uint64) (theta, loss []float64) {
	r := t.Call("SGD", X, y, theta0, alpha, epochs, batch, seed)
	return r.Out(0).Floats(), r.Out(1).Floats()
}

// checkRun compares a learner's run with the reference, naming the mistakes it matches, and
// checks that the losses end at the cost of the θ returned.
func checkRun(t *grader.T, X *mat.Dense, y, theta0 []float64, alpha float64, epochs, batch int, seed uint64, what string, gotTheta, gotLoss []float64) {
	m, _ := X.Dims()
	wantTheta, wantLoss := reference(X, y, theta0, alpha, epochs, batch, seed)
	t.Label("the run of " + what) // what the mistakes below are about
	same := func(v variant) bool {
		th, l := simulate(X, y, theta0, alpha, epochs, batch, seed, v)
		return grader.NearSlice(gotTheta, th, tolTheta) && grader.NearSlice(gotLoss, l, tolLoss) &&
			!grader.NearSlice(gotTheta, wantTheta, tolTheta)
	}
	thetas := fmt.Sprintf("θ = %s, want %s", grader.Nums(gotTheta), grader.Nums(wantTheta))
	if len(gotLoss) == epochs && epochs > 0 {
		_, l := simulate(X, y, theta0, alpha, epochs, batch, seed, skipInitial)
		t.Mistake(grader.NearSlice(gotLoss, l, tolLoss), lossOffByOne, fmt.Sprintf(
			"your epochLoss has %s for %s, want %d: J(θ₀) is missing", count(len(gotLoss), "loss"), count(epochs, "epoch"), epochs+1))
	}
	if batch < m && epochs > 1 {
		t.Mistake(same(sameOrder), noReshuffle, thetas+": what the same order in every epoch gives")
	}
	if batch < m {
		t.Mistake(same(inOrder), noShuffle, thetas+": what the rows in their stored order give")
	}
	if r := m % batch; r != 0 && batch < m {
		t.Mistake(same(dropLast), dropPartial, fmt.Sprintf(
			"%s: what dropping the last %d rows of every epoch's order gives (%d = %d·%d + %d)", thetas, r, m, m/batch, batch, r))
	}
	if m%batch != 0 {
		t.Mistake(same(divideByBatch), lastOverBatch, fmt.Sprintf(
			"%s: what dividing the last batch's sum by batch = %d, not by its %d rows, gives", thetas, batch, m%batch))
	}
	if batch < m {
		t.Mistake(same(divideByM), meanOverM, fmt.Sprintf("%s: what steps batch/m = %d/%d times too small give", thetas, batch, m))
	}
	t.Label("θ after " + what)
	t.CloseSlice(gotTheta, wantTheta, tolTheta)
	t.Label("the loss per epoch of " + what)
	t.CloseSlice(gotLoss, wantLoss, tolLoss)
	if len(gotLoss) == epochs+1 && len(gotTheta) == len(theta0) {
		// The losses and θ must tell the same story: the last loss is the cost of the θ returned.
		j := optim.NewLeastSquares(X, y, optim.L2{}).LossGrad(nil, gotTheta)
		t.True(grader.Near(gotLoss[epochs], j, tolLoss),
			"the last loss of %s, %s, is not the cost of the θ you return, J(θ) = %s over all %d rows: epochLoss[%d] must be J after the last epoch, at the θ you return",
			what, grader.Num(gotLoss[epochs]), grader.Num(j), m, epochs)
	}
}

// count returns "1 epoch", "2 epochs", "3 losses".
func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "s"):
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func fullBatch(t *grader.T) {
	X, y := visible()
	m, _ := X.Dims()
	theta0 := []float64{0, 0, 0}
	theta, loss := run(t, X, y, theta0, 0.1, 30, m, 3)
	// Batch gradient descent, as in exercise 08: every epoch is one step with the full gradient.
	want, wantLoss := simulate(X, y, theta0, 0.1, 30, m, 3, exact)
	t.Label("θ after 30 epochs with batch = m = 200, against 30 steps of batch gradient descent (α = 0.1)")
	t.CloseSlice(theta, want, tolTheta)
	t.Label("the loss per epoch with batch = m, against batch gradient descent's cost history")
	t.CloseSlice(loss, wantLoss, tolLoss)
	theta, _ = run(t, X, y, theta0, 0.1, 30, 10*m, 3)
	t.Label("θ after 30 epochs with batch = 2 000 > m: still one full batch per epoch")
	t.Mistake(floats.Equal(theta, theta0), dropPartial, fmt.Sprintf(
		"θ = %s, want %s: no step at all; with batch = 2 000 > m = 200 the one batch of each epoch is all 200 rows, shorter than batch", grader.Nums(theta), grader.Nums(want)))
	short, _ := simulate(X, y, theta0, 0.1, 30, 10*m, 3, divideByBatch)
	t.Mistake(grader.NearSlice(theta, short, tolTheta), lastOverBatch, fmt.Sprintf(
		"θ = %s, want %s: steps 10 times too short, the sum of the 200 rows divided by batch = 2 000", grader.Nums(theta), grader.Nums(want)))
	t.CloseSlice(theta, want, tolTheta)
	// One row, the smallest data set: each epoch is one step on that row.
	X1, y1 := mat.NewDense(1, 3, []float64{1, 2, -1}), []float64{3}
	theta, loss = run(t, X1, y1, theta0, 0.1, 5, 1, 3)
	want, wantLoss = simulate(X1, y1, theta0, 0.1, 5, 1, 3, exact)
	t.Label("θ after 5 epochs on one row, X = [1 2 −1], y = [3] (batch 1, α = 0.1)")
	t.CloseSlice(theta, want, tolTheta)
	t.Label("the loss per epoch on one row")
	t.CloseSlice(loss, wantLoss, tolLoss)
}

// lossShape runs 0, 1 and 3 epochs: epochLoss holds J(θ₀) and then one loss per epoch, and no
// epoch at all returns θ₀ itself (a copy) with its cost.
func lossShape(t *grader.T) {
	X, y := visible()
	theta0 := []float64{1, -1, 0.5}
	for _, epochs := range []int{3, 1, 0} {
		theta, loss := run(t, X, y, theta0, 0.05, epochs, 16, 13)
		checkRun(t, X, y, theta0, 0.05, epochs, 16, 13, fmt.Sprintf("%s of batches of 16 (α = 0.05, seed 13)", count(epochs, "epoch")), theta, loss)
		t.Label(fmt.Sprintf("len(epochLoss) for %s", count(epochs, "epoch")))
		t.Equal(len(loss), epochs+1)
	}
}

func batches16(t *grader.T) {
	X, y := visible()
	theta0 := []float64{0, 0, 0}
	theta, loss := run(t, X, y, theta0, 0.05, 20, 16, 7)
	checkRun(t, X, y, theta0, 0.05, 20, 16, 7, "20 epochs of batches of 16 (α = 0.05, seed 7)", theta, loss)
}

// batchSizes runs batches of 1, 16 and m and draws the loss per epoch of each, the learner's
// dashed over the reference's.
func batchSizes(t *grader.T) {
	X, y := visible()
	m, _ := X.Dims()
	theta0 := []float64{0, 0, 0}
	const epochs, alpha, seed = 20, 0.05, 11
	sizes := []int{1, 16, m}
	type trial struct{ theta, loss []float64 }
	runs := make([]trial, len(sizes))
	var lines []mlplot.Line
	for i, b := range sizes {
		runs[i].theta, runs[i].loss = run(t, X, y, theta0, alpha, epochs, b, seed)
		_, want := reference(X, y, theta0, alpha, epochs, b, seed)
		c := mlplot.PaletteColor(i)
		steps := (m + b - 1) / b
		name := fmt.Sprintf("batch %d (%d step%s per epoch)", b, steps, map[bool]string{true: "", false: "s"}[steps == 1])
		lines = append(lines, mlplot.Line{Name: name + ", reference", Y: want, Style: mlplot.Style{Color: c}})
		if len(runs[i].loss) > 0 && positiveFinite(runs[i].loss) {
			lines = append(lines, mlplot.Line{Name: name + ", yours", Y: runs[i].loss, Style: mlplot.Style{Color: c, Dash: mlplot.Dashed}})
		}
	}
	if p, err := mlplot.LossCurves(fmt.Sprintf("Loss per epoch by batch size (α = %s, %d rows)", grader.Num(alpha), m), mlplot.Log, lines...); err == nil {
		p.X.Label.Text = "epoch"
		p.Y.Label.Text = "J(θ) over all rows, log scale"
		t.Plot("Batch sizes", p)
	}
	for i, b := range sizes {
		checkRun(t, X, y, theta0, alpha, epochs, b, seed, fmt.Sprintf("%d epochs of batches of %d (α = %s, seed %d)", epochs, b, grader.Num(alpha), seed), runs[i].theta, runs[i].loss)
	}
}

func positiveFinite(v []float64) bool {
	for _, x := range v {
		if !(x > 0) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func seeds(t *grader.T) {
	X, y := visible()
	theta0 := []float64{0, 0, 0}
	a := t.Deterministic("SGD", X, y, theta0, 0.05, 5, 16, uint64(1))
	b := t.Call("SGD", X, y, theta0, 0.05, 5, 16, uint64(2))
	ta, tb := a.Out(0).Floats(), b.Out(0).Floats()
	t.Label("the run of 5 epochs of batches of 16 with seed 2")
	// Rows taken in their stored order ignore the seed too: name the cause, not the symptom.
	unshuffled, _ := simulate(X, y, theta0, 0.05, 5, 16, 2, inOrder)
	t.Mistake(floats.Equal(ta, tb) && grader.NearSlice(tb, unshuffled, tolTheta), noShuffle,
		fmt.Sprintf("it ends at θ = %s with seed 1 and with seed 2: what the rows in their stored order give", grader.Nums(tb)))
	t.Mistake(floats.Equal(ta, tb), seedIgnored, fmt.Sprintf("it ends at θ = %s, exactly where the run with seed 1 ends", grader.Nums(tb)))
}

func nearOptimum(t *grader.T) {
	X, y := visible()
	var ols linear.Regression
	ols.NoIntercept = true // X carries its ones column
	if err := ols.Fit(X, y); err != nil {
		panic(err)
	}
	obj := optim.NewLeastSquares(X, y, optim.L2{})
	best := obj.LossGrad(nil, ols.Coef())
	theta, loss := run(t, X, y, []float64{0, 0, 0}, 0.05, 40, 16, 5)
	if len(loss) == 0 || len(theta) != 3 {
		t.Fatalf("SGD returned θ = %s and %d losses for 40 epochs", grader.Nums(theta), len(loss))
	}
	got := obj.LossGrad(nil, theta)
	// The reference reaches 1.0009 times the least-squares cost here (1.00005 to 1.0013 over
	// seeds 1 to 6, measured): a mini-batch step never settles exactly, but with α = 0.05 its
	// noise costs well under 1 %.
	t.True(got <= 1.05*best, "J(θ) = %s after 40 epochs of batches of 16 (α = 0.05), more than 5 %% above the least-squares J = %s (%.1f %% above)", grader.Num(got), grader.Num(best), 100*(got-best)/best)
}

func notMutated(t *grader.T) {
	X, y := visible()
	t.NotMutated("SGD", X, y, []float64{1, -1, 0.5}, 0.05, 2, 16, uint64(3))
}
