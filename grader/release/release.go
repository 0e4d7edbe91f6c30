// Package release writes the learner's copy of a course: the repository a learner clones and
// works in, with everything that would spoil the grading left out.
//
// Write copies the instructor's repository (Options.Source) to Options.Out file by file and
// decides what to leave out from the files themselves, not from a list of paths:
//
//   - a Go file whose build constraint needs the hidden tag (HiddenTag) is left out; a Go file
//     whose constraint mentions the tag otherwise gets the constraint specialised for a tree
//     without hidden files ("//go:build !hidden" disappears, "!hidden && linux" becomes
//     "linux"), so the release builds the same with or without -tags hidden;
//   - the reference solution, mistake variant and alternative solution folders of every
//     exercise of the course (grader.Exercise.SolutionDir, MistakeDir and AlternativeDir), and
//     any other folder holding a copy of an
//     enclosing folder's package (a package declaring the same name as a package above it,
//     which is what solutions and mistake variants are);
//   - files embedded (//go:embed) only by files that are left out: hidden data;
//   - test files (*_test.go): the instructor's tests verify solutions and mistake variants and
//     know the hidden build;
//   - testdata folders, except the files a kept file embeds (the fixture datasets);
//   - names starting with "." or "_" (.git, .grade, the instructor's own CI), except the files
//     .gitignore and .gitattributes;
//   - whatever matches Options.Exclude (briefs, notes).
//
// With Options.Workflow, Write then adds the grading workflow at WorkflowPath
// (.github/workflows/grade.yml): the only file in the release's .github folder.
//
// When Source is a git work tree (git on PATH), the candidates are the files git tracks
// (read from the work tree, so uncommitted edits of tracked files are released; untracked and
// ignored files are not); otherwise every file below Source is a candidate.
package release

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/build"
	"go/token"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mlkata/mlkata/grader"
)

// Options configures Write.
type Options struct {
	// Source is the instructor's repository: the root of the mlkata module.
	Source string
	// Out is the folder the learner's repository is written to. It is created if needed.
	Out string
	// Exercises is the course (usually exercises.All()); their solution and mistake folders are
	// left out.
	Exercises []*grader.Exercise
	// Exclude lists more paths to leave out, as slash-separated patterns relative to Source
	// (path.Match syntax); a pattern that matches a folder leaves out everything below it. A
	// pattern that would leave out a file a released package embeds (//go:embed) is an error.
	Exclude []string
	// Ref, when set, releases that git revision of Source (a tag, a commit, "HEAD") instead of
	// its work tree: a snapshot that uncommitted edits cannot make inconsistent.
	Ref string
	// Force writes into an Out that is not empty: everything in it except .git is removed
	// first. Without Force, Write refuses a non-empty Out.
	Force bool
	// Workflow, when not nil, is the GitHub Actions workflow that grades the learners'
	// repositories (mlkata.GradeWorkflow, docs/github-actions/grade.yml); Write adds it at
	// WorkflowPath after the copy, with the variables MLKATA_REPO and MLKATA_REF given
	// defaults where it knows them: WorkflowRepo, and the full commit SHA of Ref (or of HEAD,
	// when the work tree is released and has no uncommitted changes) when Source is a git
	// work tree. Variables set in the organisation or the repository still win.
	Workflow []byte
	// WorkflowRepo is the instructor's repository on GitHub, "owner/name": the default of
	// MLKATA_REPO in Workflow. It needs Workflow.
	WorkflowRepo string
}

// Result says what Write did.
type Result struct {
	// Files are the files written, relative to Out, slash-separated, sorted.
	Files []string
	// Dropped are the candidate files left out, with the reason, sorted by path.
	Dropped []Dropped
	// Rewritten are the Go files whose build constraint was specialised.
	Rewritten []string
	// Workflow says what was written from Options.Workflow; nil without it.
	Workflow *Workflow
}

// Dropped is a file left out of the release.
type Dropped struct {
	Path   string // relative to Source, slash-separated
	Reason string
}

