// Package runner is the grader's side of the driver protocol: it starts the learner's driver
// binary in the sandbox, speaks the protocol of grader/internal/driver over two pipes, times
// every call out, captures what the learner prints per call, and turns every way the child can
// misbehave (exit, crash, limit, timeout, corrupted or forged replies) into a Failure.
//
// A Driver is used by one goroutine at a time. After a Failure it is dead: the caller starts a
// new one. Close (or Kill) always leaves no process behind.
package runner

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/mlkata/mlkata/grader/internal/driver"
	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

// Config says how to start a driver.
type Config struct {
	Binary string // the driver executable
	// Dir is the child's scratch folder (working directory, the only place it may write).
	Dir    string
	Limits sandbox.Limits
	Env    []string // the child's entire environment
	// OutputLimit is the number of bytes of learner output kept per call and stream; 0 means
	// 16 KiB.
	OutputLimit int
	// StartTimeout bounds the time until the driver is ready (package init included); 0 means
	// 10 s.
	StartTimeout time.Duration
}

// FailureKind says how a driver failed.
type FailureKind int

// The ways a driver can fail.
const (
	// Timeout: a call did not finish before its deadline.
	Timeout FailureKind = iota + 1
	// Exited: the child ended during a call or before it was ready (os.Exit, a crash, a limit).
	Exited
	// Protocol: the child sent something that is not a valid reply for this run.
	Protocol
	// NotStarted: the child could not be started at all.
	NotStarted
)

var kindNames = [...]string{Timeout: "timeout", Exited: "exited", Protocol: "protocol", NotStarted: "not-started"}

// String returns "timeout", "exited", "protocol" or "not-started".
func (k FailureKind) String() string {
	if k <= 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("FailureKind(%d)", int(k))
	}
	return kindNames[k]
}

// Failure is a driver that stopped serving. The driver has been killed.
type Failure struct {
	Kind FailureKind
	// Reason says why in a learner's words, without the call: "the process exited with status 0".
	Reason string
	// Exit is the sandbox's account of how the process ended, when it has ended.
	Exit error
	// Stdout and Stderr hold what the child printed since the last completed call.
	Stdout, Stderr string
}

func (f *Failure) Error() string { return f.Kind.String() + ": " + f.Reason }

// Outcome is a completed call.
type Outcome struct {
	Reply          driver.Reply
	Stdout, Stderr string
}

// Driver is one running driver process.
type Driver struct {
	cfg    Config
	proc   *sandbox.Process
	reqW   *os.File
	enc    *gob.Encoder
	nonce  [16]byte
	funcs  []driver.FuncInfo
	nextID uint64
	lastCB uint64 // the ID of the driver's last callback: they are numbered from 1

	replies        chan readResult
	exited         chan struct{}
	dead           chan struct{} // closed by Kill
	waitErr        error
	stdout, stderr *capture
	failure        *Failure
	killOnce       sync.Once
}

type readResult struct {
	reply driver.Reply
	err   error
}

