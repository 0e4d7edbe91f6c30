package platform_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testingT is what validGradescope needs of a *testing.T, so that a test can prove it fails.
type testingT interface {
	require.TestingT
	Helper()
}

// gsResults is results.json as Gradescope's autograder specification documents it
// (gradescope/autograder_samples, docs/specs.md, "Output format" and "Output String
// Formatting"), written from the documentation and not from our writer: every field the
// documentation names, so that decoding with DisallowUnknownFields rejects any other.
type gsResults struct {
	Score            *float64        `json:"score"`          // required when the tests have no scores
	ExecutionTime    *float64        `json:"execution_time"` // seconds
	Output           *string         `json:"output"`
	OutputFormat     *string         `json:"output_format"`
	TestOutputFormat *string         `json:"test_output_format"`
	TestNameFormat   *string         `json:"test_name_format"`
	Visibility       *string         `json:"visibility"`
	StdoutVisibility *string         `json:"stdout_visibility"`
	ExtraData        json.RawMessage `json:"extra_data"`
	Tests            []gsTest        `json:"tests"`
	Leaderboard      []struct {
		Name  string          `json:"name"`
		Value json.RawMessage `json:"value"`
		Order string          `json:"order"`
	} `json:"leaderboard"`
}

type gsTest struct {
	Score        *float64        `json:"score"`
	MaxScore     *float64        `json:"max_score"`
	Status       *string         `json:"status"` // "passed" or "failed"
	Name         *string         `json:"name"`
	NameFormat   *string         `json:"name_format"`
	Number       *string         `json:"number"`
	Output       *string         `json:"output"`
	OutputFormat *string         `json:"output_format"`
	Tags         []string        `json:"tags"`
	Visibility   *string         `json:"visibility"`
	ExtraData    json.RawMessage `json:"extra_data"`
}

var (
	gsVisibilities = []string{"hidden", "after_due_date", "after_published", "visible"}
	gsFormats      = []string{"text", "html", "simple_format", "md", "ansi"}
)

// validGradescope decodes the results.json at file strictly and checks it against the
// documentation: a score (top level, or on every test), known visibilities, formats and
// statuses, and a top-level score equal to the sum of the tests' scores when both are given
// (our writer's scores are the sum of its checks).
func validGradescope(t testingT, file string) gsResults {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r gsResults
	require.NoError(t, dec.Decode(&r), "results.json:\n%s", data)
	assert.False(t, dec.More(), "one JSON value")
	if r.Score == nil {
		require.NotEmpty(t, r.Tests, "without a top-level score every test needs one")
	}
	for _, v := range []*string{r.Visibility, r.StdoutVisibility} {
		if v != nil {
			assert.Contains(t, gsVisibilities, *v)
		}
	}
	for _, f := range []*string{r.OutputFormat, r.TestOutputFormat, r.TestNameFormat} {
		if f != nil {
			assert.Contains(t, gsFormats, *f)
		}
	}
	sum := 0.0
	for _, tc := range r.Tests {
		if r.Score == nil {
			require.NotNil(t, tc.Score)
		}
		if tc.Score != nil {
			sum += *tc.Score
			if tc.MaxScore != nil {
				assert.LessOrEqual(t, *tc.Score, *tc.MaxScore)
			}
		}
		if tc.Status != nil {
			assert.Contains(t, []string{"passed", "failed"}, *tc.Status)
		}
		if tc.Visibility != nil {
			assert.Contains(t, gsVisibilities, *tc.Visibility)
		}
		if tc.OutputFormat != nil {
			assert.Contains(t, gsFormats, *tc.OutputFormat)
		}
	}
	if r.Score != nil && len(r.Tests) > 0 {
		assert.InDelta(t, *r.Score, sum, 1e-9*math.Max(1, sum), "the score is the sum of the tests' scores")
	}
	numbers := map[string]bool{}
	for _, tc := range r.Tests {
		if tc.Number != nil {
			assert.False(t, numbers[*tc.Number], "test number %s is unique", *tc.Number)
			numbers[*tc.Number] = true
		}
	}
	return r
}

// scoreOf returns the score of r and its maximum: the sum of the tests' max_score.
func scoreOf(r gsResults) (score, max float64) {
	for _, tc := range r.Tests {
		if tc.MaxScore != nil {
			max += *tc.MaxScore
		}
	}
	if r.Score != nil {
		score = *r.Score
	}
	return score, max
}

// statuses counts the tests of r by status.
func statuses(r gsResults) map[string]int {
	n := map[string]int{}
	for _, tc := range r.Tests {
		if tc.Status != nil {
			n[*tc.Status]++
		}
	}
	return n
}

// recorder is a testingT that records failures; FailNow ends the goroutine, as in a test.
type recorder struct{ failed bool }

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) FailNow()              { r.failed = true; runtime.Goexit() }
func (r *recorder) Helper()               {}

// TestValidGradescope proves that the validator rejects what Gradescope does not document.
func TestValidGradescope(t *testing.T) {
	tests := []struct {
		name, json string
		ok         bool
	}{
		{"documented fields", `{"score": 3, "execution_time": 2, "output": "hi", "output_format": "text", "visibility": "visible",
			"stdout_visibility": "hidden", "tests": [{"score": 1, "max_score": 1, "status": "passed", "name": "a", "number": "1.1",
			"output": "", "tags": ["x"], "visibility": "after_published"}, {"score": 2, "max_score": 2, "name": "b"}],
			"leaderboard": [{"name": "Accuracy", "value": 0.9, "order": "desc"}]}`, true},
		{"failure results", `{"score": 0, "output": "nothing graded", "output_format": "text", "stdout_visibility": "hidden", "tests": []}`, true},
		{"unknown top-level key", `{"score": 1, "max_score": 1}`, false},
		{"unknown test key", `{"score": 1, "tests": [{"score": 1, "points": 1}]}`, false},
		{"score is not the sum", `{"score": 5, "tests": [{"score": 1, "max_score": 1}]}`, false},
		{"unknown status", `{"score": 1, "tests": [{"score": 1, "status": "ok"}]}`, false},
		{"unknown visibility", `{"score": 1, "visibility": "secret"}`, false},
		{"a score as a string", `{"score": "1"}`, false},
		{"no score anywhere", `{"output": "hi"}`, false},
		{"two JSON values", `{"score": 1} {"score": 2}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "results.json")
			require.NoError(t, os.WriteFile(file, []byte(tt.json), 0o644))
			rec := &recorder{}
			done := make(chan struct{})
			go func() {
				defer close(done)
				validGradescope(rec, file)
			}()
			<-done
			assert.Equal(t, !tt.ok, rec.failed)
		})
	}
}
