package batch

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/internal/sandbox"
	"github.com/mlkata/mlkata/grader/report"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// helperEnv makes the test binary run one batch (see runHelper) instead of the tests: the
// kill test starts it as a subprocess and SIGKILLs it.
const helperEnv = "MLKATA_BATCH_HELPER"

func TestMain(m *testing.M) {
	grader.Main()
	if spec := os.Getenv(helperEnv); spec != "" {
		os.Exit(runHelper(spec))
	}
	os.Exit(m.Run())
}

// runHelper runs a batch described by "dir|out|jobs".
func runHelper(spec string) int {
	parts := strings.Split(spec, "|")
	var jobs int
	fmt.Sscan(parts[2], &jobs)
	_, err := Run(context.Background(), testOptions(parts[0], parts[1], jobs))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// course is the tests' course: two tiny exercises.
func course() []*grader.Exercise {
	return []*grader.Exercise{
		{
			Slug: "mean", Title: "Mean", Dir: "exercises/mean",
			Functions: []grader.Func{{Name: "Mean", Signature: "func(x []float64) float64"}},
			Mistakes:  []grader.Mistake{{ID: "sum-not-mean", Hint: "divide the sum by len(x)"}},
			Checks: []grader.Check{
				{Name: "Mean of 1, 2, 3, 4", Points: 1, Run: func(t *grader.T) {
					x := []float64{1, 2, 3, 4}
					got := t.Call("Mean", x).Float()
					t.Mistake(grader.Near(got, 10, grader.Rel(1e-12)), "sum-not-mean", "")
					t.Close(got, 2.5, grader.Rel(1e-12)) // by hand
				}},
				{Name: "Mean of -1, 1", Points: 1, Run: func(t *grader.T) {
					t.Close(t.Call("Mean", []float64{-1, 1}).Float(), 0, grader.Abs(1e-12))
				}},
			},
		},
		{
			Slug: "sum", Title: "Sum", Dir: "exercises/sum",
			Functions: []grader.Func{{Name: "Sum", Signature: "func(x []float64) float64"}},
			Checks: []grader.Check{
				{Name: "Sum of 1, 2, 3", Points: 2, Run: func(t *grader.T) {
					t.Close(t.Call("Sum", []float64{1, 2, 3}).Float(), 6, grader.Rel(1e-12)) // by hand
				}},
			},
		},
	}
}

func testOptions(dir, out string, jobs int) Options {
	return Options{
		Dir: dir, Out: out, Exercises: course(), Jobs: jobs,
		Timeouts: grader.Timeouts{Call: 2 * time.Second, Exercise: 20 * time.Second, Start: 10 * time.Second},
		Limits:   sandbox.Limits{CPU: 20 * time.Second, Memory: 512 << 20, FileSize: 16 << 20, Processes: 256, OpenFiles: 64},
	}
}

// The learner files of the variants.
const (
	meanOK      = "package mean\n\nfunc Mean(x []float64) float64 {\n\ts := 0.0\n\tfor _, v := range x {\n\t\ts += v\n\t}\n\treturn s / float64(len(x))\n}\n"
	meanSum     = "package mean\n\nfunc Mean(x []float64) float64 {\n\ts := 0.0\n\tfor _, v := range x {\n\t\ts += v\n\t}\n\treturn s\n}\n"
	meanBroken  = "package mean\n\nfunc Mean(x []float64) float64 {\n\treturn \"oops\"\n}\n"
	meanMissing = "package mean\n\nfunc Average(x []float64) float64 { return 0 }\n"
	meanPanic   = "package mean\n\nfunc Mean(x []float64) float64 {\n\treturn x[len(x)]\n}\n"
	sumOK       = "package sum\n\nfunc Sum(x []float64) float64 {\n\ts := 0.0\n\tfor _, v := range x {\n\t\ts += v\n\t}\n\treturn s\n}\n"
)

// variants maps a variant name to its mean.go and sum.go ("" keeps the stub).
var variants = map[string][2]string{
	"correct":     {meanOK, sumOK},
	"wrong":       {meanSum, sumOK},
	"broken":      {meanBroken, sumOK},
	"missing":     {meanMissing, ""},
	"crash":       {meanPanic, sumOK},
	"not-started": {"", ""},
}

// makeSubmissions writes n submissions below a new folder, cycling through the variants in
// sorted order: name "s07-wrong" is the 8th. It returns the folder.
func makeSubmissions(t testing.TB, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "submissions")
	names := slices.Sorted(maps.Keys(variants))
	for i := range n {
		v := names[i%len(names)]
		makeSubmission(t, filepath.Join(dir, fmt.Sprintf("s%02d-%s", i, v)), variants[v])
	}
	return dir
}

