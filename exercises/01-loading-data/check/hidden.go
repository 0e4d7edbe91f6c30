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

// table is a random CSV file: a text target, numeric features and an unused text column, in a
// shuffled order, with missing cells ("", "NA", " NA ") scattered over them.
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

var hiddenWords = []string{"amber", "basalt", "cobalt", "dune", "ember", "fjord", "glacier", "heron"}

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
				row[j] = strconv.Quote(fmt.Sprintf("n%d, ok", r.IntN(100)))
				if r.Float64() < 4*missingRate {
					row[j] = missingCell()
				}
			default:
				row[j] = strconv.FormatFloat(float64(1+r.IntN(99999))/100*float64(1-2*r.IntN(2)), 'g', -1, 64)
				if r.IntN(5) == 0 {
					row[j] = `"` + row[j] + `"`
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

func hiddenErrors(t *grader.T) {
	r := t.Rand()
	tb := randomTable(r, 0)
	text := tb.text()
	want := mustReference(t, text, tb.features, tb.target)

	i := r.IntN(len(tb.rows)) // data row i is on line i+2
	ragged := tb
	ragged.rows = slices.Clone(tb.rows)
	ragged.rows[i] = append(slices.Clone(tb.rows[i]), "extra")
	expectError(t, ragged.text(), tb.features, tb.target, "an extra field", func(loaded) {
		t.Mistake(true, raggedIgnored, hintRaggedIgnored)
	})

	i = r.IntN(len(tb.rows))
	col := slices.Index(tb.header, tb.features[0])
	bad := tb
	bad.rows = slices.Clone(tb.rows)
	bad.rows[i] = slices.Clone(tb.rows[i])
	bad.rows[i][col] = "x" + strings.Trim(bad.rows[i][col], `"`)
	expectError(t, bad.text(), tb.features, tb.target, "a cell that is not a number", func(l loaded) {
		t.Mistake(l.rows() == want.NumSamples()-1, badCellDrop, hintBadCellDrop)
	})
}
