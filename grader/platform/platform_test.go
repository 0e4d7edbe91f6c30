package platform_test

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/platform"
)

func TestMain(m *testing.M) {
	grader.Main()
	os.Exit(m.Run())
}

func TestCourse(t *testing.T) {
	course := []*grader.Exercise{{Slug: "x", Dir: "exercises/01-x", Solution: "answer"}}
	files := []string{
		"go.mod",
		".gitignore",
		".github/workflows/ci.yml",
		"_notes/todo.md",
		"notes/brief.md",
		"cmd/grade/main.go",
		"cmd/grade/main_test.go",
		"exercises/01-x/x.go",
		"exercises/01-x/README.md",
		"exercises/01-x/answer/x.go",
		"exercises/01-x/check/check.go",
		"exercises/01-x/check/hidden.go",
		"exercises/01-x/check/mistakes/off-by-one/x.go",
		"exercises/01-x/check/alternatives/loop/x.go",
		"grader/testdata/ws/exercises/tiny/solution/tiny.go",
		"grader/testdata/ws/exercises/tiny/tiny.go",
		"testdata/datasets/iris.csv",
	}
	keep, dropped := platform.Course(files, course, []string{"notes"})
	assert.Equal(t, []string{
		"go.mod",
		"cmd/grade/main.go",
		"exercises/01-x/x.go",
		"exercises/01-x/README.md",
		"exercises/01-x/check/check.go",
		"exercises/01-x/check/hidden.go",
		"grader/testdata/ws/exercises/tiny/tiny.go",
		"testdata/datasets/iris.csv",
	}, keep)
	assert.Len(t, dropped, len(files)-len(keep))
}

// writeFiles writes files (slash-separated path → content) below dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

// readFiles reads every file below dir.
func readFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	}))
	return out
}

