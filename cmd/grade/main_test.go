package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestMain(m *testing.M) {
	grader.Main()
	os.Exit(m.Run())
}

// course is a one-exercise course on the grader's test workspace, with hints and a hidden check.
func course() []*grader.Exercise {
	mean := func(x []float64, want float64) func(t *grader.T) {
		return func(t *grader.T) {
			got := t.Call("Mean", x).Float()
			t.Mistake(grader.Near(got, want*float64(len(x)), grader.Rel(1e-12)), "sum-not-mean", "")
			t.Close(got, want, grader.Rel(1e-12))
		}
	}
	return []*grader.Exercise{{
		Slug:      "tiny",
		Title:     "Tiny",
		Dir:       "exercises/tiny",
		Functions: []grader.Func{{Name: "Mean", Signature: "func(x []float64) float64"}},
		Mistakes:  []grader.Mistake{{ID: "sum-not-mean", Hint: "divide by len(x)"}},
		Checks: []grader.Check{
			{Name: "Mean of 1..4", Points: 1, Run: mean([]float64{1, 2, 3, 4}, 2.5)},
			{Name: "Mean of five numbers", Points: 2, Hidden: true, Run: mean([]float64{1, 1, 1, 1, 6}, 2)},
		},
		Hints: []string{"a mean is a sum divided by a count", "divide by float64(len(x))"},
	}}
}

// workspace returns a fresh copy of the grader's test workspace.
func workspace(t *testing.T) string {
	t.Helper()
	// os.MkdirTemp, not t.TempDir: the sandbox's unprivileged user must reach the workspace.
	dir, err := os.MkdirTemp("", "mlkata-cmd-test-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.CopyFS(filepath.Join(dir, "ws"), os.DirFS("../../grader/testdata/ws")))
	return filepath.Join(dir, "ws")
}

// syncBuffer is a bytes.Buffer safe for a watch goroutine and the test reading it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testEnv is the environment of a grade run from folder wd with environment variables vars.
func testEnv(wd string, vars map[string]string) (*env, *syncBuffer, *syncBuffer) {
	var stdout, stderr syncBuffer
	clock := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	return &env{
		stdout: &stdout, stderr: &stderr,
		course:      course(),
		stubs:       os.DirFS("../../grader/testdata/ws/exercises"),
		hiddenBuild: true,
		self:        "grade",
		getenv:      func(k string) string { return vars[k] },
		getwd:       func() (string, error) { return wd, nil },
		now: func() time.Time {
			clock = clock.Add(time.Second)
			return clock
		},
	}, &stdout, &stderr
}

// grade runs grade in folder wd and returns the exit code, stdout and stderr.
func grade(t *testing.T, wd string, args ...string) (int, string, string) {
	t.Helper()
	e, stdout, stderr := testEnv(wd, nil)
	code := run(append([]string{"grade"}, args...), e)
	return code, stdout.String(), stderr.String()
}

func TestHelp(t *testing.T) {
	for _, command := range []string{"", "list", "hint", "watch", "solution", "reset", "plot", "verify", "ci", "release", "batch", "gradebook"} {
		name := command
		if name == "" {
			name = "grade"
		}
		t.Run(name, func(t *testing.T) {
			args := []string{"--help"}
			if command != "" {
				args = []string{command, "--help"}
			}
			code, out, errOut := grade(t, t.TempDir(), args...)
			assert.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "xample", "every command's help has examples")
			path := filepath.Join("testdata", "help", name+".txt")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), out)
		})
	}
}

func TestUsageErrors(t *testing.T) {
	ws := workspace(t)
	tests := []struct {
		name string
		wd   string
		args []string
		want string
	}{
		{"unknown flag", ws, []string{"--bogus"}, "flag provided but not defined: -bogus"},
		{"unknown exercise", ws, []string{"nope"}, "no exercise \"nope\": name one by number, name or folder:\n  1  tiny  exercises/tiny"},
		{"number out of range", ws, []string{"hint", "2"}, `no exercise "2"`},
		{"no workspace", t.TempDir(), nil, "no exercises/ here: run grade from the root of an mlkata workspace (or inside it), or pass --workspace"},
		{"bad --workspace", ws, []string{"-w", t.TempDir(), "list"}, "is not an mlkata workspace"},
		{"hint of which exercise", ws, []string{"hint"}, "which exercise? for example: grade hint 1"},
		{"ci without the hidden checks", ws, []string{"ci"}, "built without the hidden checks"},
		{"bad min-score", ws, []string{"ci", "--min-score", "lots"}, `--min-score "lots"`},
		{"release without OUT", ws, []string{"release"}, "want one OUT folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, stdout, stderr := testEnv(tt.wd, nil)
			e.hiddenBuild = tt.name != "ci without the hidden checks"
			code := run(append([]string{"grade"}, tt.args...), e)
			assert.Equal(t, exitUsage, code, "stdout: %s\nstderr: %s", stdout, stderr)
			assert.Contains(t, stderr.String(), tt.want)
		})
	}
}

