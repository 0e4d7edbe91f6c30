package grader

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/report"
)

// TestMutationTest grades the mutants of the tiny exercise's solution. The tiny checks are
// weak: no check looks at Fit's inputs after the call, so a Fit that sorts x in place survives.
// Listing it as equivalent silences it; a stale or wrong entry is a problem.
func TestMutationTest(t *testing.T) {
	if testing.Short() {
		t.Skip("grades mutants in sandboxed processes")
	}
	opt := testOptions(t)
	opt.Parallel = 2
	m, err := MutationTest(context.Background(), opt)
	require.NoError(t, err)
	require.Len(t, m.Exercises, 1)
	e := m.Exercises[0]
	total, killed, equivalent, survived := e.Counts()
	assert.Equal(t, len(e.Mutants), total)
	assert.Positive(t, killed)
	assert.Zero(t, equivalent)
	require.Positive(t, survived, "Fit's inputs are not probed, so some mutant survives")
	assert.False(t, m.OK())
	assert.InDelta(t, float64(killed)/float64(total), e.Score(), 1e-12)

	const unprobed = "Fit: (input x) ⇒ sort x in place on return"
	var run MutantRun
	for _, r := range e.Mutants {
		if r.ID == unprobed {
			run = r
		}
		if r.Killed() {
			assert.NotEmpty(t, r.KilledBy, r.ID)
		} else {
			assert.Equal(t, report.Passed, r.Status, r.ID)
			assert.Empty(t, r.KilledBy, r.ID)
		}
	}
	require.Equal(t, unprobed, run.ID, "the mutant is generated")
	assert.False(t, run.Killed())
	assert.Equal(t, "exercises/tiny/solution/tiny.go:32:42", run.Position)
	assert.Contains(t, strings.Join(e.Problems, "\n"), "mutant survives with full marks: "+unprobed)

	// A mutant the checks kill cannot be equivalent; an ID that no mutant has is stale.
	var killedID string
	for _, r := range e.Mutants {
		if r.Killed() {
			killedID = r.ID
			break
		}
	}
	list := "# test list\n" + unprobed + "\n    the tiny checks never look at Fit's inputs after the call\n" +
		killedID + "\n    wrongly listed\n" +
		"Fit: no such mutant\n    stale\n"
	require.NoError(t, os.WriteFile(filepath.Join(opt.Workspace, "exercises/tiny/solution", EquivalentMutantsFile), []byte(list), 0o644))
	m, err = MutationTest(context.Background(), opt)
	require.NoError(t, err)
	e = m.Exercises[0]
	problems := strings.Join(e.Problems, "\n")
	assert.NotContains(t, problems, "survives with full marks: "+unprobed)
	assert.Contains(t, problems, killedID+" is listed as equivalent, but check")
	assert.Contains(t, problems, `lists "Fit: no such mutant", which is no longer a mutant of the solution`)
	_, _, equivalent, _ = e.Counts()
	assert.Equal(t, 1, equivalent)
}

// TestMutationTestRegradesListed: a mutant listed as equivalent that loses points once (here a
// check that fails on its first grading only, as a slow mutant might time out on a loaded
// machine) is graded again before it counts as killed.
func TestMutationTestRegradesListed(t *testing.T) {
	if testing.Short() {
		t.Skip("grades mutants in sandboxed processes")
	}
	const unprobed = "Fit: (input x) ⇒ sort x in place on return"
	opt := testOptions(t)
	opt.Parallel = 1 // the solution first, then the mutants in order: grading number k is job k
	list := unprobed + "\n    the tiny checks never look at Fit's inputs after the call\n"
	require.NoError(t, os.WriteFile(filepath.Join(opt.Workspace, "exercises/tiny/solution", EquivalentMutantsFile), []byte(list), 0o644))
	m, err := MutationTest(context.Background(), opt)
	require.NoError(t, err)
	job := slices.IndexFunc(m.Exercises[0].Mutants, func(r MutantRun) bool { return r.ID == unprobed }) + 2
	require.Greater(t, job, 1, "the mutant is generated")

	var gradings atomic.Int64
	opt.Exercises[0].Checks = append(opt.Exercises[0].Checks, Check{Name: "fails once", Points: 1, Run: func(t *T) {
		if gradings.Add(1) == int64(job) {
			t.Fatalf("the first grading of the listed mutant")
		}
	}})
	m, err = MutationTest(context.Background(), opt)
	require.NoError(t, err)
	e := m.Exercises[0]
	assert.Equal(t, int64(len(e.Mutants)+2), gradings.Load(), "every job once, and the listed mutant twice")
	assert.NotContains(t, strings.Join(e.Problems, "\n"), unprobed, "the second grading kept full marks")
	_, _, equivalent, _ := e.Counts()
	assert.Equal(t, 1, equivalent)
}

// TestMutationTestFailingSolution: mutants are measured against a solution that passes.
func TestMutationTestFailingSolution(t *testing.T) {
	if testing.Short() {
		t.Skip("grades mutants in sandboxed processes")
	}
	opt := testOptions(t)
	wrong, err := os.ReadFile(filepath.Join(submission(t, "wrong"), "tiny.go"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(opt.Workspace, "exercises/tiny/solution/tiny.go"), wrong, 0o644))
	m, err := MutationTest(context.Background(), opt)
	require.NoError(t, err)
	assert.False(t, m.OK())
	assert.Contains(t, m.Exercises[0].Problems[0], "tiny: the reference solution scores 1/6 (failed)")
}

func TestParseEquivalents(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     map[string]string
		err      string
	}{
		{name: "empty", in: "", want: map[string]string{}},
		{name: "comments", in: "# a comment\n\n  # indented comment\n", want: map[string]string{}},
		{name: "two", in: "A: x ⇒ y\n    first line\n\tsecond line\nB: p ⇒ q [2]\n  why\n",
			want: map[string]string{"A: x ⇒ y": "first line second line", "B: p ⇒ q [2]": "why"}},
		{name: "no reason", in: "A: x ⇒ y\nB: p ⇒ q\n  why\n", err: `list.txt:2: mutant "A: x ⇒ y" has no reason`},
		{name: "no reason at end", in: "A: x ⇒ y\n", err: `list.txt:1: mutant "A: x ⇒ y" has no reason`},
		{name: "reason first", in: "  why\nA: x ⇒ y\n", err: "list.txt:1: an indented reason with no mutant ID above it"},
		{name: "twice", in: "A\n  r\nA\n  s\n", err: `list.txt:4: mutant "A" is listed twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseEquivalents([]byte(tc.in), "list.txt")
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func FuzzParseEquivalents(f *testing.F) {
	f.Add([]byte("A: x ⇒ y\n    why\n# c\nB\n\tr\n"))
	f.Add([]byte("  r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := parseEquivalents(b, "f")
		if err != nil {
			return
		}
		for id, reason := range got {
			if id == "" || reason == "" || strings.HasPrefix(id, "#") {
				t.Fatalf("entry %q: %q", id, reason)
			}
		}
	})
}
