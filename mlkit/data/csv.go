package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// CSVOptions configures ReadCSV. The zero value, and a nil *CSVOptions, read a comma-separated
// file in which an empty cell or "NA" is missing and every column's kind is inferred.
type CSVOptions struct {
	// Comma is the field separator; 0 means ','.
	Comma rune
	// Missing lists the cell texts that mean "missing", compared after trimming surrounding
	// spaces. Nil means {"", "NA"}; an empty non-nil slice means no cell is missing.
	Missing []string
	// Kinds forces the kind of the named columns. A column not named here, or named with
	// Auto, is Numeric if every non-missing cell is a number and Text otherwise.
	Kinds map[string]Kind
}

// Errors that ReadCSV reports. The header errors and the cell errors come inside a *ParseError
// that says where; ErrNoHeader comes alone.
var (
	// ErrNoHeader: the input holds no record at all, so there is no header row.
	ErrNoHeader = errors.New("no header row")
	// ErrEmptyName: a header field is empty (or only spaces).
	ErrEmptyName = errors.New("empty column name in the header")
	// ErrDuplicateName: two header fields are the same.
	ErrDuplicateName = errors.New("duplicate column name in the header")
	// ErrNotNumber: a cell of a column forced to Numeric is not a finite number.
	ErrNotNumber = errors.New("not a number")
)

// ParseError is the error ReadCSV returns for malformed input: a ragged row, a cell that is not a
// number in a numeric column, bad quoting, or a bad header. Its cause is Err, which errors.Is
// matches against csv.ErrFieldCount, csv.ErrQuote, csv.ErrBareQuote, ErrNotNumber,
// ErrEmptyName or ErrDuplicateName.
type ParseError struct {
	Line   int    // 1-based line of the error in the input
	Column int    // 1-based byte column of the error in that line, as in csv.ParseError
	Field  int    // 1-based number of the field (the CSV column) concerned; 0 if not one field
	Name   string // header name of that field, if known
	Err    error  // the cause
}

