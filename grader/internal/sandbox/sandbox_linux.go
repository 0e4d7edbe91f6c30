package sandbox

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// sandboxID is the user and group id the driver runs as when the grader runs as root
// (65534, "nobody" on most systems).
const sandboxID = 65534

// namespaces is the part of Protection that is made with clone flags.
const namespaces = UserNS | NetNS | PIDNS

// start launches the trampoline with the strongest set of namespaces the kernel accepts,
// falling back to weaker sets when clone refuses.
func start(exe string, sp spec, cfg Config) (*Process, error) {
	want := (Landlock | namespaces) &^ cfg.Disable
	if abi := landlockABI(); abi > 0 && want&Landlock != 0 {
		sp.LandlockABI = abi
	} else {
		want &^= Landlock
	}
	root := os.Geteuid() == 0
	if root {
		sp.UID, sp.GID = sandboxID, sandboxID
		for _, p := range append([]string{filepath.Dir(sp.Dir)}, sp.ReadPaths...) {
			if err := reachable(p); err != nil {
				return nil, fmt.Errorf("sandbox: start: the sandbox user (uid %d) cannot reach %q: %w", sandboxID, p, err)
			}
		}
		if err := os.Lchown(sp.Dir, sandboxID, sandboxID); err != nil {
			return nil, fmt.Errorf("sandbox: start: give scratch folder to the sandbox user: %w", err)
		}
	}
	var lastErr error
	for _, ns := range nsCandidates(want&namespaces, root) {
		sp.Apply = Rlimits | ns | want&Landlock
		p, err := launch(exe, sp, cfg, sysProcAttr(ns, root))
		if err == nil {
			return p, nil
		}
		var se *SetupError
		if errors.As(err, &se) || !isNamespaceErr(err) {
			return nil, err
		}
		lastErr = err
	}
	return nil, lastErr
}

// reachable checks that the sandbox user may search every folder from / down to path, as
// it must to open path by name once it is no longer root.
func reachable(path string) error {
	for p := path; ; p = filepath.Dir(p) {
		var st unix.Stat_t
		if err := unix.Stat(p, &st); err != nil {
			return err
		}
		if st.Mode&unix.S_IFMT == unix.S_IFDIR && st.Mode&0o001 == 0 && st.Uid != sandboxID {
			return fmt.Errorf("others may not search %q (mode %#o): make it searchable (os.Chmod(dir, 0o711)) or use a folder under one that is, such as os.MkdirTemp(\"\", ...)", p, st.Mode&0o7777)
		}
		if p == "/" || p == "." {
			return nil
		}
	}
}

// nsCandidates lists the namespace sets to try, strongest first. Without a user namespace
// only root may create network and PID namespaces.
func nsCandidates(want Protection, root bool) []Protection {
	c := []Protection{want}
	if want&UserNS != 0 && root {
		c = append(c, want&^UserNS)
	}
	if want != 0 {
		c = append(c, 0)
	}
	return c
}

func isNamespaceErr(err error) bool {
	for _, e := range []syscall.Errno{unix.EPERM, unix.EINVAL, unix.ENOSPC, unix.EACCES, unix.EUSERS} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// sysProcAttr returns the attributes of the trampoline process: a session of its own, death
// with the grader, and the namespaces in ns.
func sysProcAttr(ns Protection, root bool) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
	if ns&PIDNS != 0 {
		a.Cloneflags |= unix.CLONE_NEWPID
	}
	if ns&NetNS != 0 {
		// SysV IPC and host name go with the network: same privilege, nothing to share.
		a.Cloneflags |= unix.CLONE_NEWNET | unix.CLONE_NEWIPC | unix.CLONE_NEWUTS
	}
	if ns&UserNS != 0 {
		a.Cloneflags |= unix.CLONE_NEWUSER
		if root {
			// Keep root (to open the driver and build the Landlock rules) and map the
			// sandbox user the trampoline then switches to.
			a.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: 0, Size: 1}, {ContainerID: sandboxID, HostID: sandboxID, Size: 1}}
			a.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: 0, Size: 1}, {ContainerID: sandboxID, HostID: sandboxID, Size: 1}}
			a.GidMappingsEnableSetgroups = true
		} else {
			uid, gid := os.Geteuid(), os.Getegid()
			a.UidMappings = []syscall.SysProcIDMap{{ContainerID: uid, HostID: uid, Size: 1}}
			a.GidMappings = []syscall.SysProcIDMap{{ContainerID: gid, HostID: gid, Size: 1}}
		}
	}
	return a
}

