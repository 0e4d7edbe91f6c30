package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
)

// The check's copies of the learner's types. Values travel to the learner's process by gob,
// which matches struct fields by name, so the field names are the learner's.
type (
	dataset struct {
		Columns      []string
		Rows         [][]float64
		Target, Time string
	}
	feature struct {
		Column, Source string
		From, To       float64
	}
	step struct {
		Name    string
		FitRows []int
	}
	pipeline struct {
		Name        string
		Data        dataset
		Train, Test []int
		Features    []feature
		Steps       []step
		Alpha       float64
	}
	leak struct {
		Kind    string
		Columns []string
		Steps   []int
		Rows    []int
	}
)

// The kinds of leak, in the order Leaks reports them.
const (
	targetLeak    = "target-leak"
	fitOnTest     = "fit-on-test"
	duplicateRows = "duplicate-rows"
	futureFeature = "future-feature"
	futureInTrain = "future-in-train"
)

var kinds = []string{targetLeak, fitOnTest, duplicateRows, futureFeature, futureInTrain}

// col returns the position of the named column.
func (d dataset) col(name string) int { return slices.Index(d.Columns, name) }

// values returns column j of the given rows.
func (d dataset) values(j int, rows []int) []float64 {
	v := make([]float64, len(rows))
	for k, i := range rows {
		v[k] = d.Rows[i][j]
	}
	return v
}

// times returns the time of every row.
func (d dataset) times() []float64 { return d.values(d.col(d.Time), seq(len(d.Rows))) }

