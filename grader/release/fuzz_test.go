package release

import (
	"go/build/constraint"
	"strings"
	"testing"

	"github.com/mlkata/mlkata"
)

// headerConstraint returns the build constraint of a Go file as the go command reads it: the
// //go:build line before the package clause, else the "and" of its // +build lines; nil when
// there is none.
func headerConstraint(src string) (constraint.Expr, error) {
	var goBuild, plus constraint.Expr
	for line := range strings.Lines(src) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "package ") || line == "package" {
			break
		}
		if !constraint.IsGoBuild(line) && !constraint.IsPlusBuild(line) {
			continue
		}
		x, err := constraint.Parse(line)
		if err != nil {
			return nil, err
		}
		switch {
		case constraint.IsGoBuild(line) && goBuild == nil:
			goBuild = x
		case constraint.IsPlusBuild(line) && plus == nil:
			plus = x
		case constraint.IsPlusBuild(line):
			plus = &constraint.AndExpr{X: plus, Y: x}
		}
	}
	if goBuild != nil {
		return goBuild, nil
	}
	return plus, nil
}

// FuzzWithoutHidden checks withoutHidden against the go command's reading of constraints: for
// every setting of the other tags, the rewritten file builds exactly when the original builds
// without the hidden tag, and its constraint no longer mentions the tag.
func FuzzWithoutHidden(f *testing.F) {
	for _, s := range []string{
		"package p\n",
		"//go:build hidden\n\npackage p\n",
		"//go:build !hidden && (linux || darwin)\n\npackage p\n",
		"// +build hidden,linux !hidden\n\npackage p\n",
		"// comment\n//go:build hidden || !linux\n// +build hidden !linux\n\npackage p\n",
	} {
		f.Add(s)
	}
	tags := []string{"linux", "darwin", "windows", "x"}
	f.Fuzz(func(t *testing.T, src string) {
		before, err := headerConstraint(src)
		if err != nil {
			return // not a file the go command would build either
		}
		out, keep, err := withoutHidden([]byte(src))
		if err != nil {
			return
		}
		var after constraint.Expr
		if keep {
			after, err = headerConstraint(string(out))
			if err != nil {
				t.Fatalf("rewritten constraint does not parse: %v\n%s", err, out)
			}
			if after != nil && mentions(after, HiddenTag) {
				t.Fatalf("rewritten constraint still mentions %s: %s", HiddenTag, after)
			}
		}
		for mask := range 1 << len(tags) {
			set := func(tag string) bool {
				for i, t := range tags {
					if t == tag {
						return mask&(1<<i) != 0
					}
				}
				return false // hidden and any other tag: off
			}
			want := before == nil || before.Eval(set)
			got := keep && (after == nil || after.Eval(set))
			if got != want {
				t.Fatalf("tags %b: builds %t after the rewrite, %t before\nbefore: %s\nafter: %s", mask, got, want, src, out)
			}
		}
	})
}

// FuzzFillWorkflow fills the documented workflow with any repository and commit: either it
// refuses them, or the values it wrote are plain names (nothing that could end the quoted
// YAML string or the ${{ }} expression) and undoing the filling gives the workflow back.
func FuzzFillWorkflow(f *testing.F) {
	f.Add("my-school/ml-course", "0123456789abcdef0123456789abcdef01234567")
	f.Add("", "")
	f.Add("a/b' }}\n    run: curl evil", "")
	f.Add("a/b", "0123456789ABCDEF0123456789ABCDEF01234567")
	f.Add("o/n.git", strings.Repeat("ab", 32))
	f.Fuzz(func(t *testing.T, repo, ref string) {
		wf := mlkata.GradeWorkflow
		got, err := fillWorkflow([]byte(wf), repo, ref)
		if err != nil {
			return
		}
		for _, v := range []string{repo, ref} {
			if strings.ContainsAny(v, "'\"{}$\n\r\\ #:") {
				t.Fatalf("accepted %q", v)
			}
		}
		undo := string(got)
		if repo != "" {
			undo = strings.Replace(undo, "${{ vars.MLKATA_REPO || '"+repo+"' }}", "${{ vars.MLKATA_REPO }}", 1)
		}
		if ref != "" {
			undo = strings.Replace(undo, "${{ vars.MLKATA_REF || '"+ref+"' }}", "${{ vars.MLKATA_REF }}", 1)
		}
		if undo != wf {
			t.Fatalf("filling in %q and %q changed more than the two values", repo, ref)
		}
	})
}
