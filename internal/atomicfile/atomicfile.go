// Package atomicfile writes files so that a reader, or a process started after a crash, sees
// the old content or the new one, never part of one: results that a batch resumes from, the
// reports and results.json files platforms read, the build cache's files, the learner's state.
package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// TempPrefix starts the names of the temporary files Write leaves behind when its process is
// killed between creating one and renaming it; Clean removes them.
const TempPrefix = ".tmp-"

// Write replaces file with data (mode 0644), creating its folder if needed.
func Write(file string, data []byte) error {
	return WriteFunc(file, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFunc replaces file (mode 0644) with what write writes, creating its folder if needed:
// write goes to a temporary file in the same folder, which is synced and renamed over file
// when write succeeds, and removed otherwise.
func WriteFunc(file string, write func(io.Writer) error) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, TempPrefix+filepath.Base(file)+"-*")
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	err = errors.Join(err, f.Close())
	if err == nil {
		// CreateTemp makes the file 0600; these are ordinary files that other tools (CI
		// artifact uploaders, the platforms) read.
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Clean removes the temporary files of Write that a killed process left in dir.
func Clean(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
