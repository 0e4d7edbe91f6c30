package driver

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"math"
	"reflect"

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
// A 100 000 × 50 *mat.Dense so costs one MarshalBinary, one copy through the pipe and one
// UnmarshalBinary, instead of a gob encoding of its marshalled bytes on top.

var (
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
	switch {
	case v.F64 != nil:
		return v.F64
	case v.Bin != nil:
		return v.Bin
	}
	return v.Gob
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
	case isFloats(t):
		out.F64 = floatBytes(v.Convert(float64SliceType).Interface().([]float64))
		if out.F64 == nil {
			out.F64 = []byte{}
		}
		return out, true
	case marshals(t):
		if b, err := marshal(v); err == nil {
			out.Bin = b
			if out.Bin == nil {
				out.Bin = []byte{}
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
	switch {
	case a.Nil:
		return reflect.Zero(pt), nil
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

func floatBytes(x []float64) []byte {
	b := make([]byte, 8*len(x))
	for i, f := range x {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(f))
	}
	return b
}

func bytesFloats(b []byte) []float64 {
	x := make([]float64, len(b)/8)
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return x
}

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
