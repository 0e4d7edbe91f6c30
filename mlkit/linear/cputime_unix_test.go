//go:build unix

package linear

import (
	"syscall"
	"time"
)

// processCPUTime returns the user+system CPU time used so far by this process (all
// threads). Benchmarks report it per operation as "cpu-ns/op" because wall time on a
// shared machine counts the time other processes held the cores.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