func makeSubmission(t testing.TB, dst string, files [2]string) {
	t.Helper()
	require.NoError(t, os.CopyFS(dst, os.DirFS("testdata/ws")))
	if files[0] != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dst, "exercises/mean/mean.go"), []byte(files[0]), 0o644))
	}
	if files[1] != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dst, "exercises/sum/sum.go"), []byte(files[1]), 0o644))
	}
}

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		err  string
	}{
		{"0/4", Shard{0, 4}, ""},
		{"3/4", Shard{3, 4}, ""},
		{" 1 / 2 ", Shard{1, 2}, ""},
		{"0/1", Shard{0, 1}, ""},
		{"4/4", Shard{}, "less than the count"},
		{"-1/4", Shard{}, "less than the count"},
		{"1", Shard{}, "want I/N"},
		{"a/4", Shard{}, "index"},
		{"1/b", Shard{}, "count"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseShard(tt.in)
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, strings.ReplaceAll(tt.in, " ", ""), got.String())
		})
	}
	assert.Equal(t, "all", Shard{}.String())
}

// TestShardsCoverEverySubmissionOnce: for every N, each name is in exactly one shard, and the
// shards are about equal.
func TestShardsCoverEverySubmissionOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var names []string
	for i := range 1000 {
		names = append(names, fmt.Sprintf("learner-%d-%x", i, rng.Uint32()))
	}
	for n := 1; n <= 7; n++ {
		counts := make([]int, n)
		for _, name := range names {
			in := 0
			for i := range n {
				if (Shard{i, n}).Contains(name) {
					in++
					counts[i]++
				}
			}
			require.Equal(t, 1, in, "%s with %d shards", name, n)
		}
		for i, c := range counts {
			// Binomial(1000, 1/n): within 5 standard deviations of 1000/n.
			mean := 1000 / float64(n)
			variance := mean * (1 - 1/float64(n))
			assert.InDelta(t, mean, c, 5*math.Sqrt(variance)+1, "shard %d/%d", i, n)
		}
	}
}

func TestHashSubmission(t *testing.T) {
	dir := t.TempDir()
	makeSubmission(t, dir, variants["correct"])
	h1, err := HashSubmission(dir)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(h1, "sha256:"))

	// grade's own output and VCS metadata do not count.
	writeFile(t, filepath.Join(dir, ".grade/mean/plot.png"), "png")
	writeFile(t, filepath.Join(dir, ".git/HEAD"), "ref")
	h2, err := HashSubmission(dir)
	require.NoError(t, err)
	assert.Equal(t, h1, h2)

	// A changed, added or renamed file does.
	writeFile(t, filepath.Join(dir, "exercises/mean/mean.go"), meanSum)
	h3, err := HashSubmission(dir)
	require.NoError(t, err)
	assert.NotEqual(t, h1, h3)
	writeFile(t, filepath.Join(dir, "exercises/mean/mean.go"), meanOK)
	h4, _ := HashSubmission(dir)
	assert.Equal(t, h1, h4, "the hash depends on content only")
	require.NoError(t, os.Rename(filepath.Join(dir, "exercises/mean/mean.go"), filepath.Join(dir, "exercises/mean/mean2.go")))
	h5, _ := HashSubmission(dir)
	assert.NotEqual(t, h1, h5)
}

