package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"go/version"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/platform"
)

// A packager is a platform grade package writes an autograder for: grade package NAME OUT
// runs Package, and the platform's scripts run grade autograde NAME (Autograde) for each
// submission. A platform's file adds its packager to packagers. Its flags are flags of both
// grade package and its subcommand (flags are parsed before the subcommand's name, see
// interspersed), so a flag name means the same for every platform that uses it.
type packager struct {
	Name      string
	Usage     string // one line for grade package --help
	UsageText string // the subcommand's help, with examples
	Example   string // one command line for grade package --help
	// Flags are the platform's own flags of grade package and of grade autograde.
	Flags, AutogradeFlags []cli.Flag
	Package               func(ctx context.Context, e *env, c *cli.Context, o packageOptions) int
	Autograde             func(ctx context.Context, e *env, c *cli.Context, o common) int
}

// packagers are the platforms of grade package, in the order of its help.
var packagers = []packager{gradescopePackager}

// packageOptions are the options every platform of grade package shares.
type packageOptions struct {
	common
	SeedSet bool
	Out     string
	Ref     string
	Exclude []string
}

// unionFlags returns the flags of fs without repeating a name.
func unionFlags(fs ...[]cli.Flag) []cli.Flag {
	var out []cli.Flag
	seen := map[string]bool{}
	for _, list := range fs {
		for _, f := range list {
			if !seen[f.Names()[0]] {
				seen[f.Names()[0]] = true
				out = append(out, f)
			}
		}
	}
	return out
}

func findPackager(name string) (packager, bool) {
	i := slices.IndexFunc(packagers, func(p packager) bool { return p.Name == name })
	if i < 0 {
		return packager{}, false
	}
	return packagers[i], true
}

func packagerNames() string {
	var names []string
	for _, p := range packagers {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// packageFlags are the flags every platform of grade package shares.
func packageFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "ref", Usage: "package git revision `REV` (a tag, a commit, HEAD) instead of the work tree"},
		&cli.StringSliceFlag{Name: "exclude", Usage: "also leave out `PATTERN` (path.Match, relative to the workspace)"},
	}
}

func packageCommand(e *env) *cli.Command {
	lists := [][]cli.Flag{packageFlags()}
	var subcommands []*cli.Command
	var examples strings.Builder
	for _, p := range packagers {
		lists = append(lists, p.Flags)
		fmt.Fprintf(&examples, "   %s\n", p.Example)
		subcommands = append(subcommands, &cli.Command{
			Name: p.Name, Usage: p.Usage, ArgsUsage: "OUT", UsageText: p.UsageText,
			Flags: unionFlags(packageFlags(), p.Flags, globalFlags()),
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return exit(fail(e, "package", usagef("want the file to write, for example: grade package %s autograder.zip", p.Name)))
				}
				return exit(p.Package(c.Context, e, c, packageOptions{common: commonOf(c), SeedSet: seedSet(c),
					Out: c.Args().First(), Ref: setIn(c, "ref").String("ref"), Exclude: setIn(c, "exclude").StringSlice("exclude")}))
			},
		})
	}
	return &cli.Command{
		Name:      "package",
		Usage:     "for instructors: write the autograder of a grading platform, with the hidden checks",
		ArgsUsage: "PLATFORM OUT",
		UsageText: `grade package PLATFORM [options] OUT

Writes the course (the workspace, with its hidden checks, without solutions and mistake
variants) as an autograder for PLATFORM, ready to upload. The file is yours alone: it holds
the hidden checks, so never give it to learners. grade package PLATFORM --help says more.

Examples:
` + examples.String() + "   grade package gradescope --help",
		Flags:           unionFlags(lists...),
		Subcommands:     subcommands,
		HideHelpCommand: true,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return exit(fail(e, "package", usagef("want a platform (%s) and the file to write, for example: grade package gradescope autograder.zip", packagerNames())))
			}
			return exit(fail(e, "package", usagef("no platform %q: the platforms are %s", c.Args().First(), packagerNames())))
		},
	}
}

