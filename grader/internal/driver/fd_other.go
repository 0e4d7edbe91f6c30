//go:build !unix

package driver

import "os"

// protocolFiles returns the request and reply pipes as inherited.
func protocolFiles() (in, out *os.File) {
	return os.NewFile(3, "requests"), os.NewFile(4, "replies")
}

// fitMemoryLimit does nothing where there is no RLIMIT_DATA.
func fitMemoryLimit() {}
