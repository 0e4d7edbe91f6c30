package linear_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/linear"
)

func ExampleRegression() {
	// y = 1 + 2·x₀ − x₁ exactly.
	X := mat.NewDense(5, 2, []float64{
		0, 0,
		1, 0,
		0, 1,
		1, 1,
		2, 3,
	})
	y := []float64{1, 3, 0, 2, 2}
	var m linear.Regression
	if err := m.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("coef %.6f intercept %.6f\n", m.Coef(), m.Intercept())
	fmt.Printf("predict %.6f\n", m.Predict(nil, mat.NewDense(1, 2, []float64{3, 3})))
	fmt.Println("solver", m.Info().Solver, "rank", m.Info().Rank)
	// Output:
	// coef [2.000000 -1.000000] intercept 1.000000
	// predict [4.000000]
	// solver cholesky rank 2
}

func ExampleRegression_rankDeficient() {
	// The second column duplicates the first: the minimum-norm solution splits
	// the weight equally, as scikit-learn's LinearRegression does.
	X := mat.NewDense(4, 2, []float64{1, 1, 2, 2, 3, 3, 4, 4})
	y := []float64{2, 4, 6, 8}
	var m linear.Regression
	if err := m.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("coef %.6f solver %v rank %d\n", m.Coef(), m.Info().Solver, m.Info().Rank)
	// Output:
	// coef [1.000000 1.000000] solver svd rank 1
}

func ExampleRidge() {
	X := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	y := []float64{2, 4, 6, 8}
	// Centred x = [−1.5 −0.5 0.5 1.5], Σx² = 5, Σxy = 10: w = 10/(5+α).
	m := linear.Ridge{Alpha: 5}
	if err := m.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("coef %.6f intercept %.6f loss %.6f\n", m.Coef(), m.Intercept(), m.Info().Loss)
	// Output:
	// coef [1.000000] intercept 2.500000 loss 10.000000
}

func ExampleLogistic() {
	X := mat.NewDense(6, 1, []float64{-2, -1, -0.5, 0.5, 1, 2})
	y := []int{0, 0, 1, 0, 1, 1}
	m := linear.Logistic{C: 10, Tol: 1e-8}
	if err := m.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	test := mat.NewDense(3, 1, []float64{-3, 0, 3})
	fmt.Printf("P(y=1) %.3f\n", m.PredictProba(nil, test))
	fmt.Println("labels", m.Predict(nil, test), "converged", m.Info().Converged)
	// scikit-learn 1.2.1 LogisticRegression(C=10, tol=1e-10) gives the same
	// probabilities to 3 decimals.

	// Output:
	// P(y=1) [0.025 0.500 0.975]
	// labels [0 0 1] converged true
}

func ExampleSoftmax() {
	X := mat.NewDense(6, 1, []float64{-3, -2, 0, 0.5, 2, 3})
	y := []int{0, 0, 1, 1, 2, 2}
	m := linear.Softmax{C: 10, Tol: 1e-8}
	if err := m.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	test := mat.NewDense(3, 1, []float64{-4, 0.2, 4})
	proba := m.PredictProba(nil, test)
	for i := range 3 {
		fmt.Printf("%.3f\n", proba.RawRowView(i))
	}
	fmt.Println("labels", m.Predict(nil, test))
	// scikit-learn 1.2.1 LogisticRegression(C=10, tol=1e-10) gives the same
	// probabilities to 3 decimals.

	// Output:
	// [0.999 0.001 0.000]
	// [0.052 0.893 0.055]
	// [0.000 0.001 0.999]
	// labels [0 1 2]
}
