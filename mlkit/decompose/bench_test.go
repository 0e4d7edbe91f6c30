package decompose

import (
	"fmt"
	"testing"
)

// BenchmarkPCAFit times Fit (centring and the thin SVD computing V only) on seeded correlated
// data.
func BenchmarkPCAFit(b *testing.B) {
	for _, size := range [][2]int{{1_000, 10}, {100_000, 50}} {
		x := correlated(size[0], size[1], 1)
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			b.ReportAllocs()
			var p PCA
			for b.Loop() {
				if err := p.Fit(x); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
