package driver

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Serve runs the protocol on in and out until in reaches end of file, and returns the process
// exit status Main should use: 0 after a clean hang-up, 2 after a protocol error. It is Main
// without the file descriptors, for tests.
func Serve(r Registry, in io.Reader, out io.Writer, stdout, stderr io.Writer) int {
	s := newServer(r, stdout, stderr)
	br := bufio.NewReader(in)
	dec := gob.NewDecoder(br)
	bw := bufio.NewWriter(out)
	enc := gob.NewEncoder(bw)
	s.br, s.dec, s.bw, s.enc = br, dec, bw, enc

	var hello Hello
	if err := dec.Decode(&hello); err != nil {
		return exitStatus(err)
	}
	s.nonce = hello.Nonce
	s.sync() // separates what package init printed from the first call's output
	if err := send(enc, bw, Ready{Nonce: s.nonce, Funcs: s.infos()}); err != nil {
		return 2
	}
	for {
		var req Request
		if err := dec.Decode(&req); err != nil {
			return exitStatus(err)
		}
		if err := ReadExt(br, req.Args); err != nil {
			return exitStatus(err)
		}
		rep := s.handle(req)
		if s.isBroken() {
			return 2 // a callback's exchange failed: the streams are out of step
		}
		rep.NoSync = !s.sync()
		if err := WriteFrame(enc, bw, &rep, &rep.Results, &rep.Args); err != nil {
			return 2
		}
		if err := bw.Flush(); err != nil {
			return 2
		}
	}
}

func exitStatus(err error) int {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return 0
	}
	return 2
}

func send(enc *gob.Encoder, bw *bufio.Writer, msg any) error {
	if err := enc.Encode(msg); err != nil {
		return err
	}
	return bw.Flush()
}

// entry is one value of the handle table. Values that are not pointers are stored behind a new
// pointer, so both their value and pointer methods can be called; byValue remembers it.
type entry struct {
	ptr     reflect.Value
	byValue bool
	pkg     string // the learner package the value came from
	dir     string
}

func (e entry) value() reflect.Value {
	if e.byValue {
		return e.ptr.Elem()
	}
	return e.ptr
}

type function struct {
	fn  reflect.Value
	pkg string // import path of the learner package
	dir string // folder of the learner package's files, as compiled
}

type server struct {
	funcs          map[string]map[string]function
	handles        map[uint64]entry
	next           uint64
	nonce          [16]byte
	stdout, stderr io.Writer

	// The protocol's streams, which callbacks use during a call.
	br  *bufio.Reader
	dec *gob.Decoder
	bw  *bufio.Writer
	enc *gob.Encoder

	// cbMu makes callbacks from several goroutines take turns; it guards active (a call is in
	// progress, so the grader is listening for callbacks), lastCB and broken (a callback's
	// exchange failed: the streams are out of step and serving must stop).
	cbMu   sync.Mutex
	active bool
	lastCB uint64
	broken bool
}

func newServer(r Registry, stdout, stderr io.Writer) *server {
	s := &server{funcs: map[string]map[string]function{}, handles: map[uint64]entry{}, stdout: stdout, stderr: stderr}
	for slug, fns := range r {
		m := map[string]function{}
		for name, f := range fns {
			v := reflect.ValueOf(f)
			if v.Kind() != reflect.Func || v.IsNil() {
				continue
			}
			pkg, dir := origin(v)
			m[name] = function{fn: v, pkg: pkg, dir: dir}
		}
		s.funcs[slug] = m
	}
	return s
}

// origin returns the import path and the source folder of a top-level function.
func origin(fn reflect.Value) (pkg, dir string) {
	f := runtime.FuncForPC(fn.Pointer())
	if f == nil {
		return "", ""
	}
	file, _ := f.FileLine(f.Entry())
	if i := strings.LastIndexByte(file, '/'); i >= 0 {
		dir = file[:i]
	}
	name := f.Name()
	slash := strings.LastIndexByte(name, '/') + 1
	if dot := strings.IndexByte(name[slash:], '.'); dot >= 0 {
		pkg = strings.ReplaceAll(name[:slash+dot], "%2e", ".")
	}
	return pkg, dir
}

