package platform_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/gradertest"
	"github.com/mlkata/mlkata/grader/platform"
)

const (
	rightMean = "package mean\n\nfunc Mean(x []float64) float64 {\n\ts := 0.0\n\tfor _, v := range x {\n\t\ts += v\n\t}\n\treturn s / float64(len(x))\n}\n"
	// positiveMean is right on positive numbers only: the visible check passes, the hidden fails.
	positiveMean = "package mean\n\nfunc Mean(x []float64) float64 {\n\ts := 0.0\n\tfor _, v := range x {\n\t\tif v > 0 {\n\t\t\ts += v\n\t\t}\n\t}\n\treturn s / float64(len(x))\n}\n"
)

// autograderRoot lays out a folder like Gradescope's /autograder with the template that
// setup.sh would write and the submission's files.
func autograderRoot(t *testing.T, submission map[string]string) string {
	t.Helper()
	root := t.TempDir()
	require.NoError(t, os.CopyFS(filepath.Join(root, "template"), os.DirFS("testdata/template")))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "submission"), 0o755))
	writeFiles(t, filepath.Join(root, "submission"), submission)
	return root
}

func TestRunGradescope(t *testing.T) {
	tests := []struct {
		name       string
		submission map[string]string
		score, max float64
		passed     int
		output     []string
	}{
		{"right, as a loose file", map[string]string{"mean.go": rightMean}, 4, 4, 2,
			[]string{"Visible checks: 1/1 points", "Graded 1 file of your submission:\n  mean.go as exercises/mean/mean.go"}},
		{"right on positive numbers, as a repository", map[string]string{"exercises/mean/mean.go": positiveMean, "go.mod": "module evil\n"}, 1, 4, 1,
			[]string{"1 hidden check will be shown when grades are published", "Graded 1 file of your submission:\n  exercises/mean/mean.go\n", "The course's own files in your repository (1) were not used"}},
		{"not started", map[string]string{"mean.go": "// Package mean is the stub of the one exercise of the autograde tests.\npackage mean\n\n// Mean returns the arithmetic mean of x.\nfunc Mean(x []float64) float64 {\n\tpanic(\"not implemented\")\n}\n"}, 0, 4, 0,
			[]string{"Visible checks: 0/1 points"}},
		{"does not compile", map[string]string{"mean.go": "package mean\n\nfunc Mean(x []float64) float64 { return x }\n"}, 0, 4, 0,
			[]string{"Graded 1 file"}},
		{"garbage", map[string]string{"mean.go": "\x00\x01 this is not Go"}, 0, 4, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := autograderRoot(t, tt.submission)
			err := platform.RunGradescope(context.Background(), platform.AutogradeOptions{
				Root: root, Exercises: gradertest.MeanCourse(), Seed: 11, Getenv: func(string) string { return "" },
			}, nil)
			require.NoError(t, err)
			r := validGradescope(t, filepath.Join(root, "results", "results.json"))
			score, max := scoreOf(r)
			assert.Equal(t, tt.score, score)
			assert.Equal(t, tt.max, max)
			assert.Equal(t, tt.passed, statuses(r)["passed"])
			require.NotNil(t, r.Output)
			for _, want := range tt.output {
				assert.Contains(t, *r.Output, want)
			}
			assert.NotContains(t, *r.Output, "seed 42", "the run's seed, not the local one")
			assert.NoFileExists(t, filepath.Join(root, "results", "results.json.grading"))
		})
	}
}

func TestRunGradescopeCannotGrade(t *testing.T) {
	tests := []struct {
		name       string
		submission map[string]string
		setup      func(root string)
		limit      time.Duration
		wantErr    bool
		output     []string
	}{
		{"no Go file", map[string]string{"answers.pdf": "%PDF"}, nil, 0, false,
			[]string{"Your submission has no Go file of the course's exercises, so nothing was graded.", "answers.pdf: not a Go file"}},
		{"no Go file that matches", map[string]string{"average.go": rightMean}, nil, 0, false,
			[]string{"None of the Go files of your submission could be matched to an exercise", "average.go: no exercise has a file named average.go"}},
		{"no template: setup.sh did not run", map[string]string{"mean.go": rightMean}, func(root string) { os.RemoveAll(filepath.Join(root, "template")) }, 0, true,
			[]string{"The autograder is not working"}},
		{"time limit", map[string]string{"mean.go": rightMean}, nil, time.Nanosecond, true,
			[]string{"Grading took longer than the autograder's limit of 1ns", "Graded 1 file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := autograderRoot(t, tt.submission)
			if tt.setup != nil {
				tt.setup(root)
			}
			// A stale result of an earlier submission must not survive.
			writeFiles(t, root, map[string]string{"results/results.json": `{"score": 100}`})
			err := platform.RunGradescope(context.Background(), platform.AutogradeOptions{
				Root: root, Exercises: gradertest.MeanCourse(), Seed: 11, TimeLimit: tt.limit,
			}, nil)
			if tt.wantErr {
				assert.Error(t, err)
			} else {
				assert.NoError(t, err)
			}
			r := validGradescope(t, filepath.Join(root, "results", "results.json"))
			score, _ := scoreOf(r)
			assert.Zero(t, score)
			assert.Empty(t, r.Tests)
			require.NotNil(t, r.Output)
			for _, want := range tt.output {
				assert.Contains(t, *r.Output, want)
			}
		})
	}
}
