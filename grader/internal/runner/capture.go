package runner

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/mlkata/mlkata/grader/internal/driver"
)

// capture collects one output stream of the driver (stdout or stderr) and cuts it into
// segments at every driver.SyncMarker, so each call gets exactly what was printed during it.
// It keeps at most limit bytes of a segment and counts the rest; it never blocks the writer,
// so a learner printing without end costs the grader no memory.
type capture struct {
	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever a segment completes
	limit    int
	cur      []byte
	dropped  int64
	match    int // bytes of the marker matched at the end of what was written so far
	segments []segment
	eof      bool // the stream ended: the child closed it or exited
}

// segment is one call's output.
type segment struct {
	text    []byte
	dropped int64 // bytes printed beyond the limit
}

// maxQueued bounds the completed segments kept; a learner printing fake markers can only lose
// their own output.
const maxQueued = 64

func newCapture(limit int) *capture {
	return &capture{limit: limit, changed: make(chan struct{})}
}

// Write implements io.Writer. It never fails.
func (c *capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	const marker = driver.SyncMarker
	n := len(p)
	for len(p) > 0 {
		if c.match > 0 {
			if p[0] == marker[c.match] {
				c.match++
				p = p[1:]
				if c.match == len(marker) {
					c.match = 0
					c.cut()
				}
				continue
			}
			// Not the marker after all: what looked like its start is output. Look at p[0]
			// again from scratch.
			c.add([]byte(marker[:c.match]))
			c.match = 0
			continue
		}
		i := bytes.IndexByte(p, marker[0])
		if i < 0 {
			c.add(p)
			break
		}
		c.add(p[:i])
		c.match = 1
		p = p[i+1:]
	}
	return n, nil
}

// ReadFrom copies r into the capture until r ends, then marks the stream ended, so that a
// reader waiting in next learns at once that nothing more will come. (os/exec's copying
// goroutine uses it through io.Copy.)
func (c *capture) ReadFrom(r io.Reader) (int64, error) {
	buf := make([]byte, 32<<10)
	var n int64
	for {
		k, err := r.Read(buf)
		if k > 0 {
			c.Write(buf[:k])
			n += int64(k)
		}
		if err != nil {
			c.mu.Lock()
			c.eof = true
			close(c.changed)
			c.changed = make(chan struct{})
			c.mu.Unlock()
			if err == io.EOF {
				err = nil
			}
			return n, err
		}
	}
}

func (c *capture) add(bs []byte) {
	room := c.limit - len(c.cur)
	if room >= len(bs) {
		c.cur = append(c.cur, bs...)
		return
	}
	if room > 0 {
		c.cur = append(c.cur, bs[:room]...)
		bs = bs[room:]
	}
	c.dropped += int64(len(bs))
}

// cut completes the current segment. The caller holds c.mu.
func (c *capture) cut() {
	if len(c.segments) < maxQueued {
		c.segments = append(c.segments, segment{text: c.cur, dropped: c.dropped})
	}
	c.cur, c.dropped = nil, 0
	close(c.changed)
	c.changed = make(chan struct{})
}

// next returns the oldest completed segment, waiting up to wait for one. When none completes
// in time, or the stream has ended, it returns what was written since the last marker (the
// driver died, or the learner closed the stream).
func (c *capture) next(wait time.Duration) segment {
	deadline := time.Now().Add(wait)
	for {
		c.mu.Lock()
		if len(c.segments) > 0 {
			s := c.segments[0]
			c.segments = c.segments[1:]
			c.mu.Unlock()
			return s
		}
		ch := c.changed
		left := time.Until(deadline)
		if left <= 0 || c.eof {
			s := segment{text: c.cur, dropped: c.dropped}
			c.cur, c.dropped = nil, 0
			c.mu.Unlock()
			return s
		}
		c.mu.Unlock()
		select {
		case <-ch:
		case <-time.After(left):
		}
	}
}

// rest returns everything not yet taken, in order, and empties the capture.
func (c *capture) rest() segment {
	c.mu.Lock()
	defer c.mu.Unlock()
	var s segment
	for _, q := range c.segments {
		s.text = append(s.text, q.text...)
		s.dropped += q.dropped
	}
	s.text = append(s.text, c.cur...)
	s.dropped += c.dropped
	c.segments, c.cur, c.dropped = nil, nil, 0
	if len(s.text) > c.limit {
		s.dropped += int64(len(s.text) - c.limit)
		s.text = s.text[:c.limit]
	}
	return s
}

// String returns the segment as text, with a note of what was cut.
func (s segment) String() string {
	if s.dropped == 0 {
		return string(s.text)
	}
	return fmt.Sprintf("%s\n… (%d more bytes not shown)", s.text, s.dropped)
}
