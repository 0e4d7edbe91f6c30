package grader

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
	"github.com/mlkata/mlkata/grader/report"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

const (
	P  = report.Passed
	F  = report.Failed
	E  = report.Error
	B  = report.BuildError
	NS = report.NotStarted
)

// submissionCase is one test submission of the tiny exercise and what grading it must give.
type submissionCase struct {
	name   string // folder under testdata/submissions; "" grades the workspace's own stub
	status report.Status
	checks []report.Status // in the order of tinyExercise's checks, hidden one last
	// contains are substrings of the exercise's message and its checks' messages, joined.
	contains []string
	mistake  string // a mistake ID some check must report
	// callTimeout, when not zero, replaces the 2 s per call (and the exercise's limit becomes
	// five of them), for submissions whose message must not depend on the machine's load: a
	// stack overflow or the memory limit takes a while to reach, longer on a busy machine.
	callTimeout time.Duration
}

var submissionCases = []submissionCase{
	{name: "correct", status: P, checks: []report.Status{P, P, P, P, P}},
	{name: "", status: NS, checks: []report.Status{NS, NS, NS, NS, NS},
		contains: []string{`Mean is not implemented yet: it still says "not implemented"`, "Fit is not implemented yet"}},
	{name: "wrong", status: F, checks: []report.Status{F, F, P, F, F},
		contains: []string{"Mean = 3.333333333, want 2.5: off by 0.833 (relative error 0.333), allowed: rel. tol 1e-12",
			"Line.Predict: 2 of 2 values are off", "worst: [1] got"}},
	{name: "sum-not-mean", status: F, checks: []report.Status{F, F, P, F, F}, mistake: "sum-not-mean",
		contains: []string{`Mean is what the mistake "sum-not-mean" gives`}},
	{name: "nan", status: F, checks: []report.Status{F, F, P, F, F},
		contains: []string{"Mean is NaN, want 2.5", "2 are NaN"}},
	{name: "panic", status: E, checks: []report.Status{E, E, P, E, E},
		contains: []string{"Mean panicked: runtime error: index out of range [4] with length 4"}},
	{name: "returns-error", status: F, checks: []report.Status{P, P, P, F, P},
		contains: []string{"Fit returned an error: need at least two points"}},
	{name: "mutate", status: F, checks: []report.Status{P, F, P, F, P}, mistake: "input-mutated",
		contains: []string{"Mean changed its argument 1", "Line.Predict changed its argument 1"}},
	{name: "loop", status: E, checks: []report.Status{E, E, P, E, E},
		contains: []string{"Mean did not return within 2s (an infinite loop?)"}},
	// The sandbox reports the memory limit every time (Go 1.26's GC at times dies of a
	// SIGSEGV there instead of "out of memory": see sandbox's classify), and the message
	// leaves out the runtime's crash line, which varies from run to run.
	{name: "alloc", status: E, callTimeout: 30 * time.Second, checks: []report.Status{E, E, P, E, E},
		contains: []string{"Mean did not return: the program ran out of memory (limit 512 MiB): does your code allocate without bound?"}},
	{name: "exit", status: E, checks: []report.Status{E, E, P, E, E},
		contains: []string{"Mean did not return: the program exited with status 0 (does your code call os.Exit?)"}},
	{name: "print", status: P, checks: []report.Status{P, P, P, P, P}},
	{name: "closed-output", status: P, checks: []report.Status{P, P, P, P, P}},
	{name: "recursion", status: E, callTimeout: 20 * time.Second, checks: []report.Status{E, E, P, E, E},
		contains: []string{"Mean did not return: fatal error: stack overflow (a recursion that never ends?)"}},
	{name: "pipes", status: E, checks: []report.Status{E, E, P, E, E},
		contains: []string{"the driver's replies were corrupted during the call"}},
	{name: "pipes-init", status: E, checks: []report.Status{E, E, E, E, E},
		contains: []string{"your code could not be started: the driver's replies were corrupted before it was ready"}},
	{name: "background", status: P, checks: []report.Status{P, P, P, P, P}},
	{name: "snoop", status: P, checks: []report.Status{P, P, P, P, P}},
	{name: "signal", status: P, checks: []report.Status{P, P, P, P, P}},
	{name: "nocompile", status: B, checks: []report.Status{B, B, B, B, B},
		contains: []string{"tiny.go:12:17: cannot use 0.0 (untyped float constant 0) as string value"}},
	{name: "missing", status: B, checks: []report.Status{B, B, B, B, B},
		contains: []string{"exercises/tiny: function Scale is missing; want: func Scale(X *mat.Dense, k float64) *mat.Dense"}},
	{name: "wrongsig", status: B, checks: []report.Status{B, B, B, B, B},
		contains: []string{"function Mean has the wrong signature: got func Mean([]float32) float64; want: func Mean(x []float64) float64"}},
	{name: "forbidden", status: B, checks: []report.Status{B, B, B, B, B},
		contains: []string{"it may not import gonum.org/v1/gonum/stat (imported through example.com/kata/exercises/tiny → gonum.org/v1/gonum/stat)"}},
	{name: "copies-solution", status: B, checks: []report.Status{B, B, B, B, B},
		contains: []string{"it may not import example.com/kata/exercises/tiny/solution (imported through example.com/kata/exercises/tiny → example.com/kata/exercises/tiny/solution)"}},
}

