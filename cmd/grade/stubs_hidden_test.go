//go:build hidden

package main

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
)

// TestStubsMatchCourse checks that grade's copy of the stubs (testdata/stubs) is the course's:
// in the instructor's repository the exercise folders hold the stubs. It runs only in the
// instructor's build (-tags hidden), since in a learner's tree those files are their work.
// -update copies the course's stubs into testdata/stubs.
func TestStubsMatchCourse(t *testing.T) {
	for _, ex := range exercises.All() {
		dir := strings.TrimPrefix(ex.Dir, "exercises/")
		course, err := goFiles(os.DirFS(filepath.Join("../..", ex.Dir)))
		require.NoError(t, err)
		if *update {
			target := filepath.Join("testdata", "stubs", dir)
			require.NoError(t, os.RemoveAll(target))
			require.NoError(t, os.MkdirAll(target, 0o755))
			for _, f := range course {
				b, err := os.ReadFile(filepath.Join("../..", ex.Dir, f))
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(target, f), b, 0o644))
			}
			continue
		}
		sub, err := fs.Sub(courseStubs(), dir)
		require.NoError(t, err)
		embedded, err := goFiles(sub)
		require.NoError(t, err)
		assert.Equal(t, course, embedded, "%s: the stub files differ from testdata/stubs: go test -tags hidden ./cmd/grade -run TestStubs -update", ex.Dir)
		for _, f := range course {
			want, err := os.ReadFile(filepath.Join("../..", ex.Dir, f))
			require.NoError(t, err)
			got, err := fs.ReadFile(courseStubs(), path.Join(dir, f))
			if assert.NoError(t, err) {
				assert.Equal(t, string(want), string(got), "%s/%s differs from testdata/stubs: go test -tags hidden ./cmd/grade -run TestStubs -update", ex.Dir, f)
			}
		}
	}
}