// Start starts the driver and waits for it to be ready. The returned error is a *Failure when
// the child started but did not become ready.
func Start(ctx context.Context, cfg Config) (*Driver, error) {
	if cfg.OutputLimit == 0 {
		cfg.OutputLimit = 16 << 10
	}
	if cfg.StartTimeout == 0 {
		cfg.StartTimeout = 10 * time.Second
	}
	d := &Driver{
		cfg:     cfg,
		replies: make(chan readResult, 1),
		exited:  make(chan struct{}),
		dead:    make(chan struct{}),
		stdout:  newCapture(cfg.OutputLimit),
		stderr:  newCapture(cfg.OutputLimit),
	}
	if _, err := rand.Read(d.nonce[:]); err != nil {
		return nil, fmt.Errorf("runner: nonce: %w", err)
	}
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("runner: %w", err)
	}
	repR, repW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, fmt.Errorf("runner: %w", err)
	}
	proc, err := sandbox.Start(sandbox.Config{
		Limits:     cfg.Limits,
		Dir:        cfg.Dir,
		Env:        cfg.Env,
		Stdout:     d.stdout,
		Stderr:     d.stderr,
		ExtraFiles: []*os.File{reqR, repW},
	}, cfg.Binary)
	reqR.Close()
	repW.Close()
	if err != nil {
		reqW.Close()
		repR.Close()
		return nil, &Failure{Kind: NotStarted, Reason: fmt.Sprintf("the driver could not be started: %v", err)}
	}
	d.proc, d.reqW, d.enc = proc, reqW, gob.NewEncoder(reqW)
	go func() {
		d.waitErr = proc.Wait()
		close(d.exited)
	}()

	ready := make(chan readyResult, 1)
	go d.read(repR, ready)

	ctx, cancel := context.WithTimeout(ctx, cfg.StartTimeout)
	defer cancel()
	if dl, ok := ctx.Deadline(); ok {
		_ = reqW.SetWriteDeadline(dl)
	}
	if err := d.enc.Encode(driver.Hello{Nonce: d.nonce}); err != nil {
		return nil, d.writeFailure(err, "before it was ready")
	}
	select {
	case r := <-ready:
		if r.err != nil {
			return nil, d.readFailure(r.err, "before it was ready")
		}
		d.funcs = r.ready.Funcs
	case <-ctx.Done():
		return nil, d.fail(Timeout, fmt.Sprintf("the driver was not ready within %v (a package init function that never returns?)", cfg.StartTimeout), nil)
	}
	d.stdout.next(time.Second) // what package init printed
	d.stderr.next(time.Second)
	return d, nil
}

type readyResult struct {
	ready driver.Ready
	err   error
}

// errForged is a reply that does not carry this run's nonce.
var errForged = errors.New("a reply without this run's nonce")

// read decodes the Ready message, then replies, until the pipe fails.
func (d *Driver) read(r *os.File, ready chan<- readyResult) {
	defer r.Close()
	br := bufio.NewReader(r)
	dec := gob.NewDecoder(br)
	var hello driver.Ready
	err := dec.Decode(&hello)
	if err == nil && hello.Nonce != d.nonce {
		err = errForged
	}
	ready <- readyResult{ready: hello, err: err}
	if err != nil {
		return
	}
	for {
		var rep driver.Reply
		err := dec.Decode(&rep)
		if err == nil && rep.Nonce != d.nonce {
			err = errForged
		}
		if err == nil {
			err = driver.ReadExt(br, rep.Results, rep.Args)
		}
		if err == nil && rep.Callback != nil {
			err = driver.ReadExt(br, rep.Callback.Args)
		}
		select {
		case d.replies <- readResult{reply: rep, err: err}:
		case <-d.dead:
			return
		}
		if err != nil {
			return
		}
	}
}

// Funcs returns the functions the driver registered, with their compiled signatures.
func (d *Driver) Funcs() []driver.FuncInfo { return d.funcs }

// Level returns the sandbox level the driver runs at, e.g. "landlock+userns+netns+pidns+rlimits".
func (d *Driver) Level() string { return d.proc.Level().String() }

// CallbackFunc answers a callback the driver makes during a call (see driver.Callback): it
// returns the OpReturn request to send back (its Op and ID are set by the caller).
type CallbackFunc func(driver.Callback) driver.Request

