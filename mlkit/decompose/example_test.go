package decompose_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/decompose"
)

// The numbers below agree with scikit-learn 1.2.1's PCA on the same data (component signs
// follow the convention in the PCA documentation).

func ExamplePCA() {
	// Points close to the line y = 2x: one direction holds nearly all the variance.
	x := mat.NewDense(5, 2, []float64{
		1, 2.1,
		2, 3.9,
		3, 6.2,
		4, 7.9,
		5, 10.1,
	})
	var pca decompose.PCA
	if err := pca.Fit(x); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("explained variance ratio %.4f\n", pca.ExplainedVarianceRatio)
	fmt.Printf("first component %.3f\n", pca.Components.RawRowView(0))
	// Output:
	// explained variance ratio [0.9997 0.0003]
	// first component [0.447 0.895]
}

func ExamplePCA_Transform() {
	x := mat.NewDense(4, 3, []float64{
		2, 0, 1,
		0, 2, 1,
		-2, 0, -1,
		0, -2, -1,
	})
	pca := decompose.PCA{NumComponents: 2}
	if err := pca.Fit(x); err != nil {
		fmt.Println(err)
		return
	}
	z := pca.Transform(nil, mat.NewDense(1, 3, []float64{1, 1, 1}))
	fmt.Printf("singular values %.4f\n", pca.SingularValues)
	fmt.Printf("projection on the first component %.4f\n", z.At(0, 0))
	// Output:
	// singular values [3.4641 2.8284]
	// projection on the first component 1.7321
}

func ExamplePCA_FitTransform() {
	x := mat.NewDense(3, 2, []float64{0, 0, 1, 1, 2, 2})
	var pca decompose.PCA
	z, err := pca.FitTransform(nil, x)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", mat.Col(nil, 0, z))
	// Output: [-1.4142 0.0000 1.4142]
}

func ExamplePCA_InverseTransform() {
	x := mat.NewDense(3, 2, []float64{1, 1, 2, 2.5, 3, 3})
	pca := decompose.PCA{NumComponents: 1}
	z, err := pca.FitTransform(nil, x)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The best rank-1 approximation of x.
	fmt.Printf("%.3f\n", mat.Formatted(pca.InverseTransform(nil, z)))
	// Output:
	// ⎡0.938  1.059⎤
	// ⎢2.167  2.340⎥
	// ⎣2.895  3.100⎦
}

func ExampleComponentsFor() {
	// Explained variance ratios of four components.
	ratio := []float64{0.5, 0.25, 0.125, 0.125}
	// More than 60% needs two components (0.5 + 0.25 = 0.75); exactly 75% is not more than
	// 75%, so three.
	fmt.Println(decompose.ComponentsFor(ratio, 0.6), decompose.ComponentsFor(ratio, 0.75))
	// Output: 2 3
}
