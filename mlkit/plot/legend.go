package plot

import (
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legend is a framed legend drawn inside the data area, at the place that
// covers the least data, as matplotlib's loc="best" does. It is added to a
// plot as its last plotter, so that it is drawn over the data.
type legend struct {
	entries []legendEntry
	// avoid holds data-space polylines (and, when not joined, point sets)
	// the legend should not cover.
	avoid []obstacle
	// above puts the legend in rows above the data area, in space
	// reserved by placeAbove, instead of inside it; for figures of
	// scattered points, which leave no corner free.
	above bool
	// reserved is the height reserved above the data area.
	reserved vg.Length
}

type legendEntry struct {
	text   string
	thumbs []gplot.Thumbnailer
	// points is set when the thumbnails are markers only, which need a
	// narrower thumbnail than lines.
	points bool
}

type obstacle struct {
	xy     plotter.XYs
	joined bool
}

// add adds an entry; an empty name adds nothing.
func (l *legend) add(name string, thumbs ...gplot.Thumbnailer) {
	if name != "" {
		l.entries = append(l.entries, legendEntry{text: name, thumbs: thumbs})
	}
}

// addPoints adds an entry whose thumbnail is a marker.
func (l *legend) addPoints(name string, thumbs ...gplot.Thumbnailer) {
	if name != "" {
		l.entries = append(l.entries, legendEntry{text: name, thumbs: thumbs, points: true})
	}
}

// placeAbove makes the legend a row (or rows) between the title and the
// data area, reserving the space through the title's padding, as
// seaborn's move_legend(ax, "lower center", bbox_to_anchor=(.5, 1)) does.
// The rows are counted for the data width of a figure of the default Width
// (or a panel of a two-column Grid twice as wide); in a narrower panel the
// legend's text shrinks (down to minLegendSize) to stay in that space.
// Without a title the legend stays inside the data area.
func (l *legend) placeAbove(p *gplot.Plot) {
	if p.Title.Text == "" || len(l.entries) == 0 {
		return
	}
	l.above = true
	sty := l.style()
	rows := len(l.rows(sty, Width-2*outerMargin-vg.Points(60)))
	l.reserved = vg.Length(rows) * l.rowHeight(sty)
	p.Title.Padding += l.reserved + vg.Points(2)
}

// minLegendSize is the smallest font size a legend above the data shrinks to.
const minLegendSize = vg.Length(7)

func (l *legend) style() text.Style { return l.sized(legendSize) }

func (l *legend) sized(size vg.Length) text.Style {
	sty := textStyle(size, inkColor)
	sty.XAlign = draw.XLeft
	return sty
}

func (l *legend) rowHeight(sty text.Style) vg.Length { return sty.Height("Xg") * 1.35 }

// entryWidth returns the width of entry e: its thumbnail, a gap and text.
func (l *legend) entryWidth(sty text.Style, e legendEntry) vg.Length {
	return e.thumbWidth() + legendGap + sty.Width(e.text)
}

func (e legendEntry) thumbWidth() vg.Length {
	if e.points {
		return legendThumb / 2
	}
	return legendThumb
}

// rows splits the entries into rows no wider than width, each at least one
// entry long, separated by legendSpacing.
func (l *legend) rows(sty text.Style, width vg.Length) [][]legendEntry {
	var rows [][]legendEntry
	var w vg.Length
	for _, e := range l.entries {
		ew := l.entryWidth(sty, e)
		if len(rows) == 0 || w+legendSpacing+ew > width {
			rows = append(rows, nil)
			w = ew
		} else {
			w += legendSpacing + ew
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], e)
	}
	return rows
}

// drawAbove draws the legend as centred rows ending just above the data
// area c.
func (l *legend) drawAbove(c draw.Canvas) {
	sty := l.style()
	rows := l.rows(sty, c.Max.X-c.Min.X)
	for size := legendSize - 0.5; size >= minLegendSize && vg.Length(len(rows))*l.rowHeight(sty) > l.reserved*1.001; size -= 0.5 {
		sty = l.sized(size)
		rows = l.rows(sty, c.Max.X-c.Min.X)
	}
	rowH := l.rowHeight(sty)
	for r, row := range rows {
		var w vg.Length
		for i, e := range row {
			if i > 0 {
				w += legendSpacing
			}
			w += l.entryWidth(sty, e)
		}
		x := (c.Min.X + c.Max.X - w) / 2
		bottom := c.Max.Y + vg.Points(2) + rowH*vg.Length(len(rows)-1-r)
		for _, e := range row {
			l.drawEntry(c, sty, e, x, bottom+rowH)
			x += l.entryWidth(sty, e) + legendSpacing
		}
	}
}

// drawEntry draws entry e with its thumbnail's top left corner at (x, top).
func (l *legend) drawEntry(c draw.Canvas, sty text.Style, e legendEntry, x, top vg.Length) {
	rowH := l.rowHeight(sty)
	thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: x, Y: top - rowH},
		Max: vg.Point{X: x + e.thumbWidth(), Y: top},
	}}
	for _, t := range e.thumbs {
		t.Thumbnail(&thumb)
	}
	c.FillText(sty, vg.Point{X: thumb.Max.X + legendGap, Y: top - rowH/2}, e.text)
}

// avoidPoints records the data points x[i], y[i] as something the legend
// should not cover; joined means they are drawn as a line.
func (l *legend) avoidPoints(x, y []float64, joined bool) {
	xy := make(plotter.XYs, len(x))
	for i := range x {
		xy[i] = plotter.XY{X: x[i], Y: y[i]}
	}
	l.avoid = append(l.avoid, obstacle{xy: xy, joined: joined})
}

