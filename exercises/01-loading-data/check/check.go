// Package check holds the checks of the loading-data exercise: the penguins CSV read into a
// feature matrix and class labels, with the header, missing cells, column order, class order
// and malformed files (a ragged row, a cell that is not a number, an unknown column) checked
// against mlkit/data on the same text. The hidden checks (hidden.go, built with -tags hidden)
// do the same on seeded random tables.
package check

import (
	"encoding/csv"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/plot"
)

// Exercise returns the loading-data exercise.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "loading-data",
		Title: "Loading data: from a CSV file to X and y",
		Dir:   "exercises/01-loading-data",
		Functions: []grader.Func{
			{Name: "Load", Signature: "func(csvText string, features []string, target string) (X *mat.Dense, y []int, classes []string, err error)"},
			{Name: "EncodeLabels", Signature: "func(labels []string) (codes []int, classes []string)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/data",
			"github.com/mlkata/mlkata/mlkit/datasets",
			"github.com/mlkata/mlkata/mlkit/preprocess",
		},
		Checks: append([]grader.Check{
			{Name: "Penguins: complete rows, four measurements, species encoded", Points: 3, Run: penguins},
			{Name: "Columns come in the order you ask for, features left unchanged", Points: 1, Run: columnOrder},
			{Name: "A header of numbers is still a header", Points: 1, Run: numericHeader},
			{Name: "Missing cells: empty or NA, and only in the columns you use", Points: 1, Run: missingCells},
			{Name: "A ragged row is an error naming its line", Points: 1, Run: raggedRow},
			{Name: "A cell that is not a number is an error naming its line", Points: 1, Run: badCell},
			{Name: "Quoted fields may span lines: rows load, and errors name the line a row begins on", Points: 1, Run: multilineFields},
			{Name: "An unknown column is an error", Points: 1, Run: unknownColumn},
			{Name: "One complete row is a 1-row X; no complete row is an error", Points: 1, Run: fewRows},
			{Name: "EncodeLabels numbers the classes in sorted order, labels left unchanged", Points: 1, Run: encodeLabels},
		}, hiddenChecks()...),
		Mistakes: mistakes,
		Hints: []string{
			"Use encoding/csv: csv.NewReader(strings.NewReader(csvText)). Its first Read is the header; " +
				"look up each requested name in it (slices.Index) once, then read the data records one by one.",
			"For each record: line, _ := r.FieldPos(0) is the line it begins on. strconv.ParseFloat every requested " +
				"feature cell that is not missing (strings.TrimSpace(cell) is neither \"\" nor \"NA\") and return an error " +
				"saying \"line %d\" if one fails, even in a row you will drop; keep the row only when its target and every " +
				"feature are present. Leave FieldsPerRecord at 0: csv then reports a ragged row as an error with its line for you.",
			"EncodeLabels: classes := slices.Clone(labels); slices.Sort(classes); classes = slices.Compact(classes); " +
				"then codes[i], _ = slices.BinarySearch(classes, labels[i]). Build X at the end with " +
				"mat.NewDense(rows, len(features), values), values holding the kept rows one after the other.",
		},
	}
}

// The mistakes the checks recognise (see the catalogue in Exercise).
const (
	headerAsData  = "header-as-data"
	missingAsZero = "missing-as-zero"
	raggedIgnored = "ragged-row-ignored"
	unusedDrop    = "dropped-on-unused-column"
	fileOrderCls  = "classes-in-file-order"
	fileOrderCols = "columns-in-file-order"
	badCellDrop   = "bad-cell-dropped"
	lineOffByOne  = "line-off-by-one"
	lineCountRows = "line-counts-rows"
)

