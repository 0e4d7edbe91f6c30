package build

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/internal/driver"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testEnv builds offline: the module cache is local and the workspace's go.sum is complete.
// GOFLAGS=-mod=mod, which would let the go command edit go.mod and go.sum, is overridden by
// Build's -mod=readonly (TestNothingWrittenToWorkspace and TestIncompleteGoSum check it).
var testEnv = []string{"GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local"}

// copyWorkspace copies testdata/ws to a new temporary folder and returns it. Files named
// *.go.txt (Go files that gofmt cannot parse, kept out of the repository's gofmt check)
// lose their .txt suffix.
func copyWorkspace(tb testing.TB) string {
	tb.Helper()
	dst := filepath.Join(tb.TempDir(), "ws")
	src := filepath.Join("testdata", "ws")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, strings.TrimSuffix(rel, ".txt"))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	require.NoError(tb, err)
	return dst
}

// allTargets covers every case of the test workspace; ws is its copy.
func allTargets(ws string) []Target {
	both := []string{"MSE", "RMSE"}
	stat := []string{"gonum.org/v1/gonum/stat"}
	return []Target{
		{Slug: "ok", Dir: "exercises/ok", Funcs: both, Forbid: stat},
		{Slug: "syntax", Dir: "exercises/syntax", Funcs: []string{"MSE"}},
		{Slug: "typeerr", Dir: "exercises/typeerr", Funcs: []string{"MSE"}},
		{Slug: "missing", Dir: "exercises/missing", Funcs: both},
		{Slug: "forbid-direct", Dir: "exercises/forbid-direct", Funcs: []string{"MSE"}, Forbid: stat},
		{Slug: "forbid-indirect", Dir: "exercises/forbid-indirect", Funcs: []string{"MSE"},
			Forbid: []string{"gonum.org/v1/gonum/stat/..."}},
		{Slug: "deperr", Dir: "exercises/deperr", Funcs: []string{"MSE"}},
		{Slug: "badimport", Dir: "exercises/badimport", Funcs: []string{"MSE"}},
		{Slug: "generic", Dir: "exercises/generic", Funcs: both},
		{Slug: "program", Dir: "exercises/program", Funcs: []string{"MSE"}},
		{Slug: "absent", Dir: "exercises/absent", Funcs: []string{"MSE"}},
		{Slug: "solution", Dir: "exercises/ok", Funcs: both, Source: filepath.Join(ws, "variants", "ok")},
		{Slug: "mistake", Dir: "exercises/ok", Funcs: []string{"MSE"}, Source: filepath.Join(ws, "variants", "typeerr")},
		{Slug: "empty-source", Dir: "exercises/ok", Funcs: []string{"MSE"}, Source: filepath.Join(ws, "lib")},
		{Slug: "absent-source", Dir: "exercises/ok", Funcs: []string{"MSE"}, Source: filepath.Join(ws, "variants", "absent")},
		{Slug: "cheat", Dir: "exercises/cheat", Funcs: []string{"MSE"}},
		{Slug: "cycle", Dir: "exercises/cycle", Funcs: []string{"MSE"}},
	}
}

func testOptions(tb testing.TB) Options {
	return Options{CacheDir: filepath.Join(tb.TempDir(), "cache"), Env: testEnv}
}

// golden compares got with testdata/golden/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
		require.NoError(t, os.WriteFile(file, got, 0o644))
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), string(got), "golden file %s differs; run go test -update and review the diff", file)
}

func TestBuildWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	opt := testOptions(t)
	res, err := Build(context.Background(), ws, allTargets(ws), opt)
	require.NoError(t, err)

	require.NotEmpty(t, res.Binary)
	fi, err := os.Stat(res.Binary)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&0o100, "binary is executable")
	assert.True(t, strings.HasPrefix(res.Binary, opt.CacheDir), "binary %s is in the cache folder", res.Binary)

	// Spot checks; the golden file holds the rest.
	assert.True(t, res.Targets["ok"].OK)
	assert.True(t, res.Targets["solution"].OK)
	assert.True(t, res.Targets["missing"].Built)
	assert.False(t, res.Targets["missing"].OK)
	assert.Equal(t, []string{"RMSE"}, res.Targets["missing"].Missing)
	assert.Equal(t, []string{"MSE"}, res.Targets["missing"].Funcs)
	assert.Equal(t, "exercises/missing: function RMSE is missing.", res.Targets["missing"].Message)
	assert.Equal(t, []Violation{{Import: "gonum.org/v1/gonum/stat", Chain: []string{
		"example.com/kata/exercises/forbid-indirect", "example.com/kata/lib/mean", "gonum.org/v1/gonum/stat"}}},
		res.Targets["forbid-indirect"].Forbidden)
	cheat := res.Targets["cheat"]
	require.Len(t, cheat.Forbidden, 1, "importing another target's stand-in is forbidden")
	assert.Equal(t, "example.com/kata/_mlkata/src/11", cheat.Forbidden[0].Import)
	typeErr := res.Targets["typeerr"]
	require.NotEmpty(t, typeErr.Diagnostics)
	assert.Equal(t, "exercises/typeerr/metrics.go", typeErr.Diagnostics[0].File)
	assert.Equal(t, 6, typeErr.Diagnostics[0].Line)
	assert.Equal(t, 3, typeErr.Diagnostics[0].Column)
	syntax := res.Targets["syntax"]
	require.NotEmpty(t, syntax.Diagnostics)
	assert.Equal(t, "exercises/syntax/metrics.go", syntax.Diagnostics[0].File)
	assert.Equal(t, 6, syntax.Diagnostics[0].Line)
	dep := res.Targets["deperr"]
	require.NotEmpty(t, dep.Diagnostics)
	assert.Equal(t, "lib/broken/broken.go", dep.Diagnostics[0].File, "a dependency's error goes to the learner's target")
	mistake := res.Targets["mistake"]
	require.NotEmpty(t, mistake.Diagnostics)
	assert.Equal(t, "variants/typeerr/mistake.go", mistake.Diagnostics[0].File, "a stand-in's error names its real file")

	// Stack traces name the module's files by import path (the driver is built with
	// -trimpath) and stand-ins by their virtual files; File maps them back, and absolute
	// names too.
	for name, want := range map[string]string{
		"example.com/kata/" + PrivateDir + "/src/11/solution.go":  "variants/ok/solution.go",
		"example.com/kata/exercises/ok/metrics.go":                "exercises/ok/metrics.go",
		filepath.Join(ws, PrivateDir, "src", "11", "solution.go"): "variants/ok/solution.go",
		filepath.Join(ws, "exercises", "ok", "metrics.go"):        "exercises/ok/metrics.go",
		"runtime/panic.go":                        "runtime/panic.go",
		"gonum.org/v1/gonum@v0.16.0/stat/stat.go": "gonum.org/v1/gonum@v0.16.0/stat/stat.go",
		"example.com/kata/sub@v1.0.0/sub.go":      "example.com/kata/sub@v1.0.0/sub.go",
		"/usr/local/go/src/runtime/panic.go":      "/usr/local/go/src/runtime/panic.go",
		"<autogenerated>":                         "<autogenerated>",
	} {
		assert.Equal(t, want, res.File(name), "File(%q)", name)
	}

	for slug, r := range res.Targets {
		assert.Equal(t, r.OK, r.Message == "", "%s: a message exactly when not OK", slug)
	}

	got, err := json.MarshalIndent(goldenResult(res), "", "\t")
	require.NoError(t, err)
	golden(t, "workspace.json", append(got, '\n'))
	golden(t, "main.go.txt", generatedMain(t, res.Binary))
}

// goldenResult is the part of a Result that does not depend on the machine.
func goldenResult(res *Result) any {
	return struct {
		HasBinary bool
		Targets   map[string]*TargetResult
	}{res.Binary != "", res.Targets}
}

