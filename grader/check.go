package grader

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/mlkata/mlkata/grader/internal/driver"
	"github.com/mlkata/mlkata/grader/internal/runner"
	"github.com/mlkata/mlkata/grader/report"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// T is what a check receives: it calls the learner's functions in the driver process,
// compares their results with tolerance, names recognised mistakes, probes behaviour, draws
// plots, and records the check's outcome.
//
// Like testing.T: Errorf and the comparisons record a failure and let the check go on;
// Fatalf and Mistake record it and end the check. When the learner's code panics, times out,
// crashes or hits a limit, or still has the stub's "not implemented" signal, the call ends the
// check (status error or not-started) without returning. Expected values stay in the grader:
// only the arguments of calls go to the learner's process.
//
// A T's methods must be called from the goroutine running the check, as with testing.T's
// FailNow: ending the check stops that goroutine.
type T struct {
	ex        *Exercise
	check     *Check
	sess      *session
	workspace string
	seed      uint64
	rng       *rand.Rand
	noPlots   bool // Options.NoPlots: Plot draws nothing

	status   report.Status
	messages []string
	expected string
	got      string
	mistake  *report.Mistake
	location string
	output   strings.Builder
	plots    []report.Plot
	lastCall string
	handles  []uint64 // values the check's calls left in the driver, released when it ends

	// callbacks are the check's functions passed to the learner's code (see Call), by the
	// number they crossed the pipe as; callbackPanic is the first panic one of them raised.
	callbacks     map[uint64]reflect.Value
	callbackPanic any
}

// stop ends the check: the goroutine running it exits (runtime.Goexit) and runCheck records
// what the T holds.
func (t *T) stop() { runtime.Goexit() }

// Rand returns the check's random source. It is seeded from the run's seed, the exercise's
// slug and the check's name, so the same seed always gives a check the same inputs, and a
// different seed (CI's) gives inputs no one could hard-code.
func (t *T) Rand() *rand.Rand {
	if t.rng == nil {
		h := fnv.New64a()
		fmt.Fprintf(h, "%d\x00%s\x00%s", t.seed, t.ex.Slug, t.check.Name)
		a := h.Sum64()
		h.Write([]byte{1})
		t.rng = rand.New(rand.NewPCG(a, h.Sum64()))
	}
	return t.rng
}

// Seed returns the run's seed.
func (t *T) Seed() uint64 { return t.seed }

// Errorf records a failure with a message and lets the check continue.
func (t *T) Errorf(format string, args ...any) {
	t.fail(fmt.Sprintf(format, args...))
}

// Fatalf records a failure with a message and ends the check.
func (t *T) Fatalf(format string, args ...any) {
	t.fail(fmt.Sprintf(format, args...))
	t.stop()
}

// Logf adds a note to the check's message, shown whether or not it passes.
func (t *T) Logf(format string, args ...any) {
	t.messages = append(t.messages, fmt.Sprintf(format, args...))
}

func (t *T) fail(msg string) {
	if t.status == report.Passed {
		t.status = report.Failed
	}
	if msg != "" {
		t.messages = append(t.messages, msg)
	}
}

// errorStop ends the check with status error: the learner's code did not run to completion.
func (t *T) errorStop(msg string) {
	t.status = report.Error
	t.messages = append(t.messages, msg)
	t.stop()
}

// Mistake names a recognised mistake: when matched is true, the check fails with the mistake's
// ID and ends. The hint the learner reads comes from the exercise's catalogue
// (Exercise.Mistakes), shown once per exercise; detail says what in this check's result shows
// the mistake ("column 0 of your training matrix is 0, not 1"), and is left out of the reports
// of hidden checks. Call it before the comparison it explains:
//
//	t.Mistake(grader.Near(got, float64(n)*want, tol), "sum-not-mean",
//		"your MSE is exactly n times too big")
//	t.Close(got, want, tol)
//
// An ID the catalogue does not list is a bug in the exercise: the check ends with an error.
func (t *T) Mistake(matched bool, id, detail string) {
	if !matched {
		return
	}
	t.mistakeStop(id, detail, fmt.Sprintf("%s is what the mistake %q gives", t.label(), id))
}

