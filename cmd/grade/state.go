package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/mlkata/mlkata/grader/report"
	"github.com/mlkata/mlkata/internal/atomicfile"
)

// stateFile is where grade remembers a learner's progress, relative to the workspace.
const stateFile = ".grade/state.json"

// state is a learner's progress through the course, kept in .grade/state.json and updated by
// every grading run and by hint and solution.
type state struct {
	Version   int                  `json:"version"`
	Exercises map[string]*progress `json:"exercises"` // by slug
}

// progress is what grade remembers of one exercise.
type progress struct {
	// Status, Score and MaxScore are those of the latest grading.
	Status   report.Status `json:"status"`
	Score    float64       `json:"score"`
	MaxScore float64       `json:"max_score"`
	// Best is the best score so far, out of BestMax: the run with the best fraction (a run
	// with the hidden checks has a larger maximum).
	Best    float64   `json:"best_score"`
	BestMax float64   `json:"best_max_score"`
	Passed  bool      `json:"passed"` // passed at least once
	Hints   int       `json:"hints"`  // hint levels shown
	GaveUp  bool      `json:"gave_up,omitempty"`
	Graded  time.Time `json:"graded,omitzero"`
}

// loadState reads the state of workspace ws. A missing file is an empty state; a corrupt one
// is reported on warn and replaced by an empty state, never an error.
func loadState(ws string, warn io.Writer) *state {
	st := &state{Version: 1, Exercises: map[string]*progress{}}
	b, err := os.ReadFile(filepath.Join(ws, stateFile))
	if err != nil {
		if !os.IsNotExist(err) {
			fmt.Fprintf(warn, "grade: cannot read %s (%v): starting from an empty progress record\n", stateFile, err)
		}
		return st
	}
	var got state
	if err := json.Unmarshal(b, &got); err != nil || got.Exercises == nil {
		if err == nil {
			err = fmt.Errorf("no exercises in it")
		}
		fmt.Fprintf(warn, "grade: %s is corrupt (%v): rebuilding it from this run\n", stateFile, err)
		return st
	}
	for slug, p := range got.Exercises {
		if p == nil {
			delete(got.Exercises, slug)
		}
	}
	got.Version = 1
	return &got
}

// of returns the progress of slug, adding it when missing.
func (s *state) of(slug string) *progress {
	p := s.Exercises[slug]
	if p == nil {
		p = &progress{Status: report.NotStarted}
		s.Exercises[slug] = p
	}
	return p
}

// record adds a grading run's results.
func (s *state) record(r *report.Report, now time.Time) {
	for _, e := range r.Exercises {
		p := s.of(e.Slug)
		p.Status, p.Score, p.MaxScore, p.Graded = e.Status, e.Score, e.MaxScore, now
		if e.MaxScore > 0 && (p.BestMax == 0 || e.Score/e.MaxScore > p.Best/p.BestMax) {
			p.Best, p.BestMax = e.Score, e.MaxScore
		}
		p.Passed = p.Passed || e.Status == report.Passed
	}
}

// save writes the state atomically (see writeFile).
func (s *state) save(ws string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFunc(filepath.Join(ws, stateFile), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
