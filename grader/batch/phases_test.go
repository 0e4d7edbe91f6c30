package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/gradertest"
	"github.com/mlkata/mlkata/grader/internal/build"
)

// BenchmarkSubmissionPhases splits the grading of one correct submission of the real course,
// hidden checks included, into its phases, each measured on its own (wall and CPU of this
// process and its children):
//
//   - build/new-code: go list, compiling every exercise package and the link, for a copy of
//     the submission in a new folder whose code the build cache has not seen, as in a batch
//     where every learner's code is their own;
//   - build/link-only: go list and the link, the packages already compiled (a rebuild
//     into an empty cache folder);
//   - checks/no-plots: grader.Grade on code whose driver is built: the drivers' starts, the
//     learner's code and the checks, as grade batch runs them;
//   - checks/plots: the same with the plots drawn, as a learner's grade does.
//
// Run it with:
//
//	go test ./grader/batch -run '^$' -bench SubmissionPhases -benchtime 3x -timeout 30m -tags hidden
func BenchmarkSubmissionPhases(b *testing.B) {
	dir := courseSubmissions(b, 1, "phases")
	ws := filepath.Join(dir, "learner00-correct")
	var targets []build.Target
	for _, e := range exercises.All() {
		tg := build.Target{Slug: e.Slug, Dir: e.Dir}
		for _, f := range e.Functions {
			tg.Funcs = append(tg.Funcs, f.Name)
		}
		targets = append(targets, tg)
	}
	measure := func(b *testing.B, prepare func(i int), run func()) {
		var wall, cpu time.Duration
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			prepare(i)
			b.StartTimer()
			start, cpu0 := time.Now(), gradertest.CPUTime()
			run()
			wall += time.Since(start)
			cpu += gradertest.CPUTime() - cpu0
		}
		b.ReportMetric(wall.Seconds()/float64(b.N), "wall-s/op")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	}
	buildInto := func(ws, cache string) {
		res, err := build.Build(context.Background(), ws, targets, build.Options{CacheDir: cache})
		require.NoError(b, err)
		require.NotEmpty(b, res.Binary)
	}
	b.Run("build/new-code", func(b *testing.B) {
		var in, cache string
		measure(b, func(i int) {
			// As in a batch: a submission in a folder of its own, with code of its own.
			in, cache = filepath.Join(b.TempDir(), "ws"), b.TempDir()
			require.NoError(b, os.CopyFS(in, os.DirFS(ws)))
			for _, e := range exercises.All() {
				markFiles(b, filepath.Join(in, e.Dir), fmt.Sprintf("// edit %d %d\n", time.Now().UnixNano(), i))
			}
		}, func() { buildInto(in, cache) })
	})
	b.Run("build/link-only", func(b *testing.B) {
		buildInto(ws, b.TempDir()) // the packages compiled
		var cache string
		measure(b, func(int) { cache = b.TempDir() }, func() { buildInto(ws, cache) })
	})
	for _, plots := range []bool{false, true} {
		name := map[bool]string{false: "checks/no-plots", true: "checks/plots"}[plots]
		b.Run(name, func(b *testing.B) {
			opt := grader.Options{Workspace: ws, Exercises: exercises.All(), Hidden: true, NoPlots: !plots}
			_, err := grader.Grade(context.Background(), opt) // the driver built
			require.NoError(b, err)
			measure(b, func(int) {}, func() {
				r, err := grader.Grade(context.Background(), opt)
				require.NoError(b, err)
				require.Equal(b, r.MaxScore, r.Score)
			})
		})
	}
}
