package prairielearn

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/report"
)

// TestResultsLimit: a report whose checks printed a lot still makes a results.json under
// PrairieLearn's 1 MB, by leaving out the output and saying so.
func TestResultsLimit(t *testing.T) {
	big := strings.Repeat("printed ", 40<<10) // 320 kB a check
	r := &report.Report{Tool: "mlkata test", Seed: 3, Score: 1, MaxScore: 4, Exercises: []report.Exercise{{
		Number: 2, Slug: "ex", Title: "Ex", Dir: "exercises/02-ex", Status: report.Failed, Score: 1, MaxScore: 4,
	}}}
	for i := range 4 {
		c := report.Check{Name: "check " + string(rune('a'+i)), Status: report.Failed, MaxPoints: 1, Output: big, Message: "short"}
		if i == 0 {
			c.Status, c.Points = report.Passed, 1
		}
		r.Exercises[0].Checks = append(r.Exercises[0].Checks, c)
	}
	body, err := results(r, t.TempDir())
	require.NoError(t, err)
	assert.LessOrEqual(t, len(body), ResultsLimit)
	var got struct {
		Score   float64
		Message string
		Tests   []map[string]any
	}
	require.NoError(t, json.Unmarshal(body, &got))
	assert.Equal(t, 0.25, got.Score, "the score is kept")
	assert.Contains(t, got.Message, "What your code printed was left out")
	require.Len(t, got.Tests, 4)
	for _, tc := range got.Tests {
		assert.NotContains(t, tc, "output")
		assert.Equal(t, "short", tc["message"], "messages are kept when leaving out the output is enough")
	}

	small := &report.Report{Tool: "mlkata test", MaxScore: 1, Exercises: []report.Exercise{{Checks: []report.Check{{Name: "c", MaxPoints: 1, Output: "hi"}}}}}
	body, err = results(small, t.TempDir())
	require.NoError(t, err)
	assert.Contains(t, string(body), `"output": "hi"`, "a small result is left whole")
}

func TestNames(t *testing.T) {
	for in, want := range map[string][]string{
		`2`:                           {"2"},
		`"02"`:                        {"02"},
		`"regression-metrics"`:        {"regression-metrics"},
		`[2, "standardize"]`:          {"2", "standardize"},
		` "  02-regression-metrics "`: {"02-regression-metrics"},
	} {
		got, err := names(json.RawMessage(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{`""`, `true`, `{"a": 1}`, `[]`, `[null]`} {
		_, err := names(json.RawMessage(in))
		assert.Error(t, err, in)
	}
	for in, want := range map[string]uint64{`7`: 7, `"8812"`: 8812, `18446744073709551615`: 1<<64 - 1} {
		got, err := seedOf(json.RawMessage(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{`0`, `-1`, `1.5`, `"x"`, `true`} {
		_, err := seedOf(json.RawMessage(in))
		assert.Error(t, err, in)
	}
}

// FuzzParseData: any data.json either parses into names that are not empty and a seed, or
// is an error; it never panics.
func FuzzParseData(f *testing.F) {
	for _, s := range []string{
		`{"params": {"exercise": 2, "seed": 7}, "variant_seed": 1234}`,
		`{"params": {"exercise": ["02", "standardize"]}, "variant_seed": "8812"}`,
		`{"params": {}, "variant_seed": null}`,
		`{}`,
		`{"params": {"exercise": "", "seed": -1}}`,
		`{"params": null, "variant_seed": 1.5}`,
		`[1, 2]`,
		`{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := parseData(b)
		if err != nil {
			return
		}
		for _, n := range d.exercises {
			if strings.TrimSpace(n) == "" {
				t.Errorf("an empty exercise name from %q", b)
			}
		}
	})
}
