// Package driver is the child side of the grading protocol: the code that runs inside the
// untrusted driver process, next to the learner's packages, and serves the grader's calls.
//
// The grader never links this package with learner code itself. At build time it writes this
// package's own source files (Source) into the learner's module through `go build -overlay`,
// at a private import path, together with a generated main that registers the learner's
// functions and calls Main. So the protocol the child speaks always comes from the grader's
// own source, whatever the submission's copy of this folder says.
//
// The grader (grader/internal/runner) imports this package too, for the message types of the
// protocol (see protocol.go): both sides always agree on them.
//
// This package must stay self-contained: it imports only the standard library and gonum.
package driver

import (
	"embed"
	"os"
)

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
//
// Requests are read from file descriptor 3 and replies written to file descriptor 4; both are
// moved to other descriptors before any call is served, so learner code that writes to fd 4
// reaches nothing. After every call Main writes SyncMarker to fd 1 and fd 2.
func Main(r Registry) {
	fitMemoryLimit()
	in, out := protocolFiles()
	os.Exit(Serve(r, in, out, os.NewFile(1, "stdout"), os.NewFile(2, "stderr")))
}
