// Command grade grades a learner's mlkata exercises, and for a course, grades submissions in CI
// and in batches.
//
//	grade                      every exercise: a table and the next step
//	grade 3 | standardize | exercises/03-…   one exercise, check by check
//	grade list | hint 3 | watch | solution 3 | reset 3 | plot 3
//	grade verify | ci | release OUT | batch DIR | gradebook DIR...
//
// Every command has --help with examples. Exit codes: 0 everything graded passed, 1 some check
// failed or was not started, 2 usage or configuration error, 3 internal error.
//
// The package is wiring: each command is an options struct and a run function (tests call
// them directly), urfave/cli turns the command line into those structs, and the work is done
// by package grader and its subpackages.
package main

import (
	"os"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader"
)

func main() {
	grader.Main() // the sandbox trampoline; returns at once in the grade process itself
	os.Exit(run(os.Args, newEnv(exercises.All(), courseStubs(), hiddenBuild)))
}
