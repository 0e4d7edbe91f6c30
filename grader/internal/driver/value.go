package driver

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"unsafe"

	"gonum.org/v1/gonum/mat"
)

// A Value carries its payload in one of three forms, chosen by the value's type:
//
//   - F64: a float64 slice as raw little-endian bytes (8 per element), the fastest form for
//     the most common data;
//   - Bin: the output of the value's MarshalBinary (*mat.Dense, *mat.VecDense...), decoded
//     with UnmarshalBinary;
//   - Gob: anything else that can travel (see travels), encoded by its own gob.Encoder.
//
// A *mat.Dense travels as its shape (Rows, Cols) and its row-major data in F64. Payloads of
// 32 KiB and more follow the gob message as raw bytes (WriteFrame, ReadExt): a 100 000 × 50
// matrix so crosses the pipe as its own memory, with one copy on each side.

var (
	denseType             = reflect.TypeFor[*mat.Dense]()
	float64SliceType      = reflect.TypeFor[[]float64]()
	binaryMarshalerType   = reflect.TypeFor[encoding.BinaryMarshaler]()
	binaryUnmarshalerType = reflect.TypeFor[encoding.BinaryUnmarshaler]()
	gobEncoderType        = reflect.TypeFor[gob.GobEncoder]()
	errorType             = reflect.TypeFor[error]()
)

// Encode turns x into a Value. It is the grader's side of argument passing; it returns an
// error for values that cannot travel.
func Encode(x any) (Value, error) {
	if x == nil {
		return Value{Nil: true}, nil
	}
	v := reflect.ValueOf(x)
	out, ok := encodeValue(v, "")
	if !ok {
		return Value{}, fmt.Errorf("a %T cannot be sent to the learner's code", x)
	}
	return out, nil
}

// Decode decodes v into the value ptr points to. It is the grader's side of reading results.
func Decode(v Value, ptr any) error {
	pv := reflect.ValueOf(ptr)
	if pv.Kind() != reflect.Pointer || pv.IsNil() {
		return fmt.Errorf("driver.Decode: need a non-nil pointer, got %T", ptr)
	}
	x, err := decodeValue(v, pv.Type().Elem())
	if err != nil {
		return err
	}
	pv.Elem().Set(x)
	return nil
}

// Payload returns the bytes that carry v's value, whichever form it is in, for comparisons.
func (v Value) Payload() []byte {
	v = v.restored()
	switch {
	case v.F64 != nil:
		return v.F64
	case v.Bin != nil:
		return v.Bin
	}
	return v.Gob
}

// restored gives back the empty payload that EmptyF64 or EmptyBin stands for.
func (v Value) restored() Value {
	if v.EmptyF64 && v.F64 == nil {
		v.F64 = []byte{}
	}
	if v.EmptyBin && v.Bin == nil {
		v.Bin = []byte{}
	}
	return v
}

func isFloats(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Float64 && t.ConvertibleTo(float64SliceType)
}

// marshals reports whether values of t can travel in the Bin form.
func marshals(t reflect.Type) bool {
	if !t.Implements(binaryMarshalerType) {
		return false
	}
	if t.Kind() == reflect.Pointer {
		return t.Implements(binaryUnmarshalerType)
	}
	return reflect.PointerTo(t).Implements(binaryUnmarshalerType)
}

