// Package batch grades a directory of submissions, for a course: with a worker pool, a result
// file per submission, resumable runs, shards for many machines, and a gradebook.
//
// # How a batch runs
//
// Run grades every submission under Options.Dir, one folder each, holding a learner
// workspace (a copy of the learner's release with their work: go.mod, go.sum, exercises/...).
// Each is graded by grader.Grade with the checks compiled into the running program
// (Options.Exercises, usually exercises.All() with the hidden checks): the submission's own
// check/ folders are never built, only its exercise packages.
//
// Each graded submission gets a result file, Out/results/<name>.json (a Result), written
// atomically: to a temporary file in the same folder, then renamed. A result records the
// content hash of the submission's files (Hash) and of the grading settings (Settings): a
// rerun skips every submission whose result has both, so a batch interrupted at any point,
// even by SIGKILL, loses at most the submissions being graded and grades nothing twice. A
// changed submission, a new seed or another course is graded again, and so is a submission
// whose result has Status Error (its cause may have been passing).
//
// One submission never stops the others: a compile error, a missing function, a crash or a
// timeout of the learner's code are data in its report; a submission that cannot be graded
// at all (no go.mod, a missing exercise folder, a symbolic link or replace directive reaching
// outside its folder, the whole grading exceeding
// Options.Timeout, a bug in the grader) gets a result with Status Error or TimedOut and the
// reason.
//
// Shard selects a deterministic slice of the submissions (see Shard), so that several
// machines can share a batch; each writes its own results, and Gradebook merges the result
// folders of all shards into one gradebook (CSV and JSON: one row per submission, one column
// per exercise). Run also writes Out/gradebook.csv and Out/gradebook.json from every result
// in Out when it ends.
package batch

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/internal/sandbox"
	"github.com/mlkata/mlkata/grader/report"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

// ResultVersion is the version of the result file format.
const ResultVersion = 1

// Options configures Run.
type Options struct {
	// Dir holds the submissions, one folder each; the folder's name names the submission.
	// Folders whose name starts with "." or "_" are ignored.
	Dir string
	// Out receives results/<name>.json per submission and gradebook.csv and gradebook.json.
	// It may be shared by the shards of a batch. It is created if needed.
	Out string
	// Exercises is the course, in order (usually exercises.All()).
	Exercises []*grader.Exercise
	// Only restricts grading to these exercise slugs; empty grades every exercise.
	Only []string
	// Jobs is how many submissions are graded at once; 0 means runtime.NumCPU().
	Jobs int
	// Shard selects the slice of the submissions this run grades; the zero Shard grades all.
	Shard Shard
	// Seed seeds the checks' random inputs; 0 means grader.DefaultSeed.
	Seed uint64
	// Hidden runs the hidden checks too.
	Hidden bool
	// RevealHidden keeps the details of hidden checks in the results (see
	// grader.Options.RevealHidden); by default they are left out.
	RevealHidden bool
	// Force grades every submission of the shard again, whatever results exist.
	Force bool
	// Timeout bounds the grading of one submission, builds included; 0 means 10 minutes.
	Timeout time.Duration
	// Timeouts and Limits are passed to grader.Grade (zero values: the grader's defaults).
	Timeouts grader.Timeouts
	Limits   sandbox.Limits
	// Plots draws the checks' plots into each submission's .grade/plots, as a learner's grade
	// does; by default a batch draws none (they cost about half of a submission's grading,
	// and a batch's results only name them).
	Plots bool
	// NoShare grades every exercise of every submission. By default a batch keeps each
	// exercise's result in Out/.cache under a hash of the exercise's code (see
	// grader.Options.SharedResults), so that an exercise whose code a submission shares with
	// one graded before (an untouched stub, a copied solution, an unchanged exercise of a
	// learner who pushed again) is not graded twice. Errors and timeouts are never kept.
	NoShare bool
	// NoTimings leaves every duration out of the result files, so that two runs over the same
	// submissions write the same results byte for byte (see report.Report.StripTimings).
	NoTimings bool
	// Progress receives a progress bar with the time left when it is a terminal, and one line
	// per submission otherwise; nil shows nothing.
	Progress io.Writer
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// grade replaces grader.Grade in tests.
	grade func(context.Context, grader.Options) (*report.Report, error)
	// parallel is grader.Options.Parallel, set by Run from Jobs and the cores.
	parallel int
}

