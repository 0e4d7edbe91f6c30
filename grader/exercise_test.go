package grader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeSignature(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"func(yTrue, yPred []float64) float64", "func([]float64, []float64) float64"},
		{"func(X *mat.Dense, y []float64) (*Model, error)", "func(*mat.Dense, []float64) (*Model, error)"},
		{"func(x []float64) (mean, std float64)", "func([]float64) (float64, float64)"},
		{"func(opts ...Option)", "func(...Option)"},
		{"func(m map[string][]int, a [3]bool, v interface{}, w any)", "func(map[string][]int, [3]bool, any, any)"},
		{"func(f func(x float64) float64) func(float64) float64", "func(func(float64) float64) func(float64) float64"},
		{"func()", "func()"},
	} {
		got, err := normalizeSignature(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	for _, bad := range []string{"func(", "int", "MSE(x []float64) float64"} {
		_, err := normalizeSignature(bad)
		assert.Error(t, err, bad)
	}
}

func TestValidate(t *testing.T) {
	ok := func() *Exercise {
		return &Exercise{Slug: "mse", Dir: "exercises/01-mse",
			Functions: []Func{{Name: "MSE", Signature: "func(a, b []float64) float64"}},
			Checks:    []Check{{Name: "small", Points: 1, Run: func(*T) {}}}}
	}
	require.NoError(t, ok().Validate())
	for name, tc := range map[string]struct {
		edit func(*Exercise)
		want string
	}{
		"slug":           {func(e *Exercise) { e.Slug = "Bad Slug" }, "slug must be kebab-case"},
		"dir":            {func(e *Exercise) { e.Dir = "/abs" }, "must be a slash-separated path inside the workspace"},
		"dir up":         {func(e *Exercise) { e.Dir = "../x" }, "must be a slash-separated path inside the workspace"},
		"signature":      {func(e *Exercise) { e.Functions[0].Signature = "func(" }, "does not parse"},
		"duplicate func": {func(e *Exercise) { e.Functions = append(e.Functions, e.Functions[0]) }, "listed twice"},
		"no run":         {func(e *Exercise) { e.Checks[0].Run = nil }, "needs a Name and a Run function"},
		"dup check":      {func(e *Exercise) { e.Checks = append(e.Checks, e.Checks[0]) }, `check "small" listed twice`},
		"points":         {func(e *Exercise) { e.Checks[0].Points = -1 }, "negative points"},
		"mistake id":     {func(e *Exercise) { e.Mistakes = []Mistake{{ID: "Sum Not Mean", Hint: "h"}} }, `mistake ID "Sum Not Mean" must be kebab-case`},
		"dup mistake":    {func(e *Exercise) { e.Mistakes = []Mistake{{ID: "a", Hint: "h"}, {ID: "a", Hint: "h"}} }, "mistake a listed twice"},
		"no hint":        {func(e *Exercise) { e.Mistakes = []Mistake{{ID: "a", Hint: " "}} }, "mistake a has no hint"},
	} {
		t.Run(name, func(t *testing.T) {
			e := ok()
			tc.edit(e)
			assert.ErrorContains(t, e.Validate(), tc.want)
		})
	}
}

func TestLoad(t *testing.T) {
	ws := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(ws, "exercises", "01-mse"), 0o755))
	e := &Exercise{Slug: "mse", Dir: "exercises/01-mse"}
	assert.NoError(t, Load(ws, []*Exercise{e}))
	assert.ErrorContains(t, Load(ws, []*Exercise{e, e}), "listed twice")
	assert.ErrorContains(t, Load(ws, []*Exercise{{Slug: "gone", Dir: "exercises/02-gone"}}), "folder exercises/02-gone not found")
}

func TestMistakesAndLocations(t *testing.T) {
	e := tinyExercise()
	assert.Equal(t, "exercises/tiny/solution", e.SolutionDir())
	assert.Equal(t, "exercises/tiny/check/mistakes", e.MistakeDir())
	ids, err := e.MistakeVariants("testdata/ws")
	require.NoError(t, err)
	assert.Equal(t, []string{"sum-not-mean"}, ids)
	f, ok := e.function("Scale")
	require.True(t, ok)
	assert.Equal(t, "func Scale(X *mat.Dense, k float64) *mat.Dense", f.declaration())
}

// FuzzNormalizeSignature checks that any text either is rejected or normalizes to a signature
// that normalizes to itself.
func FuzzNormalizeSignature(f *testing.F) {
	for _, s := range []string{"func(a, b []float64) float64", "func(X *mat.Dense) (*Model, error)", "func(...int)", "func(", "int"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sig string) {
		n, err := normalizeSignature(sig)
		if err != nil {
			return
		}
		again, err := normalizeSignature(n)
		if err != nil || again != n {
			t.Fatalf("%q normalizes to %q, which normalizes to %q (%v)", sig, n, again, err)
		}
	})
}
