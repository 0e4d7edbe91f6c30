package batch

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/mlkata/mlkata/grader/report"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

// Book is a gradebook: one row per submission, one column per exercise.
type Book struct {
	// Exercises are the columns, in course order.
	Exercises []Column `json:"exercises"`
	// Rows are the submissions, sorted by name.
	Rows []Row `json:"rows"`
}

// Column is one exercise of the gradebook.
type Column struct {
	Number   int     `json:"number"`
	Slug     string  `json:"slug"`
	Title    string  `json:"title"`
	MaxScore float64 `json:"max_score"`
}

// Row is one submission of the gradebook.
type Row struct {
	Submission string `json:"submission"`
	// Status is "passed" (every exercise passed), "failed" (some did not), "not-started"
	// (none was started), or, for a submission that could not be graded, the Result's Status
	// ("timed-out", "error").
	Status    string  `json:"status"`
	Score     float64 `json:"score"`
	MaxScore  float64 `json:"max_score"`
	Seed      uint64  `json:"seed"`
	Hash      string  `json:"hash"`
	Message   string  `json:"message,omitempty"`
	Exercises []Cell  `json:"exercises"` // in the order of Book.Exercises; Slug "" where not graded
}

// Cell is one exercise of one submission.
type Cell struct {
	Slug   string  `json:"slug,omitempty"`
	Status string  `json:"status,omitempty"`
	Score  float64 `json:"score"`
}

// Gradebook builds the gradebook of the results in dirs: each dir is a batch's Out folder
// (its results/ folder is read) or a folder of result files itself. It merges the shards of a
// batch: the same submission found twice is kept once when both results agree on its content
// hash and settings, and is an error otherwise (two shards graded different versions, or with
// different seeds). Files that are not result files (gradebooks, temporary files) are ignored.
func Gradebook(dirs ...string) (*Book, error) {
	seen := map[string]*Result{}
	from := map[string]string{}
	for _, dir := range dirs {
		if fi, err := os.Stat(filepath.Join(dir, "results")); err == nil && fi.IsDir() {
			dir = filepath.Join(dir, "results")
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("gradebook: %w", err)
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			file := filepath.Join(dir, e.Name())
			r, err := ReadResult(file)
			if err != nil {
				return nil, fmt.Errorf("gradebook: %w", err)
			}
			if old, ok := seen[r.Submission]; ok {
				if old.Hash != r.Hash || old.Settings != r.Settings {
					return nil, fmt.Errorf("gradebook: submission %q has two different results, in %s and %s (different content or settings)",
						r.Submission, from[r.Submission], file)
				}
				continue
			}
			seen[r.Submission], from[r.Submission] = r, file
		}
	}
	results := slices.Collect(maps.Values(seen))
	slices.SortFunc(results, byName)
	return newBook(results), nil
}

// newBook lays results out as a gradebook; results are sorted by name.
func newBook(results []*Result) *Book {
	b := &Book{Exercises: []Column{}, Rows: []Row{}}
	index := map[string]int{}
	for _, r := range results {
		if r.Report == nil {
			continue
		}
		for _, e := range r.Report.Exercises {
			if _, ok := index[e.Slug]; !ok {
				index[e.Slug] = len(b.Exercises)
				b.Exercises = append(b.Exercises, Column{Number: e.Number, Slug: e.Slug, Title: e.Title, MaxScore: e.MaxScore})
			}
		}
	}
	slices.SortStableFunc(b.Exercises, func(x, y Column) int {
		return cmp.Or(cmp.Compare(x.Number, y.Number), cmp.Compare(x.Slug, y.Slug))
	})
	for i, c := range b.Exercises {
		index[c.Slug] = i
	}
	for _, r := range results {
		row := Row{Submission: r.Submission, Seed: r.Seed, Hash: r.Hash, Message: firstLine(r.Message), Exercises: make([]Cell, len(b.Exercises))}
		if r.Status != Graded || r.Report == nil {
			row.Status = r.Status.String()
			b.Rows = append(b.Rows, row)
			continue
		}
		row.Score, row.MaxScore = r.Report.Score, r.Report.MaxScore
		row.Status = rowStatus(r.Report)
		for _, e := range r.Report.Exercises {
			row.Exercises[index[e.Slug]] = Cell{Slug: e.Slug, Status: e.Status.String(), Score: e.Score}
		}
		b.Rows = append(b.Rows, row)
	}
	return b
}

func rowStatus(r *report.Report) string {
	passed, notStarted := true, true
	for _, e := range r.Exercises {
		passed = passed && e.Status == report.Passed
		notStarted = notStarted && e.Status == report.NotStarted
	}
	switch {
	case passed:
		return "passed"
	case notStarted:
		return "not-started"
	}
	return "failed"
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// WriteCSV writes the gradebook as CSV: a header row "submission,status,score,max_score"
// followed by the exercise slugs, then one row per submission with the exercise scores (empty
// where an exercise was not graded), and a last column "message" for submissions that could
// not be graded.
func (b *Book) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"submission", "status", "score", "max_score"}
	for _, c := range b.Exercises {
		header = append(header, c.Slug)
	}
	header = append(header, "message")
	if err := cw.Write(header); err != nil {
		return err
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, r := range b.Rows {
		rec := []string{r.Submission, r.Status, num(r.Score), num(r.MaxScore)}
		for _, c := range r.Exercises {
			if c.Slug == "" {
				rec = append(rec, "")
			} else {
				rec = append(rec, num(c.Score))
			}
		}
		rec = append(rec, r.Message)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the gradebook as indented JSON.
func (b *Book) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// WriteFiles writes dir/gradebook.csv and dir/gradebook.json, each atomically.
func (b *Book) WriteFiles(dir string) error {
	for name, write := range map[string]func(io.Writer) error{"gradebook.csv": b.WriteCSV, "gradebook.json": b.WriteJSON} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return fmt.Errorf("gradebook: %w", err)
		}
		if err := atomicfile.Write(filepath.Join(dir, name), buf.Bytes()); err != nil {
			return fmt.Errorf("gradebook: %w", err)
		}
	}
	return nil
}

// MergeOptions configures Merge: `grade gradebook DIR...`.
type MergeOptions struct {
	// Dirs are the Out folders of the batches or shards to merge (or folders of result files).
	Dirs []string
	// Out receives gradebook.csv and gradebook.json; it is created if needed. "" writes no
	// files (the caller prints the Book).
	Out string
}

// Merge builds the gradebook of the results in opt.Dirs (see Gradebook), writes it to opt.Out,
// and reports what it merged to progress (nil: nowhere).
func Merge(opt MergeOptions, progress io.Writer) (*Book, error) {
	if progress == nil {
		progress = io.Discard
	}
	if len(opt.Dirs) == 0 {
		return nil, fmt.Errorf("gradebook: no result folders to merge")
	}
	b, err := Gradebook(opt.Dirs...)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, r := range b.Rows {
		counts[r.Status]++
	}
	var parts []string
	for _, s := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
	}
	fmt.Fprintf(progress, "gradebook: %d submissions from %d folders (%s), %d exercises\n",
		len(b.Rows), len(opt.Dirs), strings.Join(parts, ", "), len(b.Exercises))
	if opt.Out == "" {
		return b, nil
	}
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return nil, fmt.Errorf("gradebook: %w", err)
	}
	if err := b.WriteFiles(opt.Out); err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "gradebook: wrote %s and %s\n", filepath.Join(opt.Out, "gradebook.csv"), filepath.Join(opt.Out, "gradebook.json"))
	return b, nil
}
