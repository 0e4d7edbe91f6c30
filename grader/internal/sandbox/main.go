package sandbox

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
)

func init() {
	// In a trampoline, keep the main goroutine on the main thread from here on: the
	// per-thread settings (no_new_privs, Landlock, the parent-death signal, the user) must
	// be made on the thread that calls execve.
	if _, ok := os.LookupEnv(trampolineEnv); ok {
		runtime.LockOSThread()
	}
}

// Main must be the first statement of the main function of any program that calls Start
// (and of TestMain in any package whose tests do). When the process was started by Start as
// a trampoline, Main applies the limits and restrictions to the process and executes the
// driver in its place: it never returns, and if it cannot execute the driver it reports why
// to Start and exits with status 127. Otherwise it returns at once.
func Main() {
	v, ok := os.LookupEnv(trampolineEnv)
	if !ok {
		return
	}
	runtime.LockOSThread()
	var sp spec
	status := os.Stderr
	err := json.Unmarshal([]byte(v), &sp)
	if err == nil {
		if sp.StatusFD > 2 {
			status = os.NewFile(uintptr(sp.StatusFD), "status")
			_, _ = status.Write([]byte{trampolineHello})
		}
		err = trampoline(&sp) // returns only on failure
	} else {
		err = fmt.Errorf("decode spec: %w", err)
	}
	fmt.Fprint(status, err.Error())
	os.Exit(setupFailed)
}
