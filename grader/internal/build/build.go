// Package build compiles a learner's exercise packages, the grader's driver runtime and a
// generated main into one executable: the driver, which the grading engine starts as an
// untrusted child process.
//
// Build never writes into the learner's tree. Everything it adds to the learner's module
// exists only in a `go build -overlay` file: a private folder (PrivateDir) at the module's
// top holding the generated main, the grader's own copy of package driver (from
// driver.Source, never the submission's copy) under main's internal/ folder so that no
// learner package can import it, and the stand-in packages of targets with a Source folder
// (reference solutions, mistake variants). The overlay's content files, the go command's
// temporary files and the binaries go to Options.CacheDir.
//
// A build runs in four steps:
//
//  1. `go list -e -deps -json` (with the overlay) loads every target: its import path, its
//     files, load errors (a missing module, an import cycle, no Go files) and the import
//     graph, on which each target's import policy (Target.Forbid) is checked.
//  2. Each target's files are parsed (go/parser, no type checking) for the functions it
//     declares; the ones it lacks are reported and left out of the registry, so that a
//     missing function does not break the build.
//  3. A main registering every remaining target's functions is generated and built with
//     `go build -json`, in the workspace's own module and with the user's build cache, so
//     a rebuild after a one-file edit recompiles that package and main and relinks: about
//     a quarter of a second on a 2-core machine (BenchmarkBuild/edit), most of it the link.
//     The driver's files get a "//go:build go1.N" line (DriverGoVersion), so it compiles
//     in a module whose go directive is older than the driver's code.
//  4. When some targets do not compile, the go command's output is split by package into
//     diagnostics; each broken package's diagnostics go to every target that depends on it,
//     those targets are dropped, and the rest is rebuilt: one binary for all targets that
//     compile.
//
// Caching is the go command's: the binary's name is a hash of the generated sources, and
// the go command skips the link when the binary at that name is up to date. Binaries and
// overlay files unused for a day are pruned from the cache.
//
// # Import policy
//
// Each target's Forbid list is checked on its whole import graph, standard library
// included, and reported with the chain that reaches the forbidden package. A target that
// breaks its policy is not built into the driver (it would score nothing anyway).
// Target.ForbidDirs forbids folders of the workspace by path instead of import path. Two rules
// apply to every target: it may not import the grader's own packages (GraderPackages), nor
// the overlay's private packages (another target's stand-in could be a reference
// solution). Forbidding the solution and check folders of exercises is the caller's job:
// it knows the course layout.
//
// unsafe, reflect, os/exec, net and syscall are not forbidden by default: the driver is
// untrusted whatever it imports, and the sandbox, not the import list, is the trust
// boundary. unsafe lets the learner corrupt only their own process, whose answers the
// grader checks anyway; cgo cannot be used (CGO_ENABLED=0). An exercise that wants to
// forbid them lists them in Forbid.
package build

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mlkata/mlkata/grader/internal/driver"
	"github.com/mlkata/mlkata/grader/report"
)

// PrivateDir is the folder, relative to the workspace, at which the overlay adds the
// generated main, the driver runtime and the Source stand-ins. It exists only in the
// overlay; its leading underscore keeps it out of the go command's "./..." patterns. Build
// refuses to run when a folder of that name exists on disk.
const PrivateDir = "_mlkata"

// GraderPackages is the import path of the grader's own packages. Every target is forbidden
// to import them (and the overlay's private packages), whatever its Forbid list says.
const GraderPackages = "github.com/mlkata/mlkata/grader/..."

