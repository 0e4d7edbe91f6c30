package runner

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/mlkata/mlkata/grader/internal/driver"
)

func TestCaptureSplitsAtMarkers(t *testing.T) {
	c := newCapture(1 << 10)
	m := driver.SyncMarker
	// A marker split across writes, a lone NUL, and a prefix of the marker that is not one.
	for _, w := range []string{"init\n", m[:3], m[3:], "call \x00one", m[:5] + "x", m + "two" + m} {
		c.Write([]byte(w))
	}
	assert.Equal(t, "init\n", c.next(0).String())
	assert.Equal(t, "call \x00one"+m[:5]+"x", c.next(0).String())
	assert.Equal(t, "two", c.next(0).String())
	assert.Equal(t, "", c.next(0).String(), "nothing pending")
}

func TestCaptureCapsEachSegment(t *testing.T) {
	c := newCapture(10)
	c.Write([]byte(strings.Repeat("a", 25) + driver.SyncMarker + "bb"))
	s := c.next(0)
	assert.Equal(t, strings.Repeat("a", 10), string(s.text))
	assert.Equal(t, int64(15), s.dropped)
	assert.Equal(t, "aaaaaaaaaa\n… (15 more bytes not shown)", s.String())
	assert.Equal(t, "bb", c.rest().String())
}

func TestCaptureNextWaitsForTheMarker(t *testing.T) {
	c := newCapture(100)
	go func() {
		time.Sleep(20 * time.Millisecond)
		c.Write([]byte("late" + driver.SyncMarker))
	}()
	assert.Equal(t, "late", c.next(5*time.Second).String())
}

func TestFailureKindString(t *testing.T) {
	assert.Equal(t, "timeout", Timeout.String())
	assert.Equal(t, "protocol", Protocol.String())
	assert.Equal(t, "FailureKind(9)", FailureKind(9).String())
}

// FuzzCapture writes arbitrary output in arbitrary chunks: the segments and what is left,
// joined with markers, must give back exactly what was written.
func FuzzCapture(f *testing.F) {
	f.Add([]byte("init\n"+driver.SyncMarker+"out"+driver.SyncMarker), uint8(3))
	f.Add([]byte("\x00\x00mlkata-sync\x00\x00"), uint8(1))
	f.Add([]byte("\x00mlkata-syn"), uint8(7))
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		c := newCapture(1 << 20)
		step := int(chunk%16) + 1
		for i := 0; i < len(data); i += step {
			c.Write(data[i:min(i+step, len(data))])
		}
		var parts []string
		for range maxQueued + 1 {
			c.mu.Lock()
			n := len(c.segments)
			c.mu.Unlock()
			if n == 0 {
				break
			}
			parts = append(parts, string(c.next(0).text))
		}
		// What is still pending (a partial marker included) comes last.
		c.mu.Lock()
		pending := string(c.cur) + driver.SyncMarker[:c.match]
		c.mu.Unlock()
		got := strings.Join(append(parts, pending), driver.SyncMarker)
		if strings.Count(string(data), driver.SyncMarker) < maxQueued && got != string(data) {
			t.Fatalf("got %q, want %q", got, data)
		}
	})
}

// TestCaptureStreamEnd: when the learner closes its output without a marker, next returns what
// was printed as soon as the stream ends, however late the copy runs, instead of guessing with
// a timer. (Without the end of stream, next would wait its full hour.)
func TestCaptureStreamEnd(t *testing.T) {
	c := newCapture(1 << 10)
	pr, pw := io.Pipe()
	go func() {
		time.Sleep(50 * time.Millisecond) // a slow copy, as on a loaded machine
		pw.Write([]byte("closing\n"))
		pw.Close()
	}()
	go io.Copy(c, pr)
	got := make(chan string)
	go func() { got <- c.next(time.Hour).String() }()
	select {
	case s := <-got:
		assert.Equal(t, "closing\n", s)
	case <-time.After(time.Minute):
		t.Fatal("next kept waiting after the stream ended")
	}
	assert.Equal(t, "", c.next(time.Hour).String(), "after the end, nothing more comes, at once")
}
