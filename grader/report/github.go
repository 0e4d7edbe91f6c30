package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// githubData escapes the message of a GitHub Actions workflow command, as @actions/core's
// escapeData does: % as %25, CR as %0D, LF as %0A. A learner's text can therefore never start a
// command of its own on a new line.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a property value of a workflow command, as @actions/core's
// escapeProperty does: githubData's escapes plus : as %3A and , as %2C.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// githubCommand writes one workflow command line: ::name key=value,...::message. props holds
// key, value pairs; pairs with an empty value are left out.
func githubCommand(w io.Writer, name, message string, props ...string) error {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(name)
	sep := " "
	for i := 0; i+1 < len(props); i += 2 {
		if props[i+1] == "" {
			continue
		}
		b.WriteString(sep + props[i] + "=" + githubProperty(props[i+1]))
		sep = ","
	}
	b.WriteString("::" + githubData(message) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// splitLocation splits "file:line" or "file:line:col" into its parts. It returns ok false when
// loc has no line number.
func splitLocation(loc string) (file, line, col string, ok bool) {
	parts := strings.Split(loc, ":")
	n := len(parts)
	isNum := func(s string) bool { _, err := strconv.Atoi(s); return err == nil }
	switch {
	case n >= 3 && isNum(parts[n-1]) && isNum(parts[n-2]):
		return strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1], true
	case n >= 2 && isNum(parts[n-1]):
		return strings.Join(parts[:n-1], ":"), parts[n-1], "", true
	}
	return "", "", "", false
}

// WriteGitHubAnnotations writes r as GitHub Actions workflow commands, for a step's standard
// output: GitHub shows them as annotations on the run and on the files of a pull request.
//
//   - each compiler diagnostic of an exercise that does not build is an ::error with its file,
//     line and column;
//   - each check that failed or errored is an ::error titled with the exercise and check, whose
//     message explains it (got and want, mistake and hint); a panic with a known location also
//     names its file and line;
//   - exercises not started are listed in one ::notice, and the score is a last ::notice.
//
// Messages and properties are escaped as GitHub's toolkit does (see githubData and
// githubProperty), so that no text from the learner can inject a command.
func WriteGitHubAnnotations(w io.Writer, r *Report) error {
	var notStarted []string
	for i := range r.Exercises {
		e := &r.Exercises[i]
		ex := fmt.Sprintf("Exercise %d (%s)", e.Number, e.Slug)
		switch e.Status {
		case BuildError:
			title := ex + " does not build"
			if len(e.Diagnostics) == 0 {
				if err := githubCommand(w, "error", buildText(e), "title", title); err != nil {
					return err
				}
			}
			for _, d := range e.Diagnostics {
				col := ""
				if d.Column > 0 {
					col = strconv.Itoa(d.Column)
				}
				if err := githubCommand(w, "error", d.Message, "file", d.File, "line", strconv.Itoa(d.Line), "col", col, "title", title); err != nil {
					return err
				}
			}
			continue
		case NotStarted:
			notStarted = append(notStarted, e.Dir)
			continue
		}
		for j := range e.Checks {
			c := &e.Checks[j]
			if c.Status != Failed && c.Status != Error {
				continue
			}
			title := ex + ": " + c.Name
			file, line, col, _ := splitLocation(c.Location)
			if err := githubCommand(w, "error", checkText(e, c), "file", file, "line", line, "col", col, "title", title); err != nil {
				return err
			}
		}
	}
	if len(notStarted) > 0 {
		msg := "Read each README.md and replace the stubs: " + strings.Join(notStarted, ", ")
		title := fmt.Sprintf("%d %s not started", len(notStarted), plural(len(notStarted), "exercise", "exercises"))
		if err := githubCommand(w, "notice", msg, "title", title); err != nil {
			return err
		}
	}
	return githubCommand(w, "notice", fmt.Sprintf("%s/%s points, seed %d", points(r.Score), points(r.MaxScore), r.Seed), "title", r.Tool)
}

// markdownText escapes s for Markdown text: the ASCII punctuation that GitHub's Markdown could
// read as emphasis, code, links, HTML, headings, tables or strike-through is backslash-escaped
// (CommonMark allows that for any ASCII punctuation), and
// line breaks become spaces, so that a learner's text stays text inside a table cell or list.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdownCode writes s as an inline code span: the fence is one backtick more than the
// longest run of backticks inside, and line breaks become spaces.
func markdownCode(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || longest > 0 {
		s = " " + s + " "
	}
	return fence + s + fence
}

// githubStatus is an exercise's status with an emoji for the summary table.
func githubStatus(s Status) string {
	switch s {
	case Passed:
		return "✅ passed"
	case Failed:
		return "❌ failed"
	case Error:
		return "💥 error"
	case BuildError:
		return "🛠️ does not build"
	default:
		return "⚪ not started"
	}
}

// WriteGitHubSummary writes r as Markdown for a job's step summary (append it to the file
// named by $GITHUB_STEP_SUMMARY): the score, a table of the exercises with their status and
// score, the build errors, the checks that failed with their messages and the names and hints
// of the mistakes recognised, and the plots. With plotBaseURL set, each plot links to
// plotBaseURL followed by its PNG path; otherwise the path is shown as code. Every text from
// the report is escaped, so a learner's text cannot add Markdown or HTML.
func WriteGitHubSummary(w io.Writer, r *Report, plotBaseURL string) error {
	var b strings.Builder
	passed := 0
	for _, e := range r.Exercises {
		if e.Status == Passed {
			passed++
		}
	}
	fmt.Fprintf(&b, "## %s: %s / %s points\n\n", markdownText(r.Tool), points(r.Score), points(r.MaxScore))
	fmt.Fprintf(&b, "%d of %d exercises pass · seed %d · sandbox %s\n\n", passed, len(r.Exercises), r.Seed, markdownCode(r.Sandbox))
	if e, n := Next(r); e != nil {
		fmt.Fprintf(&b, "**Next:** %s, %s.\n\n", markdownCode(e.Dir), nextStep(e, n))
	}
	if len(r.Exercises) > 0 {
		b.WriteString("| # | Exercise | Status | Score |\n|--:|---|---|--:|\n")
		for _, e := range r.Exercises {
			fmt.Fprintf(&b, "| %02d | %s | %s | %s / %s |\n", e.Number, markdownText(e.Title), githubStatus(e.Status), points(e.Score), points(e.MaxScore))
		}
		b.WriteString("\n")
	}

	var build, failed, plots strings.Builder
	for i := range r.Exercises {
		e := &r.Exercises[i]
		ex := fmt.Sprintf("%02d %s", e.Number, markdownText(e.Title))
		if e.Status == BuildError {
			fmt.Fprintf(&build, "- **%s**", ex)
			if e.Message != "" {
				fmt.Fprintf(&build, ": %s", markdownText(e.Message))
			}
			build.WriteString("\n")
			for _, d := range e.extraDiagnostics() {
				fmt.Fprintf(&build, "  - %s %s\n", markdownCode(d.Position()), markdownText(d.Message))
			}
		}
		for _, c := range e.Checks {
			if c.Status != Failed && c.Status != Error {
				continue
			}
			fmt.Fprintf(&failed, "- **%s › %s** (%s / %s)", ex, markdownText(c.Name), points(c.Points), points(c.MaxPoints))
			if c.Message != "" {
				fmt.Fprintf(&failed, ": %s", markdownText(c.Message))
			}
			failed.WriteString("\n")
			if c.Got != "" || c.Expected != "" {
				fmt.Fprintf(&failed, "  - got %s, want %s\n", markdownCode(c.Got), markdownCode(c.Expected))
			}
			if c.Location != "" {
				fmt.Fprintf(&failed, "  - at %s\n", markdownCode(c.Location))
			}
			if c.Mistake != nil {
				if first := e.firstNaming(c.Mistake.ID); first.Name != c.Name {
					fmt.Fprintf(&failed, "  - mistake %s (explained under %s)\n", markdownCode(c.Mistake.ID), markdownText(first.Name))
				} else {
					fmt.Fprintf(&failed, "  - mistake %s: %s\n", markdownCode(c.Mistake.ID), markdownText(c.Mistake.Hint))
				}
			}
		}
		for _, p := range e.Plots {
			if plotBaseURL != "" {
				fmt.Fprintf(&plots, "- %s: [%s](%s)\n", ex, markdownText(p.Title), markdownURL(plotBaseURL+p.PNG))
			} else {
				fmt.Fprintf(&plots, "- %s: %s %s\n", ex, markdownText(p.Title), markdownCode(p.PNG))
			}
		}
	}
	for _, sec := range []struct {
		title string
		body  *strings.Builder
	}{{"Build errors", &build}, {"Failed checks", &failed}, {"Plots", &plots}} {
		if sec.body.Len() > 0 {
			fmt.Fprintf(&b, "### %s\n\n%s\n", sec.title, sec.body.String())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownURL makes a link destination safe inside (...): spaces, parentheses, angle brackets
// and line breaks are percent-encoded.
func markdownURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "%0A", "\r", "%0D").Replace(u)
}
