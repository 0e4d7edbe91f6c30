package plot

import (
	"image/color"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// palette is seaborn's "colorblind" palette (Waskom, seaborn 0.13).
var palette = [...]color.NRGBA{
	{0x01, 0x73, 0xb2, 0xff}, // blue
	{0xde, 0x8f, 0x05, 0xff}, // orange
	{0x02, 0x9e, 0x73, 0xff}, // green
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion
	{0xcc, 0x78, 0xbc, 0xff}, // pink
	{0xca, 0x91, 0x61, 0xff}, // brown
	{0x94, 0x94, 0x94, 0xff}, // grey
	{0xec, 0xe1, 0x33, 0xff}, // yellow
	{0x56, 0xb4, 0xe9, 0xff}, // light blue
	{0xfb, 0xaf, 0xe4, 0xff}, // light pink
}

// Dash is the pattern of a series' line.
type Dash int

// The dash patterns. The zero value is Solid.
const (
	Solid Dash = iota
	Dashed
	Dotted
	DashDot
)

// String returns the name of the pattern ("solid", "dashed", ...).
func (d Dash) String() string {
	switch d {
	case Solid:
		return "solid"
	case Dashed:
		return "dashed"
	case Dotted:
		return "dotted"
	case DashDot:
		return "dash-dot"
	}
	return "Dash(" + strconv.Itoa(int(d)) + ")"
}

// pattern returns the dash lengths of d, scaled for lines lineWidth wide.
func (d Dash) pattern() []vg.Length {
	switch d {
	case Dashed:
		return []vg.Length{vg.Points(6), vg.Points(3)}
	case Dotted:
		return []vg.Length{vg.Points(1.5), vg.Points(2.5)}
	case DashDot:
		return []vg.Length{vg.Points(6), vg.Points(2.5), vg.Points(1.5), vg.Points(2.5)}
	}
	return nil
}

// Style is how one series is drawn. The zero Style draws a solid line (or
// filled markers) in the series' palette colour, chosen by its position.
type Style struct {
	// Color of the series; nil means PaletteColor(i) for the i-th series
	// of the figure.
	Color color.Color
	// Dash is the line pattern. Figures of points only ignore it.
	Dash Dash
}

// PaletteColor returns the i-th colour of the cycle given to series without
// a colour of their own: seaborn's "colorblind" palette (Waskom, seaborn
// 0.13), ten colours that stay distinguishable under the common forms of
// colour blindness. It cycles for i ≥ 10; a negative i counts from the end.
func PaletteColor(i int) color.Color {
	n := len(palette)
	return palette[((i%n)+n)%n]
}

// color returns the colour of the i-th series drawn in style s.
func (s Style) color(i int) color.Color {
	if s.Color != nil {
		return s.Color
	}
	return PaletteColor(i)
}

// line returns the line style of the i-th series drawn in style s.
func (s Style) line(i int) draw.LineStyle {
	return draw.LineStyle{Color: s.color(i), Width: lineWidth, Dashes: s.Dash.pattern()}
}

// Scale is the scale of an axis. A Log axis draws log10 of the values on a
// linear gonum axis, labelled with the values themselves (1, 10, 100):
// gonum's own LogScale reserves room for the axis label at the arithmetic
// midpoint of the range, which shrinks the data area. So on a Log axis the
// axis' Min and Max are the base-10 logarithms of the range, and a plotter
// a caller adds to the plot must draw log10 of its values.
type Scale int

// The axis scales. The zero value is Linear.
const (
	Linear Scale = iota
	Log
)

// String returns "linear" or "log".
func (s Scale) String() string {
	switch s {
	case Linear:
		return "linear"
	case Log:
		return "log"
	}
	return "Scale(" + strconv.Itoa(int(s)) + ")"
}

// The look shared by every figure (sizes in points).
const (
	lineWidth   = vg.Length(1.75)
	markerSize  = vg.Length(3.2)
	titleSize   = vg.Length(13)
	labelSize   = vg.Length(11)
	tickSize    = vg.Length(9.5)
	legendSize  = vg.Length(9.5)
	annotSize   = vg.Length(11)
	gridWidth   = vg.Length(0.8)
	numTicks    = 5
	marginRatio = 0.04
)

var (
	sansFont   = font.Font{Typeface: "Liberation", Variant: "Sans"}
	inkColor   = color.Gray{0x26}
	gridColor  = color.Gray{0xe3}
	frameColor = color.Gray{0xb0}
	neutral    = color.Gray{0x70}
)

// newPlot returns an empty plot with the package's look, the given title
// and axis labels, and a grid and frame behind the data.
func newPlot(title, xLabel, yLabel string) *gplot.Plot {
	p := newAxes(title, xLabel, yLabel)
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: gridColor, Width: gridWidth}
	g.Horizontal = g.Vertical
	p.Add(g, frame{})
	return p
}

// newAxes returns an empty plot with the package's look, the given title
// and axis labels, and neither grid nor frame.
func newAxes(title, xLabel, yLabel string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sansFont, titleSize)
	p.Title.TextStyle.Color = inkColor
	p.Title.Padding = vg.Points(8)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sansFont, labelSize)
		a.Label.TextStyle.Color = inkColor
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font.From(sansFont, tickSize)
		a.Tick.Label.Color = inkColor
		// No axis line: the frame drawn by newPlot is the border, and the
		// two would not quite coincide.
		a.LineStyle = draw.LineStyle{Color: frameColor, Width: 0}
		a.Tick.LineStyle = draw.LineStyle{Color: frameColor, Width: gridWidth}
		a.Tick.Length = vg.Points(3.5)
		a.Tick.Marker = niceTicks{}
		a.Padding = 0
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	return p
}

