package report

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// PrairieLearnImageBudget is how many bytes of base64 image data WritePrairieLearn inlines at
// most; PrairieLearn rejects a results.json over 1 MB.
const PrairieLearnImageBudget = 700 << 10

// The PrairieLearn external grader results.json, as specified in PrairieLearn's
// docs/externalGrading.md.
type (
	plResults struct {
		Gradable     bool      `json:"gradable"`
		Score        float64   `json:"score"`
		Message      string    `json:"message,omitempty"`
		Output       string    `json:"output,omitempty"`
		FormatErrors []string  `json:"format_errors,omitempty"`
		Images       []plImage `json:"images,omitempty"`
		Tests        []plTest  `json:"tests"`
	}
	plImage struct {
		Label string `json:"label"`
		URL   string `json:"url"`
	}
	plTest struct {
		Name        string  `json:"name"`
		Description string  `json:"description"`
		Points      float64 `json:"points"`
		MaxPoints   float64 `json:"max_points"`
		Message     string  `json:"message,omitempty"`
		Output      string  `json:"output,omitempty"`
	}
)

// WritePrairieLearn writes r as the results.json of a PrairieLearn external grader
// (/grade/results/results.json):
//
//   - gradable is true (use WritePrairieLearnUngradable when grading itself failed);
//   - score is the report's score divided by its maximum, in [0, 1] (0 when the maximum is 0);
//   - format_errors lists the build problems of exercises that do not compile, one string per
//     exercise (its message and compiler diagnostics);
//   - one test per check: name (hidden checks say so), description (the exercise), points,
//     max_points, message (explanation, got and want, mistake and hint) and output
//     (what the learner's code printed);
//   - images are the report's plots, read as PNG from workspace at their Plot.PNG paths and
//     inlined as data URLs, labelled "exercise title: plot title", up to
//     PrairieLearnImageBudget bytes in all; plots over the budget, plot files that are
//     missing, unreadable or not PNG, and all plots when workspace is nil, are left out and
//     counted in the message.
func WritePrairieLearn(w io.Writer, r *Report, workspace fs.FS) error {
	res := plResults{Gradable: true, Tests: []plTest{}}
	if r.MaxScore > 0 {
		res.Score = min(max(r.Score/r.MaxScore, 0), 1)
	}
	budget := PrairieLearnImageBudget
	left := 0
	for i := range r.Exercises {
		e := &r.Exercises[i]
		if e.Status == BuildError {
			msg := buildText(e)
			if msg == "" {
				msg = e.Dir + " does not build."
			}
			res.FormatErrors = append(res.FormatErrors, msg)
		}
		for j := range e.Checks {
			c := &e.Checks[j]
			name := c.Name
			if c.Visibility == Hidden {
				name += " (hidden)"
			}
			msg := explain(e, c)
			res.Tests = append(res.Tests, plTest{
				Name:        name,
				Description: fmt.Sprintf("Exercise %d: %s (%s)", e.Number, e.Title, e.Dir),
				Points:      c.Points,
				MaxPoints:   c.MaxPoints,
				Message:     msg,
				Output:      c.Output,
			})
		}
		for _, p := range e.Plots {
			url, _ := plotDataURL(workspace, p.PNG)
			if url == "" || len(url) > budget {
				left++
				continue
			}
			budget -= len(url)
			res.Images = append(res.Images, plImage{Label: e.Title + ": " + p.Title, URL: url})
		}
	}
	res.Message = fmt.Sprintf("%s of %s points.", points(r.Score), points(r.MaxScore))
	if e, n := Next(r); e != nil {
		res.Message += fmt.Sprintf(" Next: %s (%s).", e.Dir, nextStep(e, n))
	}
	if left > 0 {
		res.Message += fmt.Sprintf(" %d %s not shown here.", left, plural(left, "plot is", "plots are"))
	}
	res.Output = fmt.Sprintf("%s · seed %d · sandbox %s", r.Tool, r.Seed, r.Sandbox)
	return writeIndentedJSON(w, "PrairieLearn results", res)
}

// WritePrairieLearnUngradable writes a PrairieLearn results.json for a submission that could
// not be graded at all (an internal error of the grader): gradable false, so PrairieLearn
// awards nothing and does not count the attempt, with message and format_errors saying why.
func WritePrairieLearnUngradable(w io.Writer, message string) error {
	res := struct {
		Gradable     bool     `json:"gradable"`
		Message      string   `json:"message"`
		FormatErrors []string `json:"format_errors"`
	}{false, message, []string{message}}
	return writeIndentedJSON(w, "PrairieLearn results", res)
}

// nextStep says in a few words what to do about the exercise Next returned, with n checks not
// passing.
func nextStep(e *Exercise, n int) string {
	switch e.Status {
	case NotStarted:
		return "read its README.md and replace the stubs"
	case BuildError:
		return "make it build"
	default:
		return fmt.Sprintf("%d %s left", n, plural(n, "check", "checks"))
	}
}

const pngMagic = "\x89PNG\r\n\x1a\n"

// plotDataURL reads the PNG file at path in workspace and returns it as a data URL. When it
// cannot, it returns "" and why, in a few words: the workspace was not given, the file is
// missing or unreadable, or it is not a PNG. A plot that cannot be shown never stops a report
// from being written.
func plotDataURL(workspace fs.FS, path string) (url, why string) {
	if workspace == nil {
		return "", "the workspace was not given to the report writer"
	}
	b, err := fs.ReadFile(workspace, path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", "the file is missing"
	case err != nil:
		return "", "the file cannot be read: " + err.Error()
	case !bytes.HasPrefix(b, []byte(pngMagic)):
		return "", "the file is not a PNG image"
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b), ""
}