func TestPlace(t *testing.T) {
	course := []*grader.Exercise{
		{Slug: "loading", Dir: "exercises/01-loading"},
		{Slug: "reg", Dir: "exercises/02-reg"},
		{Slug: "cls", Dir: "exercises/03-cls"},
	}
	template := map[string]string{
		"go.mod":                            "module example.com/kata\n",
		"exercises/01-loading/loading.go":   "package loading\n// stub\n",
		"exercises/01-loading/README.md":    "task\n",
		"exercises/02-reg/metrics.go":       "package regmetrics\n// stub\n",
		"exercises/03-cls/metrics.go":       "package clsmetrics\n// stub\n",
		"exercises/03-cls/check/check.go":   "package check\n// the course's\n",
		"exercises/internal/plane/plane.go": "package plane\n",
		"cmd/grade/main.go":                 "package main\n// the course's\n",
	}
	tests := []struct {
		name       string
		submission map[string]string
		repository bool
		copied     []platform.Copied
		ignored    []string // path: reason fragment
		course     int
		want       map[string]string // files of the workspace that change
		gone       []string          // files of the workspace removed
	}{
		{
			name: "repository, as GitHub uploads it",
			submission: map[string]string{
				"go.mod":                            "module evil\n",
				"cmd/grade/main.go":                 "package main\n// forged\n",
				"exercises/01-loading/loading.go":   "package loading\n// mine\n",
				"exercises/01-loading/README.md":    "my notes\n",
				"exercises/01-loading/load_test.go": "package loading\n",
				"exercises/03-cls/metrics.go":       "package clsmetrics\n// mine\n",
				"exercises/03-cls/check/check.go":   "package check\n// forged\n",
				"exercises/99-extra/x.go":           "package x\n",
				".git/config":                       "[core]\n",
			},
			repository: true,
			copied: []platform.Copied{
				{"exercises/01-loading/loading.go", "exercises/01-loading/loading.go"},
				{"exercises/03-cls/metrics.go", "exercises/03-cls/metrics.go"},
			},
			ignored: []string{"exercises/01-loading/load_test.go: a test file"},
			course:  5,
			want: map[string]string{
				"exercises/01-loading/loading.go": "package loading\n// mine\n",
				"exercises/03-cls/metrics.go":     "package clsmetrics\n// mine\n",
			},
		},
		{
			name: "repository zipped in a folder, with a stub renamed",
			submission: map[string]string{
				"mlkata-main/exercises/01-loading/load.go":            "package loading\n// mine\n",
				"mlkata-main/exercises/01-loading/helpers.go":         "package loading\n// helpers\n",
				"__MACOSX/mlkata-main/exercises/01-loading/._load.go": "junk",
			},
			repository: true,
			copied: []platform.Copied{
				{"mlkata-main/exercises/01-loading/helpers.go", "exercises/01-loading/helpers.go"},
				{"mlkata-main/exercises/01-loading/load.go", "exercises/01-loading/load.go"},
			},
			want: map[string]string{
				"exercises/01-loading/load.go":    "package loading\n// mine\n",
				"exercises/01-loading/helpers.go": "package loading\n// helpers\n",
			},
			gone: []string{"exercises/01-loading/loading.go"},
		},
		{
			name: "loose files, one name shared by two exercises",
			submission: map[string]string{
				"loading.go":       "package loading\n// mine\n",
				"week2/metrics.go": "package regmetrics\n// mine\n",
				"notes.txt":        "hello\n",
				"metrics_test.go":  "package regmetrics\n",
				"main.go":          "package main\n",
			},
			copied: []platform.Copied{
				{"loading.go", "exercises/01-loading/loading.go"},
				{"week2/metrics.go", "exercises/02-reg/metrics.go"},
			},
			ignored: []string{
				"main.go: no exercise has a file named main.go",
				"metrics_test.go: a test file",
				"notes.txt: not a Go file",
			},
			want: map[string]string{
				"exercises/01-loading/loading.go": "package loading\n// mine\n",
				"exercises/02-reg/metrics.go":     "package regmetrics\n// mine\n",
			},
		},
		{
			name: "loose file whose package names no exercise, and two files for one place",
			submission: map[string]string{
				"metrics.go":   "package mystery\n",
				"a/loading.go": "package loading\n// a\n",
				"b/loading.go": "package loading\n// b\n",
			},
			copied: []platform.Copied{{"a/loading.go", "exercises/01-loading/loading.go"}},
			ignored: []string{
				"b/loading.go: goes to exercises/01-loading/loading.go, like a/loading.go",
				"metrics.go: several exercises have a file named metrics.go (exercises/02-reg, exercises/03-cls)",
			},
			want: map[string]string{"exercises/01-loading/loading.go": "package loading\n// a\n"},
		},
		{
			name:       "garbage",
			submission: map[string]string{"submission.pdf": "%PDF", "README.md": "hi"},
			ignored:    []string{"README.md: not a Go file", "submission.pdf: not a Go file"},
		},
		{
			name:       "empty",
			submission: map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, sub := filepath.Join(t.TempDir(), "ws"), filepath.Join(t.TempDir(), "sub")
			writeFiles(t, ws, template)
			require.NoError(t, os.MkdirAll(sub, 0o755))
			writeFiles(t, sub, tt.submission)
			p, err := platform.Place(sub, ws, course)
			require.NoError(t, err)
			assert.Equal(t, tt.repository, p.Repository)
			assert.Equal(t, tt.copied, p.Copied)
			var ignored []string
			for _, g := range p.Ignored {
				ignored = append(ignored, g.Path+": "+g.Reason)
			}
			require.Len(t, ignored, len(tt.ignored), "%q", ignored)
			for i, want := range tt.ignored {
				assert.True(t, strings.HasPrefix(ignored[i], want), "%q starts with %q", ignored[i], want)
			}
			assert.Equal(t, tt.course, p.Course)
			want := map[string]string{}
			for k, v := range template {
				want[k] = v
			}
			for k, v := range tt.want {
				want[k] = v
			}
			for _, k := range tt.gone {
				delete(want, k)
			}
			assert.Equal(t, want, readFiles(t, ws), "the workspace after placing")
		})
	}
}

func TestPlaceSkipsLinksAndBigFiles(t *testing.T) {
	course := []*grader.Exercise{{Slug: "a", Dir: "exercises/a"}}
	ws, sub := t.TempDir(), t.TempDir()
	writeFiles(t, ws, map[string]string{"exercises/a/a.go": "package a\n", "exercises/a/b.go": "package a\n"})
	secret := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, os.WriteFile(secret, []byte("package a\n// secret\n"), 0o644))
	require.NoError(t, os.Symlink(secret, filepath.Join(sub, "a.go")))
	require.NoError(t, os.WriteFile(filepath.Join(sub, "b.go"), bytes.Repeat([]byte("/"), platform.MaxFileSize+1), 0o644))
	p, err := platform.Place(sub, ws, course)
	require.NoError(t, err)
	assert.Empty(t, p.Copied)
	require.Len(t, p.Ignored, 2)
	assert.Contains(t, p.Ignored[0].Reason, "symbolic link")
	assert.Contains(t, p.Ignored[1].Reason, "larger than 1024 KiB")
	assert.Equal(t, map[string]string{"exercises/a/a.go": "package a\n", "exercises/a/b.go": "package a\n"}, readFiles(t, ws))
}

