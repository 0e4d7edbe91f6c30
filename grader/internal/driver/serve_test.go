package driver

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"errors"
	"io"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// Model is a learner-style type with methods, returned as a handle.
type Model struct{ W []float64 }

// Predict returns w·x.
func (m *Model) Predict(x []float64) float64 {
	s := 0.0
	for i := range x {
		s += m.W[i] * x[i]
	}
	return s
}

type pair struct{ A, B float64 }

var registry = Registry{"ex": {
	"Sum": func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s
	},
	"Scale":   func(m *mat.Dense, k float64) *mat.Dense { var o mat.Dense; o.Scale(k, m); return &o },
	"Fit":     func(w []float64) (*Model, error) { return &Model{W: w}, nil },
	"Fail":    func() (float64, error) { return 0, errors.New("no data") },
	"Stub":    func() float64 { panic("not implemented") },
	"StubErr": func() error { return errors.New(NotImplemented) },
	"Boom":    func(x []float64) float64 { return x[len(x)] },
	"Exit":    func() { runtime.Goexit() },
	"Mutate":  func(x []float64) { x[0] = 99 },
	"Pair":    func(p pair) pair { return pair{p.B, p.A} },
	"Var":     func(xs ...int) int { return len(xs) },
	"NaN":     func() float64 { return math.NaN() },
	"Empty":   func() []float64 { return []float64{} },
	"Trace":   func(m mat.Matrix) float64 { return mat.Trace(m) },
	"Print":   func() int { print("to stderr\n"); return 1 },
}}

// client is the grader's side of an in-process Serve.
type client struct {
	enc   *gob.Encoder
	w     io.Writer
	dec   *gob.Decoder
	r     io.Reader
	reqW  io.Closer
	nonce [16]byte
	ready Ready
	done  chan int
}

func start(t *testing.T) *client {
	t.Helper()
	reqR, reqW := io.Pipe()
	repR, repW := io.Pipe()
	br := bufio.NewReader(repR)
	c := &client{enc: gob.NewEncoder(reqW), w: reqW, dec: gob.NewDecoder(br), r: br, reqW: reqW, nonce: [16]byte{1, 2, 3}, done: make(chan int, 1)}
	go func() { c.done <- Serve(registry, reqR, repW, io.Discard, io.Discard) }()
	require.NoError(t, c.enc.Encode(Hello{Nonce: c.nonce}))
	require.NoError(t, c.dec.Decode(&c.ready))
	t.Cleanup(func() { reqW.Close() })
	return c
}

func arg(t *testing.T, v any) Value {
	t.Helper()
	out, err := Encode(v)
	require.NoError(t, err)
	return out
}

func (c *client) call(t *testing.T, req Request) Reply {
	t.Helper()
	if req.Op == 0 {
		req.Op = OpCall
		req.Slug = "ex"
	}
	require.NoError(t, WriteFrame(c.enc, c.w, &req, &req.Args))
	var rep Reply
	require.NoError(t, c.dec.Decode(&rep))
	require.NoError(t, ReadExt(c.r, rep.Results, rep.Args))
	assert.Equal(t, c.nonce, rep.Nonce)
	return rep
}

func decode[T any](t *testing.T, v Value) T {
	t.Helper()
	var x T
	require.NoError(t, Decode(v, &x))
	return x
}

func TestReadyListsSignatures(t *testing.T) {
	c := start(t)
	assert.Equal(t, c.nonce, c.ready.Nonce)
	sigs := map[string]string{}
	for _, f := range c.ready.Funcs {
		assert.Equal(t, "ex", f.Slug)
		sigs[f.Name] = f.Signature
	}
	assert.Equal(t, "func([]float64) float64", sigs["Sum"])
	assert.Equal(t, "func(*mat.Dense, float64) *mat.Dense", sigs["Scale"])
	assert.Equal(t, "func([]float64) (*Model, error)", sigs["Fit"], "types of the function's own package are unqualified")
	assert.Equal(t, "func(...int) int", sigs["Var"])
}

