package plot_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	gplot "gonum.org/v1/plot"

	"github.com/mlkata/mlkata/mlkit/plot"
)

var galleryDir = flag.String("gallery", "", "write every figure as PNG and SVG into this directory, to look at")

// TestGallery writes every figure of the package to the -gallery directory,
// so that a person can look at them: go test ./mlkit/plot -run Gallery -gallery /tmp/plots
func TestGallery(t *testing.T) {
	if *galleryDir == "" {
		t.Skip("no -gallery directory given")
	}
	must := func(p *gplot.Plot, err error) *gplot.Plot {
		require.NoError(t, err)
		return p
	}
	for _, g := range gallery(must) {
		w, h := plot.Width, plot.Height
		if _, ok := g.fig.(*plot.Grid); ok {
			w *= 2
		}
		require.NoError(t, plot.Save(g.fig, filepath.Join(*galleryDir, g.name), w, h))
	}
}