// mistakes is the catalogue: one fixed hint per mistake, shown for hidden checks too.
var mistakes = []grader.Mistake{
	{ID: headerAsData, Hint: "the first record is the header, the column names: read it once, then loop over the records after it"},
	{ID: missingAsZero, Hint: "a missing cell (\"\" or \"NA\") is not 0: drop the row, or a model will learn from measurements of 0 that nobody took"},
	{ID: raggedIgnored, Hint: "a row with the wrong number of fields means the file is broken: return an error with its line (csv.Reader does so when FieldsPerRecord is 0), never skip the row silently"},
	{ID: unusedDrop, Hint: "drop a row only when a column you were asked for is missing in it: a missing cell in another column costs you rows for nothing"},
	{ID: fileOrderCls, Hint: "number the classes in sorted order of their names (slices.Sort on a copy, slices.Compact), not in the order they first appear: the same data in another order must give the same codes"},
	{ID: fileOrderCols, Hint: "column j of X is the column named features[j], in the order asked for, not in the file's order"},
	{ID: badCellDrop, Hint: "a feature cell that is neither missing nor a number means the file is broken: return an error naming its line, even when the row would be dropped for a missing cell; never drop or skip it silently"},
	{ID: lineOffByOne, Hint: "the line number in your error is one off: the header is line 1, so the first data row is line 2; r.FieldPos(0) gives the line a record begins on"},
	{ID: lineCountRows, Hint: "you counted rows, not lines: a quoted field may hold a line break, so a row can span several lines; name the line the row begins on, which r.FieldPos(0) gives (csv's own error for a ragged row says it too)"},
}

// penguinsText returns the penguins CSV as it ships with mlkata (344 rows, 8 columns, two rows
// without measurements and eleven without sex).
func penguinsText(t *grader.T) string {
	b, err := mlkata.Fixtures.ReadFile("testdata/datasets/penguins.csv")
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	return string(b)
}

var penguinFeatures = []string{"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"}

// reference loads text with mlkit/data: the target read as text, the features as numbers,
// rows with a missing requested cell dropped.
func reference(text string, features []string, target string) (*data.Dataset, error) {
	kinds := map[string]data.Kind{target: data.Text}
	for _, f := range features {
		kinds[f] = data.Numeric
	}
	tab, err := data.ReadCSV(strings.NewReader(text), &data.CSVOptions{Kinds: kinds})
	if err != nil {
		return nil, err
	}
	tab, err = tab.DropMissing(append(slices.Clone(features), target)...)
	if err != nil {
		return nil, err
	}
	return tab.Dataset(target, features...)
}

// mustReference is reference for inputs the check built to be valid.
func mustReference(t *grader.T, text string, features []string, target string) *data.Dataset {
	d, err := reference(text, features, target)
	if err != nil {
		t.Fatalf("internal error in the check: reference load: %v", err)
	}
	return d
}

// loaded is what the learner's Load returned.
type loaded struct {
	X       *mat.Dense
	y       []int
	classes []string
}

func (l loaded) rows() int {
	if l.X == nil {
		return 0
	}
	r, _ := l.X.Dims()
	return r
}

// load calls the learner's Load on a valid file. An error is a failure; one that points at
// line 1 or at a header cell is the header read as data.
func load(t *grader.T, call func(name string, args ...any) *grader.Result, text string, features []string, target string) loaded {
	r := call("Load", text, features, target)
	if err := r.Err(); err != nil {
		msg := err.Error()
		t.Errorf("Load returned an error for a valid file: %v", err)
		t.Label("the error Load returned")
		t.Mistake(regexp.MustCompile(`\bline 1\b`).MatchString(msg) || strings.Contains(msg, strconv.Quote(features[0])+" is not") ||
			strings.Contains(msg, "\""+features[0]+"\": invalid syntax"), headerAsData,
			"your error is about the header line, which you parsed as data")
		t.Fatalf("")
	}
	var l loaded
	r.Decode(&l.X, &l.y, &l.classes)
	return l
}

