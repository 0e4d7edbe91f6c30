//go:build darwin

package sandbox

import (
	"fmt"
	"syscall"

	"golang.org/x/sys/unix"
)

func sysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }

func killGroup(pid int) { _ = unix.Kill(-pid, unix.SIGKILL) }

// trampoline applies the rlimits and executes the driver.
func trampoline(sp *spec) error {
	unix.CloseOnExec(sp.StatusFD)
	lim := sp.Limits
	set := func(res int, v uint64) error {
		var cur syscall.Rlimit
		if err := syscall.Getrlimit(res, &cur); err != nil {
			return err
		}
		v = min(v, cur.Max)
		return syscall.Setrlimit(res, &syscall.Rlimit{Cur: v, Max: v})
	}
	for _, l := range []struct {
		res int
		v   int64
	}{
		{unix.RLIMIT_CORE, 0},
		{unix.RLIMIT_CPU, int64(cpuSeconds(lim.CPU) / 1e9)},
		{unix.RLIMIT_DATA, lim.Memory},
		{unix.RLIMIT_FSIZE, lim.FileSize},
		{unix.RLIMIT_NPROC, int64(lim.Processes)},
		{unix.RLIMIT_NOFILE, int64(lim.OpenFiles)},
	} {
		if l.v > 0 || l.res == unix.RLIMIT_CORE {
			if err := set(l.res, uint64(l.v)); err != nil {
				return fmt.Errorf("setrlimit(%d): %w", l.res, err)
			}
		}
	}
	return syscall.Exec(sp.Path, sp.Args, sp.Env)
}
