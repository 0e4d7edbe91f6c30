package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// BenchmarkReadCSV reads the digits fixture (1797 × 65, 0.5 MB) and synthetic numeric files of
// 10 000 and 100 000 rows × 20 columns.
func BenchmarkReadCSV(b *testing.B) {
	digits, err := os.ReadFile("../../testdata/datasets/digits.csv")
	if err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name string
		raw  []byte
	}{{"digits", digits}}
	for _, rows := range []int{10_000, 100_000} {
		inputs = append(inputs, struct {
			name string
			raw  []byte
		}{fmt.Sprintf("%dx20", rows), syntheticCSV(rows, 20)})
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.raw)))
			for b.Loop() {
				if _, err := ReadCSV(bytes.NewReader(in.raw), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func syntheticCSV(rows, cols int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	for j := range cols {
		if j > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, "x%d", j)
	}
	buf.WriteByte('\n')
	for range rows {
		for j := range cols {
			if j > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(strconv.FormatFloat(rng.NormFloat64(), 'g', -1, 64))
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func BenchmarkKFold(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := KFold(n, 5, FoldOptions{Shuffle: true, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTakeRows(b *testing.B) {
	tab, err := ReadCSV(bytes.NewReader(syntheticCSV(100_000, 50)), nil)
	if err != nil {
		b.Fatal(err)
	}
	ds, err := tab.Dataset("x0")
	if err != nil {
		b.Fatal(err)
	}
	s, err := TrainTestSplit(ds.NumSamples(), SplitOptions{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		TakeRows(ds.X, s.Train)
	}
}