// frame draws the light box around the data area (seaborn's four spines).
type frame struct{}

func (frame) Plot(c draw.Canvas, _ *gplot.Plot) {
	sty := draw.LineStyle{Color: frameColor, Width: gridWidth}
	c.StrokeLines(sty, []vg.Point{
		c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}, c.Min,
	})
}

// setRange sets the axis to [lo, hi] (plotted coordinates: log10 of the
// values on a Log axis) widened by marginRatio on each side, as
// matplotlib's autoscaling does, and gives a Log axis its ticks.
func setRange(a *gplot.Axis, lo, hi float64, s Scale) {
	a.Min, a.Max = padRange(lo, hi)
	if s == Log {
		a.Tick.Marker = powTicks{}
	}
}

// plotted returns the coordinates at which values v are drawn on an axis
// of scale s: v itself, or a new slice of log10(v) on a Log axis.
func (s Scale) plotted(v []float64) []float64 {
	if s != Log {
		return v
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Log10(x)
	}
	return out
}

// padRange returns [lo, hi] widened by marginRatio on each side; an empty
// range [v, v] becomes [v − d, v + d] with d = max(|v|/10, 1/2).
func padRange(lo, hi float64) (float64, float64) {
	if hi == lo {
		d := math.Max(math.Abs(lo)*0.1, 0.5)
		return lo - d, hi + d
	}
	m := (hi - lo) * marginRatio
	return lo - m, hi + m
}

// niceTicks labels about numTicks round values (1, 2, 2.5 or 5 times a
// power of ten apart) and draws no minor ticks. If integer is set, the step
// is a whole number, for epochs and sample counts.
type niceTicks struct{ integer bool }

func (t niceTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	// Of the steps 1, 2, 2.5 and 5 times a power of ten, take the one
	// giving the count of ticks nearest to numTicks+1 (the larger step on
	// a tie).
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/numTicks)))
	step, digits, bestMiss := 0.0, 0.0, math.Inf(1)
	for _, c := range []struct{ m, scale, digits float64 }{
		{1, 10, 0}, {5, 1, 0}, {2.5, 1, 1}, {2, 1, 0}, {1, 1, 0}, {5, 0.1, 0},
	} {
		s := c.m * c.scale * mag
		if c.m == 2.5 && t.integer && s < 10 {
			continue
		}
		n := math.Floor(hi/s+1e-9) - math.Ceil(lo/s-1e-9) + 1
		if miss := math.Abs(n - (numTicks + 1)); miss < bestMiss {
			step, bestMiss = s, miss
			digits = -math.Log10(c.scale*mag) + c.digits
		}
	}
	if t.integer && step < 1 {
		step, digits = 1, 0
	}
	prec := max(0, int(math.Round(digits)))
	exp := math.Max(math.Abs(lo), math.Abs(hi)) >= 1e6 || step < 1e-4
	first := math.Ceil(lo/step - 1e-9)
	var ticks []gplot.Tick
	for k := first; k*step <= hi+step*1e-9; k++ {
		v := k * step
		ticks = append(ticks, gplot.Tick{Value: v, Label: formatTick(v, prec, exp)})
	}
	return ticks
}

// formatTick formats v with prec decimals, or in exponent form ("2.5e+06")
// if exp is set, for an axis of very large or very small values.
func formatTick(v float64, prec int, exp bool) string {
	if v == 0 {
		v = 0 // no "-0"
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if exp {
		s = strconv.FormatFloat(v, 'g', 4, 64)
	}
	if s[0] == '-' {
		s = "−" + s[1:] // the minus sign, as matplotlib writes it
	}
	return s
}

// logTicks labels the powers of ten on a log axis; when fewer than three
// are in range it labels 1, 2 and 5 times the powers of ten, and when
// those are still fewer than three, all nine multiples. The unlabelled
// multiples are minor ticks.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(lo > 0) || !(hi > lo) || math.IsInf(hi, 0) {
		return nil
	}
	d0, d1 := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	inRange := func(ms ...int) int {
		n := 0
		for d := d0; d <= d1; d++ {
			for _, m := range ms {
				if v := float64(m) * math.Pow(10, float64(d)); v >= lo && v <= hi {
					n++
				}
			}
		}
		return n
	}
	labelled := func(m int) bool { return m == 1 }
	switch {
	case inRange(1) >= 3:
	case inRange(1, 2, 5) >= 3:
		labelled = func(m int) bool { return m == 1 || m == 2 || m == 5 }
	default:
		labelled = func(int) bool { return true }
	}
	var ticks []gplot.Tick
	for d := d0; d <= d1; d++ {
		for m := 1; m <= 9; m++ {
			v := float64(m) * math.Pow(10, float64(d))
			if v < lo || v > hi {
				continue
			}
			t := gplot.Tick{Value: v}
			if labelled(m) {
				t.Label = formatTick(v, max(0, -d), d < -4 || d >= 6)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// textStyle returns a centred text style of the package's font.
func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(sansFont, size),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: gplot.DefaultTextHandler,
	}
}

// translucent returns c with opacity alpha in [0, 1].
func translucent(c color.Color, alpha float64) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(math.Round(alpha * 255))
	return n
}

// powTicks labels an axis of log10 values with the values (see logTicks).
type powTicks struct{}

func (powTicks) Ticks(lo, hi float64) []gplot.Tick {
	ticks := logTicks{}.Ticks(math.Pow(10, lo), math.Pow(10, hi))
	for i := range ticks {
		ticks[i].Value = math.Log10(ticks[i].Value)
	}
	return ticks
}
