// Package check holds the checks of the loading-data exercise: the penguins CSV read into a
// feature matrix and class labels, with the header, missing cells, column order, class order
// and malformed files (a ragged row, a cell that is not a number, an unknown column) checked
// against mlkit/data on the same text. The hidden checks (hidden.go, built with -tags hidden)
// do the same on seeded random tables.
package check

import (
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
			{Name: "An unknown column is an error", Points: 1, Run: unknownColumn},
			{Name: "EncodeLabels numbers the classes in sorted order, labels left unchanged", Points: 1, Run: encodeLabels},
		}, hiddenChecks()...),
		Hints: []string{
			"Use encoding/csv: csv.NewReader(strings.NewReader(csvText)). Its first Read is the header; " +
				"look up each requested name in it (slices.Index) once, then read the data records one by one.",
			"For each record: skip it if the target cell or a requested feature cell is missing " +
				"(strings.TrimSpace(cell) is \"\" or \"NA\"); otherwise strconv.ParseFloat each feature cell and " +
				"return an error with the line (r.FieldPos(0)) if one fails. Leave FieldsPerRecord at 0: " +
				"csv then reports a ragged row as an error with its line for you.",
			"EncodeLabels: classes := slices.Clone(labels); slices.Sort(classes); classes = slices.Compact(classes); " +
				"then codes[i], _ = slices.BinarySearch(classes, labels[i]). Build X at the end with " +
				"mat.NewDense(rows, len(features), values), values holding the kept rows one after the other.",
		},
	}
}

