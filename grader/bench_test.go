package grader

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader/internal/build"
	"github.com/mlkata/mlkata/grader/internal/driver"
	"github.com/mlkata/mlkata/grader/internal/runner"
)

// startCorrect builds the correct submission of the tiny exercise and starts its driver.
func startCorrect(b *testing.B) *runner.Driver {
	b.Helper()
	opt, err := testOptions(b).withDefaults()
	require.NoError(b, err)
	built, err := build.Build(context.Background(), opt.Workspace, []build.Target{{
		Slug: "tiny", Dir: "exercises/tiny", Funcs: []string{"Mean", "Scale", "Fit"}, Source: submission(b, "correct"),
	}}, build.Options{CacheDir: opt.CacheDir})
	require.NoError(b, err)
	scratch, err := os.MkdirTemp("", "mlkata-grade-bench-")
	require.NoError(b, err)
	b.Cleanup(func() { os.RemoveAll(scratch) })
	bin, err := placeDriver(built.Binary, scratch)
	require.NoError(b, err)
	dir, err := os.MkdirTemp(scratch, "run-")
	require.NoError(b, err)
	d, err := runner.Start(context.Background(), runner.Config{Binary: bin, Dir: dir, Limits: DefaultLimits()})
	require.NoError(b, err)
	b.Cleanup(func() { d.Close() })
	return d
}

func encode(b *testing.B, v any) driver.Value {
	b.Helper()
	out, err := driver.Encode(v)
	require.NoError(b, err)
	return out
}

// BenchmarkCallSmall measures one protocol round trip with small values: encode 4 floats,
// call Mean in the driver, decode the float64 it returns.
func BenchmarkCallSmall(b *testing.B) {
	d := startCorrect(b)
	ctx := context.Background()
	x := []float64{1, 2, 3, 4}
	b.ReportAllocs()
	for b.Loop() {
		out, err := d.Call(ctx, driver.Request{Op: driver.OpCall, Slug: "tiny", Func: "Mean", Args: []driver.Value{encode(b, x)}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		var got float64
		if err := driver.Decode(out.Reply.Results[0], &got); err != nil || got != 2.5 {
			b.Fatal(got, err)
		}
	}
}

// BenchmarkCallMatrix sends a 100 000 × 50 *mat.Dense (40 MB) to Scale and decodes the
// 100 000 × 50 matrix it returns: two 40 MB transfers per call.
func BenchmarkCallMatrix(b *testing.B) {
	d := startCorrect(b)
	ctx := context.Background()
	data := make([]float64, 100_000*50)
	for i := range data {
		data[i] = float64(i % 97)
	}
	X := mat.NewDense(100_000, 50, data)
	b.SetBytes(2 * 8 * int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := d.Call(ctx, driver.Request{Op: driver.OpCall, Slug: "tiny", Func: "Scale", Args: []driver.Value{encode(b, X), encode(b, 2.0)}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		var got *mat.Dense
		if err := driver.Decode(out.Reply.Results[0], &got); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallVector sends 5 000 000 float64s (40 MB, the data of a 100 000 × 50 matrix) to
// Mean and decodes the float64 it returns: the cost of one large argument.
func BenchmarkCallVector(b *testing.B) {
	d := startCorrect(b)
	ctx := context.Background()
	x := make([]float64, 100_000*50)
	for i := range x {
		x[i] = float64(i % 97)
	}
	b.SetBytes(8 * int64(len(x)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := d.Call(ctx, driver.Request{Op: driver.OpCall, Slug: "tiny", Func: "Mean", Args: []driver.Value{encode(b, x)}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		var got float64
		if err := driver.Decode(out.Reply.Results[0], &got); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGradeAfterEdit grades the tiny exercise after the learner edited their file, with a
// warm build cache: rebuild, start the driver, run the five checks.
func BenchmarkGradeAfterEdit(b *testing.B) {
	opt := testOptions(b)
	opt.Hidden = true
	learner := filepath.Join(opt.Workspace, "exercises", "tiny", "tiny.go")
	src, err := os.ReadFile(filepath.Join(submission(b, "correct"), "tiny.go"))
	require.NoError(b, err)
	edit := func(i int) {
		require.NoError(b, os.WriteFile(learner, fmt.Appendf(bytes.Clone(src), "\n// edit %d\nvar _ = %d\n", i, i), 0o644))
	}
	edit(-1)
	r, err := Grade(context.Background(), opt) // warms the build cache
	require.NoError(b, err)
	require.Equal(b, 6.0, r.Score)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		edit(i)
		if _, err := Grade(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGradeExercises grades workspaces of 1, 2, 4 and 8 copies of the solved tiny
// exercise, warm: one build (one link) for all, then one driver per exercise.
func BenchmarkGradeExercises(b *testing.B) {
	for _, n := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			opt := testOptions(b)
			sol, err := os.ReadFile(filepath.Join(opt.Workspace, "exercises", "tiny", "solution", "tiny.go"))
			require.NoError(b, err)
			opt.Exercises = nil
			for i := range n {
				dir := filepath.Join(opt.Workspace, "exercises", fmt.Sprintf("tiny%d", i))
				require.NoError(b, os.MkdirAll(dir, 0o755))
				require.NoError(b, os.WriteFile(filepath.Join(dir, "tiny.go"), sol, 0o644))
				e := tinyExercise()
				e.Slug, e.Dir = fmt.Sprintf("tiny-%d", i), fmt.Sprintf("exercises/tiny%d", i)
				opt.Exercises = append(opt.Exercises, e)
			}
			r, err := Grade(context.Background(), opt)
			require.NoError(b, err)
			require.Equal(b, float64(5*n), r.Score)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Grade(context.Background(), opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
