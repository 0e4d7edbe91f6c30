//go:build hidden

package exercises

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

// number matches the numbers worth searching for: at least four digits, or a decimal point
// with digits after it ("0.375" and "1.832417957e-05", not a point count such as "2").
var number = regexp.MustCompile(`-?\d+\.\d+(e[-+]\d+)?|\d{4,}`)

// digits counts the digits of a number as written: "17.3" has 3, too few to tell a hidden value
// from a chance match with another number of the reports.
func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// wholeNumber returns a pattern matching the number s as a whole ("0.375" in "MSE 0.375,", not
// in "10.3751").
func wholeNumber(s string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(s) + `($|[^0-9])`)
}

// TestHiddenDetailsStayHidden grades a wrong submission of the whole course (every exercise
// replaced by one of its mistake variants) with the hidden checks, once revealing their details
// and once not. It collects what only the hidden checks show (their expected and actual values
// and the numbers in their messages and output) and searches every report format of the
// default run for it: nothing may be there. The same search in the revealed run must find it,
// so the test can fail.
func TestHiddenDetailsStayHidden(t *testing.T) {
	if testing.Short() {
		t.Skip("grades the whole course in sandboxed processes")
	}
	sources := map[string]string{}
	for _, e := range All() {
		ids, err := e.MistakeVariants("..")
		require.NoError(t, err)
		require.NotEmpty(t, ids, e.Slug)
		abs, err := filepath.Abs(filepath.Join("..", filepath.FromSlash(e.MistakeDir()), ids[0]))
		require.NoError(t, err)
		sources[e.Slug] = abs
	}
	opt := grader.Options{Workspace: "..", Exercises: All(), Hidden: true, Sources: sources, Seed: 2026, NoPlots: true}
	gradeIt := func(reveal bool) *report.Report {
		o := opt
		o.RevealHidden = reveal
		r, err := grader.Grade(context.Background(), o)
		require.NoError(t, err)
		r.StripTimings()
		return r
	}
	revealed, hidden := gradeIt(true), gradeIt(false)

	// What the visible parts of the revealed report say may appear anywhere.
	visible := *revealed
	visible.Exercises = nil
	for _, e := range revealed.Exercises {
		e.Checks = slices.DeleteFunc(slices.Clone(e.Checks), func(c report.Check) bool { return c.Visibility != report.Visible })
		visible.Exercises = append(visible.Exercises, e)
	}
	visibleJSON, err := json.Marshal(&visible)
	require.NoError(t, err)
	secrets := map[string]string{} // value → the hidden check it comes from
	failedHidden := 0
	for _, e := range revealed.Exercises {
		for _, c := range e.Checks {
			if c.Visibility != report.Hidden || c.Status == report.Passed {
				continue
			}
			failedHidden++
			for _, s := range append([]string{c.Expected, c.Got}, number.FindAllString(c.Message+"\n"+c.Output, -1)...) {
				if digits(s) >= 4 && !bytes.Contains(visibleJSON, []byte(s)) {
					secrets[s] = e.Slug + ": " + c.Name
				}
			}
		}
	}
	require.Greater(t, failedHidden, 5, "the wrong submission fails hidden checks")
	require.NotEmpty(t, secrets, "the hidden checks' messages hold values found nowhere else")
	patterns := map[string]*regexp.Regexp{}
	for s := range secrets {
		patterns[s] = wholeNumber(s)
	}

	formats := func(r *report.Report) map[string]string {
		out := map[string]string{}
		for _, name := range report.FormatNames() {
			w, err := report.Lookup(name)
			require.NoError(t, err)
			var b bytes.Buffer
			opts := report.Options{Text: report.TextOptions{Detail: true}}
			require.NoError(t, w(&b, r, opts), name)
			out[name] = b.String()
		}
		return out
	}
	found := func(outputs map[string]string) []string {
		var leaks []string
		for name, text := range outputs {
			for s, from := range secrets {
				if patterns[s].MatchString(text) {
					leaks = append(leaks, name+": "+s+" (from "+from+")")
				}
			}
		}
		return leaks
	}
	assert.NotEmpty(t, found(formats(revealed)), "with RevealHidden the values are in the reports")
	assert.Empty(t, found(formats(hidden)), "hidden checks' values in a report a learner sees")

	// What stays: each hidden check's name, points, status and named mistake.
	for i, e := range hidden.Exercises {
		for j, c := range e.Checks {
			r := revealed.Exercises[i].Checks[j]
			assert.Equal(t, r.Name, c.Name)
			assert.Equal(t, r.Status, c.Status, c.Name)
			assert.Equal(t, r.Points, c.Points, c.Name)
			assert.Equal(t, r.Mistake, c.Mistake, c.Name)
		}
	}
}