// Write writes the learner's release of opt.Source to opt.Out and, when progress is not nil,
// a line per step to progress. It returns a *grader.ConfigError when the options are wrong:
// Source is not a Go module root, Out is not empty and Force is not set, an Exclude pattern
// would leave out a file that a released package embeds, WorkflowRepo is not a repository's
// name; and another error when Ref is unknown or a file cannot be read or written. Out is
// changed only once the release is planned, so an error before that leaves it as it was.
func Write(ctx context.Context, opt Options, progress io.Writer) (*Result, error) {
	if progress == nil {
		progress = io.Discard
	}
	src, err := filepath.Abs(opt.Source)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(src, "go.mod")); err != nil {
		return nil, configErr(fmt.Errorf("release: source %s is not a module root: %w", opt.Source, err))
	}
	out, err := filepath.Abs(opt.Out)
	if err != nil {
		return nil, err
	}
	if rel, err := filepath.Rel(src, out); err == nil && !strings.HasPrefix(rel, "..") {
		return nil, configErr(fmt.Errorf("release: out folder %s is inside the source %s", opt.Out, opt.Source))
	}
	if opt.WorkflowRepo != "" && opt.Workflow == nil {
		return nil, configErr(errors.New("release: a workflow repository without a workflow"))
	}
	workflowExisted := false
	if opt.Workflow != nil {
		// Checked before anything is written: a bad repository name or a workflow without the
		// lines to fill in leaves Out as it was.
		if _, err := fillWorkflow(opt.Workflow, opt.WorkflowRepo, ""); err != nil {
			return nil, configErr(fmt.Errorf("release: %w", err))
		}
		workflowExisted = fileExists(filepath.Join(out, filepath.FromSlash(WorkflowPath)))
	}
	if !opt.Force {
		// Refused at once; Out is emptied (with Force) only once the release is planned.
		if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
			return nil, configErr(fmt.Errorf("release: out folder %s is not empty (force to replace its contents)", out))
		}
	}
	origin := src

	if opt.Ref != "" {
		snap, err := snapshot(ctx, src, opt.Ref)
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(snap)
		src = snap
		fmt.Fprintf(progress, "release: releasing %s of %s\n", opt.Ref, opt.Source)
	}
	files, how, err := candidates(ctx, src)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "release: %d candidate files in %s (%s)\n", len(files), src, how)
	p, err := plan(src, files, opt)
	if err != nil {
		return nil, err
	}
	// Only now, when nothing can stop the release but a file that cannot be read or written,
	// is Out emptied.
	if err := prepareOut(out, opt.Force); err != nil {
		return nil, err
	}
	res := &Result{Dropped: p.dropped}
	for _, f := range p.keep {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(f)))
		if err != nil {
			return nil, fmt.Errorf("release: %w", err)
		}
		if strings.HasSuffix(f, ".go") {
			nd, keep, err := withoutHidden(data)
			if err != nil {
				return nil, fmt.Errorf("release: %s: build constraint: %w", f, err)
			}
			if !keep {
				res.Dropped = append(res.Dropped, Dropped{f, "needs the " + HiddenTag + " build tag"})
				continue
			}
			if !bytes.Equal(nd, data) {
				res.Rewritten = append(res.Rewritten, f)
			}
			data = nd
		}
		mode := fs.FileMode(0o644)
		if fi, err := os.Stat(filepath.Join(src, filepath.FromSlash(f))); err == nil && fi.Mode()&0o111 != 0 {
			mode = 0o755
		}
		dst := filepath.Join(out, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, fmt.Errorf("release: %w", err)
		}
		if err := os.WriteFile(dst, data, mode); err != nil {
			return nil, fmt.Errorf("release: %w", err)
		}
		res.Files = append(res.Files, f)
	}
	if opt.Workflow != nil {
		// Names starting with "." are never copied from Source, so this is the only file in
		// .github: the workflow that goes with this release.
		ref, note := pinnedCommit(ctx, origin, opt.Ref)
		wf, err := writeWorkflow(out, opt, ref, note, workflowExisted)
		if err != nil {
			return nil, err
		}
		res.Workflow = wf
		res.Files = append(res.Files, WorkflowPath)
		slices.Sort(res.Files)
		fmt.Fprintf(progress, "release: wrote the grading workflow %s\n", WorkflowPath)
	}
	slices.SortFunc(res.Dropped, func(a, b Dropped) int { return strings.Compare(a.Path, b.Path) })
	fmt.Fprintf(progress, "release: wrote %d files to %s, left out %d, rewrote the build constraint of %d\n",
		len(res.Files), out, len(res.Dropped), len(res.Rewritten))
	return res, nil
}

// configErr marks err as the caller's mistake (an option, Source, Out), not a failure of Write:
// a *grader.ConfigError.
func configErr(err error) error { return &grader.ConfigError{Err: err} }

// snapshot extracts revision ref of the git repository at src into a new temporary folder
// (`git archive`), which the caller removes.
func snapshot(ctx context.Context, src, ref string) (string, error) {
	dir, err := os.MkdirTemp("", "mlkata-release-")
	if err != nil {
		return "", fmt.Errorf("release: %w", err)
	}
	cmd := exec.CommandContext(ctx, "git", "-C", src, "archive", "--format=tar", ref)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	tarball, err := cmd.Output()
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("release: git archive %s: %w: %s", ref, err, strings.TrimSpace(stderr.String()))
	}
	if err := untar(dir, bytes.NewReader(tarball)); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("release: git archive %s: %w", ref, err)
	}
	return dir, nil
}

