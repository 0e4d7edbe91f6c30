// Package grader grades a learner's machine-learning exercises: it builds their code into a
// separate driver process, calls their functions from trusted checks, scores the checks and
// returns a report.Report.
//
// # How the parts fit
//
//   - An Exercise (exercise.go) describes what the learner writes (Func), how it is checked
//     (Check), and where its stub, reference solution and mistake variants live. The course's
//     ordered list is exercises.All().
//   - Grade builds every exercise's package into one driver binary (grader/internal/build),
//     starts it in the sandbox (grader/internal/sandbox, through grader/internal/runner), checks
//     that each function has the signature the exercise wants, and runs the checks. Each
//     exercise gets a fresh driver; a crash, timeout or limit kills it (and everything it
//     started) and the next check gets a new one.
//   - A check is a function of *T (check.go): it calls the learner's functions by name, in the
//     driver, and compares what comes back with tolerance (compare.go), naming known mistakes.
//     Only arguments travel to the learner's process; expected values never leave the grader.
//   - Verify (verify.go) is for authors: every reference solution and every alternative correct
//     solution passes with no mistake named, every stub is not-started, every mistake variant is
//     caught as its mistake.
//   - MutationTest (mutation.go) measures the checks: it grades every mutant of each reference
//     solution (grader/internal/mutate) and lists those that keep full marks, unless the
//     solution's equivalent-mutants.txt says why no check can tell them from it.
//
// Programs that call Grade or Verify must call Main first (see Main).
//
// # Writing an exercise
//
// One exercise is one folder, for example exercises/01-regression-metrics:
//
//	metrics.go                       package metrics: the learner's stubs
//	solution/metrics.go              package metrics: the reference solution
//	check/check.go                   package check: the Exercise value and its checks
//	check/mistakes/sum-not-mean/*.go package metrics: a copy of the solution with one mistake
//	check/alternatives/running/*.go  package metrics: another correct solution (optional)
//	solution/equivalent-mutants.txt  the solution's mutants no check can kill, with reasons
//
// A stub has the exact signature the exercise lists and panics with the stub signal, the
// string "not implemented" (or a string starting with "not implemented:"); a function that
// returns an error may return errors.New("not implemented") instead. A check whose calls hit
// the signal is not-started, and an exercise whose checks all are is not-started, with 0
// points, rather than failed:
//
//	// MSE returns the mean squared error between yTrue and yPred.
//	func MSE(yTrue, yPred []float64) float64 {
//		panic("not implemented")
//	}
//
// The check package describes the exercise and never imports the learner's package (a test
// in package exercises enforces it); it calls the learner's code through T:
//
//	var Exercise = &grader.Exercise{
//		Slug:      "regression-metrics",
//		Title:     "Regression metrics: MSE, RMSE, MAE, R²",
//		Dir:       "exercises/01-regression-metrics",
//		Functions: []grader.Func{{Name: "MSE", Signature: "func(yTrue, yPred []float64) float64"}},
//		Forbid:    []string{"github.com/mlkata/mlkata/mlkit/metrics"},
//		Checks: []grader.Check{
//			{Name: "MSE of a small hand-computed example", Points: 1, Run: mseSmall},
//		},
//		Hints: []string{"MSE is a mean: ..."},
//		Mistakes: []grader.Mistake{
//			{ID: "sum-not-mean", Hint: "a mean divides the sum by n = len(yTrue)"},
//		},
//	}
//
//	func mseSmall(t *grader.T) {
//		yTrue, yPred := []float64{3, -0.5, 2, 7}, []float64{2.5, 0, 2, 8}
//		got := t.Call("MSE", yTrue, yPred).Float()
//		want := metrics.MSE(yTrue, yPred) // 0.375
//		t.Mistake(grader.Near(got, want*4, grader.Rel(1e-12)), "sum-not-mean",
//			"your MSE is exactly 4 = len(yTrue) times too big")
//		t.Close(got, want, grader.Rel(1e-12))
//	}
//
// Arguments travel to the learner's process as copies: numbers, strings, slices, maps and
// structs of those, *mat.Dense and *mat.VecDense (also for mat.Matrix parameters). A result
// that has methods of the learner's package (a fitted model) stays there as a handle:
// t.Call("Fit", X, y).Method("Predict", X).Floats(). A struct result is decoded field by field
// by name into the check's own struct (Result.Decode), so checks never need the learner's types.
// A function of the check's, passed as an argument, reaches the learner's code as a function of
// the parameter's type that runs the check's function here, in the grader (see callback.go): a
// spy scaler whose fit records the rows it saw, a test set whose reads are counted. What it
// records cannot be forged by the learner's code, and test labels it keeps never leave grade.
// Random inputs come from t.Rand(), seeded from the run's seed, the slug and the check's name:
// CI passes its own seed, and answers hard-coded for the local inputs fail.
//
// Exercise.Mistakes is the exercise's catalogue of named mistakes: each ID once, with one fixed
// hint that a learner reads once per exercise, however many checks name it (hidden checks
// included, so a hint never holds a check's inputs). t.Mistake's last argument is this check's
// detail: what in this result shows the mistake. Each folder in check/mistakes models one
// named mistake: `grade verify` requires some check to report that ID when grading it; each
// folder in check/alternatives is another correct solution, which must pass with no mistake
// named. `grade verify --mutate` then looks for the bugs the checks let through.
package grader