// TestSubmissions grades every test submission of the tiny exercise, hidden checks included,
// and checks its statuses, messages and golden report; that the submissions that try to read
// secrets or write outside their folder were stopped (they panic when they succeed); and that
// no process is left behind.
func TestSubmissions(t *testing.T) {
	if testing.Short() {
		t.Skip("grades 21 submissions in sandboxed processes")
	}
	const secretFile, pwnedFile = "/tmp/mlkata-engine-secret.txt", "/tmp/mlkata-engine-pwned.txt"
	require.NoError(t, os.WriteFile(secretFile, []byte("hunter2"), 0o644))
	t.Cleanup(func() { os.Remove(secretFile) })
	os.Remove(pwnedFile)
	t.Setenv("MLKATA_ENGINE_SECRET", "hunter2")
	t.Setenv("GITHUB_TOKEN", "ghp_not_a_real_token")
	tmp := privateTemp(t)

	for _, tc := range submissionCases {
		name := tc.name
		if name == "" {
			name = "stub"
		}
		t.Run(name, func(t *testing.T) {
			if tc.name == "snoop" && !sandbox.Probe().Has(sandbox.Landlock) {
				t.Skip("without Landlock the sandbox cannot hide world-readable files")
			}
			opt := testOptions(t)
			opt.Hidden = true
			if tc.callTimeout != 0 {
				opt.Timeouts.Call = tc.callTimeout
				opt.Timeouts.Exercise = 5 * tc.callTimeout
			}
			if tc.name == "sum-not-mean" {
				opt.Sources = map[string]string{"tiny": filepath.Join(opt.Workspace, "exercises/tiny/check/mistakes/sum-not-mean")}
			} else if tc.name != "" {
				opt.Sources = map[string]string{"tiny": submission(t, tc.name)}
			}
			r, err := Grade(context.Background(), opt)
			require.NoError(t, err)
			require.Len(t, r.Exercises, 1)
			e := r.Exercises[0]

			var got []report.Status
			var text []string
			text = append(text, e.Message)
			mistakes := map[string]bool{}
			for _, c := range e.Checks {
				got = append(got, c.Status)
				text = append(text, c.Message)
				if c.Mistake != nil {
					mistakes[c.Mistake.ID] = true
				}
			}
			assert.Equal(t, tc.status, e.Status, "exercise status; message: %s", strings.Join(text, " | "))
			assert.Equal(t, tc.checks, got, "check statuses; messages: %s", strings.Join(text, " | "))
			all := strings.Join(text, "\n")
			for _, s := range tc.contains {
				assert.Contains(t, all, s)
			}
			if tc.mistake != "" {
				assert.True(t, mistakes[tc.mistake], "no check reported the mistake %q", tc.mistake)
			}
			var score float64
			for _, c := range e.Checks {
				if c.Status == P {
					score += c.MaxPoints
				}
				assert.Equal(t, c.Status == P, c.Points == c.MaxPoints && c.MaxPoints > 0, "points of %q", c.Name)
			}
			assert.Equal(t, score, e.Score)
			assert.Equal(t, score, r.Score)
			assert.Equal(t, 6.0, r.MaxScore)

			assertGolden(t, name, r)
			assert.Empty(t, leftoverProcesses(t, tmp), "processes left behind")
		})
	}
	_, err := os.Stat(pwnedFile)
	assert.True(t, os.IsNotExist(err), "a submission wrote %s", pwnedFile)
}