func writeFile(t testing.TB, name, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, []byte(text), 0o644))
}

// fakeGrade stands in for grader.Grade: it scores a submission by the name of its folder and
// counts its calls per folder.
type fakeGrade struct {
	calls atomic.Int64
	per   map[string]*atomic.Int64
	delay time.Duration
}

func newFakeGrade(dir string, delay time.Duration) *fakeGrade {
	f := &fakeGrade{per: map[string]*atomic.Int64{}, delay: delay}
	names, _ := submissions(dir)
	for _, n := range names {
		f.per[n] = new(atomic.Int64)
	}
	return f
}

func (f *fakeGrade) grade(ctx context.Context, opt grader.Options) (*report.Report, error) {
	name := filepath.Base(opt.Workspace)
	f.calls.Add(1)
	f.per[name].Add(1)
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	switch {
	case strings.Contains(name, "hang"):
		<-ctx.Done()
		return nil, fmt.Errorf("grade: %w", ctx.Err())
	case strings.Contains(name, "panic"):
		panic("a bug in the grader")
	case strings.Contains(name, "nomod"):
		return nil, &grader.ConfigError{Err: errors.New("no go.mod")}
	}
	score := float64(len(name) % 3)
	return &report.Report{Version: report.Version, Seed: opt.Seed, Score: score, MaxScore: 2, Exercises: []report.Exercise{
		{Number: 1, Slug: "mean", Title: "Mean", Status: map[bool]report.Status{true: report.Passed, false: report.Failed}[score == 2], Score: score, MaxScore: 2},
	}}, nil
}

// TestRunOutcomes runs batches with a fake grader: every outcome gets its result, a rerun skips
// what is current, a changed submission or seed is graded again.
func TestRunOutcomes(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"alice", "bob", "carol-hang", "dave-panic", "erin-nomod", ".hidden", "_tmp"} {
		writeFile(t, filepath.Join(dir, n, "go.mod"), "module m\n")
	}
	writeFile(t, filepath.Join(dir, "not-a-folder.txt"), "x")
	out := t.TempDir()
	fake := newFakeGrade(dir, 0)
	opt := Options{Dir: dir, Out: out, Exercises: course(), Jobs: 3, Timeout: 300 * time.Millisecond, grade: fake.grade}
	var progress bytes.Buffer
	opt.Progress = &progress

	sum, err := Run(context.Background(), opt)
	require.NoError(t, err)
	assert.Equal(t, 5, sum.Submissions)
	assert.Equal(t, 5, sum.Graded)
	assert.Equal(t, 1, sum.TimedOut)
	assert.Equal(t, 2, sum.Errors)
	assert.Contains(t, progress.String(), "5/5")
	assert.Contains(t, progress.String(), "carol-hang: timed-out: grading took longer than 300ms")

	read := func(name string) *Result {
		r, err := ReadResult(filepath.Join(out, "results", name+".json"))
		require.NoError(t, err)
		return r
	}
	assert.Equal(t, Graded, read("alice").Status)
	assert.Equal(t, TimedOut, read("carol-hang").Status)
	assert.Equal(t, Error, read("dave-panic").Status)
	assert.Contains(t, read("dave-panic").Message, "internal error of the grader: a bug in the grader")
	assert.Equal(t, Error, read("erin-nomod").Status)
	assert.Equal(t, "no go.mod", read("erin-nomod").Message)

	book, err := Gradebook(out)
	require.NoError(t, err)
	require.Len(t, book.Rows, 5)
	assert.Equal(t, sum.Gradebook, book)
	assert.FileExists(t, filepath.Join(out, "gradebook.csv"))
	assert.FileExists(t, filepath.Join(out, "gradebook.json"))

	// The rerun grades only what could not be graded (errors may have been transient).
	before := fake.calls.Load()
	sum, err = Run(context.Background(), opt)
	require.NoError(t, err)
	assert.Equal(t, 3, sum.Skipped)
	assert.Equal(t, 2, sum.Graded)
	assert.Equal(t, before+2, fake.calls.Load())

	// A changed submission is graded again; so is everything with another seed, or with Force.
	writeFile(t, filepath.Join(dir, "alice", "exercises/mean/mean.go"), meanOK)
	sum, err = Run(context.Background(), opt)
	require.NoError(t, err)
	assert.Equal(t, 3, sum.Graded, "alice and the two errors")
	opt.Seed = 7
	sum, err = Run(context.Background(), opt)
	require.NoError(t, err)
	assert.Equal(t, 5, sum.Graded)
	assert.Equal(t, uint64(7), read("bob").Seed)
	opt.Force = true
	sum, err = Run(context.Background(), opt)
	require.NoError(t, err)
	assert.Equal(t, 5, sum.Graded)
}

