// Package mutate makes mutants of a Go package: copies of its source with one small change
// each, of the kinds that bugs in learners' code are made of. Grading every mutant of an
// exercise's reference solution measures its checks: a mutant that still scores full marks
// (a survivor) is a bug the checks would let through, unless the change does not alter what
// the code computes (an equivalent mutant).
//
// The operators (Operator) follow the classic mutation-testing literature (Offutt et al.'s
// selective set: arithmetic, relational, logical and unary operators, constants, statement
// deletion), plus changes that model the mistakes of ML code in Go: off-by-one bounds and
// n ↔ n−1 counts, swapped arguments, a function's result replaced by its argument (a missing
// square root, absolute value or copy), a loop over Go's randomly ordered maps where order
// matters, and an input sorted or written in place.
//
// Mutants are type-checked (go/types) and only those that compile are returned, so a mutant is
// always a program that could have been written. Each has an ID that names the function, the
// original text and its replacement; it does not depend on line numbers, so a list of the
// equivalent mutants of a solution survives edits elsewhere in the file.
package mutate

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Operator is a kind of change.
type Operator string

// The operators.
const (
	// Arithmetic replaces + with −, − with +, * with /, / with *, % with * (and the same in
	// +=, −=, *=, /=), and ++ with −−.
	Arithmetic Operator = "arithmetic"
	// Operands swaps the operands of − and /.
	Operands Operator = "operands"
	// Compare moves a comparison's boundary (< ↔ <=, > ↔ >=) or negates it (< → >=, == → !=).
	Compare Operator = "compare"
	// Logic swaps && and ||, and drops a ! or a unary −.
	Logic Operator = "logic"
	// Constant changes a number: 0 → 1, 1 → 0, k → k±1 for integers, x → 0 and 2x for floats.
	Constant Operator = "constant"
	// Bound is an off-by-one: a loop bound, a slice end or an integer count converted to a
	// float (n ↔ n−1) gets −1 or +1.
	Bound Operator = "bound"
	// Delete removes a statement (an assignment, a call, an if, a loop, a break), or replaces an
	// if's condition with true or false.
	Delete Operator = "delete"
	// SwapArgs swaps two neighbouring arguments of the same type in a call.
	SwapArgs Operator = "swap-args"
	// Unwrap replaces a call f(x) whose result has x's type with x: a missing math.Sqrt,
	// math.Abs or slices.Clone.
	Unwrap Operator = "unwrap"
	// MapOrder makes a loop whose body appends, breaks or returns visit its elements in Go's
	// random map order.
	MapOrder Operator = "map-order"
	// InputWrite makes a function sort a slice argument, or change a matrix argument, in place
	// as it returns.
	InputWrite Operator = "input-write"
)

// Operators lists every operator.
var Operators = []Operator{Arithmetic, Operands, Compare, Logic, Constant, Bound, Delete, SwapArgs, Unwrap, MapOrder, InputWrite}

// Mutant is one changed copy of a package.
type Mutant struct {
	// ID names the change independently of line numbers: the function, the original text and
	// the replacement, and a count when the same change appears more than once in the function:
	// "Fit: c > MaxCond ⇒ c >= MaxCond", "Mean: s += v ⇒ (deleted) [2]".
	ID       string
	Operator Operator
	Func     string // "Fit", "Scaler.Transform", or "package" outside functions
	File     string // base name of the changed file
	Line     int
	Column   int
	From, To string // the original and the new text, on one line
	// Files holds every Go file of the package by base name, the changed one included.
	Files map[string][]byte
}

// Position returns "file:line:column".
func (m *Mutant) Position() string { return fmt.Sprintf("%s:%d:%d", m.File, m.Line, m.Column) }

// Importer returns an importer that reads the compiled export data of the packages in exports
// (import path → file, as `go list -export` prints them).
func Importer(fset *token.FileSet, exports map[string]string) types.Importer {
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok || f == "" {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(f)
	})
}

