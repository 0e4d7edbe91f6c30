//go:build linux

package sandbox_test

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

// behaviourEnv selects what the test binary does when a test starts it as a driver.
const behaviourEnv = "SANDBOX_TEST_BEHAVIOUR"

func TestMain(m *testing.M) {
	sandbox.Main()
	if b, ok := os.LookupEnv(behaviourEnv); ok {
		os.Exit(behave(b))
	}
	os.Exit(m.Run())
}

// behave runs one driver behaviour, "name" or "name:argument", and returns the exit status.
func behave(b string) int {
	name, arg, _ := strings.Cut(b, ":")
	switch name {
	case "exit":
		n, _ := strconv.Atoi(arg)
		return n
	case "echo":
		fmt.Println("out:" + arg)
		fmt.Fprintln(os.Stderr, "err:"+arg)
		return 0
	case "env":
		for _, kv := range os.Environ() {
			fmt.Println(kv)
		}
		return 0
	case "whoami":
		wd, _ := os.Getwd()
		fmt.Printf("pid=%d uid=%d gid=%d wd=%s\n", os.Getpid(), os.Getuid(), os.Getgid(), wd)
		return 0
	case "cpu":
		x := 0
		for {
			x++
		}
	case "alloc":
		var keep [][]byte
		for {
			b := make([]byte, 1<<20)
			for i := range b {
				b[i] = 1
			}
			keep = append(keep, b)
		}
	case "fsize":
		f, err := os.Create("big")
		if err != nil {
			fmt.Println("create:", err)
			return 3
		}
		chunk := make([]byte, 1<<16)
		for written := 0; ; written += len(chunk) {
			if _, err := f.Write(chunk); err != nil {
				fmt.Printf("write after %d bytes: %v\n", written, err)
				return 4
			}
		}
	case "read":
		b, err := os.ReadFile(arg)
		if err != nil {
			fmt.Println("error:", err)
			return 0
		}
		fmt.Println("read:", string(b))
		return 0
	case "write":
		if err := os.WriteFile(arg, []byte("pwned"), 0o644); err != nil {
			fmt.Println("error:", err)
			return 0
		}
		fmt.Println("wrote")
		return 0
	case "connect":
		c, err := net.DialTimeout("tcp", arg, 2*time.Second)
		if err != nil {
			fmt.Println("error:", err)
			return 0
		}
		c.Close()
		fmt.Println("connected")
		return 0
	case "kill":
		pid, _ := strconv.Atoi(arg)
		if err := syscall.Kill(pid, syscall.SIGUSR1); err != nil {
			fmt.Println("error:", err)
			return 0
		}
		fmt.Println("signalled")
		return 0
	case "pipes":
		// Read a line from fd 3, answer on fd 4.
		in, out := os.NewFile(3, "in"), os.NewFile(4, "out")
		buf := make([]byte, 64)
		n, err := in.Read(buf)
		if err != nil {
			fmt.Println("read fd 3:", err)
			return 3
		}
		if _, err := fmt.Fprintf(out, "echo %s", buf[:n]); err != nil {
			fmt.Println("write fd 4:", err)
			return 4
		}
		return 0
	case "spawn":
		// Start arg copies of the "sleep" behaviour in the background, each in a session of
		// its own (setsid) and through an intermediate that exits (a double fork), then
		// report and sleep.
		n, _ := strconv.Atoi(arg)
		for range n {
			if err := self("detach", true).Run(); err != nil {
				fmt.Println("spawn:", err)
				return 3
			}
		}
		fmt.Println("spawned")
		time.Sleep(time.Hour)
		return 0
	case "detach":
		if err := self("sleep", true).Start(); err != nil {
			return 3
		}
		return 0
	case "runtime":
		// What the Go runtime reads at start-up may be denied: show that it runs anyway.
		_, procErr := os.ReadFile("/proc/self/cgroup")
		_, sysErr := os.ReadFile("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")
		fmt.Printf("GOMAXPROCS=%d NumCPU=%d proc=%v sys=%v\n", runtime.GOMAXPROCS(0), runtime.NumCPU(), procErr != nil, sysErr != nil)
		return 0
	case "vm":
		// The Go runtime's address-space reservation against its data segment.
		b, err := os.ReadFile("/proc/self/status")
		if err != nil {
			fmt.Println("error:", err)
			return 3
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "VmSize:") || strings.HasPrefix(line, "VmData:") {
				fmt.Println(strings.Join(strings.Fields(line), " "))
			}
		}
		return 0
	case "grader":
		// Act as a grader: start a sleeping driver, report its pid, then wait to be killed.
		exe, _ := os.Executable()
		dir, _ := os.MkdirTemp("", "sandbox-grader-")
		p, err := sandbox.Start(sandbox.Config{Dir: dir, Env: []string{behaviourEnv + "=sleep", tagEnv + "=" + os.Getenv(tagEnv)}}, exe)
		if err != nil {
			fmt.Println("start:", err)
			return 3
		}
		fmt.Println(p.Pid())
		time.Sleep(time.Hour)
		return 0
	case "nouserns-grader":
		// Act as a grader on a machine without user namespaces: this process is root in a
		// user namespace of its own whose limit of nested user namespaces is 0.
		if err := os.WriteFile("/proc/sys/user/max_user_namespaces", []byte("0"), 0); err != nil {
			fmt.Println("limit user namespaces:", err)
			return 3
		}
		exe, _ := os.Executable()
		dir, _ := os.MkdirTemp("", "sandbox-nouserns-")
		defer os.RemoveAll(dir)
		var out strings.Builder
		p, err := sandbox.Start(sandbox.Config{Dir: dir, Stdout: &out, Env: []string{behaviourEnv + "=whoami"}}, exe)
		if err != nil {
			fmt.Println("start:", err)
			return 3
		}
		err = p.Wait()
		fmt.Printf("probe=%v level=%v err=%v %s", sandbox.Probe(), p.Level(), err, out.String())
		return 0
	case "rlimits":
		for _, r := range []struct {
			name string
			res  int
		}{{"cpu", unix.RLIMIT_CPU}, {"data", unix.RLIMIT_DATA}, {"fsize", unix.RLIMIT_FSIZE},
			{"nproc", unix.RLIMIT_NPROC}, {"nofile", unix.RLIMIT_NOFILE}, {"core", unix.RLIMIT_CORE}} {
			var l unix.Rlimit
			if err := unix.Getrlimit(r.res, &l); err != nil {
				fmt.Println("error:", err)
				return 3
			}
			fmt.Printf("%s=%d/%d\n", r.name, l.Cur, l.Max)
		}
		return 0
	case "openfiles":
		n := 0
		for ; n < 100000; n++ {
			if _, err := os.Open(os.DevNull); err != nil {
				fmt.Printf("opened %d: %v\n", n, err)
				return 0
			}
		}
		fmt.Printf("opened %d\n", n)
		return 0
	case "unix":
		c, err := net.DialTimeout("unix", arg, 2*time.Second)
		if err != nil {
			fmt.Println("error:", err)
			return 0
		}
		c.Close()
		fmt.Println("connected")
		return 0
	case "fds":
		// Which descriptors above 2 are open?
		var open []string
		for fd := 3; fd < 256; fd++ {
			var st unix.Stat_t
			if unix.Fstat(fd, &st) == nil {
				target, _ := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd)) // "" under Landlock
				open = append(open, strconv.Itoa(fd)+"="+target)
			}
		}
		fmt.Println("open:", strings.Join(open, ","))
		return 0
	case "userns":
		// A child in a new user namespace that then fails to execute a missing file: ENOENT
		// comes from the child, so the namespace was made.
		_, err := syscall.ForkExec("/nonexistent/x", []string{"x"},
			&syscall.ProcAttr{Sys: &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER}})
		if !errors.Is(err, syscall.ENOENT) {
			fmt.Println("error:", err)
			return 0
		}
		fmt.Println("made a user namespace")
		return 0
	case "report-level":
		// Act as a grader: start a whoami driver and report what happened.
		exe, _ := os.Executable()
		dir, _ := os.MkdirTemp("", "sandbox-grader-")
		defer os.RemoveAll(dir)
		var out strings.Builder
		p, err := sandbox.Start(sandbox.Config{Dir: dir, Stdout: &out, Env: []string{behaviourEnv + "=whoami"}}, exe)
		if err != nil {
			fmt.Println("start:", err)
			return 3
		}
		err = p.Wait()
		fmt.Printf("probe=%v level=%v unprivileged=%v err=%v %s", sandbox.Probe(), p.Level(), p.Level().Unprivileged, err, out.String())
		// The driver runs as the grader's own user: it still cannot signal the grader.
		out.Reset()
		p, err = sandbox.Start(sandbox.Config{Dir: dir, Stdout: &out, Env: []string{behaviourEnv + "=kill:" + strconv.Itoa(os.Getpid())}}, exe)
		if err != nil {
			fmt.Println("start:", err)
			return 3
		}
		_ = p.Wait()
		fmt.Print("kill ", out.String())
		return 0
	case "sleep":
		time.Sleep(time.Hour)
		return 0
	case "forkbomb":
		for {
			c := self("forkbomb", false)
			if err := c.Start(); err != nil {
				// Out of processes: keep trying, as a bomb would.
				time.Sleep(time.Millisecond)
			}
		}
	}
	fmt.Fprintln(os.Stderr, "unknown behaviour", b)
	return 99
}

