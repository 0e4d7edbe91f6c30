package build

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mlkata/mlkata/grader/report"
)

// listPackage is the part of `go list -json` output that Build reads.
type listPackage struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	EmbedFiles []string
	Imports    []string
	Deps       []string
	Standard   bool
	Module     *struct{ Path, Version, Dir, GoMod string }
	Error      *listError
	DepsErrors []*listError
}

// listError is a package loading error reported by `go list -e`.
type listError struct {
	ImportStack []string
	Pos         string
	Err         string
}

// listFields are the fields asked of `go list -json`, to keep its output small.
const listFields = "ImportPath,Name,Dir,GoFiles,EmbedFiles,Imports,Deps,Standard,Module,Error,DepsErrors"

// load runs `go list -e -deps -json` on the targets and the driver, records each target's
// package and its loading errors.
func (b *builder) load(ctx context.Context) error {
	ovl, _, err := b.writeOverlay(nil)
	if err != nil {
		return err
	}
	args := append([]string{"list", "-e", "-deps", "-json=" + listFields, "-overlay", ovl}, b.modFlag()...)
	patterns := make([]string, 0, len(b.targets)+1)
	for i, t := range b.targets {
		if b.loadFailed[i] {
			continue
		}
		if t.Source == "" {
			if fi, err := os.Stat(b.dirs[i]); err != nil || !fi.IsDir() {
				b.res[i].Diagnostics = []report.Diagnostic{{File: t.Dir, Message: "folder not found"}}
				b.loadFailed[i] = true
				continue
			}
		}
		patterns = append(patterns, b.pattern(b.dirs[i]))
	}
	patterns = append(patterns, b.pattern(b.driverDir))
	stdout, stderr, code, err := b.goRun(ctx, append(args, patterns...)...)
	if err != nil {
		return err
	}
	if code != 0 {
		return fmt.Errorf("build: go list in %s: %s", b.workspace, strings.TrimSpace(string(stderr)))
	}
	byDir := make(map[string]*listPackage)
	byPattern := make(map[string]*listPackage)
	b.pkgs = make(map[string]*listPackage)
	dec := json.NewDecoder(bytes.NewReader(stdout))
	for {
		p := new(listPackage)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return fmt.Errorf("build: go list output: %w", err)
		}
		b.pkgs[p.ImportPath] = p
		byPattern[p.ImportPath] = p
		if p.Dir != "" {
			byDir[filepath.Clean(p.Dir)] = p
		}
	}
	drv := byDir[b.driverDir]
	if drv == nil || drv.Module == nil {
		return fmt.Errorf("build: go list did not load the driver package: is there a go.mod at or above %s?", b.workspace)
	}
	if drv.Error != nil && strings.Contains(drv.Error.Err, "build constraints exclude all Go files") {
		return fmt.Errorf("build: the grader's driver runtime needs Go %s or later, and the go command here (%s) is older: install a newer Go, or set GOTOOLCHAIN=%s+auto",
			strings.TrimPrefix(b.goVersion, "go"), b.goCmd, b.goVersion)
	}
	if errs := packageErrors(drv); len(errs) > 0 {
		return fmt.Errorf("build: the grader's driver runtime does not load in this workspace (does its go.mod require every module the driver imports?): %s",
			errs[0].Err)
	}
	b.modPath, b.modDir = drv.Module.Path, drv.Module.Dir
	priv, ok := strings.CutSuffix(drv.ImportPath, "/main/internal/driver")
	if !ok || path.Base(priv) != PrivateDir {
		return fmt.Errorf("build: driver package loaded as %s, want .../%s/main/internal/driver", drv.ImportPath, PrivateDir)
	}
	b.privImport = priv
	for i := range b.targets {
		if b.loadFailed[i] {
			continue
		}
		p := byDir[b.dirs[i]]
		if p == nil {
			p = byPattern[b.pattern(b.dirs[i])]
		}
		if p == nil {
			return fmt.Errorf("build: go list did not report target %q (%s)", b.targets[i].Slug, b.dirs[i])
		}
		r := b.res[i]
		errs := packageErrors(p)
		if len(errs) == 0 && (p.Module == nil || p.Module.Path != b.modPath) {
			errs = append(errs, &listError{Err: fmt.Sprintf("%s is not in the workspace's module %s", b.targets[i].Dir, b.modPath)})
		}
		for _, e := range errs {
			if d := b.listDiagnostic(b.folder(i), e); !slices.Contains(r.Diagnostics, d) {
				r.Diagnostics = append(r.Diagnostics, d)
			}
		}
		b.loadFailed[i] = len(errs) > 0
		if p.Dir == "" {
			continue // not found: nothing else to know
		}
		b.pkgOf[i] = p
		r.ImportPath = b.displayImport(p.ImportPath)
	}
	return nil
}

// packageErrors returns p's own loading error and those of its dependencies.
func packageErrors(p *listPackage) []*listError {
	var errs []*listError
	if p.Error != nil {
		errs = append(errs, p.Error)
	}
	return append(errs, p.DepsErrors...)
}

