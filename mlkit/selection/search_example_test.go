package selection_test

import (
	"fmt"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/preprocess"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// Choose ridge's penalty for the diabetes data by 5-fold cross-validation, then refit on all
// rows. The features are standardised first, so that the penalty treats them alike (on all
// rows, for brevity: a careful pipeline fits the scaler on each fold's training rows).
func ExampleSearchRidge() {
	d := datasets.Diabetes()
	var sc preprocess.StandardScaler
	X := sc.FitTransform(nil, d.X)
	m, _ := X.Dims()
	folds, err := data.KFold(m, 5, data.FoldOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := selection.SearchRidge(X, d.Y, []float64{0.01, 0.1, 1, 10, 100, 1000}, folds)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, a := range s.Alphas {
		fmt.Printf("α = %-6g CV MSE %.1f  training MSE %.1f\n", a, s.CVError[i], s.TrainError[i])
	}
	fmt.Printf("best α = %g, refitted intercept %.2f\n", s.BestAlpha(), s.Model.Intercept())
	// Output:
	// α = 0.01   CV MSE 2993.1  training MSE 2845.4
	// α = 0.1    CV MSE 2993.0  training MSE 2845.5
	// α = 1      CV MSE 2993.6  training MSE 2846.8
	// α = 10     CV MSE 3000.0  training MSE 2859.8
	// α = 100    CV MSE 3044.1  training MSE 2936.4
	// α = 1000   CV MSE 3902.6  training MSE 3838.9
	// best α = 0.1, refitted intercept 152.13
}