// generatedMain returns the main source the binary was built from, found through the
// overlay file of the same key.
func generatedMain(t *testing.T, binary string) []byte {
	t.Helper()
	key := strings.TrimPrefix(filepath.Base(binary), "driver-")
	data, err := os.ReadFile(filepath.Join(filepath.Dir(binary), "overlay-"+key+".json"))
	require.NoError(t, err)
	var ovl struct{ Replace map[string]string }
	require.NoError(t, json.Unmarshal(data, &ovl))
	for virtual, real := range ovl.Replace {
		if strings.HasSuffix(virtual, filepath.Join(PrivateDir, "main", "main.go")) {
			src, err := os.ReadFile(real)
			require.NoError(t, err)
			return src
		}
	}
	t.Fatal("no main.go in the overlay")
	return nil
}

// snapshot records every file under root (except skip) with its size, mode and mtime.
func snapshot(t *testing.T, root, skip string) map[string]string {
	t.Helper()
	out := make(map[string]string)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == skip {
			return filepath.SkipDir
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = fi.Mode().String() + " " + fi.ModTime().Format(time.RFC3339Nano)
		if !d.IsDir() {
			out[p] += " " + strconv.FormatInt(fi.Size(), 10)
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

func TestNothingWrittenToWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	grade := filepath.Join(ws, ".grade") // the grader's own folder (git-ignored), made by the engine
	require.NoError(t, os.Mkdir(grade, 0o755))
	for _, tc := range []struct {
		name  string
		cache string
	}{
		{"cache outside", filepath.Join(t.TempDir(), "cache")},
		{"cache in .grade", filepath.Join(grade, "build")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(t, ws, grade)
			res, err := Build(context.Background(), ws, allTargets(ws), Options{CacheDir: tc.cache, Env: testEnv})
			require.NoError(t, err)
			require.NotEmpty(t, res.Binary)
			assert.Equal(t, before, snapshot(t, ws, grade))
		})
	}
}

// TestSameDriverInAnotherFolder builds identical workspaces in two folders: the drivers
// are the same file, byte for byte. Their build IDs are hashes of every compiled package's
// inputs, so the folder is in none of those, and the Go build cache serves one folder's
// packages to the other: a batch compiles the driver's runtime once, not per submission.
func TestSameDriverInAnotherFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	targets := []Target{{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}}}
	var sums [2][sha256.Size]byte
	for i := range sums {
		ws := copyWorkspace(t)
		res, err := Build(context.Background(), ws, targets, testOptions(t))
		require.NoError(t, err)
		require.True(t, res.Targets["ok"].OK)
		data, err := os.ReadFile(res.Binary)
		require.NoError(t, err)
		sums[i] = sha256.Sum256(data)
	}
	assert.Equal(t, sums[0], sums[1], "the folder changed the driver")
}

func TestRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	opt := testOptions(t)
	targets := []Target{
		{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}},
		{Slug: "typeerr", Dir: "exercises/typeerr", Funcs: []string{"MSE"}},
	}
	ctx := context.Background()

	first, err := Build(ctx, ws, targets, opt)
	require.NoError(t, err)
	require.False(t, first.Targets["typeerr"].OK)
	require.True(t, first.Targets["ok"].OK)

	t.Run("no-op keeps the binary", func(t *testing.T) {
		before, err := os.Stat(first.Binary)
		require.NoError(t, err)
		again, err := Build(ctx, ws, targets, opt)
		require.NoError(t, err)
		require.Equal(t, first.Binary, again.Binary)
		after, err := os.Stat(again.Binary)
		require.NoError(t, err)
		// The go command touches an up-to-date binary, so compare files, not times: a link
		// writes a new file and renames it into place.
		assert.True(t, os.SameFile(before, after), "the go command skipped the link")
	})

	t.Run("an edit relinks", func(t *testing.T) {
		before, err := os.Stat(first.Binary)
		require.NoError(t, err)
		file := filepath.Join(ws, "exercises", "ok", "metrics.go")
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		edited := strings.Replace(string(src), "return math.Sqrt(", "return 1 * math.Sqrt(", 1)
		require.NotEqual(t, string(src), edited)
		require.NoError(t, os.WriteFile(file, []byte(edited), 0o644))
		again, err := Build(ctx, ws, targets, opt)
		require.NoError(t, err)
		require.Equal(t, first.Binary, again.Binary, "same targets, same binary name")
		after, err := os.Stat(again.Binary)
		require.NoError(t, err)
		assert.False(t, os.SameFile(before, after), "the binary was relinked")
	})

	t.Run("a fix brings the target in", func(t *testing.T) {
		file := filepath.Join(ws, "exercises", "typeerr", "metrics.go")
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		fixed := strings.Replace(string(src), "s := 0\n", "s := 0.0\n", 1)
		fixed = strings.Replace(fixed, "return s / len(yTrue)", "return s / float64(len(yTrue))", 1)
		require.NoError(t, os.WriteFile(file, []byte(fixed), 0o644))
		res, err := Build(ctx, ws, targets, opt)
		require.NoError(t, err)
		assert.True(t, res.Targets["typeerr"].OK, "%+v", res.Targets["typeerr"])
		assert.True(t, res.Targets["ok"].OK)
		assert.NotEqual(t, first.Binary, res.Binary, "a different target set is a different binary")
	})
}

func TestBuildErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ctx := context.Background()
	ok := []Target{{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE"}}}

	t.Run("no go command", func(t *testing.T) {
		ws := copyWorkspace(t)
		opt := testOptions(t)
		opt.Go = filepath.Join(t.TempDir(), "no-such-go")
		_, err := Build(ctx, ws, ok, opt)
		require.ErrorContains(t, err, "no-such-go")
	})
	t.Run("no module", func(t *testing.T) {
		ws := copyWorkspace(t)
		require.NoError(t, os.Remove(filepath.Join(ws, "go.mod")))
		_, err := Build(ctx, ws, ok, testOptions(t))
		require.ErrorContains(t, err, "go.mod")
	})
	t.Run("private folder taken", func(t *testing.T) {
		ws := copyWorkspace(t)
		require.NoError(t, os.Mkdir(filepath.Join(ws, PrivateDir), 0o755))
		_, err := Build(ctx, ws, ok, testOptions(t))
		require.ErrorContains(t, err, "reserves")
	})
	for _, tc := range []struct {
		name, src, want string
	}{
		{"driver needs a module the workspace lacks",
			"package driver\n\nimport _ \"github.com/nobody/nothing\"\n", "driver runtime does not load"},
		{"driver does not compile",
			"package driver\n\ntype Registry map[string]map[string]any\n\nfunc Main(Registry) { return 1 }\n", "driver does not build"},
		{"driver has no files", "", "no .go files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := copyWorkspace(t)
			drv := fstest.MapFS{"driver_test.go": {Data: []byte("package driver\n\nthis test file is never read\n")}}
			if tc.src != "" {
				drv["driver.go"] = &fstest.MapFile{Data: []byte(tc.src)}
			}
			_, err := buildWith(ctx, ws, ok, testOptions(t), drv)
			require.ErrorContains(t, err, tc.want)
		})
	}
	t.Run("toolchain older than the driver", func(t *testing.T) {
		ws := copyWorkspace(t)
		b, err := newBuilder(ws, ok, testOptions(t))
		require.NoError(t, err)
		b.driverFS, b.goVersion = driver.Source, "go1.999"
		_, err = b.run(ctx)
		require.ErrorContains(t, err, "needs Go 1.999 or later")
	})
	t.Run("cancelled context", func(t *testing.T) {
		ws := copyWorkspace(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := Build(cctx, ws, ok, testOptions(t))
		require.ErrorIs(t, err, context.Canceled)
	})
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		targets []Target
		want    string
	}{
		{"empty slug", []Target{{Dir: "a"}}, "empty slug"},
		{"duplicate slug", []Target{{Slug: "a", Dir: "a"}, {Slug: "a", Dir: "b"}}, "duplicate"},
		{"absolute dir", []Target{{Slug: "a", Dir: "/a"}}, "clean"},
		{"parent dir", []Target{{Slug: "a", Dir: "../a"}}, "clean"},
		{"unclean dir", []Target{{Slug: "a", Dir: "a/./b"}}, "clean"},
		{"empty dir", []Target{{Slug: "a"}}, "clean"},
		{"private dir", []Target{{Slug: "a", Dir: PrivateDir + "/x"}}, "private"},
		{"relative source", []Target{{Slug: "a", Dir: "a", Source: "rel"}}, "absolute"},
		{"unexported func", []Target{{Slug: "a", Dir: "a", Funcs: []string{"mse"}}}, "exported"},
		{"not an identifier", []Target{{Slug: "a", Dir: "a", Funcs: []string{"M-SE"}}}, "exported"},
		{"empty forbid", []Target{{Slug: "a", Dir: "a", Forbid: []string{""}}}, "Forbid"},
		{"forbidden folder outside", []Target{{Slug: "a", Dir: "a", ForbidDirs: []string{"../x"}}}, "ForbidDirs"},
		{"forbidden folder unclean", []Target{{Slug: "a", Dir: "a", ForbidDirs: []string{"x/./y"}}}, "ForbidDirs"},
		{"fine", []Target{{Slug: "a", Dir: "exercises/01-x", Funcs: []string{"MSE"}, Forbid: []string{"p/..."}}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validate(tc.targets)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

// TestPanicLocation runs a driver whose learner package panics in init, before the driver
// runs: the binary, linked with -s -w and without -trimpath, still names the file and line,
// and Result.File maps the stand-in's virtual file back to its real one.
func TestPanicLocation(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	targets := []Target{{Slug: "boom", Dir: "exercises/ok", Funcs: []string{"MSE"}, Source: filepath.Join(ws, "variants", "initpanic")}}
	res, err := Build(context.Background(), ws, targets, testOptions(t))
	require.NoError(t, err)
	require.True(t, res.Targets["boom"].OK, "%+v", res.Targets["boom"])

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var stderr strings.Builder
	cmd := exec.CommandContext(ctx, res.Binary)
	cmd.Stderr = &stderr
	require.Error(t, cmd.Run(), "the driver exits with the panic")
	require.Contains(t, stderr.String(), "boom at init")
	m := regexp.MustCompile(`(?m)^\t(\S+\.go):(\d+) `).FindAllStringSubmatch(stderr.String(), -1)
	var locs []string
	for _, loc := range m {
		locs = append(locs, res.File(loc[1])+":"+loc[2])
	}
	assert.Contains(t, locs, "variants/initpanic/boom.go:5", "stack:\n%s", stderr.String())
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "src"), 0o755))
	now := time.Now()
	old := now.Add(-pruneAge - time.Hour)
	files := map[string]bool{ // name → kept
		"driver-old":         false,
		"driver-new":         true,
		"overlay-old.json":   false,
		"overlay-new.json":   true,
		"src/old-main.go":    false,
		"src/new-main.go":    true,
		"unrelated-old-file": true,
	}
	for name := range files {
		f := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(f, nil, 0o644))
		if strings.Contains(name, "old") {
			require.NoError(t, os.Chtimes(f, old, old))
		}
	}
	prune(dir, now)
	for name, kept := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		assert.Equal(t, kept, err == nil, name)
	}
}

