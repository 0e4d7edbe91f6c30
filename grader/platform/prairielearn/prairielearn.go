// Package prairielearn grades one submission inside a PrairieLearn external grader container:
// `grade prairielearn`.
//
// PrairieLearn (docs/externalGrading.md of PrairieLearn) starts the question's image with a
// job folder, /grade by default, that holds
//
//	student/          the files the student submitted (pl-file-editor, pl-file-upload)
//	data/data.json    the question's data: params, variant_seed, submitted_answers, ...
//	tests/, serverFilesCourse/   from the course (not used here)
//
// and reads results/results.json when the entry point exits with status 0. Run
//
//  1. reads data.json and decides what to grade (see Contract);
//  2. makes a fresh workspace: Options.Work is removed and copied again from
//     Options.Template (the learners' repository that `grade release` wrote into the image);
//  3. copies the student's Go files into the exercise's folder (when data.json names no
//     exercise, or several, each file into the folder of the exercise whose package it
//     declares): only regular files at the top of student/, named *.go but not *_test.go,
//     so nothing can land in cmd/, grader/, check/ or go.mod;
//  4. grades that exercise as `grade ci` does (package ci): hidden checks on, their details
//     kept back unless Options.RevealHidden, the seed of the Contract;
//  5. writes results/results.json (report.WritePrairieLearn), kept under 1 MB.
//
// Run always leaves a valid results.json: before grading it writes one that says grading
// did not finish, and every problem afterwards, the student's or the grader's, ends in a
// results.json that says what happened and what to do. A submission that cannot be graded
// (no Go file, files of no exercise, code that does not compile) is "gradable": false, which
// PrairieLearn does not count as an attempt.
package prairielearn

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/ci"
	"github.com/mlkata/mlkata/grader/report"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

// Contract: the data.json fields Run reads. Every other field is ignored.
//
//   - params.exercise: the exercise the question grades, as grade names it: a number (2 or
//     "02"), a slug ("regression-metrics") or a folder name ("02-regression-metrics"); or a
//     list of them. Without it, Run grades every exercise whose package a submitted file
//     declares (each exercise's package name is unique in the course).
//   - params.seed: the seed of the checks' random inputs, a positive whole number (or a
//     string of one). Without it, variant_seed (so each variant of the question gets its
//     own hidden inputs, and regrading a variant gives the same result); without that,
//     $MLKATA_SEED, else grader.DefaultSeed (42).
const (
	ParamExercise = "exercise"
	ParamSeed     = "seed"
)

// ResultsLimit is the largest results.json PrairieLearn accepts.
const ResultsLimit = 1 << 20

// maxFileSize bounds one submitted file; a Go source file of an exercise is a few kB.
const maxFileSize = 1 << 20

// Options configures Run.
type Options struct {
	// Root is the job folder, /grade in the container.
	Root string
	// Template is the learners' repository (the output of grade release) the workspace is
	// copied from.
	Template string
	// Work is the workspace Run grades in. It is removed and made again from Template on
	// every run; a Work that exists, is not empty and was not made by Run is refused, never
	// removed. Keep it at the same path as the image's warm-up grading, so the Go build cache
	// built then is used.
	Work string
	// Exercises is the course compiled into grade (exercises.All()).
	Exercises []*grader.Exercise
	// Seed, when not 0, is the seed whatever data.json says (to reproduce a grading).
	Seed uint64
	// NoHidden grades the visible checks only (a grade built without -tags hidden).
	NoHidden bool
	// RevealHidden keeps the hidden checks' inputs, values and messages in results.json.
	RevealHidden bool
	// Timeouts bound the student's code; zero fields take the grader's defaults.
	Timeouts grader.Timeouts
	// TimeLimit, when not 0, bounds the whole grading, the build included. Set it a little
	// under the question's externalGradingOptions.timeout: PrairieLearn kills a job at its
	// timeout without a result, while Run stops at TimeLimit and says so in results.json.
	TimeLimit time.Duration
	// NoTimings leaves durations out of the report, so results.json is the same byte for
	// byte for the same submission and seed.
	NoTimings bool
	// Getenv reads the environment ($MLKATA_SEED); nil means os.Getenv.
	Getenv func(string) string
	// Log receives progress and the text report, for the job's log; nil discards.
	Log io.Writer
}