// Exports runs `go list -export` on the packages in dirs, from the module folder workspace, and
// returns the export data file of each package they depend on, by import path: what Importer
// needs. goCmd is the go command; env is added to the environment.
func Exports(workspace, goCmd string, env []string, dirs ...string) (map[string]string, error) {
	args := append([]string{"list", "-e", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}\t{{with .Error}}{{.Err}}{{end}}"}, dirs...)
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = workspace
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("mutate: go list: %v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	exports := map[string]string{}
	for line := range strings.Lines(string(out)) {
		f := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(f) == 3 && f[2] != "" {
			return nil, fmt.Errorf("mutate: package %s: %s", f[0], f[2])
		}
		if len(f) >= 2 {
			exports[f[0]] = f[1]
		}
	}
	return exports, nil
}

// Generate returns the compiling mutants of the package in dir (its non-test .go files),
// ordered by file and position. imp resolves the package's imports; fset must be the one imp
// was made with.
func Generate(fset *token.FileSet, dir string, imp types.Importer) ([]Mutant, error) {
	src, err := readPackage(dir)
	if err != nil {
		return nil, err
	}
	files, info, err := check(fset, src, imp)
	if err != nil {
		return nil, fmt.Errorf("mutate %s: the package does not type-check: %w", dir, err)
	}
	var out []Mutant
	seen := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(fset.File(f.Pos()).Name())
		g := &gen{fset: fset, info: info, file: f, src: src[name]}
		g.walk()
		counts := map[string]int{}
		for _, e := range g.edits {
			mutated := e.apply(g.src)
			if bytes.Equal(mutated, g.src) || seen[string(mutated)] {
				continue
			}
			changed := maps.Clone(src)
			changed[name] = mutated
			if !compiles(changed, name, imp) {
				continue // not a program anyone could submit
			}
			mutated = changed[name]
			seen[string(mutated)] = true
			pos := fset.Position(token.Pos(int(f.FileStart) + e.start))
			id := fmt.Sprintf("%s: %s ⇒ %s", e.fn, e.from, e.to)
			counts[id]++
			if n := counts[id]; n > 1 {
				id += fmt.Sprintf(" [%d]", n)
			}
			out = append(out, Mutant{ID: id, Operator: e.op, Func: e.fn, File: name, Line: pos.Line, Column: pos.Column,
				From: e.from, To: e.to, Files: changed})
		}
	}
	return out, nil
}

// readPackage reads the non-test Go files of dir.
func readPackage(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("mutate: %w", err)
	}
	src := map[string][]byte{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, fmt.Errorf("mutate: %w", err)
		}
		src[n] = b
	}
	if len(src) == 0 {
		return nil, fmt.Errorf("mutate: no Go files in %s", dir)
	}
	return src, nil
}

