package neural

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/optim"
)

// oracle is testdata/mlp_sklearn.json, written by testdata/mlp_sklearn.py (scikit-learn 1.2.1).
type oracle struct {
	Rows, Features, Hidden, Classes int
	X                               []float64
	Y                               []int
	W1, B1, W2, B2                  []float64
	Proba                           []float64
	Grads                           []struct {
		Alpha, Loss        float64
		GW1, GB1, GW2, GB2 []float64
	}
	Train struct {
		Alpha          float64
		LearningRate   float64 `json:"learning_rate"`
		Batch, Epochs  int
		W1, B1, W2, B2 []float64
	}
}

func readOracle(t *testing.T) (oracle, *mat.Dense, *Net) {
	t.Helper()
	raw, err := os.ReadFile("testdata/mlp_sklearn.json")
	require.NoError(t, err)
	var o oracle
	require.NoError(t, json.Unmarshal(raw, &o))
	X := mat.NewDense(o.Rows, o.Features, o.X)
	net := &Net{W1: mat.NewDense(o.Hidden, o.Features, o.W1), B1: o.B1, W2: mat.NewDense(o.Classes, o.Hidden, o.W2), B2: o.B2}
	return o, X, net
}

// near asserts |got − want| ≤ tol·max(1, |want|) element by element.
func near(t *testing.T, got, want []float64, tol float64, what string) {
	t.Helper()
	require.Len(t, got, len(want), what)
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol*math.Max(1, math.Abs(want[i])) {
			t.Fatalf("%s[%d] = %v, scikit-learn %v", what, i, got[i], want[i])
		}
	}
}

// TestAgainstScikitLearn compares the probabilities, the loss and the gradient (λ = 0 and 0.7)
// with MLPClassifier's predict_proba and _backprop at the same weights, within 1e-12 (sums of
// a few hundred terms; scikit-learn clips probabilities at 2.2e-16 before the log, which does
// not bite at these weights).
func TestAgainstScikitLearn(t *testing.T) {
	o, X, net := readOracle(t)
	near(t, net.PredictProba(X).RawMatrix().Data, o.Proba, 1e-12, "proba")
	for _, g := range o.Grads {
		loss, grad := net.LossGrad(X, o.Y, g.Alpha)
		assert.InDelta(t, g.Loss, loss, 1e-12*g.Loss, "loss at alpha %v", g.Alpha)
		assert.InDelta(t, g.Loss, net.Loss(X, o.Y, g.Alpha), 1e-12*g.Loss, "Loss at alpha %v", g.Alpha)
		near(t, grad.W1.RawMatrix().Data, g.GW1, 1e-12, "gW1")
		near(t, grad.B1, g.GB1, 1e-12, "gB1")
		near(t, grad.W2.RawMatrix().Data, g.GW2, 1e-12, "gW2")
		near(t, grad.B2, g.GB2, 1e-12, "gB2")
	}
}

// TestTrainMatchesScikitLearn runs two sequential epochs of SGD from the oracle's weights and
// compares the weights with partial_fit's (shuffle=False, momentum 0), within 1e-10: 20 steps,
// each a contraction-free but well-conditioned update.
func TestTrainMatchesScikitLearn(t *testing.T) {
	o, X, net := readOracle(t)
	tr := o.Train
	got, history := TrainFrom(net, X, o.Y, Settings{Epochs: tr.Epochs, Batch: tr.Batch, LearningRate: tr.LearningRate, Lambda: tr.Alpha, Sequential: true})
	near(t, got.W1.RawMatrix().Data, tr.W1, 1e-10, "W1")
	near(t, got.B1, tr.B1, 1e-10, "B1")
	near(t, got.W2.RawMatrix().Data, tr.W2, 1e-10, "W2")
	near(t, got.B2, tr.B2, 1e-10, "B2")
	require.Len(t, history, tr.Epochs+1)
	assert.Less(t, history[2], history[0])
	assert.Equal(t, o.W1, net.W1.RawMatrix().Data, "net0 is not modified")
}

