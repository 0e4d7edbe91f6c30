package grader

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/mlkata/mlkata/grader/report"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

// The result cache keeps the result of each exercise graded with Options.ResultCache, under a
// key of everything the result depends on: the grader itself (its executable, which holds
// the checks, the fixtures and the driver's source), the learner's code of that exercise
// (build.TargetResult.SourceHash: its package and every workspace package it imports), and
// the options that change what the checks do. Grading the whole course after an edit to one
// exercise then runs that exercise's checks only, as `go test` does for unchanged packages.
//
// Only results that do not depend on the machine's mood are kept: an exercise with a check
// in error (a time limit, a crash, an internal error) is graded again next time. A cached
// result is used only while the plot files it names are still there, unchanged.
//
// The learner's cache is their convenience and lives in their workspace, so it is never used
// where the score counts (grade ci, verify): a submission could bring its own. grade batch
// keeps a cache of its own beside its results, out of every submission's reach, and shares
// it between submissions (Options.SharedResults): the key then leaves out the workspace,
// which nothing an exercise's result says depends on (the driver runs in a scratch folder,
// and file names in messages are relative to the workspace), except the plots, whose files
// must be in the grading workspace for a hit anyway.

// cacheEntry is one cached exercise result.
type cacheEntry struct {
	Exercise report.Exercise
	// Plots maps each plot file (relative to the workspace) to the SHA-256 of its content.
	Plots map[string]string
}

var (
	graderIDOnce sync.Once
	graderID     string
	graderIDErr  error
)

// selfID returns a hash of the running executable, which holds the checks and the driver.
func selfID() (string, error) {
	graderIDOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			graderIDErr = err
			return
		}
		graderID, graderIDErr = fileHash(exe)
	})
	return graderID, graderIDErr
}

// fileHash returns the hex SHA-256 of a file's content.
func fileHash(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cacheKey returns the result cache's key for job j whose code has the given
// build.TargetResult.SourceHash, or "" when there is no cache or no key (no source hash, or
// the grader's executable cannot be read).
func (g *grading) cacheKey(j job, sourceHash string) string {
	if g.opt.ResultCache == "" || sourceHash == "" || j.ex == nil {
		return ""
	}
	self, err := selfID()
	if err != nil {
		return ""
	}
	h := sha256.New()
	o := g.opt
	fmt.Fprintf(h, "mlkata result cache 1\ngrader %s\ncode %s\n", self, sourceHash)
	fmt.Fprintf(h, "exercise %d %q %q %q %q %v\n", j.number, j.key, j.ex.Slug, j.ex.Title, j.ex.Dir, j.ex.Timeouts)
	for _, c := range j.ex.Checks {
		fmt.Fprintf(h, "check %q %v %v\n", c.Name, c.Points, c.Hidden)
	}
	if !o.SharedResults {
		fmt.Fprintf(h, "workspace %q\n", o.Workspace)
	}
	fmt.Fprintf(h, "seed %d hidden %v plots %v\n", o.Seed, o.Hidden, !o.NoPlots)
	fmt.Fprintf(h, "timeouts %v limits %v\n", o.Timeouts, o.Limits)
	return hex.EncodeToString(h.Sum(nil))
}

// cacheFile is where the entry of key lives.
func (g *grading) cacheFile(key string) string {
	return filepath.Join(g.opt.ResultCache, key[:2], key+".json")
}

// cached returns the cached result of key, if there is one whose plots are intact.
func (g *grading) cached(key string) (report.Exercise, bool) {
	if key == "" {
		return report.Exercise{}, false
	}
	data, err := os.ReadFile(g.cacheFile(key))
	if err != nil {
		return report.Exercise{}, false
	}
	var ce cacheEntry
	if err := json.Unmarshal(data, &ce); err != nil {
		return report.Exercise{}, false
	}
	for file, sum := range ce.Plots {
		if got, err := fileHash(filepath.Join(g.opt.Workspace, filepath.FromSlash(file))); err != nil || got != sum {
			return report.Exercise{}, false
		}
	}
	now := time.Now()
	_ = os.Chtimes(g.cacheFile(key), now, now) // marks the entry as in use for pruneResults
	return ce.Exercise, true
}

// resultsMaxAge is how long an unused entry stays in the result cache.
const resultsMaxAge = 7 * 24 * time.Hour

// pruneResults removes the entries of the result cache unused for resultsMaxAge, and
// temporary files a killed run left behind.
func pruneResults(dir string, now time.Time) {
	entries, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	for _, f := range entries {
		if fi, err := os.Stat(f); err == nil && now.Sub(fi.ModTime()) > resultsMaxAge {
			os.Remove(f)
		}
	}
}

// store keeps e, the result of code that built, under key when its result is reproducible. Failing to write the cache
// only costs a later run its speed, so errors are ignored.
func (g *grading) store(key string, e report.Exercise) {
	if key == "" || e.Status == report.Error {
		return
	}
	for _, c := range e.Checks {
		if c.Status == report.Error {
			return
		}
	}
	ce := cacheEntry{Exercise: e, Plots: make(map[string]string)}
	for _, p := range e.Plots {
		for _, file := range []string{p.PNG, p.SVG} {
			if file == "" {
				continue
			}
			sum, err := fileHash(filepath.Join(g.opt.Workspace, filepath.FromSlash(file)))
			if err != nil {
				return
			}
			ce.Plots[file] = sum
		}
	}
	data, err := json.Marshal(ce)
	if err != nil {
		return
	}
	_ = atomicfile.Write(g.cacheFile(key), data)
}
