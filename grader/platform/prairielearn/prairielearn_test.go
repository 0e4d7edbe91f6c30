package prairielearn_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/platform/prairielearn"
	"github.com/mlkata/mlkata/grader/release"
)

func TestMain(m *testing.M) {
	grader.Main()
	os.Exit(m.Run())
}

// Results is results.json as PrairieLearn's docs/externalGrading.md ("Grading results")
// describes it, written from the docs and not from our writer: decoded with
// DisallowUnknownFields, a field the docs do not name fails the test.
type Results struct {
	Gradable *bool    `json:"gradable"` // absent means true
	Score    *float64 `json:"score"`    // required when gradable, in [0, 1]
	Message  string   `json:"message"`
	Output   string   `json:"output"`
	// FormatErrors is "either a string or an array of strings".
	FormatErrors json.RawMessage `json:"format_errors"`
	Images       []Image         `json:"images"`
	Tests        []Test          `json:"tests"`
}

// Image is an element of images: an object (or, for older graders, a bare URL string, which
// this grader does not write).
type Image struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// Test is one element of tests, as pl-external-grader-results renders it.
type Test struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Points      *float64 `json:"points"`
	MaxPoints   *float64 `json:"max_points"`
	Message     string   `json:"message"`
	Output      string   `json:"output"`
	Images      []Image  `json:"images"`
}

// formatErrors returns format_errors as a list, whichever of its two documented forms it has.
func (r Results) formatErrors(t *testing.T) []string {
	t.Helper()
	if len(r.FormatErrors) == 0 {
		return nil
	}
	var list []string
	if err := json.Unmarshal(r.FormatErrors, &list); err == nil {
		return list
	}
	var one string
	require.NoError(t, json.Unmarshal(r.FormatErrors, &one), "format_errors is a string or an array of strings")
	return []string{one}
}

// readResults decodes root/results/results.json strictly and checks PrairieLearn's rules.
func readResults(t *testing.T, root string) Results {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "results", "results.json"))
	require.NoError(t, err, "results.json is always written")
	require.LessOrEqual(t, len(b), prairielearn.ResultsLimit, "PrairieLearn rejects a results.json over 1 MB")
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r Results
	require.NoError(t, dec.Decode(&r), "results.json has only the documented fields:\n%s", b)
	if r.Gradable == nil || *r.Gradable {
		require.NotNil(t, r.Score, "a gradable result has a score")
		assert.GreaterOrEqual(t, *r.Score, 0.0)
		assert.LessOrEqual(t, *r.Score, 1.0)
		var got, max float64
		for _, tc := range r.Tests {
			require.NotNil(t, tc.Points, tc.Name)
			require.NotNil(t, tc.MaxPoints, tc.Name)
			assert.GreaterOrEqual(t, *tc.Points, 0.0, tc.Name)
			assert.LessOrEqual(t, *tc.Points, *tc.MaxPoints, tc.Name)
			assert.NotEmpty(t, tc.Name)
			got += *tc.Points
			max += *tc.MaxPoints
		}
		if max > 0 {
			assert.InDelta(t, got/max, *r.Score, 1e-9, "score is the tests' points over their maximum")
		}
	} else {
		assert.NotEmpty(t, r.Message, "an ungradable result says why")
		assert.NotEmpty(t, r.formatErrors(t), "an ungradable result lists its format errors")
	}
	for _, im := range r.Images {
		assert.True(t, strings.HasPrefix(im.URL, "data:image/png;base64,"), im.Label)
	}
	return r
}

var template = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mlkata-pl-template-")
	if err != nil {
		return "", err
	}
	src, err := filepath.Abs("../../..")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "template")
	_, err = release.Write(context.Background(), release.Options{Source: src, Out: out, Exercises: exercises.All()}, nil)
	return out, err
})

const ex02 = "exercises/02-regression-metrics"