// Error returns "line L, column C: cause", naming the field when there is one, for example
// `line 17, column 9 (field 3 "petal_length"): not a number: "abc"`.
func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "line %d, column %d", e.Line, e.Column)
	switch {
	case e.Field > 0 && e.Name != "":
		fmt.Fprintf(&b, " (field %d %q)", e.Field, e.Name)
	case e.Field > 0:
		fmt.Fprintf(&b, " (field %d)", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// ReadCSV reads CSV text from r into a Table. It reads r as a stream, record by record, with
// encoding/csv (RFC 4180 quoting, no lazy quotes; blank lines are skipped).
//
// The first record is the header: one non-empty, distinct name per column; a UTF-8 byte-order
// mark before it is ignored. Every later record must have as many fields as the header.
// A cell whose text, with surrounding spaces trimmed, is one of opt.Missing is missing: it is
// flagged in the column's Missing mask and takes part in no inference. A Numeric column holds the
// cells parsed by strconv.ParseFloat after trimming spaces; "NaN" and "Inf" and numbers out of
// float64 range are not numbers here (list "NaN" in opt.Missing to treat it as missing). A Text
// column keeps each cell's exact text. An input with a header and no rows gives a table with
// zero rows, whose inferred columns are Numeric.
//
// Errors: ErrNoHeader for an input with no record; a *ParseError (see its Err for the cause)
// for a bad header, a ragged row, bad quoting, or a non-number in a column forced Numeric; an
// error naming the column when opt.Kinds names a column the header lacks or has an invalid
// Kind; and errors from r itself, wrapped.
func ReadCSV(r io.Reader, opt *CSVOptions) (*Table, error) {
	if opt == nil {
		opt = &CSVOptions{}
	}
	missing := opt.Missing
	if missing == nil {
		missing = []string{"", "NA"}
	}
	br := bufio.NewReader(r)
	if b, _ := br.Peek(len(bom)); string(b) == bom {
		_, _ = br.Discard(len(bom))
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true // the cells are substrings of one string per record, not of rec
	if opt.Comma != 0 {
		cr.Comma = opt.Comma
	}

	header, err := cr.Read()
	if err == io.EOF {
		return nil, ErrNoHeader
	}
	if err != nil {
		return nil, convertCSVError(err)
	}
	header = slices.Clone(header) // the reader reuses its record slice
	if err := checkHeader(cr, header); err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(opt.Kinds)) {
		k := opt.Kinds[name]
		if !slices.Contains(header, name) {
			return nil, fmt.Errorf("CSVOptions.Kinds names column %q, which the header (%s) lacks", name, quoteList(header))
		}
		if k != Auto && k != Numeric && k != Text {
			return nil, fmt.Errorf("CSVOptions.Kinds gives column %q the invalid kind %v", name, k)
		}
	}

	cols := make([]builder, len(header))
	for j, name := range header {
		cols[j].kind = opt.Kinds[name]
	}
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if errors.Is(err, csv.ErrFieldCount) {
			return nil, fieldCountError(cr, err, len(header), len(rec))
		}
		if err != nil {
			return nil, convertCSVError(err)
		}
		line, _ := cr.FieldPos(0)
		lines = append(lines, line)
		for j, cell := range rec {
			trimmed := strings.TrimSpace(cell)
			if !cols[j].add(cell, trimmed, slices.Contains(missing, trimmed)) {
				line, col := cr.FieldPos(j)
				return nil, &ParseError{Line: line, Column: col, Field: j + 1, Name: header[j],
					Err: fmt.Errorf("%w: %q (the column is numeric)", ErrNotNumber, cell)}
			}
		}
	}

	t := &Table{Columns: make([]Column, len(header)), Lines: lines}
	for j, name := range header {
		t.Columns[j] = cols[j].column(name)
	}
	return t, nil
}

// builder accumulates one column while ReadCSV streams. A Numeric column fills floats and a
// Text column strings, with a placeholder for a missing cell. An Auto column is parsed as it
// comes: while every cell is a number it keeps only floats (and, in odd, the text of the rare
// cells that strconv.FormatFloat would not write back the same, such as "1.50" or " 7"), so
// that it holds neither the cell texts nor the records they point into; at its first cell that
// is not a number it rebuilds the exact texts of the earlier cells and becomes Text.
type builder struct {
	kind    Kind
	floats  []float64
	strings []string
	missing []bool
	odd     map[int]string // Auto only: row → cell text that FormatFloat does not reproduce
}

// add appends a cell, given as read and with spaces trimmed. It reports false, appending
// nothing, if the column is forced Numeric and the cell is neither missing nor a number.
func (b *builder) add(cell, trimmed string, missing bool) bool {
	if missing {
		b.missing = append(b.missing, true)
		if b.kind == Text {
			b.strings = append(b.strings, "")
		} else {
			b.floats = append(b.floats, math.NaN())
		}
		return true
	}
	if b.kind == Text {
		b.missing = append(b.missing, false)
		b.strings = append(b.strings, cell)
		return true
	}
	v, ok := parseNumber(trimmed)
	switch {
	case !ok && b.kind == Numeric:
		return false
	case !ok:
		b.toText()
		b.missing = append(b.missing, false)
		b.strings = append(b.strings, cell)
		return true
	}
	if b.kind == Auto {
		var buf [32]byte
		if string(strconv.AppendFloat(buf[:0], v, 'g', -1, 64)) != cell {
			if b.odd == nil {
				b.odd = map[int]string{}
			}
			b.odd[len(b.floats)] = cell
		}
	}
	b.missing = append(b.missing, false)
	b.floats = append(b.floats, v)
	return true
}

// toText turns an Auto column that has been numeric so far into a Text column holding the exact
// texts of its cells.
func (b *builder) toText() {
	b.strings = make([]string, len(b.floats), max(2*len(b.floats), 16))
	for i, v := range b.floats {
		s, isOdd := b.odd[i]
		switch {
		case b.missing[i]:
			s = ""
		case !isOdd:
			s = strconv.FormatFloat(v, 'g', -1, 64)
		}
		b.strings[i] = s
	}
	b.kind, b.floats, b.odd = Text, nil, nil
}

// column returns the finished column; an Auto column that stayed numeric is Numeric.
func (b *builder) column(name string) Column {
	c := Column{Name: name, Kind: b.kind, Missing: b.missing}
	if c.Missing == nil {
		c.Missing = []bool{}
	}
	if c.Kind == Text {
		c.Strings = b.strings
		if c.Strings == nil {
			c.Strings = []string{}
		}
		return c
	}
	c.Kind = Numeric
	c.Floats = b.floats
	if c.Floats == nil {
		c.Floats = []float64{}
	}
	return c
}

// bom is the UTF-8 byte-order mark that some programs write at the start of a CSV file.
const bom = "\uFEFF"

// parseNumber parses s as a finite float64.
func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// checkHeader reports an empty or repeated column name.
func checkHeader(cr *csv.Reader, header []string) error {
	seen := make(map[string]int, len(header))
	for j, name := range header {
		line, col := cr.FieldPos(j)
		if strings.TrimSpace(name) == "" {
			return &ParseError{Line: line, Column: col, Field: j + 1, Err: ErrEmptyName}
		}
		k, dup := seen[name]
		seen[name] = j
		if dup {
			return &ParseError{Line: line, Column: col, Field: j + 1, Name: name,
				Err: fmt.Errorf("%w: %q is also field %d", ErrDuplicateName, name, k+1)}
		}
	}
	return nil
}

// convertCSVError turns an error of encoding/csv into a *ParseError; other errors (from the
// underlying reader) are wrapped with context.
func convertCSVError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("read CSV: %w", err)
	}
	return &ParseError{Line: max(pe.Line, 1), Column: max(pe.Column, 1), Err: pe.Err}
}

// fieldCountError describes a ragged record of got fields where the header has want. A record
// that is too long is pointed at its first extra field; a short one at its line.
func fieldCountError(cr *csv.Reader, err error, want, got int) error {
	e := &ParseError{Line: 1, Column: 1,
		Err: fmt.Errorf("%w: expected %d (as in the header), got %d", csv.ErrFieldCount, want, got)}
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		e.Line = max(pe.StartLine, 1)
	}
	if got > want {
		e.Line, e.Column = cr.FieldPos(want)
		e.Field = want + 1
	}
	return e
}