// encodeValue encodes v (not an interface, not nil) in the best form for its type; ok is
// false when v cannot travel. pkg names the learner's package for Value.Type.
func encodeValue(v reflect.Value, pkg string) (out Value, ok bool) {
	t := v.Type()
	out.Type = TypeString(t, pkg)
	if isNilable(v) && v.IsNil() {
		out.Nil = true
		return out, true
	}
	switch {
	case t == denseType:
		if m := v.Interface().(*mat.Dense); !m.IsEmpty() {
			r, c := m.Dims()
			raw := m.RawMatrix()
			data := raw.Data[:r*c]
			if raw.Stride != c {
				data = make([]float64, 0, r*c)
				for i := range r {
					data = append(data, raw.Data[i*raw.Stride:i*raw.Stride+c]...)
				}
			}
			out.Rows, out.Cols, out.F64 = r, c, floatBytes(data)
			return out, true
		}
	case isFloats(t):
		out.F64 = floatBytes(v.Convert(float64SliceType).Interface().([]float64))
		if len(out.F64) == 0 {
			out.F64, out.EmptyF64 = []byte{}, true
		}
		return out, true
	case marshals(t):
		if b, err := marshal(v); err == nil {
			out.Bin = b
			if len(out.Bin) == 0 {
				out.Bin, out.EmptyBin = []byte{}, true
			}
			return out, true
		}
	}
	if travels(t) {
		out.Gob = gobEncode(v)
	}
	return out, out.Gob != nil
}

func marshal(v reflect.Value) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("MarshalBinary panicked: %v", r)
		}
	}()
	return v.Interface().(encoding.BinaryMarshaler).MarshalBinary()
}

// decodeValue decodes a into a new value of type pt.
func decodeValue(a Value, pt reflect.Type) (reflect.Value, error) {
	a = a.restored()
	switch {
	case a.Nil:
		return reflect.Zero(pt), nil
	case a.Rows > 0 && a.Cols > 0:
		if a.Rows > len(a.F64)/8 || a.Cols > len(a.F64)/8 || len(a.F64) != 8*a.Rows*a.Cols {
			return reflect.Value{}, fmt.Errorf("a %d×%d matrix with %d bytes of data", a.Rows, a.Cols, len(a.F64))
		}
		d := reflect.ValueOf(mat.NewDense(a.Rows, a.Cols, bytesFloats(a.F64)))
		switch {
		case pt == denseType, pt.Kind() == reflect.Interface && denseType.Implements(pt):
			return d, nil
		case pt == denseType.Elem():
			return d.Elem(), nil
		}
		return reflect.Value{}, fmt.Errorf("a *mat.Dense cannot be decoded as %s", pt)
	case a.F64 != nil:
		if pt.Kind() == reflect.Slice && float64SliceType.ConvertibleTo(pt) {
			return reflect.ValueOf(bytesFloats(a.F64)).Convert(pt), nil
		}
		if pt.Kind() == reflect.Interface && float64SliceType.Implements(pt) {
			return reflect.ValueOf(bytesFloats(a.F64)), nil
		}
		return reflect.Value{}, fmt.Errorf("a []float64 cannot be decoded as %s", pt)
	case a.Bin != nil:
		return unmarshal(a, pt)
	}
	p := reflect.New(pt)
	if err := gob.NewDecoder(bytes.NewReader(a.Gob)).DecodeValue(p); err != nil {
		return reflect.Value{}, err
	}
	return p.Elem(), nil
}

// unmarshal decodes a Bin payload into pt: a pointer type or a value type whose pointer
// unmarshals, or an interface that *mat.Dense or *mat.VecDense (as a.Type says) satisfies.
func unmarshal(a Value, pt reflect.Type) (reflect.Value, error) {
	var p reflect.Value
	switch {
	case pt.Kind() == reflect.Pointer && pt.Implements(binaryUnmarshalerType):
		p = reflect.New(pt.Elem())
	case pt.Kind() != reflect.Interface && reflect.PointerTo(pt).Implements(binaryUnmarshalerType):
		p = reflect.New(pt)
	case pt.Kind() == reflect.Interface:
		var x any
		switch a.Type {
		case "*mat.Dense":
			x = new(mat.Dense)
		case "*mat.VecDense":
			x = new(mat.VecDense)
		default:
			return reflect.Value{}, fmt.Errorf("a %s cannot be decoded as %s", a.Type, pt)
		}
		p = reflect.ValueOf(x)
		if !p.Type().Implements(pt) {
			return reflect.Value{}, fmt.Errorf("a %s is not a %s", a.Type, pt)
		}
		if err := x.(encoding.BinaryUnmarshaler).UnmarshalBinary(a.Bin); err != nil {
			return reflect.Value{}, err
		}
		return p, nil
	default:
		return reflect.Value{}, fmt.Errorf("a %s cannot be decoded as %s", a.Type, pt)
	}
	if err := p.Interface().(encoding.BinaryUnmarshaler).UnmarshalBinary(a.Bin); err != nil {
		return reflect.Value{}, err
	}
	if pt.Kind() == reflect.Pointer {
		return p, nil
	}
	return p.Elem(), nil
}

