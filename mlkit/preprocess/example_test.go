package preprocess_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/preprocess"
)

func ExampleStandardScaler() {
	train := mat.NewDense(3, 2, []float64{
		1, 10,
		2, 10,
		3, 10, // a constant column scales to 0, never NaN
	})
	test := mat.NewDense(1, 2, []float64{4, 12})

	var s preprocess.StandardScaler
	s.Fit(train) // learn on the training rows only
	fmt.Printf("mean %v, scale %.4f\n", s.Mean, s.Scale)
	fmt.Printf("train\n%.4f\n", mat.Formatted(s.Transform(nil, train)))
	fmt.Printf("test %.4f\n", s.Transform(nil, test).RawRowView(0))
	// Output:
	// mean [2 10], scale [0.8165 1.0000]
	// train
	// ⎡-1.2247   0.0000⎤
	// ⎢ 0.0000   0.0000⎥
	// ⎣ 1.2247   0.0000⎦
	// test [2.4495 2.0000]
}

func ExampleStandardScaler_InverseTransform() {
	x := mat.NewDense(2, 1, []float64{5, 7})
	var s preprocess.StandardScaler
	z := s.FitTransform(nil, x)
	fmt.Println(mat.Col(nil, 0, z), mat.Col(nil, 0, s.InverseTransform(nil, z)))
	// Output: [-1 1] [5 7]
}

func ExampleMinMaxScaler() {
	x := mat.NewDense(3, 2, []float64{
		0, 5,
		5, 5,
		10, 5,
	})
	s := preprocess.MinMaxScaler{Range: [2]float64{-1, 1}}
	y := s.FitTransform(nil, x)
	fmt.Printf("%v\n", mat.Formatted(y))
	fmt.Println(mat.Row(nil, 0, s.InverseTransform(nil, y)))
	// Output:
	// ⎡-1  -1⎤
	// ⎢ 0  -1⎥
	// ⎣ 1  -1⎦
	// [0 5]
}

func ExamplePolynomialFeatures() {
	p := preprocess.PolynomialFeatures{Degree: 2, Bias: true}
	x := mat.NewDense(1, 2, []float64{2, 3})
	fmt.Println(p.FeatureNames(2, []string{"a", "b"}))
	fmt.Println(p.Transform(nil, x).RawRowView(0))
	fmt.Println(p.NumOutputs(10))
	// Output:
	// [1 a b a^2 a b b^2]
	// [1 2 3 4 6 9]
	// 66
}

func ExamplePolynomialFeatures_interactionOnly() {
	p := preprocess.PolynomialFeatures{Degree: 3, InteractionOnly: true}
	fmt.Println(p.FeatureNames(3, nil))
	// Output: [x0 x1 x2 x0 x1 x0 x2 x1 x2 x0 x1 x2]
}

func ExampleAddBias() {
	x := mat.NewDense(2, 2, []float64{3, 4, 5, 6})
	fmt.Printf("%v\n", mat.Formatted(preprocess.AddBias(nil, x)))
	// Output:
	// ⎡1  3  4⎤
	// ⎣1  5  6⎦
}

func ExampleOneHot() {
	var enc preprocess.OneHot[string]
	enc.Fit([]string{"setosa", "virginica", "versicolor", "setosa"})
	fmt.Println(enc.FeatureNames("species"))

	x, err := enc.Transform(nil, []string{"virginica", "setosa"})
	fmt.Printf("%v %v\n", mat.Formatted(x), err)

	_, err = enc.Transform(nil, []string{"sibirica"})
	fmt.Println(err)
	// Output:
	// [species_setosa species_versicolor species_virginica]
	// ⎡0  0  1⎤
	// ⎣1  0  0⎦ <nil>
	// preprocess: OneHot.Transform: values[0] = "sibirica" is not a known category (known: [setosa versicolor virginica])
}

func ExampleOneHot_FitTransform() {
	var enc preprocess.OneHot[int]
	x := enc.FitTransform(nil, []int{3, 1, 3})
	fmt.Println(enc.Categories)
	fmt.Printf("%v\n", mat.Formatted(x))
	// Output:
	// [1 3]
	// ⎡0  1⎤
	// ⎢1  0⎥
	// ⎣0  1⎦
}