// mistakeStop fails the check with the mistake id and ends it. The message says which value
// shows the mistake and, on a line of its own, detail.
func (t *T) mistakeStop(id, detail, msg string) {
	m, ok := t.ex.mistake(id)
	if !ok {
		t.errorStop(fmt.Sprintf("internal error in the check: it names the mistake %q, which the exercise's Mistakes do not list", id))
	}
	if t.mistake == nil {
		t.mistake = &report.Mistake{ID: m.ID, Hint: m.Hint}
	}
	if detail != "" && detail != m.Hint {
		msg += "\n" + detail
	}
	t.fail(msg)
	t.stop()
}

// Close checks that got is within tol of want, records a failure saying by how much it was
// missed if not, and reports whether it passed. The message names the last learner call.
func (t *T) Close(got, want float64, tol Tol) bool {
	if math.IsNaN(want) {
		t.errorStop(fmt.Sprintf("internal error in the check: the expected value of %s is NaN", t.label()))
	}
	msg := scalarMismatch(t.label(), got, want, tol)
	if msg == "" {
		return true
	}
	t.setExpected(num(want), num(got))
	t.fail(msg)
	return false
}

// CloseSlice checks that got has want's length and is within tol of it element by element;
// on failure the message names the count of wrong elements and the worst ones.
func (t *T) CloseSlice(got, want []float64, tol Tol) bool {
	msg := sliceMismatch(t.label(), got, want, tol)
	if msg == "" {
		return true
	}
	t.setExpected(formatSlice(want), formatSlice(got))
	t.fail(msg)
	return false
}

// CloseMatrix checks that got has want's shape and is within tol of it element by element.
func (t *T) CloseMatrix(got, want mat.Matrix, tol Tol) bool {
	msg := matrixMismatch(t.label(), got, want, tol)
	if msg == "" {
		return true
	}
	t.fail(msg)
	return false
}

// Equal checks that got equals want exactly (reflect.DeepEqual), for counts, labels, indices
// and strings.
func (t *T) Equal(got, want any) bool {
	if reflect.DeepEqual(got, want) {
		return true
	}
	t.setExpected(fmt.Sprint(want), fmt.Sprint(got))
	t.fail(fmt.Sprintf("%s = %v, want %v", t.label(), got, want))
	return false
}

// True records a failure with the message when cond is false.
func (t *T) True(cond bool, format string, args ...any) bool {
	if !cond {
		t.fail(fmt.Sprintf(format, args...))
	}
	return cond
}

// Decreasing checks that values (a loss per epoch) never rise by more than tol from one
// element to the next, and fall overall.
func (t *T) Decreasing(label string, values []float64, tol Tol) bool {
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.fail(fmt.Sprintf("%s[%d] is %v: the values diverged (learning rate too large?)", label, i, v))
			return false
		}
		if i > 0 && v > values[i-1] && !Near(v, values[i-1], tol) {
			t.fail(fmt.Sprintf("%s rose from %s to %s at step %d: it should go down at every step", label, num(values[i-1]), num(v), i))
			return false
		}
	}
	if n := len(values); n >= 2 && !(values[n-1] < values[0]) {
		t.fail(fmt.Sprintf("%s did not go down: %s at the start, %s at the end", label, num(values[0]), num(values[n-1])))
		return false
	}
	return true
}

// setExpected records the expected and actual values of the check's first failed comparison.
func (t *T) setExpected(want, got string) {
	if t.expected == "" && t.got == "" {
		t.expected, t.got = want, got
	}
}

// Label names the value the next comparisons are about, when it is not simply the result of
// the last call: t.Label("the slope of the line Fit returned"). The next Call resets it.
func (t *T) Label(what string) { t.lastCall = what }