// Summary is what Run did.
type Summary struct {
	// Submissions is the number of submission folders in Dir; InShard of them belong to the
	// shard.
	Submissions, InShard int
	// Skipped had a result for their current content and settings already.
	Skipped int
	// Graded were graded by this run; Errors and TimedOut of them could not be graded (their
	// results say why).
	Graded, Errors, TimedOut int
	// Duration is the wall time of the run.
	Duration time.Duration
	// Gradebook is built from every result in Out after the run.
	Gradebook *Book
}

// Run grades the submissions in opt.Dir into opt.Out (see the package documentation). It
// returns an error when the batch cannot run (Dir unreadable, bad options), or when ctx is
// cancelled, after the workers have stopped: results written until then stay, and a rerun
// resumes. A submission that cannot be graded is not an error of Run.
func Run(ctx context.Context, opt Options) (*Summary, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	opt.parallel = exercisesAtOnce(opt.Jobs, runtime.NumCPU())
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Minute
	}
	if opt.Seed == 0 {
		opt.Seed = grader.DefaultSeed
	}
	if opt.grade == nil {
		opt.grade = grader.Grade
	}
	if err := opt.Shard.validate(); err != nil {
		return nil, err
	}
	if opt.Out == "" {
		return nil, errors.New("batch: no output folder")
	}
	if len(opt.Exercises) == 0 {
		return nil, errors.New("batch: no exercises")
	}
	start := opt.Now()
	names, err := submissions(opt.Dir)
	if err != nil {
		return nil, err
	}
	resultsDir := filepath.Join(opt.Out, "results")
	if err := os.MkdirAll(resultsDir, 0o755); err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	atomicfile.Clean(resultsDir)

	sum := &Summary{Submissions: len(names)}
	var todo []string
	for _, n := range names {
		if opt.Shard.Contains(n) {
			todo = append(todo, n)
		}
	}
	sum.InShard = len(todo)
	settings := settingsHash(opt)

	prog := newProgress(opt.Progress, opt.Now, len(todo))
	prog.begin(opt, sum)
	work := make(chan string)
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	for range opt.Jobs {
		wg.Go(func() {
			for name := range work {
				r, skipped := gradeOne(ctx, opt, settings, name)
				if r == nil && !skipped {
					continue // cancelled: nothing written, a rerun grades it
				}
				mu.Lock()
				switch {
				case skipped:
					sum.Skipped++
				default:
					sum.Graded++
					switch r.Status {
					case Error:
						sum.Errors++
					case TimedOut:
						sum.TimedOut++
					}
				}
				mu.Unlock()
				prog.done(name, r, skipped)
			}
		})
	}
feed:
	for _, n := range todo {
		select {
		case work <- n:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	prog.end()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("batch: stopped (a rerun resumes): %w", err)
	}
	book, err := Gradebook(opt.Out)
	if err != nil {
		return nil, err
	}
	if err := book.WriteFiles(opt.Out); err != nil {
		return nil, err
	}
	sum.Gradebook = book
	sum.Duration = opt.Now().Sub(start)
	return sum, nil
}

