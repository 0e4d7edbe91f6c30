package runner

import (
	"errors"
	"fmt"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

// exitReason explains how the driver ended, from the sandbox's Wait error, in words that do not
// change from run to run (no CPU times, no process ids).
func exitReason(err error) string {
	if err == nil {
		return "the program exited with status 0 (does your code call os.Exit?)"
	}
	var e *sandbox.ExitError
	if !errors.As(err, &e) {
		return "the program ended: " + err.Error()
	}
	switch e.Reason {
	case sandbox.ReasonCPU:
		return fmt.Sprintf("the program used up its CPU time limit of %v", e.Limits.CPU)
	case sandbox.ReasonMemory:
		return fmt.Sprintf("the program ran out of memory (limit %d MiB): does your code allocate without bound?", e.Limits.Memory>>20)
	case sandbox.ReasonFileSize:
		return fmt.Sprintf("the program wrote a file larger than the limit of %d bytes", e.Limits.FileSize)
	case sandbox.ReasonSignaled:
		return fmt.Sprintf("the program was killed by signal %v", e.Signal)
	case sandbox.ReasonKilled:
		return "the program was killed"
	}
	switch e.Code {
	case 2:
		return "the program crashed (exit status 2: a panic outside the called function, or a fatal runtime error)"
	default:
		return fmt.Sprintf("the program exited with status %d (does your code call os.Exit or log.Fatal?)", e.Code)
	}
}