// Probe reports the protections this machine allows for the current user: it asks the
// kernel for its Landlock ABI and tries to create the namespaces (a fork, no exec).
func Probe() Level {
	l := Level{Protections: Rlimits, Unprivileged: os.Geteuid() == 0}
	if abi := landlockABI(); abi > 0 {
		l.Protections |= Landlock
		l.LandlockABI = abi
	}
	root := os.Geteuid() == 0
	for _, ns := range nsCandidates(namespaces, root) {
		if ns == 0 || canClone(ns, root) {
			l.Protections |= ns
			break
		}
	}
	return l
}

// canClone reports whether a child can be started in the namespaces ns, by starting one
// that fails to execute a missing file: ENOENT comes from the child, after the namespaces
// were made.
func canClone(ns Protection, root bool) bool {
	_, err := syscall.ForkExec("/nonexistent/mlkata-sandbox-probe", []string{"probe"},
		&syscall.ProcAttr{Sys: sysProcAttr(ns, root)})
	return errors.Is(err, unix.ENOENT)
}

// waitExited blocks until the process pid has exited, without reaping it.
func waitExited(pid int) {
	var info unix.Siginfo
	for {
		err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if err != unix.EINTR {
			return
		}
	}
}

// killAll kills the driver and everything it started. p.mu is held and the driver is not
// reaped, so its pid (and process group id) are still its own.
func (p *Process) killAll() {
	pid := p.cmd.Process.Pid
	if p.level.Has(PIDNS) {
		// Killing the init of a PID namespace kills every process in it.
		_ = unix.Kill(pid, unix.SIGKILL)
		return
	}
	// Without a PID namespace: stop and kill the descendants that are still linked to the
	// driver, then its process group. A process that double-forked after its parent died
	// and called setsid can escape this; the Level says so.
	if !p.exited {
		// Once the driver has exited its orphans are no longer linked to it: only the
		// process group can still find them.
		killDescendants(pid)
	}
	_ = unix.Kill(-pid, unix.SIGKILL)
	_ = unix.Kill(pid, unix.SIGKILL)
}

