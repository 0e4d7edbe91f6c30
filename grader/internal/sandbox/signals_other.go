//go:build !unix

package sandbox

import "syscall"

// Never received here; the values only keep classify portable.
const (
	sigXCPU = syscall.Signal(-1)
	sigXFSZ = syscall.Signal(-2)
)
