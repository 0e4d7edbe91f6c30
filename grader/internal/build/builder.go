package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/build/constraint"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/mlkata/mlkata/grader/report"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

// builder holds the state of one Build call.
type builder struct {
	workspace string // absolute, symlinks resolved
	targets   []Target
	opt       Options
	goCmd     string
	env       []string
	driverFS  fs.FS  // the driver package's source files
	goVersion string // the driver's language version, DriverGoVersion

	// overlay maps a virtual file in the workspace to the real file that provides it.
	overlay map[string]string
	// standIn maps a virtual file of a Source target to its real file (its folder's symlinks
	// resolved, like workspace), for diagnostics and Result.File.
	standIn map[string]string
	// dirs[i] is the absolute (possibly virtual) package folder of targets[i].
	dirs []string

	driverDir string // absolute virtual folder of the driver package
	mainDir   string // absolute virtual folder of the generated main

	pkgs    map[string]*listPackage // by import path
	modPath string                  // the workspace module's path
	modDir  string                  // the workspace module's root folder
	// privImport is the import path of PrivateDir: the module path when the workspace is
	// the module's root, plus the workspace's folder in the module otherwise.
	privImport string
	res        []*TargetResult // parallel to targets
	pkgOf      []*listPackage  // parallel to targets; nil when not loaded
	// loadFailed[i] reports that go list found errors in target i or its dependencies.
	loadFailed []bool
	// generic[i] are the asked-for functions of target i declared with type parameters,
	// and genericDiags[i] says so at their declarations.
	generic      [][]string
	genericDiags [][]report.Diagnostic
	// skipped[i] reports that Options.Skip left target i out of the binary.
	skipped []bool

	// settingsHash and pkgHashes memoise sourceHash's work within one build.
	settingsHash string
	pkgHashes    map[string]string
}

func newBuilder(workspace string, targets []Target, opt Options) (*builder, error) {
	if err := validate(targets); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	if opt.CacheDir == "" {
		return nil, errors.New("build: Options.CacheDir is empty")
	}
	ws, err := filepath.Abs(workspace)
	if err != nil {
		return nil, fmt.Errorf("build: workspace %q: %w", workspace, err)
	}
	if ws, err = filepath.EvalSymlinks(ws); err != nil {
		return nil, fmt.Errorf("build: workspace: %w", err)
	}
	cache, err := filepath.Abs(opt.CacheDir)
	if err != nil {
		return nil, fmt.Errorf("build: cache folder %q: %w", opt.CacheDir, err)
	}
	opt.CacheDir = cache
	goCmd := opt.Go
	if goCmd == "" {
		if goCmd, err = GoCommand(); err != nil {
			return nil, err
		}
	}
	// GOTOOLCHAIN=local: a submission's go.mod must not make the go command fetch and run
	// another Go toolchain inside the trusted grader.
	env := append(os.Environ(), "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOTMPDIR="+filepath.Join(cache, "tmp"), "PWD="+ws)
	env = append(env, opt.Env...)
	b := &builder{
		workspace:    ws,
		goVersion:    DriverGoVersion,
		targets:      targets,
		opt:          opt,
		goCmd:        goCmd,
		env:          env,
		overlay:      make(map[string]string),
		standIn:      make(map[string]string),
		dirs:         make([]string, len(targets)),
		driverDir:    filepath.Join(ws, PrivateDir, "main", "internal", "driver"),
		mainDir:      filepath.Join(ws, PrivateDir, "main"),
		res:          make([]*TargetResult, len(targets)),
		pkgOf:        make([]*listPackage, len(targets)),
		loadFailed:   make([]bool, len(targets)),
		generic:      make([][]string, len(targets)),
		genericDiags: make([][]report.Diagnostic, len(targets)),
		skipped:      make([]bool, len(targets)),
	}
	for i := range targets {
		b.res[i] = &TargetResult{}
	}
	return b, nil
}