// submissions lists the submission folders of dir, sorted.
func submissions(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("batch: submissions: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "_") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// gradeOne grades one submission unless its result is current. It returns the result written
// (or found, with skipped), or nil when ctx was cancelled before the result was written.
func gradeOne(ctx context.Context, opt Options, settings, name string) (res *Result, skipped bool) {
	if ctx.Err() != nil {
		return nil, false
	}
	dir := filepath.Join(opt.Dir, name)
	file := filepath.Join(opt.Out, "results", name+".json")
	hash, herr := HashSubmission(dir)
	if herr == nil && !opt.Force {
		if old, err := ReadResult(file); err == nil && old.Hash == hash && old.Settings == settings && old.Status != Error {
			return old, true
		}
	}
	start := opt.Now()
	r := &Result{Version: ResultVersion, Submission: name, Hash: hash, Settings: settings, Seed: opt.Seed, Hidden: opt.Hidden}
	if herr == nil {
		herr = confined(dir)
	}
	if herr != nil {
		r.Status, r.Message = Error, herr.Error()
	} else {
		sctx, cancel := context.WithTimeout(ctx, opt.Timeout)
		rep, err := safeGrade(sctx, opt, dir)
		cancel()
		switch {
		case ctx.Err() != nil:
			return nil, false // the batch is stopping: this submission is not graded
		case err != nil && errors.Is(err, context.DeadlineExceeded):
			r.Status, r.Message = TimedOut, fmt.Sprintf("grading took longer than %v", opt.Timeout)
		case err != nil:
			// The submission's own folder is named by its name, not by where this batch ran.
			r.Status, r.Message = Error, strings.ReplaceAll(err.Error(), absPath(dir), name)
		default:
			r.Status, r.Report = Graded, rep
		}
	}
	if !opt.NoTimings {
		r.DurationMS = opt.Now().Sub(start).Milliseconds()
	} else if r.Report != nil {
		r.Report.StripTimings()
	}
	if err := writeAtomic(file, r); err != nil {
		// The result is lost, but the submission is still graded at the next run.
		r.Status, r.Message = Error, "writing the result: "+err.Error()
	}
	return r, false
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// confined checks that a submission reaches no file outside its folder through a symbolic
// link or a replace directive of its go.mod: in a batch the submissions sit side by side, and
// one could otherwise build another's code as its own.
func confined(dir string) error {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink == 0 {
			return err
		}
		target, err := filepath.EvalSymlinks(p)
		if rel, rerr := filepath.Rel(root, target); err != nil || rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			rel, _ := filepath.Rel(dir, p)
			return fmt.Errorf("the submission's symbolic link %s points outside its folder", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return err
	}
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return nil // Grade says what is wrong with a missing go.mod
	}
	for i, line := range strings.Split(string(mod), "\n") {
		_, target, ok := strings.Cut(line, "=>")
		if !ok {
			continue
		}
		target = strings.TrimSpace(strings.Trim(strings.TrimSpace(target), "()"))
		if strings.HasPrefix(target, ".") || filepath.IsAbs(target) {
			return fmt.Errorf("go.mod line %d replaces a module by the folder %s: submissions may not use local replace directives", i+1, target)
		}
	}
	return nil
}

// safeGrade grades a submission, turning a panic of the grader into an error so that it stops
// only this submission.
func safeGrade(ctx context.Context, opt Options, dir string) (rep *report.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error of the grader: %v\n%s", p, debug.Stack())
		}
	}()
	gopt := grader.Options{
		Workspace:    dir,
		Exercises:    opt.Exercises,
		Only:         opt.Only,
		Seed:         opt.Seed,
		Hidden:       opt.Hidden,
		RevealHidden: opt.RevealHidden,
		Timeouts:     opt.Timeouts,
		Limits:       opt.Limits,
		NoPlots:      !opt.Plots,
		Parallel:     opt.parallel,
	}
	if !opt.NoShare {
		gopt.ResultCache, gopt.SharedResults = filepath.Join(opt.Out, cacheDir), true
	}
	return opt.grade(ctx, gopt)
}

// cacheDir is the folder of Options.Out that holds the results shared between submissions.
const cacheDir = ".cache"

// exercisesAtOnce is how many exercises of one submission a batch grades at once: the cores
// its jobs leave free, shared among them, and at least one.
func exercisesAtOnce(jobs, cores int) int {
	return max(1, cores/jobs)
}

