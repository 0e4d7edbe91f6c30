package check

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/gradertest"
	"github.com/mlkata/mlkata/mlkit/data"
)

func TestMain(m *testing.M) { gradertest.Main(m) }

// TestExercise validates the exercise, its hidden checks and hints, and grades its reference
// solution, stub and mistake variants twice with the same seed (see gradertest.Exercise).
func TestExercise(t *testing.T) {
	gradertest.Exercise(t, Exercise(), gradertest.Options{
		Hidden:   hiddenChecks(),
		Hints:    3,
		Mistakes: []string{"big-endian", "bias-penalised", "data-changed", "labels-not-hashed", "lucky-seed", "mixed-data", "not-deterministic", "sample-std", "seed-ignored", "seed-is-index", "seed-not-recorded", "two-generators", "val-size-floor", "weak-fingerprint"},
	})
}

// TestHashOf checks that the check's own hash, in little-endian with the labels, is
// data.Fingerprint, so that the mistakes' hashes differ from it only where they say.
func TestHashOf(t *testing.T) {
	X, y := breastCancer()
	assert.Equal(t, data.Fingerprint(X, y), hashOf(X, y, binary.LittleEndian, true))
	assert.NotEqual(t, data.Fingerprint(X, y), hashOf(X, y, binary.LittleEndian, false))
}

// TestVisibleSweep pins what the checks and the README say of the visible sweep: the best mean
// and the luckiest run belong to different configurations.
func TestVisibleSweep(t *testing.T) {
	ss := refSummarize(visibleSweep(), byConfigAndData, false)
	require.Len(t, ss, 6)
	best := refWinner(ss)
	byLoss, _ := luckiest(ss)
	assert.Equal(t, config{LearningRate: 1, Lambda: 1, Epochs: 10, BatchSize: 32}, ss[best].Config)
	assert.Equal(t, config{LearningRate: 1, Lambda: 0.1, Epochs: 10, BatchSize: 32}, ss[byLoss].Config)
	// The README's numbers: 0.085 ± 0.028 for the winner, 0.086 ± 0.031 for the owner of the
	// best run, 0.046 with seed 1.
	assert.InDelta(t, 0.085, ss[best].Mean.ValLoss, 0.0005)
	assert.InDelta(t, 0.028, ss[best].Std.ValLoss, 0.0005)
	assert.InDelta(t, 0.086, ss[byLoss].Mean.ValLoss, 0.0005)
	assert.InDelta(t, 0.031, ss[byLoss].Std.ValLoss, 0.0005)
	assert.InDelta(t, 0.046, ss[byLoss].Min.ValLoss, 0.0005)
	for _, r := range visibleSweep() {
		if r.Config == ss[byLoss].Config && r.Metrics.ValLoss == ss[byLoss].Min.ValLoss {
			assert.Equal(t, uint64(1), r.Seed, "the seed of the best single run")
		}
	}
	for _, s := range ss {
		t.Logf("%s: ValLoss %.4f ± %.4f (min %.4f, max %.4f), ValAccuracy %.4f ± %.4f", s.Config.short(), s.Mean.ValLoss, s.Std.ValLoss, s.Min.ValLoss, s.Max.ValLoss, s.Mean.ValAccuracy, s.Std.ValAccuracy)
	}
}

// TestWinnerFixtures checks that the hand-made fixtures tell the honest winner from the lucky
// one where they claim to.
func TestWinnerFixtures(t *testing.T) {
	f := winnerFixtures()[0]
	byLoss, byAcc := luckiest(f.ss)
	assert.Equal(t, 1, refWinner(f.ss))
	assert.Equal(t, 0, byLoss)
	assert.Equal(t, 0, byAcc)
	for _, f := range winnerFixtures() {
		assert.Equal(t, f.want, refWinner(f.ss), f.what)
	}
}