func (t *T) label() string {
	if t.lastCall == "" {
		return "the result"
	}
	return t.lastCall
}

// Call calls the learner's function name with args and returns its results. Arguments are
// copied to the learner's process: float64, int, bool, string, slices, maps and structs of
// these, *mat.Dense and *mat.VecDense, and Results of earlier calls (which pass the learner's
// value itself, such as a fitted model). The learner's code cannot change the check's copies.
func (t *T) Call(name string, args ...any) *Result {
	return t.invoke(driver.Request{Op: driver.OpCall, Func: name}, name, args, false)
}

// NotMutated calls name like Call and checks afterwards that the learner's code left every
// argument as it was; a changed argument fails the check with the mistake "input-mutated".
func (t *T) NotMutated(name string, args ...any) *Result {
	r := t.invoke(driver.Request{Op: driver.OpCall, Func: name}, name, args, true)
	t.unchanged(name, args, r)
	return r
}

// unchanged fails the check with the mistake "input-mutated" when the arguments r's call sent
// back differ from args.
func (t *T) unchanged(label string, args []any, r *Result) {
	for i, a := range args {
		if i >= len(r.args) || a == nil {
			continue
		}
		if _, ok := a.(*Result); ok {
			continue
		}
		after := r.args[i]
		if after.Payload() == nil {
			continue
		}
		before, err := driver.Encode(a)
		if err != nil {
			continue
		}
		// Decode what came back into the check's own type and encode it again, so that both
		// sides are encoded alike (gob writes type names, which differ between the packages).
		p := reflect.New(reflect.TypeOf(a))
		if driver.Decode(after, p.Interface()) != nil {
			continue
		}
		again, err := driver.Encode(p.Elem().Interface())
		if err == nil && !bytes.Equal(before.Payload(), again.Payload()) {
			t.mistakeStop("input-mutated", "", fmt.Sprintf("%s changed its argument %d", label, i+1))
		}
	}
}

// deterministicCalls is how many times Deterministic calls a function: half in one driver
// process and half in a fresh one. A loop over a small Go map starts at a random one of its 8
// slots, so a result that follows the order of 3 map keys repeats in the next call with a
// probability of at most 3/4 (when the keys sit in adjacent slots), and in all of 32 calls at
// most once in 8000 runs (0.75³¹). The fresh process changes the hash seed, and so the slots,
// which lowers that further and reorders larger maps too.
const deterministicCalls = 32

// Deterministic calls name many times with the same arguments (see deterministicCalls), in the
// running driver and in a fresh one, and checks that the results are all the same (a function
// given a seed must not depend on anything else, such as Go's random map order); it returns
// the first. A result that stays in the driver (a fitted model), or an argument that does,
// keeps its driver: then all calls run in one process.
//
// gob numbers the types of a result in the order a process first sends them, so a value sent
// as gob (a struct, a [][]int) by a driver that ran the check's earlier calls may differ in
// its bytes from the same value sent by a fresh driver. When the fresh driver's first result
// differs from the first result only in a gob payload, it is compared with the first result of
// another fresh driver instead, whose types are numbered the same way.
func (t *T) Deterministic(name string, args ...any) *Result {
	a := t.Call(name, args...)
	fresh := !slices.ContainsFunc(a.vals, func(v driver.Value) bool { return v.Handle != 0 }) &&
		!slices.ContainsFunc(args, func(x any) bool { _, ok := x.(*Result); return ok })
	ref := a
	for i := 1; i < deterministicCalls; i++ {
		switched := fresh && i == deterministicCalls/2
		if switched {
			t.sess.close() // the next call starts a new driver process
		}
		b := t.Call(name, args...)
		if !ref.sameAs(b) && switched && b.hasGob() {
			t.sess.close()
			ref = t.Call(name, args...) // the first result of another fresh driver
		}
		if !ref.sameAs(b) {
			t.mistakeStop("not-deterministic", "",
				// The message leaves out which call differed: that is down to chance, and the
				// same seed must give the same report.
				fmt.Sprintf("%s returned different results when called again with the same arguments (up to %d calls)", name, deterministicCalls))
		}
	}
	return a
}