// untar extracts the regular files and folders of a tar stream into dir.
func untar(dir string, r io.Reader) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := filepath.FromSlash(path.Clean(h.Name))
		if !filepath.IsLocal(name) {
			return fmt.Errorf("unsafe path %q", h.Name)
		}
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		if err := os.WriteFile(p, data, fs.FileMode(h.Mode)&0o755|0o644); err != nil {
			return err
		}
	}
}

// prepareOut creates out, or checks that it is empty, or empties it (but for .git) with force.
func prepareOut(out string, force bool) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(out, 0o755)
	}
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if !force {
		return configErr(fmt.Errorf("release: out folder %s is not empty (force to replace its contents)", out))
	}
	for _, e := range entries {
		if e.Name() == ".git" {
			continue
		}
		if err := os.RemoveAll(filepath.Join(out, e.Name())); err != nil {
			return fmt.Errorf("release: %w", err)
		}
	}
	return nil
}

// candidates lists the files that may be released, slash-separated and relative to src,
// sorted, and says where the list came from.
func candidates(ctx context.Context, src string) ([]string, string, error) {
	if _, err := os.Stat(filepath.Join(src, ".git")); err == nil {
		if git, err := exec.LookPath("git"); err == nil {
			cmd := exec.CommandContext(ctx, git, "-C", src, "ls-files", "-z", "--cached")
			if b, err := cmd.Output(); err == nil {
				var files []string
				for f := range strings.SplitSeq(strings.TrimSuffix(string(b), "\x00"), "\x00") {
					if f == "" {
						continue
					}
					// A tracked file deleted from the work tree, or a submodule, is not released.
					if fi, err := os.Lstat(filepath.Join(src, filepath.FromSlash(f))); err == nil && fi.Mode().IsRegular() {
						files = append(files, f)
					}
				}
				slices.Sort(files)
				return files, "files tracked by git", nil
			}
		}
	}
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(src, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("release: %w", err)
	}
	slices.Sort(files)
	return files, "every file", nil
}

// releasePlan is the outcome of plan: the files to copy and the ones left out.
type releasePlan struct {
	keep    []string
	dropped []Dropped
}

// plan applies every rule but the build constraints (which need the file's content).
func plan(src string, files []string, opt Options) (*releasePlan, error) {
	courseDirs := map[string]string{} // folder → reason
	for _, e := range opt.Exercises {
		courseDirs[path.Clean(e.SolutionDir())] = "reference solution of " + e.Slug
		courseDirs[path.Clean(e.MistakeDir())] = "mistake variants of " + e.Slug
		courseDirs[path.Clean(e.AlternativeDir())] = "other correct solutions of " + e.Slug
	}
	pkgs, err := loadPackages(src, files)
	if err != nil {
		return nil, err
	}
	p := &releasePlan{}
	for _, f := range files {
		if reason := dropReason(f, courseDirs, pkgs, opt.Exclude); reason != "" {
			p.dropped = append(p.dropped, Dropped{f, reason})
			continue
		}
		p.keep = append(p.keep, f)
	}
	// An exclude pattern must not take away a file that a released package embeds
	// (docs/github-actions/grade.yml, the fixtures): the release would not build.
	excluded := map[string]string{}
	for _, d := range p.dropped {
		if strings.HasPrefix(d.Reason, "excluded by ") {
			excluded[d.Path] = strings.TrimPrefix(d.Reason, "excluded by ")
		}
	}
	checked := map[string]bool{}
	for _, f := range p.keep {
		dir := path.Dir(f)
		if !strings.HasSuffix(f, ".go") || checked[dir] {
			continue
		}
		checked[dir] = true
		for _, e := range pkgs.embeds[dir] {
			if pat, ok := excluded[e]; ok {
				return nil, configErr(fmt.Errorf("release: the exclude pattern %q leaves out %s, which the package in %s embeds, so the release would not build: exclude the files beside it instead", pat, e, dir))
			}
		}
	}
	return p, nil
}

