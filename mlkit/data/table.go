package data

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Kind is the type of a column's values.
type Kind int

// The column kinds. The zero Kind is Auto: "infer it from the cells" in CSVOptions.Kinds.
const (
	// Auto asks ReadCSV to infer the kind: Numeric if every non-missing cell is a number.
	Auto Kind = iota
	// Numeric columns hold finite float64 values.
	Numeric
	// Text columns hold strings, such as class names.
	Text
)

// String returns "auto", "numeric" or "text".
func (k Kind) String() string {
	switch k {
	case Auto:
		return "auto"
	case Numeric:
		return "numeric"
	case Text:
		return "text"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Column is one named column of a Table.
//
// Exactly one of Floats (Kind Numeric) and Strings (Kind Text) holds the values; Missing says
// which cells were missing. Missing is the truth about missing cells: the value slot of a missing
// cell holds NaN (Numeric) or "" (Text) only so that a forgotten check shows up rather than
// passing for a real 0.
type Column struct {
	Name    string
	Kind    Kind
	Floats  []float64 // the values of a Numeric column; NaN where Missing
	Strings []string  // the values of a Text column; "" where Missing
	Missing []bool    // Missing[i] reports whether row i's cell was missing
}

// Len returns the number of rows of c.
func (c *Column) Len() int { return len(c.Missing) }

// NumMissing returns how many cells of c are missing.
func (c *Column) NumMissing() int {
	n := 0
	for _, m := range c.Missing {
		if m {
			n++
		}
	}
	return n
}

// Table is a set of named columns of equal length, as read from a CSV file.
//
// A Table is never changed by this package's methods: DropMissing, Rows and Imputer.Transform
// return new tables. Code that builds a Table by hand should use NewTable, which checks it.
type Table struct {
	// Columns holds the columns in header order.
	Columns []Column
	// Lines, when not nil, holds for each row the 1-based line of the source file where the
	// row starts, so that errors can point into the file. It is nil for tables built in code.
	Lines []int
}

// NewTable returns a table of the given columns, which it does not copy.
//
// It panics if two columns share a name, a name is empty, a column's Kind is not Numeric or
// Text, its value slice does not match its kind, the columns differ in length, or a numeric cell
// not marked missing is NaN or ±Inf. A nil Missing means that no cell is missing.
func NewTable(columns ...Column) *Table {
	for i := range columns {
		c := &columns[i]
		if c.Name == "" {
			panic(fmt.Sprintf("data: NewTable: column %d has an empty name", i))
		}
		if slices.ContainsFunc(columns[:i], func(o Column) bool { return o.Name == c.Name }) {
			panic(fmt.Sprintf("data: NewTable: duplicate column name %q", c.Name))
		}
		var n int
		switch c.Kind {
		case Numeric:
			if c.Strings != nil {
				panic(fmt.Sprintf("data: NewTable: numeric column %q has Strings", c.Name))
			}
			n = len(c.Floats)
		case Text:
			if c.Floats != nil {
				panic(fmt.Sprintf("data: NewTable: text column %q has Floats", c.Name))
			}
			n = len(c.Strings)
		default:
			panic(fmt.Sprintf("data: NewTable: column %q has kind %v, want numeric or text", c.Name, c.Kind))
		}
		if c.Missing == nil {
			c.Missing = make([]bool, n)
		}
		if len(c.Missing) != n || n != columns[0].Len() {
			panic(fmt.Sprintf("data: NewTable: column %q has %d values and %d missing flags, column %q has %d rows",
				c.Name, n, len(c.Missing), columns[0].Name, columns[0].Len()))
		}
		for r, v := range c.Floats {
			if !c.Missing[r] && (math.IsNaN(v) || math.IsInf(v, 0)) {
				panic(fmt.Sprintf("data: NewTable: column %q row %d holds %v: mark missing cells in Missing", c.Name, r, v))
			}
		}
	}
	return &Table{Columns: columns}
}

// NumRows returns the number of rows of t.
func (t *Table) NumRows() int {
	if len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Len()
}

// Names returns the column names of t in order.
func (t *Table) Names() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// Column returns the column of t with the given name, or an error listing the names t has.
func (t *Table) Column(name string) (*Column, error) {
	i, err := t.index(name)
	if err != nil {
		return nil, err
	}
	return &t.Columns[i], nil
}

// index returns the position of the named column.
func (t *Table) index(name string) (int, error) {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return i, nil
		}
	}
	return -1, fmt.Errorf("no column %q (the columns are %s)", name, quoteList(t.Names()))
}

// where describes row i for an error message: "row 4 (line 6)", or "row 4" when the line is
// unknown. Rows count from 0, lines from 1.
func (t *Table) where(i int) string {
	if i < len(t.Lines) && t.Lines[i] > 0 {
		return fmt.Sprintf("row %d (line %d)", i, t.Lines[i])
	}
	return fmt.Sprintf("row %d", i)
}

// Rows returns a new table holding the rows of t at the indices idx, in that order; an index may
// repeat. The values are copied.
//
// It panics if an index is out of range.
func (t *Table) Rows(idx []int) *Table {
	n := t.NumRows()
	for _, i := range idx {
		if i < 0 || i >= n {
			panic(fmt.Sprintf("data: Table.Rows: index %d out of range [0, %d)", i, n))
		}
	}
	out := &Table{Columns: make([]Column, len(t.Columns))}
	for j, c := range t.Columns {
		nc := Column{Name: c.Name, Kind: c.Kind, Missing: Take(c.Missing, idx)}
		if c.Kind == Numeric {
			nc.Floats = Take(c.Floats, idx)
		} else {
			nc.Strings = Take(c.Strings, idx)
		}
		out.Columns[j] = nc
	}
	if t.Lines != nil {
		out.Lines = Take(t.Lines, idx)
	}
	return out
}

// DropMissing returns a new table without the rows that have a missing cell in any of the named
// columns, or in any column at all when no names are given. It returns an error if a name is not
// a column of t.
func (t *Table) DropMissing(columns ...string) (*Table, error) {
	cols := make([]int, 0, len(t.Columns))
	if len(columns) == 0 {
		for j := range t.Columns {
			cols = append(cols, j)
		}
	}
	for _, name := range columns {
		j, err := t.index(name)
		if err != nil {
			return nil, fmt.Errorf("drop missing: %w", err)
		}
		cols = append(cols, j)
	}
	keep := make([]int, 0, t.NumRows())
	for i := range t.NumRows() {
		if !slices.ContainsFunc(cols, func(j int) bool { return t.Columns[j].Missing[i] }) {
			keep = append(keep, i)
		}
	}
	return t.Rows(keep), nil
}

// quoteList formats names as `"a", "b", "c"` for error messages.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, s := range names {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
