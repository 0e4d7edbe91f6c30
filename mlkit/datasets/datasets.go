// Package datasets reads the fixture datasets that travel inside mlkata: small, well-known CSV
// files (iris, wine, breast cancer, diabetes, digits, penguins, ...) embedded in the binary from
// testdata/datasets, so that they load from any directory. Their sources, shapes and targets are
// listed in testdata/datasets/SOURCES.md.
//
// Load returns any of them as a data.Table, missing cells and text columns included, for a
// learner to clean; Names lists them. Iris, Wine, BreastCancer, Diabetes, Digits, Cars and Sonar
// return a ready data.Dataset with the usual target, for the common case of "give me X and y".
// Each file is parsed once per process; every call returns a copy of its own, so callers may
// change what they get.
package datasets

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

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
	p, _ := parsed.LoadOrStore(base, &parse{})
	t, err := p.(*parse).table(base + ".csv")
	if err != nil {
		return nil, err
	}
	return clone(t), nil
}

// parsed holds a *parse per dataset name: a grader's checks load the same fixtures for every
// submission, and parsing dominated their loading.
var parsed sync.Map

// parse is the one parse of an embedded file.
type parse struct {
	once sync.Once
	t    *data.Table
	err  error
}

// table parses the embedded file the first time and returns what it gave.
func (p *parse) table(file string) (*data.Table, error) {
	p.once.Do(func() {
		f, err := mlkata.Fixtures.Open(path.Join(dir, file))
		if err != nil {
			p.err = fmt.Errorf("load dataset %q: %w", file, err)
			return
		}
		defer f.Close()
		if p.t, err = data.ReadCSV(f, nil); err != nil {
			p.err = fmt.Errorf("load dataset %q: %w", file, err)
		}
	})
	return p.t, p.err
}

// clone returns a copy of t that shares no slice with it.
func clone(t *data.Table) *data.Table {
	out := &data.Table{Columns: make([]data.Column, len(t.Columns)), Lines: slices.Clone(t.Lines)}
	for i, c := range t.Columns {
		c.Floats, c.Strings, c.Missing = slices.Clone(c.Floats), slices.Clone(c.Strings), slices.Clone(c.Missing)
		out.Columns[i] = c
	}
	return out
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