// check parses and type-checks a package's files.
func check(fset *token.FileSet, src map[string][]byte, imp types.Importer) ([]*ast.File, *types.Info, error) {
	names := make([]string, 0, len(src))
	for n := range src {
		names = append(names, n)
	}
	sort.Strings(names)
	var files []*ast.File
	for _, n := range names {
		f, err := parser.ParseFile(fset, n, src[n], parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, f)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	var first error
	conf := types.Config{Importer: imp, Error: func(err error) {
		if first == nil {
			first = err
		}
	}}
	conf.Check(files[0].Name.Name, fset, files, info)
	return files, info, first
}

// compiles reports whether the package src type-checks after its file name was changed. An
// import the change left unused (math, after a math.Sqrt was dropped) becomes a blank import in
// src[name], as a learner who never called it would not have imported it.
func compiles(src map[string][]byte, name string, imp types.Importer) bool {
	for range 5 {
		fset := token.NewFileSet()
		_, _, err := check(fset, src, imp)
		if err == nil {
			return true
		}
		te, ok := err.(types.Error)
		if !ok || !strings.Contains(te.Msg, "imported and not used") {
			return false
		}
		p := fset.Position(te.Pos)
		if p.Filename != name {
			return false
		}
		b := src[name]
		off := p.Offset
		if off < 0 || off >= len(b) || b[off] != '"' {
			return false
		}
		src[name] = slices.Concat(b[:off], []byte("_ "), b[off:])
	}
	return false
}

// edit replaces src[start:end] with text, and appends tail to the file.
type edit struct {
	op         Operator
	fn         string
	start, end int
	text, tail string
	from, to   string
}

func (e edit) apply(src []byte) []byte {
	var b bytes.Buffer
	b.Write(src[:e.start])
	b.WriteString(e.text)
	b.Write(src[e.end:])
	if e.tail != "" {
		b.WriteString("\n")
		b.WriteString(e.tail)
	}
	return b.Bytes()
}

// gen collects the edits of one file.
type gen struct {
	fset  *token.FileSet
	info  *types.Info
	file  *ast.File
	src   []byte
	fn    string
	edits []edit
}

func (g *gen) off(p token.Pos) int { return int(p - g.file.FileStart) }

// text returns the source of n.
func (g *gen) text(n ast.Node) string { return string(g.src[g.off(n.Pos()):g.off(n.End())]) }

// add records an edit that replaces n's source with text.
func (g *gen) add(op Operator, n ast.Node, text string) {
	g.addRange(op, n.Pos(), n.End(), text, oneLine(g.text(n)), oneLine(text))
}

func (g *gen) addRange(op Operator, from, to token.Pos, text, was, now string) {
	g.edits = append(g.edits, edit{op: op, fn: g.fn, start: g.off(from), end: g.off(to), text: text, from: was, to: now})
}

// oneLine collapses white space and shortens s to at most 60 characters.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "(deleted)"
	}
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:59]) + "…"
	}
	return s
}

func (g *gen) walk() {
	for _, d := range g.file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			g.fn = d.Name.Name
			if d.Recv != nil && len(d.Recv.List) == 1 {
				g.fn = recvName(d.Recv.List[0].Type) + "." + g.fn
			}
			if d.Body == nil {
				continue
			}
			g.inputWrites(d)
			ast.Inspect(d.Body, g.visit)
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			for _, spec := range d.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				var names []string
				for _, n := range vs.Names {
					names = append(names, n.Name)
				}
				g.fn = d.Tok.String() + " " + strings.Join(names, ", ")
				ast.Inspect(vs, g.visit)
			}
		}
	}
}

func recvName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvName(t.X)
	case *ast.IndexExpr:
		return recvName(t.X)
	case *ast.IndexListExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

func (g *gen) isConst(e ast.Expr) bool {
	tv, ok := g.info.Types[e]
	return ok && tv.Value != nil
}