// clone returns a deep copy of p, so that a check can change a copy of a fixture.
func (p pipeline) clone() pipeline {
	q := p
	q.Data.Columns = slices.Clone(p.Data.Columns)
	q.Data.Rows = make([][]float64, len(p.Data.Rows))
	for i, r := range p.Data.Rows {
		q.Data.Rows[i] = slices.Clone(r)
	}
	q.Train, q.Test = slices.Clone(p.Train), slices.Clone(p.Test)
	q.Features = slices.Clone(p.Features)
	q.Steps = make([]step, len(p.Steps))
	for i, s := range p.Steps {
		q.Steps[i] = step{s.Name, slices.Clone(s.FitRows)}
	}
	return q
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// round rounds x to d decimals, as a measurement would be written down.
func round(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}

// randomSplit returns the test rows and the training rows of a seeded random split of n rows.
func randomSplit(n int, frac float64, seed uint64) (train, test []int) {
	s, err := data.TrainTestSplit(n, data.SplitOptions{TestFraction: frac, Seed: seed})
	if err != nil {
		panic(err) // the fixtures' sizes are valid
	}
	return s.Train, s.Test
}

// fromDataset turns an mlkit dataset into rows: the features, then the target.
func fromDataset(d *data.Dataset, target string) dataset {
	m, n := d.X.Dims()
	out := dataset{Columns: append(slices.Clone(d.FeatureNames), target), Target: target}
	for i := range m {
		row := make([]float64, n+1)
		copy(row, d.X.RawRowView(i))
		row[n] = d.Y[i]
		out.Rows = append(out.Rows, row)
	}
	return out
}

// fromTable returns the named numeric columns of a dataset of mlkit's fixtures, without the
// rows that miss one of them.
func fromTable(name string, cols ...string) dataset {
	t, err := datasets.Load(name)
	if err != nil {
		panic(err)
	}
	if t, err = t.DropMissing(cols...); err != nil {
		panic(err)
	}
	out := dataset{Columns: cols}
	for i := range t.NumRows() {
		row := make([]float64, len(cols))
		for j, c := range cols {
			column, err := t.Column(c)
			if err != nil {
				panic(err)
			}
			row[j] = column.Floats[i]
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// addColumns appends columns (one value per row) before the last column, the target.
func (d *dataset) addColumns(names []string, cols ...[]float64) {
	last := len(d.Columns) - 1
	d.Columns = slices.Concat(d.Columns[:last], names, d.Columns[last:])
	for i, r := range d.Rows {
		row := slices.Clone(r[:last])
		for _, c := range cols {
			row = append(row, c[i])
		}
		d.Rows[i] = append(row, r[last])
	}
}

// diabetesFollowUp is the diabetes data (442 patients, 10 baseline measurements, target the
// disease progression one year later) with two columns that were recorded at the one-year
// visit, with the target: a follow-up score (the target plus a little noise) and the months
// until the next review, which the doctors shortened for patients who got worse. A random
// split, and a scaler and a ridge fitted on the training rows: a target leak and nothing else.
func diabetesFollowUp(seed uint64) pipeline {
	rng := rand.New(rand.NewPCG(seed, 20))
	d := fromDataset(datasets.Diabetes(), "progression")
	y := d.values(d.col("progression"), seq(len(d.Rows)))
	score, months := make([]float64, len(y)), make([]float64, len(y))
	for i, v := range y {
		score[i] = round(v+6*rng.NormFloat64(), 0)
		months[i] = round(30-v/12+0.8*rng.NormFloat64(), 1)
	}
	d.addColumns([]string{"followup_score", "months_to_review"}, score, months)
	train, test := randomSplit(len(d.Rows), 0.25, seed)
	return pipeline{
		Name: "diabetes with the one-year follow-up", Data: d, Train: train, Test: test,
		Steps: []step{{"standardize", train}, {"ridge", train}},
		Alpha: 30,
	}
}

// quakesPreprocessed is R's quakes data (1000 earthquakes near Fiji: position, depth, number of
// reporting stations, target the magnitude) with a pipeline that fitted two of its five steps
// on test rows: the scaler on all rows before the split, and a PCA refitted on the test rows
// at evaluation. The feature selection was fitted on half of the training rows, which is no
// leak.
func quakesPreprocessed(seed uint64) pipeline {
	d := fromTable("quakes", "lat", "long", "depth", "stations", "mag")
	d.Target = "mag"
	train, test := randomSplit(len(d.Rows), 0.2, seed)
	return pipeline{
		Name: "quakes, preprocessed before the split", Data: d, Train: train, Test: test,
		Steps: []step{
			{"impute-median", train},
			{"standardize", seq(len(d.Rows))},
			{"select-k-best", train[:len(train)/2]},
			{"pca", test},
			{"ridge", train},
		},
		Alpha: 30,
	}
}

// quakesSampled is the quakes data with every step fitted on training rows, two of them on
// samples of the training rows to save time: no leak.
func quakesSampled(seed uint64) pipeline {
	p := quakesPreprocessed(seed)
	p.Name = "quakes, preprocessed on training rows"
	p.Steps = []step{
		{"impute-median", p.Train},
		{"standardize", p.Train[len(p.Train)/4:]},
		{"select-k-best", p.Train[:len(p.Train)/2]},
		{"ridge", p.Train},
	}
	return p
}

// penguinsMerged is the Palmer penguins' measurements (target the body mass) merged from two
// exports: the second repeats 40 penguins of the first. The whole table was standardised
// before a split whose boundary is off by one, so that one row is in both sets.
func penguinsMerged(seed uint64) pipeline {
	rng := rand.New(rand.NewPCG(seed, 21))
	d := fromTable("penguins", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "year", "body_mass_g")
	d.Target = "body_mass_g"
	n := len(d.Rows)
	for _, i := range rng.Perm(n)[:40] {
		d.Rows = append(d.Rows, slices.Clone(d.Rows[i]))
	}
	perm := rng.Perm(len(d.Rows))
	nTest := int(math.Ceil(0.25 * float64(len(d.Rows))))
	test, train := perm[:nTest], perm[nTest-1:]
	return pipeline{
		Name: "penguins from two merged exports", Data: d, Train: train, Test: test,
		Steps: []step{{"standardize", seq(len(d.Rows))}, {"ridge", train}},
		Alpha: 30,
	}
}

// airquality returns the New York air quality measurements of May to September 1973 (target
// the ozone level) with a day number as the time and derived features computed over windows
// of days, the rows that have every value, in a random order (as a database returns rows
// without ORDER BY).
func airquality(rng *rand.Rand, feats []feature) dataset {
	t, err := datasets.Load("airquality")
	if err != nil {
		panic(err)
	}
	series := map[string][]float64{} // by day number 1…153, NaN where missing
	for _, name := range []string{"Ozone", "Solar.R", "Wind", "Temp", "Month", "Day"} {
		c, err := t.Column(name)
		if err != nil {
			panic(err)
		}
		series[name] = c.Floats
	}
	start := map[float64]float64{5: 0, 6: 31, 7: 61, 8: 92, 9: 123} // days before the 1st of the month
	d := dataset{Columns: []string{"day", "Solar.R", "Wind", "Temp"}, Target: "Ozone", Time: "day"}
	for _, f := range feats {
		d.Columns = append(d.Columns, f.Column)
	}
	d.Columns = append(d.Columns, "Ozone")
	days := len(series["Ozone"])
	for i := range days {
		day := start[series["Month"][i]] + series["Day"][i]
		row := []float64{day, series["Solar.R"][i], series["Wind"][i], series["Temp"][i]}
		for _, f := range feats {
			row = append(row, windowMean(series[f.Source], i, f.From, f.To))
		}
		row = append(row, series["Ozone"][i])
		if !slices.ContainsFunc(row, math.IsNaN) {
			d.Rows = append(d.Rows, row)
		}
	}
	rng.Shuffle(len(d.Rows), func(i, j int) { d.Rows[i], d.Rows[j] = d.Rows[j], d.Rows[i] })
	return d
}

// windowMean returns the mean of the known values of s over the days [i+from, i+to], rounded to
// one decimal, or NaN if there is none.
func windowMean(s []float64, i int, from, to float64) float64 {
	sum, n := 0.0, 0
	for k := i + int(from); k <= i+int(to); k++ {
		if k >= 0 && k < len(s) && !math.IsNaN(s[k]) {
			sum += s[k]
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return round(sum/float64(n), 1)
}

// The derived features of the air quality data: three that a forecast made in the morning of
// the day can use, and three it cannot.
var (
	pastTemp     = feature{"temp_past3", "Temp", -3, -1}   // the three days before
	pastOzone    = feature{"ozone_past3", "Ozone", -3, -1} // the target, lagged: known
	solarToday   = feature{"solar_3day", "Solar.R", -2, 0} // another column, up to today
	centredWind  = feature{"wind_centred", "Wind", -1, 1}  // a centred window: one day ahead
	ozoneWeek    = feature{"ozone_2day", "Ozone", -1, 0}   // includes today's target
	tempTomorrow = feature{"temp_tomorrow", "Temp", 1, 1}  // tomorrow's temperature
	airFeatures  = []feature{pastTemp, pastOzone, centredWind, ozoneWeek, tempTomorrow, solarToday}
)

// airqualityShuffled is the air quality data with all six derived features, three of them from
// the future, split at random: the model trains on days that come after test days.
func airqualityShuffled(seed uint64) pipeline {
	rng := rand.New(rand.NewPCG(seed, 22))
	d := airquality(rng, airFeatures)
	train, test := randomSplit(len(d.Rows), 0.25, seed)
	return pipeline{
		Name: "air quality, shuffled", Data: d, Train: train, Test: test,
		Features: airFeatures,
		Steps:    []step{{"standardize", train}, {"ridge", train}},
		Alpha:    30,
	}
}

// airqualityByTime is the air quality data with the derived features a forecast can use,
// split by time: no leak.
func airqualityByTime(seed uint64) pipeline {
	rng := rand.New(rand.NewPCG(seed, 23))
	feats := []feature{pastTemp, pastOzone, solarToday}
	d := airquality(rng, feats)
	s, err := data.TimeTrainTestSplit(d.times(), data.SplitOptions{TestFraction: 0.25})
	if err != nil {
		panic(err)
	}
	return pipeline{
		Name: "air quality, split by time", Data: d, Train: s.Train, Test: s.Test,
		Features: feats,
		Steps:    []step{{"standardize", s.Train}, {"ridge", s.Train}},
		Alpha:    30,
	}
}

// diabetesClean is the diabetes data with a random split and everything fitted on the training
// rows: no leak.
func diabetesClean(seed uint64) pipeline {
	d := fromDataset(datasets.Diabetes(), "progression")
	train, test := randomSplit(len(d.Rows), 0.25, seed)
	return pipeline{
		Name: "diabetes, fitted on the training rows", Data: d, Train: train, Test: test,
		Steps: []step{{"standardize", train}, {"ridge", train}},
		Alpha: 30,
	}
}

func (p pipeline) String() string { return fmt.Sprintf("%q", p.Name) }

// shopWeek is a hand-made pipeline: a shop's sales on five days (visitors and price against
// sales), in the order the rows were entered. The test set is day 4 alone, day 5 is in the
// training set, and the scaler was fitted on every row: one step and one training row leak.
func shopWeek() pipeline {
	d := dataset{
		Columns: []string{"visitors", "day", "price", "sales"}, Target: "sales", Time: "day",
		Rows: [][]float64{
			{120, 3, 2.8, 260}, // row 0: day 3
			{80, 1, 2.5, 250},  // row 1: day 1
			{150, 5, 2.4, 300}, // row 2: day 5, after the test day
			{95, 2, 2.2, 190},  // row 3: day 2
			{130, 4, 2.0, 350}, // row 4: day 4, the test day
		},
	}
	train := []int{1, 3, 0, 2}
	return pipeline{
		Name: "a shop's week", Data: d, Train: train, Test: []int{4},
		Steps: []step{{"standardize", seq(5)}, {"ridge", train}},
		Alpha: 1,
	}
}

// twoShops is a hand-made pipeline: two shops' sales on six days (a row per shop and day, so
// every day is there twice), split at random with an off-by-one that puts row 4 in both sets.
// Redone by time, the split's boundary falls between the two rows of day 4, which the split
// lists in the other order: the tie goes by row index. Two columns were written at closing
// time (the VAT on the day's sales and the stock left), and of four features over windows of
// days, three read the future.
func twoShops() pipeline {
	d := dataset{
		Columns: []string{"day", "shop", "price", "promo", "sales"}, Target: "sales", Time: "day",
		Rows: [][]float64{
			{4, 2, 2.2, 0, 205}, // 0
			{1, 1, 2.0, 1, 310}, // 1
			{2, 2, 2.6, 1, 180}, // 2
			{6, 1, 2.4, 0, 290}, // 3
			{3, 1, 2.1, 1, 240}, // 4
			{5, 2, 1.9, 0, 330}, // 5
			{1, 2, 2.3, 0, 215}, // 6
			{4, 1, 1.8, 1, 345}, // 7
			{6, 2, 2.0, 0, 250}, // 8
			{3, 2, 2.5, 1, 260}, // 9
			{2, 1, 2.2, 1, 300}, // 10
			{5, 1, 2.7, 0, 170}, // 11
		},
	}
	feats := []feature{
		{"price_yesterday", "price", -1, -1},
		{"promo_tomorrow", "promo", 1, 1},
		{"sales_2day", "sales", -1, 0},
		{"price_centred", "price", -1, 1},
	}
	times := d.values(0, seq(len(d.Rows)))
	var names []string
	var cols [][]float64
	for _, f := range feats {
		names = append(names, f.Column)
		cols = append(cols, windowOver(times, d.values(d.col(f.Source), seq(len(d.Rows))), f.From, f.To))
	}
	sales := d.values(d.col("sales"), seq(len(d.Rows)))
	vat, stock := make([]float64, len(sales)), make([]float64, len(sales))
	for i, s := range sales {
		vat[i], stock[i] = 0.2*s, 500-s
	}
	d.addColumns(slices.Concat(names, []string{"vat", "stock_left"}), append(cols, vat, stock)...)
	train, test := []int{3, 8, 1, 5, 9, 6, 11, 4}, []int{4, 7, 10, 2, 0}
	return pipeline{
		Name: "two shops' sales", Data: d, Train: train, Test: test, Features: feats,
		Steps: []step{{"standardize", train}, {"ridge", train}},
		Alpha: 1,
	}
}

// windowOver returns, for each time t, the mean of x over the rows whose time lies in
// [t+from, t+to], rounded to two decimals; the mean of all of x where the window holds no row
// (as a table filled in with the column's mean would have).
func windowOver(times, x []float64, from, to float64) []float64 {
	out := make([]float64, len(times))
	for i, t := range times {
		var in []float64
		for k, u := range times {
			if u >= t+from && u <= t+to {
				in = append(in, x[k])
			}
		}
		if len(in) == 0 {
			in = x
		}
		out[i] = round(stat.Mean(in, nil), 2)
	}
	return out
}
