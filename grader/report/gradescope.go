package report

import (
	"fmt"
	"io"
	"strings"
)

// The Gradescope autograder results.json, as specified in gradescope/autograder_samples
// docs/specs.md.
type (
	gradescopeResults struct {
		Score            float64          `json:"score"`
		ExecutionTime    int64            `json:"execution_time,omitempty"` // seconds
		Output           string           `json:"output"`
		OutputFormat     string           `json:"output_format"`
		TestOutputFormat string           `json:"test_output_format"`
		StdoutVisibility string           `json:"stdout_visibility"`
		Tests            []gradescopeTest `json:"tests"`
	}
	gradescopeTest struct {
		Name       string   `json:"name"`
		Number     string   `json:"number"`
		Score      float64  `json:"score"`
		MaxScore   float64  `json:"max_score"`
		Status     string   `json:"status"`
		Output     string   `json:"output,omitempty"`
		Tags       []string `json:"tags"`
		Visibility string   `json:"visibility"`
	}
)

// WriteGradescope writes r as the results.json of a Gradescope autograder
// (/autograder/results/results.json):
//
//   - score is the report's score, execution_time its duration in whole seconds, rounded up;
//   - one test per check, numbered "exercise.check" ("2.3"), named "exercise title: check
//     name", with its points as score and max_score, status "passed" or "failed" (a check
//     that errored, did not build or was not started has failed), tagged with the exercise
//     slug, and as output the message, got and want, the mistake and its hint, and what the
//     learner's code printed;
//   - hidden checks are "after_published": students see them when the instructor publishes
//     the grades; visible checks are "visible";
//   - the top-level output names the tool, seed and sandbox and the score on visible checks
//     only, so that it reveals nothing about hidden checks before they are published;
//   - the autograder's own standard output stays "hidden" (instructors only).
//
// Outputs are plain text (output_format "text").
func WriteGradescope(w io.Writer, r *Report) error {
	res := gradescopeResults{
		Score:            r.Score,
		ExecutionTime:    (r.DurationMS + 999) / 1000,
		OutputFormat:     "text",
		TestOutputFormat: "text",
		StdoutVisibility: "hidden",
		Tests:            []gradescopeTest{},
	}
	var visible, visibleMax float64
	hidden := 0
	for i := range r.Exercises {
		e := &r.Exercises[i]
		for j := range e.Checks {
			c := &e.Checks[j]
			t := gradescopeTest{
				Name:       e.Title + ": " + c.Name,
				Number:     checkID(e, j),
				Score:      c.Points,
				MaxScore:   c.MaxPoints,
				Status:     "failed",
				Output:     gradescopeOutput(e, c),
				Tags:       []string{e.Slug},
				Visibility: "visible",
			}
			if c.Status == Passed {
				t.Status = "passed"
			}
			if c.Visibility == Hidden {
				t.Visibility = "after_published"
				hidden++
			} else {
				visible += c.Points
				visibleMax += c.MaxPoints
			}
			res.Tests = append(res.Tests, t)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s · seed %d · sandbox %s\n", r.Tool, r.Seed, r.Sandbox)
	fmt.Fprintf(&b, "Visible checks: %s/%s points.", points(visible), points(visibleMax))
	if hidden > 0 {
		fmt.Fprintf(&b, " %d hidden %s will be shown when grades are published.", hidden, plural(hidden, "check", "checks"))
	}
	res.Output = b.String()
	return writeIndentedJSON(w, "Gradescope results", res)
}

// gradescopeOutput is a test's output: the explanation and the learner's output.
func gradescopeOutput(e *Exercise, c *Check) string {
	parts := []string{}
	if s := explain(e, c); s != "" {
		parts = append(parts, s)
	}
	if c.Output != "" {
		parts = append(parts, "Your output:\n"+strings.TrimRight(c.Output, "\n"))
	}
	return strings.Join(parts, "\n\n")
}

// plural returns one when n is 1 and many otherwise.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
