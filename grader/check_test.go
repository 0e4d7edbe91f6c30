package grader

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/mlkata/mlkata/grader/internal/driver"
	"github.com/mlkata/mlkata/grader/report"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
)

// runLocal runs a check that does not call learner code.
func runLocal(t *testing.T, run func(*T)) checkResult {
	t.Helper()
	g := &grading{opt: Options{Workspace: t.TempDir(), Seed: 42}}
	g.opt, _ = g.opt.withDefaults()
	c := &Check{Name: "local", Points: 2, Run: run}
	sess := &session{g: g, timeouts: g.opt.Timeouts, deadline: time.Now().Add(time.Minute)}
	return g.runCheck(job{ex: tinyExercise()}, c, sess)
}

func TestCheckOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		run     func(*T)
		status  report.Status
		message string
		mistake string
	}{
		{"pass", func(t *T) { t.Close(1, 1, Rel(1e-9)) }, P, "", ""},
		{"errorf continues", func(t *T) { t.Errorf("one"); t.Errorf("two") }, F, "one\ntwo", ""},
		{"fatalf stops", func(t *T) { t.Fatalf("stop"); t.Errorf("never") }, F, "stop", ""},
		{"unmatched mistake", func(t *T) { t.Mistake(false, "x", "hint") }, P, "", ""},
		{"mistake stops", func(t *T) {
			t.Label("MSE")
			t.Mistake(true, "sum-not-mean", "divide by n")
			t.Errorf("never")
		}, F, "MSE is what the mistake \"sum-not-mean\" gives\ndivide by n", "sum-not-mean"},
		{"mistake not in the catalogue", func(t *T) { t.Mistake(true, "made-up", "detail") }, E,
			`internal error in the check: it names the mistake "made-up", which the exercise's Mistakes do not list`, ""},
		{"engine mistake without an entry", func(t *T) { t.mistakeStop("not-deterministic", "", "f differs") }, F,
			"f differs", "not-deterministic"},
		{"check panics", func(t *T) { var m map[string]int; m["x"]++ }, E,
			"internal error: the check itself panicked (a bug in the exercise, not in your code): assignment to entry in nil map", ""},
		{"equal", func(t *T) { t.Label("count"); t.Equal(3, 4) }, F, "count = 3, want 4", ""},
		{"true", func(t *T) { t.True(false, "%d classes", 2) }, F, "2 classes", ""},
		{"decreasing", func(t *T) { t.Decreasing("loss", []float64{3, 2, 2.5, 1}, Rel(1e-9)) }, F,
			"loss rose from 2 to 2.5 at step 2: it should go down at every step", ""},
		{"decreasing NaN", func(t *T) { t.Decreasing("loss", []float64{3, math.NaN()}, Rel(1e-9)) }, F,
			"loss[1] is NaN: the values diverged (learning rate too large?)", ""},
		{"flat", func(t *T) { t.Decreasing("loss", []float64{3, 3}, Rel(1e-9)) }, F,
			"loss did not go down: 3 at the start, 3 at the end", ""},
		{"logf on pass", func(t *T) { t.Logf("note") }, P, "note", ""},
		{"nil matrix", func(t *T) { t.Label("Scale"); t.CloseMatrix((*mat.Dense)(nil), mat.NewDense(1, 1, nil), Rel(1)) }, F,
			"Scale is a nil matrix", ""},
		{"NaN expected", func(t *T) { t.Label("MSE"); t.Close(1, math.NaN(), Rel(1)) }, E,
			"internal error in the check: the expected value of MSE is NaN", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runLocal(t, tc.run).check
			assert.Equal(t, tc.status, r.Status)
			assert.Equal(t, tc.message, r.Message)
			if tc.status == P {
				assert.Equal(t, 2.0, r.Points)
			} else {
				assert.Zero(t, r.Points)
			}
			if tc.mistake != "" {
				require.NotNil(t, r.Mistake)
				assert.Equal(t, tc.mistake, r.Mistake.ID)
				m, ok := tinyExercise().mistake(tc.mistake)
				require.True(t, ok)
				assert.Equal(t, m.Hint, r.Mistake.Hint, "the hint comes from the catalogue")
			} else {
				assert.Nil(t, r.Mistake)
			}
		})
	}
}

func TestRandIsSeededPerCheck(t *testing.T) {
	draw := func(seed uint64, slug, check string) float64 {
		tt := &T{ex: &Exercise{Slug: slug}, check: &Check{Name: check}, seed: seed}
		return tt.Rand().Float64()
	}
	assert.Equal(t, draw(1, "a", "c"), draw(1, "a", "c"))
	assert.NotEqual(t, draw(1, "a", "c"), draw(2, "a", "c"))
	assert.NotEqual(t, draw(1, "a", "c"), draw(1, "b", "c"))
	assert.NotEqual(t, draw(1, "a", "c"), draw(1, "a", "d"))
}

func TestPlot(t *testing.T) {
	res := runLocal(t, func(t *T) {
		p := plot.New()
		p.Title.Text = "Fitted line"
		s, err := plotter.NewScatter(plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 3}})
		if err != nil {
			t.Fatalf("%v", err)
		}
		p.Add(s)
		t.Plot("Fitted line (yours vs reference)", p)
	})
	require.Equal(t, []report.Plot{{
		Title: "Fitted line (yours vs reference)",
		PNG:   ".grade/tiny/fitted-line-yours-vs-reference.png",
		SVG:   ".grade/tiny/fitted-line-yours-vs-reference.svg",
	}}, res.plots)
	assert.Equal(t, P, res.check.Status)
}

