package check

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
)

func TestMain(m *testing.M) {
	grader.Main()
	os.Exit(m.Run())
}

// TestVerify grades the reference solution (full marks), the stub (not started, 0 points) and
// every mistake variant in check/mistakes (caught by its ID), with the hidden checks when the
// test is built with -tags hidden.
func TestVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	v, err := grader.Verify(context.Background(), grader.Options{
		Workspace: "../../..",
		Exercises: []*grader.Exercise{Exercise()},
	})
	require.NoError(t, err)
	assert.Empty(t, v.Problems)
	for _, r := range v.Runs {
		t.Logf("%-32s %-11s %g/%g", r.Variant, r.Result.Status, r.Result.Score, r.Result.MaxScore)
		for _, c := range r.Result.Checks {
			if c.Mistake != nil {
				t.Logf("    %s: %s: %s", c.Name, c.Mistake.ID, c.Message)
			}
		}
	}
	mistakes, err := Exercise().Mistakes("../../..")
	require.NoError(t, err)
	assert.Len(t, v.Runs, 2+len(mistakes), "solution, stub and each mistake variant")
	assert.GreaterOrEqual(t, len(mistakes), 3)
}

// TestSameSeedSameReport grades the reference solution twice with the same seed and a frozen
// clock: the reports must be identical.
func TestSameSeedSameReport(t *testing.T) {
	if testing.Short() {
		t.Skip("grades in sandboxed processes")
	}
	grade := func() any {
		ex := Exercise()
		abs, err := os.Getwd()
		require.NoError(t, err)
		r, err := grader.Grade(context.Background(), grader.Options{
			Workspace: "../../..",
			Exercises: []*grader.Exercise{ex},
			Seed:      7,
			Hidden:    true,
			Sources:   map[string]string{ex.Slug: abs + "/../solution"},
			Now:       func() time.Time { return time.Unix(0, 0) },
		})
		require.NoError(t, err)
		return r.Exercises
	}
	assert.Equal(t, grade(), grade())
}

// TestHiddenChecksAreHidden: every check of hiddenChecks is marked Hidden, every other is not.
func TestHiddenChecksAreHidden(t *testing.T) {
	hidden := map[string]bool{}
	for _, c := range hiddenChecks() {
		assert.True(t, c.Hidden, c.Name)
		hidden[c.Name] = true
	}
	for _, c := range Exercise().Checks {
		assert.Equal(t, hidden[c.Name], c.Hidden, c.Name)
	}
	require.NoError(t, Exercise().Validate())
}
