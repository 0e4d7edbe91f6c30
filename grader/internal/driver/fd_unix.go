//go:build unix

package driver

import (
	"os"
	"syscall"
)

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
