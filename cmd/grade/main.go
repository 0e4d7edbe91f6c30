// Command grade grades a learner's mlkata exercises.
//
//	grade [--json] [--seed N] [--workspace DIR] [--hidden] [EXERCISE...]
//	grade verify [--workspace DIR] [EXERCISE...]
//
// Exit codes: 0 all graded checks passed, 1 some check failed or was not started, 2 usage or
// configuration error, 3 internal error.
package main

import (
	"os"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader"
)

func main() {
	grader.Main() // the sandbox trampoline; returns at once in the grade process itself
	os.Exit(run(os.Args, os.Stdout, os.Stderr, exercises.All))
}
