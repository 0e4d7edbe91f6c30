package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadCSV(t *testing.T) {
	type col struct {
		kind    Kind
		floats  []float64 // NaN where missing
		strings []string
		missing []bool
	}
	nan := math.NaN()
	tests := []struct {
		name  string
		in    string
		opt   *CSVOptions
		cols  map[string]col
		lines []int
	}{
		{
			name: "numeric and text inferred",
			in:   "x,y,label\n1,2.5,a\n-3,1e3,b\n",
			cols: map[string]col{
				"x":     {kind: Numeric, floats: []float64{1, -3}, missing: []bool{false, false}},
				"y":     {kind: Numeric, floats: []float64{2.5, 1000}, missing: []bool{false, false}},
				"label": {kind: Text, strings: []string{"a", "b"}, missing: []bool{false, false}},
			},
			lines: []int{2, 3},
		},
		{
			name: "empty and NA cells are missing by default",
			in:   "a,b\n1,\nNA,x\n 3 , NA \n",
			cols: map[string]col{
				"a": {kind: Numeric, floats: []float64{1, nan, 3}, missing: []bool{false, true, false}},
				"b": {kind: Text, strings: []string{"", "x", ""}, missing: []bool{true, false, true}},
			},
			lines: []int{2, 3, 4},
		},
		{
			name: "custom missing tokens",
			in:   "a,b\n?,NA\n2,\n",
			opt:  &CSVOptions{Missing: []string{"?"}},
			cols: map[string]col{
				"a": {kind: Numeric, floats: []float64{nan, 2}, missing: []bool{true, false}},
				"b": {kind: Text, strings: []string{"NA", ""}, missing: []bool{false, false}},
			},
		},
		{
			name: "no missing tokens at all",
			in:   "a\n\"\"\n",
			opt:  &CSVOptions{Missing: []string{}},
			cols: map[string]col{
				"a": {kind: Text, strings: []string{""}, missing: []bool{false}},
			},
		},
		{
			name: "NaN and Inf are not numbers",
			in:   "a,b,c\nNaN,Inf,1e999\n",
			cols: map[string]col{
				"a": {kind: Text, strings: []string{"NaN"}, missing: []bool{false}},
				"b": {kind: Text, strings: []string{"Inf"}, missing: []bool{false}},
				"c": {kind: Text, strings: []string{"1e999"}, missing: []bool{false}},
			},
		},
		{
			name: "forced kinds",
			in:   "code,v\n007,1\n010,NA\n",
			opt:  &CSVOptions{Kinds: map[string]Kind{"code": Text, "v": Numeric}},
			cols: map[string]col{
				"code": {kind: Text, strings: []string{"007", "010"}, missing: []bool{false, false}},
				"v":    {kind: Numeric, floats: []float64{1, nan}, missing: []bool{false, true}},
			},
		},
		{
			name: "semicolon, quotes, BOM and blank lines",
			in:   "\uFEFF\"name\";\"v\"\n\"a;b\";\"1\"\n\n\"say \"\"hi\"\"\";2\n",
			opt:  &CSVOptions{Comma: ';'},
			cols: map[string]col{
				"name": {kind: Text, strings: []string{"a;b", `say "hi"`}, missing: []bool{false, false}},
				"v":    {kind: Numeric, floats: []float64{1, 2}, missing: []bool{false, false}},
			},
			lines: []int{2, 4},
		},
		{
			name: "a column that turns to text late keeps every cell's exact text",
			in:   "a,b\n1.50,1\n 7 ,2\n2,3\n1e3,4\nNA,5\n-0,6\n0.1,7\nx,8\n9,9\n",
			cols: map[string]col{
				"a": {kind: Text, strings: []string{"1.50", " 7 ", "2", "1e3", "", "-0", "0.1", "x", "9"},
					missing: []bool{false, false, false, false, true, false, false, false, false}},
				"b": {kind: Numeric, floats: []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, missing: make([]bool, 9)},
			},
		},
		{
			name: "all missing is numeric",
			in:   "a,b\nNA,1\n,2\n",
			cols: map[string]col{
				"a": {kind: Numeric, floats: []float64{nan, nan}, missing: []bool{true, true}},
			},
		},
		{
			name: "header only",
			in:   "a,b\n",
			cols: map[string]col{
				"a": {kind: Numeric, floats: []float64{}, missing: []bool{}},
				"b": {kind: Numeric, floats: []float64{}, missing: []bool{}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadCSV(strings.NewReader(tt.in), tt.opt)
			require.NoError(t, err)
			for name, want := range tt.cols {
				c, err := tab.Column(name)
				require.NoError(t, err)
				assert.Equal(t, want.kind, c.Kind, "kind of %q", name)
				assert.Equal(t, want.missing, c.Missing, "missing mask of %q", name)
				if want.kind == Numeric {
					assert.Nil(t, c.Strings)
					require.Len(t, c.Floats, len(want.floats))
					for i, v := range want.floats {
						if math.IsNaN(v) {
							assert.True(t, math.IsNaN(c.Floats[i]), "%q row %d: a missing numeric cell holds NaN", name, i)
						} else {
							assert.Equal(t, v, c.Floats[i], "%q row %d", name, i)
						}
					}
				} else {
					assert.Nil(t, c.Floats)
					assert.Equal(t, want.strings, c.Strings, "values of %q", name)
				}
			}
			if tt.lines != nil {
				assert.Equal(t, tt.lines, tab.Lines)
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		opt     *CSVOptions
		cause   error // matched with errors.Is
		line    int
		column  int
		field   int
		message string // the whole Error() text
	}{
		{name: "too few fields", in: "a,b,c\n1,2,3\n4,5\n", cause: csv.ErrFieldCount, line: 3, column: 1,
			message: "line 3, column 1: wrong number of fields: expected 3 (as in the header), got 2"},
		{name: "too many fields", in: "a,b\n1,2\n3,4,55\n", cause: csv.ErrFieldCount, line: 3, column: 5, field: 3,
			message: "line 3, column 5 (field 3): wrong number of fields: expected 2 (as in the header), got 3"},
		{name: "not a number in a forced numeric column", in: "a,b\n1,2\n3,x9\n", opt: &CSVOptions{Kinds: map[string]Kind{"b": Numeric}},
			cause: ErrNotNumber, line: 3, column: 3, field: 2,
			message: `line 3, column 3 (field 2 "b"): not a number: "x9" (the column is numeric)`},
		{name: "bare quote", in: "a,b\n1,x\"y\n", cause: csv.ErrBareQuote, line: 2, column: 4},
		{name: "unterminated quote", in: "a,b\n1,\"abc\n", cause: csv.ErrQuote, line: 2, column: 8},
		{name: "extraneous quote", in: "a,b\n1,\"ab\"c\n", cause: csv.ErrQuote, line: 2, column: 6},
		{name: "empty name", in: "a,,c\n1,2,3\n", cause: ErrEmptyName, line: 1, column: 3, field: 2,
			message: "line 1, column 3 (field 2): empty column name in the header"},
		{name: "blank name", in: "a, \n1,2\n", cause: ErrEmptyName, line: 1, column: 3, field: 2},
		{name: "duplicate name", in: "a,b,a\n1,2,3\n", cause: ErrDuplicateName, line: 1, column: 5, field: 3,
			message: `line 1, column 5 (field 3 "a"): duplicate column name in the header: "a" is also field 1`},
		{name: "bad quote in the header", in: "a,\"b\n", cause: csv.ErrQuote, line: 1, column: 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.in), tt.opt)
			require.Error(t, err)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.ErrorIs(t, err, tt.cause)
			assert.Equal(t, tt.line, pe.Line, "line")
			assert.Equal(t, tt.column, pe.Column, "column")
			assert.Equal(t, tt.field, pe.Field, "field")
			if tt.message != "" {
				assert.Equal(t, tt.message, err.Error())
			}
		})
	}
}

func TestReadCSVOtherErrors(t *testing.T) {
	_, err := ReadCSV(strings.NewReader(""), nil)
	assert.ErrorIs(t, err, ErrNoHeader)
	_, err = ReadCSV(strings.NewReader("\n\n"), nil)
	assert.ErrorIs(t, err, ErrNoHeader, "blank lines only")

	_, err = ReadCSV(strings.NewReader("a,b\n1,2\n"), &CSVOptions{Kinds: map[string]Kind{"c": Numeric}})
	assert.EqualError(t, err, `CSVOptions.Kinds names column "c", which the header ("a", "b") lacks`)
	_, err = ReadCSV(strings.NewReader("a,b\n1,2\n"), &CSVOptions{Kinds: map[string]Kind{"a": Kind(7)}})
	assert.EqualError(t, err, `CSVOptions.Kinds gives column "a" the invalid kind Kind(7)`)

	boom := errors.New("disk on fire")
	_, err = ReadCSV(iotest.ErrReader(boom), nil)
	assert.ErrorIs(t, err, boom)
	assert.NotErrorAs(t, err, new(*ParseError))
}

// TestReadCSVStreams feeds the reader one byte, or half the requested bytes, at a time, and a
// reader that returns its last data together with io.EOF: the table must not change.
func TestReadCSVStreams(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/datasets/penguins.csv")
	require.NoError(t, err)
	want, err := ReadCSV(bytes.NewReader(raw), nil)
	require.NoError(t, err)
	readers := map[string]func() (tab *Table, err error){
		"OneByteReader": func() (*Table, error) { return ReadCSV(iotest.OneByteReader(bytes.NewReader(raw)), nil) },
		"HalfReader":    func() (*Table, error) { return ReadCSV(iotest.HalfReader(bytes.NewReader(raw)), nil) },
		"DataErrReader": func() (*Table, error) { return ReadCSV(iotest.DataErrReader(bytes.NewReader(raw)), nil) },
	}
	for name, read := range readers {
		t.Run(name, func(t *testing.T) {
			got, err := read()
			require.NoError(t, err)
			assert.Equal(t, want.Names(), got.Names())
			assert.Equal(t, want.Lines, got.Lines)
			for j := range want.Columns {
				w, g := want.Columns[j], got.Columns[j]
				assert.Equal(t, w.Missing, g.Missing)
				assert.Equal(t, w.Strings, g.Strings)
				assert.Equal(t, present(w.Floats, w.Missing), present(g.Floats, g.Missing))
			}
		})
	}
}

// FuzzReadCSV checks that ReadCSV never panics, that every error is ErrNoHeader or a *ParseError
// with a position, and that every table it returns is consistent.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n",
		"a,b\n1,\nNA,x\n",
		"x\n\"q\"\"uote\"\n",
		"a,b\n1,2,3\n",
		"a,a\n",
		"\uFEFFa;b\n1;2\n",
		"a,b\n\"1\n2\",3\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		tab, err := ReadCSV(bytes.NewReader(in), nil)
		if err != nil {
			if errors.Is(err, ErrNoHeader) {
				return
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is neither ErrNoHeader nor a *ParseError", err, err)
			}
			if pe.Line < 1 || pe.Column < 1 || pe.Field < 0 || pe.Err == nil {
				t.Fatalf("bad position in %#v", pe)
			}
			return
		}
		checkAgainstCSV(t, in, tab)
		n := tab.NumRows()
		if len(tab.Lines) != n {
			t.Fatalf("%d lines for %d rows", len(tab.Lines), n)
		}
		for _, c := range tab.Columns {
			if c.Name == "" || len(c.Missing) != n {
				t.Fatalf("column %q: %d missing flags for %d rows", c.Name, len(c.Missing), n)
			}
			switch c.Kind {
			case Numeric:
				if len(c.Floats) != n || c.Strings != nil {
					t.Fatalf("numeric column %q is malformed", c.Name)
				}
				for i, v := range c.Floats {
					if c.Missing[i] != math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("column %q row %d: value %v, missing %v", c.Name, i, v, c.Missing[i])
					}
				}
			case Text:
				if len(c.Strings) != n || c.Floats != nil {
					t.Fatalf("text column %q is malformed", c.Name)
				}
			default:
				t.Fatalf("column %q has kind %v", c.Name, c.Kind)
			}
		}
	})
}