func (b *builder) run(ctx context.Context) (*Result, error) {
	if _, err := os.Lstat(filepath.Join(b.workspace, PrivateDir)); err == nil {
		return nil, fmt.Errorf("build: the workspace has a folder named %s, which the grader reserves for its own generated code: rename it", PrivateDir)
	}
	for _, sub := range []string{"src", "tmp"} {
		if err := os.MkdirAll(filepath.Join(b.opt.CacheDir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
	}
	if err := b.addDriver(); err != nil {
		return nil, err
	}
	b.addStandIns()
	if err := b.load(ctx); err != nil {
		return nil, err
	}
	b.checkPolicy()
	b.findFuncs()
	if err := b.hashAndSkip(); err != nil {
		return nil, err
	}
	bin, err := b.compile(ctx)
	if err != nil {
		return nil, err
	}
	prune(b.opt.CacheDir, time.Now())
	out := &Result{Binary: bin, Targets: make(map[string]*TargetResult, len(b.targets)),
		workspace: b.workspace, standIn: b.standIn, modPath: b.modPath, modDir: b.modDir}
	for i, t := range b.targets {
		r := b.res[i]
		r.OK = r.Built && len(r.Missing) == 0
		r.Skipped = b.skipped[i]
		r.Message = b.message(i)
		r.Diagnostics = append(r.Diagnostics, b.genericDiags[i]...)
		out.Targets[t.Slug] = r
	}
	return out, nil
}

// addDriver puts the grader's copy of package driver into the overlay.
func (b *builder) addDriver() error {
	entries, err := fs.ReadDir(b.driverFS, ".")
	if err != nil {
		return fmt.Errorf("build: driver source: %w", err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := fs.ReadFile(b.driverFS, name)
		if err != nil {
			return fmt.Errorf("build: driver source: %w", err)
		}
		if data, err = withGoVersion(data, b.goVersion); err != nil {
			return fmt.Errorf("build: driver source %s: %w", name, err)
		}
		real, err := b.writeSource(name, data)
		if err != nil {
			return err
		}
		b.overlay[filepath.Join(b.driverDir, name)] = real
		n++
	}
	if n == 0 {
		return errors.New("build: driver source has no .go files")
	}
	return nil
}

// DriverGoVersion is the Go language version package driver is written for: the go
// directive of mlkata's own go.mod (a test checks that they agree). The driver is compiled
// inside the learner's module, whose go directive may be older; each driver file gets a
// "//go:build go1.N" constraint, which sets that file's language version, so the driver
// compiles whatever the learner's go.mod says, as long as the toolchain is at least go1.N.
const DriverGoVersion = "go1.26"

// withGoVersion returns the Go source src with version added to its //go:build constraint
// ("//go:build unix" becomes "//go:build go1.26 && unix"), or with a "//go:build version"
// line put first when it has none. It fails on a //go:build line that does not parse.
func withGoVersion(src []byte, version string) ([]byte, error) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	for i, l := range lines {
		t := string(bytes.TrimSpace(l))
		if strings.HasPrefix(t, "package ") || t == "package" {
			break
		}
		if !constraint.IsGoBuild(t) {
			continue
		}
		expr, err := constraint.Parse(t)
		if err != nil {
			return nil, err
		}
		and := &constraint.AndExpr{X: &constraint.TagExpr{Tag: version}, Y: expr}
		lines[i] = []byte("//go:build " + and.String() + "\n")
		return bytes.Join(lines, nil), nil
	}
	return append([]byte("//go:build "+version+"\n\n"), src...), nil
}

// addStandIns maps each Source target's files to a private virtual folder of its own: its
// .go files (test files excluded) and its other regular files, so that //go:embed of a file
// beside the code works. Subfolders are not mapped. A Source folder that cannot be read or
// has no .go files fails that target only.
func (b *builder) addStandIns() {
	for i, t := range b.targets {
		if t.Source == "" {
			b.dirs[i] = filepath.Join(b.workspace, filepath.FromSlash(t.Dir))
			continue
		}
		b.dirs[i] = filepath.Join(b.workspace, PrivateDir, "src", strconv.Itoa(i))
		// The real files are shown relative to the workspace, whose symlinks are resolved:
		// resolve the Source folder's too, which is usually named under the workspace as given.
		shown := t.Source
		if r, err := filepath.EvalSymlinks(t.Source); err == nil {
			shown = r
		}
		entries, err := os.ReadDir(t.Source)
		goFiles := 0
		for _, e := range entries {
			name := e.Name()
			if !e.Type().IsRegular() || strings.HasSuffix(name, "_test.go") {
				continue
			}
			if strings.HasSuffix(name, ".go") {
				goFiles++
			}
			virtual := filepath.Join(b.dirs[i], name)
			b.overlay[virtual] = filepath.Join(t.Source, name)
			b.standIn[virtual] = filepath.Join(shown, name)
		}
		var problem string
		var pathErr *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			problem = "folder not found"
		case errors.As(err, &pathErr):
			problem = pathErr.Err.Error()
		case err != nil:
			problem = err.Error()
		case goFiles == 0:
			problem = "no .go files"
		}
		if problem != "" {
			b.res[i].Diagnostics = []report.Diagnostic{{File: b.displayFile(t.Source), Message: "stand-in folder: " + problem}}
			b.loadFailed[i] = true
		}
	}
}

// writeSource writes data to a content-addressed file in the cache (once) and returns its
// path.
func (b *builder) writeSource(name string, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	file := filepath.Join(b.opt.CacheDir, "src", hex.EncodeToString(sum[:8])+"-"+name)
	if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, data) {
		touch(file)
		return file, nil
	}
	if err := atomicfile.Write(file, data); err != nil {
		return "", fmt.Errorf("build: %w", err)
	}
	return file, nil
}

