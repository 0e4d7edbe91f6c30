package grader

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/mlkata/mlkata/grader/report"
)

// plottingExercise is the tiny exercise with one more check, which draws a plot.
func plottingExercise(slug string) *Exercise {
	e := tinyExercise()
	e.Slug = slug
	e.Checks = append(e.Checks, Check{Name: "Plot the mean", Points: 1, Run: func(t *T) {
		m := t.Call("Mean", []float64{1, 2, 3}).Float()
		p := plot.New()
		s, err := plotter.NewScatter(plotter.XYs{{X: 0, Y: m}})
		if err != nil {
			panic(err)
		}
		p.Add(s)
		t.Plot("Your mean", p)
		t.Close(m, 2, Rel(1e-12))
	}})
	return e
}

// copySubmission copies a submission of testdata/submissions to a new folder, which a test
// may edit.
func copySubmission(tb testing.TB, name string) string {
	tb.Helper()
	dst := filepath.Join(tb.TempDir(), name)
	require.NoError(tb, os.CopyFS(dst, os.DirFS(submission(tb, name))))
	return dst
}

// cachedSlugs grades with opt and returns which exercises came from the cache.
func cachedSlugs(t *testing.T, opt Options) (map[string]bool, *report.Report) {
	t.Helper()
	r, err := Grade(context.Background(), opt)
	require.NoError(t, err)
	out := make(map[string]bool)
	for _, e := range r.Exercises {
		out[e.Slug] = e.Cached
	}
	return out, r
}

func TestResultCache(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs drivers")
	}
	opt := testOptions(t)
	a, b := copySubmission(t, "correct"), copySubmission(t, "correct")
	opt.Exercises = []*Exercise{plottingExercise("a"), plottingExercise("b")}
	opt.Sources = map[string]string{"a": a, "b": b}
	opt.ResultCache = filepath.Join(t.TempDir(), "results")

	got, first := cachedSlugs(t, opt)
	assert.Equal(t, map[string]bool{"a": false, "b": false}, got, "an empty cache")
	require.Equal(t, first.MaxScore, first.Score)
	require.Len(t, first.Exercises[0].Plots, 1)

	got, second := cachedSlugs(t, opt)
	assert.Equal(t, map[string]bool{"a": true, "b": true}, got, "nothing changed")
	for i := range second.Exercises {
		e := second.Exercises[i]
		e.Cached = false
		assert.Equal(t, first.Exercises[i], e, "a cached result is the result it keeps")
	}
	assert.Equal(t, first.Score, second.Score)

	// An edit to one exercise's code grades that exercise only.
	f, err := os.OpenFile(filepath.Join(a, "tiny.go"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("\n// an edit\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	got, _ = cachedSlugs(t, opt)
	assert.Equal(t, map[string]bool{"a": false, "b": true}, got, "after an edit to a")

	// A plot that is gone is drawn again (one whose content changed too: both fail the hash).
	png := filepath.Join(opt.Workspace, filepath.FromSlash(first.Exercises[1].Plots[0].PNG))
	require.NoError(t, os.Remove(png))
	got, _ = cachedSlugs(t, opt)
	assert.Equal(t, map[string]bool{"a": true, "b": false}, got, "b's plot was removed")
	assert.FileExists(t, png)

	// Other options are other results (here the seed).
	seeded := opt
	seeded.Seed = 7
	got, _ = cachedSlugs(t, seeded)
	assert.Equal(t, map[string]bool{"a": false, "b": false}, got, "another seed")
}

func TestResultCacheKeepsNoErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs drivers")
	}
	opt := testOptions(t)
	opt.Sources = map[string]string{"tiny": submission(t, "panic"), "wrong": submission(t, "wrong")}
	wrong := tinyExercise()
	wrong.Slug = "wrong"
	opt.Exercises = append(opt.Exercises, wrong)
	opt.ResultCache = filepath.Join(t.TempDir(), "results")
	_, first := cachedSlugs(t, opt)
	require.Equal(t, report.Error, first.Exercises[0].Checks[0].Status, "the panic submission's first check")
	require.Equal(t, report.Failed, first.Exercises[1].Status)
	got, _ := cachedSlugs(t, opt)
	assert.Equal(t, map[string]bool{"tiny": false, "wrong": true}, got,
		"a result with an error may not happen again, a failure will")
}

func TestPruneResults(t *testing.T) {
	dir := t.TempDir()
	old, fresh := filepath.Join(dir, "ab", "abc.json"), filepath.Join(dir, "cd", "cde.json")
	for _, f := range []string{old, fresh} {
		require.NoError(t, os.MkdirAll(filepath.Dir(f), 0o755))
		require.NoError(t, os.WriteFile(f, []byte("{}"), 0o644))
	}
	now := time.Now()
	require.NoError(t, os.Chtimes(old, now.Add(-8*24*time.Hour), now.Add(-8*24*time.Hour)))
	pruneResults(dir, now)
	assert.NoFileExists(t, old)
	assert.FileExists(t, fresh)
}