// TestRunShards: the shards of a batch, run one after the other into their own folders, grade
// every submission exactly once, and Gradebook merges them into the gradebook of an unsharded
// run.
func TestRunShards(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("learner%02d", i), "go.mod"), "module m\n")
	}
	fake := newFakeGrade(dir, 0)
	const n = 3
	var outs []string
	total := 0
	for i := range n {
		out := t.TempDir()
		outs = append(outs, out)
		sum, err := Run(context.Background(), Options{Dir: dir, Out: out, Exercises: course(), Jobs: 2, Shard: Shard{i, n}, grade: fake.grade})
		require.NoError(t, err)
		assert.Equal(t, 40, sum.Submissions)
		assert.Equal(t, sum.InShard, sum.Graded)
		assert.NotZero(t, sum.InShard, "shard %d/%d is empty", i, n)
		total += sum.Graded
	}
	assert.Equal(t, 40, total)
	for name, c := range fake.per {
		assert.Equal(t, int64(1), c.Load(), name)
	}
	merged, err := Gradebook(outs...)
	require.NoError(t, err)
	whole, err := Run(context.Background(), Options{Dir: dir, Out: t.TempDir(), Exercises: course(), grade: fake.grade})
	require.NoError(t, err)
	assert.Equal(t, stripHashes(whole.Gradebook), stripHashes(merged))

	// The same shard twice is merged once; results that disagree are an error.
	again, err := Gradebook(append(outs, outs[0])...)
	require.NoError(t, err)
	assert.Len(t, again.Rows, 40)
	other := t.TempDir()
	_, err = Run(context.Background(), Options{Dir: dir, Out: other, Exercises: course(), Seed: 9, Shard: Shard{0, n}, grade: fake.grade})
	require.NoError(t, err)
	_, err = Gradebook(outs[0], other)
	assert.ErrorContains(t, err, "two different results")
}

func stripHashes(b *Book) *Book {
	c := *b
	c.Rows = slices.Clone(b.Rows)
	for i := range c.Rows {
		c.Rows[i].Hash = ""
	}
	return &c
}

// TestRunCancelled: a cancelled batch returns the context's error and writes no result for the
// submissions it was grading.
func TestRunCancelled(t *testing.T) {
	dir := t.TempDir()
	for i := range 10 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("s%d", i), "go.mod"), "module m\n")
	}
	out := t.TempDir()
	fake := newFakeGrade(dir, 100*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(250*time.Millisecond, cancel)
	_, err := Run(ctx, Options{Dir: dir, Out: out, Exercises: course(), Jobs: 2, grade: fake.grade})
	require.ErrorIs(t, err, context.Canceled)
	entries, err := os.ReadDir(filepath.Join(out, "results"))
	require.NoError(t, err)
	assert.Less(t, len(entries), 10)
	for _, e := range entries {
		r, err := ReadResult(filepath.Join(out, "results", e.Name()))
		require.NoError(t, err)
		assert.Equal(t, Graded, r.Status, "a cancelled submission is not recorded as timed out or failed")
	}
	sum, err := Run(context.Background(), Options{Dir: dir, Out: out, Exercises: course(), Jobs: 2, grade: fake.grade})
	require.NoError(t, err)
	assert.Equal(t, len(entries), sum.Skipped)
	assert.Equal(t, 10-len(entries), sum.Graded)
}

