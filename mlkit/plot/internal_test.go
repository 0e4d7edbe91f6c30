package plot

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

func labels(ticks []gplot.Tick) []string {
	var out []string
	for _, t := range ticks {
		if t.Label != "" {
			out = append(out, t.Label)
		}
	}
	return out
}

// The expected labels are what matplotlib's MaxNLocator-like choice of
// round steps gives for these ranges, written out by hand.
func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi  float64
		integer bool
		want    []string
	}{
		{0, 1, false, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{-0.3, 62, true, []string{"0", "10", "20", "30", "40", "50", "60"}},
		{0.5, 3.5, true, []string{"1", "2", "3"}},
		{-5.9, 5.3, false, []string{"−5.0", "−2.5", "0.0", "2.5", "5.0"}},
		{0.18, 0.68, false, []string{"0.2", "0.3", "0.4", "0.5", "0.6"}},
		{-10, 530, false, []string{"0", "100", "200", "300", "400", "500"}},
		{0, 3e6, false, []string{"0", "5e+05", "1e+06", "1.5e+06", "2e+06", "2.5e+06", "3e+06"}},
		{1, 1, false, nil},
	}
	for _, tc := range tests {
		got := labels(niceTicks{integer: tc.integer}.Ticks(tc.lo, tc.hi))
		assert.Equal(t, tc.want, got, "[%v, %v]", tc.lo, tc.hi)
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{1e-4, 100, []string{"0.0001", "0.001", "0.01", "0.1", "1", "10", "100"}},
		{0.018, 2.8, []string{"0.02", "0.05", "0.1", "0.2", "0.5", "1", "2"}},
		{0.3, 0.9, []string{"0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"}},
		{0, 1, nil},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, labels(logTicks{}.Ticks(tc.lo, tc.hi)), "[%v, %v]", tc.lo, tc.hi)
	}
}

// TestLegendPlacement checks that the legend goes where there is no data:
// bottom right on a ROC chart (the curves hug the top left), top left over
// a loss that rises to the top right. The legend is rebuilt here as the
// figure functions build it, since a gonum plot does not expose its
// plotters.
func TestLegendPlacement(t *testing.T) {
	fpr, tpr := []float64{0, 0.1, 0.3, 1}, []float64{0, 0.7, 0.95, 1}
	p, err := ROC("", ROCCurve{Name: "m", FPR: fpr, TPR: tpr, AUC: 0.9})
	require.NoError(t, err)
	var leg legend
	leg.add("m (AUC = 0.900)", &guide{})
	leg.add("chance (AUC = 0.5)", &guide{})
	leg.avoidPoints(fpr, tpr, true)
	leg.avoidPoints([]float64{0, 1}, []float64{0, 1}, true)
	c, box := legendBox(p, &leg)
	assert.Greater(t, box.Min.X, (c.Min.X+c.Max.X)/2, "legend on the right")
	assert.Less(t, box.Max.Y, (c.Min.Y+c.Max.Y)/2, "legend at the bottom")

	y := []float64{0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8}
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	p, err = LossCurves("", Linear, Line{Name: "rising", Y: y})
	require.NoError(t, err)
	leg = legend{}
	leg.add("rising", &guide{})
	leg.avoidPoints(x, y, true)
	c, box = legendBox(p, &leg)
	assert.Less(t, box.Max.X, (c.Min.X+c.Max.X)/2, "legend on the left")
	assert.Greater(t, box.Min.Y, (c.Min.Y+c.Max.Y)/2, "legend at the top")
}

// legendBox returns the data canvas of p on a default-size image and the
// box where leg would be drawn on it.
func legendBox(p *gplot.Plot, leg *legend) (draw.Canvas, vg.Rectangle) {
	c := p.DataCanvas(draw.New(vgimg.New(Width, Height)))
	sty := leg.style()
	var w vg.Length
	for _, e := range leg.entries {
		w = max(w, leg.entryWidth(sty, e))
	}
	return c, leg.place(c, p, 2*legendPad+w, 2*legendPad+leg.rowHeight(sty)*vg.Length(len(leg.entries)))
}

func TestChainAndSmooth(t *testing.T) {
	p := func(x, y vg.Length) vg.Point { return vg.Point{X: x, Y: y} }
	// Two open lines meeting at a branch point (1, 0), given out of order,
	// and a closed square.
	segs := [][2]vg.Point{
		{p(1, 0), p(2, 0)}, {p(0, 0), p(1, 0)}, {p(1, 0), p(1, 1)}, {p(2, 0), p(3, 0)},
		{p(10, 10), p(11, 10)}, {p(11, 11), p(10, 11)}, {p(11, 10), p(11, 11)}, {p(10, 11), p(10, 10)},
	}
	lines := chain(segs)
	require.Len(t, lines, 4, "three branches from (1, 0) and one loop")
	// Open lines in either direction, each from the branch point.
	fromBranch := func(l []vg.Point) []vg.Point {
		if l[0] != p(1, 0) {
			l = slices.Clone(l)
			slices.Reverse(l)
		}
		return l
	}
	assert.ElementsMatch(t, [][]vg.Point{
		{p(1, 0), p(2, 0), p(3, 0)}, {p(1, 0), p(0, 0)}, {p(1, 0), p(1, 1)},
	}, [][]vg.Point{fromBranch(lines[0]), fromBranch(lines[1]), fromBranch(lines[2])})
	loop := lines[3]
	assert.Len(t, loop, 5)
	assert.Equal(t, loop[0], loop[4], "a loop is closed")

	// A zigzag of amplitude 1 along y = 0 is flattened, its ends kept.
	var zig []vg.Point
	for i := range 40 {
		zig = append(zig, p(vg.Length(i), vg.Length(i%2)))
	}
	s := smooth(smooth(zig, 3), 3)
	assert.Equal(t, zig[0], s[0])
	assert.Equal(t, zig[39], s[39])
	for _, q := range s[8:32] {
		assert.InDelta(t, 0.5, float64(q.Y), 0.05, "the zigzag is flattened to its mean")
	}
	// A closed loop stays closed.
	sl := smooth(loop, 1)
	assert.Equal(t, sl[0], sl[len(sl)-1])
}
