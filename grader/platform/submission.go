package platform

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mlkata/mlkata/grader"
)

// MaxFileSize is the largest submitted file Place copies.
const MaxFileSize = 1 << 20

// Placement says what Place did with a submission's files.
type Placement struct {
	// Repository reports whether the submission was a repository (it has an exercises/
	// folder holding an exercise of the course) rather than loose files.
	Repository bool
	// Copied are the files copied into the workspace, sorted by destination.
	Copied []Copied
	// Ignored are the files left out, with the reason, sorted by path. Course counts those
	// left out because they are the course's own files (go.mod, cmd/, grader/...) in a
	// repository, which are not listed.
	Ignored []Ignored
	Course  int
}

// Copied is a submitted file copied into the workspace.
type Copied struct {
	From string // relative to the submission, slash-separated
	To   string // relative to the workspace, slash-separated
}

// Ignored is a submitted file that Place left out.
type Ignored struct {
	Path   string // relative to the submission, slash-separated
	Reason string
}

// Place copies the exercise files of the submission folder sub into the workspace ws (a fresh
// copy of the learners' template), following these rules:
//
//   - A repository: when some path of sub has the form [PREFIX/]exercises/DIR/NAME, with DIR
//     an exercise folder of the workspace (such as "03-classification-metrics"), sub is a
//     repository (uploaded from GitHub, or zipped with any enclosing folder). Its Go files
//     directly in an exercise's folder (not its tests, *_test.go) are copied to the same
//     place in ws, and the template's Go files of each such folder are removed first, so a
//     learner may rename, split or delete the stub's files. Everything else (go.mod, cmd/,
//     grader/, mlkit/, an exercise's check/ and other subfolders, READMEs) is the course's and
//     is never taken from a submission.
//   - Loose files: otherwise each Go file of sub (at any depth, not *_test.go) goes to the
//     exercise folder of ws that has a Go file of the same name, replacing it: "linreg.go"
//     goes to the exercise whose stub is linreg.go. When several exercises have a file of that
//     name (metrics.go), the file's package clause chooses the one whose file declares the same
//     package. A file that matches no exercise, or several, is ignored, with the reason.
//
// Folders whose names start with "." or "_" (.git, __MACOSX) are skipped, and so are symbolic
// links, files that are not regular and files larger than MaxFileSize. The error is for a
// workspace or submission that cannot be read or written, not for a submission without
// usable files (Placement.Copied is then empty).
func Place(sub, ws string, course []*grader.Exercise) (*Placement, error) {
	exDirs, stubs, err := exerciseFiles(ws, course)
	if err != nil {
		return nil, err
	}
	var files []string
	p := &Placement{}
	err = filepath.WalkDir(sub, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(sub, f)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case d.IsDir() && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")):
			return filepath.SkipDir
		case d.IsDir():
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			p.Ignored = append(p.Ignored, Ignored{rel, "a symbolic link: upload the file itself"})
		case !d.Type().IsRegular():
			p.Ignored = append(p.Ignored, Ignored{rel, "not a regular file"})
		default:
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("submission: %w", err)
	}
	slices.Sort(files)
	for _, f := range files {
		if _, _, ok := inExercise(f, exDirs); ok {
			p.Repository = true
			break
		}
	}

	targets := map[string]string{} // destination → source
	for _, f := range files {
		to, reason, course := p.destination(sub, ws, f, exDirs, stubs)
		if to != "" {
			if prev, ok := targets[to]; ok {
				to, reason = "", "goes to "+to+", like "+prev+": keep one of the two"
			}
		}
		if to != "" {
			if fi, err := os.Stat(filepath.Join(sub, filepath.FromSlash(f))); err != nil || fi.Size() > MaxFileSize {
				to, reason = "", fmt.Sprintf("larger than %d KiB", MaxFileSize>>10)
			}
		}
		switch {
		case to != "":
			targets[to] = f
		case course:
			p.Course++
		default:
			p.Ignored = append(p.Ignored, Ignored{f, reason})
		}
	}

	if p.Repository {
		cleared := map[string]bool{}
		for to := range targets {
			cleared[path.Dir(to)] = true
		}
		for _, dir := range slices.Sorted(maps.Keys(cleared)) {
			for _, stub := range stubsIn(stubs, dir) {
				if err := os.Remove(filepath.Join(ws, filepath.FromSlash(stub))); err != nil {
					return nil, fmt.Errorf("submission: %w", err)
				}
			}
		}
	}
	for _, to := range slices.Sorted(maps.Keys(targets)) {
		from := targets[to]
		data, err := os.ReadFile(filepath.Join(sub, filepath.FromSlash(from)))
		if err != nil {
			return nil, fmt.Errorf("submission: %w", err)
		}
		if err := os.WriteFile(filepath.Join(ws, filepath.FromSlash(to)), data, 0o644); err != nil {
			return nil, fmt.Errorf("submission: %w", err)
		}
		p.Copied = append(p.Copied, Copied{From: from, To: to})
	}
	slices.SortFunc(p.Ignored, func(a, b Ignored) int { return strings.Compare(a.Path, b.Path) })
	return p, nil
}

