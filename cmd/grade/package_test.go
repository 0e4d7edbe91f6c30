package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPackageHelp(t *testing.T) {
	for _, args := range [][]string{{"package"}, {"package", "gradescope"}} {
		name := strings.Join(args, "-")
		t.Run(name, func(t *testing.T) {
			code, out, errOut := grade(t, t.TempDir(), append(args, "--help")...)
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "xample")
			path := filepath.Join("testdata", "help", name+".txt")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), out)
		})
	}
	_, out, _ := grade(t, t.TempDir(), "package", "--help")
	for _, p := range packagers {
		assert.Contains(t, out, "\n   "+p.Name+" ", "grade package --help lists every platform")
	}
	// grade autograde is for the scripts only.
	_, top, _ := grade(t, t.TempDir(), "--help")
	assert.NotContains(t, top, "\n   autograde ")
}

const sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestPackageUsageErrors(t *testing.T) {
	ws := workspace(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no platform", []string{"package"}, "want a platform (gradescope) and the file to write"},
		{"no file", []string{"package", "gradescope"}, "want the file to write, for example: grade package gradescope autograder.zip"},
		{"unknown platform", []string{"package", "moodle", "x.zip"}, `no platform "moodle": the platforms are gradescope`},
		{"bad Go", []string{"package", "gradescope", "--go", "latest", "--go-sha256", sha, "x.zip"}, `--go "latest": want a Go release`},
		{"Go older than go.mod", []string{"package", "gradescope", "--go", "go1.20.1", "--go-sha256", sha, "x.zip"}, "older than the go1.26 that go.mod asks for"},
		{"autograde of no platform", []string{"autograde"}, "want one platform: gradescope"},
		{"unknown exercise", []string{"package", "gradescope", "--go-sha256", sha, "--only", "nope", "x.zip"}, `no exercise "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := grade(t, ws, tt.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errOut, tt.want)
		})
	}
}

func TestPackageGradescope(t *testing.T) {
	ws := workspace(t)
	out := filepath.Join(ws, "autograder.zip")
	require.NoError(t, os.WriteFile(out, []byte("an earlier zip"), 0o644))
	code, stdout, errOut := grade(t, ws, "package", "gradescope", "--go", "go1.26.0", "--go-sha256", sha, "--seed", "99", "--reveal-hidden", "--only", "1", out)
	require.Equal(t, exitPassed, code, errOut)
	assert.Contains(t, stdout, "wrote "+out)
	assert.Contains(t, stdout, "Go go1.26.0, seed 99")
	zr, err := zip.OpenReader(out)
	require.NoError(t, err)
	defer zr.Close()
	var names []string
	var run string
	for _, f := range zr.File {
		names = append(names, f.Name)
		assert.NotContains(t, f.Name, "solution/")
		assert.NotContains(t, f.Name, "mistakes/")
		if f.Name == "run_autograder" {
			r, err := f.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(r)
			require.NoError(t, err)
			run = string(b)
		}
	}
	assert.Contains(t, names, "setup.sh")
	assert.Contains(t, names, "course/exercises/tiny/tiny.go")
	assert.NotContains(t, names, "course/autograder.zip", "the earlier zip is not packaged")
	assert.Contains(t, run, `MLKATA_SEED="${MLKATA_SEED:-99}"`)
	assert.Contains(t, run, "--reveal-hidden --only=tiny --time-limit=9m0s")
}

func TestAutogradeGradescope(t *testing.T) {
	ws := workspace(t)
	root := filepath.Join(filepath.Dir(ws), "autograder")
	require.NoError(t, os.CopyFS(filepath.Join(root, "template"), os.DirFS(ws)))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "submission"), 0o755))
	solution, err := os.ReadFile(filepath.Join(ws, "exercises", "tiny", "solution", "tiny.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(root, "submission", "tiny.go"), solution, 0o644))

	e, _, stderr := testEnv(ws, map[string]string{"AUTOGRADER_ROOT": root, "MLKATA_SEED": "31"})
	code := run([]string{"grade", "autograde", "gradescope", "--time-limit", "5m", "--only", "tiny"}, e)
	require.Equal(t, exitPassed, code, stderr.String())
	data, err := os.ReadFile(filepath.Join(root, "results", "results.json"))
	require.NoError(t, err)
	var res struct {
		Score  float64
		Output string
		Tests  []struct{ Status string }
	}
	require.NoError(t, json.Unmarshal(data, &res))
	assert.Equal(t, 3.0, res.Score, "both checks pass")
	assert.Len(t, res.Tests, 2)
	assert.Contains(t, res.Output, "seed 31", "the seed from $MLKATA_SEED")
	assert.Contains(t, res.Output, "tiny.go as exercises/tiny/tiny.go")
}

func TestAutogradeGradescopeUnknownExercise(t *testing.T) {
	ws := workspace(t)
	root := filepath.Join(filepath.Dir(ws), "autograder")
	require.NoError(t, os.CopyFS(filepath.Join(root, "template"), os.DirFS(ws)))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "submission"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "submission", "tiny.go"), []byte("package tiny\n"), 0o644))
	e, _, stderr := testEnv(ws, nil)
	code := run([]string{"grade", "autograde", "gradescope", "--root", root, "--only", "nope"}, e)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr.String(), `no exercise "nope"`)
	data, err := os.ReadFile(filepath.Join(root, "results", "results.json"))
	require.NoError(t, err, "results even when the autograder is misconfigured")
	assert.Contains(t, string(data), "not a judgement of your code")
}
