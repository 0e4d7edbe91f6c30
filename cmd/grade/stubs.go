package main

import (
	"embed"
	"io/fs"
)

// stubFiles is grade's own copy of the course's stubs: the Go files at the top of each
// exercise folder as a learner receives them, under testdata/stubs/<folder>/ (testdata, so
// the go command never builds them as packages; a release keeps them because grade embeds
// them). `grade reset` restores an exercise from this copy. It cannot embed the exercise
// folders themselves: a learner runs grade from their own tree, where those files are their
// work. TestStubsMatchCourse (with -tags hidden, the instructor's build) keeps the copy equal
// to the course; `go test -tags hidden ./cmd/grade -run TestStubs -update` refreshes it.
//
//go:embed testdata/stubs
var stubFiles embed.FS

// courseStubs returns the stubs at paths relative to the exercises/ folder
// ("03-classification-metrics/metrics.go").
func courseStubs() fs.FS {
	sub, err := fs.Sub(stubFiles, "testdata/stubs")
	if err != nil {
		panic(err) // a constant, valid path: cannot happen
	}
	return sub
}