func TestResolve(t *testing.T) {
	ws := workspace(t)
	tiny := filepath.Join(ws, "exercises", "tiny")
	tests := []struct {
		wd   string
		args []string
		want int // number of exercises resolved; 0 is "all"
	}{
		{ws, nil, 0},
		{tiny, nil, 1},
		{filepath.Join(tiny, "solution"), nil, 1},
		{ws, []string{"1"}, 1},
		{ws, []string{"01"}, 1},
		{ws, []string{"tiny"}, 1},
		{ws, []string{"exercises/tiny"}, 1},
		{ws, []string{"exercises/tiny/"}, 1},
		{filepath.Join(ws, "exercises"), []string{"./tiny"}, 1},
		{tiny, []string{"."}, 1},
		{ws, []string{"exercises/tiny/tiny.go"}, 1},
		{ws, []string{filepath.Join(tiny)}, 1},
	}
	for _, tt := range tests {
		e, _, _ := testEnv(tt.wd, nil)
		got, err := resolve(e, ws, tt.args)
		require.NoError(t, err, "%s %v", tt.wd, tt.args)
		assert.Len(t, got, tt.want, "%s %v", tt.wd, tt.args)
	}
	for _, bad := range []string{"0", "2", "exercises/tiny/nothing-here", "tin"} {
		e, _, _ := testEnv(tiny, nil)
		_, err := resolve(e, ws, []string{bad})
		assert.Error(t, err, bad)
	}
}

