package neural_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/neural"
)

// A network with 4 tanh units learns XOR, which no linear model can.
func Example() {
	X := mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1})
	y := []int{0, 1, 1, 0}
	net, history := neural.Train(X, y, 2, neural.Settings{Hidden: 4, Epochs: 500, Batch: 4, LearningRate: 0.5, Seed: 1})
	fmt.Printf("loss %.3f → %.3f\n", history[0], history[len(history)-1])
	fmt.Println(net.Predict(X))
	// Output:
	// loss 0.787 → 0.005
	// [0 1 1 0]
}

func ExampleInit() {
	net := neural.Init(64, 16, 10, 1)
	p, h, c := net.Dims()
	fmt.Println(p, h, c, net.B1[0], net.W1.At(0, 0) != net.W1.At(1, 0))
	// Output:
	// 64 16 10 0 true
}