// TestOldGoDirective builds in a workspace whose go.mod says go 1.20 (and requires no
// module): the driver, written for a newer language version, still compiles.
// TestToolchainLineIgnored: a submission's go.mod cannot make the grader fetch and run another
// Go toolchain; Build uses the local one whatever GOTOOLCHAIN the caller has.
func TestToolchainLineIgnored(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	mod, err := os.ReadFile(filepath.Join(ws, "go.mod"))
	require.NoError(t, err)
	mod = append(mod, "\ntoolchain go1.99.9\n"...)
	require.NoError(t, os.WriteFile(filepath.Join(ws, "go.mod"), mod, 0o644))
	t.Setenv("GOTOOLCHAIN", "auto")
	opt := testOptions(t)
	opt.Env = []string{"GOPROXY=off", "GOWORK=off"}
	res, err := Build(context.Background(), ws, allTargets(ws)[:1], opt)
	require.NoError(t, err, "with GOTOOLCHAIN=auto the go command would try to download go1.99.9")
	require.NotEmpty(t, res.Binary)
}

func TestOldGoDirective(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	require.NoError(t, os.WriteFile(filepath.Join(ws, "go.mod"), []byte("module example.com/kata\n\ngo 1.20\n"), 0o644))
	require.NoError(t, os.Remove(filepath.Join(ws, "go.sum")))
	drv := fstest.MapFS{"driver.go": {Data: []byte(`package driver

type Registry map[string]map[string]any

// Main uses range over an int, new in Go 1.22.
func Main(r Registry) {
	for range 3 {
		_ = min(len(r), 1)
	}
}
`)}}
	opt := testOptions(t)
	opt.Env = append(opt.Env, "GOFLAGS=-mod=readonly")
	res, err := buildWith(context.Background(), ws, []Target{{Slug: "m", Dir: "exercises/missing", Funcs: []string{"MSE"}}}, opt, drv)
	require.NoError(t, err)
	assert.True(t, res.Targets["m"].OK, "%+v", res.Targets["m"])
}