func dropReason(f string, courseDirs map[string]string, pkgs *packages, exclude []string) string {
	elems := strings.Split(f, "/")
	for i, e := range elems {
		if strings.HasPrefix(e, ".") || strings.HasPrefix(e, "_") {
			if i == len(elems)-1 && (e == ".gitignore" || e == ".gitattributes") {
				continue
			}
			return "a name starting with . or _"
		}
	}
	for _, pat := range exclude {
		for i := range elems {
			if ok, _ := path.Match(pat, strings.Join(elems[:i+1], "/")); ok {
				return "excluded by " + pat
			}
		}
	}
	for dir := path.Dir(f); dir != "."; dir = path.Dir(dir) {
		if reason, ok := courseDirs[dir]; ok {
			return reason
		}
	}
	for dir := path.Dir(f); dir != "."; dir = path.Dir(dir) {
		if anc, ok := pkgs.copies[dir]; ok {
			return fmt.Sprintf("a copy of package %s of %s (a solution or mistake variant)", pkgs.name[dir], anc)
		}
	}
	if strings.HasSuffix(f, "_test.go") {
		return "a test file"
	}
	if pkgs.hiddenOnly[f] && !pkgs.embedded[f] {
		return "embedded only by files that need the " + HiddenTag + " build tag"
	}
	if slices.Contains(elems[:len(elems)-1], "testdata") && !pkgs.embedded[f] {
		return "test data"
	}
	return ""
}

// packages holds what plan needs to know about the Go packages of the source.
type packages struct {
	name       map[string]string   // folder → package name (non-test files, hidden tag off)
	copies     map[string]string   // folder → the enclosing folder with the same package name
	embedded   map[string]bool     // files embedded by a non-test file that builds without hidden
	embeds     map[string][]string // folder → the files its package embeds (as embedded)
	hiddenOnly map[string]bool     // files embedded by files that need the hidden tag
}

// loadPackages reads the package clause and embed patterns of every folder holding Go files.
func loadPackages(src string, files []string) (*packages, error) {
	pk := &packages{name: map[string]string{}, copies: map[string]string{}, embedded: map[string]bool{}, embeds: map[string][]string{}, hiddenOnly: map[string]bool{}}
	dirs := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, ".go") {
			dirs[path.Dir(f)] = true
		}
	}
	plain := build.Default
	plain.CgoEnabled = false
	withHidden := plain
	withHidden.BuildTags = []string{HiddenTag}
	for _, dir := range slices.Sorted(maps.Keys(dirs)) {
		abs := filepath.Join(src, filepath.FromSlash(dir))
		p, err := plain.ImportDir(abs, 0)
		var noGo *build.NoGoError
		if err != nil && !errors.As(err, &noGo) {
			// A folder the go command could not build either (several packages, a syntax error)
			// is copied as it is; the release's own build test will say so.
			continue
		}
		if p != nil && p.Name != "" && p.Name != "main" {
			pk.name[dir] = p.Name
		}
		if p != nil {
			set := map[string]bool{}
			if err := pk.addEmbeds(src, dir, p.EmbedPatterns, set); err != nil {
				return nil, err
			}
			for f := range set {
				pk.embedded[f] = true
			}
			pk.embeds[dir] = slices.Sorted(maps.Keys(set))
		}
		if h, err := withHidden.ImportDir(abs, 0); err == nil {
			var hiddenPatterns []string
			for pat, pos := range h.EmbedPatternPos {
				if !slices.ContainsFunc(pos, func(p token.Position) bool { return p.Filename != "" && !needsHidden(p.Filename) }) {
					hiddenPatterns = append(hiddenPatterns, pat)
				}
			}
			if err := pk.addEmbeds(src, dir, hiddenPatterns, pk.hiddenOnly); err != nil {
				return nil, err
			}
		}
	}
	for dir, name := range pk.name {
		for anc := path.Dir(dir); anc != "."; anc = path.Dir(anc) {
			if pk.name[anc] == name {
				pk.copies[dir] = anc
				break
			}
		}
	}
	return pk, nil
}

// needsHidden reports whether the Go file at name builds only with the hidden tag.
func needsHidden(name string) bool {
	data, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	_, keep, err := withoutHidden(data)
	return err == nil && !keep
}

// addEmbeds adds the files matched by the embed patterns of the package in dir to set, the
// way the go command matches them: a pattern names files or folders, a folder embeds every
// file below it.
func (pk *packages) addEmbeds(src, dir string, patterns []string, set map[string]bool) error {
	for _, pat := range patterns {
		pat = strings.TrimPrefix(pat, "all:")
		matches, err := filepath.Glob(filepath.Join(src, filepath.FromSlash(dir), filepath.FromSlash(pat)))
		if err != nil {
			return fmt.Errorf("release: %s: embed pattern %q: %w", dir, pat, err)
		}
		for _, m := range matches {
			err := filepath.WalkDir(m, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if d.Type().IsRegular() {
					rel, _ := filepath.Rel(src, p)
					set[filepath.ToSlash(rel)] = true
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("release: %w", err)
			}
		}
	}
	return nil
}