// assertGolden compares the report, parsed, with testdata/golden/<name>.json, after removing
// what differs between machines and runs: timings, the sandbox level, the submissions' path.
func assertGolden(t *testing.T, name string, r *report.Report) {
	t.Helper()
	r.StripTimings()
	r.Sandbox = ""
	subs, err := filepath.Abs("testdata/submissions")
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, r))
	got := bytes.ReplaceAll(buf.Bytes(), []byte(subs), []byte("<submissions>"))
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -run TestSubmissions -update to create it")
	var gotR, wantR report.Report
	require.NoError(t, json.Unmarshal(got, &gotR))
	require.NoError(t, json.Unmarshal(want, &wantR))
	assert.Equal(t, wantR, gotR, "report differs from %s (run with -update if the change is intended)", path)
}

// privateTemp points TMPDIR, for the rest of the test, at a fresh folder that the sandbox's
// user may search, and returns it. Grade makes its scratch folders (mlkata-grade-*, holding
// the driver binary) in TMPDIR, so the processes it starts can be told apart from those of
// other programs grading on the same machine at the same time.
func privateTemp(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "mlkata-engine-test-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o711))
	t.Cleanup(func() { os.RemoveAll(dir) })
	t.Setenv("TMPDIR", dir)
	return dir
}

// leftoverProcesses lists the processes that grading in the temporary folder tmp (see
// privateTemp) may have left: its drivers and anything they started, such as the background
// submission's sleeper (a copy of the driver), whatever their parent or session: all run the
// driver binary in a mlkata-grade- folder under tmp.
func leftoverProcesses(t *testing.T, tmp string) []string {
	t.Helper()
	mark := filepath.Join(tmp, "mlkata-grade-")
	// Give the kernel a moment to reap what Kill killed.
	var found []string
	for range 20 {
		found = found[:0]
		entries, err := os.ReadDir("/proc")
		require.NoError(t, err)
		for _, e := range entries {
			if e.Name()[0] < '0' || e.Name()[0] > '9' {
				continue
			}
			cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
			if err != nil {
				continue
			}
			exe, _ := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
			c := string(bytes.ReplaceAll(cmd, []byte{0}, []byte{' '}))
			if strings.Contains(c, mark) || strings.Contains(exe, mark) {
				found = append(found, e.Name()+": "+c)
			}
		}
		if len(found) == 0 {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return found
}

// TestLeftoverProcessesFindsStrays proves that leftoverProcesses can fail: a process run
// from a mlkata-grade- folder under the test's TMPDIR is found, and one of another TMPDIR is
// not.
func TestLeftoverProcessesFindsStrays(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command")
	}
	start := func(dir string) *exec.Cmd {
		t.Helper()
		require.NoError(t, os.MkdirAll(dir, 0o755))
		bin := filepath.Join(dir, "driver")
		b, err := os.ReadFile(sleep)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(bin, b, 0o755))
		cmd := exec.Command(bin, "60")
		require.NoError(t, cmd.Start())
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		return cmd
	}
	other := t.TempDir()
	start(filepath.Join(other, "mlkata-grade-1"))
	tmp := privateTemp(t)
	assert.Empty(t, leftoverProcesses(t, tmp), "another TMPDIR's driver is not this test's")
	stray := start(filepath.Join(tmp, "mlkata-grade-2"))
	found := leftoverProcesses(t, tmp)
	require.Len(t, found, 1)
	assert.True(t, strings.HasPrefix(found[0], strconv.Itoa(stray.Process.Pid)+": "), found[0])
}

// TestDeterministic grades the same submissions twice with the same seed and requires the
// same JSON, byte for byte, once timings are stripped; a different seed changes the inputs.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	grade := func(seed uint64) []byte {
		opt := testOptions(t)
		opt.Seed = seed
		opt.Sources = map[string]string{"tiny": submission(t, "wrong")}
		r, err := Grade(context.Background(), opt)
		require.NoError(t, err)
		r.StripTimings()
		var buf bytes.Buffer
		require.NoError(t, report.WriteJSON(&buf, r))
		return bytes.ReplaceAll(buf.Bytes(), []byte(opt.Workspace), []byte("<ws>"))
	}
	a, b := grade(7), grade(7)
	assert.Equal(t, string(a), string(b))
	assert.NotEqual(t, string(a), string(grade(8)), "the seed should change the random check's inputs")
}

