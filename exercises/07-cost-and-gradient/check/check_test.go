package check

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

func TestMain(m *testing.M) {
	grader.Main()
	os.Exit(m.Run())
}

// TestVerify grades the reference solution (full marks), the stub (not started, 0 points) and
// every mistake variant (caught by its ID), hidden checks included, twice: the two runs must give
// the same reports, timings aside.
func TestVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades in sandboxed processes")
	}
	opt := grader.Options{Workspace: "../../..", Exercises: []*grader.Exercise{Exercise()}}
	v, err := grader.Verify(context.Background(), opt)
	require.NoError(t, err)
	assert.Empty(t, v.Problems)
	var variants []string
	for _, r := range v.Runs {
		variants = append(variants, r.Variant)
		t.Logf("%s: %s, %g/%g", r.Variant, r.Result.Status, r.Result.Score, r.Result.MaxScore)
		for _, c := range r.Result.Checks {
			if c.Mistake != nil {
				t.Logf("  %s: %s [%s] %s", c.Name, c.Status, c.Mistake.ID, c.Mistake.Hint)
			} else if c.Status != report.Passed {
				t.Logf("  %s: %s %s", c.Name, c.Status, c.Message)
			}
		}
	}
	assert.ElementsMatch(t, []string{"solution", "stub", "mistake cost-missing-half", "mistake cost-sum-not-mean", "mistake gradient-factor-two", "mistake gradient-sign-flipped", "mistake gradient-sum-not-mean", "mistake input-mutated"}, variants)
	again, err := grader.Verify(context.Background(), opt)
	require.NoError(t, err)
	assert.Equal(t, withoutTimes(v.Runs), withoutTimes(again.Runs), "the same seed must give the same reports")
}

// TestChecks checks the exercise's definition, and that the hidden checks are compiled in with
// the hidden build tag only (go test -tags hidden).
func TestChecks(t *testing.T) {
	e := Exercise()
	require.NoError(t, e.Validate())
	assert.Len(t, e.Hints, 3)
	assert.Equal(t, hiddenBuild, len(hiddenChecks()) > 0)
}

func withoutTimes(runs []grader.VerifyRun) []grader.VerifyRun {
	out := make([]grader.VerifyRun, len(runs))
	for i, r := range runs {
		r.Result.DurationMS = 0
		r.Result.Checks = append([]report.Check(nil), r.Result.Checks...)
		for j := range r.Result.Checks {
			r.Result.Checks[j].DurationMS = 0
		}
		out[i] = r
	}
	return out
}
