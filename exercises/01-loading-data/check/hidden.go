//go:build hidden

package check

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks returns the checks CI runs on seeded random tables the learner has never seen,
// so that code tuned to the penguins file fails.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "A table you have not seen: shuffled columns, missing cells, quoted fields", Points: 2, Hidden: true, Run: hiddenTable},
		{Name: "A ragged row and a bad cell at lines you have not seen", Points: 1, Hidden: true, Run: hiddenErrors},
	}
}

// table is a random CSV file: a text target, numeric features and an unused text column (a
// note, quoted, sometimes with a comma, doubled quotes or a line break), in a shuffled order,
// with missing cells ("", "NA", " NA ") scattered over them and spaces around some numbers.
type table struct {
	header   []string
	rows     [][]string
	features []string // the feature columns to ask for, in a random order
	target   string
}

func (tb table) text() string {
	var b strings.Builder
	b.WriteString(strings.Join(tb.header, ",") + "\n")
	for _, r := range tb.rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.String()
}

// lines returns the lines on which data row i begins and ends: the header is line 1, and a
// quoted cell with a line break makes its row span several lines.
func (tb table) lines(i int) (first, last int) {
	first = 2 + i
	for k, r := range tb.rows[:i+1] {
		for _, cell := range r {
			if k < i {
				first += strings.Count(cell, "\n")
			} else {
				last += strings.Count(cell, "\n")
			}
		}
	}
	return first, first + last
}

var hiddenWords = []string{"amber", "basalt", "cobalt", "dune", "ember", "fjord", "glacier", "heron"}

// note returns the quoted text of a note cell: plain, with a comma, with doubled quotes, or
// over two lines.
func note(r *rand.Rand) string {
	n := r.IntN(100)
	text := []string{
		fmt.Sprintf("n%d ok", n),
		fmt.Sprintf("n%d, ok", n),
		fmt.Sprintf(`n%d ""ok""`, n),
		fmt.Sprintf("n%d\nsecond line", n),
	}[r.IntN(4)]
	return `"` + text + `"`
}

func randomTable(r *rand.Rand, missingRate float64) table {
	nFeat := 2 + r.IntN(4)
	cols := []string{"label", "note"}
	for j := range nFeat {
		cols = append(cols, fmt.Sprintf("x%d_%s", j, hiddenWords[r.IntN(len(hiddenWords))]))
	}
	r.Shuffle(len(cols), func(i, j int) { cols[i], cols[j] = cols[j], cols[i] })
	words := slices.Clone(hiddenWords)
	r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	classes := words[:2+r.IntN(3)]
	missingCell := func() string { return []string{"", "NA", " NA "}[r.IntN(3)] }
	tb := table{header: cols, target: "label"}
	for range 30 + r.IntN(120) {
		row := make([]string, len(cols))
		for j, c := range cols {
			switch {
			case c == "label":
				row[j] = classes[r.IntN(len(classes))]
				if r.Float64() < missingRate/2 {
					row[j] = missingCell()
				}
			case c == "note":
				row[j] = note(r)
				if r.Float64() < 4*missingRate {
					row[j] = missingCell()
				}
			default:
				row[j] = strconv.FormatFloat(float64(1+r.IntN(99999))/100*float64(1-2*r.IntN(2)), 'g', -1, 64)
				switch r.IntN(10) {
				case 0, 1:
					row[j] = `"` + row[j] + `"`
				case 2:
					row[j] = " " + row[j] + " "
				}
				if r.Float64() < missingRate {
					row[j] = missingCell()
				}
			}
		}
		tb.rows = append(tb.rows, row)
	}
	for _, c := range cols {
		if c != "label" && c != "note" {
			tb.features = append(tb.features, c)
		}
	}
	r.Shuffle(len(tb.features), func(i, j int) { tb.features[i], tb.features[j] = tb.features[j], tb.features[i] })
	tb.features = tb.features[:1+r.IntN(len(tb.features))]
	return tb
}

func hiddenTable(t *grader.T) {
	for range 2 {
		tb := randomTable(t.Rand(), 0.05)
		text := tb.text()
		got := load(t, t.Call, text, tb.features, tb.target)
		expectLoaded(t, got, text, tb.features, tb.target)
	}
}

// hiddenErrors breaks a random table twice: a row with an extra field, and a feature cell that
// is not a number (in a row that half the time also misses its target or another feature).
// Both rows are at random places after the first few, so that the lines of the rows before
// them that span two lines count.
func hiddenErrors(t *grader.T) {
	r := t.Rand()
	tb := randomTable(r, 0)
	at := func() int { return len(tb.rows)/4 + r.IntN(len(tb.rows)-len(tb.rows)/4) }

	i := at()
	first, last := tb.lines(i)
	ragged := tb
	ragged.rows = slices.Clone(tb.rows)
	ragged.rows[i] = append(slices.Clone(tb.rows[i]), "extra")
	expectError(t, brokenFile{text: ragged.text(), features: tb.features, target: tb.target,
		what: "a field too many", line: first, last: last, row: i + 2, noError: raggedIgnoredIf})

	i = at()
	first, last = tb.lines(i)
	// The bad cell is in the last feature asked for; the missing cell, if any, in the target or
	// the first feature, which a loop over the features meets first.
	col := slices.Index(tb.header, tb.features[len(tb.features)-1])
	what := "a feature cell that is not a number"
	also := -1
	if r.IntN(2) == 0 {
		also = slices.Index(tb.header, tb.target)
		if len(tb.features) > 1 && r.IntN(2) == 0 {
			also = slices.Index(tb.header, tb.features[0])
		}
		what += " and a missing cell"
	}
	withCell := func(cell string) string {
		bad := tb
		bad.rows = slices.Clone(tb.rows)
		bad.rows[i] = slices.Clone(tb.rows[i])
		bad.rows[i][col] = cell
		if also >= 0 {
			bad.rows[i][also] = "NA"
		}
		return bad.text()
	}
	expectError(t, brokenFile{text: withCell("x" + strings.TrimSpace(strings.Trim(tb.rows[i][col], `"`))),
		features: tb.features, target: tb.target, what: what, line: first, last: last, row: i + 2,
		noError: badCellDroppedIf(withCell("NA"), tb.features, tb.target)})
}