// writeOverlay writes the overlay file for the current overlay map, plus extra entries, and
// returns its path and a hash of its content.
func (b *builder) writeOverlay(extra map[string]string) (file, key string, err error) {
	replace := make(map[string]string, len(b.overlay)+len(extra))
	for k, v := range b.overlay {
		replace[k] = v
	}
	for k, v := range extra {
		replace[k] = v
	}
	data, err := json.MarshalIndent(struct{ Replace map[string]string }{replace}, "", "\t")
	if err != nil {
		return "", "", fmt.Errorf("build: %w", err)
	}
	sum := sha256.Sum256(data)
	key = hex.EncodeToString(sum[:8])
	file = filepath.Join(b.opt.CacheDir, "overlay-"+key+".json")
	if _, err := os.Stat(file); err == nil {
		touch(file)
		return file, key, nil
	}
	if err := atomicfile.Write(file, data); err != nil {
		return "", "", fmt.Errorf("build: %w", err)
	}
	return file, key, nil
}

// touch sets file's modification time to now, marking it as in use for prune.
func touch(file string) {
	now := time.Now()
	_ = os.Chtimes(file, now, now) // best effort: at worst prune removes it and a later build writes it again
}

// pruneAge is how long a binary, overlay or source file in the cache may go unused before
// prune removes it.
const pruneAge = 24 * time.Hour

// prune removes the cache's binaries, overlay files and source files that no build has
// used for pruneAge, so that builds of ever-changing target sets do not fill the disk. The
// go command touches an up-to-date binary, and writeSource and writeOverlay touch the files
// they reuse. Errors are ignored: pruning is housekeeping.
func prune(cacheDir string, now time.Time) {
	for _, pattern := range []string{"driver-*", "overlay-*.json", filepath.Join("src", "*")} {
		files, _ := filepath.Glob(filepath.Join(cacheDir, pattern))
		for _, f := range files {
			if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > pruneAge {
				os.Remove(f)
			}
		}
	}
}

// buildable reports whether target i loaded, respects its import policy and is not a main
// package: whether compile tries it.
func (b *builder) buildable(i int) bool {
	return b.pkgOf[i] != nil && !b.loadFailed[i] && len(b.res[i].Forbidden) == 0 && !b.isMain(i)
}

