package build

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/report"
)

// events renders build events as `go build -json` prints them, one JSON object a line.
func events(evs ...buildEvent) string {
	var sb strings.Builder
	for _, e := range evs {
		b, _ := json.Marshal(e)
		sb.Write(b)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func TestParseBuildOutput(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want map[string][]string
	}{
		{"empty", "", map[string][]string{}},
		{
			"one type error",
			events(
				buildEvent{"ex/a", "build-output", "# ex/a\n"},
				buildEvent{"ex/a", "build-output", "a/a.go:3:23: cannot use \"x\" as int value\n"},
				buildEvent{"ex/a", "build-fail", ""},
			),
			map[string][]string{"ex/a": {`a/a.go:3:23: cannot use "x" as int value`}},
		},
		{
			"continuation lines and too many errors",
			events(
				buildEvent{"ex/b", "build-output", "# ex/b\nb/b.go:5:9: not enough return values\n\thave ()\n\twant (float64)\n"},
				buildEvent{"ex/b", "build-output", "b/b.go:7:1: missing return\nb/b.go:9:2: too many errors\n"},
				buildEvent{"ex/b", "build-fail", ""},
			),
			map[string][]string{"ex/b": {
				"b/b.go:5:9: not enough return values\n\thave ()\n\twant (float64)",
				"b/b.go:7:1: missing return",
			}},
		},
		{
			"output without failure is not a failure (vet-like notes)",
			events(buildEvent{"ex/c", "build-output", "note: something\n"}),
			map[string][]string{},
		},
		{
			"two packages, non-JSON lines between them",
			events(buildEvent{"ex/a", "build-output", "a/a.go:1:1: x\n"}, buildEvent{"ex/a", "build-fail", ""}) +
				"go: some message from the go command\n" +
				events(buildEvent{"ex/d", "build-fail", ""}),
			map[string][]string{"ex/a": {"a/a.go:1:1: x"}, "ex/d": nil},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseBuildOutput([]byte(tc.in))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParsePosition(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want report.Diagnostic
	}{
		{"a/b.go:3:23: cannot use x", report.Diagnostic{File: "a/b.go", Line: 3, Column: 23, Message: "cannot use x"}},
		{"a/b.go:3: no column", report.Diagnostic{File: "a/b.go", Line: 3, Message: "no column"}},
		{"/abs/dir with space/b.go:10:2: x: y", report.Diagnostic{File: "/abs/dir with space/b.go", Line: 10, Column: 2, Message: "x: y"}},
		{"b.go:5:9: two\n\thave ()\n\twant (int)", report.Diagnostic{File: "b.go", Line: 5, Column: 9, Message: "two\n\thave ()\n\twant (int)"}},
		{"no position at all", report.Diagnostic{Message: "no position at all"}},
		{"go.mod:3: not a go file", report.Diagnostic{Message: "go.mod:3: not a go file"}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, parsePosition(tc.in))
		})
	}
}

// FuzzParseBuildOutput feeds arbitrary bytes to the build output parser: it must not panic,
// and the messages it returns are never empty and never a "# importpath" header.
func FuzzParseBuildOutput(f *testing.F) {
	f.Add([]byte(events(
		buildEvent{"ex/a", "build-output", "# ex/a\na/a.go:3:23: bad\n\thave ()\n"},
		buildEvent{"ex/a", "build-fail", ""},
	)))
	f.Add([]byte("not json\n{\"Action\":\"build-fail\",\"ImportPath\":\"x\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := parseBuildOutput(data)
		if err != nil {
			return
		}
		for p, msgs := range got {
			for _, m := range msgs {
				if m == "" || strings.HasPrefix(m, "# ") {
					t.Fatalf("package %q: message %q", p, m)
				}
				_ = parsePosition(m)
			}
		}
	})
}

func TestForbidden(t *testing.T) {
	b := &builder{modPath: "example.com/kata", privImport: "example.com/kata/" + PrivateDir}
	tgt := Target{Forbid: []string{"gonum.org/v1/gonum/stat", "example.com/kata/mlkit/..."}}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"gonum.org/v1/gonum/stat", true},
		{"gonum.org/v1/gonum/stat/distuv", false}, // no "/...": the exact package only
		{"gonum.org/v1/gonum/floats", false},
		{"example.com/kata/mlkit", true},
		{"example.com/kata/mlkit/metrics", true},
		{"example.com/kata/mlkitx", false},
		{"github.com/mlkata/mlkata/grader", true}, // always forbidden
		{"github.com/mlkata/mlkata/grader/internal/driver", true},
		{"example.com/kata/" + PrivateDir + "/src/3", true}, // another target's stand-in
		{"unsafe", false},
	} {
		t.Run(tc.path, func(t *testing.T) {
			assert.Equal(t, tc.want, b.forbidden(tgt, tc.path))
		})
	}
}

func TestJoinNames(t *testing.T) {
	assert.Equal(t, "", joinNames(nil))
	assert.Equal(t, "A", joinNames([]string{"A"}))
	assert.Equal(t, "A and B", joinNames([]string{"A", "B"}))
	assert.Equal(t, "A, B and C", joinNames([]string{"A", "B", "C"}))
}

func TestFirstDiag(t *testing.T) {
	for _, tc := range []struct {
		d    []report.Diagnostic
		want string
	}{
		{nil, "unknown error"},
		{[]report.Diagnostic{{File: "a.go", Line: 1, Column: 2, Message: "x\n\thave ()"}}, "a.go:1:2: x"},
		{[]report.Diagnostic{{File: "a.go", Line: 1, Message: "x"}}, "a.go:1: x"},
		{[]report.Diagnostic{{File: "dir", Message: "folder not found"}}, "dir: folder not found"},
		{[]report.Diagnostic{{Message: "no required module provides package p; to add it:\n\tgo get p"}}, "no required module provides package p"},
	} {
		assert.Equal(t, tc.want, firstDiag(tc.d))
	}
}

func TestBlameMain(t *testing.T) {
	b := &builder{
		targets: []Target{{Dir: "a"}, {Dir: "b"}, {Dir: "c"}},
		res:     []*TargetResult{{}, {}, {}},
		pkgOf:   []*listPackage{{Name: "a"}, {Name: "metrics"}, {Name: "c"}},
	}
	keep := b.blameMain([]int{0, 1, 2}, []string{
		"/ws/_mlkata/main/main.go:14:21: p1.MSE (value of type int) is not a function",
		"/ws/_mlkata/main/main.go:3:2: something about driver.Main",
	})
	assert.Equal(t, []int{0, 2}, keep)
	assert.Equal(t, []report.Diagnostic{{File: "b",
		Message: "the grader cannot register this package's functions: metrics.MSE (value of type int) is not a function"}},
		b.res[1].Diagnostics)
	assert.Empty(t, b.res[0].Diagnostics)
	assert.Equal(t, []int{0, 1, 2}, b.blameMain([]int{0, 1, 2}, []string{"main.go:1:1: p9.X undefined"}), "an alias out of range blames nobody")
}
