package check

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/gradertest"
)

func TestMain(m *testing.M) { gradertest.Main(m) }

// TestExercise validates the exercise, its hidden checks and hints, and grades its reference
// solution, stub and mistake variants twice with the same seed (see gradertest.Exercise).
func TestExercise(t *testing.T) {
	gradertest.Exercise(t, Exercise(), gradertest.Options{
		Hidden:   hiddenChecks(),
		Hints:    3,
		Mistakes: []string{"argmax-not-argmin", "error-on-training-rows", "fold-remainder-dropped", "half-mse", "no-refit-on-all-rows", "pooled-not-fold-mean", "selected-on-test", "test-read-more-than-once"},
	})
}

// TestDiabetesFixture pins what the visible checks rely on: the development rows are distinct
// (the spy recognises rows by their values), k does not divide m (so that dropping the
// remainder, or pooling the errors, shows), cross-validation chooses λ = 10 with a clear
// margin, and the test set would choose another λ (100), so that a choice made on the test set
// is recognisable by the λ too.
func TestDiabetesFixture(t *testing.T) {
	p := diabetes()
	m, n := p.X.Dims()
	require.Equal(t, 331, m)
	require.Equal(t, 45, n, "the ones column and 44 features of degree ≤ 2")
	assert.NotZero(t, m%p.k)
	s := newSpy(p, ridge)
	assert.Len(t, s.index, m, "the development rows are distinct")

	cv := p.search.CVError
	assert.Equal(t, 10.0, p.search.BestAlpha())
	for i, e := range cv {
		if i != p.search.Best {
			assert.Greater(t, e-cv[p.search.Best], 1e-3*e, "λ = %v is close to the best", p.lambdas[i])
		}
	}
	assert.NotEqual(t, p.search.Best, argmax(cv))

	testErr := make([]float64, len(p.lambdas))
	for i, l := range p.lambdas {
		theta, err := ridge(p.X, p.y, l)
		require.NoError(t, err)
		testErr[i] = mseOf(p.Xtest, p.ytest, theta)
	}
	lowest := slices.Index(testErr, slices.Min(testErr))
	assert.Equal(t, 100.0, p.lambdas[lowest], "the λ the test set prefers")
}

// TestSinProblems checks the hidden problems' draws: rows never a multiple of k, distinct rows,
// a clear best λ that is not the one with the largest error.
func TestSinProblems(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		p := sinProblem(rng)
		m, _ := p.X.Dims()
		require.NotZero(t, m%p.k)
		require.Len(t, newSpy(p, ridge).index, m)
		require.NotEqual(t, p.search.Best, argmax(p.search.CVError))
	}
}