// TestIncompleteGoSum: even with GOFLAGS=-mod=mod, a go.sum without gonum's entries is
// reported, not fixed: as an error when the driver itself imports gonum, else as a load
// error of the target that does. go.sum is left alone.
func TestIncompleteGoSum(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	sum := filepath.Join(ws, "go.sum")
	require.NoError(t, os.WriteFile(sum, nil, 0o644))
	res, err := Build(context.Background(), ws, []Target{{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE"}}}, testOptions(t))
	if err != nil {
		assert.ErrorContains(t, err, "missing go.sum entry")
	} else {
		assert.False(t, res.Targets["ok"].Built)
		assert.Contains(t, res.Targets["ok"].Message, "missing go.sum entry")
	}
	data, err := os.ReadFile(sum)
	require.NoError(t, err)
	assert.Empty(t, data, "go.sum untouched")
}

func TestModFlag(t *testing.T) {
	dir := t.TempDir()
	b := &builder{workspace: dir}
	assert.Equal(t, []string{"-mod=readonly"}, b.modFlag())
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "vendor"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "vendor", "modules.txt"), nil, 0o644))
	assert.Nil(t, b.modFlag(), "a vendored workspace keeps -mod=vendor")
}

func TestGoCommand(t *testing.T) {
	name, err := GoCommand()
	require.NoError(t, err, "this test needs a go command, as go test does")
	fi, err := os.Stat(name)
	require.NoError(t, err)
	assert.False(t, fi.IsDir())
	assert.Equal(t, "go", strings.TrimSuffix(filepath.Base(name), ".exe"))
}

func TestNoTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	res, err := Build(context.Background(), copyWorkspace(t), nil, testOptions(t))
	require.NoError(t, err)
	assert.Empty(t, res.Binary, "nothing to build")
	assert.Empty(t, res.Targets)
}

// TestWorkspaceInsideModule builds a workspace that is a folder of a larger module: import
// paths, the private folder and stand-ins all sit below the module's root.
func TestWorkspaceInsideModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	root := filepath.Dir(ws)
	require.NoError(t, os.Rename(filepath.Join(ws, "go.sum"), filepath.Join(root, "go.sum")))
	require.NoError(t, os.Remove(filepath.Join(ws, "go.mod")))
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"),
		[]byte("module example.com/outer\n\ngo 1.26\n\nrequire gonum.org/v1/gonum v0.17.0\n"), 0o644))
	cheat := filepath.Join(ws, "exercises", "cheat2")
	require.NoError(t, os.Mkdir(cheat, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(cheat, "m.go"), []byte(`package cheat

import solution "example.com/outer/ws/`+PrivateDir+`/src/1"

func MSE(a, b []float64) float64 { return solution.MSE(a, b) }
`), 0o644))
	res, err := Build(context.Background(), ws, []Target{
		{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}},
		{Slug: "solution", Dir: "exercises/ok", Funcs: []string{"MSE"}, Source: filepath.Join(ws, "variants", "ok")},
		{Slug: "cheat", Dir: "exercises/cheat2", Funcs: []string{"MSE"}},
	}, testOptions(t))
	require.NoError(t, err)
	require.NotEmpty(t, res.Binary)
	assert.True(t, res.Targets["ok"].OK, "%+v", res.Targets["ok"])
	assert.Equal(t, "example.com/outer/ws/exercises/ok", res.Targets["ok"].ImportPath)
	assert.True(t, res.Targets["solution"].OK, "%+v", res.Targets["solution"])
	assert.Equal(t, "example.com/outer/ws/exercises/ok", res.Targets["solution"].ImportPath)
	assert.Equal(t, "variants/ok/solution.go", res.File(filepath.Join(ws, PrivateDir, "src", "1", "solution.go")))
	require.Len(t, res.Targets["cheat"].Forbidden, 1, "%+v", res.Targets["cheat"])
	assert.Equal(t, "example.com/outer/ws/"+PrivateDir+"/src/1", res.Targets["cheat"].Forbidden[0].Import)
}