// destination says where the submitted file f goes in the workspace, or why it goes nowhere;
// course reports a course file of a repository, which is left out without a word.
func (p *Placement) destination(sub, ws, f string, exDirs map[string]bool, stubs map[string][]string) (to, reason string, course bool) {
	name := path.Base(f)
	isGo := strings.HasSuffix(name, ".go")
	if p.Repository {
		dir, rest, ok := inExercise(f, exDirs)
		switch {
		case !ok:
			return "", "", true
		case strings.Contains(rest, "/"):
			return "", "", true // check/, solution/, testdata/: the course's
		case !isGo:
			return "", "", true // README.md
		case strings.HasSuffix(name, "_test.go"):
			return "", "a test file: your tests are not run by the autograder", false
		}
		return "exercises/" + dir + "/" + rest, "", false
	}
	if !isGo {
		return "", "not a Go file", false
	}
	if strings.HasSuffix(name, "_test.go") {
		return "", "a test file: your tests are not run by the autograder", false
	}
	dirs := stubs[name]
	if len(dirs) > 1 {
		// Several exercises have a file of that name: the package clause decides.
		if pkg := packageName(filepath.Join(sub, filepath.FromSlash(f))); pkg != "" {
			dirs = slices.DeleteFunc(slices.Clone(dirs), func(d string) bool {
				return packageName(filepath.Join(ws, filepath.FromSlash(d), name)) != pkg
			})
			if len(dirs) == 0 {
				dirs = stubs[name]
			}
		}
	}
	switch len(dirs) {
	case 0:
		return "", "no exercise has a file named " + name + ": give it the name of the exercise's file, or upload your whole repository", false
	case 1:
		return dirs[0] + "/" + name, "", false
	default:
		return "", fmt.Sprintf("several exercises have a file named %s (%s) and its package clause names none of them: upload your whole repository, with its exercises/ folder, instead", name, strings.Join(dirs, ", ")), false
	}
}

// inExercise finds the exercise folder in the path f: f is [PREFIX/]exercises/DIR/REST with DIR
// one of exDirs.
func inExercise(f string, exDirs map[string]bool) (dir, rest string, ok bool) {
	elems := strings.Split(f, "/")
	for i := len(elems) - 3; i >= 0; i-- {
		if elems[i] == "exercises" && exDirs[elems[i+1]] {
			return elems[i+1], strings.Join(elems[i+2:], "/"), true
		}
	}
	return "", "", false
}

// exerciseFiles lists the folder names of the course's exercises (in exercises/) and, by file
// name, the exercise folders of the workspace ws ("exercises/DIR") with a Go file of that name.
func exerciseFiles(ws string, course []*grader.Exercise) (map[string]bool, map[string][]string, error) {
	dirs := map[string]bool{}
	stubs := map[string][]string{}
	for _, e := range course {
		dir, name, ok := strings.Cut(path.Clean(e.Dir), "/")
		if !ok || dir != "exercises" || strings.Contains(name, "/") {
			return nil, nil, fmt.Errorf("workspace: exercise %s: folder %q is not exercises/NAME", e.Slug, e.Dir)
		}
		dirs[name] = true
		files, err := os.ReadDir(filepath.Join(ws, filepath.FromSlash(e.Dir)))
		if err != nil {
			return nil, nil, fmt.Errorf("workspace: %w", err)
		}
		for _, f := range files {
			if f.Type().IsRegular() && strings.HasSuffix(f.Name(), ".go") && !strings.HasSuffix(f.Name(), "_test.go") {
				stubs[f.Name()] = append(stubs[f.Name()], e.Dir)
			}
		}
	}
	return dirs, stubs, nil
}

// stubsIn returns the template's Go files in the folder dir ("exercises/DIR").
func stubsIn(stubs map[string][]string, dir string) []string {
	var out []string
	for name, dirs := range stubs {
		if slices.Contains(dirs, dir) {
			out = append(out, dir+"/"+name)
		}
	}
	slices.Sort(out)
	return out
}

// packageName returns the package clause of the Go file at name, or "" when it has none.
func packageName(name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.PackageClauseOnly)
	if err != nil {
		return ""
	}
	return f.Name.Name
}