// listDiagnostic converts a go list error into a diagnostic; errors without a position are
// placed at the target's folder.
func (b *builder) listDiagnostic(dir string, e *listError) report.Diagnostic {
	// Build runs the go command with -mod=readonly; say what that means for the learner.
	msg := strings.ReplaceAll(e.Err, ": import lookup disabled by -mod=readonly", ": no module in go.mod provides it")
	if strings.HasPrefix(msg, "import cycle") && len(e.ImportStack) > 1 {
		msg += ": " + strings.Join(e.ImportStack, " → ")
	}
	e = &listError{Pos: e.Pos, Err: msg}
	if e.Pos == "" {
		msg := strings.ReplaceAll(e.Err, b.workspace+string(filepath.Separator), "")
		return report.Diagnostic{File: dir, Message: msg}
	}
	return b.diagnostic(e.Pos + ": " + e.Err)
}

// pattern returns the go command's relative-directory pattern for the absolute folder dir.
func (b *builder) pattern(dir string) string {
	rel, err := filepath.Rel(b.workspace, dir)
	if err != nil {
		return dir
	}
	return "./" + filepath.ToSlash(rel)
}

// forbidden reports whether importing p is against target t's policy.
func (b *builder) forbidden(t Target, p string) bool {
	return b.graderOwn(p) || matchAny(t.Forbid, p) || matchAny(b.dirPatterns(t.ForbidDirs), p)
}

// dirPatterns returns the import path patterns ("path/...") of the packages in and below the
// workspace folders dirs (slash-separated, relative to the workspace).
func (b *builder) dirPatterns(dirs []string) []string {
	if len(dirs) == 0 {
		return nil
	}
	root := b.modPath
	if rel, err := filepath.Rel(b.modDir, b.workspace); err == nil && rel != "." {
		root += "/" + filepath.ToSlash(rel)
	}
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = root + "/" + d + "/..."
	}
	return out
}

// graderOwn reports whether p is one of the grader's own packages, which no target may
// import: the grader's packages and the overlay's private ones.
func (b *builder) graderOwn(p string) bool {
	return matchAny([]string{GraderPackages, b.privImport + "/..."}, p)
}

// matchAny reports whether the import path p matches one of patterns: an import path, or
// "root/..." for root and everything below it.
func matchAny(patterns []string, p string) bool {
	for _, f := range patterns {
		if p == f {
			return true
		}
		if root, ok := strings.CutSuffix(f, "/..."); ok && (p == root || strings.HasPrefix(p, root+"/")) {
			return true
		}
	}
	return false
}

// checkPolicy fills in each loaded target's Forbidden: a breadth-first search of the import
// graph from the target's package that stops at forbidden packages, so each reported chain
// is a shortest one and passes through no other forbidden package.
func (b *builder) checkPolicy() {
	for i, t := range b.targets {
		start := b.pkgOf[i]
		if start == nil {
			continue
		}
		// Resolve the folders once, not at every import.
		t.Forbid = append(slices.Clip(t.Forbid), b.dirPatterns(t.ForbidDirs)...)
		t.ForbidDirs = nil
		parent := map[string]string{start.ImportPath: ""}
		queue := []string{start.ImportPath}
		var found []string
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			p := b.pkgs[cur]
			if p == nil {
				continue
			}
			for _, imp := range p.Imports {
				if _, seen := parent[imp]; seen {
					continue
				}
				parent[imp] = cur
				if b.forbidden(t, imp) {
					found = append(found, imp)
					continue
				}
				queue = append(queue, imp)
			}
		}
		slices.Sort(found)
		for _, f := range found {
			var chain []string
			for p := f; p != ""; p = parent[p] {
				chain = append(chain, p)
			}
			slices.Reverse(chain)
			chain[0] = b.displayImport(chain[0]) // a stand-in shows as the package it stands in for
			b.res[i].Forbidden = append(b.res[i].Forbidden, Violation{Import: f, Chain: chain})
		}
	}
}

// findFuncs parses each loaded target's files for the functions it was asked for and fills
// in Funcs, Missing and, for generic functions, a diagnostic (added to the target's after
// the compiler's, in run).
func (b *builder) findFuncs() {
	for i, t := range b.targets {
		p := b.pkgOf[i]
		if p == nil || len(t.Funcs) == 0 {
			continue
		}
		fset := token.NewFileSet()
		declared := make(map[string]token.Pos) // name → position; generic funcs only keep a position
		generic := make(map[string]bool)
		for _, name := range p.GoFiles {
			file := filepath.Join(p.Dir, name)
			if real, ok := b.overlay[file]; ok {
				file = real
			}
			f, _ := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution) // errors: the compiler reports them
			if f == nil {
				continue
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil {
						declared[d.Name.Name] = d.Name.Pos()
						generic[d.Name.Name] = d.Type.TypeParams != nil && d.Type.TypeParams.NumFields() > 0
					}
				case *ast.GenDecl:
					if d.Tok != token.VAR {
						continue
					}
					for _, s := range d.Specs {
						for _, n := range s.(*ast.ValueSpec).Names {
							declared[n.Name] = n.Pos()
						}
					}
				}
			}
		}
		r := b.res[i]
		for _, fn := range t.Funcs {
			pos, ok := declared[fn]
			switch {
			case !ok:
				r.Missing = append(r.Missing, fn)
			case generic[fn]:
				r.Missing = append(r.Missing, fn)
				b.generic[i] = append(b.generic[i], fn)
				at := fset.Position(pos)
				b.genericDiags[i] = append(b.genericDiags[i], report.Diagnostic{
					File: b.displayFile(at.Filename), Line: at.Line, Column: at.Column,
					Message: fn + " has type parameters: the grader calls it with concrete types, so declare it without them",
				})
			default:
				r.Funcs = append(r.Funcs, fn)
			}
		}
	}
}