// Outcome says what Run wrote.
type Outcome struct {
	// Gradable is results.json's "gradable".
	Gradable bool
	// Score is results.json's "score", from 0 to 1.
	Score float64
	// Seed is the seed the checks used (0 when nothing was graded).
	Seed uint64
	// Exercises are the slugs graded.
	Exercises []string
	// Message is results.json's "message".
	Message string
	// Problem is set when the grader itself failed (its set-up, an internal error or a
	// panic), as opposed to a problem of the submission. results.json says so too.
	Problem error
}

// Run grades the submission in opt.Root and writes opt.Root/results/results.json. The error
// is returned only when results.json could not be written; everything else is in the
// Outcome and in results.json.
func Run(ctx context.Context, opt Options) (out *Outcome, err error) {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Getenv == nil {
		opt.Getenv = os.Getenv
	}
	resultsFile := filepath.Join(opt.Root, "results", "results.json")
	if err := os.MkdirAll(filepath.Dir(resultsFile), 0o755); err != nil {
		return nil, fmt.Errorf("prairielearn: %w", err)
	}
	// Written first, so that a results.json exists whatever happens next.
	if err := writeUngradable(resultsFile, "Grading did not finish: the grader stopped before it could write a result. This attempt was not counted; submit again, and tell your instructor if it happens again."); err != nil {
		return nil, err
	}
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(opt.Log, "grade prairielearn: panic: %v\n%s", v, debug.Stack())
			out = graderProblem(fmt.Errorf("internal error: %v", v))
			err = writeUngradable(resultsFile, out.Message)
		}
	}()
	out, body := grade(ctx, opt)
	if body == nil {
		return out, writeUngradable(resultsFile, out.Message)
	}
	return out, writeFile(resultsFile, body)
}

// grade does Run's work and returns the outcome and results.json's content, nil for an
// ungradable one with out.Message.
func grade(ctx context.Context, opt Options) (*Outcome, []byte) {
	d, err := readData(filepath.Join(opt.Root, "data", "data.json"))
	if err != nil {
		return graderProblem(err), nil
	}
	files, ignored, err := studentFiles(filepath.Join(opt.Root, "student"))
	if err != nil {
		return graderProblem(err), nil
	}
	for _, f := range ignored {
		fmt.Fprintf(opt.Log, "grade prairielearn: ignored student/%s (only Go files at the top of student/ are graded)\n", f)
	}
	pkgs, err := packages(opt.Template, opt.Exercises)
	if err != nil {
		return graderProblem(err), nil
	}
	exs, err := chosen(d, files, opt.Exercises, pkgs)
	if err != nil {
		var u *unusable
		if errors.As(err, &u) {
			return &Outcome{Message: u.msg}, nil
		}
		return graderProblem(err), nil
	}
	if opt.TimeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opt.TimeLimit)
		defer cancel()
	}
	seed := d.seed
	if opt.Seed != 0 {
		seed = opt.Seed
	}

	if err := freshWorkspace(opt.Work, opt.Template); err != nil {
		return graderProblem(err), nil
	}
	// With one exercise named in data.json every Go file goes to it (a wrong package clause
	// is then a compile error the student sees); otherwise each file goes to the exercise
	// whose package it declares.
	byPackage := len(d.exercises) == 0 || len(exs) > 1
	for _, f := range files {
		if byPackage && !slices.ContainsFunc(exs, func(ex *grader.Exercise) bool { return pkgs[ex.Slug] == f.pkg }) {
			fmt.Fprintf(opt.Log, "grade prairielearn: ignored student/%s: its package %q is none of the graded exercises'\n", f.name, f.pkg)
		}
	}
	for _, ex := range exs {
		for _, f := range files {
			if byPackage && f.pkg != pkgs[ex.Slug] {
				continue
			}
			if err := os.WriteFile(filepath.Join(opt.Work, filepath.FromSlash(ex.Dir), f.name), f.data, 0o644); err != nil {
				return graderProblem(fmt.Errorf("copy student/%s: %w", f.name, err)), nil
			}
			fmt.Fprintf(opt.Log, "grade prairielearn: student/%s -> %s/%s\n", f.name, ex.Dir, f.name)
		}
	}

	res, err := ci.Run(ctx, ci.Options{
		Workspace: opt.Work, Exercises: opt.Exercises, Only: slugsOf(exs), Seed: seed,
		NoHidden: opt.NoHidden, RevealHidden: opt.RevealHidden, Timeouts: opt.Timeouts,
		NoTimings: opt.NoTimings, Formats: []string{"text"}, Summary: "-",
		Stdout: opt.Log, Getenv: opt.Getenv,
	}, opt.Log)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && opt.TimeLimit > 0 {
		return &Outcome{Exercises: slugsOf(exs), Message: fmt.Sprintf("Grading took longer than its time limit (%s), so it was stopped, and this attempt was not counted. Look for a loop that never ends or code that is far slower than it needs to be (run grade on your machine to see which check is slow), then submit again.", opt.TimeLimit)}, nil
	}
	if err != nil {
		return graderProblem(err), nil
	}
	r := res.Report
	out := &Outcome{Gradable: true, Score: res.Fraction, Seed: r.Seed, Exercises: slugsOf(exs)}
	body, err := results(r, opt.Work)
	if err != nil {
		return graderProblem(err), nil
	}
	if allBroken(r) {
		out.Gradable, out.Score = false, 0
		out.Message = "Your code does not compile, so it was not graded and this attempt does not count. Fix the errors listed below and submit again."
		body, err = setFields(body, map[string]any{"gradable": false, "score": 0, "message": out.Message})
		if err != nil {
			return graderProblem(err), nil
		}
		return out, body
	}
	var m struct{ Message string }
	_ = json.Unmarshal(body, &m)
	out.Message = m.Message
	return out, body
}

