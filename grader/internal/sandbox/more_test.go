//go:build linux

package sandbox_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

// TestRuntimeStartsUnderLandlock: the Go runtime of the driver is denied /proc and /sys (it
// reads cgroup and huge-page settings at start) and starts all the same.
func TestRuntimeStartsUnderLandlock(t *testing.T) {
	out, errOut, err := run(t, sandbox.Config{}, "runtime")
	require.NoError(t, err, errOut)
	if sandbox.Probe().Has(sandbox.Landlock) {
		assert.Regexp(t, `^GOMAXPROCS=\d+ NumCPU=\d+ proc=true sys=true\n$`, out)
	}
}

// TestMemoryLimitMechanism shows why Limits.Memory is RLIMIT_DATA and not RLIMIT_AS: a Go
// program that has done nothing yet has reserved over a gigabyte of address space, while its
// data segment is a fraction of it (about 40 MiB for a static binary; this cgo test binary has
// more, since every thread's 8 MiB C stack counts as data).
func TestMemoryLimitMechanism(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector needs more memory than the limit")
	}
	out, _, err := run(t, sandbox.Config{Disable: sandbox.Landlock}, "vm")
	require.NoError(t, err)
	kb := map[string]int64{}
	for _, m := range regexp.MustCompile(`(Vm\w+): (\d+) kB`).FindAllStringSubmatch(out, -1) {
		kb[m[1]], _ = strconv.ParseInt(m[2], 10, 64)
	}
	t.Logf("driver at start: VmSize %d MiB, VmData %d MiB", kb["VmSize"]>>10, kb["VmData"]>>10)
	assert.Greater(t, kb["VmSize"], int64(1<<20), "address space > 1 GiB: RLIMIT_AS would have to be above it")
	assert.Less(t, kb["VmData"], kb["VmSize"]/4, "data segment < a quarter of the address space")

	// The same driver under a 128 MiB data limit runs; allocation stops at the limit and
	// the grader (this process) is untouched.
	_, _, err = run(t, sandbox.Config{Limits: sandbox.Limits{Memory: 128 << 20}}, "whoami")
	require.NoError(t, err)
	_, _, err = run(t, sandbox.Config{Limits: sandbox.Limits{Memory: 128 << 20}}, "alloc")
	assert.Equal(t, sandbox.ReasonMemory, exitError(t, err).Reason)
	big := make([]byte, 256<<20) // the grader can still allocate more than the driver could
	for i := range big {
		big[i] = 1
	}
	assert.Equal(t, byte(1), big[len(big)-1])
}

// TestDriverDiesWithGrader kills a grader (this binary, started as one) with SIGKILL and
// checks that its driver dies too (PR_SET_PDEATHSIG).
func TestDriverDiesWithGrader(t *testing.T) {
	tag := fmt.Sprintf("%s-%d", t.Name(), time.Now().UnixNano())
	exe, err := os.Executable()
	require.NoError(t, err)
	g := exec.Command(exe)
	g.Env = []string{behaviourEnv + "=grader", tagEnv + "=" + tag}
	stdout, err := g.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, g.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	driver, err := strconv.Atoi(strings.TrimSpace(line))
	require.NoError(t, err, line)
	require.Contains(t, survivors(tag), driver)

	require.NoError(t, g.Process.Kill())
	_ = g.Wait()
	assert.Eventually(t, func() bool { return len(survivors(tag)) == 0 }, 5*time.Second, 10*time.Millisecond,
		"the driver outlived its grader")
}

// TestWithoutUserNamespaces runs a grader where the kernel refuses user namespaces (a user
// namespace of the test's own whose max_user_namespaces is 0): Start falls back to the
// namespaces root can make without one, and Probe and Level say so.
func TestWithoutUserNamespaces(t *testing.T) {
	if os.Geteuid() != 0 || !sandbox.Probe().Has(sandbox.UserNS) {
		t.Skip("needs root and user namespaces to build the test's namespace")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	g := exec.Command(exe)
	g.Env = []string{behaviourEnv + "=nouserns-grader"}
	ids := []syscall.SysProcIDMap{{ContainerID: 0, HostID: 0, Size: 1}, {ContainerID: 65534, HostID: 65534, Size: 1}}
	g.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER, UidMappings: ids, GidMappings: ids, GidMappingsEnableSetgroups: true}
	out, err := g.CombinedOutput()
	require.NoError(t, err, string(out))
	want := "landlock+netns+pidns+rlimits"
	if !sandbox.Probe().Has(sandbox.Landlock) {
		want = "netns+pidns+rlimits"
	}
	assert.Equal(t, fmt.Sprintf("probe=%s level=%s err=<nil> pid=1 uid=65534 gid=65534", want, want),
		strings.Split(string(out), " wd=")[0])
}