// autogradeCommand is what a platform's scripts run for each submission; it is not in the help.
func autogradeCommand(e *env) *cli.Command {
	var lists [][]cli.Flag
	for _, p := range packagers {
		lists = append(lists, p.AutogradeFlags)
	}
	return &cli.Command{
		Name:      "autograde",
		Usage:     "for a platform's autograder scripts: grade the submission in the platform's folders",
		ArgsUsage: "PLATFORM",
		UsageText: `grade autograde PLATFORM [options]

Run by the scripts grade package writes, on the platform, for each submission.

Example:
   grade autograde gradescope --root /autograder`,
		Hidden: true,
		Flags:  unionFlags(lists...),
		Action: func(c *cli.Context) error {
			p, ok := findPackager(c.Args().First())
			if c.NArg() != 1 || !ok || p.Autograde == nil {
				return exit(fail(e, "autograde", usagef("want one platform: %s", packagerNames())))
			}
			if !e.hiddenBuild {
				return exit(fail(e, "autograde", usagef("this grade was built without the hidden checks: build it from the instructor's repository with `go build -tags hidden ./cmd/grade`")))
			}
			o := commonOf(c)
			if !seedSet(c) {
				o.Seed = 0 // the platform's seed variable, else grader.DefaultSeed
			}
			return exit(p.Autograde(c.Context, e, c, o))
		},
	}
}

// gradescopePackager is grade package gradescope and grade autograde gradescope.
var gradescopePackager = packager{
	Name:    "gradescope",
	Usage:   "a Gradescope programming assignment's autograder zip",
	Example: "grade package gradescope autograder.zip",
	UsageText: `grade package gradescope [--ref REV] [--seed N] [--go VERSION --go-sha256 HEX] OUT.zip

Writes the autograder zip of a Gradescope programming assignment: setup.sh, run_autograder
and the course in course/. Gradescope's image installs Go VERSION (default: the Go that built
this grade; its SHA-256 is looked up on go.dev unless given), builds grade with the hidden
checks and grades every submission with seed N (default: one drawn now and printed), on the
whole course or the exercises --only names. How to upload and test it:
docs/platforms/gradescope.md.

Examples:
   go run -tags hidden ./cmd/grade package gradescope autograder.zip
   grade package gradescope --ref v1.2 --seed 2024 --time-limit 15m autograder.zip
   grade package gradescope --only 1 --only 2 --only 3 week1.zip`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "go", Usage: "the Go `VERSION` the autograder installs (default: the Go that built this grade)"},
		&cli.StringFlag{Name: "go-sha256", Usage: "the SHA-256 `HEX` of that Go's linux-amd64 tarball (default: looked up on go.dev)"},
		&cli.StringSliceFlag{Name: "only", Usage: "grade only `EXERCISE` (a number, name or folder) in this assignment; repeat for several (default: the whole course)"},
		&cli.DurationFlag{Name: "time-limit", Value: 9 * time.Minute, Usage: "grading time `D` of one submission, after which its results say it took too long; keep it below Gradescope's limit"},
	},
	AutogradeFlags: []cli.Flag{
		&cli.StringFlag{Name: "root", Usage: "the autograder's `FOLDER` (default: $AUTOGRADER_ROOT, else /autograder)"},
		&cli.DurationFlag{Name: "time-limit", Usage: "stop grading after `D` and say so in the results (default: no limit)"},
		&cli.StringSliceFlag{Name: "only", Usage: "grade only the exercise `SLUG`; repeat for several (default: the whole course)"},
	},
	Package: func(ctx context.Context, e *env, c *cli.Context, o packageOptions) int {
		return runPackageGradescope(ctx, e, gradescopeOptions{packageOptions: o,
			Go: setIn(c, "go").String("go"), GoSHA256: setIn(c, "go-sha256").String("go-sha256"),
			Only: setIn(c, "only").StringSlice("only"), TimeLimit: setIn(c, "time-limit").Duration("time-limit")})
	},
	Autograde: func(ctx context.Context, e *env, c *cli.Context, o common) int {
		return runAutogradeGradescope(ctx, e, autogradeOptions{common: o,
			Root: setIn(c, "root").String("root"), Only: setIn(c, "only").StringSlice("only"),
			TimeLimit: setIn(c, "time-limit").Duration("time-limit")})
	},
}

// gradescopeOptions are the options of grade package gradescope.
type gradescopeOptions struct {
	packageOptions
	Go, GoSHA256 string   // "" means: the Go that built grade; looked up on go.dev
	Only         []string // exercises (numbers, names or folders); empty means all
	TimeLimit    time.Duration
}

