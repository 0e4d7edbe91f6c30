package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/report"
)

// debounce is how long the files must stay unchanged after a save before watch grades: an
// editor writing several files, or one file in several steps, triggers one grading.
const debounce = 200 * time.Millisecond

func watchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "watch",
		Usage:     "grade again whenever you save, moving on to the next exercise when one passes",
		ArgsUsage: "[EXERCISE]",
		UsageText: `grade watch [EXERCISE]

Grades the exercise, then again each time you save one of its Go files, and moves on to the
next exercise when it passes. Without EXERCISE it starts with the exercise of the current
folder, or the first one you have not passed. Stop it with Ctrl-C.

Examples:
   grade watch
   grade watch 5`,
		Action: func(c *cli.Context) error {
			return exit(runWatch(c.Context, e, exerciseOptions{common: commonOf(c), Exercise: c.Args().Slice()}))
		},
	}
}

// runWatch is grade watch. It returns when ctx is cancelled (Ctrl-C) or every exercise passed.
func runWatch(ctx context.Context, e *env, o exerciseOptions) int {
	ws, err := findWorkspace(e, o.Workspace)
	if err != nil {
		return fail(e, "watch", err)
	}
	exs, err := resolve(e, ws, o.Exercise)
	if err != nil {
		return fail(e, "watch", err)
	}
	if len(exs) > 1 {
		return fail(e, "watch", usagef("grade watch takes one exercise, not %d", len(exs)))
	}
	var ex *grader.Exercise
	if len(exs) == 1 {
		ex = exs[0]
	} else if ex = nextToDo(e, loadState(ws, e.stderr), nil); ex == nil {
		fmt.Fprintln(e.stdout, "every exercise has passed: nothing to watch (name one to watch it anyway)")
		return exitPassed
	}
	poll := e.pollInterval
	if poll == 0 {
		poll = 100 * time.Millisecond
	}
	for {
		dir := filepath.Join(ws, filepath.FromSlash(ex.Dir))
		before := snap(dir) // the files as graded: a save during grading grades again
		if e.tty {
			fmt.Fprint(e.stdout, "\033[H\033[2J")
		}
		r, err := gradeRun(ctx, e, ws, o.common, []*grader.Exercise{ex}, false)
		if ctx.Err() != nil {
			return exitPassed
		}
		if err != nil {
			return fail(e, "watch", err)
		}
		st := record(e, ws, r)
		if err := report.WriteText(e.stdout, r, textOptions(e, o.common, true)); err != nil {
			return fail(e, "watch", err)
		}
		if r.Exercises[0].Status == report.Passed {
			next := nextToDo(e, st, ex)
			if next == nil {
				fmt.Fprintln(e.stdout, "\nevery exercise passes: well done")
				e.notify(ex.Slug)
				return exitPassed
			}
			fmt.Fprintf(e.stdout, "\nexercise %d passes: moving on to %s\n", number(e, ex), next.Dir)
			e.notify(ex.Slug)
			ex = next
			continue
		}
		fmt.Fprintf(e.stdout, "\nwatching %s: save a file to grade again, Ctrl-C to stop\n", ex.Dir)
		e.notify(ex.Slug)
		if !waitForChange(ctx, dir, before, poll) {
			return exitPassed
		}
	}
}

// nextToDo returns the first exercise after from (from the start when nil) whose latest
// grading in st did not pass, or nil.
func nextToDo(e *env, st *state, from *grader.Exercise) *grader.Exercise {
	start := 0
	if from != nil {
		start = number(e, from)
	}
	for _, ex := range e.course[start:] {
		if p := st.Exercises[ex.Slug]; p == nil || p.Status != report.Passed {
			return ex
		}
	}
	return nil
}

// snapshot is the size and modification time of each file at the top of a folder.
type snapshot map[string][2]int64

func snap(dir string) snapshot {
	s := snapshot{}
	entries, _ := os.ReadDir(dir)
	for _, d := range entries {
		if d.IsDir() {
			continue
		}
		if fi, err := d.Info(); err == nil {
			s[d.Name()] = [2]int64{fi.Size(), fi.ModTime().UnixNano()}
		}
	}
	return s
}

// waitForChange polls dir's files every poll until they differ from before and then stay
// unchanged for the debounce time. Polling file times works on every system and file system (network and
// container mounts included), at the cost of up to one poll of delay. It returns false when
// ctx is cancelled.
func waitForChange(ctx context.Context, dir string, before snapshot, poll time.Duration) bool {
	tick := time.NewTicker(poll)
	defer tick.Stop()
	changed := time.Time{}
	for {
		select {
		case <-ctx.Done():
			return false
		case now := <-tick.C:
			cur := snap(dir)
			if !maps.Equal(cur, before) {
				before, changed = cur, now
				continue
			}
			if !changed.IsZero() && now.Sub(changed) >= debounce {
				return true
			}
		}
	}
}

// notify tells the test watching watch (env.graded) that a grading run is over and shown.
func (e *env) notify(slug string) {
	if e.graded != nil {
		e.graded(slug)
	}
}
