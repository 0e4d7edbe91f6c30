package platform_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader/platform"
)

// TestGradescopeEndToEnd packages the real course, unzips it into a folder laid out like
// Gradescope's /autograder, runs setup.sh (with the Go of the tests standing in for the one it
// would download) and then run_autograder with bash for several submissions, and checks each
// results.json against Gradescope's documented format and the expected scores.
func TestGradescopeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grade and grades the whole course several times")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	goenv, err := exec.Command("go", "env", "GOROOT", "GOCACHE", "GOMODCACHE").Output()
	require.NoError(t, err)
	vars := strings.Split(strings.TrimSpace(string(goenv)), "\n")
	require.Len(t, vars, 3)
	course := exercises.All()

	var b bytes.Buffer
	_, err = platform.GradescopeZip(context.Background(), platform.GradescopeOptions{
		Source: repoRoot(t), Exercises: course, GoVersion: goVersion(), GoSHA256: fakeSHA256,
		Seed: 77, Flags: []string{"--time-limit=9m0s"},
	}, &b)
	require.NoError(t, err)
	root := t.TempDir()
	unzip(t, b.Bytes(), filepath.Join(root, "source"))
	// The Go of the tests and its caches stand in for the Go setup.sh would download, and for
	// the caches it would fill (the first build of grade with -trimpath takes minutes).
	env := append(os.Environ(), "AUTOGRADER_ROOT="+root, "MLKATA_GOROOT="+vars[0], "GOCACHE="+vars[1], "GOMODCACHE="+vars[2])
	script := func(name string) (string, error) {
		cmd := exec.Command(bash, filepath.Join(root, "source", name))
		cmd.Env, cmd.Dir = env, root
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	// setup.sh builds grade with -tags hidden from the snapshot: the snapshot builds.
	out, err := script("setup.sh")
	require.NoError(t, err, "setup.sh:\n%s", out)
	assert.FileExists(t, filepath.Join(root, "bin", "grade"))
	assert.NoDirExists(t, filepath.Join(root, "template", ".grade"), "the warm-up's results are not copied to submissions")
	for _, e := range course {
		assert.NoDirExists(t, filepath.Join(root, "template", filepath.FromSlash(e.SolutionDir())))
	}

	// solution returns the reference solution's files of exercise dir, by name.
	solution := func(e string) map[string]string {
		files := map[string]string{}
		for _, ex := range course {
			if ex.Dir != e {
				continue
			}
			matches, err := filepath.Glob(filepath.Join(repoRoot(t), filepath.FromSlash(ex.SolutionDir()), "*.go"))
			require.NoError(t, err)
			for _, m := range matches {
				if strings.HasSuffix(m, "_test.go") {
					continue
				}
				data, err := os.ReadFile(m)
				require.NoError(t, err)
				files[filepath.Base(m)] = string(data)
			}
		}
		require.NotEmpty(t, files, e)
		return files
	}
	template := func(sub string) {
		require.NoError(t, os.CopyFS(sub, os.DirFS(filepath.Join(root, "template"))))
	}
	// byExercise sums the score and maximum of the tests of each exercise (its tag).
	byExercise := func(r gsResults) map[string][2]float64 {
		out := map[string][2]float64{}
		for _, tc := range r.Tests {
			require.Len(t, tc.Tags, 1)
			s := out[tc.Tags[0]]
			s[0] += *tc.Score
			s[1] += *tc.MaxScore
			out[tc.Tags[0]] = s
		}
		return out
	}

	tests := []struct {
		name   string
		fill   func(sub string)
		check  func(t *testing.T, r gsResults)
		output []string
	}{
		{"reference solutions, as a repository", func(sub string) {
			template(sub)
			for _, e := range course {
				dir := filepath.Join(sub, filepath.FromSlash(e.Dir))
				stubs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
				for _, s := range stubs {
					require.NoError(t, os.Remove(s))
				}
				for name, data := range solution(e.Dir) {
					require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
				}
			}
		}, func(t *testing.T, r gsResults) {
			score, max := scoreOf(r)
			assert.Positive(t, max)
			assert.Equal(t, max, score, "full marks")
			assert.Equal(t, len(r.Tests), statuses(r)["passed"])
		}, []string{"seed 77", "Graded "}},
		{"not started: the template as it is", template, func(t *testing.T, r gsResults) {
			score, max := scoreOf(r)
			assert.Zero(t, score)
			assert.Positive(t, max)
			assert.Equal(t, len(r.Tests), statuses(r)["failed"])
		}, []string{"Visible checks: 0/"}},
		{"loose files: two metrics.go told apart by their package", func(sub string) {
			for i, e := range []string{"exercises/02-regression-metrics", "exercises/03-classification-metrics", "exercises/05-standardize"} {
				for name, data := range solution(e) {
					writeFiles(t, sub, map[string]string{filepath.Join("upload", string(rune('a'+i)), name): data})
				}
			}
		}, func(t *testing.T, r gsResults) {
			got := byExercise(r)
			for slug, s := range got {
				switch slug {
				case "regression-metrics", "classification-metrics", "standardize":
					assert.Equal(t, s[1], s[0], "%s: full marks", slug)
				default:
					assert.Zero(t, s[0], "%s: not submitted", slug)
				}
			}
			score, _ := scoreOf(r)
			assert.Equal(t, got["regression-metrics"][1]+got["classification-metrics"][1]+got["standardize"][1], score)
		}, []string{"upload/a/metrics.go as exercises/02-regression-metrics/metrics.go", "upload/b/metrics.go as exercises/03-classification-metrics/metrics.go"}},
		{"broken: garbage in logreg.go", func(sub string) {
			writeFiles(t, sub, map[string]string{"logreg.go": "this is not Go at all {{{", "notes.txt": "hi"})
		}, func(t *testing.T, r gsResults) {
			score, max := scoreOf(r)
			assert.Zero(t, score)
			assert.Positive(t, max)
		}, []string{"logreg.go as exercises/12-logistic-regression/logreg.go", "notes.txt: not a Go file"}},
		{"broken: no Go file", func(sub string) {
			writeFiles(t, sub, map[string]string{"report.pdf": "%PDF-1.7"})
		}, func(t *testing.T, r gsResults) {
			score, _ := scoreOf(r)
			assert.Zero(t, score)
			assert.Empty(t, r.Tests)
		}, []string{"no Go file of the course's exercises"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := filepath.Join(root, "submission")
			require.NoError(t, os.RemoveAll(sub))
			require.NoError(t, os.MkdirAll(sub, 0o755))
			tt.fill(sub)
			out, err := script("run_autograder")
			require.NoError(t, err, "run_autograder:\n%s", out)
			r := validGradescope(t, filepath.Join(root, "results", "results.json"))
			tt.check(t, r)
			require.NotNil(t, r.Output)
			for _, want := range tt.output {
				assert.Contains(t, *r.Output, want)
			}
		})
	}
}
