package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"
)

// GoCommand returns the go command Build uses when Options.Go is "": the go command of the
// toolchain grade was built with (runtime.GOROOT()/bin/go) when it exists, else "go" on PATH.
// The go command itself switches to the toolchain the workspace's go.mod asks for.
func GoCommand() (string, error) {
	// runtime.GOROOT is deprecated as "the" GOROOT, but as a hint it is what we want: the
	// toolchain grade came from, when it is still there ("" under -trimpath).
	if root := runtime.GOROOT(); root != "" {
		name := filepath.Join(root, "bin", "go")
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		if fi, err := os.Stat(name); err == nil && !fi.IsDir() {
			return name, nil
		}
	}
	name, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("build: %w", errNoGo)
	}
	return name, nil
}

// goRun runs the go command with args in the workspace and returns its standard output and
// standard error. A non-zero exit is not an error here (the go command exits 1 for compile
// errors); failing to start, or the context ending, is.
func (b *builder) goRun(ctx context.Context, args ...string) (stdout, stderr []byte, exitCode int, err error) {
	cmd := exec.CommandContext(ctx, b.goCmd, args...)
	cmd.Dir = b.workspace
	cmd.Env = b.env
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, nil, -1, fmt.Errorf("build: go %s: %w", args[0], ctx.Err())
	}
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return out.Bytes(), errOut.Bytes(), ee.ExitCode(), nil
		}
		return nil, nil, -1, fmt.Errorf("build: run %s: %w", b.goCmd, err)
	}
	return out.Bytes(), errOut.Bytes(), 0, nil
}
