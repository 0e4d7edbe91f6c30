package batch

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

// TestGraderOptions: what Run asks grader.Grade for, from its own options.
func TestGraderOptions(t *testing.T) {
	tests := []struct {
		name  string
		opt   Options
		check func(t *testing.T, got grader.Options, out string)
	}{
		{"defaults", Options{Jobs: 1}, func(t *testing.T, got grader.Options, out string) {
			assert.True(t, got.NoPlots, "a batch draws no plots unless asked")
			assert.Equal(t, filepath.Join(out, ".cache"), got.ResultCache)
			assert.True(t, got.SharedResults)
			assert.Equal(t, runtime.NumCPU(), got.Parallel, "one job grades exercises on every core")
		}},
		{"plots", Options{Jobs: 1, Plots: true}, func(t *testing.T, got grader.Options, _ string) {
			assert.False(t, got.NoPlots)
		}},
		{"no share", Options{Jobs: 1, NoShare: true}, func(t *testing.T, got grader.Options, _ string) {
			assert.Empty(t, got.ResultCache)
			assert.False(t, got.SharedResults)
		}},
		{"as many jobs as cores", Options{Jobs: runtime.NumCPU()}, func(t *testing.T, got grader.Options, _ string) {
			assert.Equal(t, 1, got.Parallel)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, out := t.TempDir(), t.TempDir()
			writeFile(t, filepath.Join(dir, "alice", "go.mod"), "module m\n")
			var (
				mu  sync.Mutex
				got []grader.Options
			)
			opt := tt.opt
			opt.Dir, opt.Out, opt.Exercises = dir, out, course()
			opt.grade = func(_ context.Context, o grader.Options) (*report.Report, error) {
				mu.Lock()
				defer mu.Unlock()
				got = append(got, o)
				return &report.Report{Version: report.Version}, nil
			}
			_, err := Run(context.Background(), opt)
			require.NoError(t, err)
			require.Len(t, got, 1)
			tt.check(t, got[0], out)
		})
	}
	assert.Equal(t, 2, exercisesAtOnce(1, 2))
	assert.Equal(t, 1, exercisesAtOnce(2, 2))
	assert.Equal(t, 1, exercisesAtOnce(8, 2))
	assert.Equal(t, 3, exercisesAtOnce(2, 7))
}

// TestRunSharesResults grades real submissions of the tiny course, one job so that they are
// graded in name order: an exercise whose code a submission shares with one graded before
// takes that result (marked cached), an exercise with other code is graded, an exercise whose
// grading went wrong (a crash) is graded again every time, and the gradebook is the one a
// batch without sharing writes.
func TestRunSharesResults(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades submissions in sandboxed processes")
	}
	dir := filepath.Join(t.TempDir(), "submissions")
	for name, files := range map[string][2]string{
		"a-correct": variants["correct"], "b-correct": variants["correct"], "c-wrong": variants["wrong"],
		"d-crash": variants["crash"], "e-crash": variants["crash"], "f-not-started": variants["not-started"],
	} {
		makeSubmission(t, filepath.Join(dir, name), files)
	}
	shared := testOptions(dir, t.TempDir(), 1)
	sum, err := Run(context.Background(), shared)
	require.NoError(t, err)
	require.Equal(t, 6, sum.Graded)

	cached := func(out, name string) map[string]bool {
		r, err := ReadResult(filepath.Join(out, "results", name+".json"))
		require.NoError(t, err)
		require.NotNil(t, r.Report, name)
		m := map[string]bool{}
		for _, e := range r.Report.Exercises {
			m[e.Slug] = e.Cached
		}
		return m
	}
	assert.Equal(t, map[string]bool{"mean": false, "sum": false}, cached(shared.Out, "a-correct"), "the first of its kind")
	assert.Equal(t, map[string]bool{"mean": true, "sum": true}, cached(shared.Out, "b-correct"), "the same code as a-correct")
	assert.Equal(t, map[string]bool{"mean": false, "sum": true}, cached(shared.Out, "c-wrong"), "its own mean, a-correct's sum")
	assert.Equal(t, map[string]bool{"mean": false, "sum": true}, cached(shared.Out, "e-crash"), "a crash is graded again")
	assert.Equal(t, map[string]bool{"mean": false, "sum": false}, cached(shared.Out, "f-not-started"))

	alone := testOptions(dir, t.TempDir(), 1)
	alone.NoShare = true
	sum2, err := Run(context.Background(), alone)
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(alone.Out, ".cache"))
	assert.ErrorIs(t, err, os.ErrNotExist, "NoShare keeps no cache")
	assert.Equal(t, stripHashes(sum2.Gradebook), stripHashes(sum.Gradebook))
	for _, name := range []string{"b-correct", "c-wrong"} {
		for slug, c := range cached(alone.Out, name) {
			assert.False(t, c, "%s %s", name, slug)
		}
	}

	// A rerun after a learner changed one exercise grades only that exercise.
	writeFile(t, filepath.Join(dir, "c-wrong", "exercises/mean/mean.go"), meanOK)
	sum3, err := Run(context.Background(), shared)
	require.NoError(t, err)
	assert.Equal(t, 1, sum3.Graded)
	assert.Equal(t, map[string]bool{"mean": true, "sum": true}, cached(shared.Out, "c-wrong"), "now the same code as a-correct")
}

// TestRunNoTimings: with NoTimings the result files hold no duration, so two batches of the
// same submissions write the same files byte for byte.
func TestRunNoTimings(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades submissions in sandboxed processes")
	}
	dir := filepath.Join(t.TempDir(), "submissions")
	makeSubmission(t, filepath.Join(dir, "alice"), variants["wrong"])
	var files [2][]byte
	for i := range files {
		opt := testOptions(dir, t.TempDir(), 1)
		opt.NoTimings, opt.NoShare = true, true
		opt.Now = func() time.Time { return time.Now().Add(time.Duration(i) * time.Hour) }
		_, err := Run(context.Background(), opt)
		require.NoError(t, err)
		files[i], err = os.ReadFile(filepath.Join(opt.Out, "results", "alice.json"))
		require.NoError(t, err)
		r, err := ReadResult(filepath.Join(opt.Out, "results", "alice.json"))
		require.NoError(t, err)
		assert.Zero(t, r.DurationMS)
		assert.Zero(t, r.Report.DurationMS)
		for _, e := range r.Report.Exercises {
			assert.Zero(t, e.DurationMS, e.Slug)
			for _, c := range e.Checks {
				assert.Zero(t, c.DurationMS, c.Name)
			}
		}
	}
	assert.Equal(t, string(files[0]), string(files[1]))
}