func TestProgressPlainLines(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	var b bytes.Buffer
	p := newProgress(&b, clock, 4)
	now = now.Add(10 * time.Second)
	p.done("alice", &Result{Status: Graded, DurationMS: 10000, Report: &report.Report{Score: 3, MaxScore: 4}}, false)
	now = now.Add(10 * time.Second)
	p.done("bob", &Result{Status: TimedOut, Message: "grading took longer than 10m0s"}, false)
	p.done("carol", &Result{Status: Graded}, true)
	now = now.Add(5 * time.Second)
	p.done("dave", &Result{Status: Error, Message: "no go.mod\nmore"}, false)
	p.end()
	assert.Equal(t, `1/4 alice: 3/4 in 10s (about 30s left)
2/4 bob: timed-out: grading took longer than 10m0s (about 20s left)
3/4 carol: already graded (about 10s left)
4/4 dave: error: no go.mod (done)
batch: 4 of 4 finished in 25s (3 graded now, 2 could not be graded, 1 already graded)
`, b.String())
}

// gradeReal runs a real batch of the variants (each once) into out.
func gradeReal(t *testing.T, jobs int) (dir, out string, sum *Summary) {
	t.Helper()
	dir = makeSubmissions(t, len(variants))
	writeFile(t, filepath.Join(dir, "zz-no-module", "README.md"), "not a workspace\n")
	out = t.TempDir()
	var progress bytes.Buffer
	opt := testOptions(dir, out, jobs)
	opt.Progress = &progress
	sum, err := Run(context.Background(), opt)
	require.NoError(t, err, progress.String())
	t.Log(progress.String())
	return dir, out, sum
}

// TestRunRealSubmissions grades the variants for real and compares the gradebook with the
// golden files (go test -run TestRunRealSubmissions -update rewrites them).
func TestRunRealSubmissions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades submissions in sandboxed processes")
	}
	_, out, sum := gradeReal(t, 2)
	assert.Equal(t, len(variants)+1, sum.Graded)
	assert.Equal(t, 1, sum.Errors, "the folder without go.mod")
	for _, name := range []string{"gradebook.csv", "gradebook.json"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err)
		golden := filepath.Join("testdata", "golden", name)
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
			require.NoError(t, os.WriteFile(golden, withoutHashes(got), 0o644))
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(withoutHashes(got)), name)
	}
}

// withoutHashes blanks the submission hashes (go.sum and paths may differ between machines)
// in a gradebook.
func withoutHashes(b []byte) []byte {
	lines := strings.SplitAfter(string(b), "\n")
	for i, l := range lines {
		if k := strings.Index(l, `"hash": "sha256:`); k >= 0 {
			lines[i] = l[:k] + `"hash": "sha256:…",` + "\n"
		}
	}
	return []byte(strings.Join(lines, ""))
}

