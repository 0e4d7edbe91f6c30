package plot_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mlkata/mlkata/mlkit/plot"
)

// TestParallel builds and draws figures from several goroutines at once, as
// a grader drawing the plots of several exercises does; run with -race.
func TestParallel(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			p, err := plot.LossCurves("Loss", plot.Log, lossRuns()...)
			if !assert.NoError(t, err) {
				return
			}
			var buf bytes.Buffer
			if g%2 == 0 {
				assert.NoError(t, plot.WritePNG(&buf, p, plot.Width, plot.Height))
			} else {
				assert.NoError(t, plot.WriteSVG(&buf, p, plot.Width, plot.Height))
			}
		})
	}
	wg.Wait()
}