// TestGradientCheck compares LossGrad with central differences (optim.CheckGradient) at
// random weights, with and without the penalty.
func TestGradientCheck(t *testing.T) {
	o, X, _ := readOracle(t)
	Xs := mat.DenseCopyOf(X.Slice(0, 40, 0, o.Features))
	ys := o.Y[:40]
	for _, lambda := range []float64{0, 0.5} {
		net := Init(o.Features, 7, 10, 3)
		for j := range net.B1 {
			net.B1[j] = 0.1 * float64(j-3)
		}
		obj := optim.Func{N: len(net.Params()),
			Loss: func(th []float64) float64 {
				n := net.Clone()
				n.SetParams(th)
				return n.Loss(Xs, ys, lambda)
			},
			Grad: func(dst, th []float64) {
				n := net.Clone()
				n.SetParams(th)
				_, g := n.LossGrad(Xs, ys, lambda)
				copy(dst, g.Params())
			}}
		gc, err := optim.CheckGradient(obj, net.Params(), 0)
		require.NoError(t, err)
		// A right gradient gives about 1e-7 where a derivative is of order 1 and up to 1e-5 on
		// the tiny ones (1e-6, where rounding, ε·J/h ≈ 1e-11, is relatively large); the
		// mistakes this is for give 0.1 or more.
		assert.Less(t, gc.MaxRelErr, 1e-4, "lambda %v: component %d, analytic %v, numeric %v", lambda, gc.Index, gc.Analytic, gc.Numeric)
	}
}

func TestInit(t *testing.T) {
	net := Init(64, 32, 10, 7)
	p, h, c := net.Dims()
	assert.Equal(t, [3]int{64, 32, 10}, [3]int{p, h, c})
	b1, b2 := math.Sqrt(6.0/96), math.Sqrt(6.0/42)
	for _, v := range net.W1.RawMatrix().Data {
		require.LessOrEqual(t, math.Abs(v), b1)
	}
	for _, v := range net.W2.RawMatrix().Data {
		require.LessOrEqual(t, math.Abs(v), b2)
	}
	assert.Equal(t, make([]float64, 32), net.B1)
	assert.Equal(t, make([]float64, 10), net.B2)
	// Uniform on [−b, b] has variance b²/3: 2048 draws give it within a few per cent.
	s := sumSquares(net.W1) / 2048
	assert.InDelta(t, b1*b1/3, s, 0.1*b1*b1/3)
	assert.Equal(t, net.Params(), Init(64, 32, 10, 7).Params(), "the same seed gives the same net")
	assert.NotEqual(t, net.Params(), Init(64, 32, 10, 8).Params())
}

// TestTrainLearnsDigits trains on the oracle's 300 digits: the loss falls every epoch with a
// small step, and the training accuracy passes 0.9.
func TestTrainLearnsDigits(t *testing.T) {
	o, X, _ := readOracle(t)
	net, history := Train(X, o.Y, 10, Settings{Hidden: 16, Epochs: 10, Batch: 16, LearningRate: 0.1, Seed: 1})
	require.Len(t, history, 11)
	for e := 1; e < len(history); e++ {
		assert.Less(t, history[e], history[e-1], "epoch %d", e)
	}
	assert.InDelta(t, math.Log(10), history[0], 0.3, "small initial weights give about ln 10")
	right := 0
	for i, k := range net.Predict(X) {
		if k == o.Y[i] {
			right++
		}
	}
	assert.Greater(t, float64(right)/300, 0.9)
	net2, h2 := Train(X, o.Y, 10, Settings{Hidden: 16, Epochs: 10, Batch: 16, LearningRate: 0.1, Seed: 1})
	assert.Equal(t, history, h2, "the same seed gives the same run")
	assert.Equal(t, net.Params(), net2.Params())
}

// TestHugeLogits: adding 1000 to every output bias changes no probability.
func TestHugeLogits(t *testing.T) {
	o, X, net := readOracle(t)
	want := net.PredictProba(X)
	wantLoss, _ := net.LossGrad(X, o.Y, 0)
	big := net.Clone()
	for k := range big.B2 {
		big.B2[k] += 1000
	}
	assert.True(t, mat.EqualApprox(want, big.PredictProba(X), 1e-12))
	loss, g := big.LossGrad(X, o.Y, 0)
	assert.InDelta(t, wantLoss, loss, 1e-9)
	assert.False(t, math.IsNaN(g.W1.At(0, 0)))
}

func TestPanics(t *testing.T) {
	net := Init(3, 2, 2, 1)
	X := mat.NewDense(2, 3, nil)
	assert.Panics(t, func() { Init(0, 2, 2, 1) })
	assert.Panics(t, func() { net.Forward(mat.NewDense(2, 4, nil)) })
	assert.Panics(t, func() { net.LossGrad(X, []int{0}, 0) })
	assert.Panics(t, func() { net.LossGrad(X, []int{0, 2}, 0) })
	assert.Panics(t, func() { TrainFrom(net, X, []int{0, 1}, Settings{Epochs: 1, Batch: 0, LearningRate: 1}) })
	assert.Panics(t, func() { net.SetParams([]float64{1}) })
}
