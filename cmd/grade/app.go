package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mlkata/mlkata/grader"
)

// The exit codes of grade.
const (
	exitPassed   = 0
	exitFailed   = 1
	exitUsage    = 2
	exitInternal = 3
)

// exitCode carries an exit code out of a cli action.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit %d", int(c)) }

// env is what grade takes from the world: its output, the course compiled into it, and the
// process's surroundings. Tests build their own.
type env struct {
	stdout, stderr io.Writer
	course         []*grader.Exercise
	// stubs holds the course's stub files at paths relative to the exercises/ folder
	// ("03-classification-metrics/metrics.go"): exercises.Stubs.
	stubs fs.FS
	// hiddenBuild says whether the course's hidden checks are compiled in (-tags hidden).
	hiddenBuild bool
	getenv      func(string) string
	getwd       func() (string, error)
	now         func() time.Time
	// self is how the learner runs grade, for the commands messages suggest: "grade", or
	// "go run ./cmd/grade" under go run.
	self string
	// tty says whether stdout is a terminal (colour, clearing the screen in watch).
	tty bool
	// pollInterval is how often watch looks at the files; 0 means 100 ms.
	pollInterval time.Duration
	// graded, when not nil, is told of every grading run watch makes.
	graded func(slug string)
}

// newEnv returns the environment of the real process.
func newEnv(course []*grader.Exercise, stubs fs.FS, hidden bool) *env {
	tty := false
	if fi, err := os.Stdout.Stat(); err == nil {
		tty = fi.Mode()&os.ModeCharDevice != 0
	}
	self := "grade"
	if strings.Contains(os.Args[0], "go-build") { // go run builds into a go-build temporary folder
		self = "go run ./cmd/grade"
	}
	return &env{
		stdout: os.Stdout, stderr: os.Stderr,
		course: course, stubs: stubs, hiddenBuild: hidden,
		getenv: os.Getenv, getwd: os.Getwd, now: time.Now, tty: tty, self: self,
	}
}

// run runs grade with args (args[0] is the program name) and returns the exit code.
func run(args []string, e *env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	app := newApp(e)
	err := app.RunContext(ctx, interspersed(app, args))
	var code exitCode
	switch {
	case err == nil:
		return exitPassed
	case errors.As(err, &code):
		return int(code)
	default:
		// urfave/cli's own errors are all about the command line.
		fmt.Fprintln(e.stderr, "grade:", err)
		return exitUsage
	}
}

// exit turns a run function's exit code into what a cli action returns.
func exit(code int) error {
	if code == exitPassed {
		return nil
	}
	return exitCode(code)
}

// common are the options every command shares.
type common struct {
	Workspace string        // "" means: walk up from the current folder
	JSON      bool          // the JSON report on stdout
	Formats   []string      // NAME or NAME=FILE
	Seed      uint64        // 0 means grader.DefaultSeed (ci: MLKATA_SEED or a fresh one)
	Timeout   time.Duration // bounds one exercise's checks; 0 means the grader's default
	Hidden    bool          // run the hidden checks too
	Reveal    bool          // keep the hidden checks' details in the reports
	Verbose   bool
	NoColor   bool
	NoTimings bool
	NoCache   bool // grade every exercise, even those whose results the workspace's cache holds
}

// globalFlags returns new instances of the flags every command accepts, before or after the
// command's name.
func globalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "json", Usage: "write the report as JSON on stdout"},
		&cli.StringSliceFlag{Name: "format", Usage: "write the report as `NAME[=FILE]` (stdout without FILE); repeat for several; names: " + formatList()},
		&cli.Uint64Flag{Name: "seed", Usage: "seed of the checks' random inputs (ci: else $MLKATA_SEED, else 42)", DefaultText: "42"},
		&cli.DurationFlag{Name: "timeout", Usage: "time limit for the checks of one exercise (batch: for one submission, default 10m)", DefaultText: "60s"},
		&cli.BoolFlag{Name: "hidden", Usage: "also run the hidden checks (needs a grade built with -tags hidden; ci and batch: always)"},
		&cli.BoolFlag{Name: "reveal-hidden", Usage: "show the hidden checks' inputs, results and messages in every report (for instructors, or a platform that hides them itself); by default only their names, points, pass or fail and named mistakes"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "show timings and all of your code's output"},
		&cli.BoolFlag{Name: "no-color", Usage: "no colours (also when $NO_COLOR is set or stdout is not a terminal)"},
		&cli.BoolFlag{Name: "no-timings", Usage: "leave durations out, so the report is the same byte for byte for the same code and seed"},
		&cli.BoolFlag{Name: "no-cache", Usage: "grade every exercise again, even one whose code has not changed since its last grade (by default its result is reused from .grade/results; batch: from OUT/.cache, shared by the submissions)"},
		&cli.StringFlag{Name: "workspace", Aliases: []string{"w"}, Usage: "the mlkata workspace `DIR` (default: the folder holding go.mod and exercises/, from here up)"},
	}
}

