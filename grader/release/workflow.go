package release

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// WorkflowPath is where Write puts Options.Workflow in the release, slash-separated.
const WorkflowPath = ".github/workflows/grade.yml"

// Workflow says what Write did with Options.Workflow.
type Workflow struct {
	// Path is WorkflowPath.
	Path string
	// Repo and Ref are the defaults written for the variables MLKATA_REPO and MLKATA_REF; an
	// empty one was left to its variable alone.
	Repo, Ref string
	// Replaced is true when Out held a file at Path before Write (it is written anew).
	Replaced bool
	// RefNote says why Ref is empty when Write could not pin a commit; "" otherwise.
	RefNote string
}

// repoName is a GitHub repository's "owner/name".
var repoName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$`)

// commitID is a full git object name: SHA-1 or SHA-256, in lower case.
var commitID = regexp.MustCompile(`^(?:[0-9a-f]{40}|[0-9a-f]{64})$`)

// CheckRepo returns an error unless name is a GitHub repository's "owner/name".
func CheckRepo(name string) error {
	if !repoName.MatchString(name) || strings.HasSuffix(name, "/.") || strings.HasSuffix(name, "/..") {
		return fmt.Errorf("workflow repository %q is not a GitHub repository's owner/name, such as my-school/ml-course", name)
	}
	return nil
}

// fillWorkflow returns wf with the defaults repo and ref (either may be empty) written into
// the job's env lines "MLKATA_REPO: ${{ vars.MLKATA_REPO }}" and "MLKATA_REF: ${{ vars.MLKATA_REF }}",
// as "${{ vars.MLKATA_REPO || 'owner/name' }}": a variable that is set still wins. Each line
// must appear exactly once in wf, so a workflow edited out of shape is an error, not a
// workflow that silently ignores the defaults.
func fillWorkflow(wf []byte, repo, ref string) ([]byte, error) {
	if repo != "" {
		if err := CheckRepo(repo); err != nil {
			return nil, err
		}
	}
	if ref != "" && !commitID.MatchString(ref) {
		return nil, fmt.Errorf("workflow commit %q is not a full commit SHA", ref)
	}
	for _, v := range []struct{ name, value string }{{"MLKATA_REPO", repo}, {"MLKATA_REF", ref}} {
		line := []byte(v.name + ": ${{ vars." + v.name + " }}")
		lines := bytes.SplitAfter(wf, []byte("\n"))
		found := 0
		for i, l := range lines {
			body := bytes.TrimRight(l, "\r\n")
			indent := len(body) - len(bytes.TrimLeft(body, " "))
			if !bytes.Equal(body[indent:], line) {
				continue
			}
			found++
			if v.value != "" {
				filled := fmt.Sprintf("%s%s: ${{ vars.%s || '%s' }}", body[:indent], v.name, v.name, v.value)
				lines[i] = append([]byte(filled), l[len(body):]...)
			}
		}
		if found != 1 {
			return nil, fmt.Errorf("the workflow has %d lines %q, want exactly one (the job's env)", found, line)
		}
		wf = bytes.Join(lines, nil)
	}
	return wf, nil
}

// pinnedCommit returns the full commit SHA the release is made from: ref resolved in the git
// repository src, or, without ref, HEAD when the tracked files of the work tree are as HEAD
// has them. When it cannot say, it returns "" and why.
func pinnedCommit(ctx context.Context, src, ref string) (sha, note string) {
	git, err := exec.LookPath("git")
	if err != nil {
		return "", "git is not on PATH"
	}
	if _, err := os.Stat(filepath.Join(src, ".git")); err != nil {
		return "", "the workspace is not a git work tree"
	}
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, git, append([]string{"-C", src}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		b, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return strings.TrimSpace(string(b)), nil
	}
	if ref == "" {
		status, err := run("status", "--porcelain", "--untracked-files=no")
		if err != nil {
			return "", err.Error()
		}
		if status != "" {
			return "", "the work tree has uncommitted changes, so no commit holds what was released: commit them and release again"
		}
		ref = "HEAD"
	}
	sha, err = run("rev-parse", "--verify", "--end-of-options", ref+"^{commit}")
	if err != nil {
		return "", err.Error()
	}
	if !commitID.MatchString(sha) {
		return "", fmt.Sprintf("git rev-parse %s gave %q, not a commit SHA", ref, sha)
	}
	return sha, ""
}

// writeWorkflow writes opt.Workflow, filled in, to out/WorkflowPath. ref is the full commit
// SHA released, or "" with note saying why there is none.
func writeWorkflow(out string, opt Options, ref, note string, existed bool) (*Workflow, error) {
	wf, err := fillWorkflow(opt.Workflow, opt.WorkflowRepo, ref)
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	dst := filepath.Join(out, filepath.FromSlash(WorkflowPath))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	if err := os.WriteFile(dst, wf, 0o644); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	return &Workflow{Path: WorkflowPath, Repo: opt.WorkflowRepo, Ref: ref, Replaced: existed, RefNote: note}, nil
}

// fileExists reports whether p is a regular file.
func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
