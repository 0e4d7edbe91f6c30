package main

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/exercises"
)

// TestStubsEmbedded checks that grade carries a stub for every exercise of the course, and
// that each is one (it still says "not implemented").
func TestStubsEmbedded(t *testing.T) {
	stubs := courseStubs()
	for _, ex := range exercises.All() {
		dir := strings.TrimPrefix(ex.Dir, "exercises/")
		sub, err := fs.Sub(stubs, dir)
		require.NoError(t, err)
		files, err := goFiles(sub)
		require.NoError(t, err, ex.Dir)
		require.NotEmpty(t, files, "no stub for %s in testdata/stubs", ex.Dir)
		for _, f := range files {
			b, err := fs.ReadFile(stubs, path.Join(dir, f))
			require.NoError(t, err)
			assert.Contains(t, string(b), "not implemented", "%s/%s is not a stub", dir, f)
		}
	}
}
