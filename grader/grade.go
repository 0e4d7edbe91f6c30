package grader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mlkata/mlkata/grader/internal/build"
	"github.com/mlkata/mlkata/grader/internal/driver"
	"github.com/mlkata/mlkata/grader/internal/runner"
	"github.com/mlkata/mlkata/grader/internal/sandbox"
	"github.com/mlkata/mlkata/grader/report"
)

// Tool is the name and version written into reports.
const Tool = "mlkata 0.1.0"

// DefaultSeed is the seed of local runs; CI passes its own.
const DefaultSeed = 42

// Timeouts bound the wall-clock time of the learner's code.
type Timeouts struct {
	// Call bounds one call of a learner function; 0 means 10 s.
	Call time.Duration
	// Exercise bounds all the checks of one exercise; 0 means 60 s.
	Exercise time.Duration
	// Start bounds the driver's start-up, package init functions included; 0 means 10 s.
	Start time.Duration
}

func (t Timeouts) or(d Timeouts) Timeouts {
	if t.Call == 0 {
		t.Call = d.Call
	}
	if t.Exercise == 0 {
		t.Exercise = d.Exercise
	}
	if t.Start == 0 {
		t.Start = d.Start
	}
	return t
}

// Limits are the resource limits of the driver process: CPU time, memory (the data segment),
// the largest file it may write, processes and open files. See grader/internal/sandbox.
type Limits = sandbox.Limits

// DefaultLimits returns the resource limits of the driver process when Options.Limits is zero:
// 2 minutes of CPU time per driver process (each exercise starts a fresh one, and so does the
// check after a crash), 1 GiB of memory, files up to 64 MiB, 512 processes and threads, 256
// open files.
func DefaultLimits() Limits {
	return Limits{
		CPU:       2 * time.Minute,
		Memory:    1 << 30,
		FileSize:  64 << 20,
		Processes: 512,
		OpenFiles: 256,
	}
}

// Options configures Grade.
type Options struct {
	// Workspace is the folder of the learner's Go module (holding go.mod).
	Workspace string
	// Exercises is the course, in order (usually exercises.All()).
	Exercises []*Exercise
	// Only restricts grading to these slugs; empty grades every exercise.
	Only []string
	// Seed seeds every check's random inputs; 0 means DefaultSeed.
	Seed uint64
	// Hidden also runs the hidden checks (CI).
	Hidden bool
	// RevealHidden keeps the details of hidden checks in the report: their messages, expected
	// and actual values, the learner's output, their plots. Without it they are removed
	// (report.HideHiddenDetails), so that no output a learner may see holds hidden inputs or
	// results. For instructors, and for platforms that hide such results themselves.
	RevealHidden bool
	Timeouts     Timeouts
	// Limits are the driver's resource limits; the zero value means DefaultLimits.
	Limits Limits
	// Sources maps a slug to an absolute folder whose files replace the learner's package for
	// this run (a reference solution or a mistake variant).
	Sources map[string]string
	// CacheDir holds build products; "" means <Workspace>/.grade/build.
	CacheDir string
	// Now returns the current time, for durations; nil means time.Now.
	Now func() time.Time
	// NoPlots skips drawing the checks' plots, for runs whose plots no one looks at.
	NoPlots bool
	// Parallel is how many exercises are graded at once, each by its own driver process;
	// 0 or 1 grades them one after the other.
	Parallel int
	// ResultCache is a folder where each exercise's result is kept under a hash of its code,
	// the grader and these options; an exercise whose key is there is not graded again (see
	// resultcache.go). "" grades every exercise. For a learner's own runs only: the cache
	// comes from the workspace, so runs whose score counts must not use it.
	ResultCache string
	// SharedResults makes ResultCache a cache of results shared by every workspace graded
	// with it: its key leaves out the workspace, so two workspaces with the same code for an
	// exercise (an untouched stub, a copied solution) share that exercise's result. For a
	// cache the grader keeps outside every workspace, such as grade batch's, which no
	// submission can write.
	SharedResults bool
}

