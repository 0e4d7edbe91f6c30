package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is anything that draws itself on a canvas: a *gplot.Plot returned
// by the figure functions, or a Grid of them.
type Figure interface {
	Draw(c draw.Canvas)
}

// The default size of one figure (matplotlib's 6.4 × 4.8 inches) and the
// resolution of the PNG files: a default figure is 922 × 691 pixels.
const (
	Width  = 6.4 * vg.Inch
	Height = 4.8 * vg.Inch
	DPI    = 144
)

// outerMargin is the white space kept around every figure.
const outerMargin = vg.Length(8)

// WritePNG draws f on a width × height canvas and writes it to w as a PNG
// image of width.Dots(DPI) × height.Dots(DPI) pixels (rounded). It returns
// an error, wrapping ErrDomain, if width or height is not a positive finite
// length, and any error of w.
func WritePNG(w io.Writer, f Figure, width, height vg.Length) error {
	if err := checkSize(width, height); err != nil {
		return err
	}
	// The image canvas starts white, so it needs no background fill.
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(DPI))
	f.Draw(draw.Crop(draw.New(c), outerMargin, -outerMargin, outerMargin, -outerMargin))
	// The fastest zlib level: about twice as fast to encode as the default
	// for files about 15% larger.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, c.Image()); err != nil {
		return fmt.Errorf("plot: write PNG: %w", err)
	}
	return nil
}

// WriteSVG draws f on a width × height canvas and writes it to w as an SVG
// document whose width and height attributes are the sizes in points
// ("460.8pt"). Text is written with the font family "Liberation Sans",
// falling back to the metrically identical Arial, then to any sans-serif
// font; raster parts (the decision regions) are embedded as PNG images.
// Errors are those of WritePNG.
func WriteSVG(w io.Writer, f Figure, width, height vg.Length) error {
	if err := checkSize(width, height); err != nil {
		return err
	}
	c := vgsvg.New(width, height)
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	f.Draw(draw.Crop(dc, outerMargin, -outerMargin, outerMargin, -outerMargin))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("plot: write SVG: %w", err)
	}
	out := bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	// vgsvg labels the PNG images it embeds (the decision regions) as
	// JPEG, which strict renderers (librsvg) refuse to draw, and lets SVG
	// keep their aspect ratio, which squeezes them off their axes.
	out = bytes.ReplaceAll(out, []byte(`xlink:href="data:image/jpg;base64,`), []byte(`xlink:href="data:image/png;base64,`))
	out = bytes.ReplaceAll(out, []byte("<image "), []byte(`<image preserveAspectRatio="none" `))
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("plot: write SVG: %w", err)
	}
	return nil
}

// Save writes f as pathWithoutExt+".png" and pathWithoutExt+".svg" (see
// WritePNG and WriteSVG). The directory must exist.
func Save(f Figure, pathWithoutExt string, width, height vg.Length) error {
	for _, format := range []struct {
		ext   string
		write func(io.Writer, Figure, vg.Length, vg.Length) error
	}{{".png", WritePNG}, {".svg", WriteSVG}} {
		var buf bytes.Buffer
		if err := format.write(&buf, f, width, height); err != nil {
			return fmt.Errorf("save %q: %w", pathWithoutExt+format.ext, err)
		}
		if err := os.WriteFile(pathWithoutExt+format.ext, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("plot: save: %w", err)
		}
	}
	return nil
}

func checkSize(width, height vg.Length) error {
	for _, l := range []vg.Length{width, height} {
		if !(l > 0) || math.IsInf(float64(l), 0) {
			return fmt.Errorf("plot: figure size %v × %v: %w", width, height, ErrDomain)
		}
	}
	return nil
}

// Grid is several plots tiled in rows of Cols plots, for example the
// learner's figure beside the reference's, with an optional title over the
// whole image. A nil panel leaves its cell empty. The data areas of the
// panels are aligned and of equal size (gplot.Align).
type Grid struct {
	Title  string
	Cols   int
	Panels []*gplot.Plot
	// ShareX and ShareY give every panel the union of the panels' x
	// (respectively y) ranges, so that the panels compare at a glance. The
	// panels themselves are not modified.
	ShareX, ShareY bool
}

// SideBySide returns a one-row Grid of the panels, with shared y ranges.
func SideBySide(title string, panels ...*gplot.Plot) *Grid {
	return &Grid{Title: title, Cols: len(panels), Panels: panels, ShareY: true}
}

// Tile returns a Grid of the panels in rows of cols; cols < 1 means one row.
func Tile(title string, cols int, panels ...*gplot.Plot) *Grid {
	return &Grid{Title: title, Cols: cols, Panels: panels}
}

// Draw implements Figure.
func (g *Grid) Draw(c draw.Canvas) {
	if g.Title != "" {
		sty := textStyle(titleSize+1, inkColor)
		sty.YAlign = draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, g.Title)
		c.Max.Y -= sty.Height(g.Title) + vg.Points(10)
	}
	if len(g.Panels) == 0 {
		return
	}
	cols := g.Cols
	if cols < 1 || cols > len(g.Panels) {
		cols = len(g.Panels)
	}
	rows := (len(g.Panels) + cols - 1) / cols
	panels := g.shared()
	grid := make([][]*gplot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*gplot.Plot, cols)
		for k := range cols {
			if i := r*cols + k; i < len(panels) {
				grid[r][k] = panels[i]
			}
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(22), PadY: vg.Points(18)}
	canvases := gplot.Align(grid, tiles, c)
	for r := range grid {
		for k, p := range grid[r] {
			if p != nil {
				p.Draw(canvases[r][k])
			}
		}
	}
}

// shared returns the panels, as shallow copies with the shared ranges
// applied if ShareX or ShareY is set.
func (g *Grid) shared() []*gplot.Plot {
	if !g.ShareX && !g.ShareY {
		return g.Panels
	}
	out := make([]*gplot.Plot, len(g.Panels))
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range g.Panels {
		if p != nil {
			xlo, xhi = math.Min(xlo, p.X.Min), math.Max(xhi, p.X.Max)
			ylo, yhi = math.Min(ylo, p.Y.Min), math.Max(yhi, p.Y.Max)
		}
	}
	for i, p := range g.Panels {
		if p == nil {
			continue
		}
		q := *p
		if g.ShareX {
			q.X.Min, q.X.Max = xlo, xhi
		}
		if g.ShareY {
			q.Y.Min, q.Y.Max = ylo, yhi
		}
		out[i] = &q
	}
	return out
}
