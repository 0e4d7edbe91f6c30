package data_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mlkata/mlkata/mlkit/data"
	"gonum.org/v1/gonum/mat"
)

const penguinsCSV = `species,island,bill_length_mm,body_mass_g
Adelie,Torgersen,39.1,3750
Gentoo,Biscoe,46.1,NA
Chinstrap,Dream,46.5,3500
Adelie,Dream,,3300
Gentoo,Biscoe,50,5700
`

func ExampleReadCSV() {
	tab, err := data.ReadCSV(strings.NewReader(penguinsCSV), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range tab.Columns {
		fmt.Printf("%-15s %-7v %d missing\n", c.Name, c.Kind, c.NumMissing())
	}
	// Output:
	// species         text    0 missing
	// island          text    0 missing
	// bill_length_mm  numeric 1 missing
	// body_mass_g     numeric 1 missing
}

func ExampleParseError() {
	in := "x,y\n1,2\n3\n"
	_, err := data.ReadCSV(strings.NewReader(in), nil)
	fmt.Println(err)
	var pe *data.ParseError
	if errors.As(err, &pe) {
		fmt.Println("line", pe.Line)
	}
	// Output:
	// line 3, column 1: wrong number of fields: expected 2 (as in the header), got 1
	// line 3
}

func ExampleTable_Dataset() {
	tab, _ := data.ReadCSV(strings.NewReader(penguinsCSV), nil)
	_, err := tab.Dataset("species", "bill_length_mm", "body_mass_g")
	fmt.Println(err)

	tab, _ = tab.DropMissing()
	ds, _ := tab.Dataset("species", "bill_length_mm", "body_mass_g")
	r, c := ds.X.Dims()
	fmt.Println(r, "×", c, ds.FeatureNames)
	fmt.Println(ds.Classes, ds.Y, ds.Labels())
	// Output:
	// column "bill_length_mm", row 3 (line 5): missing value (1 missing in the column): drop the rows with DropMissing or fill them with an Imputer
	// 3 × 2 [bill_length_mm body_mass_g]
	// [Adelie Chinstrap Gentoo] [0 1 2] [0 1 2]
}

func ExampleImputer() {
	tab, _ := data.ReadCSV(strings.NewReader(penguinsCSV), nil)
	train, test := tab.Rows([]int{0, 2, 4}), tab.Rows([]int{1, 3})

	imp := data.Imputer{Strategy: data.ImputeMedian}
	if err := imp.Fit(train); err != nil { // statistics from the training rows only
		fmt.Println(err)
		return
	}
	filled, _ := imp.Transform(test)
	fmt.Println(imp.Numeric["body_mass_g"], filled.Columns[3].Floats)
	fmt.Println(imp.Numeric["bill_length_mm"], filled.Columns[2].Floats)
	// Output:
	// 3750 [3750 3300]
	// 46.5 [46.1 46.5]
}

func ExampleLabelEncoder() {
	enc := data.NewLabelEncoder([]string{"rock", "mine", "rock", "rock"})
	idx, _ := enc.Encode([]string{"mine", "rock"})
	fmt.Println(enc.Classes, idx, enc.Decode([]int{1, 0}))
	_, err := enc.Encode([]string{"whale"})
	fmt.Println(err)
	// Output:
	// [mine rock] [0 1] [rock mine]
	// label 0: unknown label "whale" (the classes are "mine", "rock")
}

func ExampleTrainTestSplit() {
	s, err := data.TrainTestSplit(10, data.SplitOptions{TestFraction: 0.25, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(s.Train), len(s.Test)) // ⌈0.25·10⌉ = 3 test samples

	y := []float64{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
	yTest := data.Take(y, s.Test)
	fmt.Println(len(yTest))
	// Output:
	// 7 3
	// 3
}

func ExampleStratifiedTrainTestSplit() {
	y := []string{"a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "c", "c"}
	s, _ := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: 0.5, Seed: 3})
	count := map[string]int{}
	for _, i := range s.Test {
		count[y[i]]++
	}
	fmt.Println(count)
	// Output:
	// map[a:3 b:2 c:1]
}

func ExampleKFold() {
	folds, _ := data.KFold(10, 3, data.FoldOptions{})
	for _, f := range folds {
		fmt.Println(f.Test, f.Train)
	}
	// Output:
	// [0 1 2 3] [4 5 6 7 8 9]
	// [4 5 6] [0 1 2 3 7 8 9]
	// [7 8 9] [0 1 2 3 4 5 6]
}

func ExampleStratifiedKFold() {
	y := []int{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}
	folds, _ := data.StratifiedKFold(y, 3, data.FoldOptions{})
	for _, f := range folds {
		fmt.Println(f.Test)
	}
	// Output:
	// [0 1 4 5]
	// [2 6 7]
	// [3 8 9]
}

func ExampleDataset_Subset() {
	tab, _ := data.ReadCSV(strings.NewReader("x,y\n1,10\n2,20\n3,30\n4,40\n"), nil)
	ds, _ := tab.Dataset("y")
	folds, _ := data.KFold(ds.NumSamples(), 2, data.FoldOptions{})
	for _, f := range folds {
		train, test := ds.Subset(f.Train), ds.Subset(f.Test)
		fmt.Println(train.Y, test.Y)
	}
	// Output:
	// [30 40] [10 20]
	// [10 20] [30 40]
}

func ExampleTakeRows() {
	X := mat.NewDense(4, 2, []float64{
		0, 1,
		10, 11,
		20, 21,
		30, 31,
	})
	fmt.Println(mat.Formatted(data.TakeRows(X, []int{3, 1})))
	// Output:
	// ⎡30  31⎤
	// ⎣10  11⎦
}

func ExampleTable_DropMissing() {
	tab, _ := data.ReadCSV(strings.NewReader(penguinsCSV), nil)
	noMass, _ := tab.DropMissing("body_mass_g")
	complete, _ := tab.DropMissing()
	fmt.Println(tab.NumRows(), noMass.NumRows(), complete.NumRows(), complete.Lines)
	// Output:
	// 5 4 3 [2 4 6]
}

func ExampleNewTable() {
	tab := data.NewTable(
		data.Column{Name: "hours", Kind: data.Numeric, Floats: []float64{1, 2, 3}},
		data.Column{Name: "passed", Kind: data.Text, Strings: []string{"no", "yes", "yes"}},
	)
	ds, _ := tab.Dataset("passed")
	fmt.Println(ds.Classes, ds.Y, ds.X.RawMatrix().Data)
	// Output:
	// [no yes] [0 1 1] [1 2 3]
}
