package data_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
)

func ExampleCrossDuplicates() {
	// Two exports of the same table were merged: rows 3 and 4 repeat rows 0 and 1.
	X := mat.NewDense(5, 2, []float64{
		5.1, 3.5,
		4.9, 3.0,
		6.2, 2.9,
		5.1, 3.5,
		4.9, 3.0,
	})
	s := data.Split{Train: []int{0, 2, 4}, Test: []int{1, 3}}
	fmt.Println(data.CrossDuplicates(X, s)) // row 3 is row 0; row 1 is row 4
	// Output:
	// [1 3]
}

func ExampleTimeTrainTestSplit() {
	days := []float64{3, 1, 4, 1, 5, 9, 2, 6} // the day each row was recorded, not in order
	s, err := data.TimeTrainTestSplit(days, data.SplitOptions{TestFraction: 0.25})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Train, s.Test) // the ⌈0.25·8⌉ = 2 latest days are the test set
	fmt.Println(data.TrainAfterTest(days, s))
	// Output:
	// [1 3 6 0 2 4] [7 5]
	// []
}

func ExampleTrainAfterTest() {
	days := []float64{1, 2, 3, 4, 5, 6}
	shuffled := data.Split{Train: []int{5, 0, 3, 1}, Test: []int{2, 4}}
	fmt.Println(data.TrainAfterTest(days, shuffled)) // days 4 and 6 come after the test day 3
	// Output:
	// [3 5]
}