func (g *gen) basic(e ast.Expr) (*types.Basic, bool) {
	tv, ok := g.info.Types[e]
	if !ok || tv.Type == nil {
		return nil, false
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	return b, ok
}

func (g *gen) isNumeric(e ast.Expr) bool {
	b, ok := g.basic(e)
	return ok && b.Info()&types.IsNumeric != 0
}

func (g *gen) isInteger(e ast.Expr) bool {
	b, ok := g.basic(e)
	return ok && b.Info()&types.IsInteger != 0
}

var (
	arith    = map[token.Token][]token.Token{token.ADD: {token.SUB}, token.SUB: {token.ADD}, token.MUL: {token.QUO}, token.QUO: {token.MUL}, token.REM: {token.MUL}}
	assignOp = map[token.Token][]token.Token{token.ADD_ASSIGN: {token.SUB_ASSIGN}, token.SUB_ASSIGN: {token.ADD_ASSIGN}, token.MUL_ASSIGN: {token.QUO_ASSIGN}, token.QUO_ASSIGN: {token.MUL_ASSIGN}}
	compare  = map[token.Token][]token.Token{
		token.LSS: {token.LEQ, token.GEQ}, token.LEQ: {token.LSS, token.GTR},
		token.GTR: {token.GEQ, token.LEQ}, token.GEQ: {token.GTR, token.LSS},
		token.EQL: {token.NEQ}, token.NEQ: {token.EQL},
	}
)

func (g *gen) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.CallExpr:
		if isPanic(n) || isFormat(n) {
			// A message: a panic's documents misuse, which the checks do not test, and a
			// formatted text changes only in wording (numbers worth checking, such as a line
			// number in an error, are computed before they reach fmt).
			return false
		}
		g.call(n)
	case *ast.BinaryExpr:
		if g.isConst(n) {
			return false // a constant expression: its literals are not worth mutating one by one
		}
		g.binary(n)
	case *ast.UnaryExpr:
		if g.isConst(n) {
			return false
		}
		if n.Op == token.NOT || n.Op == token.SUB {
			g.add(Logic, n, g.text(n.X))
		}
	case *ast.AssignStmt:
		for _, to := range assignOp[n.Tok] {
			g.addRange(Arithmetic, n.TokPos, n.TokPos+token.Pos(len(n.Tok.String())), to.String(),
				oneLine(g.text(n)), oneLine(g.text(n.Lhs[0])+" "+to.String()+" "+g.text(n.Rhs[0])))
		}
	case *ast.IncDecStmt:
		to := token.DEC
		if n.Tok == token.DEC {
			to = token.INC
		}
		g.add(Arithmetic, n, g.text(n.X)+to.String())
	case *ast.BasicLit:
		g.literal(n)
	case *ast.BlockStmt:
		g.deletions(n.List)
	case *ast.CaseClause:
		g.deletions(n.Body)
	case *ast.IfStmt:
		if !g.isConst(n.Cond) {
			g.add(Delete, n.Cond, "true")
			if !isGuard(n) {
				g.add(Delete, n.Cond, "false")
			}
		}
	case *ast.ForStmt:
		if c, ok := n.Cond.(*ast.BinaryExpr); ok && g.isInteger(c.Y) && !g.isConst(c.Y) {
			g.add(Bound, c.Y, "("+g.text(c.Y)+")-1")
		}
	case *ast.RangeStmt:
		g.rangeStmt(n)
	case *ast.SliceExpr:
		if n.High != nil && !g.isConst(n.High) {
			g.add(Bound, n.High, "("+g.text(n.High)+")-1")
			g.add(Bound, n.High, "("+g.text(n.High)+")+1")
		}
		if n.Low != nil && !g.isConst(n.Low) {
			g.add(Bound, n.Low, "("+g.text(n.Low)+")+1")
		}
	}
	return true
}

// isPanic reports whether n is a call of the builtin panic.
func isPanic(n ast.Node) bool {
	c, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := c.Fun.(*ast.Ident)
	return ok && id.Name == "panic"
}

// isGuard reports whether s is an if statement that panics on misuse and does nothing else:
// deleting it, or making its condition false, changes only what happens on inputs the
// functions document as misuse.
func isGuard(s *ast.IfStmt) bool {
	if s.Else != nil || len(s.Body.List) != 1 {
		return false
	}
	e, ok := s.Body.List[0].(*ast.ExprStmt)
	return ok && isPanic(e.X)
}

func (g *gen) binary(n *ast.BinaryExpr) {
	opEnd := n.OpPos + token.Pos(len(n.Op.String()))
	replace := func(op Operator, to token.Token) {
		g.addRange(op, n.OpPos, opEnd, to.String(), oneLine(g.text(n)),
			oneLine(g.text(n.X)+" "+to.String()+" "+g.text(n.Y)))
	}
	switch {
	case arith[n.Op] != nil && g.isNumeric(n):
		for _, to := range arith[n.Op] {
			replace(Arithmetic, to)
		}
		if n.Op == token.SUB || n.Op == token.QUO {
			g.add(Operands, n, g.text(n.Y)+" "+n.Op.String()+" "+g.text(n.X))
		}
	case compare[n.Op] != nil:
		for _, to := range compare[n.Op] {
			replace(Compare, to)
		}
	case n.Op == token.LAND:
		replace(Logic, token.LOR)
	case n.Op == token.LOR:
		replace(Logic, token.LAND)
	}
}

