package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
	"github.com/mlkata/mlkata/grader"
)

const readmePath = "../../README.md"

// exerciseTable is the README's list of exercises, from the course.
func exerciseTable(course []*grader.Exercise) string {
	var b strings.Builder
	b.WriteString("| # | exercise | folder |\n|---|---|---|\n")
	for i, ex := range course {
		fmt.Fprintf(&b, "| %d | %s | [`%s`](%s) |\n", i+1, ex.Title, ex.Dir, ex.Dir)
	}
	return b.String()
}

// TestREADMEExercises fails when the README's list of exercises is not exercises.All()'s;
// -update rewrites it.
func TestREADMEExercises(t *testing.T) {
	b, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	re := regexp.MustCompile(`(?s)(<!-- exercises:[^\n]*-->\n).*?(<!-- /exercises -->)`)
	require.True(t, re.Match(b), "the README has no <!-- exercises: --> ... <!-- /exercises --> section")
	want := re.ReplaceAllString(string(b), "${1}"+strings.ReplaceAll(exerciseTable(exercises.All()), "$", "$$")+"${2}")
	if *update {
		require.NoError(t, os.WriteFile(readmePath, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, string(b), "the README's exercise list is stale: go test ./cmd/grade -run TestREADME -update")
}

// readmeStep is one command of the README's sh blocks and the text block after it, if any.
type readmeStep struct {
	line   string   // as written, comment removed
	args   []string // after "go run ./cmd/grade"; nil for another command
	output string   // the ```text block that follows the command's block, or ""
}

func readmeSteps(t *testing.T) []readmeStep {
	b, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```(sh|text)\n(.*?)```").FindAllStringSubmatch(string(b), -1)
	var steps []readmeStep
	for i, blk := range blocks {
		if blk[1] != "sh" {
			continue
		}
		lines := strings.Split(strings.TrimSpace(blk[2]), "\n")
		for j, line := range lines {
			line, _, _ = strings.Cut(line, "#")
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			s := readmeStep{line: line}
			if rest, ok := strings.CutPrefix(line, "go run ./cmd/grade"); ok {
				s.args = append([]string{}, strings.Fields(rest)...)
			}
			if j == len(lines)-1 && i+1 < len(blocks) && blocks[i+1][1] == "text" {
				s.output = blocks[i+1][2]
			}
			steps = append(steps, s)
		}
	}
	return steps
}

// copyCourse copies the module (without .git and .grade) to a new folder and returns it.
func copyCourse(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "mlkata-readme-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, name := range []string{"go.mod", "go.sum", "fixtures.go", "exercises", "mlkit", "grader", "testdata", "cmd"} {
		src := filepath.Join("../..", name)
		fi, err := os.Stat(src)
		require.NoError(t, err)
		if !fi.IsDir() {
			b, err := os.ReadFile(src)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
			continue
		}
		require.NoError(t, os.CopyFS(filepath.Join(dir, name), os.DirFS(src)))
	}
	return dir
}

// sandboxName hides the isolation grade reached, which depends on the machine.
var sandboxName = regexp.MustCompile(`· sandbox \S+`)

// TestREADMECommands runs every command of the README's sh blocks, in order, on a copy of
// the course, and compares the output shown after a command with what it prints now. The
// tour's story is played too: after the first command shown with its output, exercises 1 and 8 get their reference
// solutions and exercise 2 the sum-not-mean mistake. `go test -timeout 30m ./...` is what .ci/run runs;
// watch is checked to be a command (TestWatch drives it).
func TestREADMECommands(t *testing.T) {
	steps := readmeSteps(t)
	require.NotEmpty(t, steps)
	app := newApp(&env{})
	var ws string
	if !testing.Short() {
		ws = copyCourse(t)
	}
	storyPlayed := false
	for _, s := range steps {
		if s.args == nil {
			assert.Contains(t, []string{"go test -timeout 30m ./..."}, s.line, "a README command that no test runs")
			continue
		}
		if len(s.args) > 0 && s.args[0] == "watch" {
			assert.NotNil(t, app.Command("watch"))
			continue
		}
		if testing.Short() {
			if len(s.args) > 0 && !strings.HasPrefix(s.args[0], "-") && app.Command(s.args[0]) == nil {
				_, err := resolve(&env{course: exercises.All(), getwd: func() (string, error) { return "../..", nil }}, "../..", s.args[:1])
				assert.NoError(t, err, s.line)
			}
			continue
		}
		e, stdout, stderr := testEnv(ws, nil)
		e.course, e.stubs, e.hiddenBuild, e.self = exercises.All(), courseStubs(), false, "go run ./cmd/grade"
		code := run(append([]string{"grade"}, s.args...), e)
		assert.Contains(t, []int{exitPassed, exitFailed}, code, "%s\n%s", s.line, stderr)
		if s.output != "" {
			want, got := sandboxName.ReplaceAllString(s.output, ""), sandboxName.ReplaceAllString(stdout.String(), "")
			// A line starting with ⋮ stands for lines left out of the README.
			if head, tail, elided := cutElision(want); elided {
				assert.True(t, strings.HasPrefix(got, head) && strings.HasSuffix(got, tail),
					"%s: the README shows\n%s⋮\n%s\nbut grade prints\n%s", s.line, head, tail, got)
			} else {
				assert.Equal(t, want, got, s.line)
			}
		}
		if !storyPlayed && s.output != "" {
			storyPlayed = true
			for _, cp := range [][2]string{
				{"exercises/01-loading-data/solution/loading.go", "exercises/01-loading-data/loading.go"},
				{"exercises/08-gradient-descent/solution/gd.go", "exercises/08-gradient-descent/gd.go"},
				{"exercises/02-regression-metrics/check/mistakes/sum-not-mean/metrics.go", "exercises/02-regression-metrics/metrics.go"},
			} {
				b, err := os.ReadFile(filepath.Join(ws, cp[0]))
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(ws, cp[1]), b, 0o644))
			}
		}
	}
}

// cutElision splits text around its first line starting with "⋮" (after spaces).
func cutElision(text string) (head, tail string, ok bool) {
	m := regexp.MustCompile(`(?m)^ *⋮.*\n`).FindStringIndex(text)
	if m == nil {
		return text, "", false
	}
	return text[:m[0]], text[m[1]:], true
}
