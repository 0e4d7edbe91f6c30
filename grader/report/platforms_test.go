package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteGradescope(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteGradescope(&buf, sample()))
	golden(t, "sample.gradescope.json", buf.Bytes())

	var res gradescopeResults
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&res))
	assert.Equal(t, 6.5, res.Score)
	assert.Equal(t, int64(1), res.ExecutionTime, "812 ms rounds up to 1 s")
	require.Len(t, res.Tests, 7)
	var sum float64
	numbers := []string{}
	for _, tc := range res.Tests {
		sum += tc.Score
		numbers = append(numbers, tc.Number)
	}
	assert.Equal(t, res.Score, sum, "the tests' scores add up to the score (exact: halves)")
	assert.Equal(t, []string{"1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "4.1"}, numbers)
	assert.Equal(t, "after_published", res.Tests[1].Visibility, "the hidden check")
	assert.Equal(t, "visible", res.Tests[0].Visibility)
	assert.Equal(t, []string{"passed", "passed", "passed", "failed", "failed", "failed", "failed"},
		[]string{res.Tests[0].Status, res.Tests[1].Status, res.Tests[2].Status, res.Tests[3].Status, res.Tests[4].Status, res.Tests[5].Status, res.Tests[6].Status})
	assert.Contains(t, res.Tests[5].Output, "undefined: rng")
	assert.Contains(t, res.Output, "Visible checks: 4.5/13 points. 1 hidden check will be shown")
	assert.NotContains(t, res.Output, "6.5", "the top-level output says nothing of hidden checks")
	assert.Equal(t, "hidden", res.StdoutVisibility)
}

func TestWritePrairieLearn(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WritePrairieLearn(&buf, sample(), workspace(t)))
	golden(t, "sample.prairielearn.json", buf.Bytes())

	var res plResults
	require.NoError(t, json.Unmarshal(buf.Bytes(), &res))
	assert.True(t, res.Gradable)
	assert.InDelta(t, 6.5/15, res.Score, 1e-15, "score/max_score")
	require.Len(t, res.FormatErrors, 1)
	assert.Contains(t, res.FormatErrors[0], "exercises/03-train-test-split/split.go:12:5: undefined: rng")
	require.Len(t, res.Images, 1)
	assert.Equal(t, "Regression metrics: MSE, RMSE, MAE, R²: Residuals", res.Images[0].Label)
	assert.True(t, strings.HasPrefix(res.Images[0].URL, "data:image/png;base64,iVBORw0KGgo"), res.Images[0].URL)
	require.Len(t, res.Tests, 7)
	assert.Equal(t, "R² on hidden data (hidden)", res.Tests[1].Name)
	assert.Equal(t, 1.5, res.Tests[3].MaxPoints)
	assert.Equal(t, strings.Repeat("debug line\n", 15), res.Tests[3].Output)
	assert.Contains(t, res.Message, "Next: exercises/02-classification-metrics (2 checks left)")
}

func TestWritePrairieLearnPlotsLeftOut(t *testing.T) {
	big := append([]byte(pngMagic), make([]byte, PrairieLearnImageBudget)...)
	tests := []struct {
		name string
		fs   fstest.MapFS
	}{
		{"no workspace", nil},
		{"missing file", fstest.MapFS{}},
		{"not a PNG", fstest.MapFS{".grade/regression-metrics/residuals.png": {Data: []byte("<svg/>")}}},
		{"over the budget", fstest.MapFS{".grade/regression-metrics/residuals.png": {Data: big}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			var ws = tt.fs
			if tt.fs == nil {
				require.NoError(t, WritePrairieLearn(&buf, sample(), nil))
			} else {
				require.NoError(t, WritePrairieLearn(&buf, sample(), ws))
			}
			var res plResults
			require.NoError(t, json.Unmarshal(buf.Bytes(), &res))
			assert.Empty(t, res.Images)
			assert.Contains(t, res.Message, "1 plot is not shown here.")
			assert.Less(t, buf.Len(), 1<<20, "PrairieLearn's limit")
		})
	}
}

func TestWritePrairieLearnUngradable(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WritePrairieLearnUngradable(&buf, "grade: build the driver: no space left on device"))
	assert.JSONEq(t, `{"gradable": false, "message": "grade: build the driver: no space left on device",
		"format_errors": ["grade: build the driver: no space left on device"]}`, buf.String())
}

func TestPrairieLearnScoreWithoutPoints(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WritePrairieLearn(&buf, &Report{Version: Version}, nil))
	var res plResults
	require.NoError(t, json.Unmarshal(buf.Bytes(), &res))
	assert.Zero(t, res.Score)
	assert.NotNil(t, res.Tests)
}

func TestWriteExercism(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteExercism(&buf, sample()))
	golden(t, "sample.exercism.json", buf.Bytes())

	var res exercismResults
	require.NoError(t, json.Unmarshal(buf.Bytes(), &res))
	assert.Equal(t, 3, res.Version)
	assert.Equal(t, "fail", res.Status)
	assert.Empty(t, res.Message, "only an error has a top-level message")
	got := []string{}
	for _, tc := range res.Tests {
		got = append(got, tc.Status)
		assert.Equal(t, tc.Status == "pass", tc.Message == "", "%s: a message exactly when not passing", tc.Name)
	}
	assert.Equal(t, []string{"pass", "pass", "pass", "fail", "error", "error", "fail"}, got)
	assert.Equal(t, []int{1, 1, 2, 2, 2, 3, 4}, []int{res.Tests[0].TaskID, res.Tests[1].TaskID, res.Tests[2].TaskID,
		res.Tests[3].TaskID, res.Tests[4].TaskID, res.Tests[5].TaskID, res.Tests[6].TaskID})
}

func TestWriteExercismStatus(t *testing.T) {
	tests := []struct {
		name      string
		exercises []int // indexes into sample().Exercises
		status    string
		message   string
	}{
		{"all passed", []int{0}, "pass", ""},
		{"nothing builds", []int{2}, "error", "exercises/03-train-test-split/split.go:12:5: undefined: rng"},
		{"one builds", []int{0, 2}, "fail", ""},
		{"not started is a failure", []int{3}, "fail", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sample()
			var es []Exercise
			for _, i := range tt.exercises {
				es = append(es, r.Exercises[i])
			}
			r.Exercises = es
			var buf bytes.Buffer
			require.NoError(t, WriteExercism(&buf, r))
			var res exercismResults
			require.NoError(t, json.Unmarshal(buf.Bytes(), &res))
			assert.Equal(t, tt.status, res.Status)
			if tt.message == "" {
				assert.Empty(t, res.Message)
			} else {
				assert.Contains(t, res.Message, tt.message)
			}
		})
	}
}

func TestExercismOutput(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"short", "hi\n", "hi\n"},
		{"exactly the limit", strings.Repeat("a", 500), strings.Repeat("a", 500)},
		{"one over", strings.Repeat("a", 501), strings.Repeat("a", 500) + "\n" + ExercismTruncated},
		{"runes, not bytes", strings.Repeat("é", 500), strings.Repeat("é", 500)},
		{"cut on a rune", strings.Repeat("é", 600), strings.Repeat("é", 500) + "\n" + ExercismTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, exercismOutput(tt.in))
		})
	}
}
