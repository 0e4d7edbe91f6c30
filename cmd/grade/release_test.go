package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata"
)

// TestReleaseWithWorkflow runs grade release --with-workflow on the test workspace, first as a
// plain folder (nothing to pin), then as a git work tree (HEAD pinned), and checks what it
// writes and what it tells the instructor to do next.
func TestReleaseWithWorkflow(t *testing.T) {
	ws := workspace(t)
	workflow := func(out string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, ".github", "workflows", "grade.yml"))
		require.NoError(t, err)
		return string(b)
	}

	out := filepath.Join(t.TempDir(), "template")
	code, stdout, errOut := grade(t, ws, "release", "--with-workflow", "--workflow-repo", "my-school/ml-course", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "wrote the grading workflow "+filepath.Join(out, ".github", "workflows", "grade.yml")+": it grades with my-school/ml-course at the commit in the variable MLKATA_REF\n")
	assert.Contains(t, stdout, "next: set the organisation variable MLKATA_REF to the full commit SHA to grade with (the workspace is not a git work tree); if your repository is private, set the organisation secret MLKATA_DEPLOY_KEY")
	assert.NotContains(t, stdout, "variable MLKATA_REPO to", "the repository was given")
	assert.Contains(t, workflow(out), "MLKATA_REPO: ${{ vars.MLKATA_REPO || 'my-school/ml-course' }}\n")
	assert.Contains(t, workflow(out), "MLKATA_REF: ${{ vars.MLKATA_REF }}\n")

	// Released again into the same folder: --force, and the output says the workflow is replaced.
	code, _, errOut = grade(t, ws, "release", "--with-workflow", out)
	assert.Equal(t, exitUsage, code, "a folder that is not empty is the instructor's to fix")
	assert.Contains(t, errOut, "is not empty (force to replace its contents)")
	code, stdout, errOut = grade(t, ws, "release", "--with-workflow", "--force", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "(it replaces the one that was there): it grades with the repository in the variable MLKATA_REPO at the commit in the variable MLKATA_REF\n")
	assert.Contains(t, stdout, "set the organisation variable MLKATA_REPO to your repository's owner/name (or release with --workflow-repo)")
	assert.Equal(t, mlkata.GradeWorkflow, workflow(out), "nothing known: the documented workflow as it is")

	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("the rest needs git")
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-q", "-m", "course"}} {
		cmd := exec.Command("git", append([]string{"-C", ws, "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, b)
	}
	b, err := exec.Command("git", "-C", ws, "rev-parse", "HEAD").Output()
	require.NoError(t, err)
	head := strings.TrimSpace(string(b))
	out = filepath.Join(t.TempDir(), "template")
	code, stdout, errOut = grade(t, ws, "release", "--ref", "HEAD", "--with-workflow", "--workflow-repo", "my-school/ml-course", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, ": it grades with my-school/ml-course at commit "+head+"\n")
	assert.Contains(t, stdout, "next: push commit "+head[:12]+" to your repository (the workflow checks it out); if your repository is private, set the organisation secret MLKATA_DEPLOY_KEY to a read-only deploy key of it; see docs/platforms/github-classroom.md\n")
	assert.Contains(t, workflow(out), "MLKATA_REF: ${{ vars.MLKATA_REF || '"+head+"' }}\n")
}

func TestReleaseWorkflowUsageErrors(t *testing.T) {
	ws := workspace(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"repository without the workflow", []string{"release", "--workflow-repo", "a/b"}, "--workflow-repo is for the workflow: add --with-workflow"},
		{"not owner/name", []string{"release", "--with-workflow", "--workflow-repo", "https://github.com/a/b"}, `workflow repository "https://github.com/a/b" is not a GitHub repository's owner/name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "template")
			code, _, errOut := grade(t, ws, append(tt.args, out)...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errOut, tt.want)
			assert.NoDirExists(t, out, "a usage error writes nothing")
		})
	}
}
