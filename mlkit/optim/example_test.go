package optim_test

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/optim"
)

// Batch gradient descent fits y ≈ θ₀ + θ₁·x through points that lie on y = 1 + 2x.
func ExampleMinimize() {
	x := mat.NewDense(4, 2, []float64{
		1, 0,
		1, 1,
		1, 2,
		1, 3,
	}) // a ones column for the bias θ₀, then the feature
	y := []float64{1, 3, 5, 7}
	obj := optim.NewLeastSquares(x, y, optim.L2{})
	res, err := optim.Minimize(obj, []float64{0, 0}, optim.GD{LearningRate: 0.2}, &optim.Settings{Epochs: 1000, GradTol: 1e-9})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("θ = (%.6f, %.6f) after %d epochs: %v\n", res.Theta[0], res.Theta[1], res.Epochs, res.Status)
	fmt.Printf("loss curve starts %.4f, %.4f, %.4f\n", res.Loss[0], res.Loss[1], res.Loss[2])
	// Output:
	// θ = (1.000000, 2.000000) after 272 epochs: converged: gradient norm within tolerance
	// loss curve starts 10.5000, 0.2675, 0.0072
}

// Mini-batch SGD with Adam: 8 rows in shuffled batches of 3 (the last batch of each epoch
// holds 2), logistic loss with an L2 penalty that leaves the bias alone, and a learning rate
// that decays as 1/(1 + k/10) in epoch k. The full-batch optimum, by gradient descent to
// ‖∇J‖ ≤ 1e-12, is θ = (0, 1.3266) with loss 0.36119; the noisy steps end close to it.
func ExampleMinimize_miniBatch() {
	x := mat.NewDense(8, 2, []float64{
		1, -3, 1, -2, 1, -1, 1, -0.5,
		1, 0.5, 1, 1, 1, 2, 1, 3,
	})
	y := []float64{0, 0, 0, 1, 0, 1, 1, 1}
	obj := optim.NewLogistic(x, y, optim.L2{Lambda: 0.1})
	res, err := optim.Minimize(obj, []float64{0, 0}, optim.Adam{LearningRate: 0.05},
		&optim.Settings{Epochs: 300, BatchSize: 3, Seed: 42,
			Schedule: func(k int) float64 { return 1 / (1 + float64(k)/10) }})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("θ = (%.2f, %.2f), final loss %.4f, %v\n", res.Theta[0], res.Theta[1], res.Loss[res.Epochs], res.Status)
	// Output:
	// θ = (-0.00, 1.32), final loss 0.3612, epoch limit reached
}

// A learning rate that is too large is reported, with the epoch, rather than returned as
// parameters full of Inf. Here J(θ) = 7/3·(θ − 1)² and each step multiplies θ − 1 by
// 1 − 2·14/3 = −8.33, so the loss grows 69× per epoch and passes a million times its start
// in epoch 4.
func ExampleMinimize_diverged() {
	x := mat.NewDense(3, 1, []float64{1, 2, 3})
	obj := optim.NewLeastSquares(x, []float64{1, 2, 3}, optim.L2{})
	res, err := optim.Minimize(obj, []float64{0}, optim.GD{LearningRate: 2}, &optim.Settings{Epochs: 100})
	var div *optim.DivergedError
	if errors.As(err, &div) {
		fmt.Printf("diverged in epoch %d; the result keeps θ = %.1f from epoch %d (%v)\n", div.Epoch, res.Theta[0], res.Epochs, res.Status)
	}
	// Output:
	// diverged in epoch 4; the result keeps θ = 579.7 from epoch 3 (diverged)
}

// The loss and gradient of least squares with an L2 penalty that leaves the bias θ₀ alone.
func ExampleNewLeastSquares() {
	x := mat.NewDense(3, 2, []float64{1, 1, 1, 2, 1, 3})
	obj := optim.NewLeastSquares(x, []float64{1, 2, 2}, optim.L2{Lambda: 3})
	grad := make([]float64, 2)
	loss := obj.LossGrad(grad, []float64{0.5, 0.5})
	fmt.Printf("J = %.6f, ∇J = (%.6f, %.6f)\n", loss, grad[0], grad[1])
	fmt.Printf("batch of rows 1 and 2: J = %.6f\n", obj.BatchLossGrad(nil, []float64{0.5, 0.5}, []int{1, 2}))
	// Output:
	// J = 0.166667, ∇J = (-0.166667, 0.166667)
	// batch of rows 1 and 2: J = 0.187500
}

// At θ = 0 every probability is ½, so the mean log loss is ln 2 whatever the labels.
func ExampleNewLogistic() {
	x := mat.NewDense(4, 2, []float64{1, 5, 1, -2, 1, 0.5, 1, 8})
	obj := optim.NewLogistic(x, []float64{1, 0, 0, 1}, optim.L2{})
	fmt.Printf("J(0) = %.6f\n", obj.LossGrad(nil, []float64{0, 0}))
	// Output:
	// J(0) = 0.693147
}

// CheckGradient catches a hand-written gradient that forgot to divide by the number of rows.
func ExampleCheckGradient() {
	x := []float64{1, 2, 3, 4}
	y := []float64{2, 4, 5, 9}
	m := float64(len(x))
	loss := func(th []float64) float64 { // J(θ) = 1/(2m)·Σ (θ·xᵢ − yᵢ)²
		s := 0.0
		for i := range x {
			r := th[0]*x[i] - y[i]
			s += r * r
		}
		return s / (2 * m)
	}
	sumNotMean := optim.Func{N: 1, Loss: loss, Grad: func(g, th []float64) {
		g[0] = 0
		for i := range x {
			g[0] += (th[0]*x[i] - y[i]) * x[i] // missing: / m
		}
	}}
	c, err := optim.CheckGradient(sumNotMean, []float64{0.5}, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("worst relative error %.4f at θ%d: analytic %.4f, numeric %.4f\n", c.MaxRelErr, c.Index, c.Analytic, c.Numeric)
	// Output:
	// worst relative error 0.7500 at θ0: analytic -46.0000, numeric -11.5000
}

// NumericGradient estimates a gradient by central differences.
func ExampleNumericGradient() {
	f := optim.Func{N: 2, Loss: func(th []float64) float64 { return th[0]*th[0]*th[1] + 3*th[1] }}
	grad := make([]float64, 2)
	if err := optim.NumericGradient(grad, f, []float64{2, 5}, 0); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("∇f(2, 5) ≈ (%.6f, %.6f)\n", grad[0], grad[1])
	// Output:
	// ∇f(2, 5) ≈ (20.000000, 7.000000)
}
