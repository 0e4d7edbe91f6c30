package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWrite(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a", "b", "results.json")
	require.NoError(t, Write(file, []byte("one")))
	require.NoError(t, Write(file, []byte("two")))
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, "two", string(b))
	fi, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(file))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left")
}

// A failed write leaves the old file as it was and no temporary file.
func TestWriteFuncFails(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, Write(file, []byte("old")))
	boom := errors.New("boom")
	err := WriteFunc(file, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	require.ErrorIs(t, err, boom)
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, "old", string(b))
	entries, err := os.ReadDir(filepath.Dir(file))
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}

func TestClean(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, TempPrefix+"x.json-123"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.json"), nil, 0o644))
	Clean(dir)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, "x.json", entries[0].Name())
}