// Same checks that two results are identical, for probes such as "the test labels do not
// change the fitted model": fit twice with different test labels and compare.
func (t *T) Same(a, b *Result, format string, args ...any) bool {
	if a.sameAs(b) {
		return true
	}
	t.fail(fmt.Sprintf(format, args...))
	return false
}

func (t *T) invoke(req driver.Request, label string, args []any, returnArgs bool) *Result {
	t.lastCall = label
	for i, a := range args {
		v, err := t.encodeArg(a)
		if err != nil {
			t.errorStop(fmt.Sprintf("internal error in the check: argument %d of %s: %v", i+1, label, err))
		}
		req.Args = append(req.Args, v)
	}
	req.ReturnArgs = returnArgs
	out, err := t.sess.call(req, t.callback)
	if t.callbackPanic != nil {
		t.errorStop(fmt.Sprintf("internal error in the check: a function it passed to %s panicked: %v", label, t.callbackPanic))
	}
	if out != nil {
		t.output.WriteString(out.Stdout)
		t.output.WriteString(out.Stderr)
	}
	if err != nil {
		var f *runner.Failure
		if errors.As(err, &f) {
			t.output.WriteString(f.Stdout)
			t.output.WriteString(beforeCrash(f.Stderr))
			t.errorStop(t.sess.explain(f, label))
		}
		t.errorStop(fmt.Sprintf("could not call %s: %v", label, err))
	}
	rep := out.Reply
	switch {
	case rep.NotImplemented:
		t.status = report.NotStarted
		t.messages = append(t.messages, fmt.Sprintf("%s is not implemented yet: it still says %q", label, driver.NotImplemented))
		t.stop()
	case rep.Panic != nil:
		t.location = t.sess.relative(rep.Panic.Location)
		t.errorStop(fmt.Sprintf("%s panicked: %s", label, rep.Panic.Value))
	case rep.Fault != "":
		t.errorStop(fmt.Sprintf("the grader could not call %s: %s", label, rep.Fault))
	}
	for _, v := range rep.Results {
		if v.Handle != 0 {
			t.handles = append(t.handles, v.Handle)
		}
	}
	return &Result{t: t, label: label, vals: rep.Results, err: rep.Err, hasErr: rep.HasErr, args: rep.Args}
}

// encodeArg turns a check's argument into a protocol value; a function becomes a callback.
func (t *T) encodeArg(a any) (driver.Value, error) {
	if r, ok := a.(*Result); ok {
		v := r.first()
		if v.Handle != 0 {
			return driver.Value{Handle: v.Handle}, nil
		}
		return v, nil
	}
	if fn := reflect.ValueOf(a); fn.Kind() == reflect.Func && !fn.IsNil() {
		return t.addCallback(fn), nil
	}
	return driver.Encode(a)
}

// Result holds what one call of a learner function returned. Its accessors decode the first
// result (Out selects another); when the learner's function returned a non-nil error, they
// end the check with that error unless the check asked for it with Err.
type Result struct {
	t      *T
	label  string
	vals   []driver.Value
	err    string
	hasErr bool
	args   []driver.Value
}

// Err returns the error the learner's function returned, or nil.
func (r *Result) Err() error {
	if !r.hasErr {
		return nil
	}
	return errors.New(r.err)
}

// Out returns the i-th result (from 0, the trailing error not counted) as a Result of its own.
func (r *Result) Out(i int) *Result {
	r.mustOK()
	if i < 0 || i >= len(r.vals) {
		r.t.errorStop(fmt.Sprintf("internal error in the check: %s has %d results, the check asked for result %d", r.label, len(r.vals), i))
	}
	return &Result{t: r.t, label: r.label, vals: r.vals[i : i+1]}
}