// hashAndSkip sets the SourceHash of every buildable target and asks Options.Skip whether to
// leave it out of the binary.
func (b *builder) hashAndSkip() error {
	for i, t := range b.targets {
		if !b.buildable(i) {
			continue
		}
		sum, err := b.sourceHash(i)
		if err != nil {
			return err
		}
		b.res[i].SourceHash = sum
		b.skipped[i] = b.opt.Skip != nil && len(b.res[i].Missing) == 0 && b.opt.Skip(t.Slug, sum)
	}
	return nil
}

// compile generates main for the targets still standing and builds it, dropping the targets
// that do not compile until the rest does. It returns the binary's path, or "" when no
// target is left.
func (b *builder) compile(ctx context.Context) (string, error) {
	var cands []int
	for i := range b.res {
		if b.buildable(i) && !b.skipped[i] {
			cands = append(cands, i)
		}
	}
	for len(cands) > 0 {
		src := b.generateMain(cands)
		mainFile, err := b.writeSource("main.go", src)
		if err != nil {
			return "", err
		}
		ovl, key, err := b.writeOverlay(map[string]string{filepath.Join(b.mainDir, "main.go"): mainFile})
		if err != nil {
			return "", err
		}
		bin := filepath.Join(b.opt.CacheDir, "driver-"+key)
		if runtime.GOOS == "windows" {
			bin += ".exe"
		}
		stdout, stderr, code, err := b.goRun(ctx, buildArgs(ovl, bin, b.modFlag()...)...)
		if err != nil {
			return "", err
		}
		if code == 0 {
			for _, i := range cands {
				b.res[i].Built = true
			}
			return bin, nil
		}
		failed, err := parseBuildOutput(stdout)
		if err != nil {
			return "", fmt.Errorf("build: go build -json output: %w", err)
		}
		var keep []int
		for _, i := range cands {
			broken := b.brokenDeps(i, failed)
			if len(broken) == 0 {
				keep = append(keep, i)
				continue
			}
			for _, p := range broken {
				for _, d := range failed[p] {
					b.res[i].Diagnostics = append(b.res[i].Diagnostics, b.diagnostic(d))
				}
			}
		}
		if len(keep) == len(cands) {
			keep = b.blameMain(cands, failed[b.privImport+"/main"])
		}
		if len(keep) == len(cands) {
			return "", fmt.Errorf("build: the driver does not build, and not because of a learner package:\n%s%s",
				buildText(stdout), stderr)
		}
		cands = keep
	}
	return "", nil
}

// mainAliasRE finds the generated main's package aliases (p0, p1...) in a compiler message.
var mainAliasRE = regexp.MustCompile(`\bp(\d+)\.`)

// blameMain attributes the generated main's compile errors to the targets whose aliases
// they name (a registered name that the compiler rejects where go/parser accepted it), and
// returns the other candidates. The grader's own mistakes name no alias and blame nobody.
func (b *builder) blameMain(cands []int, msgs []string) []int {
	blamed := make(map[int]bool)
	for _, msg := range msgs {
		for _, m := range mainAliasRE.FindAllStringSubmatch(msg, -1) {
			n, err := strconv.Atoi(m[1])
			if err != nil || n >= len(cands) {
				continue
			}
			i := cands[n]
			blamed[i] = true
			_, text, _ := strings.Cut(msg, ": ")
			if d := parsePosition(msg); d.File != "" {
				text = d.Message
			}
			b.res[i].Diagnostics = append(b.res[i].Diagnostics, report.Diagnostic{
				File:    b.targets[i].Dir,
				Message: "the grader cannot register this package's functions: " + strings.ReplaceAll(text, m[0], b.pkgOf[i].Name+"."),
			})
		}
	}
	var keep []int
	for _, i := range cands {
		if !blamed[i] {
			keep = append(keep, i)
		}
	}
	return keep
}