// runPackageGradescope is grade package gradescope.
func runPackageGradescope(ctx context.Context, e *env, o gradescopeOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "package", err)
	}
	goVersion := o.Go
	if goVersion != "" && !version.IsValid(goVersion) {
		return fail(e, "package", usagef("--go %q: want a Go release such as go1.26.0", goVersion))
	}
	if goVersion == "" {
		goVersion = runtime.Version()
		if !version.IsValid(goVersion) || strings.ContainsAny(goVersion, " -+") {
			return fail(e, "package", usagef("this grade was built by Go %s, which is not a release: name the Go for Gradescope with --go, for example --go=go1.26.0", goVersion))
		}
	}
	if need := moduleGo(ws); need != "" && version.Compare(goVersion, need) < 0 {
		return fail(e, "package", usagef("Go %s is older than the %s that go.mod asks for: name a newer one with --go", goVersion, need))
	}
	sum := o.GoSHA256
	if sum == "" {
		sum, err = platform.GoSHA256(ctx, nil, platform.GoDownloads, goVersion)
		if err != nil {
			return fail(e, "package", fmt.Errorf("%w; pass the SHA-256 of %s.linux-amd64.tar.gz, listed on https://go.dev/dl/, with --go-sha256", err, goVersion))
		}
	}
	seed := o.Seed
	if !o.SeedSet || seed == 0 {
		seed = 1 + rand.Uint64N(1_000_000_000)
	}
	var flags []string
	if o.Reveal {
		flags = append(flags, "--reveal-hidden")
	}
	if o.Timeout > 0 {
		flags = append(flags, "--timeout="+o.Timeout.String())
	}
	if len(o.Only) > 0 {
		exs, err := resolve(e, ws, o.Only)
		if err != nil {
			return fail(e, "package", err)
		}
		for _, ex := range exs {
			flags = append(flags, "--only="+ex.Slug)
		}
	}
	if o.TimeLimit > 0 {
		flags = append(flags, "--time-limit="+o.TimeLimit.String())
	}
	exclude := slices.Clone(o.Exclude)
	if out, err := filepath.Abs(o.Out); err == nil {
		if rel, err := filepath.Rel(ws, out); err == nil && filepath.IsLocal(rel) {
			exclude = append(exclude, filepath.ToSlash(rel)) // an earlier zip in the workspace
		}
	}
	var zip bytes.Buffer
	res, err := platform.GradescopeZip(ctx, platform.GradescopeOptions{
		Source: ws, Ref: o.Ref, Exercises: e.course, Exclude: exclude,
		GoVersion: goVersion, GoSHA256: sum, Seed: seed, Flags: flags,
	}, &zip)
	if err != nil {
		return fail(e, "package", err)
	}
	tmp := o.Out + ".tmp"
	if err := os.WriteFile(tmp, zip.Bytes(), 0o644); err != nil {
		return fail(e, "package", err)
	}
	if err := os.Rename(tmp, o.Out); err != nil {
		os.Remove(tmp)
		return fail(e, "package", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: setup.sh, run_autograder and the course in %s/ (%d files; left out %d: solutions, mistake variants, tests, dot files)\n",
		o.Out, platform.CourseDir, len(res.Course), len(res.Dropped))
	fmt.Fprintf(e.stdout, "Go %s, seed %d. It holds the hidden checks: keep it private.\n", goVersion, seed)
	fmt.Fprintln(e.stdout, "Next: upload it as the autograder of a Gradescope programming assignment (base image Ubuntu 22.04), then test it with a submission; see docs/platforms/gradescope.md.")
	return exitPassed
}

// moduleGo returns the newest Go that the go.mod of the workspace ws asks for (its go and
// toolchain lines), as a Go version ("go1.26.0"), or "" when it names none.
func moduleGo(ws string) string {
	b, err := os.ReadFile(filepath.Join(ws, "go.mod"))
	if err != nil {
		return ""
	}
	need := ""
	for line := range strings.Lines(string(b)) {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		v := ""
		switch f[0] {
		case "go":
			v = "go" + f[1]
		case "toolchain":
			v = f[1]
		}
		if version.IsValid(v) && (need == "" || version.Compare(v, need) > 0) {
			need = v
		}
	}
	return need
}

// autogradeOptions are the options of grade autograde gradescope.
type autogradeOptions struct {
	common
	Root      string   // "" means $AUTOGRADER_ROOT, else /autograder
	Only      []string // exercise slugs; empty means all
	TimeLimit time.Duration
}

// runAutogradeGradescope is grade autograde gradescope.
func runAutogradeGradescope(ctx context.Context, e *env, o autogradeOptions) int {
	root := o.Root
	if root == "" {
		root = cmp.Or(e.getenv("AUTOGRADER_ROOT"), "/autograder")
	}
	err := platform.RunGradescope(ctx, platform.AutogradeOptions{
		Root: root, Exercises: e.course, Seed: o.Seed, Timeouts: grader.Timeouts{Exercise: o.Timeout},
		TimeLimit: o.TimeLimit, Only: o.Only,
		RevealHidden: o.Reveal, Getenv: e.getenv,
	}, e.stderr)
	if err != nil {
		return fail(e, "autograde", err)
	}
	return exitPassed
}
