package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

var update = flag.Bool("update", false, "rewrite testdata/help.txt")

func TestMain(m *testing.M) {
	grader.Main()
	os.Exit(m.Run())
}

// course is a one-exercise course on the grader's test workspace.
func course() []*grader.Exercise {
	return []*grader.Exercise{{
		Slug:      "tiny",
		Title:     "Tiny",
		Dir:       "exercises/tiny",
		Functions: []grader.Func{{Name: "Mean", Signature: "func(x []float64) float64"}},
		Checks: []grader.Check{{Name: "Mean of 1..4", Points: 1, Run: func(t *grader.T) {
			got := t.Call("Mean", []float64{1, 2, 3, 4}).Float()
			t.Mistake(got == 10, "sum-not-mean", "divide by len(x)")
			t.Close(got, 2.5, grader.Rel(1e-12))
		}}},
	}}
}

func workspace(t *testing.T) string {
	t.Helper()
	// os.MkdirTemp, not t.TempDir: the sandbox's unprivileged user must reach the workspace.
	dir, err := os.MkdirTemp("", "mlkata-cmd-test-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.CopyFS(filepath.Join(dir, "ws"), os.DirFS("../../grader/testdata/ws")))
	return filepath.Join(dir, "ws")
}

func grade(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"grade"}, args...), &stdout, &stderr, course())
	return code, stdout.String(), stderr.String()
}

func TestHelp(t *testing.T) {
	code, out, _ := grade(t, "--help")
	assert.Equal(t, 0, code)
	path := filepath.Join("testdata", "help.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), out)
}

func TestExitCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	ws := workspace(t)

	code, out, errOut := grade(t, "--workspace", ws, "--no-timings")
	assert.Equal(t, 1, code, "the stub is not started: %s %s", out, errOut)
	assert.Contains(t, out, "Mean of 1..4")

	code, out, _ = grade(t, "--workspace", ws, "--json", "--seed", "7", "tiny")
	assert.Equal(t, 1, code)
	r, err := report.ReadJSON(bytes.NewReader([]byte(out)))
	require.NoError(t, err)
	assert.Equal(t, uint64(7), r.Seed)
	assert.Equal(t, report.NotStarted, r.Exercises[0].Status)

	sol, err := os.ReadFile(filepath.Join(ws, "exercises", "tiny", "solution", "tiny.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(ws, "exercises", "tiny", "tiny.go"), sol, 0o644))
	code, out, _ = grade(t, "-w", ws, "--json")
	assert.Equal(t, 0, code, out)
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	assert.Equal(t, 1.0, raw["score"])

	code, _, errOut = grade(t, "-w", ws, "nope")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `no exercise "nope"`)

	code, _, errOut = grade(t, "--bogus")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "flag provided but not defined: -bogus")

	code, _, errOut = grade(t, "-w", t.TempDir())
	assert.Equal(t, 2, code, "a workspace without the course's folders is a configuration error")
	assert.Contains(t, errOut, "folder exercises/tiny not found")
}

func TestVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	code, out, errOut := grade(t, "verify", "-w", workspace(t))
	assert.Equal(t, 0, code, "%s\n%s", out, errOut)
	assert.Contains(t, out, "all 3 variants behave as they should")
}
