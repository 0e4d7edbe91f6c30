package plot

import (
	"fmt"
	"image/color"
	"maps"
	"math"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Boundary is the input of DecisionBoundary: a classifier of points of the
// plane and the labelled points to draw over its decision regions.
type Boundary struct {
	// Predict returns the class, in [0, number of classes), of the point
	// (x1, x2).
	Predict func(x1, x2 float64) int
	// X1, X2 and Labels are the coordinates and true classes of the points.
	X1, X2 []float64
	Labels []int
	// Classes names the classes; nil names them "class 0", "class 1", ...,
	// up to the largest label.
	Classes []string
	// Resolution is the number of grid cells along each axis; 0 means 200.
	Resolution int
}

// defaultResolution is the grid size used when Boundary.Resolution is 0.
const defaultResolution = 200

// Grid returns the coordinates at which DecisionBoundary calls Predict:
// Predict(x1[i], x2[j]) for every i and j, the centres of Resolution cells
// along each axis spanning the points' range widened by 5% on each side
// (DecisionBoundary also calls Predict at each point (X1[k], X2[k])). A
// caller whose predictions are costly per call (a model in another process)
// can compute them in one batch and pass a Predict that looks them up.
// Predict may be nil when Grid is called. It returns nil slices if the
// points are not valid input of DecisionBoundary.
func (b Boundary) Grid() (x1, x2 []float64) {
	if _, err := b.validate(); err != nil {
		return nil, nil
	}
	return b.grid()
}

func (b Boundary) grid() (x1, x2 []float64) {
	res := b.Resolution
	if res == 0 {
		res = defaultResolution
	}
	axis := func(v []float64) []float64 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range v {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		if hi == lo {
			lo, hi = lo-1, hi+1
		}
		m := (hi - lo) * 0.05
		lo, hi = lo-m, hi+m
		out := make([]float64, res)
		for i := range out {
			out[i] = lo + (hi-lo)*(float64(i)+0.5)/float64(res)
		}
		return out
	}
	return axis(b.X1), axis(b.X2)
}

// validate checks the points and the resolution and returns the number
// of classes.
func (b Boundary) validate() (int, error) {
	ck := check{figure: "decision boundary"}
	if err := ck.pair("points", "X1", b.X1, "X2", b.X2); err != nil {
		return 0, err
	}
	if err := ck.sameLen("points", "X1", len(b.X1), "Labels", len(b.Labels)); err != nil {
		return 0, err
	}
	if b.Resolution < 0 || b.Resolution == 1 || b.Resolution > 2000 {
		return 0, ck.errorf(ErrDomain, "Resolution = %d is outside [2, 2000]", b.Resolution)
	}
	k := len(b.Classes)
	if b.Classes == nil {
		for _, l := range b.Labels {
			k = max(k, l+1)
		}
	}
	for i, l := range b.Labels {
		if l < 0 || l >= k {
			return 0, ck.errorf(ErrDomain, "points: Labels[%d] = %d is not a class in [0, %d)", i, l, k)
		}
	}
	return k, nil
}

// DecisionBoundary returns the picture of a classifier of the plane: its
// decision regions, evaluated on a Resolution × Resolution grid (see
// Boundary.Grid) and tinted in the class colours, the boundaries between
// them as dark lines, and the labelled points on top, one colour and
// marker shape per class. Points the classifier gets wrong are ringed in
// black, and the legend counts them.
//
// Predict is called Resolution² times for the grid, then once per point;
// a panic in Predict propagates to the caller.
//
// It returns an error wrapping ErrEmpty if there are no points, ErrLength
// if X1, X2 and Labels differ in length, ErrNonFinite for NaN or ±Inf,
// and ErrDomain if Predict is nil, Resolution is outside [2, 2000] (0
// aside), or a label or a prediction is not a class in [0, k), where k is
// len(Classes), or the largest label plus one if Classes is nil.
func DecisionBoundary(title string, b Boundary) (*gplot.Plot, error) {
	ck := check{figure: "decision boundary"}
	if b.Predict == nil {
		return nil, ck.errorf(ErrDomain, "Predict is nil")
	}
	k, err := b.validate()
	if err != nil {
		return nil, err
	}
	gx, gy := b.grid()
	res := len(gx)
	regions := &classGrid{x: gx, y: gy, class: make([]int, res*res)}
	for r, x2 := range gy {
		for c, x1 := range gx {
			y := b.Predict(x1, x2)
			if y < 0 || y >= k {
				return nil, ck.errorf(ErrDomain, "Predict(%v, %v) = %d is not a class in [0, %d)", x1, x2, y, k)
			}
			regions.class[r*res+c] = y
		}
	}
	wrong := make([]bool, len(b.Labels))
	nWrong := 0
	for i := range b.Labels {
		y := b.Predict(b.X1[i], b.X2[i])
		if y < 0 || y >= k {
			return nil, ck.errorf(ErrDomain, "Predict(%v, %v) = %d is not a class in [0, %d)", b.X1[i], b.X2[i], y, k)
		}
		if y != b.Labels[i] {
			wrong[i] = true
			nWrong++
		}
	}
	names := b.Classes
	if names == nil {
		names = make([]string, k)
		for i := range names {
			names[i] = fmt.Sprintf("class %d", i)
		}
	}

	p := newAxes(title, "x₁", "x₂")
	dx, dy := (gx[1]-gx[0])/2, (gy[1]-gy[0])/2
	xlo, xhi, ylo, yhi := gx[0]-dx, gx[res-1]+dx, gy[0]-dy, gy[res-1]+dy
	p.Add(&regionFill{grid: regions, xlo: xlo, xhi: xhi, ylo: ylo, yhi: yhi})
	edge := draw.LineStyle{Color: color.Gray{0x40}, Width: vg.Points(1)}
	p.Add(&boundaryLines{grid: regions, style: edge})
	p.Add(frame{})
	var leg legend
	for c := range k {
		var x1, x2 []float64
		for i, l := range b.Labels {
			if l == c {
				x1, x2 = append(x1, b.X1[i]), append(x2, b.X2[i])
			}
		}
		sc := newScatter(x1, x2, Style{}.glyph(c))
		p.Add(sc)
		leg.addPoints(names[c], sc)
		leg.avoidPoints(x1, x2, false)
	}
	if nWrong > 0 {
		var x1, x2 []float64
		for i, w := range wrong {
			if w {
				x1, x2 = append(x1, b.X1[i]), append(x2, b.X2[i])
			}
		}
		ring := newScatter(x1, x2, draw.GlyphStyle{Color: color.Black, Radius: markerSize + 2.2, Shape: ringGlyph{}})
		p.Add(ring)
		leg.addPoints(fmt.Sprintf("misclassified (%d)", nWrong), ring)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xlo, xhi, ylo, yhi
	leg.placeAbove(p)
	p.Add(&leg)
	return p, nil
}

// classGrid is the predicted class at each cell centre, row r (x2 = y[r])
// and column c (x1 = x[c]) at class[r*len(x)+c].
type classGrid struct {
	x, y  []float64
	class []int
}

// regionFill paints the decision regions, each cell in its class's colour
// mixed 30% with white. Each class is one path made of the runs of equal
// cells along the rows, filled at once: about as many rectangles as the
// grid has rows per class, with no seams between cells, and crisp in SVG.
type regionFill struct {
	grid               *classGrid
	xlo, xhi, ylo, yhi float64
}

// Plot implements gplot.Plotter.
func (f *regionFill) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	g := f.grid
	w, h := len(g.x), len(g.y)
	xAt := func(col int) vg.Length { return trX(f.xlo + (f.xhi-f.xlo)*float64(col)/float64(w)) }
	yAt := func(row int) vg.Length { return trY(f.ylo + (f.yhi-f.ylo)*float64(row)/float64(h)) }
	paths := map[int]*vg.Path{}
	for r := range h {
		y0, y1 := yAt(r), yAt(r+1)
		start := 0
		for col := 1; col <= w; col++ {
			if col < w && g.class[r*w+col] == g.class[r*w+start] {
				continue
			}
			k := g.class[r*w+start]
			path := paths[k]
			if path == nil {
				path = new(vg.Path)
				paths[k] = path
			}
			x0, x1 := xAt(start), xAt(col)
			path.Move(vg.Point{X: x0, Y: y0})
			path.Line(vg.Point{X: x1, Y: y0})
			path.Line(vg.Point{X: x1, Y: y1})
			path.Line(vg.Point{X: x0, Y: y1})
			path.Close()
			start = col
		}
	}
	for _, k := range slices.Sorted(maps.Keys(paths)) {
		col := color.NRGBAModel.Convert(PaletteColor(k)).(color.NRGBA)
		tint := func(v uint8) uint8 { return uint8(math.Round(0.3*float64(v) + 0.7*255)) }
		c.SetColor(color.NRGBA{tint(col.R), tint(col.G), tint(col.B), 0xff})
		c.Fill(*paths[k])
	}
}

// boundaryLines draws the edges between neighbouring cells of different
// classes, joining the midpoints of the cell sides they cross (marching
// squares on the class grid), so that the boundary reads as a line rather
// than as the staircase of the cells.
type boundaryLines struct {
	grid  *classGrid
	style draw.LineStyle
}

// Plot implements gplot.Plotter.
func (l *boundaryLines) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	g := l.grid
	w, h := len(g.x), len(g.y)
	at := func(r, col int) int { return g.class[r*w+col] }
	var segs [][2]vg.Point
	seg := func(a, b vg.Point) { segs = append(segs, [2]vg.Point{a, b}) }
	// Each square of four neighbouring cell centres: the boundary crosses
	// a side of the square where its two ends differ in class.
	for r := range h - 1 {
		for col := range w - 1 {
			a, b2, c2, d := at(r, col), at(r, col+1), at(r+1, col+1), at(r+1, col)
			if a == b2 && b2 == c2 && c2 == d {
				continue
			}
			xm, ym := (g.x[col]+g.x[col+1])/2, (g.y[r]+g.y[r+1])/2
			var mids []vg.Point
			if a != b2 {
				mids = append(mids, vg.Point{X: trX(xm), Y: trY(g.y[r])})
			}
			if b2 != c2 {
				mids = append(mids, vg.Point{X: trX(g.x[col+1]), Y: trY(ym)})
			}
			if c2 != d {
				mids = append(mids, vg.Point{X: trX(xm), Y: trY(g.y[r+1])})
			}
			if d != a {
				mids = append(mids, vg.Point{X: trX(g.x[col]), Y: trY(ym)})
			}
			if len(mids) == 2 {
				seg(mids[0], mids[1])
				continue
			}
			// Three or four crossings: join each to the square's centre.
			centre := vg.Point{X: trX(xm), Y: trY(ym)}
			for _, m := range mids {
				seg(m, centre)
			}
		}
	}
	if len(segs) == 0 {
		return
	}
	var path vg.Path
	for _, line := range chain(segs) {
		for range smoothingPasses {
			line = smooth(line, smoothingWindow)
		}
		path.Move(line[0])
		for _, pt := range line[1:] {
			path.Line(pt)
		}
	}
	c.SetLineStyle(l.style)
	c.Stroke(path)
}

