package build

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var cold = flag.Bool("cold", false, "BenchmarkBuild/cold: build with an empty GOCACHE (≈ half a minute an iteration)")

// benchTargets are three packages that compile (one of them a Source stand-in) and, with
// broken, one that does not, which costs a second `go build`.
func benchTargets(ws string, broken bool) []Target {
	ts := []Target{
		{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}, Forbid: []string{"gonum.org/v1/gonum/stat"}},
		{Slug: "missing", Dir: "exercises/missing", Funcs: []string{"MSE", "RMSE"}},
		{Slug: "solution", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}, Source: filepath.Join(ws, "variants", "ok")},
	}
	if broken {
		ts = append(ts, Target{Slug: "typeerr", Dir: "exercises/typeerr", Funcs: []string{"MSE"}})
	}
	return ts
}

// editOK rewrites the ok exercise's file with a change the compiled code sees, as a
// learner's edit does, so that the package is recompiled and the binary relinked.
func editOK(b *testing.B, ws string, n int) { editOKT(b, ws, n) }

func editOKT(b testing.TB, ws string, n int) {
	file := filepath.Join(ws, "exercises", "ok", "metrics.go")
	src, err := os.ReadFile(filepath.Join("testdata", "ws", "exercises", "ok", "metrics.go"))
	if err != nil {
		b.Fatal(err)
	}
	src = fmt.Appendf(src, "\nvar edits = %d\n", n)
	if err := os.WriteFile(file, src, 0o644); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBuild measures Build on the test workspace:
//   - cold-ish: a fresh copy of the workspace each time, so the learner packages and the
//     driver are compiled and linked anew (their paths changed); the standard library and
//     gonum come from the build cache;
//   - edit: a learner edits one file between builds (one package recompiled, one link);
//   - edit+broken: the same with a target that does not compile (two go builds);
//   - touch: a learner saves a file unchanged (the go command hashes contents: a no-op);
//   - noop: nothing changed (go list and go build, no compile, no link);
//   - cold: an empty GOCACHE (only with -cold).
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	run := func(b *testing.B, ws string, targets []Target, opt Options) {
		b.Helper()
		res, err := Build(ctx, ws, targets, opt)
		if err != nil {
			b.Fatal(err)
		}
		if res.Binary == "" || !res.Targets["ok"].OK {
			b.Fatalf("ok target not built: %+v", res.Targets["ok"])
		}
	}

	b.Run("cold-ish", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			ws := copyWorkspace(b)
			opt := testOptions(b)
			b.StartTimer()
			run(b, ws, benchTargets(ws, false), opt)
		}
	})
	for _, broken := range []bool{false, true} {
		name := "edit"
		if broken {
			name += "+broken"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			ws, opt := copyWorkspace(b), testOptions(b)
			targets := benchTargets(ws, broken)
			run(b, ws, targets, opt)
			n := 0
			for b.Loop() {
				b.StopTimer()
				n++
				editOK(b, ws, n)
				b.StartTimer()
				run(b, ws, targets, opt)
			}
		})
	}
	b.Run("touch", func(b *testing.B) {
		b.ReportAllocs()
		ws, opt := copyWorkspace(b), testOptions(b)
		targets := benchTargets(ws, false)
		run(b, ws, targets, opt)
		file := filepath.Join(ws, "exercises", "ok", "metrics.go")
		for b.Loop() {
			b.StopTimer()
			now := time.Now()
			if err := os.Chtimes(file, now, now); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			run(b, ws, targets, opt)
		}
	})
	b.Run("noop", func(b *testing.B) {
		b.ReportAllocs()
		ws, opt := copyWorkspace(b), testOptions(b)
		targets := benchTargets(ws, false)
		run(b, ws, targets, opt)
		for b.Loop() {
			run(b, ws, targets, opt)
		}
	})
	b.Run("cold", func(b *testing.B) {
		if !*cold {
			b.Skip("run with -cold")
		}
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			ws, opt := copyWorkspace(b), testOptions(b)
			opt.Env = append(opt.Env, "GOCACHE="+b.TempDir())
			b.StartTimer()
			run(b, ws, benchTargets(ws, false), opt)
		}
	})
}
