package driver

import (
	"bytes"
	"encoding/gob"
	"io"
	"testing"
	"time"
)

// FuzzServe feeds Serve arbitrary bytes as the request stream: it must end (status 0 or 2)
// without panicking, whatever the bytes, as the grader's side must when a learner corrupts
// the pipes.
func FuzzServe(f *testing.F) {
	var valid bytes.Buffer
	enc := gob.NewEncoder(&valid)
	_ = enc.Encode(Hello{Nonce: [16]byte{9}})
	args := []Value{{F64: floatBytes([]float64{1, 2})}}
	_ = enc.Encode(Request{ID: 1, Op: OpCall, Slug: "ex", Func: "Sum", Args: args})
	f.Add(valid.Bytes())
	f.Add([]byte{})
	f.Add([]byte("\x07garbage that is not a gob message\x00\xff\xff"))
	f.Fuzz(func(t *testing.T, in []byte) {
		done := make(chan int, 1)
		go func() { done <- Serve(registry, bytes.NewReader(in), io.Discard, io.Discard, io.Discard) }()
		select {
		case code := <-done:
			if code != 0 && code != 2 {
				t.Fatalf("exit status %d", code)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Serve did not end on a finite input")
		}
	})
}

// FuzzReadExt checks that reading payloads never panics and never reads more than announced.
func FuzzReadExt(f *testing.F) {
	f.Add(8, false, []byte("12345678tail"))
	f.Add(3, true, []byte("ab"))
	f.Add(-1, false, []byte{})
	f.Fuzz(func(t *testing.T, n int, bin bool, data []byte) {
		if n > 1<<20 {
			n = 1 << 20
		}
		vs := []Value{{Ext: n, ExtBin: bin}}
		r := bytes.NewReader(data)
		err := ReadExt(r, vs)
		if n > 0 && n <= len(data) {
			if err != nil {
				t.Fatal(err)
			}
			if got := vs[0].Payload(); !bytes.Equal(got, data[:n]) {
				t.Fatalf("payload %q, want %q", got, data[:n])
			}
			if r.Len() != len(data)-n {
				t.Fatalf("read %d bytes, want %d", len(data)-r.Len(), n)
			}
		}
	})
}
