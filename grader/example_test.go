package grader_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mlkata/mlkata/grader"
)

// mean is a one-check exercise on the grader's test workspace (testdata/ws).
var mean = &grader.Exercise{
	Slug:      "tiny",
	Title:     "The mean",
	Dir:       "exercises/tiny",
	Functions: []grader.Func{{Name: "Mean", Signature: "func(x []float64) float64"}},
	Mistakes:  []grader.Mistake{{ID: "sum-not-mean", Hint: "a mean divides the sum by the count: divide by len(x)"}},
	Checks: []grader.Check{{Name: "Mean of 1, 2, 3, 4", Points: 1, Run: func(t *grader.T) {
		x := []float64{1, 2, 3, 4}
		got := t.Call("Mean", x).Float()
		t.Mistake(grader.Near(got, 10, grader.Rel(1e-12)), "sum-not-mean", "your mean is the sum, 10")
		t.Close(got, 2.5, grader.Rel(1e-12))
	}}},
}

// workspace copies the test workspace to a temporary folder.
func workspace() string {
	dir, err := os.MkdirTemp("", "mlkata-example-")
	if err != nil {
		panic(err)
	}
	ws := filepath.Join(dir, "ws")
	if err := os.CopyFS(ws, os.DirFS("testdata/ws")); err != nil {
		panic(err)
	}
	return ws
}

// The program calling Grade starts with grader.Main (here it is in TestMain). The learner's
// Mean is still the stub, so the exercise is not started.
func ExampleGrade() {
	ws := workspace()
	defer os.RemoveAll(filepath.Dir(ws))
	r, err := grader.Grade(context.Background(), grader.Options{Workspace: ws, Exercises: []*grader.Exercise{mean}})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := r.Exercises[0]
	fmt.Printf("%s: %s, %g/%g\n", e.Slug, e.Status, e.Score, e.MaxScore)
	fmt.Println(e.Checks[0].Message)
	// Output:
	// tiny: not-started, 0/1
	// Mean is not implemented yet: it still says "not implemented"
}

// Verify grades the reference solution, the stub and each mistake variant of an exercise.
func ExampleVerify() {
	ws := workspace()
	defer os.RemoveAll(filepath.Dir(ws))
	v, err := grader.Verify(context.Background(), grader.Options{Workspace: ws, Exercises: []*grader.Exercise{mean}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, run := range v.Runs {
		fmt.Printf("%s: %s, %g/%g\n", run.Variant, run.Result.Status, run.Result.Score, run.Result.MaxScore)
	}
	fmt.Println("problems:", len(v.Problems))
	// Output:
	// solution: passed, 1/1
	// stub: not-started, 0/1
	// mistake sum-not-mean: failed, 0/1
	// alternative running-mean: passed, 1/1
	// problems: 0
}