func TestCorruptState(t *testing.T) {
	ws := workspace(t)
	require.NoError(t, os.MkdirAll(filepath.Join(ws, ".grade"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(ws, stateFile), []byte("{not json"), 0o644))
	code, out, errOut := grade(t, ws, "hint", "1")
	assert.Equal(t, 0, code)
	assert.Contains(t, errOut, ".grade/state.json is corrupt")
	assert.Contains(t, out, "hint 1 of 2")
	code, out, errOut = grade(t, ws, "list")
	assert.Equal(t, 0, code)
	assert.Empty(t, errOut, "the state was rebuilt")
	assert.Contains(t, out, "1/2")

	// Hint levels out of range (an edited file, a course with fewer hints now) are clamped.
	for _, hints := range []string{"-3", "7"} {
		require.NoError(t, os.WriteFile(filepath.Join(ws, stateFile), []byte(`{"exercises":{"tiny":{"hints":`+hints+`}}}`), 0o644))
		code, out, errOut = grade(t, ws, "hint", "1")
		assert.Equal(t, 0, code, errOut)
		assert.Regexp(t, `hint [12] of 2`, out)
	}
}

// swapSolution puts the reference solution in place of the learner's file.
func swapSolution(t *testing.T, ws string) {
	t.Helper()
	sol, err := os.ReadFile(filepath.Join(ws, "exercises", "tiny", "solution", "tiny.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(ws, "exercises", "tiny", "tiny.go"), sol, 0o644))
}

func TestLearnerJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	ws := workspace(t)
	stub, err := os.ReadFile(filepath.Join(ws, "exercises", "tiny", "tiny.go"))
	require.NoError(t, err)

	// The stubs: not started, exit 1, the table and the next step.
	code, out, errOut := grade(t, ws, "--no-timings")
	assert.Equal(t, 1, code, "%s\n%s", out, errOut)
	assert.Contains(t, out, "not started")
	assert.Contains(t, out, "next: exercises/tiny, read its README.md and replace the stubs")
	assert.NotContains(t, out, "Mean of 1..4", "no argument: the compact table")

	code, out, _ = grade(t, ws, "1")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "01 Tiny  not started  0/1", "an exercise named: its detail")
	assert.Contains(t, out, "not started: 1 check (1 point) waits for your code", "not started: one line, not one per check")
	assert.NotContains(t, out, "five numbers", "hidden checks stay hidden")

	code, out, _ = grade(t, ws, "list")
	assert.Equal(t, 0, code)
	assert.Regexp(t, `1\s+tiny\s+not started\s+-\s+-`, out)

	// Hints advance one level a time and stop at the last.
	for level, want := range []string{"hint 1 of 2", "hint 2 of 2", "that was the last hint"} {
		code, out, _ = grade(t, ws, "hint", "tiny")
		assert.Equal(t, 0, code)
		assert.Contains(t, out, want, "call %d", level+1)
	}

	// The solution is refused before the exercise passes.
	code, _, errOut = grade(t, ws, "solution", "1")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "has not passed yet")

	// The reference solution passes; the state remembers it and the solution is shown.
	swapSolution(t, ws)
	code, out, _ = grade(t, ws, "--json", "--seed", "7")
	assert.Equal(t, 0, code, out)
	r, err := report.ReadJSON(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, uint64(7), r.Seed)
	assert.Equal(t, report.Passed, r.Exercises[0].Status)
	assert.Equal(t, 1.0, r.Score, "hidden checks are not graded locally")

	junit := filepath.Join(t.TempDir(), "reports", "junit.xml")
	code, out, _ = grade(t, ws, "--format", "junit="+junit, "--format", "json")
	assert.Equal(t, 0, code)
	_, err = report.ReadJSON(strings.NewReader(out))
	assert.NoError(t, err, "json to stdout")
	xml, err := os.ReadFile(junit)
	require.NoError(t, err)
	assert.Contains(t, string(xml), "<testsuite")
	code, _, errOut = grade(t, ws, "--format", "yaml")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--format yaml")

	code, out, _ = grade(t, ws, "1", "--hidden", "--json")
	assert.Equal(t, 0, code, out)
	r, err = report.ReadJSON(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, 3.0, r.Score, "--hidden grades the hidden check too")

	code, out, _ = grade(t, filepath.Join(ws, "exercises", "tiny"))
	assert.Equal(t, 0, code, "inside the folder: that exercise")
	assert.Contains(t, out, "Mean of 1..4")

	code, out, _ = grade(t, ws, "list")
	assert.Equal(t, 0, code)
	assert.Regexp(t, `1\s+tiny\s+done\s+1/1\s+2/2`, out)
	assert.Contains(t, out, "1 of 1 done")

	code, out, _ = grade(t, ws, "solution", "1")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "// exercises/tiny/solution/tiny.go")
	assert.Contains(t, out, "func Mean(")

	// Reset restores the stub from the grader's copy and keeps the learner's file.
	mine, err := os.ReadFile(filepath.Join(ws, "exercises", "tiny", "tiny.go"))
	require.NoError(t, err)
	code, out, _ = grade(t, ws, "reset", "exercises/tiny")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "restored exercises/tiny to its stub; your version of tiny.go is in .grade/backup/tiny/")
	got, err := os.ReadFile(filepath.Join(ws, "exercises", "tiny", "tiny.go"))
	require.NoError(t, err)
	assert.Equal(t, string(stub), string(got))
	backups, err := filepath.Glob(filepath.Join(ws, ".grade", "backup", "tiny", "*", "tiny.go"))
	require.NoError(t, err)
	require.Len(t, backups, 1)
	kept, err := os.ReadFile(backups[0])
	require.NoError(t, err)
	assert.Equal(t, string(mine), string(kept))
	code, out, _ = grade(t, ws, "reset", "1")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "already as you received it")
	code, _, _ = grade(t, ws, "1")
	assert.Equal(t, 1, code, "the stub again")
	code, out, _ = grade(t, ws, "list")
	assert.Equal(t, 0, code)
	assert.Regexp(t, `1\s+tiny\s+in progress \(passed before\)\s+1/1`, out, "the best fraction, first reached at 1/1")
	assert.Contains(t, out, "0 of 1 done")

	// Giving up is recorded.
	code, out, _ = grade(t, ws, "solution", "--give-up", "1")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "func Mean(")
	var st state
	b, err := os.ReadFile(filepath.Join(ws, stateFile))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &st))
	assert.True(t, st.Exercises["tiny"].Passed, "it passed once")
	assert.Equal(t, 2, st.Exercises["tiny"].Hints)
}