// TestKillHalfway starts a real batch in a subprocess, SIGKILLs it once some results are
// written, and proves that a rerun completes it: every submission has exactly one result, the
// results written before the kill are kept as they were (not graded again), and the gradebook
// equals that of an uninterrupted batch.
func TestKillHalfway(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and grades submissions in sandboxed processes")
	}
	const n = 12
	dir := makeSubmissions(t, n)
	out := t.TempDir()
	results := filepath.Join(out, "results")

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir+"|"+out+"|1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	deadline := time.Now().Add(3 * time.Minute)
	for count := 0; count < n/3; {
		require.True(t, time.Now().Before(deadline), "no results after 3 minutes: %s", stderr.String())
		time.Sleep(50 * time.Millisecond)
		count = len(resultFiles(t, results))
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()

	before := map[string][]byte{}
	for _, f := range resultFiles(t, results) {
		b, err := os.ReadFile(filepath.Join(results, f))
		require.NoError(t, err)
		before[f] = b
	}
	require.Less(t, len(before), n, "the batch was killed before it finished")
	t.Logf("killed with %d of %d results written", len(before), n)

	sum, err := Run(context.Background(), testOptions(dir, out, 2))
	require.NoError(t, err)
	assert.Equal(t, len(before), sum.Skipped, "nothing graded twice")
	assert.Equal(t, n-len(before), sum.Graded, "nothing lost")

	after := resultFiles(t, results)
	require.Len(t, after, n)
	names, err := submissions(dir)
	require.NoError(t, err)
	for i, name := range names {
		assert.Equal(t, name+".json", after[i])
	}
	for f, b := range before {
		now, err := os.ReadFile(filepath.Join(results, f))
		require.NoError(t, err)
		assert.Equal(t, string(b), string(now), "%s was rewritten", f)
	}
	leftovers, err := os.ReadDir(results)
	require.NoError(t, err)
	assert.Len(t, leftovers, n, "no temporary file is left behind")

	// The completed batch has the gradebook of an uninterrupted one.
	whole, err := Run(context.Background(), testOptions(dir, t.TempDir(), 2))
	require.NoError(t, err)
	assert.Equal(t, whole.Gradebook, sum.Gradebook)
}

// resultFiles lists the result files (not temporary files) in dir, sorted.
func resultFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") && !strings.HasPrefix(e.Name(), atomicfile.TempPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestConfined: a submission may not reach another one's files through a symbolic link or a
// local replace directive.
func TestConfined(t *testing.T) {
	root := t.TempDir()
	ok := filepath.Join(root, "ok")
	writeFile(t, filepath.Join(ok, "go.mod"), "module m\n\nreplace gonum.org/v1/gonum => gonum.org/v1/gonum v0.17.0\n")
	writeFile(t, filepath.Join(ok, "a/a.go"), "package a\n")
	require.NoError(t, os.Symlink("a.go", filepath.Join(ok, "a/b.go")))
	assert.NoError(t, confined(ok))

	link := filepath.Join(root, "link")
	writeFile(t, filepath.Join(link, "go.mod"), "module m\n")
	require.NoError(t, os.MkdirAll(filepath.Join(link, "a"), 0o755))
	require.NoError(t, os.Symlink("../../ok/a/a.go", filepath.Join(link, "a/a.go")))
	assert.ErrorContains(t, confined(link), "symbolic link a/a.go points outside its folder")

	replace := filepath.Join(root, "replace")
	writeFile(t, filepath.Join(replace, "go.mod"), "module m\n\nreplace (\n\texample.com/x => ../ok\n)\n")
	assert.ErrorContains(t, confined(replace), "go.mod line 4 replaces a module by the folder ../ok")
}

// TestProgressBar: on a terminal the bar is redrawn in place, with the time left.
func TestProgressBar(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	p := newProgress(&b, func() time.Time { return now }, 3)
	p.tty = true // as isTerminal finds for a terminal
	now = now.Add(4 * time.Second)
	p.done("alice", &Result{Status: Graded, Report: &report.Report{}}, false)
	assert.Equal(t, "\r\x1b[K["+strings.Repeat("█", 10)+strings.Repeat("░", 20)+"] 1/3  33%  about 8s left  alice", b.String())
	b.Reset()
	p.done("bob", &Result{Status: Graded}, true)
	p.done("carol", &Result{Status: Error}, false)
	p.end()
	assert.Contains(t, b.String(), "["+strings.Repeat("█", 30)+"] 3/3 100%  done  carol\nbatch: 3 of 3 finished in 4s")
	assert.False(t, isTerminal(&b), "a buffer is not a terminal")
}