// buildArgs returns the arguments of the go command that builds the driver, with extra
// flags.
//
// -ldflags=-s -w leaves out the symbol table and DWARF, which makes the link, most of a
// rebuild's time, about a quarter faster; panics and runtime.Callers still give file:line
// (they read the pclntab, which stays). -trimpath keeps the workspace's folder out of the
// compiled packages and so out of the build cache's keys: a package compiled for one folder
// is reused for an identical package in another, as the driver's own runtime is for every
// submission of a batch (each in its own folder; without it, every submission compiled the
// runtime again, about a second). The files panics name are then import paths plus file
// names, which Result.File maps back to the workspace. -buildvcs=false keeps the
// workspace's git state out of the link's inputs, so that a commit does not relink.
func buildArgs(overlay, binary string, flags ...string) []string {
	args := []string{"build", "-json", "-buildvcs=false", "-trimpath", "-ldflags=-s -w",
		"-overlay", overlay, "-o", binary}
	return append(append(args, flags...), "./"+PrivateDir+"/main")
}

// modFlag returns -mod=readonly, which keeps the go command from writing the learner's
// go.mod and go.sum even when GOFLAGS says -mod=mod (a flag on the command line wins over
// GOFLAGS): a workspace whose go.sum lacks an entry gets a load error, not an edit. A
// workspace with a vendor folder keeps the go command's own choice (-mod=vendor).
func (b *builder) modFlag() []string {
	if _, err := os.Stat(filepath.Join(b.workspace, "vendor", "modules.txt")); err == nil {
		return nil
	}
	return []string{"-mod=readonly"}
}

// brokenDeps returns the failed packages among target i's package and its dependencies,
// the target's own package first.
func (b *builder) brokenDeps(i int, failed map[string][]string) []string {
	p := b.pkgOf[i]
	var out []string
	if _, ok := failed[p.ImportPath]; ok {
		out = append(out, p.ImportPath)
	}
	for _, d := range p.Deps {
		if _, ok := failed[d]; ok {
			out = append(out, d)
		}
	}
	return out
}

// isMain reports whether target i's package is a command, which cannot be imported.
func (b *builder) isMain(i int) bool {
	return b.pkgOf[i] != nil && b.pkgOf[i].Name == "main"
}

// generateMain returns the source of the driver's main for the targets cands.
func (b *builder) generateMain(cands []int) []byte {
	var imports, reg bytes.Buffer
	fmt.Fprintf(&imports, "\tdriver %q\n", b.privImport+"/main/internal/driver")
	for n, i := range cands {
		t, funcs := b.targets[i], b.res[i].Funcs
		alias := "p" + strconv.Itoa(n)
		if len(funcs) == 0 {
			alias = "_"
		}
		fmt.Fprintf(&imports, "\t%s %q\n", alias, b.pkgOf[i].ImportPath)
		fmt.Fprintf(&reg, "\t\t%q: {", t.Slug)
		for k, f := range funcs {
			if k > 0 {
				reg.WriteString(", ")
			}
			fmt.Fprintf(&reg, "%q: %s.%s", f, alias, f)
		}
		reg.WriteString("},\n")
	}
	return fmt.Appendf(nil, `// Code generated by mlkata's grader (grader/internal/build). DO NOT EDIT.

package main

import (
%s)

func main() {
	driver.Main(driver.Registry{
%s	})
}
`, imports.String(), reg.String())
}

// diagnostic converts one compiler or go-list message ("file:line:col: text") into a
// Diagnostic with a display path.
func (b *builder) diagnostic(msg string) report.Diagnostic {
	d := parsePosition(msg)
	if d.File != "" {
		d.File = b.displayFile(d.File)
	}
	return d
}

// displayFile returns file relative to the workspace, slash-separated, with stand-in files
// replaced by their real files; files outside the workspace stay absolute.
func (b *builder) displayFile(file string) string {
	if !filepath.IsAbs(file) {
		file = filepath.Join(b.workspace, file)
	}
	return relativeTo(b.workspace, b.standIn, file)
}

