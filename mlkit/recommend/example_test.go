package recommend_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/recommend"
)

func ExampleTrain() {
	// Three users, four items; five of the twelve cells are missing.
	ratings := []recommend.Rating{
		{User: 0, Item: 0, Value: 5}, {User: 0, Item: 1, Value: 4}, {User: 0, Item: 3, Value: 1},
		{User: 1, Item: 0, Value: 4}, {User: 1, Item: 2, Value: 1},
		{User: 2, Item: 1, Value: 1}, {User: 2, Item: 2, Value: 5},
	}
	init := recommend.NewModel(3, 4, 1)
	// A start away from zero: at P = Q = 0 the factors' gradient is zero too.
	init.P = mat.NewDense(3, 1, []float64{0.1, 0.2, -0.1})
	init.Q = mat.NewDense(4, 1, []float64{0.1, -0.1, 0.2, 0.1})
	m, history := recommend.Train(ratings, init, 0.1, 0.1, 1000)
	fmt.Printf("μ = %.4f, loss %.4f → %.4f\n", m.Mu, history[0], history[1000])
	fmt.Printf("training RMSE %.4f\n", recommend.RMSE(m, ratings))
	// User 1 agrees with user 0 on item 0, and user 0 liked item 1 and not item 3.
	fmt.Println("for user 1:", recommend.Recommend(m, 1, 2, ratings))
	// Output:
	// μ = 3.0000, loss 11.1379 → 0.3365
	// training RMSE 0.0539
	// for user 1: [1 3]
}