// The boundary found on the grid is a staircase of cell edges; it is
// smoothed by smoothingPasses moving averages over ±smoothingWindow points
// (a point per cell), which straightens a slanted line's steps and rounds
// its corners by a few cells (one or two percent of the plot at the default
// resolution).
const (
	smoothingPasses = 2
	smoothingWindow = 3
)

// chain joins segments that share end points into polylines, ending them
// where the boundary ends or branches (three classes meeting); a closed
// boundary comes back to its first point.
func chain(segs [][2]vg.Point) [][]vg.Point {
	at := map[vg.Point][]int{}
	for i, s := range segs {
		at[s[0]] = append(at[s[0]], i)
		at[s[1]] = append(at[s[1]], i)
	}
	used := make([]bool, len(segs))
	walk := func(from vg.Point, i int) []vg.Point {
		line := []vg.Point{from}
		for {
			used[i] = true
			to := segs[i][0]
			if to == from {
				to = segs[i][1]
			}
			line = append(line, to)
			if len(at[to]) != 2 {
				return line
			}
			next := -1
			for _, j := range at[to] {
				if !used[j] {
					next = j
				}
			}
			if next < 0 {
				return line
			}
			from, i = to, next
		}
	}
	var lines [][]vg.Point
	// Open lines first, from their ends and branch points, in segment
	// order so that the drawing is deterministic; then the closed loops.
	for i, s := range segs {
		for _, end := range s {
			if len(at[end]) != 2 && !used[i] {
				lines = append(lines, walk(end, i))
			}
		}
	}
	for i, s := range segs {
		if !used[i] {
			lines = append(lines, walk(s[0], i))
		}
	}
	return lines
}

