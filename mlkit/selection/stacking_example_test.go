package selection_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// Out-of-fold predictions of a straight-line fit: each point is predicted by the line through
// the points of the other folds.
func ExampleCrossValPredict() {
	X := mat.NewDense(6, 1, []float64{0, 1, 2, 3, 4, 5})
	y := []float64{0, 1, 2, 3, 4, 20}
	folds, _ := data.KFold(6, 3, data.FoldOptions{})
	pred, _ := selection.CrossValPredict(func() selection.Regressor { return &linear.Regression{} }, X, y, folds)
	fmt.Printf("%.2f\n", pred)
	// Output:
	// [-12.00 -6.50 4.65 7.85 4.00 5.00]
}

// A two-stage model: a ridge regression whose out-of-fold predictions, beside the raw
// feature, are the input of a least-squares fit.
func ExampleFitStack() {
	X := mat.NewDense(8, 1, []float64{1, 2, 3, 4, 5, 6, 7, 8})
	y := []float64{1.1, 1.9, 3.2, 3.9, 5.1, 6.0, 6.8, 8.1}
	folds, _ := data.KFold(8, 4, data.FoldOptions{})
	st, err := selection.FitStack(X, y, folds,
		func() selection.Regressor { return &linear.Regression{} },
		func() selection.Regressor { return &linear.Ridge{Alpha: 1} })
	if err != nil {
		fmt.Println(err)
		return
	}
	Xnew := mat.NewDense(2, 1, []float64{2.5, 9})
	Z := st.Features(Xnew) // [ridge prediction, x] for each new row
	fmt.Printf("%.3f\n%.3f\n", Z.RawRowView(0), Z.RawRowView(1))
	fmt.Printf("%.3f\n", st.Predict(nil, Xnew))
	// Output:
	// [2.580 2.500]
	// [8.861 9.000]
	// [2.628 8.796]
}