// TestExerciseTimeout gives a looping submission an exercise budget of 3 s with 2 s per call:
// the first check uses 2 s, the second the last second, the rest do not run. Hidden checks are
// left out without Options.Hidden.
func TestExerciseTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for timeouts")
	}
	tmp := privateTemp(t)
	opt := testOptions(t)
	opt.Timeouts.Exercise = 3 * time.Second
	opt.Sources = map[string]string{"tiny": submission(t, "loop")}
	r, err := Grade(context.Background(), opt)
	require.NoError(t, err)
	e := r.Exercises[0]
	assert.Equal(t, 5.0, e.MaxScore, "the hidden check is not graded")
	require.Len(t, e.Checks, 4)
	assert.Equal(t, "Mean did not return within 2s (an infinite loop?)", e.Checks[0].Message)
	assert.Equal(t, "Mean did not finish before the exercise's time limit of 3s ran out (an infinite loop?)", e.Checks[1].Message)
	for _, c := range e.Checks[2:] {
		assert.Equal(t, E, c.Status)
		assert.Equal(t, "not run: the exercise's time limit of 3s ran out", c.Message)
	}
	assert.Empty(t, leftoverProcesses(t, tmp))
}

// TestOnlyAndConfigErrors grades a subset by slug and rejects unknown slugs and missing folders.
func TestOnlyAndConfigErrors(t *testing.T) {
	opt := testOptions(t)
	opt.Only = []string{"nope"}
	_, err := Grade(context.Background(), opt)
	var cfg *ConfigError
	require.ErrorAs(t, err, &cfg)
	assert.ErrorContains(t, err, `no exercise "nope"`)

	opt = testOptions(t)
	opt.Exercises = append(opt.Exercises, &Exercise{Slug: "gone", Dir: "exercises/gone"})
	_, err = Grade(context.Background(), opt)
	require.ErrorAs(t, err, &cfg)
	assert.ErrorContains(t, err, "exercise gone: folder exercises/gone not found")
}

// TestPanicLocationInLearnerFile puts the panicking submission into the learner's own file:
// the location is workspace-relative.
func TestPanicLocationInLearnerFile(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	opt := testOptions(t)
	src, err := os.ReadFile(filepath.Join(submission(t, "panic"), "tiny.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(opt.Workspace, "exercises", "tiny", "tiny.go"), src, 0o644))
	r, err := Grade(context.Background(), opt)
	require.NoError(t, err)
	c := r.Exercises[0].Checks[0]
	assert.Equal(t, E, c.Status)
	assert.Equal(t, "exercises/tiny/tiny.go:14", c.Location)
}

// TestProbes grades an exercise made of probes: same arguments give the same result
// (Deterministic), two fits on the same data give the same model (Same), the input is left
// alone (NotMutated). The "probes" submission's Mean adds noise from the global random source.
func TestProbes(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	ex := tinyExercise()
	ex.Checks = []Check{
		{Name: "Mean is deterministic", Points: 1, Run: func(t *T) {
			t.Deterministic("Mean", []float64{1, 2, 3})
		}},
		{Name: "Fit gives the same line twice", Points: 1, Run: func(t *T) {
			x, y := []float64{0, 1, 2}, []float64{1, 2, 4}
			t.Same(t.Call("Fit", x, y), t.Call("Fit", x, y), "Fit gave two different lines for the same points")
		}},
		{Name: "Mean leaves its input alone", Points: 1, Run: func(t *T) {
			got := t.NotMutated("Mean", []float64{3, 1, 2}).Float()
			t.Close(got, 2, Rel(1e-6))
		}},
	}
	for _, tc := range []struct {
		sub      string
		want     []report.Status
		mistakes []string // per check
	}{
		{"correct", []report.Status{P, P, P}, []string{"", "", ""}},
		// Fit uses Mean, so the noise changes the line too.
		{"probes", []report.Status{F, F, P}, []string{"not-deterministic", "", ""}},
		{"mutate", []report.Status{P, P, F}, []string{"", "", "input-mutated"}},
	} {
		t.Run(tc.sub, func(t *testing.T) {
			opt := testOptions(t)
			opt.Exercises = []*Exercise{ex}
			opt.Sources = map[string]string{"tiny": submission(t, tc.sub)}
			r, err := Grade(context.Background(), opt)
			require.NoError(t, err)
			var got []report.Status
			var mistakes []string
			for _, c := range r.Exercises[0].Checks {
				got = append(got, c.Status)
				id := ""
				if c.Mistake != nil {
					id = c.Mistake.ID
				}
				mistakes = append(mistakes, id)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.mistakes, mistakes)
		})
	}
}

// TestStuckCheck: a check whose own code never finishes (a bug in an exercise) is abandoned one
// call timeout after the exercise's deadline; the rest of the exercise is not run, grading goes
// on, and the driver is stopped.
func TestStuckCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for timeouts")
	}
	tmp := privateTemp(t)
	opt := testOptions(t)
	opt.Timeouts = Timeouts{Call: time.Second, Exercise: 2 * time.Second}
	ex := tinyExercise()
	ex.Checks = []Check{
		{Name: "stuck", Points: 1, Run: func(t *T) {
			t.Call("Mean", []float64{1})
			select {} // never returns
		}},
		{Name: "after", Points: 1, Run: func(t *T) { t.Call("Mean", []float64{1}) }},
	}
	opt.Exercises = []*Exercise{ex}
	opt.Sources = map[string]string{"tiny": submission(t, "correct")}
	r, err := Grade(context.Background(), opt)
	require.NoError(t, err)
	cs := r.Exercises[0].Checks
	require.Len(t, cs, 2)
	assert.Equal(t, E, cs[0].Status)
	assert.Contains(t, cs[0].Message, "internal error: the check did not finish within the exercise's time limit of 2s and 1s more")
	assert.Equal(t, "not run: the exercise's time limit of 2s ran out", cs[1].Message)
	assert.Empty(t, leftoverProcesses(t, tmp))
}