// relativeTo maps the absolute file through standIn and returns it relative to workspace
// when inside it, absolute otherwise; slash-separated either way.
func relativeTo(workspace string, standIn map[string]string, file string) string {
	file = filepath.Clean(file)
	if real, ok := standIn[file]; ok {
		file = real
	}
	if rel, err := filepath.Rel(workspace, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// displayImport returns the import path to show for p: a stand-in package shows as the
// learner package it stands in for.
func (b *builder) displayImport(p string) string {
	for i, t := range b.targets {
		if t.Source != "" && b.pkgOf[i] != nil && b.pkgOf[i].ImportPath == p && b.modPath != "" {
			rel, err := filepath.Rel(b.modDir, filepath.Join(b.workspace, filepath.FromSlash(t.Dir)))
			if err != nil || rel == "." {
				return b.modPath
			}
			return b.modPath + "/" + filepath.ToSlash(rel)
		}
	}
	return p
}

// folder returns the folder target i's files come from, for messages: its Source folder
// (shown like a diagnostic's file) when it has one, else its Dir.
func (b *builder) folder(i int) string {
	if src := b.targets[i].Source; src != "" {
		return b.displayFile(src)
	}
	return b.targets[i].Dir
}

// joinNames returns "A", "A and B" or "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// message returns the learner-facing sentence for target i, or "" when it is OK.
func (b *builder) message(i int) string {
	r := b.res[i]
	dir := b.folder(i)
	switch {
	case len(r.Forbidden) > 0:
		v := r.Forbidden[0]
		s := fmt.Sprintf("%s imports %s, which this exercise forbids", dir, v.Import)
		if b.graderOwn(v.Import) {
			s = fmt.Sprintf("%s imports %s, the grader's own code, which no exercise may import", dir, v.Import)
		}
		if len(v.Chain) > 2 {
			s += " (through " + strings.Join(v.Chain[1:len(v.Chain)-1], " → ") + ")"
		}
		if n := len(r.Forbidden) - 1; n > 0 {
			s += fmt.Sprintf(", and %d more forbidden %s", n, plural(n, "package", "packages"))
		}
		if b.graderOwn(v.Import) {
			return s + "."
		}
		return s + ": solve it without " + path.Base(v.Import) + "."
	case b.pkgOf[i] == nil || b.loadFailed[i]:
		return fmt.Sprintf("%s cannot be built: %s", dir, firstDiag(r.Diagnostics))
	case b.isMain(i):
		return fmt.Sprintf("%s is package main, a program: the grader needs the exercise's own package name in its package clause", dir)
	case !r.Built:
		s := fmt.Sprintf("%s does not compile: %s", dir, firstDiag(r.Diagnostics))
		if n := len(r.Diagnostics) - 1; n > 0 {
			s += fmt.Sprintf(" (and %d more %s)", n, plural(n, "error", "errors"))
		}
		return s
	case len(r.Missing) > 0:
		s := fmt.Sprintf("%s: %s %s %s", dir, plural(len(r.Missing), "function", "functions"),
			joinNames(r.Missing), plural(len(r.Missing), "is missing", "are missing"))
		if g := b.generic[i]; len(g) > 0 {
			s += fmt.Sprintf(" (%s %s type parameters, which the grader cannot call)", joinNames(g), plural(len(g), "has", "have"))
		}
		return s + "."
	}
	return ""
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// firstDiag formats the first diagnostic as "file:line:col: message" (first line only).
func firstDiag(ds []report.Diagnostic) string {
	if len(ds) == 0 {
		return "unknown error"
	}
	d := ds[0]
	msg, _, _ := strings.Cut(d.Message, "\n")
	msg = strings.TrimSuffix(strings.TrimSuffix(msg, ":"), "; to add it")
	switch {
	case d.File == "":
		return msg
	case d.Line == 0:
		return d.File + ": " + msg
	case d.Column == 0:
		return fmt.Sprintf("%s:%d: %s", d.File, d.Line, msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Column, msg)
}
