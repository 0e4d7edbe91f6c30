//go:build linux

package sandbox_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of os/exec's copiers.
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

// run starts the test binary with behaviour b in a sandbox made from cfg (Dir and the
// behaviour variable filled in), waits for it and returns its stdout, stderr and Wait error.
func run(t *testing.T, cfg sandbox.Config, b string) (stdout, stderr string, err error) {
	t.Helper()
	p, out, errOut := start(t, cfg, b)
	err = p.Wait()
	return out.String(), errOut.String(), err
}

func start(t *testing.T, cfg sandbox.Config, b string) (*sandbox.Process, *syncBuffer, *syncBuffer) {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	if cfg.Dir == "" {
		cfg.Dir = scratch(t)
	}
	cfg.Env = append(cfg.Env, "SANDBOX_TEST_BEHAVIOUR="+b)
	out, errOut := &syncBuffer{}, &syncBuffer{}
	cfg.Stdout, cfg.Stderr = out, errOut
	p, err := sandbox.Start(cfg, exe)
	require.NoError(t, err)
	t.Cleanup(func() { p.Kill(); _ = p.Wait() })
	return p, out, errOut
}

func exitError(t *testing.T, err error) *sandbox.ExitError {
	t.Helper()
	var ee *sandbox.ExitError
	require.True(t, errors.As(err, &ee), "want *sandbox.ExitError, got %T: %v", err, err)
	return ee
}

func TestExitAndOutput(t *testing.T) {
	out, errOut, err := run(t, sandbox.Config{}, "echo:hi")
	require.NoError(t, err)
	assert.Equal(t, "out:hi\n", out)
	assert.Equal(t, "err:hi\n", errOut)

	_, _, err = run(t, sandbox.Config{}, "exit:3")
	ee := exitError(t, err)
	assert.Equal(t, sandbox.ReasonExited, ee.Reason)
	assert.Equal(t, 3, ee.Code)
}

func TestStartErrors(t *testing.T) {
	_, err := sandbox.Start(sandbox.Config{}, "/bin/true")
	require.ErrorContains(t, err, "Dir is empty")
	_, err = sandbox.Start(sandbox.Config{Dir: scratch(t)}, "/nonexistent/driver")
	var se *sandbox.SetupError
	require.True(t, errors.As(err, &se), "got %T: %v", err, err)
	assert.Contains(t, err.Error(), "/nonexistent/driver")
}

func TestStartSetupErrors(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	_, err = sandbox.Start(sandbox.Config{Dir: scratch(t), ReadPaths: []string{"/nonexistent/fixture.csv"}}, exe)
	if sandbox.Probe().Has(sandbox.Landlock) || os.Geteuid() == 0 {
		// Found missing by the reachability check (root) or the Landlock rules.
		require.ErrorContains(t, err, "/nonexistent/fixture.csv")
	}
	if os.Geteuid() == 0 {
		_, err = sandbox.Start(sandbox.Config{Dir: t.TempDir()}, exe) // its parent is private
		assert.ErrorContains(t, err, "the sandbox user (uid 65534) cannot reach")
	}
}

// TestRlimits reads the limits back inside the driver.
func TestRlimits(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector needs more memory than the limit")
	}
	lim := sandbox.Limits{CPU: 2500 * time.Millisecond, Memory: 300 << 20, FileSize: 5 << 20, Processes: 77, OpenFiles: 33}
	out, _, err := run(t, sandbox.Config{Limits: lim}, "rlimits")
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("cpu=3/3\ndata=%[1]d/%[1]d\nfsize=%[2]d/%[2]d\nnproc=77/77\nnofile=33/33\ncore=0/0\n",
		300<<20, 5<<20), out, "CPU rounded up to whole seconds, no core dumps")

	out, _, err = run(t, sandbox.Config{Limits: lim}, "openfiles")
	require.NoError(t, err)
	// 0, 1, 2 and the Go runtime's own descriptors are open already.
	assert.Regexp(t, `^opened \d+: open /dev/null: too many open files\n$`, out)
	var n int
	_, err = fmt.Sscanf(out, "opened %d", &n)
	require.NoError(t, err)
	assert.Less(t, n, 33)
	assert.Greater(t, n, 20)
}

func TestEnvironmentIsScrubbed(t *testing.T) {
	t.Setenv("GITHUB_TOKEN", "ghp_secret")
	dir := scratch(t)
	out, _, err := run(t, sandbox.Config{Dir: dir, Env: []string{"KEEP=1"}}, "env")
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"KEEP=1", "SANDBOX_TEST_BEHAVIOUR=env"}, strings.Fields(out))
	assert.NotContains(t, out, "ghp_secret")
}

func TestCPULimit(t *testing.T) {
	start := time.Now()
	_, _, err := run(t, sandbox.Config{Limits: sandbox.Limits{CPU: time.Second}}, "cpu")
	ee := exitError(t, err)
	assert.Equal(t, sandbox.ReasonCPU, ee.Reason, "%v (CPU %v)", err, ee.CPU)
	assert.GreaterOrEqual(t, ee.CPU, 750*time.Millisecond, "CPU time reported by wait4")
	t.Logf("%v after %v wall", err, time.Since(start))
}

func TestMemoryLimit(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector needs more memory than the limit")
	}
	_, stderr, err := run(t, sandbox.Config{Limits: sandbox.Limits{Memory: 128 << 20}}, "alloc")
	ee := exitError(t, err)
	assert.Equal(t, sandbox.ReasonMemory, ee.Reason, "%v\n%s", err, lastLines(stderr, 5))
}

func TestFileSizeLimit(t *testing.T) {
	dir := scratch(t)
	out, _, err := run(t, sandbox.Config{Dir: dir, Limits: sandbox.Limits{FileSize: 1 << 20}}, "fsize")
	ee := exitError(t, err)
	assert.Equal(t, 4, ee.Code, out)
	assert.Contains(t, out, "file too large")
	fi, err := os.Stat(dir + "/big")
	require.NoError(t, err)
	assert.Equal(t, int64(1<<20), fi.Size())
}

// scratch returns a new folder under os.TempDir, which the sandbox user may reach (the
// parent of t.TempDir is private to root), removed at the end of the test.
func scratch(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "sandbox-test-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