// drainGroup, called once the driver is reaped, kills what is left of its process group
// and waits (a little) until it is gone: killed processes take a while to die, and they are
// not our children. Without a PID namespace only; with one, the driver's death was the
// death of everything. A process group id is not reused while the group has members, so
// signalling it after the reap is safe.
func (p *Process) drainGroup() {
	if p.level.Has(PIDNS) {
		return
	}
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		if unix.Kill(-p.cmd.Process.Pid, unix.SIGKILL) == unix.ESRCH {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// killDescendants stops every descendant of pid found in /proc, repeatedly until no new one
// appears (so that none can fork behind the scan), kills them all and waits until they are
// gone (they are not our children, so no Wait will tell). It works through pidfds, so a pid
// reused meanwhile is never signalled.
func killDescendants(pid int) {
	seen := map[int]int{} // pid → pidfd
	defer func() {
		for _, fd := range seen {
			unix.Close(fd)
		}
	}()
	for range 50 {
		found := false
		for _, d := range descendants(pid) {
			if _, ok := seen[d]; ok {
				continue
			}
			fd, err := unix.PidfdOpen(d, 0)
			if err != nil {
				continue // already gone
			}
			seen[d] = fd
			found = true
			_ = unix.PidfdSendSignal(fd, unix.SIGSTOP, nil, 0)
		}
		if !found {
			break
		}
	}
	fds := make([]unix.PollFd, 0, len(seen))
	for _, fd := range seen {
		_ = unix.PidfdSendSignal(fd, unix.SIGKILL, nil, 0)
		fds = append(fds, unix.PollFd{Fd: int32(fd), Events: unix.POLLIN})
	}
	// A pidfd becomes readable when its process has exited.
	deadline := time.Now().Add(5 * time.Second)
	for len(fds) > 0 && time.Now().Before(deadline) {
		if _, err := unix.Poll(fds, 100); err != nil && err != unix.EINTR {
			return
		}
		fds = slices.DeleteFunc(fds, func(f unix.PollFd) bool { return f.Revents != 0 })
	}
}

// descendants returns the pids of the descendants of pid, from the parent links in /proc.
func descendants(pid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := map[int][]int{}
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, ok := parentOf(child); ok {
			children[ppid] = append(children[ppid], child)
		}
	}
	var out []int
	queue := []int{pid}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		for _, c := range children[next] {
			out = append(out, c)
			queue = append(queue, c)
		}
	}
	return out
}

// parentOf reads the parent pid of pid from /proc/pid/stat.
func parentOf(pid int) (int, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// The command name, in parentheses, may contain anything: parse after the last ')'.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(f[1])
	return ppid, err == nil
}

// trampoline applies sp to the current process and executes the driver. It runs on the
// locked main thread and returns only on failure.
func trampoline(sp *spec) error {
	unix.CloseOnExec(sp.StatusFD)
	// os/exec passes only 0, 1, 2 and ExtraFiles on purpose, but a descriptor the grader
	// itself inherited without close-on-exec (from a CI runner, say) would pass too.
	if err := unix.CloseRange(uint(sp.StatusFD+1), ^uint(0), unix.CLOSE_RANGE_CLOEXEC); err != nil {
		for fd := sp.StatusFD + 1; fd < 4096; fd++ {
			unix.CloseOnExec(fd)
		}
	}
	execFD := -1
	if sp.UID > 0 {
		// Open the driver while still root: the sandbox user may not be allowed to search
		// the folders that lead to it.
		fd, err := unix.Open(sp.Path, unix.O_PATH|unix.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("open driver %q: %w", sp.Path, err)
		}
		execFD = fd
	}
	ruleset := -1
	if sp.Apply&Landlock != 0 {
		fd, err := landlockRuleset(sp)
		if err != nil {
			return fmt.Errorf("landlock: %w", err)
		}
		ruleset = fd
	}
	if err := setRlimits(sp.Limits); err != nil {
		return err
	}
	if sp.Apply&UserNS != 0 && sp.UID > 0 {
		// Still root of the sandbox's own user namespace: forbid nested ones, whose
		// capabilities would open kernel interfaces (netfilter, mounts, ...) to the driver.
		// The setting belongs to this namespace only.
		if err := os.WriteFile("/proc/sys/user/max_user_namespaces", []byte("0"), 0); err != nil {
			return fmt.Errorf("forbid nested user namespaces: %w", err)
		}
	}
	if sp.UID > 0 {
		if err := dropRoot(sp.UID, sp.GID); err != nil {
			return err
		}
	}
	// Changing credentials clears the parent-death signal; set it again on this thread.
	if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGKILL), 0, 0, 0); err != nil {
		return fmt.Errorf("prctl(PR_SET_PDEATHSIG): %w", err)
	}
	if sp.Apply&PIDNS == 0 {
		// Without a PID namespace, orphans of the driver's descendants are re-parented to the
		// driver instead of init, so that Kill still finds them through the parent links.
		if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
			return fmt.Errorf("prctl(PR_SET_CHILD_SUBREAPER): %w", err)
		}
	}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("prctl(PR_SET_NO_NEW_PRIVS): %w", err)
	}
	if ruleset >= 0 {
		if _, _, e := unix.RawSyscall(unix.SYS_LANDLOCK_RESTRICT_SELF, uintptr(ruleset), 0, 0); e != 0 {
			return fmt.Errorf("landlock_restrict_self: %w", e)
		}
		unix.Close(ruleset)
	}
	if execFD >= 0 {
		return execveat(execFD, sp.Args, sp.Env)
	}
	if err := syscall.Exec(sp.Path, sp.Args, sp.Env); err != nil {
		return fmt.Errorf("exec %q: %w", sp.Path, err)
	}
	return nil
}