// Type returns the type of the first result as the learner's code declared it.
func (r *Result) Type() string { return r.first().Type }

// IsNil reports whether the first result is a nil pointer, slice, map or interface.
func (r *Result) IsNil() bool { r.mustOK(); return r.first().Nil }

// Float returns the first result as a float64.
func (r *Result) Float() float64 { var x float64; r.decode(&x); return x }

// Floats returns the first result as a []float64.
func (r *Result) Floats() []float64 { var x []float64; r.decode(&x); return x }

// Int returns the first result as an int.
func (r *Result) Int() int { var x int; r.decode(&x); return x }

// Ints returns the first result as an []int.
func (r *Result) Ints() []int { var x []int; r.decode(&x); return x }

// Bool returns the first result as a bool.
func (r *Result) Bool() bool { var x bool; r.decode(&x); return x }

// Text returns the first result as a string.
func (r *Result) Text() string { var x string; r.decode(&x); return x }

// Dense returns the first result, a matrix, as a *mat.Dense (nil for a nil matrix).
func (r *Result) Dense() *mat.Dense {
	r.mustOK()
	if r.first().Nil {
		return nil
	}
	var x *mat.Dense
	r.decode(&x)
	return x
}

// Decode decodes the results, in order, into the pointers (a nil pointer skips a result).
// Structs are matched field by field by name, so a check declares its own copy of the
// learner's result type.
func (r *Result) Decode(ptrs ...any) {
	r.mustOK()
	for i, p := range ptrs {
		if p == nil {
			continue
		}
		r.Out(i).decode(p)
	}
}

// Method calls a method of the first result, which stays in the learner's process (a fitted
// model): r.Method("Predict", X).Floats().
func (r *Result) Method(name string, args ...any) *Result {
	m, _ := r.method(name, args, false)
	return m
}

// MethodNotMutated calls the method like Method and checks afterwards that it left every
// argument as it was; a changed argument fails the check with the mistake "input-mutated".
func (r *Result) MethodNotMutated(name string, args ...any) *Result {
	m, label := r.method(name, args, true)
	r.t.unchanged(label, args, m)
	return m
}

// method calls the method name of the value r holds and returns its result and label.
func (r *Result) method(name string, args []any, returnArgs bool) (*Result, string) {
	r.mustOK()
	v := r.first()
	if v.Nil {
		r.t.Fatalf("%s returned nil, so its method %s cannot be called", r.label, name)
	}
	if v.Handle == 0 {
		r.t.errorStop(fmt.Sprintf("internal error in the check: the %s returned by %s has no methods to call", v.Type, r.label))
	}
	label := methodLabel(v.Type, name)
	return r.t.invoke(driver.Request{Op: driver.OpMethod, Handle: v.Handle, Func: name}, label, args, returnArgs), label
}

func methodLabel(typ, name string) string {
	return strings.TrimPrefix(typ, "*") + "." + name
}

func (r *Result) first() driver.Value {
	if len(r.vals) == 0 {
		r.mustOK()
		r.t.errorStop(fmt.Sprintf("internal error in the check: %s returned nothing", r.label))
	}
	return r.vals[0]
}

func (r *Result) mustOK() {
	if r.hasErr {
		r.t.lastCall = r.label
		r.t.Fatalf("%s returned an error: %s", r.label, r.err)
	}
}

func (r *Result) decode(p any) {
	r.mustOK()
	v := r.first()
	if v.Nil {
		// A nil slice or map is an empty one; a nil pointer decodes as a zero value too, and
		// the comparison that follows says what is wrong with it.
		if pv := reflect.ValueOf(p); pv.Kind() == reflect.Pointer && !pv.IsNil() {
			pv.Elem().SetZero()
		}
		return
	}
	if v.Payload() == nil {
		r.t.errorStop(fmt.Sprintf("internal error in the check: the %s returned by %s cannot be copied to the grader", v.Type, r.label))
	}
	if err := driver.Decode(v, p); err != nil {
		r.t.errorStop(fmt.Sprintf("internal error in the check: %s returned %s, which does not decode as %T: %v", r.label, v.Type, p, err))
	}
}