// TestConcurrentBuilds runs two builds of the same workspace into the same cache at once.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := copyWorkspace(t)
	opt := testOptions(t)
	targets := []Target{{Slug: "ok", Dir: "exercises/ok", Funcs: []string{"MSE", "RMSE"}}}
	results := make([]*Result, 2)
	errs := make([]error, 2)
	done := make(chan int)
	for i := range results {
		go func() {
			results[i], errs[i] = Build(context.Background(), ws, targets, opt)
			done <- i
		}()
	}
	<-done
	<-done
	for i := range results {
		require.NoError(t, errs[i])
		assert.True(t, results[i].Targets["ok"].OK)
	}
	assert.Equal(t, results[0].Binary, results[1].Binary)
}

// TestForbidDirs: a learner package that imports a reference solution by its real folder
// (here variants/ok, through a helper package) breaks the policy when that folder is in
// ForbidDirs, in a workspace that is a module and in one that is a folder of a larger module;
// without ForbidDirs the same package builds.
func TestForbidDirs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	for _, inside := range []bool{false, true} {
		t.Run(map[bool]string{false: "module", true: "inside-module"}[inside], func(t *testing.T) {
			ws := copyWorkspace(t)
			mod := "example.com/kata"
			if inside {
				root := filepath.Dir(ws)
				require.NoError(t, os.Rename(filepath.Join(ws, "go.sum"), filepath.Join(root, "go.sum")))
				require.NoError(t, os.Remove(filepath.Join(ws, "go.mod")))
				require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"),
					[]byte("module example.com/outer\n\ngo 1.26\n\nrequire gonum.org/v1/gonum v0.17.0\n"), 0o644))
				mod = "example.com/outer/ws"
			}
			write := func(dir, src string) {
				require.NoError(t, os.MkdirAll(filepath.Join(ws, dir), 0o755))
				require.NoError(t, os.WriteFile(filepath.Join(ws, dir, "m.go"), []byte(src), 0o644))
			}
			write("lib/answers", "package answers\n\nimport sol \""+mod+"/variants/ok\"\n\nvar MSE = sol.MSE\n")
			write("exercises/copy", "package metrics\n\nimport \""+mod+"/lib/answers\"\n\n"+
				"func MSE(a, b []float64) float64 { return answers.MSE(a, b) }\n")
			targets := func(dirs []string) []Target {
				return []Target{{Slug: "copy", Dir: "exercises/copy", Funcs: []string{"MSE"}, ForbidDirs: dirs}}
			}
			res, err := Build(context.Background(), ws, targets(nil), testOptions(t))
			require.NoError(t, err)
			assert.True(t, res.Targets["copy"].OK, "%+v", res.Targets["copy"])

			res, err = Build(context.Background(), ws, targets([]string{"exercises/ok/solution", "variants"}), testOptions(t))
			require.NoError(t, err)
			r := res.Targets["copy"]
			assert.False(t, r.Built)
			assert.Equal(t, []Violation{{Import: mod + "/variants/ok", Chain: []string{
				mod + "/exercises/copy", mod + "/lib/answers", mod + "/variants/ok"}}}, r.Forbidden)
			assert.Contains(t, r.Message, mod+"/variants/ok")
		})
	}
}
