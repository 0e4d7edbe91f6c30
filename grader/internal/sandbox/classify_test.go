//go:build linux

package sandbox

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestClassifyRuntimeFault feeds Wait's classification what drivers printed on stderr before
// exiting with status 2. testdata/gc-fault.txt is a real crash of the "alloc" test driver at
// a 128 MiB data limit under Go 1.26.8: the garbage collector's nil dereference in
// (*spanQueue).tryDrain, which must count as reaching the memory limit; a nil dereference in
// the learner's own code must not.
func TestClassifyRuntimeFault(t *testing.T) {
	gcFault, err := os.ReadFile("testdata/gc-fault.txt")
	require.NoError(t, err)
	const learnerPanic = "panic: runtime error: invalid memory address or nil pointer dereference\n" +
		"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]\n\n" +
		"goroutine 1 [running]:\nmain.main()\n\t/tmp/x/main.go:7 +0x1d\nexit status 2\n"
	const outOfMemory = "fatal error: out of memory\n\ngoroutine 1 [running]:\n"
	const unexpected = "fatal error: unexpected signal during runtime execution\n" +
		"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x43525d]\n"
	limited := Limits{Memory: 128 << 20}
	cases := []struct {
		name   string
		stderr string
		lim    Limits
		want   Reason
	}{
		{"gc fault at the limit", string(gcFault), limited, ReasonMemory},
		{"unexpected signal in the runtime", unexpected, limited, ReasonMemory},
		{"out of memory", outOfMemory, limited, ReasonMemory},
		{"learner nil dereference", learnerPanic, limited, ReasonExited},
		{"gc fault without a memory limit", string(gcFault), Limits{}, ReasonExited},
	}
	st := exitStatus2(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// One byte at a time: a report split across writes is still found.
			o := &oomWriter{w: &strings.Builder{}}
			for i := range len(tc.stderr) {
				_, err := o.Write([]byte{tc.stderr[i]})
				require.NoError(t, err)
			}
			err := classify(st, false, tc.lim, o.OutOfMemory(), o.RuntimeFault())
			var ee *ExitError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, tc.want, ee.Reason, "%v", err)
		})
	}
}

// exitStatus2 returns the state of a process that exited with status 2, as the Go runtime
// does when it dies.
func exitStatus2(t *testing.T) *os.ProcessState {
	t.Helper()
	cmd := exec.Command("/bin/sh", "-c", "exit 2")
	err := cmd.Run()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee)
	require.Equal(t, 2, ee.ExitCode())
	return cmd.ProcessState
}
