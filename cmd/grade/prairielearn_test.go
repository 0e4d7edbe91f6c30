package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// plJob makes a PrairieLearn job folder (data.json and the student's files) beside a
// template (the grader's test workspace) and returns the job's root, the template and the
// folder to grade in.
func plJob(t *testing.T, data string, files map[string]string) (root, template, work string) {
	t.Helper()
	template = workspace(t)
	dir := filepath.Dir(template)
	root = filepath.Join(dir, "grade")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "student"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "data"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "data", "data.json"), []byte(data), 0o644))
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(root, "student", name), []byte(content), 0o644))
	}
	return root, template, filepath.Join(dir, "work")
}

// plResults reads the fields of results.json the tests look at.
func plResults(t *testing.T, root string) (r struct {
	Gradable bool
	Score    float64
	Message  string
	Output   string
	Tests    []struct{ Name string }
}) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "results", "results.json"))
	require.NoError(t, err, "results.json is always written")
	require.NoError(t, json.Unmarshal(b, &r))
	return r
}

func TestPrairieLearnCommand(t *testing.T) {
	solution, err := os.ReadFile("../../grader/testdata/ws/exercises/tiny/solution/tiny.go")
	require.NoError(t, err)

	t.Run("grades the exercise data.json names, with the hidden checks", func(t *testing.T) {
		root, template, work := plJob(t, `{"params": {"exercise": "tiny"}, "variant_seed": 31}`, map[string]string{"tiny.go": string(solution)})
		e, _, stderr := testEnv(t.TempDir(), nil)
		code := run([]string{"grade", "prairielearn", "--root", root, "--template", template, "--work", work, "--no-timings"}, e)
		assert.Equal(t, exitPassed, code, stderr.String())
		r := plResults(t, root)
		assert.True(t, r.Gradable)
		assert.Equal(t, 1.0, r.Score)
		assert.Contains(t, r.Output, "seed 31")
		assert.Contains(t, stderr.String(), "grade prairielearn: tiny: score 1 (seed 31)")
		names := ""
		for _, tc := range r.Tests {
			names += tc.Name + "\n"
		}
		assert.Contains(t, names, "Mean of five numbers (hidden)")
	})

	t.Run("--seed overrides data.json", func(t *testing.T) {
		root, template, work := plJob(t, `{"params": {"exercise": 1, "seed": 5}}`, map[string]string{"tiny.go": string(solution)})
		e, _, stderr := testEnv(t.TempDir(), nil)
		code := run([]string{"grade", "prairielearn", "--root", root, "--template", template, "--work", work, "--seed", "77"}, e)
		assert.Equal(t, exitPassed, code, stderr.String())
		assert.Contains(t, plResults(t, root).Output, "seed 77")
	})

	t.Run("an ungradable submission still exits 0 with a results.json", func(t *testing.T) {
		root, template, work := plJob(t, `{"params": {"exercise": "tiny"}}`, nil)
		e, _, stderr := testEnv(t.TempDir(), nil)
		code := run([]string{"grade", "prairielearn", "--root", root, "--template", template, "--work", work}, e)
		assert.Equal(t, exitPassed, code, "PrairieLearn reads results.json only after exit status 0")
		r := plResults(t, root)
		assert.False(t, r.Gradable)
		assert.Contains(t, r.Message, "No Go file was submitted")
		assert.Contains(t, stderr.String(), "not gradable")
	})

	t.Run("a grade without the hidden checks refuses, unless --visible-only", func(t *testing.T) {
		root, template, work := plJob(t, `{"params": {"exercise": "tiny"}}`, map[string]string{"tiny.go": string(solution)})
		e, _, stderr := testEnv(t.TempDir(), nil)
		e.hiddenBuild = false
		code := run([]string{"grade", "prairielearn", "--root", root, "--template", template, "--work", work}, e)
		assert.Equal(t, exitPassed, code)
		r := plResults(t, root)
		assert.False(t, r.Gradable)
		assert.Contains(t, r.Message, "built without the hidden checks")
		assert.Contains(t, r.Message, "tell your instructor")
		assert.Contains(t, stderr.String(), "built without the hidden checks")
		assert.NoDirExists(t, work, "nothing was graded")

		e, _, stderr = testEnv(t.TempDir(), nil)
		e.hiddenBuild = false
		code = run([]string{"grade", "prairielearn", "--root", root, "--template", template, "--work", work, "--visible-only"}, e)
		assert.Equal(t, exitPassed, code, stderr.String())
		r = plResults(t, root)
		assert.True(t, r.Gradable)
		assert.Equal(t, 1.0, r.Score)
		for _, tc := range r.Tests {
			assert.NotContains(t, tc.Name, "(hidden)")
		}
	})

	t.Run("arguments are a usage error", func(t *testing.T) {
		code, _, errOut := grade(t, t.TempDir(), "prairielearn", "2")
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errOut, "the exercise comes from data.json's params.exercise")
	})

	t.Run("results.json that cannot be written is an internal error", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "results"), nil, 0o644)) // a file where the folder goes
		code, _, errOut := grade(t, t.TempDir(), "prairielearn", "--root", dir, "--template", dir, "--work", filepath.Join(dir, "w"))
		assert.Equal(t, exitInternal, code)
		assert.Contains(t, errOut, "grade prairielearn: prairielearn:")
	})
}

func TestPrairieLearnHelp(t *testing.T) {
	code, out, errOut := grade(t, t.TempDir(), "prairielearn", "--help")
	assert.Equal(t, 0, code, errOut)
	path := filepath.Join("testdata", "help", "prairielearn.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), out)
}
