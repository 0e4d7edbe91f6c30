package batch

import (
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/release"
)

// courseSubmissions writes n submissions of the real course below a new folder: copies of the
// learner release of this repository in which, cycling by index, every exercise has its
// reference solution ("correct"), or one exercise has a mistake variant and the others their
// solutions ("wrong"), or one exercise does not compile ("broken"), or nothing was done
// ("not-started"). The exercise that is wrong or broken also cycles.
func courseSubmissions(tb testing.TB, n int) string {
	tb.Helper()
	src, err := filepath.Abs("../..")
	require.NoError(tb, err)
	base := filepath.Join(tb.TempDir(), "release")
	_, err = release.Write(context.Background(), release.Options{Source: src, Out: base, Exercises: exercises.All(), Ref: "HEAD"}, nil)
	require.NoError(tb, err)
	dir := filepath.Join(tb.TempDir(), "submissions")
	kinds := []string{"correct", "wrong", "broken", "not-started"}
	for i := range n {
		kind := kinds[i%len(kinds)]
		dst := filepath.Join(dir, fmt.Sprintf("learner%02d-%s", i, kind))
		require.NoError(tb, os.CopyFS(dst, os.DirFS(base)))
		if kind == "not-started" {
			continue
		}
		odd := exercises.All()[(i/len(kinds))%len(exercises.All())]
		for _, e := range exercises.All() {
			from := filepath.Join(src, e.SolutionDir())
			if e == odd && kind == "wrong" {
				ids, err := e.MistakeVariants(src)
				require.NoError(tb, err)
				if len(ids) > 0 {
					from = filepath.Join(src, e.MistakeDir(), ids[i%len(ids)])
				}
			}
			overwrite(tb, filepath.Join(dst, e.Dir), from)
			if e == odd && kind == "broken" {
				writeFile(tb, filepath.Join(dst, e.Dir, "broken.go"), "package "+packageName(tb, filepath.Join(dst, e.Dir))+"\n\nfunc broken() int { return \"not a number\" }\n")
			}
		}
	}
	return dir
}

// overwrite copies the files of the folder from (not its subfolders) into dst.
func overwrite(tb testing.TB, dst, from string) {
	tb.Helper()
	entries, err := os.ReadDir(from)
	require.NoError(tb, err)
	for _, e := range entries {
		if e.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(from, e.Name()))
			require.NoError(tb, err)
			require.NoError(tb, os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644))
		}
	}
}

// packageName returns the name of the Go package in dir.
func packageName(tb testing.TB, dir string) string {
	tb.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(tb, err)
	require.NotEmpty(tb, matches, dir)
	f, err := parser.ParseFile(token.NewFileSet(), matches[0], nil, parser.PackageClauseOnly)
	require.NoError(tb, err)
	return f.Name.Name
}

// BenchmarkCourseBatch grades 50 submissions of the real course (a quarter each correct, wrong,
// broken and not started) with the hidden checks, with 1 and with 2 jobs, each on its own fresh
// copies so that neither profits from the other's builds. Run it alone, on an idle machine:
//
//	go test ./grader/batch -run '^$' -bench CourseBatch -benchtime 1x -timeout 60m -tags hidden
func BenchmarkCourseBatch(b *testing.B) {
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			const n = 50
			var wall time.Duration
			for b.Loop() {
				b.StopTimer()
				dir := courseSubmissions(b, n)
				b.StartTimer()
				start := time.Now()
				sum, err := Run(context.Background(), Options{
					Dir: dir, Out: b.TempDir(), Exercises: exercises.All(), Jobs: jobs, Hidden: true,
					Timeouts: grader.Timeouts{},
				})
				require.NoError(b, err)
				require.Equal(b, n, sum.Graded)
				require.Zero(b, sum.Errors+sum.TimedOut)
				wall += time.Since(start)
			}
			b.ReportMetric(wall.Seconds()/float64(b.N), "s/batch")
			b.ReportMetric(float64(n*b.N)/wall.Minutes(), "submissions/min")
		})
	}
}
