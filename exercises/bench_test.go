package exercises

import (
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/gradertest"
)

// BenchmarkExerciseAfterEdit measures what a learner waits for after saving a file: grading one
// exercise (its visible checks, as `grade NN` does) right after an edit to its code, with a
// warm build cache. The code is the exercise's reference solution, copied to a temporary
// folder that each iteration edits (a new comment and variable), so every grade rebuilds and
// relinks the driver. The course's target is 0.5 s per exercise:
//
//	go test -run '^$' -bench ExerciseAfterEdit -benchtime 5x ./exercises
func BenchmarkExerciseAfterEdit(b *testing.B) {
	for _, e := range All() {
		b.Run(filepath.Base(e.Dir), func(b *testing.B) {
			sol := filepath.Join("..", e.Dir, "solution")
			files, err := filepath.Glob(filepath.Join(sol, "*.go"))
			require.NoError(b, err)
			require.NotEmpty(b, files)
			src := b.TempDir()
			for _, f := range files {
				data, err := os.ReadFile(f)
				require.NoError(b, err)
				require.NoError(b, os.WriteFile(filepath.Join(src, filepath.Base(f)), data, 0o644))
			}
			opt := grader.Options{Workspace: "..", Exercises: All(), Only: []string{e.Slug}, Sources: map[string]string{e.Slug: src}}
			edit := func(i int) {
				data := fmt.Appendf(nil, "package %s\n\n// edit %d\nvar edit%d = %d\n", packageName(b, files[0]), i, i, i)
				require.NoError(b, os.WriteFile(filepath.Join(src, "zz_edit.go"), data, 0o644))
			}
			edit(0)
			r, err := grader.Grade(context.Background(), opt) // warms the build cache
			require.NoError(b, err)
			require.True(b, r.Exercises[0].FullMarks(), "the reference solution of %s", e.Slug)
			i := 0
			cpu := gradertest.CPUTime()
			for b.Loop() {
				i++
				edit(i)
				if _, err := grader.Grade(context.Background(), opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((gradertest.CPUTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// packageName returns the package name of a Go file.
func packageName(tb testing.TB, file string) string {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.PackageClauseOnly)
	require.NoError(tb, err)
	return f.Name.Name
}

// BenchmarkCourseAfterEdit measures what a learner waits for when grading the whole course
// (`grade` with no arguments) right after saving one exercise's file, with every exercise
// solved (the reference solutions, copied to temporary folders) and a warm build cache.
// Each iteration edits the next exercise in turn, so every grade recompiles one package and
// relinks the driver. "cached" reuses the results of the exercises whose code did not change
// (Options.ResultCache, as the learner's `grade` does); "fresh" grades every exercise again.
// The course's target is 1.5 s for the whole course with the cache:
//
//	go test -run '^$' -bench CourseAfterEdit -benchtime 27x ./exercises
func BenchmarkCourseAfterEdit(b *testing.B) {
	course := All()
	srcs := make(map[string]string, len(course))
	var pkgs []string
	for _, e := range course {
		files, err := filepath.Glob(filepath.Join("..", e.Dir, "solution", "*.go"))
		require.NoError(b, err)
		require.NotEmpty(b, files)
		src := b.TempDir()
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(b, err)
			require.NoError(b, os.WriteFile(filepath.Join(src, filepath.Base(f)), data, 0o644))
		}
		srcs[e.Slug] = src
		pkgs = append(pkgs, packageName(b, files[0]))
	}
	for _, mode := range []string{"cached", "fresh"} {
		b.Run(mode, func(b *testing.B) {
			opt := grader.Options{Workspace: "..", Exercises: course, Sources: srcs, CacheDir: b.TempDir()}
			if mode == "cached" {
				opt.ResultCache = b.TempDir()
			}
			edit := func(i int) {
				k := i % len(course)
				data := fmt.Appendf(nil, "package %s\n\n// edit %d\nvar edit%d = %d\n", pkgs[k], i, i, i)
				require.NoError(b, os.WriteFile(filepath.Join(srcs[course[k].Slug], "zz_edit.go"), data, 0o644))
			}
			r, err := grader.Grade(context.Background(), opt) // warms the build and result caches
			require.NoError(b, err)
			require.Equal(b, r.MaxScore, r.Score, "the reference solutions")
			i := 0
			cpu := gradertest.CPUTime()
			var walls []float64
			for b.Loop() {
				i++
				edit(i)
				start := time.Now()
				if _, err := grader.Grade(context.Background(), opt); err != nil {
					b.Fatal(err)
				}
				walls = append(walls, float64(time.Since(start).Milliseconds()))
			}
			b.ReportMetric(float64((gradertest.CPUTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
			// The edited exercise changes every iteration: the median and the slowest say more
			// than the mean.
			slices.Sort(walls)
			b.ReportMetric(walls[len(walls)/2], "median-ms")
			b.ReportMetric(walls[len(walls)-1], "max-ms")
		})
	}
}
