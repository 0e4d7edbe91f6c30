//go:build hidden

package check

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/decompose"
)

// hiddenChecks run on data the learner never saw, drawn from the run's seed: rows with a known,
// well-separated spectrum in random directions, of random size, scale and offset, and random
// ratios and fractions for ComponentsFor, with exact ties.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Fit, Transform and Reconstruct on unseen data", Points: 2, Hidden: true, Run: hiddenPCA},
		{Name: "ComponentsFor on unseen ratios, with exact ties", Points: 1, Hidden: true, Run: hiddenComponentsFor},
	}
}

// reference fits mlkit's PCA with k components.
func reference(t *grader.T, X *mat.Dense, k int) *decompose.PCA {
	p := &decompose.PCA{NumComponents: k}
	if err := p.Fit(X); err != nil {
		t.Fatalf("internal: the reference PCA: %v", err)
	}
	return p
}

// gaussian returns an r×c matrix of standard normal draws.
func gaussian(rng *rand.Rand, r, c int) *mat.Dense {
	G := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			G.Set(i, j, rng.NormFloat64())
		}
	}
	return G
}

// orthonormal returns the Q factor (r×c, orthonormal columns) of G.
func orthonormal(G *mat.Dense) *mat.Dense {
	r, c := G.Dims()
	var qr mat.QR
	qr.Factorize(G)
	var Q mat.Dense
	qr.QTo(&Q)
	return mat.DenseCopyOf(Q.Slice(0, r, 0, c))
}

// unseenData returns n training rows whose centred form is exactly U·diag(σ)·Qᵀ: U (n×p) has
// orthonormal centred columns, Q is a random rotation and σⱼ = scale·√n·rʲ with
// 0.4 ≤ r ≤ 0.75, so the components are the columns of Q, their singular values at least a
// factor 1/0.75 apart, far from the sign and ordering ambiguities of close ones; and the
// smallest variance is at least 0.4¹⁴ ≈ 3e-6 of the largest, so that the covariance's
// eigenvectors (an alternative the README mentions) keep 10 digits. The mean is a random
// offset of about 5 scales. It also returns m new rows around a shifted mean, drawn with the
// same spread.
func unseenData(rng *rand.Rand) (train, test *mat.Dense) {
	n, p, m := 30+rng.IntN(120), 3+rng.IntN(6), 5+rng.IntN(35)
	scale, r := math.Pow(10, 2*rng.Float64()-1), 0.4+0.35*rng.Float64()
	Q := orthonormal(gaussian(rng, p, p))
	U := orthonormal(centred(gaussian(rng, n, p)))
	sigma := make([]float64, p)
	for j := range p {
		sigma[j] = scale * math.Sqrt(float64(n)) * math.Pow(r, float64(j))
	}
	mean := make([]float64, p)
	for j := range mean {
		mean[j] = 5 * scale * rng.NormFloat64()
	}
	rows := func(Z *mat.Dense, shift float64) *mat.Dense {
		k, _ := Z.Dims()
		S := mat.DenseCopyOf(Z)
		for j := range p {
			for i := range k {
				S.Set(i, j, S.At(i, j)*sigma[j])
			}
		}
		var X mat.Dense
		X.Mul(S, Q.T())
		for i := range k {
			for j := range p {
				X.Set(i, j, X.At(i, j)+mean[j]+shift*scale)
			}
		}
		return &X
	}
	train = rows(U, 0)
	test = rows(scaledDense(gaussian(rng, m, p), 1/math.Sqrt(float64(n))), rng.NormFloat64())
	return train, test
}

// scaledDense returns c·A.
func scaledDense(A *mat.Dense, c float64) *mat.Dense {
	var out mat.Dense
	out.Scale(c, A)
	return &out
}

func hiddenPCA(t *grader.T) {
	rng := t.Rand()
	Xtr, Xte := unseenData(rng)
	_, p := Xtr.Dims()
	k := 1 + rng.IntN(p-1)
	ref := reference(t, Xtr, k)
	res := checkFit(t, Xtr, k, ref, "unseen data")
	checkTransform(t, res, ref, Xte, "new unseen rows")
	checkReconstruct(t, res, ref, Xte, "new unseen rows", false)
	checkRoundTrip(t, Xtr, Xte, "new unseen rows")
}

// dyadicRatios returns m descending ratios that are multiples of 1/64 summing to 1, so that
// every partial sum is exact in floating point.
func dyadicRatios(rng *rand.Rand) []float64 {
	m := 3 + rng.IntN(6)
	cuts := rng.Perm(63)[:m-1]
	for i := range cuts {
		cuts[i]++
	}
	cuts = append(cuts, 0, 64)
	slices.Sort(cuts)
	ratio := make([]float64, m)
	for i := range m {
		ratio[i] = float64(cuts[i+1]-cuts[i]) / 64
	}
	slices.SortFunc(ratio, func(a, b float64) int { return int(64*b) - int(64*a) })
	return ratio
}

func hiddenComponentsFor(t *grader.T) {
	rng := t.Rand()
	Xtr, _ := unseenData(rng)
	_, p := Xtr.Dims()
	ratio := reference(t, Xtr, p).ExplainedVarianceRatio
	var cases []componentsCase
	for range 3 {
		cases = append(cases, componentsCase{ratio, 0.05 + 0.9*rng.Float64(), "the ratios of unseen data"})
	}
	exact := dyadicRatios(rng)
	name := grader.Nums(exact)
	sum := 0.0
	for _, r := range exact[:len(exact)-1] {
		sum += r
		cases = append(cases, componentsCase{exact, sum, name}) // a tie: one more is needed
	}
	cases = append(cases, componentsCase{exact, exact[0] / 2, name})
	checkComponentsFor(t, cases)
}