// expectLoaded compares the learner's result with the reference on text, naming the mistakes
// whose results it matches.
func expectLoaded(t *grader.T, got loaded, text string, features []string, target string) {
	want := mustReference(t, text, features, target)
	wantRows, wantCols := want.X.Dims()
	gotRows := got.rows()
	if got.X == nil {
		t.Fatalf("Load returned a nil X and no error")
	}
	_, gotCols := got.X.Dims()

	if gotRows != wantRows {
		t.Errorf("X has %d rows, want %d: %d rows of the file are complete in the columns %q and %q",
			gotRows, wantRows, wantRows, features, target)
		t.Label("what Load returned")
		t.Mistake(gotRows == wantRows+1 && headerRow(got.X, text), headerAsData, "the first row of your X holds the numbers of the header")
		t.Mistake(gotRows > wantRows && hasZero(got.X) && !hasZero(want.X), missingAsZero, "your X has zeros, and the file has none where it is complete")
		if all, err := reference(dropAllMissing(text), features, target); err == nil && all.NumSamples() != wantRows {
			t.Mistake(gotRows == all.NumSamples(), unusedDrop,
				fmt.Sprintf("%d rows are complete in every column; %d in the columns asked for", gotRows, wantRows))
		}
		t.Fatalf("")
	}
	if gotCols != wantCols {
		t.Fatalf("X has %d columns, want %d: one per requested feature %q", gotCols, wantCols, features)
	}
	t.Label("X")
	if !grader.NearMatrix(got.X, want.X, grader.Tol{}) {
		ordered := fileOrder(text, features)
		if !slices.Equal(ordered, features) {
			if inFileOrder, err := reference(text, ordered, target); err == nil {
				t.Mistake(grader.NearMatrix(got.X, inFileOrder.X, grader.Tol{}), fileOrderCols,
					fmt.Sprintf("your columns are %q, the file's order; you were asked for %q", ordered, features))
			}
		}
		t.Mistake(hasZero(got.X) && !hasZero(want.X), missingAsZero, "your X has zeros, and the file has none where it is complete")
		t.CloseMatrix(got.X, want.X, grader.Tol{})
		t.Fatalf("the numbers must be the file's, parsed with strconv.ParseFloat")
	}
	wantY := want.Labels()
	t.Label("classes")
	okClasses := t.Equal(got.classes, want.Classes)
	if okY := sameLabels(t, got.y, wantY); !okClasses || !okY {
		order := firstAppearance(data.Take(want.Classes, wantY))
		t.Label("classes")
		t.Mistake(slices.Equal(got.classes, order), fileOrderCls, fmt.Sprintf("your classes %q come in the order they first appear", got.classes))
	}
}

// sameLabels checks the learner's y against the reference, reporting the first difference
// rather than two long lists.
func sameLabels(t *grader.T, got, want []int) bool {
	if len(got) != len(want) {
		t.Errorf("y has %d labels, want %d, one per row of X", len(got), len(want))
		return false
	}
	wrong, first := 0, -1
	for i := range got {
		if got[i] != want[i] {
			wrong++
			if first < 0 {
				first = i
			}
		}
	}
	if wrong > 0 {
		t.Errorf("y differs from the reference in %d of %d rows, first in row %d: %d, want %d",
			wrong, len(want), first, got[first], want[first])
	}
	return wrong == 0
}

// headerRow reports whether the first row of X holds the numbers of the header line of text.
func headerRow(X *mat.Dense, text string) bool {
	header, _, _ := strings.Cut(text, "\n")
	for _, v := range X.RawRowView(0) {
		if !strings.Contains(header, strconv.FormatFloat(v, 'g', -1, 64)) {
			return false
		}
	}
	return true
}

func hasZero(X *mat.Dense) bool {
	r, c := X.Dims()
	for i := range r {
		for j := range c {
			if X.At(i, j) == 0 {
				return true
			}
		}
	}
	return false
}

