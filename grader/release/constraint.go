package release

import (
	"bytes"
	"go/build/constraint"
	"slices"
	"strings"
)

// HiddenTag is the build tag of the instructor-only files: hidden checks and whatever only
// they use.
const HiddenTag = "hidden"

// specialize simplifies x for a build in which tag has the value val. It returns the simpler
// expression, or nil and the constant value when x no longer depends on any tag.
func specialize(x constraint.Expr, tag string, val bool) (constraint.Expr, bool) {
	switch x := x.(type) {
	case *constraint.TagExpr:
		if x.Tag == tag {
			return nil, val
		}
		return x, false
	case *constraint.NotExpr:
		y, v := specialize(x.X, tag, val)
		if y == nil {
			return nil, !v
		}
		return &constraint.NotExpr{X: y}, false
	case *constraint.AndExpr:
		a, av := specialize(x.X, tag, val)
		b, bv := specialize(x.Y, tag, val)
		switch {
		case a == nil && !av, b == nil && !bv:
			return nil, false
		case a == nil:
			return b, bv
		case b == nil:
			return a, av
		}
		return &constraint.AndExpr{X: a, Y: b}, false
	case *constraint.OrExpr:
		a, av := specialize(x.X, tag, val)
		b, bv := specialize(x.Y, tag, val)
		switch {
		case a == nil && av, b == nil && bv:
			return nil, true
		case a == nil:
			return b, bv
		case b == nil:
			return a, av
		}
		return &constraint.OrExpr{X: a, Y: b}, false
	}
	return x, false
}

// mentions reports whether x refers to tag (Eval shows the callback every tag of x).
func mentions(x constraint.Expr, tag string) bool {
	found := false
	x.Eval(func(t string) bool {
		found = found || t == tag
		return false
	})
	return found
}

// withoutHidden rewrites the build constraint of a Go source file for a tree in which the
// hidden tag can never be set. It returns the new source and keep = false when the file needs
// the tag (its constraint is false without it). A constraint that does not mention the tag
// leaves the file unchanged; one that becomes always true is removed (with the blank line after
// it), and any other is rewritten as a //go:build line without the tag, so that building with
// or without -tags hidden gives the same result.
//
// Constraint lines are the //go:build and // +build lines before the package clause (see
// go/build/constraint); several of them are combined with "and", as the go command does.
func withoutHidden(src []byte) (out []byte, keep bool, err error) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	var (
		expr      constraint.Expr
		at        []int // indexes of constraint lines
		hasGoLine bool
	)
	for i, l := range lines {
		line := strings.TrimSpace(string(l))
		if strings.HasPrefix(line, "package ") || line == "package" {
			break
		}
		if !constraint.IsGoBuild(line) && !constraint.IsPlusBuild(line) {
			continue
		}
		x, perr := constraint.Parse(line)
		if perr != nil {
			return nil, false, perr
		}
		if constraint.IsGoBuild(line) {
			hasGoLine = true
		} else if hasGoLine {
			// // +build lines are ignored when a //go:build line exists.
			at = append(at, i)
			continue
		}
		at = append(at, i)
		if expr == nil {
			expr = x
		} else {
			expr = &constraint.AndExpr{X: expr, Y: x}
		}
	}
	if expr == nil || !mentions(expr, HiddenTag) {
		return src, true, nil
	}
	simple, val := specialize(expr, HiddenTag, false)
	if simple == nil && !val {
		return nil, false, nil
	}
	var b bytes.Buffer
	for i, l := range lines {
		switch {
		case len(at) > 0 && i == at[0] && simple != nil:
			b.WriteString("//go:build " + simple.String() + "\n")
		case slices.Contains(at, i):
		case simple == nil && i == at[len(at)-1]+1 && len(bytes.TrimSpace(l)) == 0:
			// the blank line that separated the removed constraint from the package clause
		default:
			b.Write(l)
		}
	}
	return b.Bytes(), true, nil
}