// job makes a PrairieLearn job folder with data.json (nil: none) and the student's files.
func job(t *testing.T, data any, files map[string]string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "mlkata-pl-job-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	root := filepath.Join(dir, "grade")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "student"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "data"), 0o755))
	if data != nil {
		b, err := json.Marshal(data)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(root, "data", "data.json"), b, 0o644))
	}
	for name, content := range files {
		p := filepath.Join(root, "student", filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return root
}

// run grades the job at root and returns the outcome, results.json decoded and the log.
func run(t *testing.T, root string, env map[string]string) (*prairielearn.Outcome, Results, string, string) {
	t.Helper()
	tmpl, err := template()
	require.NoError(t, err)
	work := filepath.Join(filepath.Dir(root), "ws")
	var log bytes.Buffer
	out, err := prairielearn.Run(context.Background(), prairielearn.Options{
		Root: root, Template: tmpl, Work: work, Exercises: exercises.All(),
		NoTimings: true, Getenv: func(k string) string { return env[k] }, Log: &log,
	})
	require.NoError(t, err)
	return out, readResults(t, root), log.String(), work
}

// read returns the file's content.
func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../..", path))
	require.NoError(t, err)
	return string(b)
}

func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("grades exercise 02 several times")
	}
	solution := map[string]string{"metrics.go": read(t, ex02+"/solution/metrics.go")}
	wrong := map[string]string{"metrics.go": read(t, ex02+"/check/mistakes/sum-not-mean/metrics.go")}
	params := func(p map[string]any) map[string]any { return map[string]any{"params": p, "variant_seed": 1234} }

	t.Run("the reference solution gets full marks", func(t *testing.T) {
		out, r, log, _ := run(t, job(t, params(map[string]any{"exercise": 2, "seed": 7}), solution), nil)
		require.Nil(t, out.Problem, log)
		assert.True(t, out.Gradable)
		assert.Equal(t, 1.0, *r.Score, log)
		assert.Equal(t, uint64(7), out.Seed, "params.seed wins over variant_seed")
		assert.Equal(t, []string{"regression-metrics"}, out.Exercises)
		assert.Contains(t, r.Output, "seed 7")
		require.NotEmpty(t, r.Tests)
		hidden := 0
		for _, tc := range r.Tests {
			assert.Contains(t, tc.Description, "02-regression-metrics", "only exercise 02 is graded")
			if strings.HasSuffix(tc.Name, "(hidden)") {
				hidden++
			}
		}
		if hiddenBuild {
			assert.NotZero(t, hidden, "the hidden checks run in a -tags hidden build")
		} else {
			assert.Zero(t, hidden, "a build without -tags hidden has no hidden checks")
		}
	})

	t.Run("a mistake loses points and is named", func(t *testing.T) {
		out, r, log, _ := run(t, job(t, params(map[string]any{"exercise": "regression-metrics"}), wrong), nil)
		require.Nil(t, out.Problem, log)
		assert.True(t, out.Gradable)
		assert.Less(t, *r.Score, 1.0)
		assert.Greater(t, *r.Score, 0.0, "the functions without the mistake still earn points")
		assert.Equal(t, uint64(1234), out.Seed, "without params.seed, the variant's seed")
		failed, hiddenFailed := "", 0
		for _, tc := range r.Tests {
			if *tc.Points < *tc.MaxPoints {
				failed += tc.Message + "\n"
			}
			if strings.HasSuffix(tc.Name, "(hidden)") && *tc.Points < *tc.MaxPoints {
				hiddenFailed++
				assert.Contains(t, tc.Message, "a hidden check: its inputs, what your code gave and what was expected are not shown", "a hidden check's details are kept back")
				assert.NotContains(t, tc.Message, "got:", tc.Name)
				assert.NotContains(t, tc.Message, "want:", tc.Name)
				assert.Empty(t, tc.Output, tc.Name)
			}
		}
		assert.Contains(t, failed, "sum-not-mean")
		if hiddenBuild {
			assert.NotZero(t, hiddenFailed, "the mistake fails hidden checks too")
		}
	})

	t.Run("no file is not gradable and says what to submit", func(t *testing.T) {
		out, r, _, _ := run(t, job(t, params(map[string]any{"exercise": "02-regression-metrics"}), map[string]string{"notes.txt": "hi"}), nil)
		assert.Nil(t, out.Problem)
		assert.False(t, *r.Gradable)
		assert.Contains(t, r.Message, "No Go file was submitted")
		assert.Contains(t, r.Message, "exercises/02-regression-metrics (package ")
		assert.Empty(t, out.Exercises)
	})

	t.Run("a compile error is not gradable and shows the compiler's message", func(t *testing.T) {
		broken := strings.Replace(solution["metrics.go"], "func MSE(", "func MSE(((", 1)
		out, r, log, _ := run(t, job(t, params(map[string]any{"exercise": "2"}), map[string]string{"metrics.go": broken}), nil)
		require.Nil(t, out.Problem, log)
		assert.False(t, *r.Gradable, "PrairieLearn's own example of a submission that is not gradable")
		assert.Contains(t, r.Message, "does not compile")
		assert.Contains(t, strings.Join(r.formatErrors(t), "\n"), "metrics.go:")
	})

	t.Run("without params the files' package picks the exercise and the seed is fixed", func(t *testing.T) {
		files := map[string]string{"metrics.go": solution["metrics.go"], "notes.go": "package main\n"}
		out, r, log, _ := run(t, job(t, map[string]any{}, files), nil)
		require.Nil(t, out.Problem, log)
		assert.Equal(t, []string{"regression-metrics"}, out.Exercises)
		assert.Contains(t, log, `ignored student/notes.go: its package "main" is none of the graded exercises'`)
		assert.Equal(t, uint64(grader.DefaultSeed), out.Seed)
		assert.Equal(t, 1.0, *r.Score)
	})

	t.Run("$MLKATA_SEED when data.json has no seed", func(t *testing.T) {
		out, _, log, _ := run(t, job(t, map[string]any{"params": map[string]any{"exercise": 2}}, solution), map[string]string{"MLKATA_SEED": "99"})
		require.Nil(t, out.Problem, log)
		assert.Equal(t, uint64(99), out.Seed)
	})

	t.Run("only top-level Go files are copied, never over the grader's files", func(t *testing.T) {
		files := map[string]string{
			"metrics.go":                 solution["metrics.go"],
			"metrics_test.go":            "package regmetrics\n\nthis does not compile\n",
			"go.mod":                     "module evil\n",
			"check/check.go":             "package check\n\nthis does not compile\n",
			"../../../cmd/grade/main.go": "package main\n",
		}
		out, r, log, work := run(t, job(t, params(map[string]any{"exercise": 2}), files), nil)
		require.Nil(t, out.Problem, log)
		assert.Equal(t, 1.0, *r.Score, "the ignored files changed nothing")
		tmpl, _ := template()
		for _, f := range []string{"go.mod", ex02 + "/check/check.go", "cmd/grade/main.go"} {
			want, err := os.ReadFile(filepath.Join(tmpl, f))
			require.NoError(t, err)
			got, err := os.ReadFile(filepath.Join(work, f))
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got), f)
		}
		assert.NoFileExists(t, filepath.Join(work, ex02, "metrics_test.go"))
		assert.Contains(t, log, "ignored student/go.mod")
		assert.Contains(t, log, "ignored student/check/")
	})
}

