// Package platform packages a course for a grading platform and runs the platform's side of
// grading a submission: `grade package gradescope` and the scripts in its zip.
//
// A Gradescope autograder (see GradescopeZip) is a zip with setup.sh and run_autograder at its
// root and a snapshot of the instructor's repository (Course) in course/. Gradescope unzips it
// to /autograder/source, runs setup.sh once when it builds the autograder's image, and then,
// for every submission, copies the learner's files to /autograder/submission and runs
// run_autograder, which must write /autograder/results/results.json. setup.sh installs Go,
// builds grade with the hidden checks from the snapshot, writes the learners' template with
// grade release and grades it once to fill the build cache; run_autograder calls RunGradescope
// (through the hidden command `grade autograde gradescope`), which copies the submission's
// exercise files into a fresh copy of the template (Place), grades it like grade ci, and always
// leaves a valid results.json.
package platform

import (
	"path"
	"strings"

	"github.com/mlkata/mlkata/grader"
)

// Course chooses the files of the instructor's repository that an autograder needs, from the
// files release.Tracked lists: everything but test files, names starting with "." or "_"
// (.git, .grade, the instructor's CI), every exercise's reference solution, mistake variants
// and alternative solutions (and any folder named solution, or mistakes or alternatives inside
// a check folder, such as the grader's own test workspaces), and the files matching exclude
// (path.Match patterns, relative to the repository; a folder's pattern leaves out all below
// it). The hidden checks stay: the result is the instructor's, never the learners'.
func Course(files []string, course []*grader.Exercise, exclude []string) (keep []string, dropped []string) {
	spoilers := map[string]bool{}
	for _, e := range course {
		spoilers[path.Clean(e.SolutionDir())] = true
		spoilers[path.Clean(e.MistakeDir())] = true
		spoilers[path.Clean(e.AlternativeDir())] = true
	}
	for _, f := range files {
		if leaveOut(f, spoilers, exclude) {
			dropped = append(dropped, f)
			continue
		}
		keep = append(keep, f)
	}
	return keep, dropped
}

func leaveOut(f string, spoilers map[string]bool, exclude []string) bool {
	if strings.HasSuffix(f, "_test.go") {
		return true
	}
	elems := strings.Split(f, "/")
	for i, e := range elems {
		if strings.HasPrefix(e, ".") || strings.HasPrefix(e, "_") {
			return true
		}
		if i == len(elems)-1 {
			break
		}
		if e == "solution" || (i > 0 && elems[i-1] == "check" && (e == "mistakes" || e == "alternatives")) {
			return true
		}
		if spoilers[strings.Join(elems[:i+1], "/")] {
			return true
		}
	}
	for _, pat := range exclude {
		for i := range elems {
			if ok, _ := path.Match(pat, strings.Join(elems[:i+1], "/")); ok {
				return true
			}
		}
	}
	return false
}
