package release

import (
	"bytes"
	"context"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata"
	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader/report"
)

func TestWithoutHidden(t *testing.T) {
	tests := []struct {
		name, src, want string
		keep            bool
	}{
		{"no constraint", "package p\n", "package p\n", true},
		{"other tag", "//go:build linux\n\npackage p\n", "//go:build linux\n\npackage p\n", true},
		{"hidden", "//go:build hidden\n\npackage p\n", "", false},
		{"hidden and linux", "//go:build hidden && linux\n\npackage p\n", "", false},
		{"not hidden", "//go:build !hidden\n\npackage p\n", "package p\n", true},
		{"not hidden, comment first", "// Copyright.\n\n//go:build !hidden\n\npackage p\n", "// Copyright.\n\npackage p\n", true},
		{"not hidden and linux", "//go:build !hidden && linux\n\npackage p\n", "//go:build linux\n\npackage p\n", true},
		{"hidden or linux", "//go:build hidden || linux\n\npackage p\n", "//go:build linux\n\npackage p\n", true},
		{"not (hidden and linux)", "//go:build !(hidden && linux)\n\npackage p\n", "package p\n", true},
		{"plus build hidden", "// +build hidden\n\npackage p\n", "", false},
		{"plus build ignored beside go:build", "//go:build !hidden\n// +build !hidden\n\npackage p\n", "package p\n", true},
		{"after the package clause", "package p\n\n//go:build hidden\n", "package p\n\n//go:build hidden\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, keep, err := withoutHidden([]byte(tt.src))
			require.NoError(t, err)
			assert.Equal(t, tt.keep, keep)
			if keep {
				assert.Equal(t, tt.want, string(got))
			}
		})
	}
	_, _, err := withoutHidden([]byte("//go:build hidden &&\n\npackage p\n"))
	assert.Error(t, err, "a malformed constraint is an error, not a guess")
}

// writeTree writes files (slash-separated names → contents) below dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
}

// TestWriteRules releases a small made-up course (no git: every file is a candidate) and
// checks each rule by the reason it gives.
func TestWriteRules(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, map[string]string{
		"go.mod":                         "module example.com/c\n\ngo 1.26\n",
		".gitignore":                     ".grade/\n",
		".ci/run":                        "#!/bin/sh\n",
		".grade/x/plot.png":              "png",
		"_notes/brief.md":                "secret plan\n",
		"BRIEF.md":                       "instructor brief\n",
		"README.md":                      "# course\n",
		"data.go":                        "package c\n\nimport \"embed\"\n\n//go:embed testdata/fixtures\nvar Fixtures embed.FS\n",
		"testdata/fixtures/a.csv":        "x\n1\n",
		"testdata/oracle.json":           "{}\n",
		"ex/one/one.go":                  "package one\n\nfunc F() int { panic(\"not implemented\") }\n",
		"ex/one/one_test.go":             "package one\n",
		"ex/one/answer/one.go":           "package one\n\nfunc F() int { return 42 }\n",
		"ex/one/check/check.go":          "package check\n",
		"ex/one/check/visible.go":        "//go:build !hidden\n\npackage check\n\nconst hidden = false\n",
		"ex/one/check/hidden.go":         "//go:build hidden\n\npackage check\n\nimport _ \"embed\"\n\nconst hidden = true\n\n//go:embed secret.csv\nvar secret string\n",
		"ex/one/check/secret.csv":        "the hidden answers\n",
		"ex/one/check/wrong/w1/one.go":   "package one\n\nfunc F() int { return 41 }\n",
		"ex/two/two.go":                  "package two\n",
		"ex/two/check/oops/variant/x.go": "package two\n",
	})
	out := filepath.Join(t.TempDir(), "out")
	res, err := Write(context.Background(), Options{Source: src, Out: out, Exclude: []string{"BRIEF.md"}}, nil)
	require.NoError(t, err)

	assert.Equal(t, []string{
		".gitignore", "README.md", "data.go", "ex/one/check/check.go", "ex/one/check/visible.go",
		"ex/one/one.go", "ex/two/two.go", "go.mod", "testdata/fixtures/a.csv",
	}, res.Files)
	reasons := map[string]string{}
	for _, d := range res.Dropped {
		reasons[d.Path] = d.Reason
	}
	assert.Equal(t, map[string]string{
		".ci/run":                        "a name starting with . or _",
		".grade/x/plot.png":              "a name starting with . or _",
		"_notes/brief.md":                "a name starting with . or _",
		"BRIEF.md":                       "excluded by BRIEF.md",
		"testdata/oracle.json":           "test data",
		"ex/one/one_test.go":             "a test file",
		"ex/one/answer/one.go":           "a copy of package one of ex/one (a solution or mistake variant)",
		"ex/one/check/wrong/w1/one.go":   "a copy of package one of ex/one (a solution or mistake variant)",
		"ex/two/check/oops/variant/x.go": "a copy of package two of ex/two (a solution or mistake variant)",
		"ex/one/check/hidden.go":         "needs the hidden build tag",
		"ex/one/check/secret.csv":        "embedded only by files that need the hidden build tag",
	}, reasons)
	assert.Equal(t, []string{"ex/one/check/visible.go"}, res.Rewritten)
	b, err := os.ReadFile(filepath.Join(out, "ex/one/check/visible.go"))
	require.NoError(t, err)
	assert.Equal(t, "package check\n\nconst hidden = false\n", string(b))
}