// sameAs reports whether two results have the same values.
// hasGob reports whether any of r's values travelled as gob.
func (r *Result) hasGob() bool {
	return slices.ContainsFunc(r.vals, func(v driver.Value) bool { return v.Gob != nil })
}

func (r *Result) sameAs(o *Result) bool {
	if len(r.vals) != len(o.vals) || r.hasErr != o.hasErr || r.err != o.err {
		return false
	}
	for i := range r.vals {
		a, b := r.vals[i], o.vals[i]
		if a.Nil != b.Nil || a.Type != b.Type || !bytes.Equal(a.Payload(), b.Payload()) {
			return false
		}
	}
	return true
}

var unsafeFileChars = regexp.MustCompile(`[^a-z0-9]+`)

// Plot saves f as PNG and SVG under <workspace>/.grade/<slug>/ and adds it to the exercise's
// report. f is a *plot.Plot, or several plots in one image: package mlkit/plot's SideBySide or
// Tile (a *Grid), for the learner's panel beside the reference's. A plot is 16 × 10 cm; a grid
// gets that size for each of its panels, Cols across. A nil f, or a file that cannot be
// written, is noted in the check's message and nothing else.
//
// With Options.NoPlots, Plot does nothing.
func (t *T) Plot(title string, f mlplot.Figure) {
	if t.noPlots {
		return
	}
	name := strings.Trim(unsafeFileChars.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if name == "" {
		name = "plot"
	}
	if f == nil || reflect.ValueOf(f).Kind() == reflect.Pointer && reflect.ValueOf(f).IsNil() {
		t.Logf("could not save the plot %q: no figure", title)
		return
	}
	rel := ".grade/" + t.ex.Slug + "/" + name
	dir := filepath.Join(t.workspace, ".grade", t.ex.Slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("could not save the plot %q: %v", title, err)
		return
	}
	base := filepath.Join(dir, name)
	width, height := 16*vg.Centimeter, 10*vg.Centimeter
	if p, ok := f.(*plot.Plot); ok {
		for _, ext := range []string{".png", ".svg"} {
			if err := p.Save(width, height, base+ext); err != nil {
				t.Logf("could not save the plot %q: %v", title, err)
				return
			}
		}
	} else {
		if g, ok := f.(*mlplot.Grid); ok && len(g.Panels) > 0 {
			cols := len(g.Panels)
			if g.Cols > 0 {
				cols = min(g.Cols, cols)
			}
			rows := (len(g.Panels) + cols - 1) / cols
			width, height = width*vg.Length(cols), height*vg.Length(rows)
		}
		if err := mlplot.Save(f, base, width, height); err != nil {
			t.Logf("could not save the plot %q: %v", title, err)
			return
		}
	}
	t.plots = append(t.plots, report.Plot{Title: title, PNG: rel + ".png", SVG: rel + ".svg"})
}

// beforeCrash returns a Go program's standard error up to its crash report ("panic: ...",
// "fatal error: ...", "runtime: ..." and the goroutine dump after it): the learner's own prints. The crash line
// itself goes into the check's message; the dump's addresses would make reports differ from
// run to run.
func beforeCrash(stderr string) string {
	var b strings.Builder
	for line := range strings.Lines(stderr) {
		if crashStart.MatchString(line) || strings.HasPrefix(line, "runtime: ") {
			break
		}
		b.WriteString(line)
	}
	return b.String()
}

// crashStart matches the first line of the Go runtime's report of a crash.
var crashStart = regexp.MustCompile(`^(panic: |fatal error: |SIG[A-Z]+: |unexpected fault address|goroutine \d+ )`)
