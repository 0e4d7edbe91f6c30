// Package loading turns a CSV file into what a model learns from: a feature matrix X and class
// labels y. This alternative solution, written from the README alone, reads every record first
// (checking the field counts itself, with the line of each record from FieldPos), then fills X
// column by column, and drops the incomplete rows at the end.
package loading

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Load reads CSV text with a header row into X, y and the sorted classes; see README.md.
func Load(csvText string, features []string, target string) (X *mat.Dense, y []int, classes []string, err error) {
	r := csv.NewReader(strings.NewReader(csvText))
	r.FieldsPerRecord = -1 // the field counts are checked below
	var records [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, nil, err
		}
		line, _ := r.FieldPos(0)
		if len(records) > 0 && len(rec) != len(records[0]) {
			return nil, nil, nil, fmt.Errorf("line %d: the row has %d fields and the header %d", line, len(rec), len(records[0]))
		}
		records, lines = append(records, rec), append(lines, line)
	}
	if len(records) == 0 {
		return nil, nil, nil, errors.New("no header")
	}
	header, rows, lines := records[0], records[1:], lines[1:]

	t := slices.Index(header, target)
	if t < 0 {
		return nil, nil, nil, fmt.Errorf("unknown target column %q", target)
	}
	keep := make([]bool, len(rows))
	for i, row := range rows {
		keep[i] = strings.TrimSpace(row[t]) != "" && strings.TrimSpace(row[t]) != "NA"
	}
	// One column at a time: parse every cell that is present, and mark the rows it empties.
	values := make([][]float64, len(features))
	for j, name := range features {
		c := slices.Index(header, name)
		if c < 0 {
			return nil, nil, nil, fmt.Errorf("unknown feature column %q", name)
		}
		values[j] = make([]float64, len(rows))
		for i, row := range rows {
			cell := strings.TrimSpace(row[c])
			if cell == "" || cell == "NA" {
				keep[i] = false
				continue
			}
			if values[j][i], err = strconv.ParseFloat(cell, 64); err != nil {
				return nil, nil, nil, fmt.Errorf("line %d, %s: not a number: %q", lines[i], name, row[c])
			}
		}
	}
	var kept []int
	for i := range rows {
		if keep[i] {
			kept = append(kept, i)
		}
	}
	if len(kept) == 0 {
		return nil, nil, nil, errors.New("every row misses a requested value")
	}
	X = mat.NewDense(len(kept), len(features), nil)
	labels := make([]string, len(kept))
	for k, i := range kept {
		for j := range features {
			X.Set(k, j, values[j][i])
		}
		labels[k] = rows[i][t]
	}
	y, classes = EncodeLabels(labels)
	return X, y, classes, nil
}

// EncodeLabels numbers the distinct labels in sorted order; see README.md.
func EncodeLabels(labels []string) (codes []int, classes []string) {
	seen := map[string]bool{}
	for _, l := range labels {
		if !seen[l] {
			seen[l] = true
			classes = append(classes, l)
		}
	}
	sort.Strings(classes)
	codes = make([]int, len(labels))
	for i, l := range labels {
		codes[i] = sort.SearchStrings(classes, l)
	}
	return codes, classes
}
