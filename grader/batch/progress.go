package batch

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress shows how far a batch is: a bar redrawn in place on a terminal, one line per
// submission elsewhere (a CI log, a file). The time left is the mean wall time per submission
// graded so far (skipped ones not counted) times the submissions left.
type progress struct {
	w   io.Writer
	tty bool
	now func() time.Time

	mu                              sync.Mutex
	start                           time.Time
	total, finished, graded, failed int
}

func newProgress(w io.Writer, now func() time.Time, total int) *progress {
	if w == nil {
		w = io.Discard
	}
	return &progress{w: w, tty: isTerminal(w), now: now, total: total, start: now()}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) begin(opt Options, s *Summary) {
	shard := ""
	if opt.Shard.N > 1 {
		shard = fmt.Sprintf(", %d in shard %s", s.InShard, opt.Shard)
	}
	fmt.Fprintf(p.w, "batch: %d submissions in %s%s; %d at a time, seed %d, hidden checks %t\n",
		s.Submissions, opt.Dir, shard, opt.Jobs, opt.Seed, opt.Hidden)
}

// done records a finished submission and shows it.
func (p *progress) done(name string, r *Result, skipped bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished++
	if !skipped {
		p.graded++
		if r.Status != Graded {
			p.failed++
		}
	}
	left := p.left()
	if p.tty {
		const width = 30
		filled := width * p.finished / max(p.total, 1)
		fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %d/%d %3d%%  %s  %s", strings.Repeat("█", filled), strings.Repeat("░", width-filled),
			p.finished, p.total, 100*p.finished/max(p.total, 1), left, name)
		return
	}
	fmt.Fprintf(p.w, "%d/%d %s: %s (%s)\n", p.finished, p.total, name, outcome(r, skipped), left)
}

// left estimates the time left.
func (p *progress) left() string {
	remaining := p.total - p.finished
	switch {
	case remaining == 0:
		return "done"
	case p.graded == 0:
		return "time left unknown"
	}
	per := p.now().Sub(p.start) / time.Duration(p.graded)
	return "about " + (per * time.Duration(remaining)).Round(time.Second).String() + " left"
}

func (p *progress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprintln(p.w)
	}
	fmt.Fprintf(p.w, "batch: %d of %d finished in %v (%d graded now, %d could not be graded, %d already graded)\n",
		p.finished, p.total, p.now().Sub(p.start).Round(time.Millisecond), p.graded, p.failed, p.finished-p.graded)
}

// outcome says in a few words how a submission did.
func outcome(r *Result, skipped bool) string {
	switch {
	case skipped:
		return "already graded"
	case r.Status != Graded:
		return r.Status.String() + ": " + firstLine(r.Message)
	}
	return fmt.Sprintf("%g/%g in %v", r.Report.Score, r.Report.MaxScore, (time.Duration(r.DurationMS) * time.Millisecond).Round(10*time.Millisecond))
}