func (o Options) withDefaults() (Options, error) {
	if o.Workspace == "" {
		o.Workspace = "."
	}
	ws, err := filepath.Abs(o.Workspace)
	if err != nil {
		return o, err
	}
	o.Workspace = ws
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	o.Timeouts = o.Timeouts.or(Timeouts{Call: 10 * time.Second, Exercise: 60 * time.Second, Start: 10 * time.Second})
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits()
	}
	if o.CacheDir == "" {
		o.CacheDir = filepath.Join(o.Workspace, ".grade", "build")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// ConfigError is a problem with the course or the options, not with the learner's code: an
// unknown slug, a missing exercise folder, an invalid exercise definition.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// Grade grades the learner's workspace. Problems in the learner's code are data in the report;
// the error is for the rest: a *ConfigError for a bad course or options, another error for a
// failure of the grader itself (no go command, a cancelled context).
func Grade(ctx context.Context, opt Options) (*report.Report, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	start := opt.Now()
	if err := Load(opt.Workspace, opt.Exercises); err != nil {
		return nil, &ConfigError{err}
	}
	var jobs []job
	for i, e := range opt.Exercises {
		if len(opt.Only) > 0 && !slices.Contains(opt.Only, e.Slug) {
			continue
		}
		jobs = append(jobs, job{ex: e, number: i + 1, key: e.Slug, source: opt.Sources[e.Slug]})
	}
	for _, s := range opt.Only {
		if !slices.ContainsFunc(opt.Exercises, func(e *Exercise) bool { return e.Slug == s }) {
			var slugs []string
			for _, e := range opt.Exercises {
				slugs = append(slugs, e.Slug)
			}
			return nil, &ConfigError{fmt.Errorf("no exercise %q; the exercises are: %s", s, strings.Join(slugs, ", "))}
		}
	}
	exs, level, err := gradeJobs(ctx, opt, jobs)
	if err != nil {
		return nil, err
	}
	r := &report.Report{
		Version:   report.Version,
		Tool:      Tool,
		Seed:      opt.Seed,
		Sandbox:   level,
		Exercises: exs,
	}
	for _, e := range exs {
		r.Score += e.Score
		r.MaxScore += e.MaxScore
	}
	if !opt.RevealHidden {
		r.HideHiddenDetails()
	}
	r.DurationMS = opt.Now().Sub(start).Milliseconds()
	return r, nil
}

// job is one exercise graded in one run: the exercise, its key in the driver's registry (its
// slug, or a made-up key when Verify builds several variants of one exercise into a binary) and
// the folder standing in for the learner's package.
type job struct {
	ex     *Exercise
	number int
	key    string
	source string
}

// gradeJobs builds all jobs into one driver and grades them in order. It also returns the
// sandbox level the drivers ran at (what the machine allows when none started).
func gradeJobs(ctx context.Context, opt Options, jobs []job) ([]report.Exercise, string, error) {
	// No learner package may import a reference solution or a mistake variant of the course.
	var answers []string
	for _, e := range opt.Exercises {
		answers = append(answers, path.Clean(e.SolutionDir()), path.Clean(e.MistakeDir()), path.Clean(e.AlternativeDir()))
	}
	targets := make([]build.Target, 0, len(jobs))
	for _, j := range jobs {
		tg := build.Target{Slug: j.key, Dir: j.ex.Dir, Forbid: j.ex.Forbid, ForbidDirs: answers, Source: j.source}
		for _, f := range j.ex.Functions {
			tg.Funcs = append(tg.Funcs, f.Name)
		}
		targets = append(targets, tg)
	}
	// The result cache is consulted during the build, so that exercises whose results it
	// holds are not even compiled into the driver.
	g := &grading{opt: opt}
	byKey := make(map[string]job, len(jobs))
	for _, j := range jobs {
		byKey[j.key] = j
	}
	hits := make(map[string]report.Exercise)
	cacheKeys := make(map[string]string) // by job key, for storing the results graded now
	bopt := build.Options{CacheDir: opt.CacheDir}
	if opt.ResultCache != "" {
		bopt.Skip = func(key, sourceHash string) bool {
			cacheKeys[key] = g.cacheKey(byKey[key], sourceHash)
			e, ok := g.cached(cacheKeys[key])
			if ok {
				e.Cached = true
				hits[key] = e
			}
			return ok
		}
	}
	built, err := build.Build(ctx, opt.Workspace, targets, bopt)
	if err != nil {
		return nil, "", fmt.Errorf("build: %w", err)
	}
	if opt.ResultCache != "" {
		defer pruneResults(opt.ResultCache, time.Now())
	}
	scratch, err := os.MkdirTemp("", "mlkata-grade-")
	if err != nil {
		return nil, "", fmt.Errorf("scratch folder: %w", err)
	}
	defer os.RemoveAll(scratch)
	binary, err := placeDriver(built.Binary, scratch)
	if err != nil {
		return nil, "", err
	}

	g.built, g.binary, g.scratch = built, binary, scratch
	out := make([]report.Exercise, len(jobs))
	// The cache's results first; the rest are graded, and cached when they may be.
	var todo []int
	for i, j := range jobs {
		if e, ok := hits[j.key]; ok {
			out[i] = e
			continue
		}
		todo = append(todo, i)
	}
	grade := func(i int) {
		j := jobs[i]
		tr := built.Targets[j.key]
		out[i] = g.exercise(ctx, j, tr)
		if tr != nil && tr.OK {
			g.store(cacheKeys[j.key], out[i])
		}
	}
	// The first job runs alone: its driver reports the compiled signatures all jobs share.
	next := 0
	if len(todo) > 0 {
		grade(todo[0])
		next = 1
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range max(1, opt.Parallel) {
		wg.Go(func() {
			for ctx.Err() == nil {
				mu.Lock()
				k := next
				next++
				mu.Unlock()
				if k >= len(todo) {
					return
				}
				grade(todo[k])
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	g.mu.Lock()
	level := g.level
	g.mu.Unlock()
	if level == "" {
		level = sandbox.Probe().String()
	}
	return out, level, nil
}

// grading is the state of one run of gradeJobs.
type grading struct {
	opt     Options
	built   *build.Result // for the learner-facing names of the driver's files
	binary  string
	scratch string

	// mu guards funcs and level, which the first driver to start sets.
	mu sync.Mutex
	// funcs holds the compiled signatures the driver reported, by key and name; nil until a
	// driver has started.
	funcs map[string]map[string]string
	// level is the sandbox level of the first driver that started.
	level string
}

func (g *grading) exercise(ctx context.Context, j job, tr *build.TargetResult) (e report.Exercise) {
	start := g.opt.Now()
	e = report.Exercise{Number: j.number, Slug: j.ex.Slug, Title: j.ex.Title, Dir: j.ex.Dir}
	var checks []*Check
	for i := range j.ex.Checks {
		c := &j.ex.Checks[i]
		if c.Hidden && !g.opt.Hidden {
			continue
		}
		checks = append(checks, c)
		e.MaxScore += c.Points
	}
	timeouts := j.ex.Timeouts.or(g.opt.Timeouts)
	defer func() { e.DurationMS = g.opt.Now().Sub(start).Milliseconds() }()

	skipAll := func(status report.Status) {
		for _, c := range checks {
			e.Checks = append(e.Checks, report.Check{Name: c.Name, Status: status, MaxPoints: c.Points, Visibility: visibility(c)})
		}
	}
	if tr == nil || !tr.OK {
		e.Status = report.BuildError
		e.Message, e.Diagnostics = buildMessage(j.ex, tr)
		skipAll(report.BuildError)
		return e
	}

	sess := &session{g: g, ctx: ctx, job: j, timeouts: timeouts, deadline: time.Now().Add(timeouts.Exercise)}
	defer sess.close()
	g.mu.Lock()
	started := g.funcs != nil
	g.mu.Unlock()
	if !started {
		sess.mu.Lock()
		_, err := sess.driver()
		sess.mu.Unlock()
		if err != nil {
			var f *runner.Failure
			if !errors.As(err, &f) {
				f = &runner.Failure{Kind: runner.NotStarted, Reason: err.Error()}
			}
			e.Status = report.Error
			e.Message = "your code could not be started: " + startReason(f)
			skipAll(report.Error)
			return e
		}
	}
	if msg := g.signatureProblems(j); msg != "" {
		e.Status = report.BuildError
		e.Message = msg
		skipAll(report.BuildError)
		return e
	}

	for _, c := range checks {
		var rc checkResult
		if time.Now().After(sess.deadline) || sess.isAbandoned() {
			rc.check = report.Check{Name: c.Name, Status: report.Error, MaxPoints: c.Points, Visibility: visibility(c),
				Message: fmt.Sprintf("not run: the exercise's time limit of %v ran out", timeouts.Exercise)}
		} else {
			rc = g.runCheck(j, c, sess)
		}
		e.Checks = append(e.Checks, rc.check)
		e.Plots = append(e.Plots, rc.plots...)
		e.Score += rc.check.Points
	}
	e.Status = exerciseStatus(e.Checks)
	e.Mistakes = report.Summarize(e.Checks)
	return e
}

func visibility(c *Check) report.Visibility {
	if c.Hidden {
		return report.Hidden
	}
	return report.Visible
}

// exerciseStatus sums up the checks: passed when all passed, not-started when none was
// started, error when the learner's code crashed somewhere, failed otherwise.
func exerciseStatus(cs []report.Check) report.Status {
	if len(cs) == 0 {
		return report.Passed
	}
	all := func(s report.Status) bool {
		return !slices.ContainsFunc(cs, func(c report.Check) bool { return c.Status != s })
	}
	switch {
	case all(report.Passed):
		return report.Passed
	case all(report.NotStarted):
		return report.NotStarted
	case slices.ContainsFunc(cs, func(c report.Check) bool { return c.Status == report.Error }):
		return report.Error
	}
	return report.Failed
}

// buildMessage explains a target that did not build.
func buildMessage(ex *Exercise, tr *build.TargetResult) (string, []report.Diagnostic) {
	if tr == nil {
		return "the exercise was not built", nil
	}
	var parts []string
	for _, name := range tr.Missing {
		msg := fmt.Sprintf("function %s is missing", name)
		if f, ok := ex.function(name); ok {
			msg += "; want: " + f.declaration()
		}
		parts = append(parts, msg)
	}
	for _, v := range tr.Forbidden {
		parts = append(parts, fmt.Sprintf("it may not import %s (imported through %s): write this part yourself", v.Import, strings.Join(v.Chain, " → ")))
	}
	if len(parts) == 0 {
		msg := tr.Message
		if msg == "" {
			msg = ex.Dir + " does not compile"
		}
		return msg, tr.Diagnostics
	}
	return ex.Dir + ": " + strings.Join(dedupe(parts), "; "), tr.Diagnostics
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func (e *Exercise) function(name string) (Func, bool) {
	for _, f := range e.Functions {
		if f.Name == name {
			return f, true
		}
	}
	return Func{}, false
}

// signatureProblems compares the compiled signatures with the exercise's.
func (g *grading) signatureProblems(j job) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var parts []string
	for _, f := range j.ex.Functions {
		got, ok := g.funcs[j.key][f.Name]
		if !ok {
			parts = append(parts, fmt.Sprintf("function %s is missing; want: %s", f.Name, f.declaration()))
			continue
		}
		want, err := normalizeSignature(f.Signature)
		if err != nil || got == want {
			continue
		}
		parts = append(parts, fmt.Sprintf("function %s has the wrong signature: got %s; want: %s",
			f.Name, Func{Name: f.Name, Signature: got}.declaration(), f.declaration()))
	}
	if len(parts) == 0 {
		return ""
	}
	return j.ex.Dir + ": " + strings.Join(parts, "; ")
}

// startReason explains why the driver did not start, with the panic or fatal error from its
// standard error when there is one.
func startReason(f *runner.Failure) string {
	msg := f.Reason
	if line := crashLine(f.Stderr); line != "" {
		msg += ": " + line
	}
	return msg
}

// crashLine returns the first line of the Go runtime's crash report in a program's standard
// error ("panic: ...", "fatal error: ...", "SIGSEGV: ..."), or "".
func crashLine(stderr string) string {
	for line := range strings.Lines(stderr) {
		if crashStart.MatchString(line) && !strings.HasPrefix(line, "goroutine ") {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// session runs one exercise's checks on a driver, starting a fresh one when needed (at first,
// and after a failure killed the previous one).
type session struct {
	g        *grading
	ctx      context.Context
	job      job
	timeouts Timeouts
	deadline time.Time

	// mu guards drv and abandoned: a check that never finishes (a bug in an exercise) is
	// abandoned while its goroutine may still call.
	mu        sync.Mutex
	drv       *runner.Driver
	abandoned bool
}

// driver returns the running driver, starting one if needed.
func (s *session) driver() (*runner.Driver, error) {
	if s.drv != nil {
		return s.drv, nil
	}
	if s.g.binary == "" {
		return nil, &runner.Failure{Kind: runner.NotStarted, Reason: "nothing compiled"}
	}
	dir, err := os.MkdirTemp(s.g.scratch, "run-")
	if err != nil {
		return nil, err
	}
	d, err := runner.Start(s.ctx, runner.Config{
		Binary:       s.g.binary,
		Dir:          dir,
		Limits:       s.g.opt.Limits,
		Env:          []string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + dir, "TMPDIR=" + dir, "LANG=C.UTF-8"},
		StartTimeout: s.timeouts.Start,
	})
	if err != nil {
		return nil, err
	}
	s.g.mu.Lock()
	defer s.g.mu.Unlock()
	if s.g.level == "" {
		s.g.level = d.Level()
	}
	if s.g.funcs == nil {
		s.g.funcs = map[string]map[string]string{}
		for _, f := range d.Funcs() {
			if s.g.funcs[f.Slug] == nil {
				s.g.funcs[f.Slug] = map[string]string{}
			}
			s.g.funcs[f.Slug][f.Name] = f.Signature
		}
	}
	s.drv = d
	return d, nil
}

// call runs one request with the per-call timeout, cut short by the exercise's deadline. An
// OpCall goes to the job's key in the driver's registry (the slug, or a Verify variant's key).
func (s *session) call(req driver.Request, callback runner.CallbackFunc) (*runner.Outcome, error) {
	if req.Op == driver.OpCall {
		req.Slug = s.job.key
	}
	s.mu.Lock()
	if s.abandoned {
		s.mu.Unlock()
		return nil, &runner.Failure{Kind: runner.NotStarted, Reason: "the check ran out of time"}
	}
	d, err := s.driver()
	s.mu.Unlock()
	if err != nil {
		var f *runner.Failure
		if errors.As(err, &f) {
			f.Reason = "your code could not be started again: " + startReason(f)
		}
		return nil, err
	}
	deadline := time.Now().Add(s.timeouts.Call)
	if s.deadline.Before(deadline) {
		deadline = s.deadline
	}
	ctx, cancel := context.WithDeadline(s.ctx, deadline)
	defer cancel()
	out, err := d.Call(ctx, req, callback)
	if err != nil {
		s.mu.Lock()
		if s.drv == d {
			s.drv = nil // dead: the next call starts a new one
		}
		s.mu.Unlock()
	}
	return out, err
}

// explain turns a driver failure during a call of label into a learner's message.
func (s *session) explain(f *runner.Failure, label string) string {
	switch f.Kind {
	case runner.Timeout:
		if !time.Now().Before(s.deadline) {
			return fmt.Sprintf("%s did not finish before the exercise's time limit of %v ran out (an infinite loop?)", label, s.timeouts.Exercise)
		}
		return fmt.Sprintf("%s did not return within %v (an infinite loop?)", label, s.timeouts.Call)
	case runner.Exited:
		line := crashLine(f.Stderr)
		if strings.Contains(line, "stack overflow") {
			return fmt.Sprintf("%s did not return: %s (a recursion that never ends?)", label, line)
		}
		msg := fmt.Sprintf("%s did not return: %s", label, f.Reason)
		// At the memory limit the reason says it all; the runtime's own last words vary
		// from run to run ("out of memory ...", or a SIGSEGV inside the GC) and would only
		// confuse.
		var ee *sandbox.ExitError
		if line != "" && !(errors.As(f.Exit, &ee) && ee.Reason == sandbox.ReasonMemory) {
			msg += ": " + line
		}
		return msg
	case runner.NotStarted:
		return f.Reason
	}
	return fmt.Sprintf("%s: %s", label, f.Reason)
}

// relative makes a file:line from the driver as the learner should see it (see
// build.Result.File): relative to the workspace, with a Source stand-in's files at their real
// folder.
func (s *session) relative(loc string) string {
	i := strings.LastIndexByte(loc, ':')
	if i < 0 {
		return loc
	}
	return s.g.built.File(loc[:i]) + loc[i:]
}

// close stops the driver, if one runs.
func (s *session) close() {
	s.mu.Lock()
	d := s.drv
	s.drv = nil
	s.mu.Unlock()
	if d != nil {
		d.Close()
	}
}

// release drops values a check left in the driver's handle table, if that driver still runs.
func (s *session) release(handles []uint64) {
	s.mu.Lock()
	d := s.drv
	s.mu.Unlock()
	if d == nil {
		return
	}
	for _, h := range handles {
		if _, err := s.call(driver.Request{Op: driver.OpRelease, Handle: h}, nil); err != nil {
			return
		}
	}
}

// abandon gives up on a check that does not finish: its later calls fail at once, and the
// driver it may be waiting for is stopped.
func (s *session) abandon() {
	s.mu.Lock()
	s.abandoned = true
	s.mu.Unlock()
	s.close()
}

func (s *session) isAbandoned() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.abandoned
}

// grace is how long a check may run past the exercise's deadline before it is abandoned: one
// call's timeout, at least a second.
func (s *session) grace() time.Duration { return max(s.timeouts.Call, time.Second) }

// checkResult is a finished check with its plots.
type checkResult struct {
	check report.Check
	plots []report.Plot
}

// maxOutput is the number of bytes of a check's learner output kept in the report.
const maxOutput = 4 << 10

func (g *grading) runCheck(j job, c *Check, sess *session) checkResult {
	start := g.opt.Now()
	t := &T{ex: j.ex, check: c, sess: sess, workspace: g.opt.Workspace, seed: g.opt.Seed, noPlots: g.opt.NoPlots}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if v := recover(); v != nil {
				t.status = report.Error
				t.messages = append(t.messages, fmt.Sprintf("internal error: the check itself panicked (a bug in the exercise, not in your code): %v", v))
			}
		}()
		c.Run(t)
	}()
	select {
	case <-done:
	case <-time.After(time.Until(sess.deadline) + sess.grace()):
		// The check's own code does not finish (the learner's calls all have deadlines).
		// Leave its goroutine behind, without reading what it writes, and end the exercise.
		sess.abandon()
		return checkResult{check: report.Check{
			Name: c.Name, Status: report.Error, MaxPoints: c.Points, Visibility: visibility(c),
			Message: fmt.Sprintf("internal error: the check did not finish within the exercise's time limit of %v and %v more (a bug in the exercise, not in your code)", sess.timeouts.Exercise, sess.grace()),
		}}
	}

	sess.release(t.handles)
	rc := report.Check{
		Name:       c.Name,
		Status:     t.status,
		MaxPoints:  c.Points,
		Visibility: visibility(c),
		Message:    strings.Join(t.messages, "\n"),
		Expected:   t.expected,
		Got:        t.got,
		Mistake:    t.mistake,
		Location:   t.location,
		Output:     capOutput(t.output.String()),
		DurationMS: g.opt.Now().Sub(start).Milliseconds(),
	}
	if t.mistake != nil && rc.Message == "" {
		rc.Message = t.mistake.Hint
	}
	if rc.Status == report.Passed {
		rc.Points = c.Points
		rc.Expected, rc.Got = "", ""
	}
	if c.Hidden {
		for i := range t.plots {
			t.plots[i].Hidden = true
		}
	}
	return checkResult{check: rc, plots: t.plots}
}

func capOutput(s string) string { return capOutputN(s, maxOutput) }

// capOutputN keeps the first n bytes of s (cut at a UTF-8 boundary, never inside a note) and
// says how many bytes of the learner's output it leaves out. The notes with which the runner
// marked what it left out of one call's output count for the bytes they stand for.
func capOutputN(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	notes := omittedNote.FindAllStringSubmatchIndex(s, -1)
	for _, m := range notes {
		if m[0] < cut && cut < m[1] {
			cut = m[0]
		}
	}
	more := int64(len(s) - cut)
	for _, m := range notes {
		if m[0] >= cut {
			k, _ := strconv.ParseInt(s[m[2]:m[3]], 10, 64)
			more += k - int64(m[1]-m[0])
		}
	}
	return s[:cut] + fmt.Sprintf("\n… (%d more bytes not shown)", more)
}

// omittedNote matches the note with which the runner and capOutputN replace output they leave
// out.
var omittedNote = regexp.MustCompile(`\n… \((\d+) more bytes not shown\)`)

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// Main must be the first statement of the main function of every program that calls Grade or
// Verify, and of TestMain in every package whose tests do. Grade starts the learner's driver by
// re-executing the running program as a small trampoline that applies the sandbox's limits and
// restrictions to itself and then executes the driver; in that trampoline Main never returns.
// In every other process it returns at once.
func Main() { sandbox.Main() }

// placeDriver puts the driver binary into the run's scratch folder, where the sandbox's
// unprivileged user (when grade runs as root) may search and execute it: the build cache under
// the workspace or the home folder may be private. It links when it can and copies otherwise,
// and returns the new path ("" for "").
func placeDriver(binary, scratch string) (string, error) {
	if binary == "" {
		return "", nil
	}
	if err := os.Chmod(scratch, 0o711); err != nil {
		return "", fmt.Errorf("scratch folder: %w", err)
	}
	dst := filepath.Join(scratch, "driver")
	if err := os.Link(binary, dst); err == nil {
		if fi, err := os.Stat(dst); err == nil && fi.Mode().Perm()&0o005 == 0o005 {
			return dst, nil
		}
		os.Remove(dst)
	}
	src, err := os.Open(binary)
	if err != nil {
		return "", fmt.Errorf("driver: %w", err)
	}
	defer src.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o755)
	if err != nil {
		return "", fmt.Errorf("driver: %w", err)
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return "", fmt.Errorf("driver: %w", err)
	}
	if err := out.Close(); err != nil {
		return "", fmt.Errorf("driver: %w", err)
	}
	return dst, nil
}
