package exercises

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
)

func TestMain(m *testing.M) {
	grader.Main() // Verify starts sandboxed drivers by re-executing this test binary
	os.Exit(m.Run())
}

// TestVerifyCourse verifies the whole course in one build: every reference solution scores
// full marks, every stub is not started, every mistake variant is caught as its mistake.
func TestVerifyCourse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades every exercise's variants in sandboxed processes")
	}
	v, err := grader.Verify(context.Background(), grader.Options{Workspace: "..", Exercises: All()})
	require.NoError(t, err)
	assert.Empty(t, v.Problems)
	for _, e := range All() {
		assert.True(t, slices.ContainsFunc(v.Runs, func(r grader.VerifyRun) bool { return r.Slug == e.Slug && r.Variant == "solution" }),
			"%s has no reference solution run", e.Slug)
	}
}

// TestCourse checks the course definition: valid exercises, unique slugs, every folder present.
func TestCourse(t *testing.T) {
	require.NoError(t, grader.Load("..", All()))
}

// learnerPackage matches the import paths of learner code: an exercise's own package, its
// reference solution and its mistake variants (and anything below them).
var learnerPackage = regexp.MustCompile(`/exercises/[^/]+(/solution(/.*)?|/check/mistakes(/.*)?)?$`)

// checkPackage matches the import paths of exercises' check packages.
var checkPackage = regexp.MustCompile(`/exercises/[^/]+/check(/.*)?$`)

// TestChecksDoNotImportLearnerPackages enforces the trust boundary at build level: the checks
// are compiled into grade and must never depend on the learner's package (or a solution or a
// mistake variant), directly or through another package; they reach learner code only through
// the driver.
func TestChecksDoNotImportLearnerPackages(t *testing.T) {
	for _, tags := range []string{"", "hidden"} {
		violations, err := checkImports("..", tags)
		require.NoError(t, err, "tags %q", tags)
		assert.Empty(t, violations, "tags %q", tags)
	}
}

// checkImports lists "check package → learner package" dependencies in the module at dir,
// built with the given build tags (the hidden checks live in files tagged "hidden").
func checkImports(dir, tags string) ([]string, error) {
	cmd := exec.Command("go", "list", "-e", "-tags="+tags, "-deps=false", "-json=ImportPath,Deps", "./exercises/...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, errors.New(string(ee.Stderr))
		}
		return nil, err
	}
	var violations []string
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			ImportPath string
			Deps       []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		if !checkPackage.MatchString(p.ImportPath) || strings.Contains(p.ImportPath, "/check/mistakes") {
			continue
		}
		for _, d := range p.Deps {
			if learnerPackage.MatchString(d) {
				violations = append(violations, p.ImportPath+" → "+d)
			}
		}
	}
	return violations, nil
}

// TestCheckImportsCatchesViolation proves the test above can fail, on a module whose check
// package imports its learner package.
func TestCheckImportsCatchesViolation(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		require.NoError(t, writeFile(dir+"/"+name, text))
	}
	write("go.mod", "module example.com/course\n\ngo 1.26\n")
	write("exercises/01-mean/mean.go", "package mean\n\nfunc Mean(x []float64) float64 { panic(\"not implemented\") }\n")
	write("exercises/01-mean/check/check.go", "package check\n\nimport \"example.com/course/exercises/01-mean/helper\"\n\nvar _ = helper.X\n")
	write("exercises/01-mean/helper/helper.go", "package helper\n\nimport mean \"example.com/course/exercises/01-mean\"\n\nvar X = mean.Mean\n")
	write("exercises/02-ok/check/check.go", "package check\n")
	violations, err := checkImports(dir, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"example.com/course/exercises/01-mean/check → example.com/course/exercises/01-mean"}, violations)

	// A violation only in a hidden-tagged file is seen with the tag, and only with it.
	write("exercises/02-ok/ok.go", "package ok\n\nvar Y = 1\n")
	write("exercises/02-ok/check/hidden.go", "//go:build hidden\n\npackage check\n\nimport ok \"example.com/course/exercises/02-ok\"\n\nvar _ = ok.Y\n")
	violations, err = checkImports(dir, "hidden")
	require.NoError(t, err)
	assert.Contains(t, violations, "example.com/course/exercises/02-ok/check → example.com/course/exercises/02-ok")
	violations, err = checkImports(dir, "")
	require.NoError(t, err)
	assert.NotContains(t, violations, "example.com/course/exercises/02-ok/check → example.com/course/exercises/02-ok")
}
