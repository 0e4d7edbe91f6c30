package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sample is a report with one exercise of every status, the shapes the writers must handle.
func sample() *Report {
	r := &Report{
		Version: Version, Tool: "mlkata 0.1.0", Seed: 42, Sandbox: "landlock+netns+rlimits",
		Score: 6.5, MaxScore: 15, DurationMS: 812,
		Exercises: []Exercise{
			{Number: 1, Slug: "regression-metrics", Title: "Regression metrics: MSE, RMSE, MAE, R²",
				Dir: "exercises/01-regression-metrics", Status: Passed, Score: 4, MaxScore: 4, DurationMS: 120,
				Checks: []Check{
					{Name: "MSE of a small hand-computed example", Status: Passed, Points: 2, MaxPoints: 2, Message: "MSE = 0.375 (rel. tol 1e-12)", DurationMS: 3},
					{Name: "R² on hidden data", Status: Passed, Points: 2, MaxPoints: 2, Visibility: Hidden, DurationMS: 4},
				},
				Plots: []Plot{{Title: "Residuals", PNG: ".grade/regression-metrics/residuals.png", SVG: ".grade/regression-metrics/residuals.svg"}},
			},
			{Number: 2, Slug: "classification-metrics", Title: "Classification metrics",
				Dir: "exercises/02-classification-metrics", Status: Failed, Score: 2.5, MaxScore: 5, DurationMS: 300,
				Checks: []Check{
					{Name: "Accuracy", Status: Passed, Points: 2.5, MaxPoints: 2.5},
					{Name: "Precision on imbalanced labels", Status: Failed, Points: 0, MaxPoints: 1.5,
						Message: "Precision(yTrue, yPred) = 0.25, want 0.5 (rel. tol 1e-12, missed by 0.25)",
						Got:     "0.25", Expected: "0.5",
						Mistake: &Mistake{ID: "precision-recall-swapped", Hint: "You divided by TP+FN: that is recall.\nPrecision divides by TP+FP, the predicted positives."},
						Output:  strings.Repeat("debug line\n", 15)},
					{Name: "F1 when nothing is predicted positive", Status: Error, Points: 0, MaxPoints: 1,
						Message: "your code panicked: runtime error: integer divide by zero", Location: "exercises/02-classification-metrics/metrics.go:41"},
				},
			},
			{Number: 3, Slug: "train-test-split", Title: "Train/test split",
				Dir: "exercises/03-train-test-split", Status: BuildError, MaxScore: 3,
				Message:     "exercises/03-train-test-split does not compile, so its checks did not run.",
				Diagnostics: []Diagnostic{{File: "exercises/03-train-test-split/split.go", Line: 12, Column: 5, Message: "undefined: rng"}},
				Checks:      []Check{{Name: "Split sizes", Status: BuildError, MaxPoints: 3}},
			},
			{Number: 4, Slug: "standardize", Title: "Standardise features",
				Dir: "exercises/04-standardize", Status: NotStarted, MaxScore: 3,
				Checks: []Check{{Name: "Mean and scale", Status: NotStarted, MaxPoints: 3, Message: "not started: Fit still says \"not implemented\""}},
			},
		},
	}
	for i := range r.Exercises {
		r.Exercises[i].Mistakes = Summarize(r.Exercises[i].Checks)
	}
	return r
}

// sameMistakeTwice is sample() with a second check naming the first one's mistake.
func sameMistakeTwice() *Report {
	r := sample()
	e := &r.Exercises[1]
	e.Checks = slices.Insert(e.Checks, 2, Check{Name: "Recall on imbalanced labels", Status: Failed, MaxPoints: 1,
		Message: "Recall(yTrue, yPred) = 0.5, want 0.25 (rel. tol 1e-12, missed by 0.25)", Got: "0.5", Expected: "0.25",
		Mistake: e.Checks[1].Mistake})
	e.MaxScore++
	r.MaxScore++
	e.Mistakes = Summarize(e.Checks)
	return r
}

// TestMistakeShownOnce: a mistake named by two checks is explained (its hint) once per
// exercise in every human-readable format; the second check refers to the first.
func TestMistakeShownOnce(t *testing.T) {
	r := sameMistakeTwice()
	hint := "Precision divides by TP+FP"
	for _, name := range FormatNames() {
		w, err := Lookup(name)
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, w(&b, r, Options{Text: TextOptions{Detail: true}}), name)
		out := b.String()
		if name == "json" {
			assert.Equal(t, 3, strings.Count(out, hint), "json: the hint in the summary and in both checks' records")
			continue
		}
		if name == "html" {
			hint = "Precision divides by TP&#43;FP"
		}
		assert.Equal(t, 1, strings.Count(out, hint), "%s: the hint once\n%s", name, out)
		assert.Contains(t, out, "precision-recall-swapped", name)
		hint = "Precision divides by TP+FP"
	}
	var b bytes.Buffer
	require.NoError(t, WriteText(&b, r, TextOptions{Detail: true}))
	assert.Contains(t, b.String(), "mistake: precision-recall-swapped (2 checks show it)")
	assert.Contains(t, b.String(), "✗ Recall on imbalanced labels  0/1  [precision-recall-swapped]\n   ! F1",
		"the second check gets one line")
	b.Reset()
	require.NoError(t, WriteText(&b, r, TextOptions{Detail: true, AllDetails: true}))
	assert.Contains(t, b.String(), "Recall(yTrue, yPred) = 0.5", "AllDetails shows every check's message")
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run `go test ./grader/report -update` to create it")
	assert.Equal(t, string(want), string(got))
}

