package grader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/report"
)

// TestVerify verifies the tiny exercise: its solution passes, its stub is not started, and its
// one mistake variant is caught as "sum-not-mean"; all in one build.
func TestVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	v, err := Verify(context.Background(), testOptions(t))
	require.NoError(t, err)
	assert.Empty(t, v.Problems)
	assert.True(t, v.OK())
	var got []string
	for _, r := range v.Runs {
		got = append(got, r.Variant+" "+r.Result.Status.String())
	}
	assert.Equal(t, []string{"solution passed", "stub not-started", "mistake sum-not-mean failed", "alternative running-mean passed"}, got)
	assert.Equal(t, 6.0, v.Runs[0].Result.Score, "the hidden check counts in verification")
}

// TestVerifyFindsProblems breaks the course four ways and expects Verify to say so: a wrong
// reference solution, a stub that is implemented, a mistake variant no check catches, a
// variant that checks name by a second mistake too, and an "alternative correct solution" that
// is wrong.
func TestVerifyFindsProblems(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	opt := testOptions(t)
	ex := filepath.Join(opt.Workspace, "exercises", "tiny")
	wrong, err := os.ReadFile(filepath.Join(submission(t, "wrong"), "tiny.go"))
	require.NoError(t, err)
	correct, err := os.ReadFile(filepath.Join(ex, "solution", "tiny.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(ex, "solution", "tiny.go"), wrong, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(ex, "tiny.go"), correct, 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(ex, "check", "mistakes", "uncaught"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(ex, "check", "mistakes", "uncaught", "tiny.go"), correct, 0o644))
	sumNotMean, err := os.ReadFile(filepath.Join(ex, "check", "mistakes", "sum-not-mean", "tiny.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(ex, "check", "alternatives", "running-mean", "tiny.go"), sumNotMean, 0o644))
	// A Mean that both forgets to divide and changes its input: two mistakes for one variant.
	both := strings.Replace(string(sumNotMean), "\treturn s\n", "\tx[0] = s\n\treturn s\n", 1)
	require.NotEqual(t, string(sumNotMean), both)
	require.NoError(t, os.MkdirAll(filepath.Join(ex, "check", "mistakes", "input-mutated"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(ex, "check", "mistakes", "input-mutated", "tiny.go"), []byte(both), 0o644))

	v, err := Verify(context.Background(), opt)
	require.NoError(t, err)
	assert.False(t, v.OK())
	require.Len(t, v.Problems, 5, "%q", v.Problems)
	assert.Contains(t, v.Problems[0], "tiny (solution): the reference solution scores 1/6 (failed)")
	assert.Contains(t, v.Problems[1], "tiny (stub): the stub is passed with 6 points, want not-started with 0")
	assert.Contains(t, v.Problems[2], "tiny (mistake input-mutated): checks also name sum-not-mean: a variant with one mistake must be named by that mistake only")
	assert.Contains(t, v.Problems[3], "tiny (mistake uncaught): the mistake variant passes every check")
	assert.Contains(t, v.Problems[4], "tiny (alternative running-mean): this other correct solution scores 1/6 (failed)")
	for _, r := range v.Runs {
		if r.Variant == "mistake sum-not-mean" {
			assert.Equal(t, report.Failed, r.Result.Status)
		}
	}
}
