package optim_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/optim"
)

// Three classes on a line: class 0 on the left, 1 in the middle, 2 on the right. At Θ = 0 every
// class has probability ⅓, so the loss is ln 3 ≈ 1.0986 whatever the labels; gradient descent
// then separates the classes: the slopes of classes 0 and 2 grow apart, and each row of Θ still
// sums to zero, as it does at Θ = 0. Θ is 2×3 (the intercepts, then the slopes) and θ holds it
// row by row.
func ExampleNewSoftmax() {
	x := mat.NewDense(6, 2, []float64{1, -2, 1, -1.5, 1, -0.2, 1, 0.3, 1, 1.6, 1, 2.2})
	y := []int{0, 0, 1, 1, 2, 2}
	obj := optim.NewSoftmax(x, y, 3, optim.L2{})
	fmt.Printf("J(0) = %.4f\n", obj.LossGrad(nil, make([]float64, 6)))
	res, err := optim.Minimize(obj, make([]float64, 6), optim.GD{LearningRate: 1}, &optim.Settings{Epochs: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	theta := mat.NewDense(2, 3, res.Theta)
	fmt.Printf("J after %d epochs = %.4f\n", res.Epochs, res.Loss[res.Epochs])
	fmt.Printf("slopes %.2f\n", mat.Row(nil, 1, theta))
	// Output:
	// J(0) = 1.0986
	// J after 200 epochs = 0.0261
	// slopes [-5.11 0.05 5.06]
}
