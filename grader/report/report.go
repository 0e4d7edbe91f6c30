// Package report is mlkata's result model and the writers that render it.
//
// One grading run produces one Report: a tree of report → exercises → checks, with the seed it
// was graded with, the sandbox level that was reached, scores, messages, named mistakes, plots
// and build diagnostics. The grading engine fills it in; independent writers render it as
// terminal text, JSON and the formats other platforms read. A writer never changes the report.
//
// The JSON form is the contract with CI and other tools. Its field names are stable within a
// Version; a change that removes or renames a field bumps Version.
package report

import (
	"fmt"
	"strings"
)

// Version is the version of the result model, written into every JSON report.
const Version = 1

// Status is the outcome of a check, or of an exercise as a whole.
type Status int

// The statuses, from best to worst for a learner's progress.
const (
	// Passed: the check passed, or every check of the exercise did.
	Passed Status = iota
	// Failed: the learner's code ran and gave a wrong answer.
	Failed
	// Error: the learner's code panicked, timed out, or hit a resource limit.
	Error
	// BuildError: the exercise does not compile, lacks a function, has a wrong signature, or
	// imports a package its policy forbids. Its checks do not run.
	BuildError
	// NotStarted: the exercise's stub is untouched (it still says "not implemented").
	NotStarted
)

var statusNames = [...]string{
	Passed:     "passed",
	Failed:     "failed",
	Error:      "error",
	BuildError: "build-error",
	NotStarted: "not-started",
}

// String returns the status as written in reports: "passed", "failed", "error",
// "build-error" or "not-started".
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(statusNames) {
		return nil, fmt.Errorf("report: unknown status %d", int(s))
	}
	return []byte(statusNames[s]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Status) UnmarshalText(b []byte) error {
	for i, name := range statusNames {
		if string(b) == name {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("report: unknown status %q (want one of %s)", b, strings.Join(statusNames[:], ", "))
}

// Visibility says whether a learner can see a check before CI grades with it.
type Visibility int

const (
	// Visible checks run locally and in CI.
	Visible Visibility = iota
	// Hidden checks are compiled only into the instructor's `grade` (build tag "hidden").
	Hidden
)

// String returns "visible" or "hidden".
func (v Visibility) String() string {
	if v == Hidden {
		return "hidden"
	}
	return "visible"
}

// MarshalText implements encoding.TextMarshaler.
func (v Visibility) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Visibility) UnmarshalText(b []byte) error {
	switch string(b) {
	case "visible":
		*v = Visible
	case "hidden":
		*v = Hidden
	default:
		return fmt.Errorf("report: unknown visibility %q (want visible or hidden)", b)
	}
	return nil
}

// Report is the result of grading one workspace or submission.
type Report struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`    // "mlkata 0.1.0"
	Seed     uint64  `json:"seed"`    // the seed every check's random inputs derive from
	Sandbox  string  `json:"sandbox"` // the isolation reached, e.g. "landlock+netns+rlimits"
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	// DurationMS is the wall time of the whole run; zero when timings are stripped.
	DurationMS int64      `json:"duration_ms,omitempty"`
	Exercises  []Exercise `json:"exercises"`
}

// Exercise is the result of one exercise.
type Exercise struct {
	Number int    `json:"number"` // 1-based position in the course's ordered list
	Slug   string `json:"slug"`
	Title  string `json:"title"`
	Dir    string `json:"dir"` // the exercise folder, relative to the workspace, slash-separated
	Status Status `json:"status"`
	// Message explains an exercise-level status (a build error, a forbidden import, a missing
	// function) in words a learner understands. Empty when the checks say it all.
	Message  string  `json:"message,omitempty"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Checks   []Check `json:"checks"`
	// Mistakes are the named mistakes of the checks, each once, in the order the checks
	// first named them, with the checks each explains.
	Mistakes    []MistakeSummary `json:"mistakes,omitempty"`
	Plots       []Plot           `json:"plots,omitempty"`
	Diagnostics []Diagnostic     `json:"diagnostics,omitempty"`
	DurationMS  int64            `json:"duration_ms,omitempty"`
	// Cached says that this result was not graded in this run: the exercise's code, the
	// grader and the options are the same as in an earlier run, whose result this is
	// (DurationMS is that run's). Only a learner's own runs use the cache.
	Cached bool `json:"cached,omitempty"`
}

