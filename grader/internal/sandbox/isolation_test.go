//go:build linux

package sandbox_test

import (
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

// levels are the protection sets the isolation tests run under: everything this machine
// allows, and each fallback the sandbox takes when the kernel refuses something.
var levels = []struct {
	name    string
	disable sandbox.Protection
}{
	{"full", 0},
	{"no-userns", sandbox.UserNS},
	{"no-namespaces", sandbox.UserNS | sandbox.NetNS | sandbox.PIDNS},
	{"landlock-only-off", sandbox.Landlock},
	{"rlimits-only", sandbox.UserNS | sandbox.NetNS | sandbox.PIDNS | sandbox.Landlock},
}

func TestProbe(t *testing.T) {
	l := sandbox.Probe()
	t.Logf("Probe: %v (Landlock ABI %d)", l, l.LandlockABI)
	assert.True(t, l.Has(sandbox.Rlimits))
	assert.Equal(t, l.Protections.String(), l.String())
	if l.Has(sandbox.Landlock) {
		assert.Contains(t, l.String(), "landlock")
		assert.Positive(t, l.LandlockABI)
	}
	assert.Equal(t, "landlock+userns+netns+pidns+rlimits",
		(sandbox.Rlimits | sandbox.PIDNS | sandbox.NetNS | sandbox.UserNS | sandbox.Landlock).String())
	assert.Equal(t, "rlimits", sandbox.Rlimits.String())
	assert.Equal(t, "none", sandbox.Protection(0).String())
}

// TestLevels starts a driver at each level and checks the level it reports, its user, its
// PID namespace and that the Go runtime starts under every restriction.
func TestLevels(t *testing.T) {
	probe := sandbox.Probe()
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			p, out, _ := start(t, sandbox.Config{Disable: lv.disable}, "whoami")
			require.NoError(t, p.Wait())
			want := probe.Protections &^ lv.disable
			assert.Equal(t, want, p.Level().Protections, "level %v", p.Level())
			if os.Geteuid() == 0 {
				assert.True(t, p.Level().Unprivileged)
				assert.Contains(t, out.String(), "uid=65534 gid=65534")
			}
			if p.Level().Has(sandbox.PIDNS) {
				assert.Contains(t, out.String(), "pid=1 ")
			}
		})
	}
}

func TestExtraFilesPassThrough(t *testing.T) {
	for _, lv := range levels[:1] {
		reqR, reqW, err := os.Pipe()
		require.NoError(t, err)
		respR, respW, err := os.Pipe()
		require.NoError(t, err)
		p, _, _ := start(t, sandbox.Config{Disable: lv.disable, ExtraFiles: []*os.File{reqR, respW}}, "pipes")
		reqR.Close()
		respW.Close()
		_, err = reqW.Write([]byte("ping"))
		require.NoError(t, err)
		reqW.Close()
		b := make([]byte, 64)
		n, err := respR.Read(b)
		require.NoError(t, err)
		assert.Equal(t, "echo ping", string(b[:n]))
		require.NoError(t, p.Wait())
	}
}

// TestNoLeakedDescriptors: a descriptor the grader holds without close-on-exec (as if
// inherited from its own parent) does not reach the driver; ExtraFiles do.
func TestNoLeakedDescriptors(t *testing.T) {
	secret := filepath.Join(scratch(t), "secret")
	require.NoError(t, os.WriteFile(secret, []byte("token"), 0o600))
	fd, err := syscall.Open(secret, syscall.O_RDONLY, 0) // no O_CLOEXEC
	require.NoError(t, err)
	defer syscall.Close(fd)
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			out, _, err := run(t, sandbox.Config{Disable: lv.disable, ExtraFiles: []*os.File{r}}, "fds")
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(out, "open: 3=pipe:"), out)
			assert.NotContains(t, out, secret, "the grader leaks fd %d", fd)
			t.Log(strings.TrimSpace(out)) // the driver's own runtime may hold its cgroup files
		})
	}
}

