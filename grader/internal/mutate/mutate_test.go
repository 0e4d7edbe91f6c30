package mutate

import (
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/internal/build"
)

// sampleMutants generates the mutants of testdata/sample once for the package's tests.
var sampleMutants = sync.OnceValues(func() ([]Mutant, error) {
	goCmd, err := build.GoCommand()
	if err != nil {
		return nil, err
	}
	exports, err := Exports(".", goCmd, []string{"CGO_ENABLED=0"}, "./testdata/sample")
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	return Generate(fset, "testdata/sample", Importer(fset, exports))
})

func mutants(t *testing.T) []Mutant {
	t.Helper()
	if testing.Short() {
		t.Skip("runs go list -export")
	}
	ms, err := sampleMutants()
	require.NoError(t, err)
	return ms
}

// TestOperators checks that each operator makes the mutants it documents, with their IDs, and
// only compiling ones (Generate type-checks each).
func TestOperators(t *testing.T) {
	ms := mutants(t)
	ids := map[string]Operator{}
	for _, m := range ms {
		ids[m.ID] = m.Operator
	}
	for _, tc := range []struct {
		id string
		op Operator
	}{
		{"Mean: s += v ⇒ s -= v", Arithmetic},
		{"Mean: s / float64(len(x)) ⇒ s * float64(len(x))", Arithmetic},
		{"Mean: s / float64(len(x)) ⇒ float64(len(x)) / s", Operands},
		{"Mean: len(x) ⇒ (len(x))-1", Bound}, // n ↔ n−1 inside float64(…)
		{"Mean: 0.0 ⇒ 1.0", Constant},
		{"Mean: for _, v := range x { s += v } ⇒ (deleted)", Delete},
		{"Mean: len(x) == 0 ⇒ true", Delete},
		{"Mean: (input x) ⇒ sort x in place on return", InputWrite},
		{"RMS: i < len(a) ⇒ i <= len(a)", Compare},
		{"RMS: i < len(a) ⇒ i >= len(a)", Compare},
		{"RMS: len(a) ⇒ (len(a))-1", Bound}, // the loop bound
		{"RMS: math.Sqrt(s / float64(len(a))) ⇒ s / float64(len(a))", Unwrap},
		{"RMS: i++ ⇒ i--", Arithmetic},
		{"Firsts: v < 0 || v > Limit ⇒ v < 0 && v > Limit", Logic},
		{"Firsts: !(v == 0) ⇒ (v == 0)", Logic},
		{"Firsts: range x ⇒ range x in map order", MapOrder},
		{"Firsts: break ⇒ (deleted)", Delete},
		{"Firsts: len(out) ⇒ (len(out))-1", Bound},
		{"Firsts: slices.Clone(out[:len(out)]) ⇒ out[:len(out)]", Unwrap},
		{"Grid: mat.NewDense(m, n, nil) ⇒ mat.NewDense(… n, m …)", SwapArgs},
		{"Grid: -x ⇒ x", Logic},
		{"Count: (input X) ⇒ add 1 to X[0, 0] in place on return", InputWrite},
		{"Count: r > 3 ⇒ false", Delete},
		{"Count: k++ ⇒ (deleted)", Delete},
		{"const Limit: 1e6 ⇒ 2e+06", Constant},
	} {
		op, ok := ids[tc.id]
		if assert.True(t, ok, "no mutant %q", tc.id) {
			assert.Equal(t, tc.op, op, tc.id)
		}
	}
	// Grid's loop only sets: its order does not matter, so it is not a map-order mutant; its
	// bound still changes.
	assert.NotContains(t, ids, "Grid: range m ⇒ range m in map order")
	assert.Contains(t, ids, "Grid: m ⇒ (m)-1")
	for _, m := range ms {
		if m.ID == "RMS: math.Sqrt(s / float64(len(a))) ⇒ s / float64(len(a))" {
			assert.Contains(t, string(m.Files["sample.go"]), `_ "math"`, "the import the change left unused becomes blank")
		}
	}
	for id := range ids {
		// Messages are not mutated: a panic's text, fmt's arguments.
		assert.NotContains(t, id, "sample.Mean: empty", id)
		assert.NotContains(t, id, "too many rows", id)
		assert.NotRegexp(t, `^Mean: len\(x\) == 0 ⇒ false`, id, "a misuse guard switched off only changes misuse")
	}
}

// TestMutantsCompileAndDiffer checks every mutant: one file changed, IDs unique, the change at
// its position, and no two mutants alike.
func TestMutantsCompileAndDiffer(t *testing.T) {
	ms := mutants(t)
	require.NotEmpty(t, ms)
	seen := map[string]bool{}
	sources := map[string]bool{}
	for _, m := range ms {
		assert.False(t, seen[m.ID], "ID %q twice", m.ID)
		seen[m.ID] = true
		require.Len(t, m.Files, 1)
		src := string(m.Files["sample.go"])
		assert.False(t, sources[src], "%s: the same source as another mutant", m.ID)
		sources[src] = true
		assert.Equal(t, "sample.go", m.File)
		assert.Positive(t, m.Line)
		assert.Contains(t, Operators, m.Operator)
		assert.True(t, strings.HasPrefix(m.ID, m.Func+": "), m.ID)
	}
	assert.Len(t, OperatorsIn(ms), len(Operators), "every operator makes a mutant of the sample")
}

// TestDeterministic generates twice: the same mutants in the same order, so that a build of
// them is cached and a list of equivalent IDs stays valid.
func TestDeterministic(t *testing.T) {
	ms := mutants(t)
	goCmd, err := build.GoCommand()
	require.NoError(t, err)
	exports, err := Exports(".", goCmd, nil, "./testdata/sample")
	require.NoError(t, err)
	fset := token.NewFileSet()
	again, err := Generate(fset, filepath.Join("testdata", "sample"), Importer(fset, exports))
	require.NoError(t, err)
	require.Equal(t, len(ms), len(again))
	for i := range ms {
		assert.Equal(t, ms[i].ID, again[i].ID)
		assert.Equal(t, ms[i].Files, again[i].Files)
	}
}

// TestGenerateErrors covers a folder without Go files and a package that does not type-check.
func TestGenerateErrors(t *testing.T) {
	fset := token.NewFileSet()
	_, err := Generate(fset, t.TempDir(), Importer(fset, nil))
	assert.ErrorContains(t, err, "no Go files")
	_, err = Generate(fset, "testdata/sample", Importer(fset, nil))
	assert.ErrorContains(t, err, "does not type-check")
}

// OperatorsIn lists the operators that made ms, in the order of Operators.
func OperatorsIn(ms []Mutant) []Operator {
	var out []Operator
	for _, op := range Operators {
		if slices.ContainsFunc(ms, func(m Mutant) bool { return m.Operator == op }) {
			out = append(out, op)
		}
	}
	return out
}
