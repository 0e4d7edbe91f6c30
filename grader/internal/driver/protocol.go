package driver

// The grading protocol.
//
// The grader and the driver exchange gob-encoded messages over two pipes that are not the
// driver's stdout or stderr: the driver reads requests from file descriptor 3 and writes replies
// to file descriptor 4, so whatever the learner prints never corrupts the protocol.
//
//  1. The grader sends a Hello carrying a random nonce for this run. The nonce travels over the
//     pipe, never in argv or the environment.
//  2. The driver answers with a Ready: the nonce and, for every registered function, the
//     signature the learner actually wrote (FuncInfo).
//  3. The grader sends Requests, one at a time; the driver answers each with a Reply carrying
//     the nonce and the request's ID. A reply with another nonce, another ID, or bytes that are
//     not a Reply is a protocol error: the grader kills the driver and reports it.
//  4. The grader closes the request pipe; the driver exits with status 0.
//
// Argument and result values travel as individually gob-encoded blobs (Value.Gob), so each side
// decodes them into its own types: the driver into the learner's parameter types (gob matches
// struct fields by name), the grader into whatever the check asks for. Values that cannot or
// should not travel (pointers to the learner's structs, interfaces, fitted models) stay in the
// driver's handle table and cross the pipe as a handle number whose methods the grader can call.
//
// After each call, the driver writes SyncMarker to its stdout and to its stderr, so the grader
// can tell which output belongs to which call.
//
// Callbacks. A check may pass a function of its own as an argument (a fitted scaler the
// learner's pipeline must use, a test set whose reads are counted). It crosses the pipe as
// Value.Callback, a number; the driver gives the learner's code a function of the parameter's
// type (reflect.MakeFunc) that, when called, sends a Reply whose Callback field carries the
// number and the arguments, and waits for the grader's Request with Op OpReturn and the same
// Callback ID, whose Args are the results (functions among them become callbacks in turn) or
// whose Fault is a message the learner's code then panics with. The function runs in the
// grader, so what it records (which rows a Fit saw, how often the test set was read) cannot be
// forged by the learner's code. Callbacks are served only while a call is in progress; calls
// from several goroutines take turns. A callback cannot call the learner's code back.

// Op is the kind of a Request.
type Op int

// The operations a Request can ask for.
const (
	// OpCall calls the registered function Request.Func of exercise Request.Slug.
	OpCall Op = iota + 1
	// OpMethod calls method Request.Func on the value held by Request.Handle.
	OpMethod
	// OpRelease drops Request.Handle from the handle table.
	OpRelease
	// OpReturn answers the driver's Callback with ID Request.ID: Args are the grader
	// function's results, or Fault says why it could not be called.
	OpReturn
)

// SyncMarker is what the driver writes to stdout and stderr after every call. The grader strips
// it from the learner's output.
const SyncMarker = "\x00mlkata-sync\x00"

// NotImplemented is the stub signal: a learner function that panics with this exact string (or
// a string starting with NotImplemented + ":"), or returns an error whose message is that, has
// not been started. Exercise stubs are written as
//
//	func MSE(yTrue, yPred []float64) float64 {
//		panic("not implemented")
//	}
//
// The grader reports a check whose calls all hit the signal as not-started, with 0 points.
const NotImplemented = "not implemented"

// Hello is the grader's first message.
type Hello struct {
	Nonce [16]byte
}

// Ready is the driver's answer to Hello.
type Ready struct {
	Nonce [16]byte
	Funcs []FuncInfo
}

// FuncInfo describes one registered learner function as compiled.
type FuncInfo struct {
	Slug string
	Name string
	// Signature is the function's type without parameter names, as reflect prints it except
	// that named types of the learner's own package are left unqualified:
	// "func([]float64, []float64) float64", "func(*mat.Dense, []float64) (*Model, error)".
	Signature string
}

// Request is one call from the grader.
type Request struct {
	ID     uint64
	Op     Op
	Slug   string // OpCall: the exercise
	Func   string // OpCall: the function; OpMethod: the method
	Handle uint64 // OpMethod, OpRelease: the receiver
	Args   []Value
	// ReturnArgs asks the driver to send the arguments back after the call, as the learner's
	// code left them (to detect mutated inputs).
	ReturnArgs bool
	// Fault, in an OpReturn, is why the grader's function was not called or refused the call;
	// the learner's code panics with it.
	Fault string
}

// Callback is the driver's request to call a function the grader passed in (Value.Callback).
type Callback struct {
	ID   uint64 // numbers the callbacks of one driver process, from 1
	Func uint64 // the Value.Callback the function arrived as
	Args []Value
}

// Value is one argument or result.
type Value struct {
	// Type is the value's type as the sender sees it, e.g. "[]float64", "*mat.Dense".
	Type string
	// Nil is set for a nil pointer, slice, map or interface.
	Nil bool
	// The payload, in one of three forms (see value.go); all empty when the value cannot
	// travel. F64 holds a float64 slice as raw little-endian bytes, Bin the output of the
	// value's MarshalBinary, Gob the value encoded on its own by a fresh gob.Encoder.
	F64 []byte
	Bin []byte
	Gob []byte
	// EmptyF64 and EmptyBin mark an F64 or Bin payload of zero bytes (an empty slice, say),
	// which gob would otherwise deliver as no payload at all.
	EmptyF64, EmptyBin bool
	// Rows and Cols are set (both > 0) for a *mat.Dense sent as its row-major data in F64.
	Rows, Cols int
	// Ext is the length of a payload too large for the gob message: it follows the message
	// on the pipe as raw bytes (see WriteFrame); ExtBin says it is Bin rather than F64.
	Ext    int
	ExtBin bool
	// Handle, when not zero, names a value kept in the driver's handle table. In a request it
	// stands for that value; in a result it is set for values that have methods or cannot travel.
	Handle uint64
	// Callback, when not zero, names a function of the grader's (see Callback): in a request's
	// arguments or an OpReturn's results, the driver turns it into a function of the
	// parameter's type that calls the grader.
	Callback uint64
}

// Reply is the driver's answer to one Request.
type Reply struct {
	Nonce   [16]byte
	ID      uint64
	Results []Value
	Args    []Value // with Request.ReturnArgs
	// Err is the message of the error the learner's function returned as its last result;
	// HasErr says whether it returned a non-nil error.
	Err    string
	HasErr bool
	// NotImplemented is set when the function panicked or returned the stub signal.
	NotImplemented bool
	Panic          *Panic
	// Fault is a problem with the request itself, found before the learner's code ran: an
	// unknown function or method, an argument of the wrong type or count.
	Fault string
	// NoSync is set when the driver could not write SyncMarker (the learner closed stdout).
	NoSync bool
	// Callback, when set, makes this message not the answer to a request but a call of a
	// grader function during one; ID is 0.
	Callback *Callback
}

// Panic describes a panic in the learner's code.
type Panic struct {
	Value string // fmt.Sprint of the panic value
	// Location is the file:line of the innermost stack frame inside the learner's package
	// folder, with the file as the driver's binary records it; empty when none was found.
	Location string
}