// TestProgramWithoutMain: a program that calls Start but forgot Main gets an error that says
// so, and no process is left behind.
func TestProgramWithoutMain(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "nomain")
	build := exec.Command(goBin, "build", "-o", bin, "./testdata/nomain")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	out, err = exec.Command(bin).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, "sandbox: trampoline: "+bin+" did not act as a trampoline: its main (or TestMain) must call sandbox.Main first\n", string(out))
}

// TestUnprivilegedGrader runs a grader as an ordinary user (uid 65534, as on a CI runner
// that is not root): the user namespace maps that user to itself and nothing needs root.
func TestUnprivilegedGrader(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to start a grader as another user")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	// The test binary's own folder is private to root: run a copy.
	dir := scratch(t)
	require.NoError(t, os.Chmod(dir, 0o755))
	b, err := os.ReadFile(exe)
	require.NoError(t, err)
	cp := filepath.Join(dir, "sandbox.test")
	require.NoError(t, os.WriteFile(cp, b, 0o755))
	g := exec.Command(cp)
	g.Env = []string{behaviourEnv + "=report-level"}
	g.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := g.CombinedOutput()
	require.NoError(t, err, string(out))
	want := sandbox.Probe()
	want.Unprivileged = false
	lines := strings.Split(string(out), "\n")
	require.Len(t, lines, 3, string(out))
	assert.Equal(t, fmt.Sprintf("probe=%v level=%v unprivileged=false err=<nil> pid=1 uid=65534 gid=65534", want, want),
		strings.Split(lines[0], " wd=")[0])
	assert.Contains(t, lines[1], "kill error:")
}

func TestKillDuringWait(t *testing.T) {
	p, _, _ := start(t, sandbox.Config{}, "sleep")
	done := make(chan error)
	go func() { done <- p.Wait() }()
	time.Sleep(20 * time.Millisecond)
	p.Kill()
	p.Kill()
	err := <-done
	assert.Equal(t, sandbox.ReasonKilled, exitError(t, err).Reason)
	assert.Equal(t, err, p.Wait(), "Wait again returns the same result")
}

func TestKillAfterExit(t *testing.T) {
	p, _, _ := start(t, sandbox.Config{}, "exit:0")
	require.NoError(t, p.Wait())
	p.Kill() // the pid may belong to someone else now: must be a no-op
	require.NoError(t, p.Wait())
	assert.NoError(t, syscall.Kill(os.Getpid(), 0))
}

func TestExitErrorMessages(t *testing.T) {
	lim := sandbox.Limits{CPU: 1500 * time.Millisecond, Memory: 256 << 20, FileSize: 1 << 20}
	for _, tc := range []struct {
		e    sandbox.ExitError
		want string
	}{
		{sandbox.ExitError{Reason: sandbox.ReasonExited, Code: 3}, "sandbox: driver exited with status 3"},
		{sandbox.ExitError{Reason: sandbox.ReasonSignaled, Code: -1, Signal: syscall.SIGSEGV}, "sandbox: driver killed by signal segmentation fault"},
		{sandbox.ExitError{Reason: sandbox.ReasonKilled, Code: -1, Signal: syscall.SIGKILL}, "sandbox: driver killed"},
		{sandbox.ExitError{Reason: sandbox.ReasonCPU, Limits: lim}, "sandbox: driver reached its CPU time limit of 2s"},
		{sandbox.ExitError{Reason: sandbox.ReasonMemory, Limits: lim}, "sandbox: driver ran out of memory (limit 256 MiB)"},
		{sandbox.ExitError{Reason: sandbox.ReasonFileSize, Limits: lim}, "sandbox: driver exceeded the file size limit of 1048576 bytes"},
	} {
		t.Run(tc.e.Reason.String(), func(t *testing.T) {
			assert.Equal(t, tc.want, tc.e.Error())
		})
	}
	assert.Equal(t, "Reason(42)", sandbox.Reason(42).String())
}

func ExampleStart() {
	dir, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(dir)
	exe, _ := os.Executable() // this test binary: TestMain runs the behaviour it is given
	p, err := sandbox.Start(sandbox.Config{
		Limits: sandbox.Limits{CPU: 10 * time.Second, Memory: 1 << 30, FileSize: 1 << 20, Processes: 64, OpenFiles: 64},
		Dir:    dir,
		Env:    []string{"SANDBOX_TEST_BEHAVIOUR=exit:3"},
		Stdout: os.Stdout,
	}, exe)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Wait())
	// Output: sandbox: driver exited with status 3
}