func TestRunUngradable(t *testing.T) {
	tests := []struct {
		name    string
		data    any
		files   map[string]string
		problem bool // the grader's side, not the student's
		want    string
	}{
		{"no data.json", nil, map[string]string{"metrics.go": "package regmetrics\n"}, true, "read data.json"},
		{"data.json is not JSON", "{", nil, true, "data.json"},
		{"unknown exercise", map[string]any{"params": map[string]any{"exercise": "nope"}}, map[string]string{"metrics.go": "package x\n"}, true, `no exercise "nope"`},
		{"exercise out of range", map[string]any{"params": map[string]any{"exercise": 99}}, map[string]string{"metrics.go": "package x\n"}, true, `no exercise "99"`},
		{"bad seed", map[string]any{"params": map[string]any{"exercise": 2, "seed": -3}}, nil, true, "params.seed: want a positive whole number"},
		{"empty exercise list", map[string]any{"params": map[string]any{"exercise": []any{}}}, nil, true, "name at least one exercise"},
		{"no files and no params", map[string]any{}, nil, false, "No Go file was submitted"},
		{"files of no exercise", map[string]any{}, map[string]string{"main.go": "package main\n", "junk.go": "not go"}, false, "None of your files belongs to an exercise: junk.go (no package clause), main.go (package main)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			root := job(t, nil, tt.files)
			if s, ok := data.(string); ok {
				require.NoError(t, os.WriteFile(filepath.Join(root, "data", "data.json"), []byte(s), 0o644))
			} else if data != nil {
				b, err := json.Marshal(data)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(root, "data", "data.json"), b, 0o644))
			}
			out, r, _, _ := run(t, root, nil)
			assert.False(t, out.Gradable)
			assert.False(t, *r.Gradable)
			assert.Equal(t, tt.problem, out.Problem != nil)
			assert.Contains(t, r.Message, tt.want)
			if tt.problem {
				assert.Contains(t, r.Message, "tell your instructor")
			}
			assert.Contains(t, r.Message, "not counted")
		})
	}
}