func TestCI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	ws := workspace(t)
	swapSolution(t, ws)
	out := t.TempDir()
	summary := filepath.Join(out, "summary.md")
	e, stdout, stderr := testEnv(ws, map[string]string{"MLKATA_SEED": "99", "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary})
	code := run([]string{"grade", "ci", "--format", "json=" + filepath.Join(out, "r.json"), "--format", "junit=" + filepath.Join(out, "junit.xml"), "--format", "html=" + filepath.Join(out, "r.html")}, e)
	assert.Equal(t, 0, code, "%s\n%s", stdout, stderr)
	b, err := os.ReadFile(filepath.Join(out, "r.json"))
	require.NoError(t, err)
	r, err := report.ReadJSON(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, uint64(99), r.Seed, "the seed from MLKATA_SEED is in the report")
	assert.Equal(t, 3.0, r.Score, "the hidden check counts in CI")
	for _, f := range []string{"junit.xml", "r.html", "summary.md"} {
		fi, err := os.Stat(filepath.Join(out, f))
		require.NoError(t, err)
		assert.Positive(t, fi.Size(), f)
	}

	// A wrong solution (the sum, not the mean): 0 points; the minimum score decides.
	require.NoError(t, os.WriteFile(filepath.Join(ws, "exercises", "tiny", "tiny.go"), []byte(
		"package tiny\n\nfunc Mean(x []float64) float64 {\n\tif len(x) == 4 {\n\t\treturn 2.5\n\t}\n\ts := 0.0\n\tfor _, v := range x {\n\t\ts += v\n\t}\n\treturn s\n}\n"), 0o644))
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"--seed", "5"}, 1},                       // full marks by default
		{[]string{"--seed", "5", "--min-score", "1"}, 0},   // 1 of 3 points
		{[]string{"--seed", "5", "--min-score", "34%"}, 1}, // 1 of 3 points is 33 %
		{[]string{"--seed", "5", "--min-score", "33%"}, 0}, //
		{[]string{"--seed", "5", "--min-score", "1.5"}, 1}, //
	}
	for _, tt := range tests {
		e, stdout, stderr := testEnv(ws, nil)
		code := run(append([]string{"grade", "ci", "--json"}, tt.args...), e)
		assert.Equal(t, tt.code, code, "%v\n%s", tt.args, stderr)
		r, err := report.ReadJSON(strings.NewReader(stdout.String()))
		require.NoError(t, err)
		assert.Equal(t, uint64(5), r.Seed)
		assert.Equal(t, 1.0, r.Score)
	}
}

func TestWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	ws := workspace(t)
	e, stdout, stderr := testEnv(ws, nil)
	e.pollInterval = 20 * time.Millisecond
	graded := make(chan string, 10)
	e.graded = func(slug string) { graded <- slug }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- runWatch(ctx, e, exerciseOptions{Exercise: []string{"tiny"}}) }()

	wait := func(what string) {
		t.Helper()
		select {
		case <-graded:
		case <-time.After(2 * time.Minute):
			t.Fatalf("no %s grading; stdout:\n%s\nstderr:\n%s", what, stdout, stderr)
		}
	}
	wait("first")
	assert.Contains(t, stdout.String(), "watching exercises/tiny")
	// A save of a still-unfinished file grades again.
	f := filepath.Join(ws, "exercises", "tiny", "tiny.go")
	b, err := os.ReadFile(f)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(f, append(b, []byte("\n// thinking\n")...), 0o644))
	wait("second")
	// The solution passes, and as the last exercise, watch ends.
	swapSolution(t, ws)
	wait("third")
	select {
	case code := <-done:
		assert.Equal(t, 0, code)
	case <-time.After(time.Minute):
		t.Fatal("watch did not end after the last exercise passed")
	}
	assert.Contains(t, stdout.String(), "every exercise passes")
	cancel()

	// Cancelling the context stops a watch waiting for a save.
	require.NoError(t, os.WriteFile(f, b, 0o644))
	ctx, cancel = context.WithCancel(context.Background())
	go func() { done <- runWatch(ctx, e, exerciseOptions{Exercise: []string{"1"}}) }()
	wait("first of the second watch")
	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code)
	case <-time.After(time.Minute):
		t.Fatal("watch did not stop when its context was cancelled")
	}
}

func TestVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	code, out, errOut := grade(t, workspace(t), "verify")
	assert.Equal(t, 0, code, "%s\n%s", out, errOut)
	assert.Contains(t, out, "all 4 variants behave as they should")
}

func TestInterspersed(t *testing.T) {
	app := newApp(&env{})
	tests := []struct{ in, want string }{
		{"grade", "grade"},
		{"grade 2 --json", "grade --json 2"},
		{"grade solution 3 --give-up", "grade solution --give-up 3"},
		{"grade --json hint 3", "grade hint --json 3"},
		{"grade 3 --seed 7 -w ws", "grade --seed 7 -w ws 3"},
		{"grade ci --format html=r.html --min-score 60% --format junit", "grade ci --format html=r.html --min-score 60% --format junit"},
		{"grade 3 -- --odd", "grade 3 -- --odd"},
		{"grade 3 list", "grade 3 list"},
		{"grade batch subs --out graded --hidden", "grade batch --out graded --hidden subs"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, strings.Join(interspersed(app, strings.Fields(tt.in)), " "), tt.in)
	}
}

func TestCourseCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	ws := workspace(t)
	out := filepath.Join(t.TempDir(), "release")
	code, stdout, errOut := grade(t, ws, "release", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "files to "+out)
	assert.FileExists(t, filepath.Join(out, "exercises", "tiny", "tiny.go"))
	assert.NoDirExists(t, filepath.Join(out, "exercises", "tiny", "solution"), "no solution in a release")

	// A batch of two submissions (the release as is, and with the solution) and its gradebook.
	subs := filepath.Dir(ws)
	require.NoError(t, os.CopyFS(filepath.Join(subs, "solved"), os.DirFS(ws)))
	swapSolution(t, filepath.Join(subs, "solved"))
	graded := filepath.Join(t.TempDir(), "graded")
	code, stdout, errOut = grade(t, ws, "batch", "--out", graded, "--jobs", "1", subs)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "2 submissions (2 in this shard): 2 graded")
	assert.DirExists(t, filepath.Join(graded, ".cache"), "results shared between submissions")
	assert.NoDirExists(t, filepath.Join(subs, "solved", ".grade", "plots"), "a batch draws no plots by default")

	// --no-timings and --no-cache reach the batch: no durations, no shared results.
	again := filepath.Join(t.TempDir(), "again")
	code, _, errOut = grade(t, ws, "batch", "--out", again, "--no-timings", "--no-cache", subs)
	require.Equal(t, 0, code, errOut)
	result, err := os.ReadFile(filepath.Join(again, "results", "solved.json"))
	require.NoError(t, err)
	assert.Contains(t, string(result), `"duration_ms": 0`)
	assert.NotRegexp(t, `"duration_ms": [1-9]`, string(result))
	assert.NoDirExists(t, filepath.Join(again, ".cache"))

	code, stdout, errOut = grade(t, ws, "gradebook", graded)
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `(?m)^solved,`, stdout)
	assert.Regexp(t, `(?m)^ws,`, stdout)
}

// TestSelectionKeepsNumbers grades the second exercise of a two-exercise course, with grade and
// with grade ci: the report numbers it 2, its place in the course, not 1 of the selection.
// grade ci --no-timings leaves the durations out.
func TestSelectionKeepsNumbers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	ws := workspace(t)
	swapSolution(t, ws)
	require.NoError(t, os.CopyFS(filepath.Join(ws, "exercises", "first"), os.DirFS(filepath.Join(ws, "exercises", "tiny"))))
	first := *course()[0]
	first.Slug, first.Title, first.Dir = "first", "First", "exercises/first"
	for _, args := range [][]string{{"--json", "2"}, {"ci", "--json", "--no-timings", "2"}} {
		e, stdout, stderr := testEnv(ws, nil)
		e.course = append([]*grader.Exercise{&first}, course()...)
		code := run(append([]string{"grade"}, args...), e)
		require.Equal(t, 0, code, "%v\n%s\n%s", args, stdout, stderr)
		r, err := report.ReadJSON(strings.NewReader(stdout.String()))
		require.NoError(t, err, args)
		require.Len(t, r.Exercises, 1, args)
		assert.Equal(t, "tiny", r.Exercises[0].Slug, args)
		assert.Equal(t, 2, r.Exercises[0].Number, "%v: the second exercise of the course stays number 2", args)
		if args[0] == "ci" {
			assert.NotContains(t, stdout.String(), "duration_ms", "grade ci --no-timings")
		}
	}
}

// TestCITimeout grades a Mean that takes 3 s with grade ci --timeout 1s: the exercise's time
// limit runs out.
func TestCITimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	ws := workspace(t)
	require.NoError(t, os.WriteFile(filepath.Join(ws, "exercises", "tiny", "tiny.go"), []byte(
		"package tiny\n\nimport \"time\"\n\nfunc Mean(x []float64) float64 {\n\ttime.Sleep(3 * time.Second)\n\treturn 2.5\n}\n"), 0o644))
	e, stdout, stderr := testEnv(ws, nil)
	code := run([]string{"grade", "ci", "--json", "--timeout", "1s"}, e)
	assert.Equal(t, 1, code, stderr)
	r, err := report.ReadJSON(strings.NewReader(stdout.String()))
	require.NoError(t, err)
	c := r.Exercises[0].Checks[0]
	assert.Equal(t, report.Error, c.Status, c.Message)
	assert.Contains(t, c.Message, "time limit of 1s", "--timeout reaches the grader")
}