// workMarker is the file that marks a folder as a workspace Run made, which a later Run may
// remove.
const workMarker = ".mlkata-prairielearn-workspace"

// freshWorkspace makes work a copy of template. An existing work is removed first only when
// it is empty or an earlier Run made it, so that a wrong --work never deletes anything else.
func freshWorkspace(work, template string) error {
	entries, err := os.ReadDir(work)
	switch {
	case errors.Is(err, os.ErrNotExist) || (err == nil && len(entries) == 0):
	case err != nil:
		return fmt.Errorf("workspace: %w", err)
	default:
		if _, err := os.Stat(filepath.Join(work, workMarker)); err != nil {
			return fmt.Errorf("the workspace folder %s already exists and was not made by grade prairielearn: give a folder that does not exist yet (it is removed and made again on every run)", work)
		}
	}
	if err := os.RemoveAll(work); err != nil {
		return fmt.Errorf("workspace: %w", err)
	}
	if err := os.CopyFS(work, os.DirFS(template)); err != nil {
		return fmt.Errorf("workspace from the template %s: %w", template, err)
	}
	if err := os.WriteFile(filepath.Join(work, workMarker), nil, 0o644); err != nil {
		return fmt.Errorf("workspace: %w", err)
	}
	return nil
}

// unusable is a submission problem that makes it ungradable; msg tells the student what to do.
type unusable struct{ msg string }

func (u *unusable) Error() string { return u.msg }

// graderProblem is the outcome of a failure of the grader (not of the submission).
func graderProblem(err error) *Outcome {
	return &Outcome{
		Problem: err,
		Message: "The grader could not grade this submission (a problem on the grader's side, not in your code): " + err.Error() + ". This attempt was not counted; tell your instructor.",
	}
}

// data is what Run reads from data.json.
type data struct {
	exercises []string // as given: numbers, slugs, folder names
	seed      uint64   // 0: not given
}

// readData reads data.json; see Contract for its fields.
func readData(file string) (data, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return data{}, fmt.Errorf("read data.json: %w", err)
	}
	return parseData(b)
}