// TestDurations: reports carry durations until StripTimings removes them.
func TestDurations(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	opt := testOptions(t)
	opt.Sources = map[string]string{"tiny": submission(t, "loop")}
	opt.Timeouts.Call = 100 * time.Millisecond
	r, err := Grade(context.Background(), opt)
	require.NoError(t, err)
	assert.Positive(t, r.DurationMS)
	assert.Positive(t, r.Exercises[0].DurationMS)
	assert.Positive(t, r.Exercises[0].Checks[0].DurationMS, "a call that timed out after 100 ms")
	r.StripTimings()
	assert.Zero(t, r.DurationMS)
	assert.Zero(t, r.Exercises[0].DurationMS)
	assert.Zero(t, r.Exercises[0].Checks[0].DurationMS)
}

// TestNoGoroutinesLeft grades submissions that crash, loop and pass, and checks that the
// grader's goroutines (pipe readers, waiters) all end with the drivers.
func TestNoGoroutinesLeft(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	before := runtime.NumGoroutine()
	for _, sub := range []string{"correct", "exit", "pipes", "loop"} {
		opt := testOptions(t)
		opt.Timeouts.Call = 200 * time.Millisecond
		opt.Sources = map[string]string{"tiny": submission(t, sub)}
		_, err := Grade(context.Background(), opt)
		require.NoError(t, err)
	}
	var after int
	for range 50 {
		if after = runtime.NumGoroutine(); after <= before {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	assert.LessOrEqual(t, after, before, "goroutines left behind")
}

// TestDeterministicGob: results that travel as gob (a slice of slices, a struct) are
// deterministic even though gob numbers their types by what the driver encoded before, which
// differs between the driver that ran the check's earlier calls and a fresh one.
func TestDeterministicGob(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	ex := &Exercise{
		Slug: "gobs", Title: "Gob results", Dir: "exercises/gobs",
		Functions: []Func{
			{Name: "Spans", Signature: "func(n int) []Span"},
			{Name: "Folds", Signature: "func(n, k int) [][]int"},
		},
		Hints: []string{"-"},
		Checks: []Check{
			{Name: "Folds after Spans", Points: 1, Run: func(t *T) {
				t.Call("Spans", 2)
				t.Deterministic("Folds", 7, 3)
			}},
			{Name: "Spans after Folds", Points: 1, Run: func(t *T) {
				t.Call("Folds", 7, 3)
				t.Deterministic("Spans", 3)
			}},
		},
	}
	opt := testOptions(t)
	opt.Exercises = []*Exercise{ex}
	r, err := Grade(context.Background(), opt)
	require.NoError(t, err)
	require.Empty(t, r.Exercises[0].Message)
	for _, c := range r.Exercises[0].Checks {
		assert.Equal(t, P, c.Status, "%s: %s", c.Name, c.Message)
	}
}
