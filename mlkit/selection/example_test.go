package selection_test

import (
	"fmt"

	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/preprocess"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// Five-fold cross-validation of a standard scaler followed by ridge regression on the diabetes
// data: the scaler is fitted inside each fold, on its training rows only.
func ExampleCrossValidate() {
	d := datasets.Diabetes()
	m, _ := d.X.Dims()
	folds, err := data.KFold(m, 5, data.FoldOptions{Shuffle: true, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	scores, err := selection.CrossValidate(d.X, d.Y, folds, selection.Pipeline{
		Transformer: func() selection.Transformer { return &preprocess.StandardScaler{} },
		Model:       func() selection.Regressor { return &linear.Ridge{Alpha: 1} },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for f, s := range scores {
		fmt.Printf("fold %d: %d test rows, MSE %.0f\n", f, len(folds[f].Test), s)
	}
	mean, std := stat.PopMeanStdDev(scores, nil)
	fmt.Printf("MSE %.0f ± %.0f\n", mean, std)
	// Output:
	// fold 0: 89 test rows, MSE 3668
	// fold 1: 89 test rows, MSE 3046
	// fold 2: 88 test rows, MSE 2828
	// fold 3: 88 test rows, MSE 2778
	// fold 4: 88 test rows, MSE 2703
	// MSE 3004 ± 351
}
