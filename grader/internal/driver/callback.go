package driver

import (
	"fmt"
	"reflect"
)

// CallbackPanic is the value a callback panics with in the learner's code when the grader
// refused the call (Request.Fault of its OpReturn) or the call could not be made.
type CallbackPanic struct{ Msg string }

func (p CallbackPanic) Error() string { return p.Msg }

// setActive marks a call in progress (callbacks may be made) or finished. Finishing waits for
// a callback another goroutine is making, so its answer is read before the call's reply is
// written.
func (s *server) setActive(on bool) {
	s.cbMu.Lock()
	s.active = on
	s.cbMu.Unlock()
}

func (s *server) isBroken() bool {
	s.cbMu.Lock()
	defer s.cbMu.Unlock()
	return s.broken
}

// callback returns a function of type ft that calls the grader's function id (see Callback in
// protocol.go). pkg is the learner package whose types the function's values use.
func (s *server) callback(id uint64, ft reflect.Type, pkg string) reflect.Value {
	return reflect.MakeFunc(ft, func(in []reflect.Value) []reflect.Value {
		s.cbMu.Lock()
		defer s.cbMu.Unlock()
		switch {
		case s.broken:
			panic(CallbackPanic{"mlkata: the connection to the grader was lost"})
		case !s.active:
			panic(CallbackPanic{"mlkata: a function the grader passed to your code was called after that call returned (from a goroutine still running, or kept in a variable): call it only while the function that received it runs"})
		}
		cb := Callback{Func: id, Args: make([]Value, len(in))}
		for i, v := range in {
			arg, ok := s.encodeArg(v, pkg)
			if !ok {
				panic(CallbackPanic{fmt.Sprintf("mlkata: argument %d of a function the grader passed to your code is a %s, which cannot be sent to the grader", i+1, arg.Type)})
			}
			cb.Args[i] = arg
		}
		s.lastCB++
		cb.ID = s.lastCB
		ret, err := s.exchange(&cb)
		if err != nil {
			s.broken = true
			panic(CallbackPanic{"mlkata: the connection to the grader was lost during a call of its function: " + err.Error()})
		}
		if ret.Fault != "" {
			panic(CallbackPanic{ret.Fault})
		}
		if len(ret.Args) != ft.NumOut() {
			panic(CallbackPanic{fmt.Sprintf("mlkata: the grader's function returned %d values, its type %s has %d", len(ret.Args), TypeString(ft, pkg), ft.NumOut())})
		}
		out := make([]reflect.Value, len(ret.Args))
		for i, a := range ret.Args {
			v, fault := s.decodeArg(a, ft.Out(i), pkg)
			if fault != "" {
				panic(CallbackPanic{fmt.Sprintf("mlkata: result %d of the grader's function: %s", i+1, fault)})
			}
			out[i] = v
		}
		return out
	})
}

// encodeArg encodes one argument of a callback; ok is false when it cannot travel.
func (s *server) encodeArg(v reflect.Value, pkg string) (Value, bool) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return Value{Type: TypeString(v.Type(), pkg), Nil: true}, true
		}
		v = v.Elem()
	}
	return encodeValue(v, pkg)
}

// exchange sends cb and reads the grader's answer: the next request must be its OpReturn.
func (s *server) exchange(cb *Callback) (Request, error) {
	msg := Reply{Nonce: s.nonce, Callback: cb}
	if err := WriteFrame(s.enc, s.bw, &msg, &cb.Args); err != nil {
		return Request{}, err
	}
	if err := s.bw.Flush(); err != nil {
		return Request{}, err
	}
	var ret Request
	if err := s.dec.Decode(&ret); err != nil {
		return Request{}, err
	}
	if err := ReadExt(s.br, ret.Args); err != nil {
		return Request{}, err
	}
	if ret.Op != OpReturn || ret.ID != cb.ID {
		return Request{}, fmt.Errorf("the grader sent operation %d for request %d while the driver waited for the answer to callback %d", ret.Op, ret.ID, cb.ID)
	}
	return ret, nil
}
