package neural

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Settings configure Train.
type Settings struct {
	// Hidden is the number of hidden units h.
	Hidden int
	// Epochs is the number of passes over the rows.
	Epochs int
	// Batch is the mini-batch size; the last batch of an epoch holds the rows left over.
	Batch int
	// LearningRate is the step size η of W ← W − η·∂J/∂W.
	LearningRate float64
	// Lambda is the L2 penalty λ of each batch's loss (0 for none).
	Lambda float64
	// Seed seeds Init and the order of the rows.
	Seed uint64
	// Sequential takes the batches in row order every epoch instead of reshuffling
	// (scikit-learn's shuffle=False).
	Sequential bool
}

// Train fits a Net with s.Hidden hidden units to the rows of X (m×p) and the labels y in
// [0, c) by mini-batch stochastic gradient descent from Init(p, s.Hidden, c, s.Seed); see
// TrainFrom for the steps and the loss history.
//
// It panics as TrainFrom does, or if s.Hidden < 1 or c < 1.
func Train(X mat.Matrix, y []int, c int, s Settings) (*Net, []float64) {
	_, p := X.Dims()
	return TrainFrom(Init(p, s.Hidden, c, s.Seed), X, y, s)
}

// TrainFrom runs s.Epochs epochs of mini-batch SGD from a copy of net0 and returns the trained
// Net and the loss history: history[0] is Loss(X, y, λ) before the first step, history[e] after
// epoch e (len(history) = s.Epochs + 1).
//
// Each epoch draws an order of the rows, order := rng.Perm(m) from one
// rng := rand.New(rand.NewPCG(s.Seed, 1)) made before the first epoch (or 0, 1, …, m−1 when
// s.Sequential), cuts it into batches of s.Batch rows, order[0:B], order[B:2B], … (the last
// one shorter when B does not divide m), and for each batch in turn takes one step
// W ← W − η·∂J_batch/∂W on every weight and bias, J_batch being LossGrad on the batch's rows.
// s.Hidden is ignored (net0 sets it). net0, X and y are not modified.
//
// It panics if net0 does not fit X, len(y) is not its number of rows, a label is outside
// [0, c), X has no rows, s.Epochs < 0, s.Batch < 1 or s.LearningRate ≤ 0.
func TrainFrom(net0 *Net, X mat.Matrix, y []int, s Settings) (*Net, []float64) {
	m, p := X.Dims()
	if s.Epochs < 0 || s.Batch < 1 || !(s.LearningRate > 0) {
		panic(fmt.Sprintf("neural: TrainFrom: %d epochs, batch %d, learning rate %v", s.Epochs, s.Batch, s.LearningRate))
	}
	net := net0.Clone()
	history := []float64{net.Loss(X, y, s.Lambda)}
	rng := rand.New(rand.NewPCG(s.Seed, 1))
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	dense, _ := X.(*mat.Dense)
	xb := mat.NewDense(min(s.Batch, m), p, nil)
	yb := make([]int, 0, s.Batch)
	for range s.Epochs {
		if !s.Sequential {
			order = rng.Perm(m)
		}
		for lo := 0; lo < m; lo += s.Batch {
			rows := order[lo:min(lo+s.Batch, m)]
			Xb := xb.Slice(0, len(rows), 0, p).(*mat.Dense)
			yb = yb[:0]
			for r, i := range rows {
				if dense != nil {
					copy(Xb.RawRowView(r), dense.RawRowView(i))
				} else {
					for j := range p {
						Xb.Set(r, j, X.At(i, j))
					}
				}
				yb = append(yb, y[i])
			}
			_, g := net.LossGrad(Xb, yb, s.Lambda)
			net.step(g, s.LearningRate)
		}
		history = append(history, net.Loss(X, y, s.Lambda))
	}
	return net, history
}

// step moves every weight of n by −eta times its entry of g.
// The weights are contiguous (Init and Clone make them so), and a step allocates nothing.
func (n *Net) step(g *Net, eta float64) {
	floats.AddScaled(n.W1.RawMatrix().Data, -eta, g.W1.RawMatrix().Data)
	floats.AddScaled(n.W2.RawMatrix().Data, -eta, g.W2.RawMatrix().Data)
	floats.AddScaled(n.B1, -eta, g.B1)
	floats.AddScaled(n.B2, -eta, g.B2)
}
