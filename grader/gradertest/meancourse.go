package gradertest

import "github.com/mlkata/mlkata/grader"

// MeanCourse is a course of one exercise for the tests of what grades a whole course (grade
// ci, the platforms' autograders): Mean (folder exercises/mean, function
// Mean(x []float64) float64), with a visible check of 1 point and a hidden one of 3.
func MeanCourse() []*grader.Exercise {
	return []*grader.Exercise{{
		Slug: "mean", Title: "Mean", Dir: "exercises/mean",
		Functions: []grader.Func{{Name: "Mean", Signature: "func(x []float64) float64"}},
		Checks: []grader.Check{
			{Name: "Mean of 1, 2, 3, 4", Points: 1, Run: func(t *grader.T) {
				t.Close(t.Call("Mean", []float64{1, 2, 3, 4}).Float(), 2.5, grader.Rel(1e-12)) // by hand
			}},
			{Name: "Mean of random values", Points: 3, Hidden: true, Run: func(t *grader.T) {
				x := []float64{t.Rand().NormFloat64(), -1 - t.Rand().Float64()}
				t.Close(t.Call("Mean", x).Float(), (x[0]+x[1])/2, grader.Rel(1e-12))
			}},
		},
	}}
}
