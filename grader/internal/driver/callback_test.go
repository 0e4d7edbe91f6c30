package driver

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// Transform and FitFunc are learner-declared function types, as an exercise's stub declares
// them.
type (
	Transform func(X *mat.Dense) *mat.Dense
	FitFunc   func(X *mat.Dense) Transform
)

func init() {
	fns := registry["ex"]
	// Pipeline fits on the first row and transforms every row: the grader's fit returns the
	// transform, itself a callback.
	fns["Pipeline"] = func(X *mat.Dense, fit FitFunc) *mat.Dense {
		_, c := X.Dims()
		tr := fit(mat.DenseCopyOf(X.Slice(0, 1, 0, c)))
		return tr(X)
	}
	fns["Apply"] = func(f func(float64) float64, xs []float64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = f(x)
		}
		return out
	}
	// Parallel calls f from several goroutines at once: the calls take turns.
	fns["Parallel"] = func(f func(int) int, n int) int {
		var wg sync.WaitGroup
		res := make([]int, n)
		for i := range n {
			wg.Go(func() { res[i] = f(i) })
		}
		wg.Wait()
		s := 0
		for _, v := range res {
			s += v
		}
		return s
	}
	fns["SendFunc"] = func(f func(func()) int) int { return f(func() {}) }
}

// callWith sends req and answers the callbacks that arrive before its reply with answer; it
// returns the reply and the callbacks seen.
func (c *client) callWith(t *testing.T, req Request, answer func(Callback) Request) (Reply, []Callback) {
	t.Helper()
	req.Op, req.Slug = OpCall, "ex"
	require.NoError(t, WriteFrame(c.enc, c.w, &req, &req.Args))
	var seen []Callback
	for {
		var rep Reply
		require.NoError(t, c.dec.Decode(&rep))
		require.NoError(t, ReadExt(c.r, rep.Results, rep.Args))
		assert.Equal(t, c.nonce, rep.Nonce)
		if rep.Callback == nil {
			return rep, seen
		}
		require.NoError(t, ReadExt(c.r, rep.Callback.Args))
		seen = append(seen, *rep.Callback)
		ret := answer(*rep.Callback)
		ret.Op, ret.ID = OpReturn, rep.Callback.ID
		require.NoError(t, WriteFrame(c.enc, c.w, &ret, &ret.Args))
	}
}

func TestCallbackResultsAndArguments(t *testing.T) {
	c := start(t)
	rep, seen := c.callWith(t, Request{Func: "Apply", Args: []Value{{Callback: 7}, arg(t, []float64{1, 2, 3})}},
		func(cb Callback) Request {
			return Request{Args: []Value{arg(t, 10*decode[float64](t, cb.Args[0]))}}
		})
	require.Nil(t, rep.Panic)
	assert.Equal(t, []float64{10, 20, 30}, decode[[]float64](t, rep.Results[0]))
	require.Len(t, seen, 3)
	for i, cb := range seen {
		assert.Equal(t, uint64(7), cb.Func, "the callback names the function it arrived as")
		assert.Equal(t, uint64(i+1), cb.ID, "callbacks are numbered from 1")
	}
}

func TestCallbackReturnsCallback(t *testing.T) {
	c := start(t)
	X := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	rep, seen := c.callWith(t, Request{Func: "Pipeline", Args: []Value{arg(t, X), {Callback: 1}}},
		func(cb Callback) Request {
			switch cb.Func {
			case 1: // fit: remember the row it saw, return the transform as callback 2
				fitted := decode[*mat.Dense](t, cb.Args[0])
				assert.Equal(t, []float64{1, 2}, fitted.RawMatrix().Data, "fit saw the first row only")
				return Request{Args: []Value{{Callback: 2}}}
			case 2: // the transform: subtract the first row
				in := decode[*mat.Dense](t, cb.Args[0])
				r, cols := in.Dims()
				out := mat.NewDense(r, cols, nil)
				for i := range r {
					out.SetRow(i, []float64{in.At(i, 0) - 1, in.At(i, 1) - 2})
				}
				return Request{Args: []Value{arg(t, out)}}
			}
			t.Fatalf("callback to unknown function %d", cb.Func)
			return Request{}
		})
	require.Nil(t, rep.Panic)
	require.Len(t, seen, 2)
	got := decode[*mat.Dense](t, rep.Results[0])
	assert.Equal(t, []float64{0, 0, 2, 2, 4, 4}, got.RawMatrix().Data)
}

func TestCallbackFaultPanicsInLearnerCode(t *testing.T) {
	c := start(t)
	rep, _ := c.callWith(t, Request{Func: "Apply", Args: []Value{{Callback: 1}, arg(t, []float64{1})}},
		func(Callback) Request { return Request{Fault: "X has 3 columns, want 2"} })
	require.NotNil(t, rep.Panic)
	assert.Equal(t, "X has 3 columns, want 2", rep.Panic.Value)
	// The driver still serves.
	rep = c.call(t, Request{Func: "Sum", Args: []Value{arg(t, []float64{1, 2})}})
	assert.Equal(t, 3.0, decode[float64](t, rep.Results[0]))
}

func TestCallbacksFromGoroutinesTakeTurns(t *testing.T) {
	c := start(t)
	rep, seen := c.callWith(t, Request{Func: "Parallel", Args: []Value{{Callback: 1}, arg(t, 8)}},
		func(cb Callback) Request { return Request{Args: []Value{arg(t, 2*decode[int](t, cb.Args[0]))}} })
	require.Nil(t, rep.Panic)
	assert.Equal(t, 2*(0+1+2+3+4+5+6+7), decode[int](t, rep.Results[0]))
	assert.Len(t, seen, 8)
}

func TestCallbackArgumentThatCannotTravel(t *testing.T) {
	c := start(t)
	rep, seen := c.callWith(t, Request{Func: "SendFunc", Args: []Value{{Callback: 1}}},
		func(Callback) Request { t.Fatal("no callback should arrive"); return Request{} })
	assert.Empty(t, seen)
	require.NotNil(t, rep.Panic)
	assert.Contains(t, rep.Panic.Value, "cannot be sent to the grader")
}

func TestCallbackIntoNonFunctionParameter(t *testing.T) {
	c := start(t)
	rep := c.call(t, Request{Func: "Sum", Args: []Value{{Callback: 1}}})
	assert.Contains(t, rep.Fault, "a function cannot be passed as []float64")
}

func TestCallbackAnsweredOutOfStepEndsServing(t *testing.T) {
	c := start(t)
	req := Request{Op: OpCall, Slug: "ex", Func: "Apply", ID: 1, Args: []Value{{Callback: 1}, arg(t, []float64{1})}}
	require.NoError(t, WriteFrame(c.enc, c.w, &req, &req.Args))
	var rep Reply
	require.NoError(t, c.dec.Decode(&rep))
	require.NotNil(t, rep.Callback)
	// Answer with another callback's ID: the driver cannot tell what the answer belongs to.
	ret := Request{Op: OpReturn, ID: rep.Callback.ID + 1, Args: []Value{arg(t, 1.0)}}
	require.NoError(t, WriteFrame(c.enc, c.w, &ret, &ret.Args))
	assert.Equal(t, 2, <-c.done)
}
