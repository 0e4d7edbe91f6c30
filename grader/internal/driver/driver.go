// Package driver is the child side of the grading protocol: the code that runs inside the
// untrusted driver process, next to the learner's packages, and serves the grader's calls.
//
// The grader never links this package with learner code itself. At build time it writes this
// package's own source files (Source) into the learner's module through `go build -overlay`,
// at a private import path, together with a generated main that registers the learner's
// functions and calls Main. So the protocol the child speaks always comes from the grader's
// own source, whatever the submission's copy of this folder says.
//
// This package must stay self-contained: it imports only the standard library and gonum.
package driver

import "embed"

// Source holds this package's own .go files (test files included; the builder skips them).
//
//go:embed *.go
var Source embed.FS

// Registry maps an exercise slug to the learner functions of that exercise, by name.
// The values are the functions themselves (for example linreg.Fit); the generated main
// builds it.
type Registry map[string]map[string]any

// Main serves the grading protocol for the registered functions until the grader closes the
// request pipe, then exits. It never returns.
func Main(r Registry) {
	panic("driver.Main: not yet written") // the runtime helper replaces this body
}