func TestGoSHA256(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("mode") != "json" {
			http.NotFound(w, r)
			return
		}
		// The shape of https://go.dev/dl/?mode=json&include=all, cut down.
		w.Write([]byte(`[{"version":"go1.26.0","stable":true,"files":[
			{"filename":"go1.26.0.src.tar.gz","os":"","arch":"","version":"go1.26.0","sha256":"` + strings.Repeat("11", 32) + `","size":1,"kind":"source"},
			{"filename":"go1.26.0.linux-arm64.tar.gz","os":"linux","arch":"arm64","version":"go1.26.0","sha256":"` + strings.Repeat("22", 32) + `","size":1,"kind":"archive"},
			{"filename":"go1.26.0.linux-amd64.tar.gz","os":"linux","arch":"amd64","version":"go1.26.0","sha256":"` + sum + `","size":1,"kind":"archive"}]}]`))
	}))
	defer srv.Close()
	got, err := platform.GoSHA256(context.Background(), srv.Client(), srv.URL+"/dl/?mode=json&include=all", "go1.26.0")
	require.NoError(t, err)
	assert.Equal(t, sum, got)
	_, err = platform.GoSHA256(context.Background(), srv.Client(), srv.URL+"/dl/?mode=json&include=all", "go1.25.9")
	assert.ErrorContains(t, err, "lists no go1.25.9.linux-amd64.tar.gz")
	_, err = platform.GoSHA256(context.Background(), srv.Client(), srv.URL+"/elsewhere", "go1.26.0")
	assert.ErrorContains(t, err, "404")
}

// repoRoot is the instructor's repository: this module's root.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	return root
}

// goVersion is the Go release of the toolchain running the tests, for the zip's setup.sh.
func goVersion() string {
	v := runtime.Version()
	if i := strings.IndexAny(v, " -+"); i >= 0 {
		v = v[:i]
	}
	return v
}

var fakeSHA256 = strings.Repeat("0123456789abcdef", 4)

func TestGradescopeZipOptions(t *testing.T) {
	ok := platform.GradescopeOptions{Source: repoRoot(t), Exercises: exercises.All(), GoVersion: "go1.26.0", GoSHA256: fakeSHA256, Seed: 7}
	tests := []struct {
		name   string
		change func(o *platform.GradescopeOptions)
		want   string
	}{
		{"Go version with shell syntax", func(o *platform.GradescopeOptions) { o.GoVersion = "go1.26.0; rm -rf /" }, "want a release"},
		{"short checksum", func(o *platform.GradescopeOptions) { o.GoSHA256 = "abc" }, "64 lowercase hex digits"},
		{"zero seed", func(o *platform.GradescopeOptions) { o.Seed = 0 }, "seed"},
		{"flag with shell syntax", func(o *platform.GradescopeOptions) { o.Flags = []string{"--x=$(id)"} }, "want --name"},
		{"not a module", func(o *platform.GradescopeOptions) { o.Source = t.TempDir() }, "not the root"},
		{"unknown revision", func(o *platform.GradescopeOptions) { o.Ref = "no-such-revision-anywhere" }, "git archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := ok
			tt.change(&o)
			_, err := platform.GradescopeZip(context.Background(), o, &bytes.Buffer{})
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestGradescopeZip(t *testing.T) {
	var b bytes.Buffer
	res, err := platform.GradescopeZip(context.Background(), platform.GradescopeOptions{
		Source: repoRoot(t), Ref: "HEAD", Exercises: exercises.All(), Exclude: []string{"mlkit/BENCHMARKS.md"},
		GoVersion: "go1.26.0", GoSHA256: fakeSHA256, Seed: 2024, Flags: []string{"--time-limit=9m0s"},
	}, &b)
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	require.NoError(t, err)
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
		elems := strings.Split(f.Name, "/")
		for i, e := range elems {
			assert.NotEqual(t, "solution", e, f.Name)
			assert.False(t, e == "mistakes" && i > 0 && elems[i-1] == "check", f.Name)
			assert.False(t, e == "alternatives" && i > 0 && elems[i-1] == "check", f.Name)
			assert.False(t, strings.HasPrefix(e, "."), f.Name)
		}
		assert.False(t, strings.HasSuffix(f.Name, "_test.go"), f.Name)
		if f.Name != "setup.sh" && f.Name != "run_autograder" {
			assert.True(t, strings.HasPrefix(f.Name, platform.CourseDir+"/"), f.Name)
		}
	}
	assert.Len(t, zr.File, 2+len(res.Course))
	for _, name := range []string{"setup.sh", "run_autograder"} {
		require.Contains(t, files, name)
		assert.Equal(t, os.FileMode(0o755), files[name].Mode().Perm(), name+" is executable")
	}
	read := func(name string) string {
		r, err := files[name].Open()
		require.NoError(t, err)
		defer r.Close()
		var out bytes.Buffer
		_, err = out.ReadFrom(r)
		require.NoError(t, err)
		return out.String()
	}
	setup, run := read("setup.sh"), read("run_autograder")
	assert.Contains(t, setup, `go_version="go1.26.0"`)
	assert.Contains(t, setup, `go_sha256="`+fakeSHA256+`"`)
	assert.Contains(t, run, `MLKATA_SEED="${MLKATA_SEED:-2024}"`)
	assert.Contains(t, run, `autograde gradescope --root "$root" --time-limit=9m0s`)
	assert.NotContains(t, setup+run, "{{", "every template action ran")
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"setup.sh": setup, "run_autograder": run})
		out, err := exec.Command(sc, "--shell=bash", filepath.Join(dir, "setup.sh"), filepath.Join(dir, "run_autograder")).CombinedOutput()
		assert.NoError(t, err, "shellcheck:\n%s", out)
	} else {
		t.Log("no shellcheck: the scripts are not linted")
	}

	// The course: the hidden checks stay (the zip is the instructor's), the solutions go.
	for _, e := range exercises.All() {
		assert.Contains(t, files, platform.CourseDir+"/"+e.Dir+"/README.md")
	}
	assert.Contains(t, files, platform.CourseDir+"/go.mod")
	assert.Contains(t, files, platform.CourseDir+"/cmd/grade/main.go")
	assert.Contains(t, files, platform.CourseDir+"/exercises/01-loading-data/check/hidden.go")
	assert.NotContains(t, files, platform.CourseDir+"/mlkit/BENCHMARKS.md", "excluded")
	assert.Contains(t, res.Dropped, "exercises/01-loading-data/solution/loading.go")
}