// The mistakes the checks recognise.
const (
	headerAsData  = "header-as-data"
	missingAsZero = "missing-as-zero"
	raggedIgnored = "ragged-row-ignored"
	unusedDrop    = "dropped-on-unused-column"
	fileOrderCls  = "classes-in-file-order"
	fileOrderCols = "columns-in-file-order"
	badCellDrop   = "bad-cell-dropped"

	hintHeaderAsData  = "the first record is the header, the column names: read it once, then loop over the records after it"
	hintMissingAsZero = "a missing cell (\"\" or \"NA\") is not 0: drop the row, or a model will learn from measurements of 0 mm that nobody took"
	hintRaggedIgnored = "a row with the wrong number of fields means the file is broken: return an error with its line (csv.Reader does so when FieldsPerRecord is 0), never skip it silently"
	hintUnusedDrop    = "drop a row only when a column you were asked for is missing in it: a missing cell in another column (here sex or colour) costs you rows for nothing"
	hintFileOrderCls  = "number the classes in sorted order of their names (slices.Sort on a copy, slices.Compact), not in the order they first appear: the same data sorted differently must give the same codes"
	hintFileOrderCols = "column j of X is the column named features[j], in the order asked for, not in the file's order"
	hintBadCellDrop   = "a cell that is not a number (and not missing) is an error in the file: return an error naming its line instead of dropping the row"
)

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
			strings.Contains(msg, "\""+features[0]+"\": invalid syntax"), headerAsData, hintHeaderAsData)
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
		t.Mistake(gotRows == wantRows+1 && headerRow(got.X, text), headerAsData, hintHeaderAsData)
		t.Mistake(gotRows > wantRows && hasZero(got.X) && !hasZero(want.X), missingAsZero, hintMissingAsZero)
		if all, err := reference(dropAllMissing(text), features, target); err == nil && all.NumSamples() != wantRows {
			t.Mistake(gotRows == all.NumSamples(), unusedDrop, hintUnusedDrop)
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
				t.Mistake(grader.NearMatrix(got.X, inFileOrder.X, grader.Tol{}), fileOrderCols, hintFileOrderCols)
			}
		}
		t.Mistake(hasZero(got.X) && !hasZero(want.X), missingAsZero, hintMissingAsZero)
		t.CloseMatrix(got.X, want.X, grader.Tol{})
		t.Fatalf("the numbers must be the file's, parsed with strconv.ParseFloat")
	}
	wantY := want.Labels()
	t.Label("classes")
	okClasses := t.Equal(got.classes, want.Classes)
	if okY := sameLabels(t, got.y, wantY); !okClasses || !okY {
		order := firstAppearance(data.Take(want.Classes, wantY))
		t.Label("classes")
		t.Mistake(slices.Equal(got.classes, order), fileOrderCls, hintFileOrderCls)
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

// dropAllMissing returns text without the data lines that have a missing cell in any column,
// for the "dropped on an unused column" fingerprint.
func dropAllMissing(text string) string {
	tab, err := data.ReadCSV(strings.NewReader(text), nil)
	if err != nil {
		return text
	}
	var b strings.Builder
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	b.WriteString(lines[0] + "\n")
	for i := range tab.NumRows() {
		complete := true
		for _, c := range tab.Columns {
			if c.Missing[i] {
				complete = false
			}
		}
		if complete {
			b.WriteString(lines[tab.Lines[i]-1] + "\n")
		}
	}
	return b.String()
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
// an unused column. Rows 2, 5 and 7 are complete in size, weight and kind.
const missingCSV = `id,size,weight,colour,kind
1,1.5,NA,red,cat
2,2.5,3.1,,dog
3,,2.2,blue,cat
4,4.5,4.4,green,NA
5,5.5,5.1,red,dog
6, NA ,6.6,blue,bird
7,7.25,7.5,green,cat
`

func missingCells(t *grader.T) {
	features := []string{"size", "weight"}
	r := t.Call("Load", missingCSV, features, "kind")
	if err := r.Err(); err != nil && strings.Contains(err.Error(), "NA") {
		t.Fatalf("Load returned an error for a valid file: %v: \"NA\" (spaces around it aside) means missing, like an empty cell", err)
	}
	got := load(t, t.Call, missingCSV, features, "kind")
	expectLoaded(t, got, missingCSV, features, "kind")
}

// expectError checks that the learner's Load fails on text and that its error names the line
// at which mlkit's reader fails.
func expectError(t *grader.T, text string, features []string, target, what string, noError func(loaded)) {
	_, refErr := reference(text, features, target)
	var pe *data.ParseError
	if !errors.As(refErr, &pe) {
		t.Fatalf("internal error in the check: the reference reads the file with %v", refErr)
	}
	r := t.Call("Load", text, features, target)
	err := r.Err()
	if err == nil {
		t.Errorf("Load returned no error for a file with %s at line %d", what, pe.Line)
		t.Label("what Load returned")
		var l loaded
		r.Decode(&l.X, &l.y, &l.classes)
		noError(l)
		t.Fatalf("")
	}
	line := strconv.Itoa(pe.Line)
	t.True(regexp.MustCompile(`(^|\D)`+line+`(\D|$)`).MatchString(err.Error()),
		"the error %q does not give the line of the %s, %d: say where the file is wrong, so that its author can fix it", err, what, pe.Line)
}

// withLine returns text with its line number n (from 1) replaced by edit(line).
func withLine(text string, n int, edit func(string) string) string {
	lines := strings.Split(text, "\n")
	lines[n-1] = edit(lines[n-1])
	return strings.Join(lines, "\n")
}

// raggedRow removes the last field of line 7 of the penguins file.
func raggedRow(t *grader.T) {
	text := withLine(penguinsText(t), 7, func(l string) string { return l[:strings.LastIndex(l, ",")] })
	expectError(t, text, penguinFeatures, "species", "a missing field", func(loaded) {
		t.Mistake(true, raggedIgnored, hintRaggedIgnored)
	})
}

// badCell writes a unit after the bill length on line 17 of the penguins file.
func badCell(t *grader.T) {
	text := withLine(penguinsText(t), 17, func(l string) string {
		f := strings.Split(l, ",")
		f[2] += "mm"
		return strings.Join(f, ",")
	})
	want := mustReference(t, penguinsText(t), penguinFeatures, "species")
	expectError(t, text, penguinFeatures, "species", "a cell that is not a number", func(l loaded) {
		t.Mistake(l.rows() == want.NumSamples()-1, badCellDrop, hintBadCellDrop)
	})
}

// unknownColumn asks for a column the penguins file does not have.
func unknownColumn(t *grader.T) {
	r := t.Call("Load", penguinsText(t), []string{"bill_length_mm", "wing_span_mm"}, "species")
	t.True(r.Err() != nil, "Load returned no error when asked for the column %q, which the file does not have", "wing_span_mm")
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
		t.Mistake(slices.Equal(classes, firstAppearance(labels)), fileOrderCls, hintFileOrderCls)
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
