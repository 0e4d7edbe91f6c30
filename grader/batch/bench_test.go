package batch

import (
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader/gradertest"
	"github.com/mlkata/mlkata/grader/release"
)

// courseSubmissions writes n submissions of the real course below a new folder: copies of the
// learner release of this repository in which, cycling by index, every exercise has its
// reference solution ("correct"), or one exercise has a mistake variant and the others their
// solutions ("wrong"), or one exercise does not compile ("broken"), or nothing was done
// ("not-started"). The exercise that is wrong or broken also cycles.
//
// With a non-empty mark, every Go file a learner wrote (all but untouched stubs) ends with a
// comment naming the learner and the mark, so that no two learners share the code of an
// exercise they worked on, as with real learners, and a new mark makes code the Go build
// cache has not seen. Without it, all correct solutions are the same files.
func courseSubmissions(tb testing.TB, n int, mark string) string {
	tb.Helper()
	src, err := filepath.Abs("../..")
	require.NoError(tb, err)
	base := filepath.Join(tb.TempDir(), "release")
	_, err = release.Write(context.Background(), release.Options{Source: src, Out: base, Exercises: exercises.All(), Ref: "HEAD"}, nil)
	require.NoError(tb, err)
	dir := filepath.Join(tb.TempDir(), "submissions")
	course := exercises.All()
	for i := range n {
		kind := submissionKinds[i%len(submissionKinds)]
		dst := filepath.Join(dir, fmt.Sprintf("learner%02d-%s", i, kind))
		require.NoError(tb, os.CopyFS(dst, os.DirFS(base)))
		if kind == "not-started" {
			continue
		}
		odd := course[(i/len(submissionKinds))%len(course)].Slug
		for _, e := range course {
			from := filepath.Join(src, e.SolutionDir())
			if e.Slug == odd && kind == "wrong" {
				ids, err := e.MistakeVariants(src)
				require.NoError(tb, err)
				require.NotEmpty(tb, ids, "%s has no mistake variant", e.Slug)
				from = filepath.Join(src, e.MistakeDir(), ids[i%len(ids)])
			}
			to := filepath.Join(dst, e.Dir)
			overwrite(tb, to, from)
			if e.Slug == odd && kind == "broken" {
				writeFile(tb, filepath.Join(to, "broken.go"), "package "+packageName(tb, to)+"\n\nfunc broken() int { return \"not a number\" }\n")
			}
			if mark != "" {
				markFiles(tb, to, fmt.Sprintf("\n// learner %d, %s\n", i, mark))
			}
		}
	}
	return dir
}

// submissionKinds are the kinds of courseSubmissions, in the order they cycle.
var submissionKinds = []string{"correct", "wrong", "broken", "not-started"}

// markFiles appends text to every Go file of the folder dir (not its subfolders).
func markFiles(tb testing.TB, dir, text string) {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(tb, err)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(tb, err)
		require.NoError(tb, os.WriteFile(f, append(b, text...), 0o644))
	}
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

// BenchmarkCourseBatch grades 48 submissions of the real course (a quarter each correct, wrong,
// broken and not started; see courseSubmissions) with the hidden checks, as grade batch does:
// with 1 job, with 2, and as 4 shards (4 machines of 2 cores, simulated one after the other:
// the shards' throughput is the batch over the slowest shard). Each run grades fresh copies
// into a fresh folder, so that no run profits from another's results; the Go build cache is
// the machine's. The mixes:
//
//   - same: every correct solution is the reference solution's files, so submissions share
//     the code of most exercises, and a batch grades each shared exercise once;
//   - distinct: every learner's code differs from every other's (and from what the build
//     cache has seen), so only untouched stubs are shared: what a real course looks like.
//
// It reports submissions/min, the CPU seconds per submission (this process and its
// children: the go command, the drivers) and, for shards, the slowest shard's share. Run it
// alone, on an idle machine:
//
//	go test ./grader/batch -run '^$' -bench CourseBatch -benchtime 1x -count 3 -timeout 90m -tags hidden
func BenchmarkCourseBatch(b *testing.B) {
	const n = 48
	for _, mix := range []string{"same", "distinct"} {
		for _, cfg := range []struct {
			name         string
			jobs, shards int
		}{{"jobs=1", 1, 1}, {"jobs=2", 2, 1}, {"shards=4", 2, 4}} {
			b.Run("mix="+mix+"/"+cfg.name, func(b *testing.B) {
				var wall, slowest, cpu time.Duration
				for i := 0; b.Loop(); i++ {
					b.StopTimer()
					mark := ""
					if mix == "distinct" {
						mark = fmt.Sprintf("run %d %d", time.Now().UnixNano(), i)
					}
					dir := courseSubmissions(b, n, mark)
					b.StartTimer()
					var shardWall []time.Duration
					cpu0 := gradertest.CPUTime()
					for s := range cfg.shards {
						start := time.Now()
						sum, err := Run(context.Background(), Options{
							Dir: dir, Out: b.TempDir(), Exercises: exercises.All(), Jobs: cfg.jobs, Hidden: true,
							Shard: Shard{I: s, N: cfg.shards},
						})
						require.NoError(b, err)
						require.Zero(b, sum.Errors+sum.TimedOut)
						shardWall = append(shardWall, time.Since(start))
						checkGrades(b, sum)
					}
					cpu += gradertest.CPUTime() - cpu0
					wall += slices.Max(shardWall)
					var total time.Duration
					for _, w := range shardWall {
						total += w
					}
					slowest += slices.Max(shardWall) * time.Duration(cfg.shards) * 100 / total
				}
				b.ReportMetric(float64(n*b.N)/wall.Minutes(), "submissions/min")
				b.ReportMetric(cpu.Seconds()/float64(n*b.N), "cpu-s/submission")
				if cfg.shards > 1 {
					b.ReportMetric(float64(slowest)/float64(b.N)/100, "slowest-shard/mean")
				}
			})
		}
	}
}

// checkGrades fails when a graded submission's score is not what its kind implies: a correct
// one has full marks, a wrong or broken one less (its exercise lost points), a not-started
// one nothing.
func checkGrades(tb testing.TB, sum *Summary) {
	tb.Helper()
	for _, row := range sum.Gradebook.Rows {
		kind := row.Submission[strings.Index(row.Submission, "-")+1:]
		switch kind {
		case "correct":
			require.Equal(tb, row.MaxScore, row.Score, row.Submission)
		case "wrong", "broken":
			require.Less(tb, row.Score, row.MaxScore, row.Submission)
			require.Greater(tb, row.Score, 0.0, row.Submission)
		case "not-started":
			require.Zero(tb, row.Score, row.Submission)
		}
	}
}
