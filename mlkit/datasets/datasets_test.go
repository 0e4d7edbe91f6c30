package datasets

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata"
	"github.com/mlkata/mlkata/mlkit/data"
)

// TestLoadAll loads every fixture and checks its shape against testdata/datasets/SOURCES.md.
// The missing counts and text columns were counted independently with Python's csv module
// (cells "" or "NA"; a column is text if a non-missing cell fails float()); the airquality and
// penguins counts agree with R's colSums(is.na(...)).
func TestLoadAll(t *testing.T) {
	tests := []struct {
		name    string
		rows    int
		cols    int
		missing map[string]int // per column; absent means 0
		text    []string       // the Text columns; the others are Numeric
	}{
		{name: "iris", rows: 150, cols: 5},
		{name: "wine", rows: 178, cols: 14},
		{name: "breast_cancer", rows: 569, cols: 31},
		{name: "diabetes", rows: 442, cols: 11},
		{name: "digits", rows: 1797, cols: 65},
		{name: "cars", rows: 50, cols: 2},
		{name: "faithful", rows: 272, cols: 2},
		{name: "mtcars", rows: 32, cols: 12, text: []string{"model"}},
		{name: "airquality", rows: 153, cols: 6, missing: map[string]int{"Ozone": 37, "Solar.R": 7}},
		{name: "trees", rows: 31, cols: 3},
		{name: "quakes", rows: 1000, cols: 5},
		{name: "penguins", rows: 344, cols: 8, text: []string{"species", "island", "sex"},
			missing: map[string]int{"bill_length_mm": 2, "bill_depth_mm": 2, "flipper_length_mm": 2, "body_mass_g": 2, "sex": 11}},
		{name: "sonar", rows: 208, cols: 61, text: []string{"Class"}},
		{name: "pima", rows: 768, cols: 9, text: []string{"diabetes"},
			missing: map[string]int{"glucose": 5, "pressure": 35, "triceps": 227, "insulin": 374, "mass": 11}},
		{name: "insteval", rows: 1829, cols: 5},
	}
	require.Len(t, tests, 15)
	var names []string
	for _, tt := range tests {
		names = append(names, tt.name)
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Load(tt.name)
			require.NoError(t, err)
			assert.Equal(t, tt.rows, tab.NumRows(), "rows")
			assert.Len(t, tab.Columns, tt.cols, "columns")
			for _, c := range tab.Columns {
				assert.Equal(t, tt.missing[c.Name], c.NumMissing(), "missing cells in %q", c.Name)
				want := data.Numeric
				if slices.Contains(tt.text, c.Name) {
					want = data.Text
				}
				assert.Equal(t, want, c.Kind, "kind of %q", c.Name)
			}
		})
	}
	slices.Sort(names)
	assert.Equal(t, names, Names(), "Names lists exactly the 15 fixtures")

	// The embedded files are the ones on disk.
	onDisk, err := filepath.Glob("../../testdata/datasets/*.csv")
	require.NoError(t, err)
	assert.Len(t, onDisk, len(names))
}

func TestLoadNames(t *testing.T) {
	a, err := Load("iris")
	require.NoError(t, err)
	b, err := Load("iris.csv")
	require.NoError(t, err)
	assert.Equal(t, a, b)

	for _, bad := range []string{"iris.txt", "Iris", "../datasets/iris", "", "SOURCES.md", "SOURCES"} {
		_, err := Load(bad)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "unknown dataset", bad)
		assert.Contains(t, err.Error(), "airquality, breast_cancer, cars, diabetes, digits", bad)
	}
}

func TestConvenienceLoaders(t *testing.T) {
	tests := []struct {
		name     string
		load     func() *data.Dataset
		rows     int
		features int
		target   string
		classes  []string
		counts   []int // samples per class, from SOURCES.md and scikit-learn's DESCR
	}{
		{"iris", Iris, 150, 4, "target", []string{"setosa", "versicolor", "virginica"}, []int{50, 50, 50}},
		{"wine", Wine, 178, 13, "target", []string{"class_0", "class_1", "class_2"}, []int{59, 71, 48}},
		{"breast_cancer", BreastCancer, 569, 30, "target", []string{"malignant", "benign"}, []int{212, 357}},
		{"diabetes", Diabetes, 442, 10, "target", nil, nil},
		{"digits", Digits, 1797, 64, "target", strings.Split("0 1 2 3 4 5 6 7 8 9", " "),
			[]int{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}},
		{"cars", Cars, 50, 1, "dist", nil, nil},
		{"sonar", Sonar, 208, 60, "Class", []string{"M", "R"}, []int{111, 97}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := tt.load()
			r, c := ds.X.Dims()
			assert.Equal(t, tt.rows, r)
			assert.Equal(t, tt.features, c)
			assert.Len(t, ds.Y, tt.rows)
			assert.Len(t, ds.FeatureNames, tt.features)
			assert.Equal(t, tt.target, ds.TargetName)
			assert.NotContains(t, ds.FeatureNames, tt.target)
			assert.Equal(t, tt.classes, ds.Classes)
			if tt.counts != nil {
				counts := make([]int, len(tt.classes))
				for _, y := range ds.Y {
					require.True(t, y >= 0 && int(y) < len(counts) && y == float64(int(y)), "label %v", y)
					counts[int(y)]++
				}
				assert.Equal(t, tt.counts, counts)
			}
			again := tt.load()
			again.Y[0] = -1
			assert.NotEqual(t, -1.0, tt.load().Y[0], "every call reads afresh")
		})
	}
	assert.Equal(t, []string{"speed"}, Cars().FeatureNames)
	// iris.csv's first row: 5.1, 3.5, 1.4, 0.2, setosa.
	assert.Equal(t, []float64{5.1, 3.5, 1.4, 0.2}, Iris().X.RawRowView(0))
}

func TestSourcesListsEveryFixture(t *testing.T) {
	sources, err := os.ReadFile("../../testdata/datasets/SOURCES.md")
	require.NoError(t, err)
	for _, name := range Names() {
		assert.Contains(t, string(sources), "| "+name+".csv |", "SOURCES.md describes %s", name)
	}
}

// Load parses each file once and hands out copies: changing what one call returned changes
// nothing another call returns, and a copy equals a fresh parse of the file.
func TestLoadReturnsCopies(t *testing.T) {
	first, err := Load("penguins")
	require.NoError(t, err)
	fresh := func() *data.Table {
		f, err := mlkata.Fixtures.Open("testdata/datasets/penguins.csv")
		require.NoError(t, err)
		defer f.Close()
		tab, err := data.ReadCSV(f, nil)
		require.NoError(t, err)
		return tab
	}()
	// fmt prints NaN (the missing numbers) alike, which reflect.DeepEqual would not match.
	require.Equal(t, fmt.Sprint(*fresh), fmt.Sprint(*first))
	for i := range first.Columns {
		c := &first.Columns[i]
		if c.Kind == data.Numeric {
			c.Floats[0] = -1
		} else {
			c.Strings[0] = "changed"
		}
		c.Missing[0] = !c.Missing[0]
	}
	first.Lines[0] = -1
	second, err := Load("penguins.csv")
	require.NoError(t, err)
	require.Equal(t, fmt.Sprint(*fresh), fmt.Sprint(*second))
}
