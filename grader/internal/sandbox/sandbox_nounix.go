//go:build !linux && !darwin

package sandbox

import (
	"errors"
	"syscall"
)

func sysProcAttr() *syscall.SysProcAttr { return nil }

func killGroup(int) {}

func trampoline(*spec) error { return errors.New("sandbox: not supported on this system") }
