package exercises

import "embed"

// Stubs holds the course's stub files: the Go files at the top of each exercise folder, as the
// learner receives them, at paths relative to this folder ("03-classification-metrics/metrics.go").
// `grade reset` restores a learner's exercise from this copy, compiled into grade, so that the
// stub comes from the grader and never from the learner's own tree.
//
//go:embed */*.go
var Stubs embed.FS