func TestWriteText(t *testing.T) {
	tests := []struct {
		golden string
		opt    TextOptions
	}{
		{"summary.txt", TextOptions{}},
		{"summary-timings.txt", TextOptions{Timings: true}},
		{"detail.txt", TextOptions{Detail: true}},
		{"detail-color.txt", TextOptions{Detail: true, Color: true}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteText(&buf, sample(), tt.opt))
			if !tt.opt.Color {
				assert.NotContains(t, buf.String(), "\x1b[", "no escapes without colour")
			}
			golden(t, tt.golden, buf.Bytes())
		})
	}
}

// TestWriteTextCached: with timings, an exercise whose result came from the result cache says
// so, in the course table and in its detail; without timings nothing shows it.
func TestWriteTextCached(t *testing.T) {
	r := sample()
	r.Exercises[0].Cached = true
	for _, tt := range []struct {
		opt  TextOptions
		want int
	}{
		{TextOptions{Timings: true}, 1},
		{TextOptions{Timings: true, Detail: true}, 1},
		{TextOptions{}, 0},
		{TextOptions{Detail: true}, 0},
	} {
		var buf bytes.Buffer
		require.NoError(t, WriteText(&buf, r, tt.opt))
		assert.Equal(t, tt.want, strings.Count(buf.String(), "(cached)"), "%+v:\n%s", tt.opt, buf.String())
	}
}

func TestWriteTextAllPassed(t *testing.T) {
	r := sample()
	r.Exercises = r.Exercises[:1]
	var buf bytes.Buffer
	require.NoError(t, WriteText(&buf, r, TextOptions{}))
	assert.Contains(t, buf.String(), fmt.Sprintf("exercise %d passes: well done", r.Exercises[0].Number),
		"one exercise graded: its verdict, not the course's")
	assert.NotContains(t, buf.String(), "next:")

	r.Exercises = append(r.Exercises, r.Exercises[0])
	r.Exercises[1].Number++
	buf.Reset()
	require.NoError(t, WriteText(&buf, r, TextOptions{}))
	assert.Contains(t, buf.String(), "every exercise passes: well done")
}

func TestNext(t *testing.T) {
	r := sample()
	e, left := Next(r)
	require.NotNil(t, e)
	assert.Equal(t, "classification-metrics", e.Slug)
	assert.Equal(t, 2, left)

	r.Exercises = r.Exercises[:1]
	e, left = Next(r)
	assert.Nil(t, e)
	assert.Zero(t, left)
}

func TestJSONRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, sample()))
	golden(t, "sample.json", buf.Bytes())

	back, err := ReadJSON(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, sample(), back)
}

func TestReadJSONErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not JSON", "{", "unexpected EOF"},
		{"other version", `{"version": 2}`, "version 2"},
		{"unknown field", `{"version": 1, "scroe": 3}`, `unknown field "scroe"`},
		{"unknown status", `{"version": 1, "exercises": [{"status": "great"}]}`, `unknown status "great"`},
		{"unknown visibility", `{"version": 1, "exercises": [{"checks": [{"visibility": "secret"}]}]}`, `unknown visibility "secret"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestStripTimings(t *testing.T) {
	r := sample()
	r.StripTimings()
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, r))
	assert.NotContains(t, buf.String(), "duration_ms")
}

func TestStatusText(t *testing.T) {
	for s := Passed; s <= NotStarted; s++ {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back Status
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
		assert.Equal(t, string(b), s.String())
	}
	assert.Equal(t, "Status(9)", Status(9).String())
	_, err := Status(9).MarshalText()
	assert.Error(t, err)
}

func TestColorFor(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, ColorFor(f), "a regular file is not a terminal")
	t.Setenv("NO_COLOR", "1")
	assert.False(t, ColorFor(os.Stdout))
}

// TestHideHiddenDetails: a hidden check keeps its name, points, status, mistake and location;
// its message, values and output go, and so do the plots hidden checks drew. Visible checks
// and not-started ones are left alone.
func TestHideHiddenDetails(t *testing.T) {
	r := sample()
	e := &r.Exercises[1]
	e.Checks[1].Visibility = Hidden // failed, with a mistake, got/want and output
	e.Checks[2].Visibility = Hidden // errored, with a location
	r.Exercises[0].Checks[1].Message = "R² = 0.91 on 37 rows"
	r.Exercises[0].Plots = append(r.Exercises[0].Plots, Plot{Title: "Hidden fit", PNG: "h.png", SVG: "h.svg", Hidden: true})
	r.Exercises[3].Checks[0].Visibility = Hidden
	before := sample()

	r.HideHiddenDetails()
	c := e.Checks[1]
	assert.Equal(t, HiddenNote, c.Message)
	assert.Empty(t, c.Got+c.Expected+c.Output)
	assert.Equal(t, before.Exercises[1].Checks[1].Mistake, c.Mistake)
	assert.Equal(t, before.Exercises[1].Checks[1].Name, c.Name)
	assert.Equal(t, Failed, c.Status)
	assert.Equal(t, HiddenErrorNote, e.Checks[2].Message)
	assert.Equal(t, "exercises/02-classification-metrics/metrics.go:41", e.Checks[2].Location)
	assert.Empty(t, r.Exercises[0].Checks[1].Message, "a passed hidden check's notes go too")
	assert.Equal(t, before.Exercises[0].Plots, r.Exercises[0].Plots, "the hidden plot goes, the visible one stays")
	assert.Equal(t, before.Exercises[0].Checks[0], r.Exercises[0].Checks[0], "visible checks are unchanged")
	assert.Equal(t, before.Exercises[3].Checks[0].Message, r.Exercises[3].Checks[0].Message, "not started says nothing hidden")
}
