//go:build !linux

package sandbox

import (
	"errors"
	"runtime"
)

// start launches the trampoline with a session of its own; this system has no namespaces
// or Landlock, so only rlimits apply.
func start(exe string, sp spec, cfg Config) (*Process, error) {
	if runtime.GOOS != "darwin" {
		return nil, errors.New("sandbox: start: not supported on " + runtime.GOOS)
	}
	sp.Apply = Rlimits
	return launch(exe, sp, cfg, sysProcAttr())
}

// Probe reports the protections this machine allows: rlimits only.
func Probe() Level { return Level{Protections: Rlimits} }

// waitExited returns at once: without waitid(WNOWAIT) the process group is killed only
// before the driver exits.
func waitExited(int) {}

func (p *Process) killAll() {
	if p.exited {
		return
	}
	_ = p.cmd.Process.Kill()
	killGroup(p.cmd.Process.Pid)
}

// drainGroup kills what is left of the driver's process group.
func (p *Process) drainGroup() { killGroup(p.cmd.Process.Pid) }