// Target is one learner package to build into the driver.
type Target struct {
	// Slug names the exercise; it is the key of the driver's registry and of Result.Targets.
	Slug string
	// Dir is the learner package's folder, relative to the workspace, slash-separated
	// ("exercises/01-regression-metrics").
	Dir string
	// Funcs are the top-level functions (or function-valued variables) to register, by
	// their exported names. The ones the package lacks are reported in
	// TargetResult.Missing, not referenced.
	Funcs []string
	// Forbid lists import paths the package may not depend on, directly or through any
	// other package; "p/..." forbids p and every package below it.
	Forbid []string
	// ForbidDirs lists folders of the workspace, relative to it and slash-separated, whose
	// packages, and every package below them, the package may not depend on, like Forbid:
	// the course's reference solutions and mistake variants, which compute the answers.
	ForbidDirs []string
	// Source is an optional absolute folder whose files stand in for the learner's: a
	// reference solution or a mistake variant. Its top-level files (test files excluded;
	// subfolders are not read) are placed in the overlay at a private folder of their own,
	// so a stand-in and the learner's package can be built into the same binary; it may
	// import any package of the module except an internal one below Dir. "" builds the
	// learner's own files.
	Source string
}

// Options configures Build. The zero value is not usable: CacheDir is required.
type Options struct {
	// CacheDir receives the overlay files, the go command's temporary files and the
	// binaries, for example <workspace>/.grade/build. It is created if needed. Builds may
	// run concurrently, even sharing a CacheDir: its files are named by content hashes and
	// written by rename.
	CacheDir string
	// Env is extra environment for the go command ("KEY=value"), applied after the
	// process's own environment and Build's settings (CGO_ENABLED=0, GOTOOLCHAIN=local,
	// GOTMPDIR), so it overrides them.
	Env []string
	// Go is the path of the go command; "" finds it (see GoCommand).
	Go string
	// Skip, when not nil, is asked about every target that loaded without errors, respects
	// its import policy and declares all its Funcs, with the target's SourceHash; a target
	// for which it returns true is left out of the binary (TargetResult.Skipped). A caller
	// that already holds the results of that code uses it to build only what it will run.
	Skip func(slug, sourceHash string) bool
}

// Result is the outcome of a Build.
type Result struct {
	// Binary is the absolute path of the driver executable, or "" when no target was built.
	Binary string
	// Targets holds one result per target, by slug.
	Targets map[string]*TargetResult

	workspace string
	standIn   map[string]string
	modPath   string // the workspace module's path, which -trimpath puts in file names
	modDir    string // its root folder
}

// File returns the name to show a learner for a source file named in the driver's panics
// and stack traces. The binary is built with -trimpath, so those name a file of the
// workspace's module as the module's path, the folder and the file's name
// (example.com/kata/exercises/mean/mean.go), and a Source target's files at their private
// virtual path: File maps those to the real Source file, and makes files inside the
// workspace workspace-relative and slash-separated. Absolute names are mapped the same way.
// Other names (the standard library's and other modules' files, as import paths with the
// module's version, "<autogenerated>") come back unchanged.
func (r *Result) File(name string) string {
	if r.modPath != "" {
		// A name with a version (example.com/kata/sub@v1.0.0/...) is another module's.
		if rest, ok := strings.CutPrefix(name, r.modPath+"/"); ok && !strings.Contains(rest, "@") {
			name = filepath.Join(r.modDir, filepath.FromSlash(rest))
		}
	}
	if !filepath.IsAbs(name) {
		return name
	}
	return relativeTo(r.workspace, r.standIn, name)
}

// TargetResult is the build outcome of one target.
type TargetResult struct {
	// OK reports that the target is in the binary with every function it was asked for:
	// all of its checks can run.
	OK bool
	// Built reports that the target compiled, respects its import policy and is in the
	// binary; its present functions (Funcs) can be called even when some are Missing.
	Built bool
	// ImportPath is the package's import path ("" when it could not be loaded).
	ImportPath string
	// Funcs are the asked-for functions the package declares, in the order asked for;
	// when Built, the driver's registry holds exactly these for the target's slug.
	Funcs []string
	// Diagnostics are the compile and load errors of the package or of a workspace
	// package it imports: file (workspace-relative, slash-separated, or absolute outside
	// the workspace), line, column, message.
	Diagnostics []report.Diagnostic `json:",omitempty"`
	// Missing are the asked-for functions the package does not declare (or declares with
	// type parameters, which the driver cannot call), in the order asked for.
	Missing []string `json:",omitempty"`
	// Forbidden are the forbidden packages the target depends on, each with its chain.
	Forbidden []Violation `json:",omitempty"`
	// Message is one learner-facing sentence saying what is wrong; "" when OK.
	Message string `json:",omitempty"`
	// Skipped reports that Options.Skip left the target out of the binary: it loaded, but was
	// not compiled, so OK and Built are false and Diagnostics has no compile errors.
	Skipped bool `json:",omitempty"`
	// SourceHash identifies everything of the target's code the driver was built from: a
	// hash of the files of its package and of every package it imports that is not in the
	// standard library or a versioned module (through the overlay, so a Source target's
	// stand-in counts), the versions of the modules it uses, the workspace module's go.mod
	// and go.sum, the go command and the build settings. Two builds with the same
	// SourceHash compile the same code for that target. "" when the target is not buildable
	// (it did not load, breaks its import policy, or is a main package).
	SourceHash string `json:"-"`
}