// smooth returns the polyline with each point replaced by the mean of the
// points up to w before and after it. An open line keeps its end points
// (the window narrows towards them, so that lines meeting at a branch
// still meet); a closed line (first point equal to the last) wraps around.
func smooth(line []vg.Point, w int) []vg.Point {
	n := len(line)
	if n < 3 {
		return line
	}
	out := make([]vg.Point, n)
	if line[0] == line[n-1] {
		m := n - 1 // distinct points of the loop
		for i := range m {
			var sum vg.Point
			for k := -w; k <= w; k++ {
				sum = sum.Add(line[((i+k)%m+m)%m])
			}
			out[i] = sum.Scale(1 / vg.Length(2*w+1))
		}
		out[m] = out[0]
		return out
	}
	for i := range line {
		r := min(w, i, n-1-i)
		var sum vg.Point
		for k := -r; k <= r; k++ {
			sum = sum.Add(line[i+k])
		}
		out[i] = sum.Scale(1 / vg.Length(2*r+1))
	}
	return out
}

// ringGlyph draws a circle outline, the mark of a misclassified point.
type ringGlyph struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (ringGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	var path vg.Path
	path.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
	path.Arc(pt, sty.Radius, 0, 2*math.Pi)
	path.Close()
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.2)})
	c.Stroke(path)
}