// dropAllMissing returns text without the records that have a missing cell in any column, for
// the "dropped on an unused column" fingerprint. Records are rewritten with encoding/csv, so a
// quoted field may span lines.
func dropAllMissing(text string) string {
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(records) == 0 {
		return text
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	for i, rec := range records {
		if i == 0 || !slices.ContainsFunc(rec, isMissing) {
			_ = w.Write(rec) // a strings.Builder does not fail
		}
	}
	w.Flush()
	return b.String()
}

// isMissing reports whether a cell is missing: empty or NA, surrounding spaces aside.
func isMissing(cell string) bool {
	cell = strings.TrimSpace(cell)
	return cell == "" || cell == "NA"
}

// fileOrder returns the features sorted by their position in the header of text.
func fileOrder(text string, features []string) []string {
	tab, err := data.ReadCSV(strings.NewReader(text), nil)
	if err != nil {
		return features
	}
	names := tab.Names()
	out := slices.Clone(features)
	slices.SortFunc(out, func(a, b string) int { return slices.Index(names, a) - slices.Index(names, b) })
	return out
}

// firstAppearance returns the distinct labels in the order they first appear.
func firstAppearance(labels []string) []string {
	var out []string
	for _, l := range labels {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// penguins loads the penguins measurements and species, and draws them as the learner loaded
// them.
func penguins(t *grader.T) {
	text := penguinsText(t)
	got := load(t, t.Call, text, penguinFeatures, "species")
	want := mustReference(t, text, penguinFeatures, "species")
	drawPenguins(t, got, want.NumSamples())
	expectLoaded(t, got, text, penguinFeatures, "species")
}

// drawPenguins plots flipper length against body mass, one colour per class the learner found.
func drawPenguins(t *grader.T, got loaded, wantRows int) {
	if got.X == nil {
		return
	}
	r, c := got.X.Dims()
	if c != 4 || len(got.y) != r {
		t.Logf("no plot: X is %d×%d with %d labels, want %d×4", r, c, len(got.y), wantRows)
		return
	}
	var points []plot.Points
	for k, name := range got.classes {
		var ps plot.Points
		ps.Name = fmt.Sprintf("%s (class %d)", name, k)
		for i := range r {
			if got.y[i] == k {
				ps.X = append(ps.X, got.X.At(i, 2))
				ps.Y = append(ps.Y, got.X.At(i, 3))
			}
		}
		if len(ps.X) > 0 {
			points = append(points, ps)
		}
	}
	p, err := plot.Scatter(fmt.Sprintf("Your penguins: %d rows (reference %d)", r, wantRows), points)
	if err == nil {
		p.X.Label.Text = "flipper length (mm)"
		p.Y.Label.Text = "body mass (g)"
	}
	draw(t, "Penguins as you loaded them", p, err)
}

// columnOrder asks for three penguin columns in an order that is not the file's.
func columnOrder(t *grader.T) {
	text := penguinsText(t)
	features := []string{"body_mass_g", "flipper_length_mm", "bill_length_mm"}
	got := load(t, t.NotMutated, text, features, "species")
	expectLoaded(t, got, text, features, "species")
}

// numericHeader: the header's feature names are years, which parse as numbers.
func numericHeader(t *grader.T) {
	text := "region,2019,2020\nnorth,1.5,2.5\nsouth,3.5,4.5\neast,5.5,6.5\nnorth,7.5,8.5\n"
	features := []string{"2019", "2020"}
	got := load(t, t.Call, text, features, "region")
	expectLoaded(t, got, text, features, "region")
}

// missingCells: empty and NA cells, with surrounding spaces, in features, in the target and in
// an unused column, and numbers with spaces around them. Rows 2, 5 and 7 are complete in size,
// weight and kind.
const missingCSV = `id,size,weight,colour,kind
1,1.5,NA,red,cat
2,2.5,3.1,,dog
3,,2.2,blue,cat
4,4.5,4.4,green,NA
5, 5.5 ,5.1,red,dog
6, NA ,6.6,blue,bird
7,7.25 , 7.5,green,cat
`

func missingCells(t *grader.T) {
	features := []string{"size", "weight"}
	r := t.Call("Load", missingCSV, features, "kind")
	if err := r.Err(); err != nil {
		switch msg := err.Error(); {
		case strings.Contains(msg, "NA"):
			t.Fatalf("Load returned an error for a valid file: %v: \"NA\" (spaces around it aside) means missing, like an empty cell", err)
		case strings.Contains(msg, " 5.5 ") || strings.Contains(msg, "7.25 ") || strings.Contains(msg, " 7.5"):
			t.Fatalf("Load returned an error for a valid file: %v: trim the spaces around a cell (strings.TrimSpace) before strconv.ParseFloat", err)
		}
	}
	got := load(t, t.Call, missingCSV, features, "kind")
	expectLoaded(t, got, missingCSV, features, "kind")
}

// brokenFile is a malformed file, and where the learner's error must point.
type brokenFile struct {
	text     string
	features []string
	target   string
	what     string // what is wrong, as a message says it: "a row with a field too few"
	line     int    // the line the broken row begins on (the header is line 1)
	last     int    // the line it ends on, when a quoted field takes it past line
	row      int    // the broken row's count among the records, the header being 1
	// noError names the mistake that a result returned without an error shows, if any.
	noError func(t *grader.T, got loaded)
}

// lineRef matches "line 7" (also "Line: 7", "line #7") in an error message.
var lineRef = regexp.MustCompile(`(?i)\bline\s*[:#=]?\s*(\d+)`)

// expectError checks that the learner's Load fails on the broken file with an error that says
// "line N", N the line the broken row begins on, and names no other line.
func expectError(t *grader.T, b brokenFile) {
	_, refErr := reference(b.text, b.features, b.target)
	if _, ok := errors.AsType[*data.ParseError](refErr); !ok {
		t.Fatalf("internal error in the check: the reference reads the file with %v", refErr)
	}
	r := t.Call("Load", b.text, b.features, b.target)
	err := r.Err()
	if err == nil {
		t.Errorf("Load returned no error for a file with %s on line %d", b.what, b.line)
		t.Label("what Load returned")
		var l loaded
		r.Decode(&l.X, &l.y, &l.classes)
		if b.noError != nil {
			b.noError(t, l)
		}
		t.Fatalf("")
	}
	var named []int
	for _, m := range lineRef.FindAllStringSubmatch(err.Error(), -1) {
		n, _ := strconv.Atoi(m[1])
		named = append(named, n)
	}
	if len(named) == 0 {
		t.Fatalf("the error %q does not say where the file is wrong: say \"line %d\" in it, the line on which the row with %s begins, so that whoever owns the file can fix it",
			err, b.line, b.what)
	}
	wrong := slices.IndexFunc(named, func(n int) bool { return n != b.line })
	if wrong < 0 {
		return
	}
	n := named[wrong]
	if n > b.line && n <= b.last {
		t.Fatalf("the error %q names line %d, a line inside the row with %s, which spans lines %d to %d: name the line the row begins on, %d (r.FieldPos(0))",
			err, n, b.what, b.line, b.last, b.line)
	}
	t.Label("the line your error names")
	t.Mistake(n == b.row && b.row != b.line, lineCountRows,
		fmt.Sprintf("your error names line %d, the row's count among the records; the row begins on line %d", n, b.line))
	t.Mistake(n == b.line-1 || n == b.line+1, lineOffByOne,
		fmt.Sprintf("your error names line %d; the row with %s begins on line %d", n, b.what, b.line))
	t.Fatalf("the error %q names line %d, but the row with %s begins on line %d (the header is line 1)", err, n, b.what, b.line)
}

// withLine returns text with its line number n (from 1) replaced by edit(line).
func withLine(text string, n int, edit func(string) string) string {
	lines := strings.Split(text, "\n")
	lines[n-1] = edit(lines[n-1])
	return strings.Join(lines, "\n")
}

// withField returns the line with its comma-separated field j (from 0) replaced by edit(field).
func withField(line string, j int, edit func(string) string) string {
	f := strings.Split(line, ",")
	f[j] = edit(f[j])
	return strings.Join(f, ",")
}

// raggedIgnoredIf is the noError of a ragged row: a result without an error skipped or read it.
func raggedIgnoredIf(t *grader.T, _ loaded) {
	t.Mistake(true, raggedIgnored, "")
}

// raggedRow: a row a field short on line 7 of the penguins file (so 7 fields: a message that
// counts fields must still name the line), then a row with a field too many on line 152.
func raggedRow(t *grader.T) {
	text := penguinsText(t)
	for _, c := range []struct {
		line int
		what string
		edit func(string) string
	}{
		{7, "a field too few (7, the header has 8)", func(l string) string { return l[:strings.LastIndex(l, ",")] }},
		{152, "a field too many (9, the header has 8)", func(l string) string { return l + ",\"extra\"" }},
	} {
		expectError(t, brokenFile{text: withLine(text, c.line, c.edit), features: penguinFeatures, target: "species",
			what: c.what, line: c.line, row: c.line, noError: raggedIgnoredIf})
	}
}

// badCellDroppedIf returns the noError of a bad cell: a result without an error that equals the
// reference on fixed, the file with that cell missing, dropped the row silently.
func badCellDroppedIf(fixed string, features []string, target string) func(*grader.T, loaded) {
	return func(t *grader.T, got loaded) {
		want, err := reference(fixed, features, target)
		t.Mistake(err == nil && got.rows() == want.NumSamples(), badCellDrop,
			fmt.Sprintf("you returned %d rows, as if the cell were missing", got.rows()))
	}
}

// badCell: a unit after a number on line 17 of the penguins file; then a cell that is not a
// number in a row that misses its bill length (line 5), and in one that misses its species
// (line 40): the file is broken whether or not the row would be kept.
func badCell(t *grader.T) {
	text := penguinsText(t)
	for _, c := range []struct {
		line, field int    // the bad cell
		cell, what  string // its text, and what is wrong with the row
		missing     int    // a field made missing in the same row, or -1
	}{
		{17, 2, "36.6mm", `the bill length "36.6mm"`, -1},
		{5, 5, "heavy", `the body mass "heavy" and no bill length`, -1},
		{40, 3, "19.3 mm", `the bill depth "19.3 mm" and no species`, 0},
	} {
		edit := func(cell string) string {
			return withLine(text, c.line, func(l string) string {
				l = withField(l, c.field, func(string) string { return cell })
				if c.missing >= 0 {
					l = withField(l, c.missing, func(string) string { return "NA" })
				}
				return l
			})
		}
		expectError(t, brokenFile{text: edit(c.cell), features: penguinFeatures, target: "species",
			what: c.what, line: c.line, row: c.line, noError: badCellDroppedIf(edit("NA"), penguinFeatures, "species")})
	}
}

// multilineCSV has a quoted first column whose cells hold commas, doubled quotes and line
// breaks: its 5 rows begin on lines 2, 3, 5, 6 and 9.
const multilineCSV = `note,id,size,weight,kind
"calm",1,1.5,2.5,cat
"bit the vet,
then slept",2,2.5,3.5,dog
"said ""hi""",3,3.5,4.5,cat
"three
short
lines",4,4.5,5.5,dog
,5,5.5,6.5,cat
`

// multilineFields loads multilineCSV, then breaks it twice: a ragged row after the rows that
// span lines (line 10, the 7th record), and a cell that is not a number in the row that
// begins on line 6 (the 5th record) and whose cell is on line 8.
func multilineFields(t *grader.T) {
	features := []string{"weight", "size"}
	got := load(t, t.Call, multilineCSV, features, "kind")
	expectLoaded(t, got, multilineCSV, features, "kind")

	expectError(t, brokenFile{text: multilineCSV + "\"short\",6,6.5,cat\n", features: features, target: "kind",
		what: "a field too few (4, the header has 5)", line: 10, row: 7, noError: raggedIgnoredIf})

	bad := func(cell string) string {
		return strings.Replace(multilineCSV, "lines\",4,4.5,", "lines\",4,"+cell+",", 1)
	}
	expectError(t, brokenFile{text: bad("4.5cm"), features: features, target: "kind",
		what: `the size "4.5cm"`, line: 6, last: 8, row: 5, noError: badCellDroppedIf(bad("NA"), features, "kind")})
}

// unknownColumn asks for a feature, then a target, that the penguins file does not have.
func unknownColumn(t *grader.T) {
	r := t.Call("Load", penguinsText(t), []string{"bill_length_mm", "wing_span_mm"}, "species")
	t.True(r.Err() != nil, "Load returned no error when asked for the feature %q, which the file does not have", "wing_span_mm")
	r = t.Call("Load", penguinsText(t), penguinFeatures, "genus")
	t.True(r.Err() != nil, "Load returned no error when asked for the target %q, which the file does not have", "genus")
}

// fewRows: a file with one complete row loads as a 1×2 X; a file with none is an error, not an
// empty X (and not a panic).
func fewRows(t *grader.T) {
	const one = "size,weight,kind\n1.5,NA,cat\n2.5,3.5,dog\nNA,4.5,cat\n"
	features := []string{"size", "weight"}
	got := load(t, t.Call, one, features, "kind")
	expectLoaded(t, got, one, features, "kind")

	const none = "size,weight,kind\n1.5,NA,cat\n2.5,3.5,\nNA,4.5,cat\n"
	r := t.Call("Load", none, features, "kind")
	t.True(r.Err() != nil, "Load returned no error for a file in which no row is complete in the columns asked for: "+
		"there is nothing to learn from, so say so with an error")
}

// encodeLabels checks EncodeLabels on labels that do not come in sorted order.
func encodeLabels(t *grader.T) {
	labels := []string{"Gentoo", "Adelie", "Gentoo", "Chinstrap", "Adelie", "Adelie"}
	r := t.NotMutated("EncodeLabels", labels)
	var codes []int
	var classes []string
	r.Decode(&codes, &classes)
	enc := data.NewLabelEncoder(labels)
	want, err := enc.Encode(labels)
	if err != nil {
		t.Fatalf("internal error in the check: %v", err)
	}
	t.Label("classes")
	if !t.Equal(classes, enc.Classes) {
		t.Mistake(slices.Equal(classes, firstAppearance(labels)), fileOrderCls, fmt.Sprintf("your classes %q come in the order they first appear", classes))
	}
	t.Label("codes")
	t.Equal(codes, want)
}

// draw adds the plot to the report, or notes why it could not be drawn.
func draw(t *grader.T, title string, p *gplot.Plot, err error) {
	if err != nil {
		t.Logf("no plot %q: %v", title, err)
		return
	}
	t.Plot(title, p)
}