// Violation is one forbidden package a target depends on.
type Violation struct {
	// Import is the forbidden package's import path.
	Import string
	// Chain is the shortest import chain from the target's package to Import, both
	// included, that passes through no other forbidden package.
	Chain []string
}

// Build compiles targets, found in the Go module of the workspace folder, into one driver
// binary. Learner mistakes (compile errors, missing functions, forbidden imports) are data
// in the Result; the error is for the rest: no go command, no module at workspace, a
// cancelled context, invalid targets, or a driver that does not compile.
func Build(ctx context.Context, workspace string, targets []Target, opt Options) (*Result, error) {
	return buildWith(ctx, workspace, targets, opt, driver.Source)
}

// buildWith is Build with the driver's source files taken from driverFS (tests use broken
// drivers).
func buildWith(ctx context.Context, workspace string, targets []Target, opt Options, driverFS fs.FS) (*Result, error) {
	b, err := newBuilder(workspace, targets, opt)
	if err != nil {
		return nil, err
	}
	b.driverFS = driverFS
	return b.run(ctx)
}

// validate checks the targets for mistakes of the caller's.
func validate(targets []Target) error {
	seen := make(map[string]bool, len(targets))
	for i, t := range targets {
		if t.Slug == "" {
			return fmt.Errorf("target %d: empty slug", i)
		}
		if seen[t.Slug] {
			return fmt.Errorf("target %q: duplicate slug", t.Slug)
		}
		seen[t.Slug] = true
		if t.Dir == "" || path.IsAbs(t.Dir) || filepath.IsAbs(t.Dir) || path.Clean(t.Dir) != t.Dir ||
			t.Dir == ".." || strings.HasPrefix(t.Dir, "../") || strings.Contains(t.Dir, `\`) {
			return fmt.Errorf("target %q: Dir %q is not a clean slash-separated path inside the workspace", t.Slug, t.Dir)
		}
		if t.Dir == PrivateDir || strings.HasPrefix(t.Dir, PrivateDir+"/") {
			return fmt.Errorf("target %q: Dir %q is inside the grader's private folder", t.Slug, t.Dir)
		}
		if t.Source != "" && !filepath.IsAbs(t.Source) {
			return fmt.Errorf("target %q: Source %q is not absolute", t.Slug, t.Source)
		}
		for _, f := range t.Funcs {
			if !token.IsIdentifier(f) || !token.IsExported(f) {
				return fmt.Errorf("target %q: function name %q is not an exported identifier", t.Slug, f)
			}
		}
		if slices.Contains(t.Forbid, "") {
			return fmt.Errorf("target %q: empty import path in Forbid", t.Slug)
		}
		for _, d := range t.ForbidDirs {
			if d == "" || path.IsAbs(d) || filepath.IsAbs(d) || path.Clean(d) != d || d == "." ||
				d == ".." || strings.HasPrefix(d, "../") || strings.Contains(d, `\`) {
				return fmt.Errorf("target %q: ForbidDirs entry %q is not a clean slash-separated path inside the workspace", t.Slug, d)
			}
		}
	}
	return nil
}

// errNoGo is wrapped by the error Build returns when it finds no go command.
var errNoGo = errors.New("no go command found: install Go from https://go.dev/dl or put the go command on PATH")
