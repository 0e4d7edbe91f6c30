package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// appendTo adds text to the end of a file of the workspace ws.
func appendTo(t *testing.T, ws, file, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(ws, filepath.FromSlash(file)), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(text)
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

func TestSourceHash(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	// A learner package that imports another package of the workspace.
	require.NoError(t, os.MkdirAll(filepath.Join(ws, "exercises", "usesmean"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(ws, "exercises", "usesmean", "metrics.go"), []byte(
		"package metrics\n\nimport \"example.com/kata/lib/mean\"\n\n// MSE is the mean squared error.\nfunc MSE(a, b []float64) float64 { return mean.SquaredError(a, b) }\n"), 0o644))
	targets := []Target{
		{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}},
		{Slug: "usesmean", Dir: "exercises/usesmean", Funcs: []string{"MSE"}},
		{Slug: "solution", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}, Source: filepath.Join(ws, "variants", "ok")},
		{Slug: "missing", Dir: "exercises/missing", Funcs: []string{"MSE", "RMSE"}},
		{Slug: "forbidden", Dir: "exercises/forbid-direct", Funcs: []string{"MSE"}, Forbid: []string{"gonum.org/v1/gonum/stat"}},
		{Slug: "absent", Dir: "exercises/absent", Funcs: []string{"MSE"}},
	}
	opt := testOptions(t)
	ctx := context.Background()
	hashes := func() map[string]string {
		t.Helper()
		res, err := Build(ctx, ws, targets, opt)
		require.NoError(t, err)
		out := make(map[string]string)
		for slug, r := range res.Targets {
			out[slug] = r.SourceHash
		}
		return out
	}

	first := hashes()
	for _, slug := range []string{"ok", "usesmean", "solution", "missing"} {
		assert.Len(t, first[slug], 64, "%s has a SHA-256", slug)
	}
	for _, slug := range []string{"forbidden", "absent"} {
		assert.Empty(t, first[slug], "%s is not buildable, so it has no hash", slug)
	}
	assert.NotEqual(t, first["ok"], first["solution"], "a stand-in is hashed from its own files")
	assert.Equal(t, first, hashes(), "the same code has the same hashes")

	// An edit to an imported workspace package changes the importer's hash only.
	appendTo(t, ws, "lib/mean/mean.go", "\n// an edit\n")
	second := hashes()
	assert.NotEqual(t, first["usesmean"], second["usesmean"])
	for _, slug := range []string{"ok", "solution", "missing"} {
		assert.Equal(t, first[slug], second[slug], slug)
	}

	// A stand-in's file, a learner's file, and go.mod.
	appendTo(t, ws, "variants/ok/solution.go", "\n// an edit\n")
	third := hashes()
	assert.NotEqual(t, second["solution"], third["solution"])
	assert.Equal(t, second["ok"], third["ok"])
	appendTo(t, ws, "exercises/ok/metrics.go", "\n// an edit\n")
	fourth := hashes()
	assert.NotEqual(t, third["ok"], fourth["ok"])
	assert.Equal(t, third["usesmean"], fourth["usesmean"])
	appendTo(t, ws, "go.mod", "\n// an edit\n")
	fifth := hashes()
	for _, slug := range []string{"ok", "usesmean", "solution", "missing"} {
		assert.NotEqual(t, fourth[slug], fifth[slug], "go.mod is part of every hash (%s)", slug)
	}
}

func TestSkip(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	targets := []Target{
		{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}},
		{Slug: "solution", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}, Source: filepath.Join(ws, "variants", "ok")},
		{Slug: "missing", Dir: "exercises/missing", Funcs: []string{"MSE", "RMSE"}},
		{Slug: "typeerr", Dir: "exercises/typeerr", Funcs: []string{"MSE"}},
	}
	opt := testOptions(t)
	var asked []string
	hashOf := make(map[string]string)
	opt.Skip = func(slug, sourceHash string) bool {
		asked = append(asked, slug)
		hashOf[slug] = sourceHash
		return slug == "ok"
	}
	res, err := Build(context.Background(), ws, targets, opt)
	require.NoError(t, err)
	slices.Sort(asked)
	assert.Equal(t, []string{"ok", "solution", "typeerr"}, asked,
		"Skip is asked about the targets that loaded with all their functions (compile errors come later)")
	ok := res.Targets["ok"]
	assert.True(t, ok.Skipped)
	assert.False(t, ok.OK)
	assert.False(t, ok.Built)
	assert.Empty(t, ok.Diagnostics)
	assert.Equal(t, hashOf["ok"], ok.SourceHash)
	assert.True(t, res.Targets["solution"].OK)
	assert.False(t, res.Targets["solution"].Skipped)
	assert.False(t, res.Targets["typeerr"].OK)
	assert.NotEmpty(t, res.Targets["typeerr"].Diagnostics)

	main := string(generatedMain(t, res.Binary))
	assert.Contains(t, main, `"solution"`)
	assert.NotContains(t, main, `"ok"`, "a skipped target is not in the driver")

	opt.Skip = func(string, string) bool { return true }
	res, err = Build(context.Background(), ws, targets[:2], opt)
	require.NoError(t, err)
	assert.Empty(t, res.Binary, "nothing to build")
	assert.True(t, res.Targets["ok"].Skipped)
	assert.True(t, res.Targets["solution"].Skipped)
}