func TestCalls(t *testing.T) {
	c := start(t)

	rep := c.call(t, Request{Func: "Sum", Args: []Value{arg(t, []float64{1, 2, 3.5})}})
	require.Len(t, rep.Results, 1)
	assert.Nil(t, rep.Results[0].F64)
	assert.Equal(t, "float64", rep.Results[0].Type)
	assert.Equal(t, 6.5, decode[float64](t, rep.Results[0]))

	m := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	rep = c.call(t, Request{Func: "Scale", Args: []Value{arg(t, m), arg(t, 2.0)}})
	assert.Equal(t, [2]int{2, 2}, [2]int{rep.Results[0].Rows, rep.Results[0].Cols}, "matrices travel as shape and data")
	got := decode[*mat.Dense](t, rep.Results[0])
	assert.Equal(t, []float64{2, 4, 6, 8}, got.RawMatrix().Data)

	rep = c.call(t, Request{Func: "Trace", Args: []Value{arg(t, m)}})
	assert.Empty(t, rep.Fault, "a *mat.Dense is accepted as a mat.Matrix")
	assert.Equal(t, 5.0, decode[float64](t, rep.Results[0]))

	rep = c.call(t, Request{Func: "Pair", Args: []Value{arg(t, struct{ A, B float64 }{1, 2})}})
	assert.Equal(t, struct{ A, B float64 }{2, 1}, decode[struct{ A, B float64 }](t, rep.Results[0]), "structs match by field name")

	rep = c.call(t, Request{Func: "Var", Args: []Value{arg(t, 1), arg(t, 2), arg(t, 3)}})
	assert.Equal(t, 3, decode[int](t, rep.Results[0]))

	rep = c.call(t, Request{Func: "NaN"})
	assert.True(t, math.IsNaN(decode[float64](t, rep.Results[0])))

	// gob delivers an empty []byte as nil: the empty slice must still arrive as a payload.
	rep = c.call(t, Request{Func: "Empty"})
	assert.NotNil(t, rep.Results[0].Payload(), "an empty slice is a value, not a missing payload")
	got64 := decode[[]float64](t, rep.Results[0])
	assert.NotNil(t, got64)
	assert.Empty(t, got64)
}

func TestHandles(t *testing.T) {
	c := start(t)
	rep := c.call(t, Request{Func: "Fit", Args: []Value{arg(t, []float64{1, 2})}})
	require.Len(t, rep.Results, 1)
	h := rep.Results[0]
	assert.NotZero(t, h.Handle, "a value with methods stays in the driver")
	assert.Equal(t, "*Model", h.Type)
	assert.Equal(t, Model{W: []float64{1, 2}}, decode[Model](t, h), "and travels as a copy too")

	rep = c.call(t, Request{Op: OpMethod, Handle: h.Handle, Func: "Predict", Args: []Value{arg(t, []float64{3, 4})}})
	assert.Empty(t, rep.Fault)
	assert.Equal(t, 11.0, decode[float64](t, rep.Results[0]))

	rep = c.call(t, Request{Op: OpMethod, Handle: h.Handle, Func: "Nope"})
	assert.Equal(t, "*Model has no method Nope", rep.Fault)

	c.call(t, Request{Op: OpRelease, Handle: h.Handle})
	rep = c.call(t, Request{Op: OpMethod, Handle: h.Handle, Func: "Predict"})
	assert.Contains(t, rep.Fault, "no value with handle")
}

func TestErrorsPanicsAndStubs(t *testing.T) {
	c := start(t)
	rep := c.call(t, Request{Func: "Fail"})
	assert.True(t, rep.HasErr)
	assert.Equal(t, "no data", rep.Err)
	assert.Len(t, rep.Results, 1, "the error is not a result")

	rep = c.call(t, Request{Func: "Stub"})
	assert.True(t, rep.NotImplemented)
	rep = c.call(t, Request{Func: "StubErr"})
	assert.True(t, rep.NotImplemented)

	rep = c.call(t, Request{Func: "Boom", Args: []Value{arg(t, []float64{1})}})
	require.NotNil(t, rep.Panic)
	assert.Equal(t, "runtime error: index out of range [1] with length 1", rep.Panic.Value)
	assert.Contains(t, rep.Panic.Location, "serve_test.go:", "the first frame in the learner's folder")
	assert.False(t, rep.NotImplemented)

	rep = c.call(t, Request{Func: "Exit"})
	require.NotNil(t, rep.Panic)
	assert.Equal(t, "runtime.Goexit was called", rep.Panic.Value)

	rep = c.call(t, Request{Func: "Sum", Args: []Value{arg(t, "text")}})
	assert.Contains(t, rep.Fault, "argument 1: cannot decode the value as []float64")
	rep = c.call(t, Request{Func: "Sum"})
	assert.Equal(t, "got 0 arguments, want 1", rep.Fault)
	rep = c.call(t, Request{Func: "Missing"})
	assert.Contains(t, rep.Fault, "no function Missing")

	rep = c.call(t, Request{Func: "Sum", Args: []Value{arg(t, []float64{2})}})
	assert.Equal(t, 2.0, decode[float64](t, rep.Results[0]), "the driver serves on after panics")
}

