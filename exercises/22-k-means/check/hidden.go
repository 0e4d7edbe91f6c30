//go:build hidden

package check

import "github.com/mlkata/mlkata/grader"

// hiddenChecks run on inputs the learner never saw, drawn from the run's seed.
func hiddenChecks() []grader.Check {
	return []grader.Check{}
}
