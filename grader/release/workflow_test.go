package release

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata"
	"github.com/mlkata/mlkata/grader"
)

const (
	testRepo = "my-school/ml-course"
	testSHA  = "0123456789abcdef0123456789abcdef01234567"
)

// TestFillWorkflow fills the documented workflow (mlkata.GradeWorkflow) in every variant: only
// the two env lines change, and a variable that is set still wins over the default.
func TestFillWorkflow(t *testing.T) {
	const repoLine = "      MLKATA_REPO: ${{ vars.MLKATA_REPO }}"
	const refLine = "      MLKATA_REF: ${{ vars.MLKATA_REF }}"
	tests := []struct {
		name, repo, ref   string
		wantRepo, wantRef string
	}{
		{"nothing known", "", "", repoLine, refLine},
		{"repository", testRepo, "", "      MLKATA_REPO: ${{ vars.MLKATA_REPO || 'my-school/ml-course' }}", refLine},
		{"commit", "", testSHA, repoLine, "      MLKATA_REF: ${{ vars.MLKATA_REF || '" + testSHA + "' }}"},
		{"both", "a/b.c", testSHA, "      MLKATA_REPO: ${{ vars.MLKATA_REPO || 'a/b.c' }}", "      MLKATA_REF: ${{ vars.MLKATA_REF || '" + testSHA + "' }}"},
	}
	doc := strings.Split(mlkata.GradeWorkflow, "\n")
	require.Contains(t, doc, repoLine, "docs/github-actions/grade.yml sets MLKATA_REPO in the job's env")
	require.Contains(t, doc, refLine, "docs/github-actions/grade.yml sets MLKATA_REF in the job's env")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := fillWorkflow([]byte(mlkata.GradeWorkflow), tt.repo, tt.ref)
			require.NoError(t, err)
			lines := strings.Split(string(got), "\n")
			require.Len(t, lines, len(doc))
			for i := range doc {
				switch doc[i] {
				case repoLine:
					assert.Equal(t, tt.wantRepo, lines[i])
				case refLine:
					assert.Equal(t, tt.wantRef, lines[i])
				default:
					assert.Equal(t, doc[i], lines[i], "line %d changed", i+1)
				}
			}
		})
	}

	t.Run("CRLF line endings are kept", func(t *testing.T) {
		crlf := strings.ReplaceAll(mlkata.GradeWorkflow, "\n", "\r\n")
		got, err := fillWorkflow([]byte(crlf), testRepo, testSHA)
		require.NoError(t, err)
		assert.Contains(t, string(got), "MLKATA_REPO: ${{ vars.MLKATA_REPO || 'my-school/ml-course' }}\r\n")
		assert.NotContains(t, strings.ReplaceAll(string(got), "\r\n", ""), "\n")
	})

	errs := []struct {
		name, wf, repo, ref, want string
	}{
		{"repository with a space", mlkata.GradeWorkflow, "my school/ml", "", "not a GitHub repository's owner/name"},
		{"repository with a quote", mlkata.GradeWorkflow, "a/b'c", "", "not a GitHub repository's owner/name"},
		{"repository without owner", mlkata.GradeWorkflow, "ml-course", "", "not a GitHub repository's owner/name"},
		{"repository ..", mlkata.GradeWorkflow, "a/..", "", "not a GitHub repository's owner/name"},
		{"short commit", mlkata.GradeWorkflow, "", "0123456", "not a full commit SHA"},
		{"branch", mlkata.GradeWorkflow, "", "main", "not a full commit SHA"},
		{"no env lines", "name: grade\n", "", "", `has 0 lines "MLKATA_REPO: ${{ vars.MLKATA_REPO }}"`},
		{"twice", "a:\n  MLKATA_REPO: ${{ vars.MLKATA_REPO }}\n  MLKATA_REPO: ${{ vars.MLKATA_REPO }}\n  MLKATA_REF: ${{ vars.MLKATA_REF }}\n", testRepo, "", "has 2 lines"},
		{"no ref line", "a:\n  MLKATA_REPO: ${{ vars.MLKATA_REPO }}\n", "", "", `has 0 lines "MLKATA_REF: ${{ vars.MLKATA_REF }}"`},
	}
	for _, tt := range errs {
		t.Run("error: "+tt.name, func(t *testing.T) {
			_, err := fillWorkflow([]byte(tt.wf), tt.repo, tt.ref)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

// gitCourse makes a git repository with a one-file course, committed, and returns its folder
// and the commit's full SHA.
func gitCourse(t *testing.T) (string, string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	src := t.TempDir()
	writeTree(t, src, map[string]string{"go.mod": "module example.com/c\n\ngo 1.26\n", "a.go": "package c\n", ".github/workflows/own.yml": "name: own\n"})
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", src, "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, b)
		return strings.TrimSpace(string(b))
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "course")
	return src, git("rev-parse", "HEAD")
}

// TestWriteWorkflow releases with the workflow: where it goes, which commit it pins, what
// happens to a workflow already in Out.
func TestWriteWorkflow(t *testing.T) {
	src, head := gitCourse(t)
	wf := []byte(mlkata.GradeWorkflow)
	written := func(t *testing.T, out string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(WorkflowPath)))
		require.NoError(t, err)
		return string(b)
	}

	t.Run("clean work tree: pins HEAD", func(t *testing.T) {
		out := t.TempDir()
		res, err := Write(context.Background(), Options{Source: src, Out: out, Workflow: wf, WorkflowRepo: testRepo}, nil)
		require.NoError(t, err)
		assert.Equal(t, []string{WorkflowPath, "a.go", "go.mod"}, res.Files, "the workflow is listed, the source's own .github is not")
		assert.Contains(t, res.Dropped, Dropped{".github/workflows/own.yml", "a name starting with . or _"})
		assert.Equal(t, &Workflow{Path: WorkflowPath, Repo: testRepo, Ref: head}, res.Workflow)
		got := written(t, out)
		assert.Contains(t, got, "MLKATA_REPO: ${{ vars.MLKATA_REPO || 'my-school/ml-course' }}\n")
		assert.Contains(t, got, "MLKATA_REF: ${{ vars.MLKATA_REF || '"+head+"' }}\n")
		assert.NoFileExists(t, filepath.Join(out, ".github/workflows/own.yml"))
	})

	t.Run("--ref: pins that revision", func(t *testing.T) {
		out := t.TempDir()
		res, err := Write(context.Background(), Options{Source: src, Out: out, Ref: "HEAD", Workflow: wf}, nil)
		require.NoError(t, err)
		assert.Equal(t, head, res.Workflow.Ref)
		assert.Empty(t, res.Workflow.Repo)
		assert.Contains(t, written(t, out), "MLKATA_REPO: ${{ vars.MLKATA_REPO }}\n", "no repository given: the variable alone")
	})

	t.Run("uncommitted changes: no pin, and why", func(t *testing.T) {
		dirty, _ := gitCourse(t)
		writeTree(t, dirty, map[string]string{"a.go": "package c\n\nconst edited = 1\n"})
		out := t.TempDir()
		res, err := Write(context.Background(), Options{Source: dirty, Out: out, Workflow: wf}, nil)
		require.NoError(t, err)
		assert.Empty(t, res.Workflow.Ref)
		assert.Contains(t, res.Workflow.RefNote, "uncommitted changes")
		assert.Contains(t, written(t, out), "MLKATA_REF: ${{ vars.MLKATA_REF }}\n")
	})

	t.Run("not a git work tree: no pin, and why", func(t *testing.T) {
		plain := t.TempDir()
		writeTree(t, plain, map[string]string{"go.mod": "module example.com/c\n", "a.go": "package c\n"})
		res, err := Write(context.Background(), Options{Source: plain, Out: t.TempDir(), Workflow: wf}, nil)
		require.NoError(t, err)
		assert.Empty(t, res.Workflow.Ref)
		assert.Equal(t, "the workspace is not a git work tree", res.Workflow.RefNote)
	})

	t.Run("an Out with a workflow: refused without Force, replaced with it", func(t *testing.T) {
		out := t.TempDir()
		writeTree(t, out, map[string]string{WorkflowPath: "old\n", ".github/workflows/classroom.yml": "old\n", ".git/HEAD": "ref\n"})
		_, err := Write(context.Background(), Options{Source: src, Out: out, Workflow: wf}, nil)
		require.ErrorContains(t, err, "is not empty")
		assert.Equal(t, "old\n", written(t, out), "a refused release touches nothing")

		res, err := Write(context.Background(), Options{Source: src, Out: out, Workflow: wf, Force: true}, nil)
		require.NoError(t, err)
		assert.True(t, res.Workflow.Replaced)
		assert.Equal(t, string(mustFill(t, wf, "", head)), written(t, out))
		assert.NoFileExists(t, filepath.Join(out, ".github/workflows/classroom.yml"), "Force replaces all but .git")
		assert.FileExists(t, filepath.Join(out, ".git/HEAD"))

		res, err = Write(context.Background(), Options{Source: src, Out: t.TempDir(), Workflow: wf}, nil)
		require.NoError(t, err)
		assert.False(t, res.Workflow.Replaced, "a new Out had no workflow")
	})

	t.Run("errors leave Out as it was", func(t *testing.T) {
		out := t.TempDir()
		writeTree(t, out, map[string]string{"old.txt": "old\n"})
		_, err := Write(context.Background(), Options{Source: src, Out: out, Workflow: wf, WorkflowRepo: "not a repo", Force: true}, nil)
		assert.ErrorContains(t, err, "not a GitHub repository's owner/name")
		var cfg *grader.ConfigError
		assert.ErrorAs(t, err, &cfg)
		_, err = Write(context.Background(), Options{Source: src, Out: out, Workflow: []byte("name: grade\n"), Force: true}, nil)
		assert.ErrorContains(t, err, "want exactly one")
		_, err = Write(context.Background(), Options{Source: src, Out: out, WorkflowRepo: testRepo, Force: true}, nil)
		assert.ErrorContains(t, err, "without a workflow")
		assert.FileExists(t, filepath.Join(out, "old.txt"))
	})

	t.Run("without Workflow there is no .github", func(t *testing.T) {
		out := t.TempDir()
		res, err := Write(context.Background(), Options{Source: src, Out: out}, nil)
		require.NoError(t, err)
		assert.Nil(t, res.Workflow)
		assert.NoDirExists(t, filepath.Join(out, ".github"))
	})
}