// TestNoNestedUserNamespaces: with a user namespace (and a grader running as root) the
// driver cannot make another one. Without one, nothing stops it on this kernel.
func TestNoNestedUserNamespaces(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only a root grader forbids nested user namespaces")
	}
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			p, out, _ := start(t, sandbox.Config{Disable: lv.disable}, "userns")
			require.NoError(t, p.Wait())
			if p.Level().Has(sandbox.UserNS) {
				assert.Equal(t, "error: no space left on device\n", out.String())
			} else {
				assert.Equal(t, "made a user namespace\n", out.String(), "the test can fail")
			}
		})
	}
}

func TestNoNetwork(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			out, _, err := run(t, sandbox.Config{Disable: lv.disable}, "connect:"+ln.Addr().String())
			require.NoError(t, err)
			if lv.name == "rlimits-only" {
				// Nothing stops it: the test itself can fail.
				assert.Equal(t, "connected\n", out)
				return
			}
			assert.Contains(t, out, "error:")
		})
	}
}

// TestNoAbstractSockets: the driver cannot reach an abstract Unix socket of the grader's
// (a network namespace has its own; Landlock ABI 6 scopes them), unless both are off.
func TestNoAbstractSockets(t *testing.T) {
	name := fmt.Sprintf("@mlkata-sandbox-test-%d", time.Now().UnixNano())
	ln, err := net.Listen("unix", name)
	require.NoError(t, err)
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	abi := sandbox.Probe().LandlockABI
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			out, _, err := run(t, sandbox.Config{Disable: lv.disable}, "unix:"+name)
			require.NoError(t, err)
			if lv.disable&sandbox.NetNS != 0 && (lv.disable&sandbox.Landlock != 0 || abi < 6) {
				assert.Equal(t, "connected\n", out)
				return
			}
			assert.Contains(t, out, "error:")
		})
	}
}

// TestFileSystem shows that the driver can read and write only where it is allowed, even
// where the permission bits would let it (the secret is world-readable, the other folder
// world-writable), and that without Landlock the same driver can.
func TestFileSystem(t *testing.T) {
	secretDir := scratch(t)
	require.NoError(t, os.Chmod(secretDir, 0o755))
	secret := filepath.Join(secretDir, "secret.txt")
	require.NoError(t, os.WriteFile(secret, []byte("hidden labels"), 0o644))
	allowedDir := scratch(t)
	require.NoError(t, os.Chmod(allowedDir, 0o755))
	allowed := filepath.Join(allowedDir, "fixture.csv")
	require.NoError(t, os.WriteFile(allowed, []byte("x,y"), 0o644))
	otherDir := scratch(t)
	require.NoError(t, os.Chmod(otherDir, 0o777))

	for _, lv := range []struct {
		name     string
		disable  sandbox.Protection
		isolated bool
	}{
		{"full", 0, true},
		{"landlock-no-namespaces", sandbox.UserNS | sandbox.NetNS | sandbox.PIDNS, true},
		{"no-landlock", sandbox.Landlock, false},
	} {
		t.Run(lv.name, func(t *testing.T) {
			cfg := sandbox.Config{Disable: lv.disable, ReadPaths: []string{allowed}}
			out, _, err := run(t, cfg, "read:"+secret)
			require.NoError(t, err)
			if lv.isolated {
				assert.Contains(t, out, "permission denied")
			} else {
				assert.Equal(t, "read: hidden labels\n", out)
			}

			out, _, err = run(t, cfg, "read:"+allowed)
			require.NoError(t, err)
			assert.Equal(t, "read: x,y\n", out)

			target := filepath.Join(otherDir, lv.name+".txt")
			out, _, err = run(t, cfg, "write:"+target)
			require.NoError(t, err)
			_, statErr := os.Stat(target)
			if lv.isolated {
				assert.Contains(t, out, "permission denied")
				assert.ErrorIs(t, statErr, os.ErrNotExist)
			} else {
				assert.Equal(t, "wrote\n", out)
				assert.NoError(t, statErr)
			}

			dir := scratch(t)
			cfg.Dir = dir
			out, _, err = run(t, cfg, "write:"+filepath.Join(dir, "scratch.txt"))
			require.NoError(t, err)
			assert.Equal(t, "wrote\n", out)
		})
	}
}

