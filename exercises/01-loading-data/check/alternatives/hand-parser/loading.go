// Package loading turns a CSV file into what a model learns from: a feature matrix X and class
// labels y. This alternative solution, written from the README alone, parses the CSV by hand
// (RFC 4180: quoted fields with commas, doubled quotes and line breaks), counting lines as it
// goes, instead of using encoding/csv; EncodeLabels numbers the classes through a map.
package loading

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// record is one CSV record and the line it begins on.
type record struct {
	fields []string
	line   int
}

// parse splits text into records. A blank line is no record, as in encoding/csv.
func parse(text string) ([]record, error) {
	var recs []record
	line := 1
	i := 0
	for i < len(text) {
		if text[i] == '\n' || strings.HasPrefix(text[i:], "\r\n") {
			i += 1 + strings.Index(text[i:], "\n")
			line++
			continue
		}
		rec := record{line: line}
		for {
			var field strings.Builder
			if i < len(text) && text[i] == '"' {
				i++
				for {
					if i >= len(text) {
						return nil, fmt.Errorf("line %d: a quoted field is not closed", rec.line)
					}
					c := text[i]
					if c == '"' {
						if i+1 < len(text) && text[i+1] == '"' {
							field.WriteByte('"')
							i += 2
							continue
						}
						i++
						break
					}
					if c == '\n' {
						line++
					}
					field.WriteByte(c)
					i++
				}
				if i < len(text) && text[i] != ',' && text[i] != '\n' && text[i] != '\r' {
					return nil, fmt.Errorf("line %d: text after a closing quote", line)
				}
			} else {
				for i < len(text) && text[i] != ',' && text[i] != '\n' && text[i] != '\r' {
					field.WriteByte(text[i])
					i++
				}
			}
			rec.fields = append(rec.fields, field.String())
			if i < len(text) && text[i] == ',' {
				i++
				continue
			}
			break
		}
		if i < len(text) && text[i] == '\r' {
			i++
		}
		if i < len(text) && text[i] == '\n' {
			i++
			line++
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

func isMissing(cell string) bool {
	cell = strings.TrimSpace(cell)
	return cell == "" || cell == "NA"
}

// Load reads CSV text with a header row into X, y and the sorted classes; see README.md.
func Load(csvText string, features []string, target string) (X *mat.Dense, y []int, classes []string, err error) {
	recs, err := parse(csvText)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(recs) == 0 {
		return nil, nil, nil, errors.New("empty file: no header")
	}
	header := recs[0].fields
	cols := make([]int, 0, len(features)+1)
	for _, name := range append(slices.Clone(features), target) {
		j := slices.Index(header, name)
		if j < 0 {
			return nil, nil, nil, fmt.Errorf("the header has no column %q", name)
		}
		cols = append(cols, j)
	}
	t := cols[len(cols)-1]

	var rows [][]float64
	var labels []string
	for _, rec := range recs[1:] {
		if len(rec.fields) != len(header) {
			return nil, nil, nil, fmt.Errorf("line %d: %d fields, the header has %d", rec.line, len(rec.fields), len(header))
		}
		row := make([]float64, len(features))
		keep := !isMissing(rec.fields[t])
		for j, c := range cols[:len(features)] {
			cell := strings.TrimSpace(rec.fields[c])
			if isMissing(cell) {
				keep = false
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("line %d: column %s: %q is not a number", rec.line, header[c], cell)
			}
			row[j] = v
		}
		if keep {
			rows = append(rows, row)
			labels = append(labels, rec.fields[t])
		}
	}
	if len(rows) == 0 {
		return nil, nil, nil, errors.New("no row is complete in the requested columns")
	}
	X = mat.NewDense(len(rows), len(features), nil)
	for i, row := range rows {
		X.SetRow(i, row)
	}
	y, classes = EncodeLabels(labels)
	return X, y, classes, nil
}

// EncodeLabels numbers the distinct labels in sorted order; see README.md.
func EncodeLabels(labels []string) (codes []int, classes []string) {
	index := map[string]int{}
	for _, l := range labels {
		index[l] = 0
	}
	classes = slices.Sorted(maps.Keys(index))
	for k, c := range classes {
		index[c] = k
	}
	codes = make([]int, len(labels))
	for i, l := range labels {
		codes[i] = index[l]
	}
	return codes, classes
}
