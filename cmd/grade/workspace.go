package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/mlkata/mlkata/grader"
)

// usageError is a problem with the command line or the setup: exit code 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// isWorkspace reports whether dir holds go.mod and exercises/.
func isWorkspace(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, "exercises"))
	return err == nil && fi.IsDir()
}

// findWorkspace returns dir, or when it is empty the nearest folder holding go.mod and
// exercises/ from the current folder up.
func findWorkspace(e *env, dir string) (string, error) {
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", err
		}
		if !isWorkspace(abs) {
			return "", usagef("%s is not an mlkata workspace (no go.mod and exercises/ in it): pass the folder you cloned mlkata into", abs)
		}
		return abs, nil
	}
	wd, err := e.getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if isWorkspace(d) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", usagef("no exercises/ here: run grade from the root of an mlkata workspace (or inside it), or pass --workspace")
		}
	}
}

// resolve returns the exercises that args name, by number ("3", "03"), slug
// ("standardize"), folder name ("05-standardize") or path ("exercises/05-standardize",
// "./05-standardize", a file in the folder), relative to the current folder or the workspace.
// With no args it returns the exercise whose folder holds the current folder, or nil (all).
func resolve(e *env, ws string, args []string) ([]*grader.Exercise, error) {
	wd, _ := e.getwd()
	if len(args) == 0 {
		if ex := exerciseAt(e, ws, wd); ex != nil {
			return []*grader.Exercise{ex}, nil
		}
		return nil, nil
	}
	var out []*grader.Exercise
	for _, a := range args {
		ex := lookup(e, ws, wd, a)
		if ex == nil {
			return nil, usagef("no exercise %q: name one by number, name or folder:\n%s", a, courseList(e))
		}
		out = append(out, ex)
	}
	return out, nil
}

func lookup(e *env, ws, wd, a string) *grader.Exercise {
	if n, err := strconv.Atoi(a); err == nil {
		if n >= 1 && n <= len(e.course) {
			return e.course[n-1]
		}
		return nil
	}
	for _, ex := range e.course {
		if a == ex.Slug || a == path.Base(ex.Dir) {
			return ex
		}
	}
	for _, base := range []string{wd, ws} {
		p := a
		if !filepath.IsAbs(p) {
			p = filepath.Join(base, a)
		}
		if _, err := os.Stat(p); err != nil {
			continue // a path names an exercise only when it exists
		}
		if ex := exerciseAt(e, ws, p); ex != nil {
			return ex
		}
	}
	return nil
}

// exerciseAt returns the exercise whose folder is p or holds p, or nil.
func exerciseAt(e *env, ws, p string) *grader.Exercise {
	rel, err := filepath.Rel(ws, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil
	}
	rel = filepath.ToSlash(rel)
	for _, ex := range e.course {
		if rel == ex.Dir || strings.HasPrefix(rel, ex.Dir+"/") {
			return ex
		}
	}
	return nil
}

// slugs returns the slugs of exs, for grader.Options.Only (nil for none: every exercise).
func slugs(exs []*grader.Exercise) []string {
	var out []string
	for _, ex := range exs {
		out = append(out, ex.Slug)
	}
	return out
}

// resolveOne is resolve for the commands that take exactly one exercise (or the folder
// they run in).
func resolveOne(e *env, ws string, args []string, command string) (*grader.Exercise, error) {
	if len(args) > 1 {
		return nil, usagef("grade %s takes one exercise, not %d", command, len(args))
	}
	exs, err := resolve(e, ws, args)
	if err != nil {
		return nil, err
	}
	if len(exs) == 0 {
		return nil, usagef("which exercise? for example: %s %s 1\n%s", e.self, command, courseList(e))
	}
	return exs[0], nil
}

// courseList lists the course, one exercise a line: number, name, folder.
func courseList(e *env) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for i, ex := range e.course {
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", i+1, ex.Slug, ex.Dir)
	}
	tw.Flush()
	return strings.TrimRight(b.String(), "\n")
}

// number returns the exercise's position in the course, from 1.
func number(e *env, ex *grader.Exercise) int {
	for i, x := range e.course {
		if x == ex {
			return i + 1
		}
	}
	return 0
}