func TestWriteRefusesNonEmptyOut(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, map[string]string{"go.mod": "module example.com/c\n", "a.go": "package c\n"})
	out := t.TempDir()
	writeTree(t, out, map[string]string{"old.txt": "old\n", ".git/HEAD": "ref\n"})

	_, err := Write(context.Background(), Options{Source: src, Out: out}, nil)
	require.ErrorContains(t, err, "is not empty")
	assert.FileExists(t, filepath.Join(out, "old.txt"), "a refused release touches nothing")

	_, err = Write(context.Background(), Options{Source: src, Out: out, Force: true}, nil)
	require.NoError(t, err)
	assert.NoFileExists(t, filepath.Join(out, "old.txt"))
	assert.FileExists(t, filepath.Join(out, ".git/HEAD"), "Force keeps the release repository's .git")
	assert.FileExists(t, filepath.Join(out, "a.go"))

	_, err = Write(context.Background(), Options{Source: src, Out: filepath.Join(src, "release")}, nil)
	assert.ErrorContains(t, err, "inside the source")
	_, err = Write(context.Background(), Options{Source: out + "/nowhere", Out: t.TempDir()}, nil)
	assert.ErrorContains(t, err, "not a module root")
}

// TestCourseRelease releases mlkata itself, with the exercises that exist now, and proves that
// nothing hidden leaks.
func TestCourseRelease(t *testing.T) {
	src, err := filepath.Abs("../..")
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "learner")
	// HEAD, not the work tree: other authors' uncommitted edits would make a half-edited tree.
	// With the grading workflow, as for GitHub Classroom: the leak checks below cover it too.
	res, err := Write(context.Background(), Options{Source: src, Out: out, Exercises: exercises.All(), Ref: "HEAD",
		Workflow: []byte(mlkata.GradeWorkflow), WorkflowRepo: "my-school/ml-course"}, nil)
	require.NoError(t, err)
	require.NotNil(t, res.Workflow)
	assert.Contains(t, res.Files, WorkflowPath)
	assert.Regexp(t, `^[0-9a-f]{40}([0-9a-f]{24})?$`, res.Workflow.Ref, "--ref HEAD of a git work tree is pinned")

	_, err = Write(context.Background(), Options{Source: src, Out: t.TempDir(), Ref: "no-such-revision"}, nil)
	assert.ErrorContains(t, err, "git archive no-such-revision")

	var released []string
	require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(out, p)
			released = append(released, filepath.ToSlash(rel))
		}
		return nil
	}))
	// Result.Files is sorted by string; the walk visits a folder "x" before a file "x.md".
	slices.Sort(released)
	assert.Equal(t, res.Files, released, "Result.Files lists exactly what is on disk")

	t.Run("no file needs the hidden tag, no constraint mentions it", func(t *testing.T) {
		for _, f := range released {
			if !strings.HasSuffix(f, ".go") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(out, f))
			require.NoError(t, err)
			_, keep, err := withoutHidden(b)
			require.NoError(t, err)
			assert.True(t, keep, f)
			for line := range strings.Lines(string(b)) {
				if strings.HasPrefix(line, "//go:build") || strings.HasPrefix(line, "// +build") {
					assert.NotContains(t, line, HiddenTag, f)
				}
			}
		}
	})

	t.Run("no solution, no mistake variant, no test file", func(t *testing.T) {
		require.NotEmpty(t, exercises.All())
		inRelease := 0
		for _, e := range exercises.All() {
			assert.NoDirExists(t, filepath.Join(out, e.SolutionDir()))
			assert.NoDirExists(t, filepath.Join(out, e.MistakeDir()))
			// An exercise listed in the work tree's course may not be committed yet.
			if _, err := os.Stat(filepath.Join(out, e.Dir)); err == nil {
				inRelease++
				assert.FileExists(t, filepath.Join(out, e.Dir, "README.md"))
			}
		}
		assert.NotZero(t, inRelease, "the stubs are released")
		for _, f := range released {
			assert.NotContains(t, "/"+f, "/solution/", f)
			assert.NotContains(t, f, "/mistakes/", f)
			assert.False(t, strings.HasSuffix(f, "_test.go"), f)
		}
	})

	// Every file of a solution or a mistake variant is a spoiler; none may reappear under
	// another name.
	t.Run("no released file has a spoiler's content", func(t *testing.T) {
		spoilers := map[string]string{}
		for _, e := range exercises.All() {
			for _, dir := range []string{e.SolutionDir(), e.MistakeDir()} {
				_ = filepath.WalkDir(filepath.Join(src, dir), func(p string, d fs.DirEntry, err error) error {
					if err == nil && d.Type().IsRegular() {
						b, _ := os.ReadFile(p)
						spoilers[string(b)] = p
					}
					return nil
				})
			}
		}
		require.NotEmpty(t, spoilers)
		for _, f := range released {
			b, err := os.ReadFile(filepath.Join(out, f))
			require.NoError(t, err)
			if p, ok := spoilers[string(b)]; ok {
				t.Errorf("%s has the content of %s", f, p)
			}
		}
	})

	// The string literals of the files that need the hidden tag (check names, messages, data)
	// that appear in no other source file must appear nowhere in the release.
	t.Run("no string found only in hidden files", func(t *testing.T) {
		hiddenOnly := hiddenOnlyStrings(t, src)
		require.NotEmpty(t, hiddenOnly, "the course has hidden checks with their own strings")
		for _, f := range released {
			b, err := os.ReadFile(filepath.Join(out, f))
			require.NoError(t, err)
			for _, s := range hiddenOnly {
				if bytes.Contains(b, []byte(s)) {
					t.Errorf("%s contains %q, which only hidden files have", f, s)
				}
			}
		}
	})

	if testing.Short() {
		t.Skip("builds, vets and grades the release")
	}
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = out
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), b)
		return string(b)
	}
	goCmd("build", "./...")
	goCmd("vet", "./...")
	// Built with the hidden tag, as CI builds the instructor's grade, the release still builds:
	// the tag simply finds no hidden files.
	bin := filepath.Join(t.TempDir(), "grade")
	goCmd("build", "-tags", HiddenTag, "-o", bin, "./cmd/grade")

	// The release's own grade grades the release: every exercise is not started.
	cmd := exec.Command(bin, "--json", "--hidden", "--workspace", out)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, "stderr: %s", stderr.String())
	assert.Equal(t, 1, ee.ExitCode(), "exit code 1: checks not passed")
	r, err := report.ReadJSON(&stdout)
	require.NoError(t, err, stderr.String())
	require.NotEmpty(t, r.Exercises)
	var slugs []string
	for _, e := range exercises.All() {
		slugs = append(slugs, e.Slug)
	}
	for _, e := range r.Exercises {
		assert.Contains(t, slugs, e.Slug)
		assert.Equal(t, report.NotStarted, e.Status, "%s: %s", e.Slug, e.Message)
		for _, c := range e.Checks {
			assert.Equal(t, report.Visible, c.Visibility, "%s: %s is hidden", e.Slug, c.Name)
		}
	}
	assert.Zero(t, r.Score)
}

// hiddenOnlyStrings returns the string literals of at least 12 bytes found in the source's Go
// files that need the hidden tag and in no other file of the source (.git and .grade aside).
func hiddenOnlyStrings(t *testing.T, src string) []string {
	t.Helper()
	var hiddenFiles, otherFiles []string
	require.NoError(t, filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() && (d.Name() == ".git" || d.Name() == ".grade") {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if strings.HasSuffix(p, ".go") && needsHidden(p) {
			hiddenFiles = append(hiddenFiles, p)
		} else {
			otherFiles = append(otherFiles, p)
		}
		return nil
	}))
	literals := map[string]bool{}
	for _, f := range hiddenFiles {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var s scanner.Scanner
		fset := token.NewFileSet()
		s.Init(fset.AddFile(f, -1, len(b)), b, nil, 0)
		for {
			_, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok != token.STRING {
				continue
			}
			if v, err := strconv.Unquote(lit); err == nil && len(v) >= 12 {
				literals[v] = true
			}
		}
	}
	for _, f := range otherFiles {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for s := range literals {
			if bytes.Contains(b, []byte(s)) {
				delete(literals, s)
			}
		}
	}
	var out []string
	for s := range literals {
		out = append(out, s)
	}
	return out
}
