package check

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader/gradertest"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

func TestMain(m *testing.M) { gradertest.Main(m) }

// TestExercise validates the exercise, its hidden checks and hints, and grades its reference
// solution, stub and mistake variants twice with the same seed (see gradertest.Exercise).
func TestExercise(t *testing.T) {
	gradertest.Exercise(t, Exercise(), gradertest.Options{
		Hidden:   hiddenChecks(),
		Hints:    3,
		Mistakes: []string{"bias-missing", "bias-wrong-position", "collinear-no-error", "cond-without-bias", "normal-equations", "underdetermined-no-error"},
	})
}

// TestConstantFeatureIsQuiet pins the fixture of constantFeature: for each of its constant
// columns, mat.Dense.Solve returns θ without an error, so a Fit that tests the condition number
// of X instead of [1 X] returns θ too and is caught.
func TestConstantFeatureIsQuiet(t *testing.T) {
	X, y := synthetic(rand.New(rand.NewPCG(3, 6)), 40)
	rng := rand.New(rand.NewPCG(8, 6))
	for range 3 {
		Xc, pos, c, ok := quietConstant(rng, X, y)
		require.True(t, ok, "no quiet constant")
		assert.Less(t, mat.Cond(Xc, 2), 100.0, "cond(X) with the constant %v at %d", c, pos)
		assert.Greater(t, mat.Cond(preprocess.AddBias(nil, Xc), 2), maxCond, "cond([1 X]) with the constant %v at %d", c, pos)
	}
}

// TestBoundary pins the fixture of condLimit: cond([1 X]) near the target, and the 1-norm and
// ∞-norm condition numbers on the other side of MaxCond than the 2-norm one in one case each.
func TestBoundary(t *testing.T) {
	X, _ := boundary(5e11)
	A := preprocess.AddBias(nil, X)
	assert.InEpsilon(t, 5e11, mat.Cond(A, 2), 0.05)
	assert.Greater(t, mat.Cond(A, math.Inf(1)), maxCond, "the ∞-norm condition number is above MaxCond where the 2-norm one is below")
	X, _ = boundary(1.5e12)
	A = preprocess.AddBias(nil, X)
	assert.InEpsilon(t, 1.5e12, mat.Cond(A, 2), 0.05)
	assert.Less(t, mat.Cond(A, 1), maxCond, "the 1-norm condition number is below MaxCond where the 2-norm one is above")
}
