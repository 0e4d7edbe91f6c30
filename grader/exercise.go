package grader

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Exercise is one exercise: what the learner implements, how it is checked, and where its
// files are. Its position in the course is its position in the ordered list
// (exercises.All()); Grade numbers exercises from 1 in the order it is given them.
//
// An exercise folder holds the learner's package (the stub), the reference solution in
// Solution, the checks (a trusted package compiled into grade that never imports the learner's
// package) and, under MistakesDir, one folder per known mistake: a deliberately wrong copy of
// the learner's package named after the mistake's ID, which `grade verify` proves the checks
// recognise.
type Exercise struct {
	Slug  string // stable, kebab-case: "regression-metrics"
	Title string // "Regression metrics: MSE, RMSE, MAE, R²"
	// Dir is the learner's package folder, relative to the workspace, slash-separated:
	// "exercises/01-regression-metrics".
	Dir string
	// Functions are the top-level functions the learner must write, with their signatures.
	Functions []Func
	// Forbid lists import paths the learner's package may not depend on, directly or through
	// another package; "p/..." forbids a subtree.
	Forbid []string
	Checks []Check
	// Hints are progressive: the first is a nudge, the last nearly the answer.
	Hints []string
	// Mistakes is the catalogue of the mistakes the checks recognise (T.Mistake), each ID once
	// with the hint a learner reads once per exercise, however many checks it explains. A hint
	// is fixed text: it is shown for hidden checks too, so it must not contain their inputs or
	// results (those go in the detail that T.Mistake adds to one check's message). The
	// exercise's README lists the same IDs. The engine's own mistakes (input-mutated,
	// not-deterministic) need no entry, but may have one to say more.
	Mistakes []Mistake
	// Solution is the reference solution's folder, relative to Dir; "" means "solution".
	Solution string
	// MistakesDir holds the mistake variants, one folder per mistake ID, relative to Dir;
	// "" means "check/mistakes".
	MistakesDir string
	// AlternativesDir holds other correct solutions, one folder each (written from the README
	// alone, by other methods: an SVD instead of a QR, a running mean), relative to Dir; ""
	// means "check/alternatives". Verify requires each to score full marks with no mistake
	// named, so that the checks accept every correct answer and name mistakes only on wrong ones.
	AlternativesDir string
	// Timeouts overrides Options.Timeouts for this exercise where not zero.
	Timeouts Timeouts
}

// Func is a function the learner must write.
type Func struct {
	Name string // "MSE"
	// Signature is the function's type as Go source, parameter names allowed:
	// "func(yTrue, yPred []float64) float64". Named types of the learner's package are written
	// unqualified ("*Model"), other packages' types qualified by package name ("*mat.Dense").
	Signature string
}

// Mistake is a known mistake: what a learner who made it reads, once per exercise.
type Mistake struct {
	ID   string // stable, kebab-case: "sum-not-mean"
	Hint string // what the mistake is and what to do about it
}

// engineMistakes are the mistakes the engine's own probes name (T.NotMutated, T.Deterministic).
var engineMistakes = []Mistake{
	{ID: "input-mutated", Hint: "your function changed an argument it was given: never modify your inputs; copy them first (slices.Clone, mat.DenseCopyOf)"},
	{ID: "not-deterministic", Hint: "the same arguments gave different results: use only the random source or seed you are given, never a global one, and never let the order of a loop over a map decide a result (sort the keys first)"},
}

// mistake returns the catalogue entry for id: the exercise's, else the engine's.
func (e *Exercise) mistake(id string) (Mistake, bool) {
	for _, list := range [][]Mistake{e.Mistakes, engineMistakes} {
		for _, m := range list {
			if m.ID == id {
				return m, true
			}
		}
	}
	return Mistake{}, false
}

// Check is one graded check.
type Check struct {
	Name   string  // what is checked, in words a learner understands
	Points float64 // points for passing
	// Hidden checks are graded only when Options.Hidden is set (in CI), and reported as hidden.
	Hidden bool
	Run    func(t *T)
}

// SolutionDir returns the reference solution's folder, relative to the workspace.
func (e *Exercise) SolutionDir() string {
	if e.Solution == "" {
		return e.Dir + "/solution"
	}
	return e.Dir + "/" + e.Solution
}

// MistakeDir returns the folder of the mistake variants, relative to the workspace.
func (e *Exercise) MistakeDir() string {
	if e.MistakesDir == "" {
		return e.Dir + "/check/mistakes"
	}
	return e.Dir + "/" + e.MistakesDir
}

// AlternativeDir returns the folder of the alternative correct solutions, relative to the
// workspace.
func (e *Exercise) AlternativeDir() string {
	if e.AlternativesDir == "" {
		return e.Dir + "/check/alternatives"
	}
	return e.Dir + "/" + e.AlternativesDir
}

// Alternatives returns the names of the alternative correct solutions found in the workspace,
// sorted.
func (e *Exercise) Alternatives(workspace string) ([]string, error) {
	return subfolders(workspace, e.AlternativeDir(), e.Slug)
}

// MistakeVariants returns the IDs of the mistake variants found in the workspace, sorted.
func (e *Exercise) MistakeVariants(workspace string) ([]string, error) {
	return subfolders(workspace, e.MistakeDir(), e.Slug)
}

