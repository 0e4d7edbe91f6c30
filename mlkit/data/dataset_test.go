package data

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func readString(t *testing.T, s string) *Table {
	t.Helper()
	tab, err := ReadCSV(strings.NewReader(s), nil)
	require.NoError(t, err)
	return tab
}

func readFixture(t *testing.T, name string) *Table {
	t.Helper()
	f, err := os.Open("../../testdata/datasets/" + name)
	require.NoError(t, err)
	defer f.Close()
	tab, err := ReadCSV(f, nil)
	require.NoError(t, err)
	return tab
}

func TestTableDataset(t *testing.T) {
	tab := readString(t, "a,b,species,c\n1,2,dog,3\n4,5,cat,6\n7,8,dog,9\n")

	t.Run("text target, default features", func(t *testing.T) {
		ds, err := tab.Dataset("species")
		require.NoError(t, err)
		assert.Equal(t, []string{"a", "b", "c"}, ds.FeatureNames)
		assert.Equal(t, "species", ds.TargetName)
		assert.Equal(t, []string{"cat", "dog"}, ds.Classes)
		assert.Equal(t, []float64{1, 0, 1}, ds.Y)
		assert.True(t, mat.Equal(mat.NewDense(3, 3, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}), ds.X))
		assert.Equal(t, 3, ds.NumSamples())
	})
	t.Run("numeric target, chosen features in order", func(t *testing.T) {
		ds, err := tab.Dataset("a", "c", "b")
		require.NoError(t, err)
		assert.Equal(t, []string{"c", "b"}, ds.FeatureNames)
		assert.Nil(t, ds.Classes)
		assert.Equal(t, []float64{1, 4, 7}, ds.Y)
		assert.True(t, mat.Equal(mat.NewDense(3, 2, []float64{3, 2, 6, 5, 9, 8}), ds.X))
	})
	t.Run("copies", func(t *testing.T) {
		ds, err := tab.Dataset("a", "b")
		require.NoError(t, err)
		ds.X.Set(0, 0, -1)
		ds.Y[0] = -1
		assert.Equal(t, []float64{2, 5, 8}, tab.Columns[1].Floats)
		assert.Equal(t, []float64{1, 4, 7}, tab.Columns[0].Floats)
	})
}

func TestTableDatasetErrors(t *testing.T) {
	tab := readString(t, "x,y,name,z\n1,2,a,3\n4,,b,6\n7,8,c,\n")
	for _, tt := range []struct {
		target   string
		features []string
		want     string
	}{
		{"w", nil, `target: no column "w" (the columns are "x", "y", "name", "z")`},
		{"x", []string{"q"}, `feature: no column "q" (the columns are "x", "y", "name", "z")`},
		{"x", []string{"z", "x"}, `column "x" is the target and cannot also be a feature`},
		{"x", []string{"z", "z"}, `feature "z" is named twice`},
		{"x", nil, `feature "name" is a text column (row 0 (line 2) holds "a"), not numeric: encode it, or name the features without it`},
		{"x", []string{"y"}, `column "y", row 1 (line 3): missing value (1 missing in the column): drop the rows with DropMissing or fill them with an Imputer`},
		{"z", []string{"x"}, `column "z", row 2 (line 4): missing value (1 missing in the column): drop the rows with DropMissing or fill them with an Imputer`},
	} {
		_, err := tab.Dataset(tt.target, tt.features...)
		assert.EqualError(t, err, tt.want, "target %q features %q", tt.target, tt.features)
	}

	only := readString(t, "y\n1\n")
	_, err := only.Dataset("y")
	assert.EqualError(t, err, `no feature columns: the table has only the target "y"`)
	empty := readString(t, "x,y\n")
	_, err = empty.Dataset("y")
	assert.EqualError(t, err, "the table has no rows")

	hand := &Table{Columns: []Column{
		{Name: "x", Kind: Numeric, Floats: []float64{1, math.Inf(1)}, Missing: []bool{false, false}},
		{Name: "y", Kind: Numeric, Floats: []float64{math.NaN(), 2}, Missing: []bool{false, false}},
	}}
	_, err = hand.Dataset("y")
	assert.EqualError(t, err, `column "x", row 1: +Inf is not a finite number`)
	_, err = hand.Dataset("x", "y")
	assert.EqualError(t, err, `column "y", row 0: NaN is not a finite number`)

	forced, err := ReadCSV(strings.NewReader("x,y\n1,2\n"), &CSVOptions{Kinds: map[string]Kind{"x": Text}})
	require.NoError(t, err)
	_, err = forced.Dataset("y")
	assert.EqualError(t, err, `feature "x" is a text column (it was read as text; row 0 (line 2) holds "1"), not numeric: encode it, or name the features without it`)
}

func TestTableRowsAndDropMissing(t *testing.T) {
	tab := readFixture(t, "airquality.csv")
	require.Equal(t, 153, tab.NumRows())

	// Counts from R: sum(complete.cases(airquality)) = 111; sum(!is.na(airquality$Solar.R)) = 146.
	all, err := tab.DropMissing()
	require.NoError(t, err)
	assert.Equal(t, 111, all.NumRows())
	solar, err := tab.DropMissing("Solar.R")
	require.NoError(t, err)
	assert.Equal(t, 146, solar.NumRows())
	for _, c := range all.Columns {
		assert.Zero(t, c.NumMissing(), c.Name)
	}
	assert.Equal(t, 153, tab.NumRows(), "DropMissing does not change its table")
	assert.Equal(t, 37, tab.Columns[0].NumMissing())
	// Rows 4 and 5 (lines 6 and 7) have missing cells.
	assert.Equal(t, []int{2, 3, 4, 5, 8}, all.Lines[:5])

	_, err = tab.DropMissing("Ozone", "ozone")
	assert.ErrorContains(t, err, `drop missing: no column "ozone"`)

	rows := tab.Rows([]int{4, 0})
	oz := rows.Columns[0]
	assert.Equal(t, []bool{true, false}, oz.Missing)
	assert.Equal(t, 41.0, oz.Floats[1])
	assert.Equal(t, []int{6, 2}, rows.Lines)
	assert.PanicsWithValue(t, "data: Table.Rows: index 153 out of range [0, 153)", func() { tab.Rows([]int{153}) })
}