// setIn returns the context of c's lineage in which the flag name was set, or c.
func setIn(c *cli.Context, name string) *cli.Context {
	for _, x := range c.Lineage() {
		if x.Command != nil || x.App != nil {
			if x.IsSet(name) {
				return x
			}
		}
	}
	return c
}

// commonOf reads the global flags, wherever on the command line they were given.
func commonOf(c *cli.Context) common {
	var formats []string
	for _, x := range c.Lineage() {
		if x.IsSet("format") {
			formats = append(formats, x.StringSlice("format")...)
			break
		}
	}
	return common{
		Workspace: setIn(c, "workspace").String("workspace"),
		JSON:      setIn(c, "json").Bool("json"),
		Formats:   formats,
		Seed:      setIn(c, "seed").Uint64("seed"),
		Timeout:   setIn(c, "timeout").Duration("timeout"),
		Hidden:    setIn(c, "hidden").Bool("hidden"),
		Reveal:    setIn(c, "reveal-hidden").Bool("reveal-hidden"),
		Verbose:   setIn(c, "verbose").Bool("verbose"),
		NoColor:   setIn(c, "no-color").Bool("no-color"),
		NoTimings: setIn(c, "no-timings").Bool("no-timings"),
		NoCache:   setIn(c, "no-cache").Bool("no-cache"),
	}
}

// seedSet reports whether --seed was given anywhere on the command line.
func seedSet(c *cli.Context) bool {
	for _, x := range c.Lineage() {
		if x.IsSet("seed") {
			return true
		}
	}
	return false
}

func newApp(e *env) *cli.App {
	cmd := func(c *cli.Command) *cli.Command {
		c.Flags = append(c.Flags, globalFlags()...)
		return c
	}
	return &cli.App{
		Name:  "grade",
		Usage: "grade your mlkata exercises",
		UsageText: `grade [options] [EXERCISE...]
grade COMMAND [options] [ARGUMENTS]

EXERCISE is a number (3 or 03), a name (standardize) or a folder (exercises/05-standardize).
Without one, grade grades every exercise and shows a table and your next step; inside an
exercise's folder it grades that exercise. With EXERCISE it shows every check: what was
expected, what your code gave, the mistake it recognised and a hint.

Examples:
   grade                  # every exercise, one line each, then what to do next
   grade 3                # exercise 3, check by check
   grade hint 3           # the next hint for exercise 3
   grade watch            # grade again whenever you save

Exit codes: 0 everything graded passed, 1 some check failed or was not started,
2 usage or configuration error, 3 internal error.`,
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		// Errors become exit codes in run; the library must not exit the process itself.
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelpCommand: true,
		Flags:           globalFlags(),
		Action: func(c *cli.Context) error {
			return exit(runGrade(c.Context, e, gradeOptions{common: commonOf(c), Exercises: c.Args().Slice()}))
		},
		Commands: []*cli.Command{
			cmd(listCommand(e)),
			cmd(hintCommand(e)),
			cmd(watchCommand(e)),
			cmd(solutionCommand(e)),
			cmd(resetCommand(e)),
			cmd(plotCommand(e)),
			cmd(verifyCommand(e)),
			cmd(ciCommand(e)),
			cmd(releaseCommand(e)),
			cmd(batchCommand(e)),
			cmd(gradebookCommand(e)),
			cmd(packageCommand(e)), cmd(prairielearnCommand(e)), cmd(autogradeCommand(e)),
		},
	}
}

// interspersed returns args with the flags moved before the arguments, so that flags may
// follow them as people type them ("grade 2 --json", "grade solution 3 --give-up"), which
// urfave/cli alone does not allow. The command's name stays first; "--" ends the flags.
func interspersed(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	boolean := map[string]bool{"help": true, "h": true}
	flags := slices.Clone(app.Flags)
	for _, c := range app.Commands {
		flags = append(flags, c.Flags...)
	}
	for _, f := range flags {
		if _, ok := f.(*cli.BoolFlag); ok {
			for _, n := range f.Names() {
				boolean[n] = true
			}
		}
	}
	var command string
	var opts, rest []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			opts = append(opts, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && !boolean[name] && i+1 < len(args) {
				i++
				opts = append(opts, args[i])
			}
		case command == "" && len(rest) == 0 && app.Command(a) != nil:
			command = a
		default:
			rest = append(rest, a)
		}
	}
	out := []string{args[0]}
	if command != "" {
		out = append(out, command)
	}
	out = append(out, opts...)
	return append(out, rest...)
}
