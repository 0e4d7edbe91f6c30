package report

import (
	"io"
	"strings"
)

// ExercismOutputLimit is the most characters of learner output Exercism shows for one test;
// longer output is cut there and followed by ExercismTruncated.
const ExercismOutputLimit = 500

// ExercismTruncated is the note Exercism's interface asks for after cut output.
const ExercismTruncated = "Output was truncated. Please limit to 500 chars"

// The Exercism test runner results.json, version 3, as specified in exercism/docs
// building/tooling/test-runners/interface.md.
type (
	exercismResults struct {
		Version int            `json:"version"`
		Status  string         `json:"status"`
		Message string         `json:"message,omitempty"`
		Tests   []exercismTest `json:"tests"`
	}
	exercismTest struct {
		Name    string `json:"name"`
		Status  string `json:"status"`
		Message string `json:"message,omitempty"`
		Output  string `json:"output,omitempty"`
		TaskID  int    `json:"task_id"`
	}
)

// WriteExercism writes r as the results.json of an Exercism test runner, version 3:
//
//   - status is "pass" when every check passed, "error" when no check ran because every
//     exercise that has checks does not build (message then holds the compiler diagnostics),
//     and "fail" otherwise; Exercism reserves "error" for runs in which no test ran;
//   - one test per check, in course order, named "exercise title: check name", with status
//     "pass", "fail" (failed or not started) or "error" (errored or did not build), message
//     (explanation, got and want, mistake and hint; empty when passed), output (what
//     the learner's code printed, cut at ExercismOutputLimit characters) and task_id (the
//     exercise's number).
func WriteExercism(w io.Writer, r *Report) error {
	res := exercismResults{Version: 3, Status: "pass", Tests: []exercismTest{}}
	ran, broken := false, []string{}
	for i := range r.Exercises {
		e := &r.Exercises[i]
		if e.Status == BuildError {
			broken = append(broken, buildText(e))
		}
		for j := range e.Checks {
			c := &e.Checks[j]
			t := exercismTest{Name: e.Title + ": " + c.Name, Status: "pass", Output: exercismOutput(c.Output), TaskID: e.Number}
			switch c.Status {
			case Failed, NotStarted:
				t.Status = "fail"
			case Error, BuildError:
				t.Status = "error"
			}
			if c.Status != BuildError {
				ran = true
			}
			if c.Status != Passed {
				res.Status = "fail"
				t.Message = explain(e, c)
			}
			res.Tests = append(res.Tests, t)
		}
	}
	if !ran && len(broken) > 0 {
		res.Status = "error"
		res.Message = strings.Join(broken, "\n\n")
	}
	return writeIndentedJSON(w, "Exercism results", res)
}

// exercismOutput cuts s after ExercismOutputLimit characters (runes) and adds
// ExercismTruncated.
func exercismOutput(s string) string {
	n := 0
	for i := range s {
		if n == ExercismOutputLimit {
			return s[:i] + "\n" + ExercismTruncated
		}
		n++
	}
	return s
}
