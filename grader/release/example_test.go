package release_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mlkata/mlkata"
	"github.com/mlkata/mlkata/grader/release"
)

// ExampleWrite releases a tiny course: the stub and the visible check stay, the hidden check
// and the reference solution do not, and the visible check's constraint is dropped.
func ExampleWrite() {
	src, _ := os.MkdirTemp("", "course")
	defer os.RemoveAll(src)
	files := map[string]string{
		"go.mod":                      "module example.com/course\n\ngo 1.26\n",
		"ex/mean/mean.go":             "package mean\n\nfunc Mean(x []float64) float64 { panic(\"not implemented\") }\n",
		"ex/mean/solution/mean.go":    "package mean\n\nfunc Mean(x []float64) float64 { return x[0] }\n",
		"ex/mean/check/check.go":      "package check\n",
		"ex/mean/check/hidden.go":     "//go:build hidden\n\npackage check\n\nconst hidden = true\n",
		"ex/mean/check/visible.go":    "//go:build !hidden\n\npackage check\n\nconst hidden = false\n",
		"ex/mean/check/check_test.go": "package check\n",
		".ci/run":                     "#!/bin/sh\n",
	}
	for name, text := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755)
		os.WriteFile(filepath.Join(src, name), []byte(text), 0o644)
	}
	out := filepath.Join(src+"-release", "learner")
	defer os.RemoveAll(src + "-release")

	res, err := release.Write(context.Background(), release.Options{Source: src, Out: out}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Files {
		fmt.Println("released:", f)
	}
	for _, d := range res.Dropped {
		fmt.Printf("left out: %s (%s)\n", d.Path, d.Reason)
	}
	fmt.Println("rewritten:", res.Rewritten)
	// Output:
	// released: ex/mean/check/check.go
	// released: ex/mean/check/visible.go
	// released: ex/mean/mean.go
	// released: go.mod
	// left out: .ci/run (a name starting with . or _)
	// left out: ex/mean/check/check_test.go (a test file)
	// left out: ex/mean/check/hidden.go (needs the hidden build tag)
	// left out: ex/mean/solution/mean.go (a copy of package mean of ex/mean (a solution or mistake variant))
	// rewritten: [ex/mean/check/visible.go]
}

// ExampleWrite_workflow releases a tiny course with the grading workflow for GitHub Actions.
// The course is not a git work tree, so no commit is pinned: the variable MLKATA_REF must be
// set.
func ExampleWrite_workflow() {
	src, _ := os.MkdirTemp("", "course")
	defer os.RemoveAll(src)
	os.WriteFile(filepath.Join(src, "go.mod"), []byte("module example.com/course\n\ngo 1.26\n"), 0o644)
	out := filepath.Join(src+"-release", "template")
	defer os.RemoveAll(src + "-release")

	res, err := release.Write(context.Background(), release.Options{
		Source: src, Out: out, Workflow: []byte(mlkata.GradeWorkflow), WorkflowRepo: "my-school/ml-course",
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("released:", res.Files)
	fmt.Printf("repository %s, commit %q: %s\n", res.Workflow.Repo, res.Workflow.Ref, res.Workflow.RefNote)
	wf, _ := os.ReadFile(filepath.Join(out, res.Workflow.Path))
	for line := range strings.Lines(string(wf)) {
		if strings.HasPrefix(strings.TrimSpace(line), "MLKATA_RE") {
			fmt.Print(strings.TrimSpace(line), "\n")
		}
	}
	// Output:
	// released: [.github/workflows/grade.yml go.mod]
	// repository my-school/ml-course, commit "": the workspace is not a git work tree
	// MLKATA_REPO: ${{ vars.MLKATA_REPO || 'my-school/ml-course' }}
	// MLKATA_REF: ${{ vars.MLKATA_REF }}
}
