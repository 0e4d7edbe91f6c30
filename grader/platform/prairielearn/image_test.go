package prairielearn_test

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const imageDir = "../../../docs/platforms/prairielearn"

// dockerignore reads the patterns of a .dockerignore file.
func dockerignore(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		require.False(t, strings.HasPrefix(line, "!"), "this test's matcher does not handle exceptions: %s", line)
		out = append(out, path.Clean(line))
	}
	require.NoError(t, sc.Err())
	return out
}

// ignored reports whether the slash-separated path rel, or a folder above it, matches one of
// patterns as Docker matches them: path.Match for each segment, ** for any number of them.
func ignored(patterns []string, rel string) bool {
	parts := strings.Split(rel, "/")
	for i := 1; i <= len(parts); i++ {
		for _, p := range patterns {
			if matchSegments(strings.Split(p, "/"), parts[:i]) {
				return true
			}
		}
	}
	return false
}

func matchSegments(pat, name []string) bool {
	if len(pat) == 0 {
		return len(name) == 0
	}
	if pat[0] == "**" {
		for i := 0; i <= len(name); i++ {
			if matchSegments(pat[1:], name[i:]) {
				return true
			}
		}
		return false
	}
	if len(name) == 0 {
		return false
	}
	ok, err := path.Match(pat[0], name[0])
	return err == nil && ok && matchSegments(pat[1:], name[1:])
}

func TestIgnored(t *testing.T) {
	patterns := []string{".git", "**/.grade", "**/*_test.go", "exercises/*/solution"}
	for rel, want := range map[string]bool{
		".git/config":                               true,
		".grade/results/x":                          true,
		"exercises/02-x/.grade/build":               true,
		"exercises/02-x/check/check_test.go":        true,
		"exercises/02-x/solution/metrics.go":        true,
		"exercises/02-x/metrics.go":                 false,
		"exercises/02-x/check/solution.go":          false,
		"grader/testdata/ws/exercises/t/solution/x": false,
		"go.mod": false,
	} {
		assert.Equal(t, want, ignored(patterns, rel), rel)
	}
}

// context copies the repository into a new folder as docker build would send it: without
// what Dockerfile.dockerignore leaves out.
func buildContext(t *testing.T, patterns []string, dst string) {
	t.Helper()
	root, err := filepath.Abs("../../..")
	require.NoError(t, err)
	require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		rel, _ := filepath.Rel(root, p)
		if rel == "." {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if ignored(patterns, rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		return os.WriteFile(target, b, 0o644)
	}))
}