// Legend layout, in points.
const (
	legendPad     = vg.Length(5)
	legendInset   = vg.Length(7)
	legendThumb   = vg.Length(24)
	legendGap     = vg.Length(5)
	legendSpacing = vg.Length(14)
)

// Plot implements gplot.Plotter.
func (l *legend) Plot(c draw.Canvas, p *gplot.Plot) {
	if len(l.entries) == 0 {
		return
	}
	if l.above {
		l.drawAbove(c)
		return
	}
	sty := l.style()
	rowH := l.rowHeight(sty)
	var entryW vg.Length
	for _, e := range l.entries {
		entryW = max(entryW, l.entryWidth(sty, e))
	}
	w := 2*legendPad + entryW
	h := 2*legendPad + rowH*vg.Length(len(l.entries))

	box := l.place(c, p, w, h)
	c.FillPolygon(color.NRGBA{0xff, 0xff, 0xff, 0xdd}, rectPath(box))
	c.StrokeLines(draw.LineStyle{Color: color.Gray{0xcc}, Width: vg.Points(0.8)}, rectPath(box))
	for i, e := range l.entries {
		l.drawEntry(c, sty, e, box.Min.X+legendPad, box.Max.Y-legendPad-rowH*vg.Length(i))
	}
}

// place returns the legend's box of size w×h: of the candidate places, in
// matplotlib's order of preference, the first one covering the fewest
// samples of the data drawn.
func (l *legend) place(c draw.Canvas, p *gplot.Plot, w, h vg.Length) vg.Rectangle {
	left, right := c.Min.X+legendInset, c.Max.X-legendInset-w
	bottom, top := c.Min.Y+legendInset, c.Max.Y-legendInset-h
	midX, midY := (c.Min.X+c.Max.X-w)/2, (c.Min.Y+c.Max.Y-h)/2
	candidates := []vg.Point{
		{X: right, Y: top}, {X: left, Y: top}, {X: left, Y: bottom}, {X: right, Y: bottom},
		{X: right, Y: midY}, {X: left, Y: midY}, {X: midX, Y: bottom}, {X: midX, Y: top},
	}
	samples := l.samples(c, p)
	best, bestN := 0, math.MaxInt
	for i, at := range candidates {
		r := vg.Rectangle{Min: at, Max: vg.Point{X: at.X + w, Y: at.Y + h}}
		n := 0
		for _, s := range samples {
			if s.X >= r.Min.X && s.X <= r.Max.X && s.Y >= r.Min.Y && s.Y <= r.Max.Y {
				n++
			}
		}
		if n < bestN {
			best, bestN = i, n
		}
	}
	at := candidates[best]
	return vg.Rectangle{Min: at, Max: vg.Point{X: at.X + w, Y: at.Y + h}}
}

// samples returns the canvas positions of the data to avoid: every point,
// and for lines a point every 3 points of length along each segment.
func (l *legend) samples(c draw.Canvas, p *gplot.Plot) []vg.Point {
	trX, trY := p.Transforms(&c)
	var out []vg.Point
	for _, o := range l.avoid {
		var prev vg.Point
		for i, xy := range o.xy {
			pt := vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
			if o.joined && i > 0 {
				d := pt.Sub(prev)
				n := int(math.Hypot(float64(d.X), float64(d.Y)) / 3)
				for k := 1; k < n; k++ {
					out = append(out, prev.Add(d.Scale(vg.Length(k)/vg.Length(n))))
				}
			}
			out = append(out, pt)
			prev = pt
		}
	}
	return out
}

// rectPath returns the closed outline of r.
func rectPath(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min}
}

// marker is the shape of a scatter marker. Series of points take the i-th
// shape in this order, so that they differ in shape as well as in colour.
type marker int

const (
	circle marker = iota
	square
	triangleUp
	diamond
	triangleDown
	pentagon
	numMarkers
)

// markerGlyph draws a filled marker with a thin white edge, as seaborn's
// scatterplot does, so that overlapping points stay distinguishable.
type markerGlyph struct{ shape marker }

// DrawGlyph implements draw.GlyphDrawer.
func (g markerGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	var path vg.Path
	r := sty.Radius
	switch g.shape {
	case circle:
		path.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		path.Arc(pt, r, 0, 2*math.Pi)
	default:
		sides, phase, scale := 4, math.Pi/4, 0.9*math.Sqrt2
		switch g.shape {
		case triangleUp:
			sides, phase, scale = 3, math.Pi/2, 1.3
		case diamond:
			sides, phase, scale = 4, math.Pi/2, 1.25
		case triangleDown:
			sides, phase, scale = 3, -math.Pi/2, 1.3
		case pentagon:
			sides, phase, scale = 5, math.Pi/2, 1.15
		}
		for k := range sides {
			a := phase + 2*math.Pi*float64(k)/float64(sides)
			v := vg.Point{X: pt.X + r*vg.Length(scale*math.Cos(a)), Y: pt.Y + r*vg.Length(scale*math.Sin(a))}
			if k == 0 {
				path.Move(v)
			} else {
				path.Line(v)
			}
		}
	}
	path.Close()
	c.SetColor(sty.Color)
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: color.White, Width: vg.Points(0.6)})
	c.Stroke(path)
}

// glyph returns the glyph style of the i-th series of points in style s.
func (s Style) glyph(i int) draw.GlyphStyle {
	return draw.GlyphStyle{Color: s.color(i), Radius: markerSize, Shape: markerGlyph{shape: marker(i % int(numMarkers))}}
}
