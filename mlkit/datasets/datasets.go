// Package datasets reads the fixture datasets that travel inside mlkata: small, well-known CSV
// files (iris, wine, breast cancer, diabetes, digits, penguins, ...) embedded in the binary from
// testdata/datasets, so that they load from any directory. Their sources, shapes and targets are
// listed in testdata/datasets/SOURCES.md.
//
// Load returns any of them as a data.Table, missing cells and text columns included, for a
// learner to clean; Names lists them. Iris, Wine, BreastCancer, Diabetes, Digits, Cars and Sonar
// return a ready data.Dataset with the usual target, for the common case of "give me X and y".
// Every call reads the embedded file afresh, so callers may change what they get.
package datasets

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/mlkata/mlkata"
	"github.com/mlkata/mlkata/mlkit/data"
)

// dir is the folder of the fixtures inside mlkata.Fixtures.
const dir = "testdata/datasets"

// Names returns the names of the embedded datasets, sorted, without the ".csv" suffix:
// "airquality", "breast_cancer", "cars", ...
func Names() []string {
	files, err := fs.Glob(mlkata.Fixtures, dir+"/*.csv")
	if err != nil {
		panic(err) // the pattern is valid
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(path.Base(f), ".csv")
	}
	slices.Sort(names)
	return names
}

// Load reads the named dataset ("iris" or "iris.csv") into a table with data.ReadCSV's defaults:
// kinds inferred, empty and "NA" cells missing. It returns an error listing the known names if
// there is no such dataset, and wraps any read error with the file name.
func Load(name string) (*data.Table, error) {
	base := strings.TrimSuffix(name, ".csv")
	if names := Names(); !slices.Contains(names, base) {
		return nil, fmt.Errorf("unknown dataset %q (the datasets are %s)", name, strings.Join(names, ", "))
	}
	file := base + ".csv"
	f, err := mlkata.Fixtures.Open(path.Join(dir, file))
	if err != nil {
		return nil, fmt.Errorf("load dataset %q: %w", file, err)
	}
	defer f.Close()
	t, err := data.ReadCSV(f, nil)
	if err != nil {
		return nil, fmt.Errorf("load dataset %q: %w", file, err)
	}
	return t, nil
}

// Iris returns Fisher's iris data: 150 flowers × 4 measurements in cm (sepal_length,
// sepal_width, petal_length, petal_width), target the species 0, 1, 2 with Classes "setosa",
// "versicolor", "virginica"; 50 of each, rows in class order.
func Iris() *data.Dataset {
	return mustDataset("iris", "target", "setosa", "versicolor", "virginica")
}

// Wine returns the wine recognition data: 178 wines × 13 chemical measurements in their raw
// units (scale them before most models), target the cultivar 0, 1, 2 with Classes "class_0",
// "class_1", "class_2" as scikit-learn names them.
func Wine() *data.Dataset {
	return mustDataset("wine", "target", "class_0", "class_1", "class_2")
}

// BreastCancer returns the Wisconsin diagnostic breast cancer data: 569 tumours × 30 features,
// target 0 or 1 with Classes "malignant", "benign" (scikit-learn's coding: 1 is benign).
func BreastCancer() *data.Dataset {
	return mustDataset("breast_cancer", "target", "malignant", "benign")
}

// Diabetes returns the diabetes regression data of Efron et al. (2004) in raw units: 442 patients
// × 10 features (age, sex, bmi, bp, s1…s6), target a measure of disease progression after one
// year. Unlike scikit-learn's load_diabetes, the features are not scaled.
func Diabetes() *data.Dataset {
	return mustDataset("diabetes", "target")
}

// Digits returns the 8×8 handwritten digits: 1797 images × 64 pixels (px0…px63, row by row,
// values 0–16), target the digit 0–9 with Classes "0"…"9".
func Digits() *data.Dataset {
	return mustDataset("digits", "target", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
}

// Cars returns R's cars data for simple linear regression: 50 cars, one feature speed (mph),
// target dist, the stopping distance (ft).
func Cars() *data.Dataset {
	return mustDataset("cars", "dist")
}

// Sonar returns the sonar data of Gorman and Sejnowski: 208 sonar returns × 60 band energies
// (V1…V60), target Class encoded with Classes "M" (mine, 0) and "R" (rock, 1).
func Sonar() *data.Dataset {
	return mustDataset("sonar", "Class")
}

// mustDataset loads the named fixture as a Dataset with every other column a feature. When
// classes are given, the target is numeric class indices and classes names them. It panics if
// the embedded file is damaged, which the package's tests rule out.
func mustDataset(name, target string, classes ...string) *data.Dataset {
	t, err := Load(name)
	if err != nil {
		panic(fmt.Sprintf("datasets: %v", err))
	}
	ds, err := t.Dataset(target)
	if err != nil {
		panic(fmt.Sprintf("datasets: %s: %v", name, err))
	}
	if len(classes) > 0 {
		ds.Classes = classes
	}
	return ds
}