func TestPlotFiles(t *testing.T) {
	ws := t.TempDir()
	tt := &T{ex: tinyExercise(), check: &Check{Name: "c"}, workspace: ws}
	p := plot.New()
	tt.Plot("Loss", p)
	f, err := os.Open(filepath.Join(ws, ".grade", "tiny", "loss.png"))
	require.NoError(t, err)
	defer f.Close()
	_, err = png.Decode(f)
	require.NoError(t, err)
	svg, err := os.ReadFile(filepath.Join(ws, ".grade", "tiny", "loss.svg"))
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
}

func TestPlotSideBySide(t *testing.T) {
	ws := t.TempDir()
	tt := &T{ex: tinyExercise(), check: &Check{Name: "c"}, workspace: ws}
	tt.Plot("Yours and the reference", mlplot.SideBySide("Fit", plot.New(), plot.New()))
	tt.Plot("Four panels", mlplot.Tile("Folds", 2, plot.New(), plot.New(), plot.New(), plot.New()))
	tt.Plot("Nothing", (*plot.Plot)(nil))
	require.Len(t, tt.plots, 2, "a nil figure is noted, not saved")
	assert.Contains(t, tt.messages, `could not save the plot "Nothing": no figure`)
	// The image is 16 × 10 cm per panel: two across is twice as wide as a plot, and 2 × 2
	// tiles are twice as wide and twice as tall; sizes are compared as ratios, exactly.
	size := func(name string) (int, int) {
		f, err := os.Open(filepath.Join(ws, ".grade", "tiny", name+".png"))
		require.NoError(t, err)
		defer f.Close()
		img, err := png.Decode(f)
		require.NoError(t, err)
		return img.Bounds().Dx(), img.Bounds().Dy()
	}
	w2, h2 := size("yours-and-the-reference")
	w4, h4 := size("four-panels")
	assert.Equal(t, w2, w4, "two columns each")
	assert.Equal(t, 2*h2, h4, "two rows against one")
	assert.InDelta(t, 2*16.0/10, float64(w2)/float64(h2), 0.01)
	svg, err := os.ReadFile(filepath.Join(ws, ".grade", "tiny", "four-panels.svg"))
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
}

func TestExerciseStatus(t *testing.T) {
	st := func(ss ...report.Status) []report.Check {
		var cs []report.Check
		for _, s := range ss {
			cs = append(cs, report.Check{Status: s})
		}
		return cs
	}
	assert.Equal(t, P, exerciseStatus(st(P, P)))
	assert.Equal(t, NS, exerciseStatus(st(NS, NS)))
	assert.Equal(t, F, exerciseStatus(st(P, NS)), "partly started")
	assert.Equal(t, F, exerciseStatus(st(P, F, NS)))
	assert.Equal(t, E, exerciseStatus(st(P, F, E)))
	assert.Equal(t, P, exerciseStatus(nil))
}

func TestCrashLines(t *testing.T) {
	stderr := "my print\npanic: boom\n\ngoroutine 1 [running]:\nmain.main()\n"
	assert.Equal(t, "panic: boom", crashLine(stderr))
	assert.Equal(t, "my print\n", beforeCrash(stderr))
	assert.Equal(t, "SIGSEGV: segmentation violation", crashLine("SIGSEGV: segmentation violation\nPC=0x1\n"))
	assert.Equal(t, "", crashLine("just output\n"))
	assert.Equal(t, "just output\n", beforeCrash("just output\n"))
	assert.Equal(t, "ab\n… (3 more bytes not shown)", capOutputN("abcde", 2))
	// A call's output the runner already cut counts with the bytes its note stands for.
	s := "xxxxxxxxxx\n… (1000 more bytes not shown)yy"
	assert.Equal(t, "xxxxx\n… (1007 more bytes not shown)", capOutputN(s, 5))
	assert.Equal(t, "xxxxxxxxxx\n… (1002 more bytes not shown)", capOutputN(s, 12), "a note is not cut in two")
	assert.Equal(t, s, capOutputN(s, len(s)))
}

func TestResultAccessors(t *testing.T) {
	enc := func(x any) driver.Value {
		v, err := driver.Encode(x)
		if err != nil {
			panic(err)
		}
		return v
	}
	res := runLocal(t, func(t *T) {
		r := &Result{t: t, label: "F", vals: []driver.Value{enc([]float64{1, 2}), enc(mat.NewDense(1, 2, []float64{3, 4})), enc(7), enc(pair{A: 1, B: 2})}}
		t.Equal(r.Floats(), []float64{1, 2})
		t.Equal(r.Out(1).Dense().RawMatrix().Data, []float64{3, 4})
		t.Equal(r.Out(2).Int(), 7)
		var p struct{ B float64 }
		r.Out(3).Decode(&p)
		t.Equal(p.B, 2.0)
		var f []float64
		var n int
		r.Decode(&f, nil, &n)
		t.Equal(n, 7)
		nilSlice := &Result{t: t, label: "G", vals: []driver.Value{{Nil: true, Type: "[]float64"}}}
		t.Equal(len(nilSlice.Floats()), 0)
		t.True(nilSlice.Out(0).IsNil(), "IsNil")
		t.True(nilSlice.Dense() == nil, "a nil matrix is nil")
	})
	assert.Equal(t, P, res.check.Status, res.check.Message)

	res = runLocal(t, func(t *T) {
		r := &Result{t: t, label: "Fit", vals: []driver.Value{{Nil: true}}, hasErr: true, err: "no data"}
		if r.Err() == nil {
			t.Fatalf("Err() is nil")
		}
		r.Floats()
		t.Errorf("not reached")
	})
	assert.Equal(t, F, res.check.Status)
	assert.Equal(t, "Fit returned an error: no data", res.check.Message)
}

type pair struct{ A, B float64 }