// settingsHash identifies what, besides the submission, decides its grade: the tool, the seed,
// the hidden checks, the exercises chosen and the course (slugs, folders, checks and their
// points). A change of a check's code alone does not change it: regrade with Force.
func settingsHash(opt Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\nseed %d\nhidden %t\nonly %q\n", grader.Tool, opt.Seed, opt.Hidden, opt.Only)
	if opt.RevealHidden {
		fmt.Fprintf(h, "reveal hidden\n") // only when set, so that earlier results keep their hash
	}
	if opt.Plots {
		fmt.Fprintf(h, "plots\n") // likewise
	}
	for _, e := range opt.Exercises {
		fmt.Fprintf(h, "exercise %q %q\n", e.Slug, e.Dir)
		for _, c := range e.Checks {
			fmt.Fprintf(h, "check %q %g %t\n", c.Name, c.Points, c.Hidden)
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// HashSubmission returns the content hash of a submission: SHA-256 over the sorted paths
// (slash-separated, relative to dir), executable bits and contents of its regular files and
// the targets of its symbolic links, leaving out every path with an element starting with "."
// or "_" (.git, and .grade where grade writes its plots and build cache). It is written as
// "sha256:<hex>".
func HashSubmission(dir string) (string, error) {
	h := sha256.New()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash submission: %w", err)
	}
	slices.Sort(files)
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		fi, err := os.Lstat(p)
		if err != nil {
			return "", fmt.Errorf("hash submission: %w", err)
		}
		var data []byte
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return "", fmt.Errorf("hash submission: %w", err)
			}
			data = []byte("symlink " + target)
		case fi.Mode().IsRegular():
			if data, err = os.ReadFile(p); err != nil {
				return "", fmt.Errorf("hash submission: %w", err)
			}
		default:
			continue
		}
		fmt.Fprintf(h, "%q %t %d\n", filepath.ToSlash(rel), fi.Mode()&0o111 != 0, len(data))
		h.Write(data)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// writeAtomic writes v as indented JSON to file with atomicfile.Write.
func writeAtomic(file string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(file, append(b, '\n'))
}

// Status says whether a submission could be graded.
type Status int

const (
	// Graded: the submission was graded; its report says how it did.
	Graded Status = iota
	// TimedOut: grading the submission took longer than Options.Timeout.
	TimedOut
	// Error: the submission could not be graded (no module, a missing exercise folder, a
	// failure of the grader); Result.Message says why.
	Error
)

var statusNames = []string{"graded", "timed-out", "error"}

// String returns "graded", "timed-out" or "error".
func (s Status) String() string {
	if int(s) < len(statusNames) && s >= 0 {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) {
	if int(s) >= len(statusNames) || s < 0 {
		return nil, fmt.Errorf("batch: invalid status %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Status) UnmarshalText(b []byte) error {
	i := slices.Index(statusNames, string(b))
	if i < 0 {
		return fmt.Errorf("batch: unknown status %q", b)
	}
	*s = Status(i)
	return nil
}

// Result is the result file of one submission.
type Result struct {
	Version    int    `json:"version"`
	Submission string `json:"submission"` // the folder's name
	// Hash is HashSubmission of the folder when it was graded; Settings identifies the grading
	// settings. A rerun skips a submission whose Hash and Settings are unchanged.
	Hash     string `json:"hash"`
	Settings string `json:"settings"`
	Seed     uint64 `json:"seed"`
	Hidden   bool   `json:"hidden"`
	Status   Status `json:"status"`
	// Message says why a submission could not be graded.
	Message    string         `json:"message,omitempty"`
	DurationMS int64          `json:"duration_ms"`
	Report     *report.Report `json:"report,omitempty"`
}

// ReadResult reads a result file. It returns an error for a file that is not a result of
// this version.
func ReadResult(file string) (*Result, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("result %s: %w", file, err)
	}
	if r.Version != ResultVersion {
		return nil, fmt.Errorf("result %s: version %d, want %d", file, r.Version, ResultVersion)
	}
	if r.Submission == "" {
		return nil, fmt.Errorf("result %s: no submission name", file)
	}
	return &r, nil
}

// byName orders results by submission name.
func byName(a, b *Result) int { return cmp.Compare(a.Submission, b.Submission) }