// Check is the result of one check.
type Check struct {
	Name       string     `json:"name"`
	Status     Status     `json:"status"`
	Points     float64    `json:"points"`
	MaxPoints  float64    `json:"max_points"`
	Visibility Visibility `json:"visibility"`
	// Message says what was checked and, on failure, what went wrong and the tolerance used.
	Message  string   `json:"message,omitempty"`
	Expected string   `json:"expected,omitempty"`
	Got      string   `json:"got,omitempty"`
	Mistake  *Mistake `json:"mistake,omitempty"`
	// Output is what the learner's code printed during this check, capped.
	Output string `json:"output,omitempty"`
	// Location is the learner's file:line for a panic, when known.
	Location   string `json:"location,omitempty"`
	DurationMS int64  `json:"duration_ms,omitempty"`
}

// Mistake is a known mistake that a check recognised in the learner's result.
type Mistake struct {
	ID   string `json:"id"`   // stable, kebab-case: "sum-not-mean"
	Hint string `json:"hint"` // what to do about it
}

// MistakeSummary is one named mistake of an exercise and the checks it explains.
type MistakeSummary struct {
	ID     string   `json:"id"`
	Hint   string   `json:"hint"`
	Checks []string `json:"checks"` // the names of the checks that named it, in order
}

// Summarize returns the named mistakes of checks, each once, in the order of the first check
// that names it.
func Summarize(checks []Check) []MistakeSummary {
	var out []MistakeSummary
	index := map[string]int{}
	for _, c := range checks {
		if c.Mistake == nil {
			continue
		}
		i, ok := index[c.Mistake.ID]
		if !ok {
			i = len(out)
			index[c.Mistake.ID] = i
			out = append(out, MistakeSummary{ID: c.Mistake.ID, Hint: c.Mistake.Hint})
		}
		out[i].Checks = append(out[i].Checks, c.Name)
	}
	return out
}

// Plot is a figure written for an exercise, as PNG and SVG files.
type Plot struct {
	Title string `json:"title"`
	PNG   string `json:"png"` // path relative to the workspace, slash-separated
	SVG   string `json:"svg"`
	// Hidden marks a plot drawn by a hidden check: it shows data the learner never saw.
	Hidden bool `json:"hidden,omitempty"`
}

// Diagnostic is one compiler message about the learner's code.
type Diagnostic struct {
	File    string `json:"file"` // relative to the workspace, slash-separated
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// StripTimings zeroes every duration in r, so that two runs of the same submission with the
// same seed compare equal byte for byte.
func (r *Report) StripTimings() {
	r.DurationMS = 0
	for i := range r.Exercises {
		r.Exercises[i].StripTimings()
	}
}

// FullMarks reports whether e passed with every point.
func (e *Exercise) FullMarks() bool { return e.Status == Passed && e.Score == e.MaxScore }

// StripTimings zeroes the durations of e and of its checks (in place: a copy of e shares its
// Checks).
func (e *Exercise) StripTimings() {
	e.DurationMS = 0
	for j := range e.Checks {
		e.Checks[j].DurationMS = 0
	}
}

// HiddenNote and HiddenErrorNote replace the message of a hidden check that failed or errored,
// in reports that keep hidden checks' details back (HideHiddenDetails).
const (
	HiddenNote      = "a hidden check: its inputs, what your code gave and what was expected are not shown"
	HiddenErrorNote = "your code did not finish this hidden check (it panicked, or ran out of time or memory); its inputs and the details are not shown"
)

// HideHiddenDetails removes, in place, what a learner must not learn about the hidden checks:
// their messages, expected and actual values and the learner's output (all can hold the hidden
// inputs or results), and the plots they drew. What stays is each check's name, points and
// status, the mistake it named (with the catalogue's fixed hint), and where the learner's code
// panicked. A hidden check that failed gets HiddenNote as its message, one that errored
// HiddenErrorNote; not-started and build-error checks keep theirs, which are about the
// learner's files only.
func (r *Report) HideHiddenDetails() {
	for i := range r.Exercises {
		e := &r.Exercises[i]
		for j := range e.Checks {
			c := &e.Checks[j]
			if c.Visibility != Hidden || c.Status == NotStarted || c.Status == BuildError {
				continue
			}
			c.Message, c.Expected, c.Got, c.Output = "", "", "", ""
			switch c.Status {
			case Failed:
				c.Message = HiddenNote
			case Error:
				c.Message = HiddenErrorNote
			}
		}
		plots := e.Plots[:0:0]
		for _, p := range e.Plots {
			if !p.Hidden {
				plots = append(plots, p)
			}
		}
		if len(plots) == 0 {
			plots = nil
		}
		e.Plots = plots
	}
}