// parseData parses the content of data.json.
func parseData(b []byte) (data, error) {
	var raw struct {
		Params      map[string]json.RawMessage `json:"params"`
		VariantSeed json.RawMessage            `json:"variant_seed"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return data{}, fmt.Errorf("data.json: %w", err)
	}
	var d data
	var err error
	if ex, ok := raw.Params[ParamExercise]; ok && !isNull(ex) {
		if d.exercises, err = names(ex); err != nil {
			return data{}, fmt.Errorf("data.json: params.%s: %w", ParamExercise, err)
		}
	}
	if s, ok := raw.Params[ParamSeed]; ok && !isNull(s) {
		if d.seed, err = seedOf(s); err != nil {
			return data{}, fmt.Errorf("data.json: params.%s: %w", ParamSeed, err)
		}
	} else if len(raw.VariantSeed) > 0 && !isNull(raw.VariantSeed) {
		// PrairieLearn's grader writes the variant's seed as a whole number (its base-36
		// seed, parsed), 0 or null when it has none. One that is not a positive whole
		// number is not used.
		d.seed, _ = seedOf(raw.VariantSeed)
	}
	return d, nil
}

func isNull(m json.RawMessage) bool { return string(bytes.TrimSpace(m)) == "null" }

// names reads an exercise name or a list of them: strings or whole numbers.
func names(m json.RawMessage) ([]string, error) {
	one := func(m json.RawMessage) (string, error) {
		var v any
		dec := json.NewDecoder(bytes.NewReader(m))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return "", err
		}
		switch v := v.(type) {
		case string:
			if s := strings.TrimSpace(v); s != "" {
				return s, nil
			}
		case json.Number:
			return v.String(), nil
		}
		return "", fmt.Errorf("want an exercise's number, name or folder, not %s", m)
	}
	var list []json.RawMessage
	if json.Unmarshal(m, &list) != nil {
		s, err := one(m)
		return []string{s}, err
	}
	if len(list) == 0 {
		return nil, errors.New("an empty list: name at least one exercise")
	}
	var out []string
	for _, x := range list {
		s, err := one(x)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// seedOf reads a positive whole number, or a string of one.
func seedOf(m json.RawMessage) (uint64, error) {
	s := strings.Trim(strings.TrimSpace(string(m)), `"`)
	v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || v == 0 {
		return 0, fmt.Errorf("want a positive whole number, not %s", m)
	}
	return v, nil
}

// file is one submitted Go file.
type file struct {
	name string
	data []byte
	pkg  string // its package clause; "" when it has none that parses
}

// studentFiles returns the Go files at the top of dir, sorted by name, and the names of
// everything else there (ignored). A missing dir is an empty submission.
func studentFiles(dir string) (files []file, ignored []string, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read the submitted files: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, ".") {
			if e.IsDir() {
				name += "/"
			}
			ignored = append(ignored, name)
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, nil, fmt.Errorf("read student/%s: %w", name, err)
		}
		if info.Size() > maxFileSize {
			ignored = append(ignored, name)
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, nil, fmt.Errorf("read student/%s: %w", name, err)
		}
		f := file{name: name, data: b}
		if ast, err := parser.ParseFile(token.NewFileSet(), name, b, parser.PackageClauseOnly); err == nil {
			f.pkg = ast.Name.Name
		}
		files = append(files, f)
	}
	return files, ignored, nil
}

// packages returns each exercise's package name, read from its files in the template.
func packages(template string, exs []*grader.Exercise) (map[string]string, error) {
	out := make(map[string]string, len(exs))
	for _, ex := range exs {
		dir := filepath.Join(template, filepath.FromSlash(ex.Dir))
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("the template %s: %w", template, err)
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, e.Name()), nil, parser.PackageClauseOnly)
			if err != nil {
				return nil, fmt.Errorf("the template: %w", err)
			}
			out[ex.Slug] = f.Name.Name
			break
		}
		if out[ex.Slug] == "" {
			return nil, fmt.Errorf("the template %s has no Go file in %s", template, ex.Dir)
		}
	}
	return out, nil
}

// chosen returns the exercises to grade: those data names, else those whose package a file
// declares. The error is an *unusable for a submission that cannot be graded.
func chosen(d data, files []file, course []*grader.Exercise, pkgs map[string]string) ([]*grader.Exercise, error) {
	var exs []*grader.Exercise
	for _, n := range d.exercises {
		ex := lookup(course, n)
		if ex == nil {
			return nil, fmt.Errorf("data.json: params.%s: no exercise %q in this grader's course (want a number from 1 to %d, a name or a folder)", ParamExercise, n, len(course))
		}
		if !slices.Contains(exs, ex) {
			exs = append(exs, ex)
		}
	}
	if len(files) == 0 {
		want := "the Go files of the exercise"
		if len(exs) > 0 {
			want = fmt.Sprintf("your Go files of %s (package %s)", exs[0].Dir, pkgs[exs[0].Slug])
		}
		return nil, &unusable{"No Go file was submitted, so there was nothing to grade. Submit " + want + " and try again; this attempt was not counted."}
	}
	if len(exs) > 0 {
		return exs, nil
	}
	for _, ex := range course {
		if slices.ContainsFunc(files, func(f file) bool { return f.pkg == pkgs[ex.Slug] }) {
			exs = append(exs, ex)
		}
	}
	if len(exs) == 0 {
		var got []string
		for _, f := range files {
			p := "package " + f.pkg
			if f.pkg == "" {
				p = "no package clause"
			}
			got = append(got, fmt.Sprintf("%s (%s)", f.name, p))
		}
		return nil, &unusable{fmt.Sprintf("None of your files belongs to an exercise: %s. Each file must start with its exercise's package clause, as in the exercise's stub (for example \"package %s\" for %s); fix it and submit again. This attempt was not counted.",
			strings.Join(got, ", "), pkgs[course[0].Slug], course[0].Dir)}
	}
	return exs, nil
}