// TestDockerfile checks the Dockerfile's text for what matters, and that its build context
// leaves out the solutions.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(imageDir, "Dockerfile"))
	require.NoError(t, err)
	dockerfile := string(b)
	gomod, err := os.ReadFile("../../../go.mod")
	require.NoError(t, err)
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	require.NotNil(t, goLine, "go.mod has a go line")
	goMinor := string(goLine[1])

	froms := regexp.MustCompile(`(?m)^FROM (\S+)`).FindAllStringSubmatch(dockerfile, -1)
	require.Len(t, froms, 2, "a build stage and the grader stage")
	for _, f := range froms {
		assert.Regexp(t, `^golang:`+regexp.QuoteMeta(goMinor)+`-bookworm(@sha256:[0-9a-f]{64})?$`, f[1], "the official Go image of go.mod's version, tagged (never latest)")
	}
	assert.Contains(t, dockerfile, "COPY --from=build /usr/local/bin/grade /usr/local/bin/grade")
	assert.Contains(t, dockerfile, `ENTRYPOINT ["/usr/local/bin/grade", "prairielearn"]`, "exec form (hadolint DL3025)")
	assert.Contains(t, dockerfile, "GOPROXY=off", "no network at grading time")
	assert.NotContains(t, dockerfile, "apt-get", "nothing to install, nothing to pin (DL3008)")
	assert.NotRegexp(t, `(?m)^RUN .*\|`, dockerfile, "no pipes in RUN (DL4006)")
	assert.NotRegexp(t, `(?m)^USER`, dockerfile, "grade runs as root and drops the student's code to uid 65534")
	assert.Contains(t, dockerfile, "build.sh build /src /opt/mlkata /usr/local/bin")
	assert.Contains(t, dockerfile, "build.sh warm /opt/mlkata /usr/local/bin")

	script, err := os.ReadFile(filepath.Join(imageDir, "build.sh"))
	require.NoError(t, err)
	assert.Contains(t, string(script), "go build -tags hidden -trimpath -o \"$bindir/grade\" ./cmd/grade")

	// The question's entry point is what the image has.
	info, err := os.ReadFile(filepath.Join(imageDir, "question", "info.json"))
	require.NoError(t, err)
	var q struct {
		GradingMethod          string
		ExternalGradingOptions struct {
			Enabled    bool
			Image      string
			Entrypoint string
			Timeout    int
		}
	}
	require.NoError(t, json.Unmarshal(info, &q))
	assert.Equal(t, "External", q.GradingMethod)
	assert.True(t, q.ExternalGradingOptions.Enabled)
	entry := strings.Fields(q.ExternalGradingOptions.Entrypoint)
	require.GreaterOrEqual(t, len(entry), 2)
	assert.Equal(t, []string{"/usr/local/bin/grade", "prairielearn"}, entry[:2], "the grade the image installs")
	assert.NotEmpty(t, q.ExternalGradingOptions.Image)
	assert.True(t, q.ExternalGradingOptions.Timeout > 0 && q.ExternalGradingOptions.Timeout <= 600, "PrairieLearn allows 1 to 600 s")
	plTimeout := time.Duration(q.ExternalGradingOptions.Timeout) * time.Second
	if i := slices.Index(entry, "--timeout"); i >= 0 {
		d, err := time.ParseDuration(entry[i+1])
		require.NoError(t, err)
		assert.LessOrEqual(t, d, plTimeout/2, "grade's time limit for the checks leaves room for the build within PrairieLearn's")
	}
	i := slices.Index(entry, "--time-limit")
	require.GreaterOrEqual(t, i, 0, "the entry point stops before PrairieLearn kills it, and says so")
	d, err := time.ParseDuration(entry[i+1])
	require.NoError(t, err)
	assert.Less(t, d, plTimeout-5*time.Second, "--time-limit leaves time to write results.json before PrairieLearn's timeout")
	stub, err := os.ReadFile("../../../" + ex02 + "/metrics.go")
	require.NoError(t, err)
	editor, err := os.ReadFile(filepath.Join(imageDir, "question", "metrics.go"))
	require.NoError(t, err)
	assert.Equal(t, string(stub), string(editor), "the question's editor starts from the exercise's stub: copy it again")
	html, err := os.ReadFile(filepath.Join(imageDir, "question", "question.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), `file-name="metrics.go"`)
	assert.Contains(t, string(html), "<pl-external-grader-results>")

	patterns := dockerignore(t, filepath.Join(imageDir, "Dockerfile.dockerignore"))
	ctx := t.TempDir()
	buildContext(t, patterns, ctx)
	assert.NoDirExists(t, filepath.Join(ctx, ".git"))
	matches, _ := filepath.Glob(filepath.Join(ctx, "exercises", "*", "solution"))
	assert.Empty(t, matches, "no solution in the build context")
	matches, _ = filepath.Glob(filepath.Join(ctx, "exercises", "*", "check", "mistakes"))
	assert.Empty(t, matches, "no mistake variant in the build context")
	matches, _ = filepath.Glob(filepath.Join(ctx, "exercises", "*", "check", "alternatives"))
	assert.Empty(t, matches)
	matches, _ = filepath.Glob(filepath.Join(ctx, "exercises", "*", "check", "hidden.go"))
	assert.NotEmpty(t, matches, "the hidden checks are in the build context: grade is built from them")
}

// TestImageSteps runs the image's steps (build.sh build and warm, then the entry point)
// without Docker, on a temporary layout: the build context the Dockerfile.dockerignore
// leaves, the build stage's /opt/mlkata and /usr/local/bin, then a PrairieLearn job.
func TestImageSteps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grade with -tags hidden and grades exercise 02")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	tmp, err := os.MkdirTemp("", "mlkata-pl-image-") // searchable by the sandbox's uid 65534
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(tmp) })
	src, prefix, bindir := filepath.Join(tmp, "src"), filepath.Join(tmp, "opt", "mlkata"), filepath.Join(tmp, "bin")
	buildContext(t, dockerignore(t, filepath.Join(imageDir, "Dockerfile.dockerignore")), src)
	script, err := filepath.Abs(filepath.Join(imageDir, "build.sh"))
	require.NoError(t, err)

	sh := func(env []string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bash, append([]string{script}, args...)...)
		cmd.Env = append(os.Environ(), append([]string{"CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly"}, env...)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "build.sh %s:\n%s", strings.Join(args, " "), out)
		return string(out)
	}
	t.Run("usage", func(t *testing.T) {
		cmd := exec.Command(bash, script, "bogus")
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
		assert.Equal(t, 2, exit.ExitCode())
		assert.Contains(t, string(out), "usage: build.sh")
	})

	sh(nil, "build", src, prefix, bindir)
	grade := filepath.Join(bindir, "grade")
	require.FileExists(t, grade)
	require.FileExists(t, filepath.Join(prefix, "template", "go.mod"))
	matches, _ := filepath.Glob(filepath.Join(prefix, "template", "exercises", "*", "check", "hidden.go"))
	assert.Empty(t, matches, "the template is the learners' release: no hidden checks")

	sh([]string{"MLKATA_WARM_EXERCISES=2"}, "warm", prefix, bindir)
	assert.NoDirExists(t, filepath.Join(prefix, "ws"), "the warm-up leaves no workspace behind")

	// The entry point as PrairieLearn runs it, with the defaults' layout under prefix.
	root := job(t, map[string]any{"params": map[string]any{"exercise": 2}, "variant_seed": 5},
		map[string]string{"metrics.go": read(t, ex02+"/solution/metrics.go")})
	cmd := exec.Command(grade, "prairielearn", "--root", root, "--template", filepath.Join(prefix, "template"), "--work", filepath.Join(prefix, "ws"))
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	r := readResults(t, root)
	assert.Equal(t, 1.0, *r.Score, "%s", out)
	assert.Contains(t, r.Output, "seed 5")
	hidden := 0
	for _, tc := range r.Tests {
		if strings.HasSuffix(tc.Name, "(hidden)") {
			hidden++
		}
	}
	assert.NotZero(t, hidden, "the image's grade has the hidden checks")
}