// self returns a command that runs this binary (through /proc/self/exe, which needs no search
// permission on its folders) with behaviour b, the same environment otherwise.
func self(b string, setsid bool) *exec.Cmd {
	c := exec.Command("/proc/self/exe")
	c.Env = append(os.Environ(), behaviourEnv+"="+b)
	c.SysProcAttr = &syscall.SysProcAttr{Setsid: setsid}
	return c
}

// tagEnv marks every process a test starts, so that survivors can be found in /proc.
const tagEnv = "SANDBOX_TEST_TAG"

// survivors returns the pids of live processes whose environment holds tagEnv=tag.
func survivors(tag string) []int {
	entries, _ := os.ReadDir("/proc")
	want := []byte(tagEnv + "=" + tag + "\x00")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err != nil || !bytes.Contains(env, want) {
			continue
		}
		if st, err := os.ReadFile("/proc/" + e.Name() + "/stat"); err == nil {
			if i := bytes.LastIndexByte(st, ')'); i > 0 && i+2 < len(st) && st[i+2] == 'Z' {
				continue // a zombie is dead; only its parent's wait is missing
			}
		}
		pids = append(pids, pid)
	}
	return pids
}

// tasks counts the tasks (threads) of the processes pids.
func tasks(pids []int) int {
	n := 0
	for _, pid := range pids {
		entries, _ := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
		n += len(entries)
	}
	return n
}