// littleEndian reports whether this machine stores a float64 as its little-endian bytes, so
// that float64 slices can be sent as their memory without conversion.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// floatBytes returns x as little-endian bytes. On little-endian machines the result shares
// x's memory: it is for sending at once, not for keeping.
func floatBytes(x []float64) []byte {
	if littleEndian {
		return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(x))), 8*len(x))
	}
	b := make([]byte, 8*len(x))
	for i, f := range x {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(f))
	}
	return b
}

// bytesFloats returns a new float64 slice holding the little-endian floats of b.
func bytesFloats(b []byte) []float64 {
	x := make([]float64, len(b)/8)
	if littleEndian {
		copy(floatBytes(x), b)
		return x
	}
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return x
}

// extThreshold is the payload size from which a Value's payload travels after the gob message
// instead of inside it, saving gob's copies of large matrices and vectors.
const extThreshold = 32 << 10

// WriteFrame writes *msg (a pointer to a Request or Reply) with gob, followed by the large
// payloads of vals, which must point into *msg: it moves them out of the message for the
// encoding (see Value.Ext) and puts them back before it returns.
func WriteFrame(enc *gob.Encoder, w io.Writer, msg any, vals ...*[]Value) error {
	var ext [][]byte
	for _, vs := range vals {
		if !hasExt(*vs) {
			continue
		}
		c := slices.Clone(*vs)
		for i := range c {
			switch {
			case len(c[i].F64) >= extThreshold:
				ext = append(ext, c[i].F64)
				c[i].Ext, c[i].F64 = len(c[i].F64), nil
			case len(c[i].Bin) >= extThreshold:
				ext = append(ext, c[i].Bin)
				c[i].Ext, c[i].ExtBin, c[i].Bin = len(c[i].Bin), true, nil
			}
		}
		orig := *vs
		*vs = c
		defer func() { *vs = orig }()
	}
	if err := enc.Encode(msg); err != nil {
		return err
	}
	for _, b := range ext {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func hasExt(vs []Value) bool {
	return slices.ContainsFunc(vs, func(v Value) bool { return len(v.F64) >= extThreshold || len(v.Bin) >= extThreshold })
}

// ReadExt reads the payloads that follow a decoded message into its values, in order.
func ReadExt(r io.Reader, vals ...[]Value) error {
	for _, vs := range vals {
		for i := range vs {
			v := &vs[i]
			if v.Ext <= 0 {
				continue
			}
			if v.Ext > maxExt {
				return fmt.Errorf("a payload of %d bytes is larger than the limit of %d", v.Ext, maxExt)
			}
			b := make([]byte, v.Ext)
			if _, err := io.ReadFull(r, b); err != nil {
				return err
			}
			if v.ExtBin {
				v.Bin = b
			} else {
				v.F64 = b
			}
			v.Ext, v.ExtBin = 0, false
		}
	}
	return nil
}

// maxExt bounds one payload (1 GiB), so that a corrupted length cannot make the reader
// allocate without bound.
const maxExt = 1 << 30

func gobEncode(v reflect.Value) (b []byte) {
	defer func() {
		if recover() != nil {
			b = nil
		}
	}()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).EncodeValue(v); err != nil {
		return nil
	}
	return buf.Bytes()
}

func isNilable(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan:
		return true
	}
	return false
}