// TestExcludeEmbedded: an exclude pattern that would take away a file a released package
// embeds (as the root package embeds docs/github-actions/grade.yml) is an error, and Out is
// left as it was; excluding the files beside it is fine.
func TestExcludeEmbedded(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, map[string]string{
		"go.mod":                        "module example.com/c\n\ngo 1.26\n",
		"workflows.go":                  "package c\n\nimport _ \"embed\"\n\n//go:embed docs/github-actions/grade.yml\nvar W string\n",
		"docs/github-actions/grade.yml": "name: grade\n",
		"docs/ci.md":                    "# CI\n",
		"docs/course/matrix.yml":        "name: matrix\n",
		"ex/one/solution/s.go":          "package one\n\nimport _ \"embed\"\n\n//go:embed notes.txt\nvar N string\n",
		"ex/one/solution/notes.txt":     "notes\n",
		"ex/one/one.go":                 "package one\n",
	})
	out := t.TempDir()
	writeTree(t, out, map[string]string{"old.txt": "old\n"})
	for _, pat := range []string{"docs", "docs/*", "docs/github-actions/grade.yml"} {
		_, err := Write(context.Background(), Options{Source: src, Out: out, Exclude: []string{pat}, Force: true}, nil)
		assert.ErrorContains(t, err, `the exclude pattern "`+pat+`" leaves out docs/github-actions/grade.yml, which the package in . embeds, so the release would not build`)
		var cfg *grader.ConfigError
		assert.ErrorAs(t, err, &cfg, "the options are wrong")
		assert.FileExists(t, filepath.Join(out, "old.txt"), "a refused release touches nothing, even with Force")
	}

	// A solution is never released, so excluding what it embeds is no error.
	res, err := Write(context.Background(), Options{Source: src, Out: out, Exclude: []string{"docs/ci.md", "docs/course", "ex/one/solution/notes.txt"}, Force: true}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"docs/github-actions/grade.yml", "ex/one/one.go", "go.mod", "workflows.go"}, res.Files)
}

