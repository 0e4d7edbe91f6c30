package datasets_test

import (
	"fmt"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
)

func ExampleIris() {
	ds := datasets.Iris()
	r, c := ds.X.Dims()
	fmt.Println(r, c, ds.FeatureNames)
	fmt.Println(ds.TargetName, ds.Classes)
	// Output:
	// 150 4 [sepal_length sepal_width petal_length petal_width]
	// target [setosa versicolor virginica]
}

func ExampleLoad() {
	penguins, err := datasets.Load("penguins")
	if err != nil {
		fmt.Println(err)
		return
	}
	sex, _ := penguins.Column("sex")
	fmt.Println(penguins.NumRows(), sex.Kind, sex.NumMissing())

	clean, _ := penguins.DropMissing()
	ds, err := clean.Dataset("species", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ds.NumSamples(), ds.Classes)

	_, err = datasets.Load("titanic")
	fmt.Println(err)
	// Output:
	// 344 text 11
	// 333 [Adelie Chinstrap Gentoo]
	// unknown dataset "titanic" (the datasets are airquality, breast_cancer, cars, diabetes, digits, faithful, insteval, iris, mtcars, penguins, pima, quakes, sonar, trees, wine)
}

func ExampleNames() {
	fmt.Println(len(datasets.Names()), datasets.Names()[:3])
	// Output:
	// 15 [airquality breast_cancer cars]
}

func ExampleWine() {
	ds := datasets.Wine()
	split, _ := data.StratifiedTrainTestSplit(ds.Y, data.SplitOptions{TestFraction: 0.2, Seed: 1})
	train, test := ds.Subset(split.Train), ds.Subset(split.Test)
	fmt.Println(train.NumSamples(), test.NumSamples())
	// Output:
	// 142 36
}

func ExampleBreastCancer() {
	ds := datasets.BreastCancer()
	fmt.Println(ds.NumSamples(), len(ds.FeatureNames), ds.Classes)
	// Output:
	// 569 30 [malignant benign]
}

func ExampleDiabetes() {
	ds := datasets.Diabetes()
	fmt.Println(ds.NumSamples(), ds.FeatureNames, ds.Classes == nil)
	// Output:
	// 442 [age sex bmi bp s1 s2 s3 s4 s5 s6] true
}

func ExampleDigits() {
	ds := datasets.Digits()
	r, c := ds.X.Dims()
	fmt.Println(r, c, ds.Classes[int(ds.Y[0])])
	// Output:
	// 1797 64 0
}

func ExampleCars() {
	ds := datasets.Cars()
	fmt.Println(ds.FeatureNames, ds.TargetName, ds.X.At(0, 0), ds.Y[0])
	// Output:
	// [speed] dist 4 2
}

func ExampleSonar() {
	ds := datasets.Sonar()
	fmt.Println(ds.NumSamples(), len(ds.FeatureNames), ds.Classes)
	// Output:
	// 208 60 [M R]
}