// Call sends req (its ID is set here) and waits for the reply until ctx is done, answering the
// callbacks the learner's code makes meanwhile with callback (nil: a callback is a protocol
// error). Any error is a *Failure, after which the driver is dead.
func (d *Driver) Call(ctx context.Context, req driver.Request, callback CallbackFunc) (*Outcome, error) {
	if d.failure != nil {
		return nil, d.failure
	}
	d.nextID++
	req.ID = d.nextID
	if dl, ok := ctx.Deadline(); ok {
		_ = d.reqW.SetWriteDeadline(dl)
	} else {
		_ = d.reqW.SetWriteDeadline(time.Time{})
	}
	if err := d.send(ctx, &req); err != nil {
		return nil, err
	}
	for {
		select {
		case r := <-d.replies:
			if r.err != nil {
				return nil, d.readFailure(r.err, "during the call")
			}
			if cb := r.reply.Callback; cb != nil {
				if callback == nil || cb.ID != d.lastCB+1 || r.reply.ID != 0 {
					return nil, d.fail(Protocol, "the driver made a callback the grader did not expect: its messages were tampered with (does your code write to the grader's pipes?)", nil)
				}
				d.lastCB = cb.ID
				ret := callback(*cb)
				ret.Op, ret.ID = driver.OpReturn, cb.ID
				if err := d.send(ctx, &ret); err != nil {
					return nil, err
				}
				continue
			}
			if r.reply.ID != req.ID {
				return nil, d.fail(Protocol, fmt.Sprintf("the driver answered request %d to request %d: its replies were tampered with (does your code write to the grader's pipes?)", r.reply.ID, req.ID), nil)
			}
			// Without a sync marker (the learner closed its output), stdout's segment ends when
			// the stream does: the capture sees its end, so the wait is short. Stderr reaches the
			// capture through the sandbox's out-of-memory detector, which hides the end, so it
			// takes what has arrived.
			outWait, errWait := time.Second, time.Second
			if r.reply.NoSync {
				errWait = 0
			}
			out := &Outcome{Reply: r.reply, Stdout: d.stdout.next(outWait).String(), Stderr: d.stderr.next(errWait).String()}
			return out, nil
		case <-ctx.Done():
			return nil, d.fail(Timeout, "the call did not finish in time", nil)
		}
	}
}

// send writes one request to the driver.
func (d *Driver) send(ctx context.Context, req *driver.Request) error {
	if err := driver.WriteFrame(d.enc, d.reqW, req, &req.Args); err != nil {
		if ctx.Err() != nil || errors.Is(err, os.ErrDeadlineExceeded) {
			return d.fail(Timeout, "the call did not finish in time", nil)
		}
		return d.writeFailure(err, "during the call")
	}
	return nil
}

// writeFailure explains a failed write of a request: the child is gone or stopped reading.
func (d *Driver) writeFailure(err error, when string) *Failure {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return d.fail(Timeout, "the driver stopped reading requests "+when, nil)
	}
	return d.exitFailure(when)
}

// readFailure explains a failed read of a reply.
func (d *Driver) readFailure(err error, when string) *Failure {
	if errors.Is(err, errForged) {
		return d.fail(Protocol, "the driver sent a reply without this run's secret "+when+": does your code write to the grader's pipes (file descriptors 3 and 4)?", nil)
	}
	if isEOF(err) {
		return d.exitFailure(when)
	}
	// Bytes that are not a reply: the learner wrote to the reply pipe. (A child that died
	// mid-message gives io.ErrUnexpectedEOF above.)
	return d.fail(Protocol, "the driver's replies were corrupted "+when+": does your code write to the grader's pipes (file descriptors 3 and 4)?", nil)
}

// exitFailure waits briefly for the child's exit status and explains it.
func (d *Driver) exitFailure(when string) *Failure {
	select {
	case <-d.exited:
		return d.fail(Exited, exitReason(d.waitErr), d.waitErr)
	case <-time.After(2 * time.Second):
		return d.fail(Protocol, "the driver closed its reply pipe "+when+" but kept running", nil)
	}
}

func isEOF(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, os.ErrClosed)
}

// fail kills the driver, collects what it printed and records the failure.
func (d *Driver) fail(kind FailureKind, reason string, exit error) *Failure {
	d.Kill()
	f := &Failure{Kind: kind, Reason: reason, Exit: exit}
	f.Stdout = d.stdout.rest().String()
	f.Stderr = d.stderr.rest().String()
	d.failure = f
	return f
}

// Kill kills the driver and everything it started, and waits for it to be gone. It is safe to
// call more than once.
func (d *Driver) Kill() {
	if d.proc == nil {
		return
	}
	d.proc.Kill()
	<-d.exited
	d.killOnce.Do(func() {
		close(d.dead)
		d.reqW.Close()
	})
}

// Close hangs up: the driver exits on its own when it reads end of file. Whatever is still
// running after a short grace period is killed. Close always leaves no process behind.
func (d *Driver) Close() error {
	if d.proc == nil {
		return nil
	}
	d.reqW.Close()
	select {
	case <-d.exited:
	case <-time.After(time.Second):
	}
	d.Kill()
	return nil
}