func (g *gen) literal(n *ast.BasicLit) {
	tv, ok := g.info.Types[n]
	if !ok || tv.Value == nil {
		return
	}
	switch n.Kind {
	case token.INT:
		v, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok {
			return
		}
		g.add(Constant, n, strconv.FormatInt(v+1, 10))
		if v > 0 {
			g.add(Constant, n, strconv.FormatInt(v-1, 10))
		}
	case token.FLOAT:
		v, _ := constant.Float64Val(constant.ToFloat(tv.Value))
		switch v {
		case 0:
			g.add(Constant, n, "1.0")
		case 1:
			g.add(Constant, n, "0.0")
			g.add(Constant, n, "2.0")
		default:
			g.add(Constant, n, "0.0")
			g.add(Constant, n, floatLit(2*v))
		}
	}
}

// floatLit writes x as a Go floating-point literal (with a point or an exponent, so that
// x := 2.0 stays a float64).
func floatLit(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// deletions removes each statement of a list that can go without breaking the syntax.
func (g *gen) deletions(list []ast.Stmt) {
	for _, s := range list {
		switch s := s.(type) {
		case *ast.ExprStmt:
			if c, ok := s.X.(*ast.CallExpr); !ok || !isPanic(c) && !isFormat(c) {
				g.add(Delete, s, "")
			}
		case *ast.IncDecStmt, *ast.BranchStmt, *ast.DeferStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SendStmt:
			g.add(Delete, s, "")
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE {
				g.add(Delete, s, "")
			}
		case *ast.IfStmt:
			if s.Else == nil && !isGuard(s) {
				g.add(Delete, s, "")
			}
		}
	}
}

func (g *gen) rangeStmt(n *ast.RangeStmt) {
	tv, ok := g.info.Types[n.X]
	if !ok || tv.Type == nil {
		return
	}
	var helper, tail string
	switch t := tv.Type.Underlying().(type) {
	case *types.Basic:
		if t.Info()&types.IsInteger == 0 {
			return
		}
		g.add(Bound, n.X, "("+g.text(n.X)+")-1")
		helper, tail = "mlkataMutantKeys", keysHelper
	case *types.Slice:
		helper, tail = "mlkataMutantMap", mapHelper
	default:
		return
	}
	if !ordered(n.Body) {
		return
	}
	g.edits = append(g.edits, edit{op: MapOrder, fn: g.fn, start: g.off(n.X.Pos()), end: g.off(n.X.End()),
		text: helper + "(" + g.text(n.X) + ")", tail: tail,
		from: oneLine("range " + g.text(n.X)), to: oneLine("range " + g.text(n.X) + " in map order")})
}

// ordered reports whether a loop body's effect may depend on the order of its iterations: it
// appends, or leaves the loop early.
func ordered(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "append" {
				found = true
			}
		case *ast.BranchStmt:
			if n.Tok == token.BREAK {
				found = true
			}
		case *ast.ReturnStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

const (
	mapHelper = `// mlkataMutantMap is the mutation tester's: s as a map, which range visits in random order.
func mlkataMutantMap[T any](s []T) map[int]T {
	m := make(map[int]T, len(s))
	for i, v := range s {
		m[i] = v
	}
	return m
}
`
	keysHelper = `// mlkataMutantKeys is the mutation tester's: 0..n−1 as map keys, which range visits in random order.
func mlkataMutantKeys(n int) map[int]struct{} {
	m := make(map[int]struct{}, n)
	for i := 0; i < n; i++ {
		m[i] = struct{}{}
	}
	return m
}
`
	sortHelper = `// mlkataMutantSort is the mutation tester's: it sorts s in place.
func mlkataMutantSort[T ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64 | ~string](s []T) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
`
)

func (g *gen) call(n *ast.CallExpr) {
	tv := g.info.Types[n.Fun]
	if tv.IsType() || tv.IsBuiltin() {
		// A conversion float64(n) of an integer count: n−1 (population ↔ sample, mean ↔
		// unbiased estimate).
		if tv.IsType() && len(n.Args) == 1 && g.isInteger(n.Args[0]) && !g.isConst(n.Args[0]) && g.isNumeric(n) && !g.isInteger(n) {
			a := n.Args[0]
			g.add(Bound, a, "("+g.text(a)+")-1")
		}
		if tv.IsBuiltin() {
			g.swapArgs(n)
		}
		return
	}
	g.swapArgs(n)
	if len(n.Args) == 1 && n.Ellipsis == token.NoPos {
		res, ok1 := g.info.Types[n]
		arg, ok2 := g.info.Types[n.Args[0]]
		if ok1 && ok2 && res.Type != nil && arg.Type != nil && types.Identical(res.Type, arg.Type) {
			g.add(Unwrap, n, g.text(n.Args[0]))
		}
	}
}

// isFormat reports whether n calls a function of package fmt.
func isFormat(n *ast.CallExpr) bool {
	sel, ok := n.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == "fmt"
}

func (g *gen) swapArgs(n *ast.CallExpr) {
	for i := 0; i+1 < len(n.Args); i++ {
		a, b := n.Args[i], n.Args[i+1]
		ta, ok1 := g.info.Types[a]
		tb, ok2 := g.info.Types[b]
		if !ok1 || !ok2 || ta.Type == nil || tb.Type == nil || !types.Identical(ta.Type, tb.Type) {
			continue
		}
		if g.text(a) == g.text(b) || i+1 == len(n.Args)-1 && n.Ellipsis != token.NoPos {
			continue
		}
		g.addRange(SwapArgs, a.Pos(), b.End(), g.text(b)+", "+g.text(a),
			oneLine(g.text(n)), oneLine(g.text(n.Fun)+"(… "+g.text(b)+", "+g.text(a)+" …)"))
	}
}

// inputWrites adds, for each parameter of f that is a slice of numbers or strings, a deferred
// in-place sort, and for each *mat.Dense, a deferred change of its first element: a function
// that changes its input as it returns, which only a probe of the input can see.
func (g *gen) inputWrites(f *ast.FuncDecl) {
	if f.Type.Params == nil {
		return
	}
	at := f.Body.Lbrace + 1
	for _, field := range f.Type.Params.List {
		for _, name := range field.Names {
			if name.Name == "_" {
				continue
			}
			obj := g.info.Defs[name]
			if obj == nil {
				continue
			}
			var stmt, tail string
			switch t := obj.Type().(type) {
			case *types.Slice:
				if b, ok := t.Elem().Underlying().(*types.Basic); ok && b.Info()&(types.IsNumeric|types.IsString) != 0 && b.Info()&types.IsComplex == 0 {
					stmt, tail = "defer mlkataMutantSort("+name.Name+")", sortHelper
				}
			case *types.Pointer:
				if nt, ok := t.Elem().(*types.Named); ok && nt.Obj().Name() == "Dense" && nt.Obj().Pkg() != nil && nt.Obj().Pkg().Path() == "gonum.org/v1/gonum/mat" {
					stmt = fmt.Sprintf("defer func() { if %[1]s != nil && !%[1]s.IsEmpty() { %[1]s.Set(0, 0, %[1]s.At(0, 0)+1) } }()", name.Name)
				}
			}
			if stmt == "" {
				continue
			}
			what := "sort " + name.Name + " in place"
			if tail == "" {
				what = "add 1 to " + name.Name + "[0, 0] in place"
			}
			g.edits = append(g.edits, edit{op: InputWrite, fn: g.fn, start: g.off(at), end: g.off(at), text: "\n\t" + stmt + "\n", tail: tail,
				from: "(input " + name.Name + ")", to: what + " on return"})
		}
	}
}
