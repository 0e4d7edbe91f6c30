package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/grader/report"
)

func TestStateRoundTrip(t *testing.T) {
	ws := t.TempDir()
	st := loadState(ws, nil)
	when := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	st.record(&report.Report{Exercises: []report.Exercise{
		{Slug: "a", Status: report.Failed, Score: 2, MaxScore: 4},
		{Slug: "b", Status: report.Passed, Score: 3, MaxScore: 3},
	}}, when)
	st.of("a").Hints = 2
	require.NoError(t, st.save(ws))
	var warn bytes.Buffer
	got := loadState(ws, &warn)
	assert.Empty(t, warn.String())
	assert.Equal(t, st, got)
	entries, err := os.ReadDir(filepath.Join(ws, ".grade"))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")
}

// FuzzLoadState feeds loadState any file: it must return a usable state and never panic.
func FuzzLoadState(f *testing.F) {
	f.Add([]byte(`{"version":1,"exercises":{"a":{"status":"passed","score":1,"max_score":1,"best_score":1,"best_max_score":1,"passed":true,"hints":1}}}`))
	f.Add([]byte(`{"exercises":{"a":null}}`))
	f.Add([]byte(`{"exercises":{"a":{"status":"bogus"}}}`))
	f.Add([]byte(`[]`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		ws := t.TempDir()
		require.NoError(t, os.MkdirAll(filepath.Join(ws, ".grade"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(ws, stateFile), b, 0o644))
		st := loadState(ws, &bytes.Buffer{})
		require.NotNil(t, st.Exercises)
		for _, p := range st.Exercises {
			require.NotNil(t, p)
		}
		st.of("x").Hints++
		require.NoError(t, st.save(ws))
	})
}

func TestParseMinScore(t *testing.T) {
	r := &report.Report{Score: 6, MaxScore: 8, Exercises: []report.Exercise{{Status: report.Failed}}}
	tests := []struct {
		in   string
		ok   bool // parses
		pass bool // a score of 6 of 8 (75 %) reaches it
	}{
		{"", true, false}, // every check must pass
		{"6", true, true},
		{"6.5", true, false},
		{"75%", true, true},
		{"75.1%", true, false},
		{" 0% ", true, true},
		{"100%", true, false},
		{"101%", false, false},
		{"-1", false, false},
		{"lots", false, false},
		{"%", false, false},
	}
	for _, tt := range tests {
		m, err := parseMinScore(tt.in)
		if !tt.ok {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		ok, _ := m.met(r)
		assert.Equal(t, tt.pass, ok, tt.in)
	}
}

// FuzzParseMinScore checks that a parsed minimum is a finite, non-negative number, at most 100
// when a percentage.
func FuzzParseMinScore(f *testing.F) {
	for _, s := range []string{"", "18", "75%", "1e3", "NaN", "Inf%", "-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := parseMinScore(s)
		if err != nil {
			return
		}
		require.False(t, m.value != m.value || m.value > 1e308, "%q gave %v", s, m.value)
		require.GreaterOrEqual(t, m.value, 0.0)
		if m.percent {
			require.LessOrEqual(t, m.value, 100.0)
		}
	})
}