// lookup finds an exercise by number ("2", "02"), slug or folder name.
func lookup(course []*grader.Exercise, name string) *grader.Exercise {
	if n, err := strconv.Atoi(name); err == nil {
		if n >= 1 && n <= len(course) {
			return course[n-1]
		}
		return nil
	}
	for _, ex := range course {
		if name == ex.Slug || name == filepath.Base(ex.Dir) || name == ex.Dir {
			return ex
		}
	}
	return nil
}

func slugsOf(exs []*grader.Exercise) []string {
	var out []string
	for _, ex := range exs {
		out = append(out, ex.Slug)
	}
	return out
}

// allBroken reports whether no graded exercise compiled.
func allBroken(r *report.Report) bool {
	if len(r.Exercises) == 0 {
		return false
	}
	for _, e := range r.Exercises {
		if e.Status != report.BuildError {
			return false
		}
	}
	return true
}

// results renders r as results.json, under ResultsLimit: plots, then the tests' output,
// then their messages are left out when it is too big.
func results(r *report.Report, workspace string) ([]byte, error) {
	var b bytes.Buffer
	if err := report.WritePrairieLearn(&b, r, os.DirFS(workspace)); err != nil {
		return nil, err
	}
	body := b.Bytes()
	for _, cut := range []string{"images", "output", "message"} {
		if len(body) <= ResultsLimit {
			return body, nil
		}
		var err error
		if body, err = shrink(body, cut); err != nil {
			return nil, err
		}
	}
	if len(body) > ResultsLimit {
		return nil, fmt.Errorf("results.json is %d bytes even without plots, output and messages; PrairieLearn takes at most %d", len(body), ResultsLimit)
	}
	return body, nil
}

// shrink removes field from results.json: "images" everywhere, "output" and "message" from
// the tests (saying so in the top-level message).
func shrink(body []byte, field string) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	note := map[string]string{
		"images":  " The plots were left out: they would make the result too big for PrairieLearn.",
		"output":  " What your code printed was left out: it would make the result too big for PrairieLearn; print less.",
		"message": " The checks' messages were left out: they would make the result too big for PrairieLearn.",
	}[field]
	if field == "images" {
		delete(m, "images")
	}
	if tests, ok := m["tests"].([]any); ok {
		for _, t := range tests {
			if t, ok := t.(map[string]any); ok {
				delete(t, field)
			}
		}
	}
	msg, _ := m["message"].(string)
	m["message"] = msg + note
	return marshal(m)
}

// setFields sets top-level fields of results.json.
func setFields(body []byte, fields map[string]any) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	for k, v := range fields {
		m[k] = v
	}
	return marshal(m)
}

func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// writeUngradable writes a results.json with gradable false and message.
func writeUngradable(file, message string) error {
	var b bytes.Buffer
	if err := report.WritePrairieLearnUngradable(&b, message); err != nil {
		return err
	}
	return writeFile(file, b.Bytes())
}

// writeFile replaces file with data atomically, so PrairieLearn never reads half a
// results.json.
func writeFile(file string, data []byte) error {
	if err := atomicfile.Write(file, data); err != nil {
		return fmt.Errorf("prairielearn: write results.json: %w", err)
	}
	return nil
}

// Refuse writes the results.json of a grader that must not grade (it is not set up right:
// why says how) and returns its outcome. The error is returned only when results.json could
// not be written.
func Refuse(root, why string) (*Outcome, error) {
	file := filepath.Join(root, "results", "results.json")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return nil, fmt.Errorf("prairielearn: %w", err)
	}
	out := graderProblem(errors.New(why))
	return out, writeUngradable(file, out.Message)
}