// subfolders returns the sorted names of the folders in dir (relative to workspace); none
// when dir does not exist.
func subfolders(workspace, dir, slug string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(workspace, filepath.FromSlash(dir)))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("exercise %s: %w", slug, err)
	}
	var ids []string
	for _, d := range entries {
		if d.IsDir() {
			ids = append(ids, d.Name())
		}
	}
	return ids, nil
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate reports what is wrong with the exercise's definition (not with a submission): an
// author's mistake such as a bad slug, a signature that does not parse, duplicate checks.
func (e *Exercise) Validate() error {
	if !slugPattern.MatchString(e.Slug) {
		return fmt.Errorf("exercise %q: slug must be kebab-case", e.Slug)
	}
	if e.Dir == "" || filepath.IsAbs(e.Dir) || strings.Contains(e.Dir, "\\") || strings.HasPrefix(filepath.Clean(e.Dir), "..") {
		return fmt.Errorf("exercise %s: Dir %q must be a slash-separated path inside the workspace", e.Slug, e.Dir)
	}
	seen := map[string]bool{}
	for _, f := range e.Functions {
		if seen["func "+f.Name] {
			return fmt.Errorf("exercise %s: function %s listed twice", e.Slug, f.Name)
		}
		seen["func "+f.Name] = true
		if _, err := normalizeSignature(f.Signature); err != nil {
			return fmt.Errorf("exercise %s: function %s: %w", e.Slug, f.Name, err)
		}
	}
	for _, m := range e.Mistakes {
		if !slugPattern.MatchString(m.ID) {
			return fmt.Errorf("exercise %s: mistake ID %q must be kebab-case", e.Slug, m.ID)
		}
		if seen["mistake "+m.ID] {
			return fmt.Errorf("exercise %s: mistake %s listed twice", e.Slug, m.ID)
		}
		seen["mistake "+m.ID] = true
		if strings.TrimSpace(m.Hint) == "" {
			return fmt.Errorf("exercise %s: mistake %s has no hint", e.Slug, m.ID)
		}
	}
	for _, c := range e.Checks {
		if c.Name == "" || c.Run == nil {
			return fmt.Errorf("exercise %s: a check needs a Name and a Run function", e.Slug)
		}
		if seen["check "+c.Name] {
			return fmt.Errorf("exercise %s: check %q listed twice", e.Slug, c.Name)
		}
		seen["check "+c.Name] = true
		if c.Points < 0 {
			return fmt.Errorf("exercise %s: check %q has negative points", e.Slug, c.Name)
		}
	}
	return nil
}

// Load checks a course definition against a workspace: every exercise is valid, slugs are
// unique, and every exercise folder exists. It returns the first problem found.
func Load(workspace string, exercises []*Exercise) error {
	seen := map[string]bool{}
	for _, e := range exercises {
		if err := e.Validate(); err != nil {
			return err
		}
		if seen[e.Slug] {
			return fmt.Errorf("exercise %s is listed twice", e.Slug)
		}
		seen[e.Slug] = true
		fi, err := os.Stat(filepath.Join(workspace, filepath.FromSlash(e.Dir)))
		if err != nil || !fi.IsDir() {
			return fmt.Errorf("exercise %s: folder %s not found in workspace %s", e.Slug, e.Dir, workspace)
		}
	}
	return nil
}

// normalizeSignature parses a function type written as Go source and prints it without
// parameter names, the way the driver reports compiled signatures:
// "func(yTrue, yPred []float64) float64" becomes "func([]float64, []float64) float64".
func normalizeSignature(sig string) (string, error) {
	expr, err := parser.ParseExpr(sig)
	if err != nil {
		return "", fmt.Errorf("signature %q does not parse: %v", sig, err)
	}
	ft, ok := expr.(*ast.FuncType)
	if !ok {
		return "", fmt.Errorf("signature %q is not a function type", sig)
	}
	var b strings.Builder
	b.WriteString("func(")
	writeFields(&b, ft.Params)
	b.WriteString(")")
	if ft.Results != nil && len(ft.Results.List) > 0 {
		n := 0
		for _, f := range ft.Results.List {
			n += max(1, len(f.Names))
		}
		if n == 1 {
			b.WriteString(" ")
			writeFields(&b, ft.Results)
		} else {
			b.WriteString(" (")
			writeFields(&b, ft.Results)
			b.WriteString(")")
		}
	}
	return b.String(), nil
}

func writeFields(b *strings.Builder, fl *ast.FieldList) {
	if fl == nil {
		return
	}
	first := true
	for _, f := range fl.List {
		for range max(1, len(f.Names)) {
			if !first {
				b.WriteString(", ")
			}
			first = false
			writeTypeExpr(b, f.Type)
		}
	}
}

func writeTypeExpr(b *strings.Builder, x ast.Expr) {
	switch t := x.(type) {
	case *ast.Ident:
		b.WriteString(t.Name)
	case *ast.StarExpr:
		b.WriteString("*")
		writeTypeExpr(b, t.X)
	case *ast.ArrayType:
		b.WriteString("[")
		if t.Len != nil {
			writeNode(b, t.Len)
		}
		b.WriteString("]")
		writeTypeExpr(b, t.Elt)
	case *ast.Ellipsis:
		b.WriteString("...")
		writeTypeExpr(b, t.Elt)
	case *ast.MapType:
		b.WriteString("map[")
		writeTypeExpr(b, t.Key)
		b.WriteString("]")
		writeTypeExpr(b, t.Value)
	case *ast.FuncType:
		s, _ := normalizeSignature(nodeString(t))
		b.WriteString(s)
	case *ast.InterfaceType:
		if t.Methods == nil || len(t.Methods.List) == 0 {
			b.WriteString("any")
			return
		}
		writeNode(b, t)
	default:
		writeNode(b, x)
	}
}

func writeNode(b *strings.Builder, n ast.Node) { b.WriteString(nodeString(n)) }

func nodeString(n ast.Node) string {
	var b strings.Builder
	_ = printer.Fprint(&b, token.NewFileSet(), n)
	return b.String()
}

// declaration returns "func MSE(yTrue, yPred []float64) float64" for a learner-facing message.
func (f Func) declaration() string {
	return "func " + f.Name + strings.TrimPrefix(f.Signature, "func")
}
