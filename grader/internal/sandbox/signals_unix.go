//go:build unix

package sandbox

import "syscall"

const (
	sigXCPU = syscall.SIGXCPU
	sigXFSZ = syscall.SIGXFSZ
)
