package data

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImputerAirquality compares the fill values with scikit-learn 1.2.1's
// SimpleImputer(strategy=s).fit(X).statistics_ on airquality's Ozone and Solar.R columns.
// Means to 1e-14 relative (gonum sums in a plain loop, numpy pairwise); medians and modes exactly.
func TestImputerAirquality(t *testing.T) {
	tab := readFixture(t, "airquality.csv")
	for _, tt := range []struct {
		strategy    Strategy
		ozone, sol  float64
		approximate bool
	}{
		{ImputeMean, 42.12931034482759, 185.93150684931507, true},
		{ImputeMedian, 31.5, 205, false},
		{ImputeMostFrequent, 23, 238, false},
		{ImputeConstant, -1, -1, false},
	} {
		t.Run(tt.strategy.String(), func(t *testing.T) {
			imp := Imputer{Strategy: tt.strategy, Columns: []string{"Ozone", "Solar.R"}, FillValue: -1}
			require.NoError(t, imp.Fit(tab))
			if tt.approximate {
				assert.InEpsilon(t, tt.ozone, imp.Numeric["Ozone"], 1e-14)
				assert.InEpsilon(t, tt.sol, imp.Numeric["Solar.R"], 1e-14)
			} else {
				assert.Equal(t, tt.ozone, imp.Numeric["Ozone"])
				assert.Equal(t, tt.sol, imp.Numeric["Solar.R"])
			}
			filled, err := imp.Transform(tab)
			require.NoError(t, err)
			oz := filled.Columns[0]
			assert.Zero(t, oz.NumMissing())
			assert.Equal(t, imp.Numeric["Ozone"], oz.Floats[4], "row 4's Ozone was missing")
			assert.Equal(t, 41.0, oz.Floats[0], "present values are kept")
			assert.Equal(t, 37, tab.Columns[0].NumMissing(), "Transform does not change its input")
			assert.Equal(t, tab.Lines, filled.Lines)
		})
	}
}

// TestImputerNoLeakage fits on training rows and checks that the test rows are filled with the
// training statistic, not their own.
func TestImputerNoLeakage(t *testing.T) {
	train := readString(t, "x,s\n1,a\n3,b\nNA,b\n")
	test := readString(t, "x,s\n100,NA\nNA,a\n")
	imp := Imputer{Strategy: ImputeMostFrequent}
	require.NoError(t, imp.Fit(train))
	assert.Equal(t, map[string]float64{"x": 1}, imp.Numeric, "tie between 1 and 3: the smallest")
	assert.Equal(t, map[string]string{"s": "b"}, imp.Text)
	got, err := imp.Transform(test)
	require.NoError(t, err)
	assert.Equal(t, []float64{100, 1}, got.Columns[0].Floats)
	assert.Equal(t, []string{"b", "a"}, got.Columns[1].Strings)

	mean := Imputer{Strategy: ImputeMean}
	require.NoError(t, mean.Fit(train))
	assert.Equal(t, map[string]float64{"x": 2}, mean.Numeric, "mean skips text columns by default")
	assert.Empty(t, mean.Text)
	got, err = mean.Transform(test)
	require.NoError(t, err)
	assert.Equal(t, []float64{100, 2}, got.Columns[0].Floats)
	assert.Equal(t, []bool{true, false}, got.Columns[1].Missing, "text column left alone")
}

func TestImputerStrategies(t *testing.T) {
	tab := readString(t, "x,s\n4,b\nNA,NA\n1,c\n2,c\n9,b\n")
	for _, tt := range []struct {
		imp     Imputer
		numeric map[string]float64
		text    map[string]string
	}{
		{Imputer{Strategy: ImputeMedian}, map[string]float64{"x": 3}, map[string]string{}}, // (2+4)/2
		{Imputer{Strategy: ImputeMean}, map[string]float64{"x": 4}, map[string]string{}},
		{Imputer{Strategy: ImputeMostFrequent}, map[string]float64{"x": 1}, map[string]string{"s": "b"}},
		{Imputer{Strategy: ImputeConstant, FillValue: 0, FillText: "unknown"}, map[string]float64{"x": 0}, map[string]string{"s": "unknown"}},
		{Imputer{Strategy: ImputeMostFrequent, Columns: []string{"s"}}, map[string]float64{}, map[string]string{"s": "b"}},
	} {
		t.Run(tt.imp.Strategy.String(), func(t *testing.T) {
			require.NoError(t, tt.imp.Fit(tab))
			assert.Equal(t, tt.numeric, tt.imp.Numeric)
			assert.Equal(t, tt.text, tt.imp.Text)
		})
	}
	odd := readString(t, "x\n5\n1\nNA\n3\n")
	imp := Imputer{Strategy: ImputeMedian}
	require.NoError(t, imp.Fit(odd))
	assert.Equal(t, 3.0, imp.Numeric["x"])
}

func TestImputerErrors(t *testing.T) {
	tab := readString(t, "x,s,e\n1,a,NA\n2,b,\n")
	for _, tt := range []struct {
		imp  Imputer
		want string
	}{
		{Imputer{Strategy: ImputeMean, Columns: []string{"s"}}, `imputer: column "s" is text: the mean strategy needs numbers (use most_frequent or constant)`},
		{Imputer{Strategy: ImputeMedian, Columns: []string{"q"}}, `imputer: no column "q" (the columns are "x", "s", "e")`},
		{Imputer{Strategy: ImputeMean}, `imputer: column "e" has no values to compute the mean from`},
		{Imputer{Strategy: Strategy(8)}, "imputer: unknown strategy Strategy(8)"},
	} {
		assert.EqualError(t, tt.imp.Fit(tab), tt.want)
	}
	hand := &Table{Columns: []Column{{Name: "x", Kind: Numeric, Floats: []float64{1, math.NaN()}, Missing: []bool{false, false}}}}
	assert.EqualError(t, (&Imputer{Strategy: ImputeMedian}).Fit(hand), `imputer: column "x" holds NaN, which is not marked missing`)

	ok := Imputer{Strategy: ImputeConstant}
	require.NoError(t, ok.Fit(tab), "a constant needs no values")

	imp := Imputer{Strategy: ImputeMean, Columns: []string{"x"}}
	require.NoError(t, imp.Fit(tab))
	_, err := imp.Transform(readString(t, "y\n1\n"))
	assert.EqualError(t, err, `imputer: fitted on numeric column "x", which this table lacks or has as text`)
	_, err = imp.Transform(readString(t, "x\na\n"))
	assert.Error(t, err)
	txt := Imputer{Strategy: ImputeMostFrequent, Columns: []string{"s"}}
	require.NoError(t, txt.Fit(tab))
	_, err = txt.Transform(readString(t, "s\n1\n"))
	assert.EqualError(t, err, `imputer: fitted on text column "s", which this table lacks or has as numeric`)

	assert.PanicsWithValue(t, "data: Imputer.Transform called before a successful Fit", func() {
		var fresh Imputer
		_, _ = fresh.Transform(tab)
	})
	assert.Panics(t, func() {
		failed := Imputer{Strategy: ImputeMean}
		require.Error(t, failed.Fit(tab))
		_, _ = failed.Transform(tab)
	}, "a failed Fit leaves the imputer unfitted")
}
