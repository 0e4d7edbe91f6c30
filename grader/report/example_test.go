package report_test

import (
	"fmt"
	"os"

	"github.com/mlkata/mlkata/grader/report"
)

// small is a report of one exercise with one passed and one failed check.
func small() *report.Report {
	return &report.Report{
		Version: report.Version, Tool: "mlkata 0.1.0", Seed: 7, Sandbox: "rlimits", Score: 1, MaxScore: 2,
		Exercises: []report.Exercise{{
			Number: 1, Slug: "mean", Title: "The mean", Dir: "exercises/01-mean", Status: report.Failed, Score: 1, MaxScore: 2,
			Checks: []report.Check{
				{Name: "Mean of 1, 2, 3", Status: report.Passed, Points: 1, MaxPoints: 1},
				{Name: "Mean of an empty slice", Status: report.Failed, MaxPoints: 1,
					Message: "Mean([]) = 0, want NaN", Got: "0", Expected: "NaN",
					Mistake: &report.Mistake{ID: "empty-is-zero", Hint: "an empty slice has no mean: return NaN"}},
			},
		}},
	}
}

// A command picks the writer by the name a user gave.
func ExampleLookup() {
	write, err := report.Lookup("exercism")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := write(os.Stdout, small(), report.Options{}); err != nil {
		fmt.Println(err)
	}
	_, err = report.Lookup("yaml")
	fmt.Println(err)
	// Output:
	// {
	//   "version": 3,
	//   "status": "fail",
	//   "tests": [
	//     {
	//       "name": "The mean: Mean of 1, 2, 3",
	//       "status": "pass",
	//       "task_id": 1
	//     },
	//     {
	//       "name": "The mean: Mean of an empty slice",
	//       "status": "fail",
	//       "message": "Mean([]) = 0, want NaN\ngot:  0\nwant: NaN\nmistake: empty-is-zero\nan empty slice has no mean: return NaN",
	//       "task_id": 1
	//     }
	//   ]
	// }
	// report: unknown format "yaml" (want one of text, json, junit, gradescope, prairielearn, exercism, github, github-summary, html)
}

func ExampleFormatHelp() {
	fmt.Print(report.FormatHelp())
	// Output:
	// text            the terminal report (the default)
	// json            mlkata's own JSON, the contract with other tools
	// junit           JUnit XML: one test suite per exercise, one test case per check
	// gradescope      Gradescope autograder results.json
	// prairielearn    PrairieLearn external grader results.json, plots inlined
	// exercism        Exercism test runner results.json, version 3
	// github          GitHub Actions workflow commands: annotations for build errors and failed checks
	// github-summary  Markdown for $GITHUB_STEP_SUMMARY
	// html            a self-contained HTML page, plots inlined
}

func ExampleWriteGitHubAnnotations() {
	if err := report.WriteGitHubAnnotations(os.Stdout, small()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ::error title=Exercise 1 (mean)%3A Mean of an empty slice::Mean([]) = 0, want NaN%0Agot:  0%0Awant: NaN%0Amistake: empty-is-zero%0Aan empty slice has no mean: return NaN
	// ::notice title=mlkata 0.1.0::1/2 points, seed 7
}

func ExampleWriteGitHubSummary() {
	if err := report.WriteGitHubSummary(os.Stdout, small(), ""); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ## mlkata 0.1.0: 1 / 2 points
	//
	// 0 of 1 exercises pass · seed 7 · sandbox `rlimits`
	//
	// **Next:** `exercises/01-mean`, 1 check left.
	//
	// | # | Exercise | Status | Score |
	// |--:|---|---|--:|
	// | 01 | The mean | ❌ failed | 1 / 2 |
	//
	// ### Failed checks
	//
	// - **01 The mean › Mean of an empty slice** (0 / 1): Mean(\[\]) = 0, want NaN
	//   - got `0`, want `NaN`
	//   - mistake `empty-is-zero`: an empty slice has no mean: return NaN
}

func ExampleWriteJUnit() {
	r := small()
	r.Exercises[0].Checks = r.Exercises[0].Checks[:1]
	if err := report.WriteJUnit(os.Stdout, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <testsuites name="mlkata 0.1.0" tests="1" failures="0" errors="0" time="0.000">
	//   <testsuite name="mean" tests="1" failures="0" errors="0" skipped="0" time="0.000">
	//     <properties>
	//       <property name="number" value="1"></property>
	//       <property name="title" value="The mean"></property>
	//       <property name="dir" value="exercises/01-mean"></property>
	//       <property name="status" value="failed"></property>
	//       <property name="score" value="1"></property>
	//       <property name="max_score" value="2"></property>
	//       <property name="seed" value="7"></property>
	//       <property name="sandbox" value="rlimits"></property>
	//     </properties>
	//     <testcase name="Mean of 1, 2, 3" classname="mean" time="0.000"></testcase>
	//   </testsuite>
	// </testsuites>
}

func ExampleWriteGradescope() {
	r := small()
	r.Exercises[0].Checks[1].Visibility = report.Hidden
	if err := report.WriteGradescope(os.Stdout, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "score": 1,
	//   "output": "mlkata 0.1.0 · seed 7 · sandbox rlimits\nVisible checks: 1/1 points. 1 hidden check will be shown when grades are published.",
	//   "output_format": "text",
	//   "test_output_format": "text",
	//   "stdout_visibility": "hidden",
	//   "tests": [
	//     {
	//       "name": "The mean: Mean of 1, 2, 3",
	//       "number": "1.1",
	//       "score": 1,
	//       "max_score": 1,
	//       "status": "passed",
	//       "tags": [
	//         "mean"
	//       ],
	//       "visibility": "visible"
	//     },
	//     {
	//       "name": "The mean: Mean of an empty slice",
	//       "number": "1.2",
	//       "score": 0,
	//       "max_score": 1,
	//       "status": "failed",
	//       "output": "Mean([]) = 0, want NaN\ngot:  0\nwant: NaN\nmistake: empty-is-zero\nan empty slice has no mean: return NaN",
	//       "tags": [
	//         "mean"
	//       ],
	//       "visibility": "after_published"
	//     }
	//   ]
	// }
}

// When grading itself fails, PrairieLearn still needs a results.json; an ungradable one does
// not cost the student an attempt.
func ExampleWritePrairieLearnUngradable() {
	if err := report.WritePrairieLearnUngradable(os.Stdout, "grade: the course has no exercises"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "gradable": false,
	//   "message": "grade: the course has no exercises",
	//   "format_errors": [
	//     "grade: the course has no exercises"
	//   ]
	// }
}