func (s *server) infos() []FuncInfo {
	var out []FuncInfo
	for slug, fns := range s.funcs {
		for name, f := range fns {
			out = append(out, FuncInfo{Slug: slug, Name: name, Signature: TypeString(f.fn.Type(), f.pkg)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Slug != out[j].Slug {
			return out[i].Slug < out[j].Slug
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// sync writes SyncMarker to stdout and stderr and reports whether both writes succeeded.
func (s *server) sync() bool {
	_, err1 := io.WriteString(s.stdout, SyncMarker)
	_, err2 := io.WriteString(s.stderr, SyncMarker)
	return err1 == nil && err2 == nil
}

func (s *server) handle(req Request) (rep Reply) {
	rep = Reply{Nonce: s.nonce, ID: req.ID}
	var fn reflect.Value
	var pkg, dir string
	switch req.Op {
	case OpRelease:
		delete(s.handles, req.Handle)
		return rep
	case OpCall:
		f, ok := s.funcs[req.Slug][req.Func]
		if !ok {
			rep.Fault = fmt.Sprintf("no function %s is registered for exercise %q", req.Func, req.Slug)
			return rep
		}
		fn, pkg, dir = f.fn, f.pkg, f.dir
	case OpMethod:
		e, ok := s.handles[req.Handle]
		if !ok {
			rep.Fault = fmt.Sprintf("no value with handle %d", req.Handle)
			return rep
		}
		fn = e.ptr.MethodByName(req.Func)
		if !fn.IsValid() {
			rep.Fault = fmt.Sprintf("%s has no method %s", TypeString(e.value().Type(), e.pkg), req.Func)
			return rep
		}
		pkg, dir = e.pkg, e.dir
	default:
		rep.Fault = fmt.Sprintf("unknown operation %d", req.Op)
		return rep
	}

	args, fault := s.decodeArgs(fn.Type(), req.Args, pkg)
	if fault != "" {
		rep.Fault = fault
		return rep
	}
	s.setActive(true)
	out, p := invoke(fn, args, dir)
	s.setActive(false)
	if p != nil {
		rep.Panic = p
		rep.NotImplemented = isNotImplemented(p.Value)
		return rep
	}
	ft := fn.Type()
	if n := ft.NumOut(); n > 0 && ft.Out(n-1) == errorType {
		if err := out[n-1]; !err.IsNil() {
			rep.HasErr = true
			rep.Err = safeError(err.Interface().(error))
			rep.NotImplemented = isNotImplemented(rep.Err)
		}
		out = out[:n-1]
	}
	for _, v := range out {
		rep.Results = append(rep.Results, s.encode(v, pkg, dir))
	}
	if req.ReturnArgs {
		for _, v := range args {
			if v.Kind() == reflect.Func {
				rep.Args = append(rep.Args, Value{})
				continue
			}
			rep.Args = append(rep.Args, encodeOnly(v, pkg))
		}
	}
	return rep
}

func isNotImplemented(msg string) bool {
	return msg == NotImplemented || strings.HasPrefix(msg, NotImplemented+":")
}

// safeError returns err.Error(), or a description if the learner's Error method panics.
func safeError(err error) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprintf("(the error's Error method panicked: %v)", v)
		}
	}()
	return err.Error()
}

// safeSprint returns fmt.Sprint(v), or a description if a String or Error method panics.
func safeSprint(v any) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprintf("(a %T whose String method panicked)", v)
		}
	}()
	return fmt.Sprint(v)
}

// decodeArgs decodes the request's arguments into the parameter types of ft.
func (s *server) decodeArgs(ft reflect.Type, in []Value, pkg string) ([]reflect.Value, string) {
	n := ft.NumIn()
	if ft.IsVariadic() {
		if len(in) < n-1 {
			return nil, fmt.Sprintf("got %d arguments, want at least %d", len(in), n-1)
		}
	} else if len(in) != n {
		return nil, fmt.Sprintf("got %d arguments, want %d", len(in), n)
	}
	args := make([]reflect.Value, len(in))
	for i, a := range in {
		var pt reflect.Type
		if ft.IsVariadic() && i >= n-1 {
			pt = ft.In(n - 1).Elem()
		} else {
			pt = ft.In(i)
		}
		v, err := s.decodeArg(a, pt, pkg)
		if err != "" {
			return nil, fmt.Sprintf("argument %d: %s", i+1, err)
		}
		args[i] = v
	}
	return args, ""
}

func (s *server) decodeArg(a Value, pt reflect.Type, pkg string) (reflect.Value, string) {
	switch {
	case a.Callback != 0:
		if pt.Kind() != reflect.Func {
			return reflect.Value{}, fmt.Sprintf("a function cannot be passed as %s", TypeString(pt, pkg))
		}
		return s.callback(a.Callback, pt, pkg), ""
	case a.Handle != 0:
		e, ok := s.handles[a.Handle]
		if !ok {
			return reflect.Value{}, fmt.Sprintf("no value with handle %d", a.Handle)
		}
		v := e.value()
		if v.Type().AssignableTo(pt) {
			return v, ""
		}
		if e.ptr.Type().AssignableTo(pt) {
			return e.ptr, ""
		}
		return reflect.Value{}, fmt.Sprintf("a %s cannot be passed as %s", TypeString(v.Type(), e.pkg), TypeString(pt, pkg))
	}
	v, err := decodeValue(a, pt)
	if err != nil {
		return reflect.Value{}, fmt.Sprintf("cannot decode the value as %s: %v", TypeString(pt, pkg), err)
	}
	return v, ""
}

// invoke calls fn on its own goroutine, so that a panic or runtime.Goexit in the learner's code
// cannot end the serving goroutine.
func invoke(fn reflect.Value, args []reflect.Value, dir string) (out []reflect.Value, p *Panic) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		returned := false
		defer func() {
			if returned {
				return
			}
			v := recover()
			if v == nil {
				p = &Panic{Value: "runtime.Goexit was called"}
				return
			}
			p = describePanic(v, dir)
		}()
		out = fn.Call(args)
		returned = true
	}()
	<-done
	return out, p
}