func TestCannotSignalParent(t *testing.T) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR1)
	defer signal.Stop(sig)
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			out, _, err := run(t, sandbox.Config{Disable: lv.disable}, "kill:"+strconv.Itoa(os.Getpid()))
			require.NoError(t, err)
			assert.Contains(t, out, "error:")
			select {
			case <-sig:
				t.Fatal("the driver signalled the grader")
			case <-time.After(50 * time.Millisecond):
			}
		})
	}
}

// TestKillLeavesNothing starts a driver that starts background processes in sessions of
// their own through intermediates that exit (setsid and a double fork), kills it, and scans
// /proc for survivors.
func TestKillLeavesNothing(t *testing.T) {
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			tag := fmt.Sprintf("%s-%d", t.Name(), time.Now().UnixNano())
			p, out, errOut := start(t, sandbox.Config{Disable: lv.disable, Env: []string{tagEnv + "=" + tag}}, "spawn:3")
			require.Eventually(t, func() bool { return out.String() == "spawned\n" }, 10*time.Second, 10*time.Millisecond,
				"stdout %q stderr %q", out.String(), errOut.String())
			require.Len(t, survivors(tag), 1+3, "the driver and 3 sleepers")
			p.Kill()
			ee := exitError(t, p.Wait())
			assert.Equal(t, sandbox.ReasonKilled, ee.Reason)
			if left := survivors(tag); !assert.Empty(t, left) {
				for _, pid := range left {
					b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
					t.Logf("survivor %d (driver %d): %s", pid, p.Pid(), b)
				}
			}
			p.Kill() // idempotent, safe after Wait
		})
	}
}

// TestExitLeavesNothing: background processes die with the driver even when it exits on its
// own (through Wait).
func TestExitLeavesNothing(t *testing.T) {
	tag := fmt.Sprintf("%s-%d", t.Name(), time.Now().UnixNano())
	p, out, _ := start(t, sandbox.Config{Env: []string{tagEnv + "=" + tag}}, "spawn:2")
	require.Eventually(t, func() bool { return out.String() == "spawned\n" }, 10*time.Second, 10*time.Millisecond)
	// Kill only the driver itself, as a crash would.
	require.NoError(t, syscall.Kill(p.Pid(), syscall.SIGKILL))
	ee := exitError(t, p.Wait())
	assert.Equal(t, sandbox.ReasonSignaled, ee.Reason)
	assert.Empty(t, survivors(tag))
}

func TestForkBombIsContained(t *testing.T) {
	if testing.Short() {
		t.Skip("fork bomb: slow")
	}
	const limit = 64
	for _, lv := range levels {
		t.Run(lv.name, func(t *testing.T) {
			tag := fmt.Sprintf("%s-%d", t.Name(), time.Now().UnixNano())
			p, _, _ := start(t, sandbox.Config{Disable: lv.disable, Env: []string{tagEnv + "=" + tag},
				Limits: sandbox.Limits{Processes: limit}}, "forkbomb")
			peak, peakTasks := 0, 0
			for range 20 {
				pids := survivors(tag)
				peak = max(peak, len(pids))
				peakTasks = max(peakTasks, tasks(pids))
				time.Sleep(50 * time.Millisecond)
			}
			t.Logf("peak %d processes, %d tasks (limit %d tasks)", peak, peakTasks, limit)
			assert.Greater(t, peak, 1, "the bomb did fork")
			// The kernel holds the count at the limit; a /proc scan is not atomic (a process
			// may be counted while its successor already exists), so allow a few tasks more.
			// An unlimited bomb reaches hundreds within the second.
			assert.LessOrEqual(t, peakTasks, limit+4)
			p.Kill()
			ee := exitError(t, p.Wait())
			assert.Equal(t, sandbox.ReasonKilled, ee.Reason)
			assert.Empty(t, survivors(tag))
		})
	}
}