func TestNewTable(t *testing.T) {
	tab := NewTable(
		Column{Name: "x", Kind: Numeric, Floats: []float64{1, math.NaN()}, Missing: []bool{false, true}},
		Column{Name: "s", Kind: Text, Strings: []string{"a", "b"}},
	)
	assert.Equal(t, 2, tab.NumRows())
	assert.Equal(t, []string{"x", "s"}, tab.Names())
	assert.Equal(t, []bool{false, false}, tab.Columns[1].Missing, "a nil mask means nothing is missing")
	assert.Zero(t, NewTable().NumRows())

	assert.PanicsWithValue(t, `data: NewTable: duplicate column name "x"`, func() {
		NewTable(Column{Name: "x", Kind: Numeric, Floats: []float64{1}}, Column{Name: "x", Kind: Numeric, Floats: []float64{1}})
	})
	assert.Panics(t, func() {
		NewTable(Column{Name: "x", Kind: Numeric, Floats: []float64{1}}, Column{Name: "y", Kind: Numeric, Floats: []float64{1, 2}})
	})
	assert.Panics(t, func() { NewTable(Column{Name: "", Kind: Numeric}) })
	assert.Panics(t, func() { NewTable(Column{Name: "x"}) })
	assert.Panics(t, func() { NewTable(Column{Name: "x", Kind: Text, Floats: []float64{1}}) })
	assert.Panics(t, func() { NewTable(Column{Name: "x", Kind: Numeric, Floats: []float64{1}, Missing: []bool{}}) })
	assert.PanicsWithValue(t, `data: NewTable: column "x" row 1 holds NaN: mark missing cells in Missing`, func() {
		NewTable(Column{Name: "x", Kind: Numeric, Floats: []float64{1, math.NaN()}})
	})
}

func TestDatasetSubset(t *testing.T) {
	ds, err := readString(t, "x,y\n0,a\n1,b\n2,a\n3,b\n").Dataset("y")
	require.NoError(t, err)
	sub := ds.Subset([]int{3, 1})
	assert.Equal(t, []float64{1, 1}, sub.Y)
	assert.True(t, mat.Equal(mat.NewDense(2, 1, []float64{3, 1}), sub.X))
	assert.Equal(t, ds.Classes, sub.Classes)
	sub.Classes[0] = "changed"
	assert.Equal(t, "a", ds.Classes[0], "Subset copies the names")
}

func TestDatasetLabels(t *testing.T) {
	ds, err := readString(t, "x,y\n0,b\n1,a\n2,c\n").Dataset("y")
	require.NoError(t, err)
	assert.Equal(t, []int{1, 0, 2}, ds.Labels())
	ds.Y[2] = 3
	assert.PanicsWithValue(t, `data: Dataset.Labels: target "y" of sample 2 is 3, not a class index`, func() { ds.Labels() })
	reg, err := readString(t, "x,y\n0,1.5\n").Dataset("y")
	require.NoError(t, err)
	assert.Panics(t, func() { reg.Labels() })
	reg.Y[0] = -1
	assert.Panics(t, func() { reg.Labels() })
	reg.Y[0] = 4
	assert.Equal(t, []int{4}, reg.Labels(), "without Classes any whole number ≥ 0 is a label")
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "auto", Auto.String())
	assert.Equal(t, "numeric", Numeric.String())
	assert.Equal(t, "text", Text.String())
	assert.Equal(t, "Kind(9)", Kind(9).String())
}

func TestLabelEncoder(t *testing.T) {
	// scikit-learn: LabelEncoder().fit(["Gentoo", "Adelie", ...]).classes_ is sorted.
	enc := NewLabelEncoder([]string{"Gentoo", "Adelie", "Chinstrap", "Adelie", "Gentoo"})
	assert.Equal(t, []string{"Adelie", "Chinstrap", "Gentoo"}, enc.Classes)
	idx, err := enc.Encode([]string{"Gentoo", "Adelie", "Chinstrap"})
	require.NoError(t, err)
	assert.Equal(t, []int{2, 0, 1}, idx)
	assert.Equal(t, []string{"Gentoo", "Adelie", "Chinstrap"}, enc.Decode(idx))

	_, err = enc.Encode([]string{"Adelie", "Emperor"})
	assert.EqualError(t, err, `label 1: unknown label "Emperor" (the classes are "Adelie", "Chinstrap", "Gentoo")`)
	_, err = enc.Index("adelie")
	assert.Error(t, err, "labels are case-sensitive")
	assert.PanicsWithValue(t, "data: LabelEncoder.Decode: index 3 at position 1 is outside [0, 3)", func() { enc.Decode([]int{0, 3}) })

	// Byte order: upper case before lower case, "10" before "9", as numpy sorts strings.
	assert.Equal(t, []string{"10", "9", "B", "a"}, NewLabelEncoder([]string{"a", "9", "B", "10"}).Classes)
	assert.Empty(t, NewLabelEncoder(nil).Classes)
}