// describePanic records a recovered panic value with the location of the learner's innermost
// frame. It must be called from the deferred function that recovered, while the panicking
// frames are still on the stack.
func describePanic(v any, dir string) *Panic {
	p := &Panic{Value: safeSprint(v)}
	if err, ok := v.(error); ok {
		p.Value = safeError(err)
	}
	if dir == "" {
		return p
	}
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.File, dir+"/") && !strings.Contains(f.File[len(dir)+1:], "/") {
			p.Location = f.File + ":" + strconv.Itoa(f.Line)
			return p
		}
		if !more {
			return p
		}
	}
}

// encode turns a result into a Value: encoded when it can travel, and also kept in the handle
// table when it has methods of the learner's package or cannot travel.
func (s *server) encode(v reflect.Value, pkg, dir string) Value {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return Value{Type: TypeString(v.Type(), pkg), Nil: true}
		}
		v = v.Elem()
	}
	out, ok := encodeValue(v, pkg)
	if out.Nil {
		return out
	}
	t := v.Type()
	if !ok || hasOwnMethods(t, pkg) {
		s.next++
		e := entry{ptr: v, pkg: pkg, dir: dir}
		if t.Kind() != reflect.Pointer {
			e.ptr = reflect.New(t)
			e.ptr.Elem().Set(v)
			e.byValue = true
		}
		s.handles[s.next] = e
		out.Handle = s.next
	}
	return out
}

// encodeOnly encodes v without keeping it in the handle table.
func encodeOnly(v reflect.Value, pkg string) Value {
	out, _ := encodeValue(v, pkg)
	return out
}

// travels reports whether values of type t can be sent as gob: basic values, slices, arrays,
// maps and pointers of such, structs whose fields are all exported and travel, and types that
// marshal themselves (such as *mat.Dense). A pointer to a learner's struct travels as a copy
// of the struct (and, when it has methods, is also kept as a handle).
func travels(t reflect.Type) bool { return travelsSeen(t, map[reflect.Type]bool{}) }

func travelsSeen(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false // recursive types stay in the driver
	}
	seen[t] = true
	defer delete(seen, t)
	if marshals(t) || t.Implements(gobEncoderType) {
		return true
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return true
	case reflect.Slice, reflect.Array, reflect.Pointer:
		return travelsSeen(t.Elem(), seen)
	case reflect.Map:
		return travelsSeen(t.Key(), seen) && travelsSeen(t.Elem(), seen)
	case reflect.Struct:
		if t.NumField() == 0 {
			return false
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || !travelsSeen(f.Type, seen) {
				return false
			}
		}
		return true
	}
	return false
}

// hasOwnMethods reports whether t or *t has methods and is declared in package pkg.
func hasOwnMethods(t reflect.Type, pkg string) bool {
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	if base.PkgPath() != pkg || base.Name() == "" {
		return false
	}
	return reflect.PointerTo(base).NumMethod() > 0
}

// TypeString writes t as Go source would, with the named types of package pkg unqualified
// and the empty interface as "any": "func(*mat.Dense, []float64) (*Model, error)".
func TypeString(t reflect.Type, pkg string) string {
	var b strings.Builder
	writeType(&b, t, pkg)
	return b.String()
}

func writeType(b *strings.Builder, t reflect.Type, pkg string) {
	if t.Name() != "" {
		if t.PkgPath() != "" && t.PkgPath() == pkg {
			b.WriteString(t.Name())
		} else {
			b.WriteString(t.String())
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		b.WriteString("*")
		writeType(b, t.Elem(), pkg)
	case reflect.Slice:
		b.WriteString("[]")
		writeType(b, t.Elem(), pkg)
	case reflect.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		writeType(b, t.Elem(), pkg)
	case reflect.Map:
		b.WriteString("map[")
		writeType(b, t.Key(), pkg)
		b.WriteString("]")
		writeType(b, t.Elem(), pkg)
	case reflect.Func:
		b.WriteString("func(")
		for i := range t.NumIn() {
			if i > 0 {
				b.WriteString(", ")
			}
			if t.IsVariadic() && i == t.NumIn()-1 {
				b.WriteString("...")
				writeType(b, t.In(i).Elem(), pkg)
				continue
			}
			writeType(b, t.In(i), pkg)
		}
		b.WriteString(")")
		switch t.NumOut() {
		case 0:
		case 1:
			b.WriteString(" ")
			writeType(b, t.Out(0), pkg)
		default:
			b.WriteString(" (")
			for i := range t.NumOut() {
				if i > 0 {
					b.WriteString(", ")
				}
				writeType(b, t.Out(i), pkg)
			}
			b.WriteString(")")
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			b.WriteString("any")
			return
		}
		b.WriteString(t.String())
	default:
		b.WriteString(t.String())
	}
}