// TestLargeValues sends payloads above the frame threshold both ways, between small ones.
func TestLargeValues(t *testing.T) {
	c := start(t)
	big := make([]float64, 10_000)
	for i := range big {
		big[i] = float64(i)
	}
	m := mat.NewDense(100, 100, big)
	for range 2 {
		req := Request{Func: "Scale", Args: []Value{arg(t, m), arg(t, 0.5)}}
		rep := c.call(t, req)
		assert.Equal(t, 8*10_000, len(req.Args[0].F64), "WriteFrame leaves the caller's values as they were")
		got := decode[*mat.Dense](t, rep.Results[0])
		assert.Equal(t, 4999.5, got.At(99, 99))
		rep = c.call(t, Request{Func: "Sum", Args: []Value{arg(t, big)}})
		assert.Equal(t, 49995000.0, decode[float64](t, rep.Results[0]))
		rep = c.call(t, Request{Func: "Mutate", Args: []Value{arg(t, big)}, ReturnArgs: true})
		assert.Equal(t, 99.0, decode[[]float64](t, rep.Args[0])[0])
	}
}

func TestReturnArgsShowsMutation(t *testing.T) {
	c := start(t)
	rep := c.call(t, Request{Func: "Mutate", Args: []Value{arg(t, []float64{1, 2})}, ReturnArgs: true})
	require.Len(t, rep.Args, 1)
	assert.Len(t, rep.Args[0].F64, 16, "float slices travel as raw bytes")
	assert.Equal(t, []float64{99, 2}, decode[[]float64](t, rep.Args[0]))
}

func TestHangUpEndsServe(t *testing.T) {
	c := start(t)
	c.reqW.Close()
	assert.Equal(t, 0, <-c.done)
}

func TestSyncMarkers(t *testing.T) {
	reqR, reqW := io.Pipe()
	repR, repW := io.Pipe()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Serve(registry, reqR, repW, &stdout, &stderr) }()
	enc, dec := gob.NewEncoder(reqW), gob.NewDecoder(repR)
	require.NoError(t, enc.Encode(Hello{}))
	var ready Ready
	require.NoError(t, dec.Decode(&ready))
	require.NoError(t, enc.Encode(Request{Op: OpCall, Slug: "ex", Func: "NaN"}))
	var rep Reply
	require.NoError(t, dec.Decode(&rep))
	reqW.Close()
	<-done
	assert.Equal(t, strings.Repeat(SyncMarker, 2), stdout.String(), "one marker after start-up, one after the call")
	assert.Equal(t, strings.Repeat(SyncMarker, 2), stderr.String())
}

func TestTravels(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want bool
	}{
		{1.5, true}, {[]float64{1}, true}, {map[string]int{}, true}, {pair{}, true},
		{&Model{}, true}, {mat.NewDense(1, 1, nil), true}, {mat.NewVecDense(1, nil), true},
		{struct{ a int }{}, false}, {func() {}, false}, {make(chan int), false}, {struct{}{}, false},
	} {
		assert.Equal(t, tc.want, travels(reflect.TypeOf(tc.v)), "%T", tc.v)
	}
}

func TestTypeString(t *testing.T) {
	pkg := reflect.TypeFor[Model]().PkgPath()
	for _, tc := range []struct {
		v    any
		want string
	}{
		{func(a, b []float64) float64 { return 0 }, "func([]float64, []float64) float64"},
		{func(*Model, *mat.Dense) (*Model, error) { return nil, nil }, "func(*Model, *mat.Dense) (*Model, error)"},
		{func(map[string][]int, [3]bool, any) {}, "func(map[string][]int, [3]bool, any)"},
		{func(...float64) {}, "func(...float64)"},
	} {
		assert.Equal(t, tc.want, TypeString(reflect.TypeOf(tc.v), pkg))
	}
}