func TestRunAutograderAlwaysWritesResults(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	var b bytes.Buffer
	_, err = platform.GradescopeZip(context.Background(), platform.GradescopeOptions{
		Source: repoRoot(t), Exercises: exercises.All(), GoVersion: "go1.26.0", GoSHA256: fakeSHA256, Seed: 5,
	}, &b)
	require.NoError(t, err)
	root := t.TempDir()
	unzip(t, b.Bytes(), filepath.Join(root, "source"))
	// A grade that crashes before writing anything, and one that writes half a file and dies.
	for name, script := range map[string]string{
		"crash":   "#!/bin/sh\necho 'panic: boom' >&2\nexit 2\n",
		"missing": "",
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, os.RemoveAll(filepath.Join(root, "bin")))
			if script != "" {
				writeFiles(t, root, map[string]string{"bin/grade": script})
				require.NoError(t, os.Chmod(filepath.Join(root, "bin/grade"), 0o755))
			}
			writeFiles(t, root, map[string]string{"results/results.json": "stale"})
			cmd := exec.Command(bash, filepath.Join(root, "source", "run_autograder"))
			cmd.Env = append(os.Environ(), "AUTOGRADER_ROOT="+root, "MLKATA_GOROOT="+t.TempDir())
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Contains(t, string(out), "wrote no results")
			r := validGradescope(t, filepath.Join(root, "results", "results.json"))
			score, _ := scoreOf(r)
			assert.Zero(t, score)
			assert.Contains(t, *r.Output, "not a judgement of your code")
		})
	}
}

// unzip extracts the zip in data to dir, keeping the executable bits.
func unzip(t *testing.T, data []byte, dir string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		r, err := f.Open()
		require.NoError(t, err)
		var b bytes.Buffer
		_, err = b.ReadFrom(r)
		r.Close()
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(p, b.Bytes(), f.Mode().Perm()))
	}
}

// TestGradescopeSnapshotBuilds proves that the course in the zip, without its solutions,
// mistake variants and tests, still builds grade with the hidden checks, as setup.sh does.
func TestGradescopeSnapshotBuilds(t *testing.T) {
	var b bytes.Buffer
	_, err := platform.GradescopeZip(context.Background(), platform.GradescopeOptions{
		Source: repoRoot(t), Exercises: exercises.All(), GoVersion: "go1.26.0", GoSHA256: fakeSHA256, Seed: 1,
	}, &b)
	require.NoError(t, err)
	dir := t.TempDir()
	unzip(t, b.Bytes(), dir)
	// -trimpath, as setup.sh builds: the build cache then serves any folder of the same files.
	cmd := exec.Command("go", "build", "-tags=hidden", "-trimpath", "-o", filepath.Join(t.TempDir(), "grade"), "./cmd/grade")
	cmd.Dir = filepath.Join(dir, platform.CourseDir)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly")
	out, err := cmd.CombinedOutput()
	assert.NoError(t, err, "go build -tags hidden ./cmd/grade in the snapshot:\n%s", out)
}
