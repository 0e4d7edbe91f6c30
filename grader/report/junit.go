package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// The JUnit XML elements written by WriteJUnit. The attribute set is the one the common
// ("junit-10", Jenkins xunit) schema allows; testdata/junit-10.xsd checks it.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Time       string          `xml:"time,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Skipped   *junitOutcome `xml:"skipped"`
		Error     *junitOutcome `xml:"error"`
		Failure   *junitOutcome `xml:"failure"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitOutcome struct {
		Type    string `xml:"type,attr,omitempty"`
		Message string `xml:"message,attr,omitempty"`
		Body    string `xml:",chardata"`
	}
)

// seconds formats milliseconds as JUnit's time attribute: seconds with three decimals.
func seconds(ms int64) string { return strconv.FormatFloat(float64(ms)/1000, 'f', 3, 64) }

// WriteJUnit writes r as JUnit XML, the format CI systems (Jenkins, GitLab, GitHub test
// reporters) show as test results:
//
//   - one <testsuite> per exercise, named by its slug, with the counts of its test cases and
//     properties for the exercise's number, title, folder, score, and the run's seed and sandbox;
//   - one <testcase> per check: classname is the exercise slug, name the check's name, time
//     in seconds;
//   - a failed check has a <failure>, a check that errored or did not build an <error> (the
//     compiler diagnostics in its text), a check not started <skipped>; the message attribute
//     is the first line of the explanation, the text all of it;
//   - what the learner's code printed during the check is its <system-out>.
//
// Characters XML cannot hold (most control characters) are written as U+FFFD.
func WriteJUnit(w io.Writer, r *Report) error {
	doc := junitSuites{Name: r.Tool, Time: seconds(r.DurationMS), Suites: make([]junitSuite, 0, len(r.Exercises))}
	for i := range r.Exercises {
		e := &r.Exercises[i]
		s := junitSuite{
			Name: e.Slug,
			Time: seconds(e.DurationMS),
			Properties: []junitProperty{
				{"number", strconv.Itoa(e.Number)},
				{"title", e.Title},
				{"dir", e.Dir},
				{"status", e.Status.String()},
				{"score", points(e.Score)},
				{"max_score", points(e.MaxScore)},
				{"seed", strconv.FormatUint(r.Seed, 10)},
				{"sandbox", r.Sandbox},
			},
			Cases: make([]junitCase, 0, len(e.Checks)),
		}
		for j := range e.Checks {
			c := &e.Checks[j]
			tc := junitCase{Name: c.Name, Classname: e.Slug, Time: seconds(c.DurationMS), SystemOut: c.Output}
			text := checkText(e, c)
			outcome := &junitOutcome{Type: c.Status.String(), Message: firstLine(text), Body: text}
			switch c.Status {
			case Failed:
				tc.Failure = outcome
				s.Failures++
			case Error, BuildError:
				tc.Error = outcome
				s.Errors++
			case NotStarted:
				tc.Skipped = outcome
				s.Skipped++
			}
			s.Cases = append(s.Cases, tc)
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("report: write JUnit XML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
