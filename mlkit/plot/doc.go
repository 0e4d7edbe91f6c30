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
// data, and gonum/plot is never handed input it would panic on (a panic in
// a function the caller passes in, a fitted curve or a classifier, does
// propagate).
//
// Every function that draws series takes several named series, so that the
// grader can draw the learner's result on the same axes as the reference:
// the series' Style chooses a colour (by default the next colour of a
// colour-blind-safe palette) and a Dash pattern (for example the reference
// Solid and the learner Dashed). Two or more figures go side by side in one
// image with Tile or SideBySide.
//
// The returned plots share one look, modelled on seaborn's "whitegrid"
// defaults: a sans-serif font (Liberation Sans, metrically Arial), a light
// grid and frame, five or six round tick values per axis, and a legend that
// hides no data: framed, inside the plot where the fewest data lie (as
// matplotlib's loc="best"), or, for figures of scattered points that leave
// no corner free, in a row between the title and the data. A Log axis is
// drawn as log10 of the values on a linear axis labelled 0.01, 0.1, 1, ...
// The plots are ordinary gonum plots: change the title or an axis label
// through their fields before saving.
//
// WritePNG and WriteSVG write any Figure (a plot or a tiled Grid) to an
// io.Writer, for HTML reports; Save writes both files next to each other.
package plot