func mustFill(t *testing.T, wf []byte, repo, ref string) []byte {
	t.Helper()
	b, err := fillWorkflow(wf, repo, ref)
	require.NoError(t, err)
	return b
}

const actionlintModule = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

// actionlint builds actionlint (go install through the Go module proxy) into a temporary
// folder and returns its path; it skips the test when that is not possible, for example with
// no network.
func actionlint(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds actionlint")
	}
	bin := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "install", actionlintModule)
	cmd.Dir = bin
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("cannot build actionlint (go install %s needs the Go module proxy): %v\n%s", actionlintModule, err, b)
	}
	return filepath.Join(bin, "actionlint")
}

// TestActionlint checks with actionlint the workflow as released in every variant and the
// workflows under docs/. With shellcheck on PATH, actionlint also checks the run: scripts.
func TestActionlint(t *testing.T) {
	lint := actionlint(t)
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Log("shellcheck is not on PATH: actionlint does not check the run: scripts")
	}
	files, err := filepath.Glob("../../docs/course/*.yml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	files = append(files, "../../docs/github-actions/grade.yml")

	src, _ := gitCourse(t)
	for _, v := range []struct{ name, repo, ref string }{{"variables", "", "-"}, {"repo", testRepo, "-"}, {"ref", "", "HEAD"}, {"repo-and-ref", testRepo, "HEAD"}} {
		out := filepath.Join(t.TempDir(), v.name)
		opt := Options{Source: src, Out: out, Workflow: []byte(mlkata.GradeWorkflow), WorkflowRepo: v.repo}
		if v.ref == "-" {
			// A work tree with an uncommitted edit: nothing to pin.
			writeTree(t, src, map[string]string{"a.go": "package c\n\nconst edited = 1\n"})
		} else {
			opt.Ref = v.ref
		}
		res, err := Write(context.Background(), opt, nil)
		require.NoError(t, err)
		assert.Equal(t, v.ref != "-", res.Workflow.Ref != "", v.name)
		assert.Equal(t, v.repo, res.Workflow.Repo, v.name)
		files = append(files, filepath.Join(out, filepath.FromSlash(WorkflowPath)))
	}
	for _, f := range files {
		cmd := exec.Command(lint, "-no-color", f)
		var stdout bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stdout
		assert.NoError(t, cmd.Run(), "actionlint %s:\n%s", f, stdout.String())
	}
}
