package ci

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/gradertest"
	"github.com/mlkata/mlkata/grader/report"
)

func TestMain(m *testing.M) {
	grader.Main()
	os.Exit(m.Run())
}

// workspace is a copy of testdata/ws, whose Mean passes gradertest.MeanCourse's visible check only.
func workspace(t *testing.T) string {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "ws")
	require.NoError(t, os.CopyFS(ws, os.DirFS("testdata/ws")))
	return ws
}

func TestParseFormat(t *testing.T) {
	f, err := ParseFormat("junit=out/junit.xml")
	require.NoError(t, err)
	assert.Equal(t, Format{"junit", "out/junit.xml"}, f)
	f, err = ParseFormat("github")
	require.NoError(t, err)
	assert.Equal(t, Format{"github", ""}, f)
	_, err = ParseFormat("pdf=x.pdf")
	assert.Error(t, err)
}

func TestRunOptionsErrors(t *testing.T) {
	env := func(k string) string { return map[string]string{SeedEnv: "soon"}[k] }
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{"min score above 1", Options{MinScore: 80}, "want a fraction from 0 to 1"},
		{"unknown format", Options{Formats: []string{"pdf"}}, "pdf"},
		{"bad seed", Options{Getenv: env}, "MLKATA_SEED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), tt.opt, nil)
			var cfg *grader.ConfigError
			require.ErrorAs(t, err, &cfg)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

// TestRun grades the submission as CI does: the seed from the environment, the hidden checks,
// reports to files and standard output, the summary appended, the minimum score applied.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades in sandboxed processes")
	}
	ws := workspace(t)
	dir := t.TempDir()
	summary := filepath.Join(dir, "summary.md")
	require.NoError(t, os.WriteFile(summary, []byte("earlier step\n"), 0o644))
	env := map[string]string{SeedEnv: "1234", SummaryEnv: summary}
	var stdout, progress bytes.Buffer
	out, err := Run(context.Background(), Options{
		Workspace: ws, Exercises: gradertest.MeanCourse(), MinScore: 0.25,
		Formats: []string{"json=" + filepath.Join(dir, "r/report.json"), "html=" + filepath.Join(dir, "r/report.html"), "github"},
		Stdout:  &stdout, Getenv: func(k string) string { return env[k] },
	}, &progress)
	require.NoError(t, err, progress.String())
	t.Log(progress.String())

	assert.Equal(t, uint64(1234), out.Report.Seed, "the seed comes from MLKATA_SEED and is recorded")
	assert.Equal(t, 4.0, out.Report.MaxScore, "the hidden check is graded")
	assert.Equal(t, 1.0, out.Report.Score)
	assert.InDelta(t, 0.25, out.Fraction, 1e-12)
	assert.True(t, out.Passed, "1/4 reaches a minimum of 0.25")
	assert.Contains(t, progress.String(), "grade ci: score 1/4 (25%), minimum 25%: passed\n")

	b, err := os.ReadFile(filepath.Join(dir, "r/report.json"))
	require.NoError(t, err)
	r, err := report.ReadJSON(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, report.Hidden, r.Exercises[0].Checks[1].Visibility)
	assert.FileExists(t, filepath.Join(dir, "r/report.html"))
	assert.Contains(t, stdout.String(), "::error", "the annotations go to standard output")
	s, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(s), "earlier step\n"), "the summary is appended")
	assert.Greater(t, len(s), len("earlier step\n")+20)

	progress.Reset()
	out, err = Run(context.Background(), Options{Workspace: ws, Exercises: gradertest.MeanCourse(), MinScore: 0.5, Seed: 7, Summary: "-",
		Formats: []string{"json"}, Stdout: &stdout, Getenv: func(k string) string { return env[k] }}, &progress)
	require.NoError(t, err)
	assert.False(t, out.Passed)
	assert.Equal(t, uint64(7), out.Report.Seed, "an explicit seed wins over the environment")
	assert.Contains(t, progress.String(), "minimum 50%: below the minimum\n")

	// Without a minimum (the platforms' autograders, or --min-score in points, checked by the
	// caller) the line states the score and no verdict.
	progress.Reset()
	_, err = Run(context.Background(), Options{Workspace: ws, Exercises: gradertest.MeanCourse(), Seed: 7, Summary: "-",
		Formats: []string{"json"}, Stdout: &stdout, Getenv: func(k string) string { return env[k] }}, &progress)
	require.NoError(t, err)
	assert.Contains(t, progress.String(), "grade ci: score ")
	assert.NotContains(t, progress.String(), "minimum")
}

// TestRunOnly grades one exercise of a two-exercise course: the report numbers it by its place
// in the course, not in the selection.
func TestRunOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades in sandboxed processes")
	}
	ws := workspace(t)
	require.NoError(t, os.CopyFS(filepath.Join(ws, "exercises", "first"), os.DirFS("testdata/ws/exercises/mean")))
	first := *gradertest.MeanCourse()[0]
	first.Slug, first.Title, first.Dir = "first", "First", "exercises/first"
	exs := append([]*grader.Exercise{&first}, gradertest.MeanCourse()...)

	var stdout bytes.Buffer
	out, err := Run(context.Background(), Options{Workspace: ws, Exercises: exs, Only: []string{"mean"}, Summary: "-",
		Formats: []string{"json"}, Stdout: &stdout, Getenv: func(string) string { return "" }}, nil)
	require.NoError(t, err)
	require.Len(t, out.Report.Exercises, 1)
	assert.Equal(t, "mean", out.Report.Exercises[0].Slug)
	assert.Equal(t, 2, out.Report.Exercises[0].Number, "the second exercise of the course stays number 2")
	r, err := report.ReadJSON(&stdout)
	require.NoError(t, err)
	assert.Equal(t, 2, r.Exercises[0].Number, "and so in the written report")

	_, err = Run(context.Background(), Options{Workspace: ws, Exercises: exs, Only: []string{"median"}, Summary: "-",
		Stdout: &stdout, Getenv: func(string) string { return "" }}, nil)
	var cfg *grader.ConfigError
	require.ErrorAs(t, err, &cfg, "an unknown slug is a configuration error")
	assert.ErrorContains(t, err, `no exercise "median"`)
}

// TestRunTimeoutsAndTimings grades a submission whose Mean takes 5 s with a call timeout of
// 200 ms, and without timings in the reports.
func TestRunTimeoutsAndTimings(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades in sandboxed processes")
	}
	ws := workspace(t)
	require.NoError(t, os.WriteFile(filepath.Join(ws, "exercises", "mean", "mean.go"), []byte(
		"package mean\n\nimport \"time\"\n\nfunc Mean(x []float64) float64 {\n\ttime.Sleep(5 * time.Second)\n\treturn 2.5\n}\n"), 0o644))
	file := filepath.Join(t.TempDir(), "report.json")
	out, err := Run(context.Background(), Options{Workspace: ws, Exercises: gradertest.MeanCourse(), NoHidden: true, Summary: "-",
		Timeouts: grader.Timeouts{Call: 200 * time.Millisecond}, NoTimings: true,
		Formats: []string{"json=" + file}, Getenv: func(string) string { return "" }}, nil)
	require.NoError(t, err)
	c := out.Report.Exercises[0].Checks[0]
	assert.Equal(t, report.Error, c.Status, c.Message)
	assert.Contains(t, c.Message, "did not return within 200ms", "the call timeout reaches the grader")

	assert.Zero(t, out.Report.DurationMS)
	assert.Zero(t, out.Report.Exercises[0].DurationMS)
	assert.Zero(t, c.DurationMS)
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "duration_ms", "no timings in the written report")
}
