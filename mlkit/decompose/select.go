package decompose

import (
	"fmt"
	"math"
)

// ComponentsFor returns how many leading components a PCA must keep to explain more than
// fraction of the variance, as scikit-learn's PCA(n_components=fraction) chooses them for
// 0 < fraction < 1: the smallest k with ratio[0] + … + ratio[k−1] > fraction (strictly
// greater, numpy's searchsorted(cumsum, fraction, side="right") + 1), where ratio holds the
// explained variance ratios of all min(n, p) components, as Fit gives them with
// NumComponents = 0. When rounding leaves every cumulative sum at or below fraction (a
// fraction within 1e-16 of 1), it returns len(ratio), where scikit-learn 1.2 would return
// len(ratio) + 1.
//
// It panics if ratio is empty or holds a negative value, NaN or ±Inf, or if fraction is not
// in the open interval (0, 1).
func ComponentsFor(ratio []float64, fraction float64) int {
	if len(ratio) == 0 {
		panic("decompose: ComponentsFor: empty ratio")
	}
	if !(fraction > 0 && fraction < 1) {
		panic(fmt.Sprintf("decompose: ComponentsFor: fraction = %v, want 0 < fraction < 1", fraction))
	}
	cum := 0.0
	for i, r := range ratio {
		if !(r >= 0) || math.IsInf(r, 0) {
			panic(fmt.Sprintf("decompose: ComponentsFor: ratio[%d] is %v", i, r))
		}
	}
	for i, r := range ratio {
		cum += r
		if cum > fraction {
			return i + 1
		}
	}
	return len(ratio)
}