func TestRefuse(t *testing.T) {
	root := filepath.Join(t.TempDir(), "grade")
	out, err := prairielearn.Refuse(root, "built without the hidden checks")
	require.NoError(t, err)
	r := readResults(t, root)
	assert.False(t, *r.Gradable)
	assert.NotNil(t, out.Problem)
	assert.Contains(t, r.Message, "built without the hidden checks")
}

// TestRunPanic: a panic in the grader (here a nil exercise in the course) still ends in a
// results.json that says the grader failed.
func TestRunPanic(t *testing.T) {
	root := job(t, map[string]any{}, map[string]string{"metrics.go": "package regmetrics\n"})
	tmpl, err := template()
	require.NoError(t, err)
	var log bytes.Buffer
	out, err := prairielearn.Run(context.Background(), prairielearn.Options{
		Root: root, Template: tmpl, Work: filepath.Join(filepath.Dir(root), "ws"),
		Exercises: []*grader.Exercise{nil}, Log: &log,
	})
	require.NoError(t, err)
	require.NotNil(t, out.Problem)
	r := readResults(t, root)
	assert.False(t, *r.Gradable)
	assert.Contains(t, r.Message, "internal error")
	assert.Contains(t, r.Message, "tell your instructor")
	assert.Contains(t, log.String(), "panic:")
}

// TestRunTimeLimit: grading that outlasts Options.TimeLimit ends in a results.json that says
// so (here the limit is far shorter than any build).
func TestRunTimeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts grading exercise 02")
	}
	root := job(t, map[string]any{"params": map[string]any{"exercise": 2}}, map[string]string{"metrics.go": read(t, ex02+"/solution/metrics.go")})
	tmpl, err := template()
	require.NoError(t, err)
	out, err := prairielearn.Run(context.Background(), prairielearn.Options{
		Root: root, Template: tmpl, Work: filepath.Join(filepath.Dir(root), "ws"),
		Exercises: exercises.All(), TimeLimit: time.Millisecond,
	})
	require.NoError(t, err)
	assert.Nil(t, out.Problem, "running out of time is not the grader's failure")
	r := readResults(t, root)
	assert.False(t, *r.Gradable)
	assert.Contains(t, r.Message, "Grading took longer than its time limit (1ms)")
}

// TestRunRefusesForeignWork: a --work folder that Run did not make is never removed.
func TestRunRefusesForeignWork(t *testing.T) {
	root := job(t, map[string]any{"params": map[string]any{"exercise": 2}}, map[string]string{"metrics.go": "package regmetrics\n"})
	tmpl, err := template()
	require.NoError(t, err)
	work := filepath.Join(filepath.Dir(root), "mine")
	require.NoError(t, os.MkdirAll(work, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(work, "precious.txt"), []byte("keep me"), 0o644))
	out, err := prairielearn.Run(context.Background(), prairielearn.Options{Root: root, Template: tmpl, Work: work, Exercises: exercises.All()})
	require.NoError(t, err)
	require.NotNil(t, out.Problem)
	assert.Contains(t, out.Problem.Error(), "already exists and was not made by grade prairielearn")
	assert.FileExists(t, filepath.Join(work, "precious.txt"))
	assert.False(t, *readResults(t, root).Gradable)
}
