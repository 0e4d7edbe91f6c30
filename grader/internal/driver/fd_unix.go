//go:build unix

package driver

import (
	"os"
	"runtime/debug"
	"syscall"
)

// fitMemoryLimit sets the Go runtime's soft memory limit to 3/4 of the data-segment limit the
// sandbox set (RLIMIT_DATA), so that the garbage collector works harder near the limit instead
// of letting a large but finite computation die of it, and the largest goroutine stack to 1/4.
func fitMemoryLimit() {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &rl); err != nil || rl.Cur == ^uint64(0) || rl.Cur == 0 {
		return
	}
	if rl.Cur < 1<<62 {
		debug.SetMemoryLimit(int64(rl.Cur / 4 * 3))
		// A recursion without end should die of "stack overflow", not of the memory limit.
		debug.SetMaxStack(int(min(rl.Cur/4, 1<<30)))
	}
}

// protocolFiles returns the request and reply pipes, moved away from fds 3 and 4.
func protocolFiles() (in, out *os.File) {
	return moveFD(3, "requests"), moveFD(4, "replies")
}

// moveFD duplicates fd to a new close-on-exec descriptor and closes fd. If that fails it keeps
// fd as it is.
func moveFD(fd int, name string) *os.File {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return os.NewFile(uintptr(fd), name)
	}
	syscall.CloseOnExec(nfd)
	_ = syscall.Close(fd)
	return os.NewFile(uintptr(nfd), name)
}
