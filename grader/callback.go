package grader

import (
	"fmt"
	"reflect"
	"sync/atomic"

	"github.com/mlkata/mlkata/grader/internal/driver"
)

// Callbacks: a check may pass a function of its own to the learner's code, as an argument of
// Call (or as a result of such a function). The learner's code receives a function of its
// parameter's type; calling it runs the check's function here, in the grader, with the
// arguments decoded into the check function's parameter types. So a check can hand the
// learner's pipeline a scaler and a model whose Fit records which rows it saw, or a test set
// whose reads it counts, and the record cannot be forged by the learner's code.
//
// The check's function must not call T's methods (it runs while the learner's call is in
// progress) and must not call the learner's code. Its results may be functions again (a fit
// that returns the fitted transform). A last result of type error that is not nil makes the
// learner's call of the function panic with the error's message: the way to refuse a call
// (a matrix with the wrong number of columns, say) with words the learner reads. A panic in
// the check's function is an internal error of the check.

// callbackIDs numbers callbacks across all checks and runs of this process, so a function
// kept by the learner's code from an earlier check never reaches a later check's function.
var callbackIDs atomic.Uint64

// addCallback registers fn as one of the check's callbacks and returns its protocol value.
func (t *T) addCallback(fn reflect.Value) driver.Value {
	id := callbackIDs.Add(1)
	if t.callbacks == nil {
		t.callbacks = map[uint64]reflect.Value{}
	}
	t.callbacks[id] = fn
	return driver.Value{Type: driver.TypeString(fn.Type(), ""), Callback: id}
}

// callback runs the check's function a callback names and returns its results as an OpReturn.
func (t *T) callback(cb driver.Callback) (ret driver.Request) {
	fn, ok := t.callbacks[cb.Func]
	if !ok {
		return driver.Request{Fault: "mlkata: a function the grader gave your code in an earlier check was called in a later one: call it only during the call that received it"}
	}
	ft := fn.Type()
	if ft.IsVariadic() || len(cb.Args) != ft.NumIn() {
		t.recordCallbackPanic(fmt.Sprintf("callback of type %s got %d arguments (variadic callbacks are not supported)", ft, len(cb.Args)))
		return driver.Request{Fault: "mlkata: internal error in the grader's function"}
	}
	in := make([]reflect.Value, len(cb.Args))
	for i, a := range cb.Args {
		p := reflect.New(ft.In(i))
		if err := driver.Decode(a, p.Interface()); err != nil {
			return driver.Request{Fault: fmt.Sprintf("mlkata: argument %d of the grader's function: a %s cannot be used as %s", i+1, a.Type, driver.TypeString(ft.In(i), ""))}
		}
		in[i] = p.Elem()
	}
	out, panicked := callSafely(fn, in)
	if panicked != nil {
		t.recordCallbackPanic(panicked)
		return driver.Request{Fault: "mlkata: internal error in the grader's function"}
	}
	if n := ft.NumOut(); n > 0 && ft.Out(n-1) == reflect.TypeFor[error]() {
		if err, _ := out[n-1].Interface().(error); err != nil {
			return driver.Request{Fault: err.Error()}
		}
		// The learner's type may declare no error result: send only the others. A function
		// whose declared type does have one gets nil from the zero Value.
		out = out[:n-1]
	}
	for _, v := range out {
		arg, err := t.encodeArg(v.Interface())
		if err != nil {
			t.recordCallbackPanic(err)
			return driver.Request{Fault: "mlkata: internal error in the grader's function"}
		}
		ret.Args = append(ret.Args, arg)
	}
	return ret
}

func (t *T) recordCallbackPanic(v any) {
	if t.callbackPanic == nil {
		t.callbackPanic = v
	}
}

// callSafely calls fn, recovering a panic.
func callSafely(fn reflect.Value, in []reflect.Value) (out []reflect.Value, panicked any) {
	defer func() {
		if v := recover(); v != nil {
			panicked = v
		}
	}()
	return fn.Call(in), nil
}
