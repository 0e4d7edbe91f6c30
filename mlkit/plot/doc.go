// Package plot draws the figures an ML engineer looks at, on gonum/plot:
// loss curves, a scatter with fitted lines, residuals, predicted against
// actual values, a confusion-matrix heatmap, ROC and precision-recall curves,
// the decision boundary of a 2-D classifier, validation curves and learning
// curves.
//
// Each figure function validates its input and returns a ready
// *gplot.Plot (gplot is gonum.org/v1/plot), or an error wrapping one of
// ErrEmpty, ErrLength, ErrNonFinite, ErrNonPositive or ErrDomain that names
// the series and the index at fault. Nothing in this package panics on bad
// data, and gonum/plot is never handed input it would panic on.
//
// Every function that draws series takes several named series, so that the
// grader can draw the learner's result on the same axes as the reference:
// the series' Style chooses a colour (by default the next colour of a
// colour-blind-safe palette) and a Dash pattern (for example the reference
// Solid and the learner Dashed). Two or more figures go side by side in one
// image with Tile or SideBySide.
//
// The returned plots share one look, modelled on seaborn's "whitegrid"
// defaults: a sans-serif font, a light grid and frame, about five round tick
// values per axis, and a framed legend placed in the corner of the plot that
// hides the least data. The plots are ordinary gonum plots: change the title
// or an axis label through their fields before saving.
//
// WritePNG and WriteSVG write any Figure (a plot or a tiled Grid) to an
// io.Writer, for HTML reports; Save writes both files next to each other.
package plot
