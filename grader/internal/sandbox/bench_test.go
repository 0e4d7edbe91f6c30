//go:build linux

package sandbox_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

// BenchmarkPlainExec is the baseline: start this binary as a driver that exits at once,
// with os/exec and no sandbox.
func BenchmarkPlainExec(b *testing.B) {
	b.ReportAllocs()
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c := exec.Command(exe)
		c.Env = []string{behaviourEnv + "=exit:0"}
		if err := c.Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStart starts the same driver through the trampoline at each level; the
// difference from BenchmarkPlainExec is the trampoline's start-up cost.
func BenchmarkStart(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "sandbox-bench-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	for _, lv := range append(levels, struct {
		name    string
		disable sandbox.Protection
	}{"no-netns", sandbox.NetNS}, struct {
		name    string
		disable sandbox.Protection
	}{"no-pidns", sandbox.PIDNS}) {
		b.Run(lv.name, func(b *testing.B) {
			b.ReportAllocs()
			cfg := sandbox.Config{Dir: dir, Disable: lv.disable, Env: []string{behaviourEnv + "=exit:0"},
				Limits: sandbox.Limits{CPU: 10e9, Memory: 512 << 20, FileSize: 1 << 20, Processes: 64, OpenFiles: 64}}
			for b.Loop() {
				p, err := sandbox.Start(cfg, exe)
				if err != nil {
					b.Fatal(err)
				}
				if err := p.Wait(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkProbe(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sandbox.Probe()
	}
}