// checkAgainstCSV compares tab, read by ReadCSV with default options, with the records that
// encoding/csv itself reads from in: every text cell is the field's exact text, every numeric
// cell the field parsed, missing exactly the fields "" or "NA" after trimming, and a column
// Numeric exactly when each of its non-missing fields is a finite number.
func checkAgainstCSV(t *testing.T, in []byte, tab *Table) {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(in, []byte(bom)))).ReadAll()
	if err != nil {
		t.Fatalf("ReadCSV accepted what encoding/csv rejects: %v", err)
	}
	rows := records[1:]
	if len(rows) != tab.NumRows() {
		t.Fatalf("%d rows, encoding/csv reads %d", tab.NumRows(), len(rows))
	}
	for j, c := range tab.Columns {
		numeric := true
		for i, rec := range rows {
			raw := rec[j]
			trimmed := strings.TrimSpace(raw)
			missing := trimmed == "" || trimmed == "NA"
			if c.Missing[i] != missing {
				t.Fatalf("column %d row %d %q: missing %v", j, i, raw, c.Missing[i])
			}
			if missing {
				continue
			}
			v, ok := parseNumber(trimmed)
			numeric = numeric && ok
			if c.Kind == Text && c.Strings[i] != raw {
				t.Fatalf("column %d row %d: text %q, want %q", j, i, c.Strings[i], raw)
			}
			if c.Kind == Numeric && (!ok || c.Floats[i] != v) {
				t.Fatalf("column %d row %d: value %v for %q", j, i, c.Floats[i], raw)
			}
		}
		if numeric != (c.Kind == Numeric) {
			t.Fatalf("column %d is %v, but every cell being a number is %v", j, c.Kind, numeric)
		}
	}
}