// dropRoot switches this thread (the one that will call execve) to uid and gid with no
// supplementary groups, which also clears its capabilities.
func dropRoot(uid, gid int) error {
	if _, _, e := unix.RawSyscall(unix.SYS_SETGROUPS, 0, 0, 0); e != 0 {
		return fmt.Errorf("setgroups: %w", e)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESGID, uintptr(gid), uintptr(gid), uintptr(gid)); e != 0 {
		return fmt.Errorf("setresgid(%d): %w", gid, e)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, uintptr(uid), uintptr(uid), uintptr(uid)); e != 0 {
		return fmt.Errorf("setresuid(%d): %w", uid, e)
	}
	return nil
}

// execveat executes the file open at fd, like execve.
func execveat(fd int, argv, envv []string) error {
	argvp, err := syscall.SlicePtrFromStrings(argv)
	if err != nil {
		return err
	}
	envvp, err := syscall.SlicePtrFromStrings(envv)
	if err != nil {
		return err
	}
	empty, _ := syscall.BytePtrFromString("")
	_, _, e := unix.RawSyscall6(unix.SYS_EXECVEAT, uintptr(fd), uintptr(unsafe.Pointer(empty)),
		uintptr(unsafe.Pointer(&argvp[0])), uintptr(unsafe.Pointer(&envvp[0])), unix.AT_EMPTY_PATH, 0)
	return fmt.Errorf("execveat %q: %w", argv[0], e)
}

// setRlimits applies lim to the process, never above the current hard limits.
func setRlimits(lim Limits) error {
	set := func(name string, res int, soft, hard uint64) error {
		var cur syscall.Rlimit
		if err := syscall.Getrlimit(res, &cur); err != nil {
			return fmt.Errorf("getrlimit(%s): %w", name, err)
		}
		hard = min(hard, cur.Max)
		soft = min(soft, hard)
		// syscall.Setrlimit, not unix.Setrlimit: for RLIMIT_NOFILE it tells the runtime
		// not to restore its own start-up value on exec.
		if err := syscall.Setrlimit(res, &syscall.Rlimit{Cur: soft, Max: hard}); err != nil {
			return fmt.Errorf("setrlimit(%s, %d): %w", name, soft, err)
		}
		return nil
	}
	if err := set("RLIMIT_CORE", unix.RLIMIT_CORE, 0, 0); err != nil {
		return err
	}
	if lim.CPU > 0 {
		s := uint64(cpuSeconds(lim.CPU) / 1e9)
		if err := set("RLIMIT_CPU", unix.RLIMIT_CPU, s, s); err != nil {
			return err
		}
	}
	for _, l := range []struct {
		name string
		res  int
		v    int64
	}{
		{"RLIMIT_DATA", unix.RLIMIT_DATA, lim.Memory},
		{"RLIMIT_FSIZE", unix.RLIMIT_FSIZE, lim.FileSize},
		{"RLIMIT_NPROC", unix.RLIMIT_NPROC, int64(lim.Processes)},
		{"RLIMIT_NOFILE", unix.RLIMIT_NOFILE, int64(lim.OpenFiles)},
	} {
		if l.v > 0 {
			if err := set(l.name, l.res, uint64(l.v), uint64(l.v)); err != nil {
				return err
			}
		}
	}
	return nil
}
