// Package check grades exercise 04, train-test-split: a seeded shuffle, a train/test split that
// keeps every row with its label, and a stratified split.
//
// The checks look at what the split did to the rows rather than at one expected permutation,
// since any uniform shuffle from the given seed is right: the sizes, every row in exactly one
// set, every row with its own label, a mix of classes in the test set of the class-sorted iris
// data, the same split for the same seed, the inputs left alone, and class shares kept by the
// stratified split. The reference splits of mlkit/data are drawn beside the learner's.
package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	const splitSig = "func(X *mat.Dense, y []int, testFrac float64, seed uint64) (Xtrain, Xtest *mat.Dense, yTrain, yTest []int)"
	return &grader.Exercise{
		Slug:  "train-test-split",
		Title: "Train/test split: a seeded shuffle, a split, a stratified split",
		Dir:   "exercises/04-train-test-split",
		Functions: []grader.Func{
			{Name: "Shuffle", Signature: "func(n int, seed uint64) []int"},
			{Name: "TrainTestSplit", Signature: splitSig},
			{Name: "StratifiedSplit", Signature: splitSig},
		},
		Forbid: []string{"github.com/mlkata/mlkata/mlkit/data/..."},
		Checks: append([]grader.Check{
			{Name: "Shuffle returns a permutation of 0…n−1 that depends on the seed", Points: 1, Run: shufflePermutation},
			{Name: "Test set size is ⌈testFrac·m⌉", Points: 1, Run: splitSizes},
			{Name: "Every row of iris lands in exactly one set", Points: 2, Run: splitCoversRows},
			{Name: "Every row keeps its own label", Points: 2, Run: splitKeepsPairs},
			{Name: "The test set of the class-sorted iris data mixes the species", Points: 1, Run: splitShuffles},
			{Name: "Same seed, same split; another seed, another split", Points: 1, Run: splitSeeded},
			{Name: "TrainTestSplit leaves X and y as they were", Points: 1, Run: splitNotMutated},
			{Name: "StratifiedSplit keeps each wine class's share in the test set", Points: 2, Run: stratifiedShares},
			{Name: "StratifiedSplit keeps every row once, with its label, and leaves its inputs alone", Points: 1, Run: stratifiedPartition},
		}, hiddenChecks()...),
		Hints: []string{
			"Shuffle indices, not data: draw one permutation of the row numbers 0…m−1 and use it to pick rows of X and labels of y alike. Iris is sorted by species, so slicing without shuffling puts one species in the test set.",
			"rand.New(rand.NewPCG(seed, 0)).Perm(m) is the permutation. nTest := int(math.Ceil(testFrac * float64(m))); the test rows are perm[:nTest] and the training rows perm[nTest:] — the two slices share no index and together hold all m. Copy the rows into new matrices with mat.NewDense and SetRow(i, X.RawRowView(perm[k])).",
			"For StratifiedSplit, collect the row numbers of each class (in increasing class order), shuffle each list with one generator, and send the first int(math.Round(testFrac·len(rows))) of each to the test set; then build the matrices as in TrainTestSplit.",
		},
	}
}

// split is what TrainTestSplit and StratifiedSplit return.
type split struct {
	Xtrain, Xtest *mat.Dense
	yTrain, yTest []int
}

// rows returns the rows of X as slices (none for a nil matrix).
func rows(X *mat.Dense) [][]float64 {
	if X == nil || X.IsEmpty() {
		return nil
	}
	m, _ := X.Dims()
	out := make([][]float64, m)
	for i := range out {
		out[i] = X.RawRowView(i)
	}
	return out
}

// callSplit calls fn (TrainTestSplit or StratifiedSplit) and checks that each returned set has
// as many rows as labels and as many columns as X.
func callSplit(t *grader.T, fn string, X *mat.Dense, y []int, frac float64, seed uint64) split {
	r := t.Call(fn, X, y, frac, seed)
	return shapeOf(t, fn, X, r)
}

func shapeOf(t *grader.T, fn string, X *mat.Dense, r *grader.Result) split {
	s := split{Xtrain: r.Out(0).Dense(), Xtest: r.Out(1).Dense(), yTrain: r.Out(2).Ints(), yTest: r.Out(3).Ints()}
	_, n := X.Dims()
	for _, set := range []struct {
		name, labels string
		X            *mat.Dense
		y            []int
	}{{"Xtrain", "yTrain", s.Xtrain, s.yTrain}, {"Xtest", "yTest", s.Xtest, s.yTest}} {
		rs := rows(set.X)
		if len(rs) == 0 && len(set.y) == 0 {
			t.Fatalf("%s returned an empty %s (%s nil or 0 rows): with 0 < testFrac < 1 both sets have rows", fn, set.name, set.name)
		}
		if len(rs) != len(set.y) {
			t.Fatalf("%s returned %s with %d rows but %s with %d labels: each row needs its label", fn, set.name, len(rs), set.labels, len(set.y))
		}
		if len(rs) > 0 {
			if _, c := set.X.Dims(); c != n {
				t.Fatalf("%s returned %s with %d columns, want the %d columns of X", fn, set.name, c, n)
			}
		}
	}
	return s
}

// key identifies a row by its exact values (and a label when given).
func key(row []float64, label ...int) string {
	var b strings.Builder
	for _, v := range row {
		fmt.Fprintf(&b, "%x,", math.Float64bits(v))
	}
	for _, l := range label {
		fmt.Fprintf(&b, "|%d", l)
	}
	return b.String()
}

// coverage compares the rows of both sets with the rows of X as multisets. It returns a
// description of the first row of X found twice or missing, or "" when every row of X is in
// exactly one set.
func coverage(X *mat.Dense, s split) string {
	in := rows(X)
	count := map[string]int{}
	for _, r := range in {
		count[key(r)]--
	}
	for _, r := range append(rows(s.Xtrain), rows(s.Xtest)...) {
		count[key(r)]++
	}
	for i, r := range in {
		k := key(r)
		switch c := count[k]; {
		case c > 0:
			where := "twice"
			if slices.ContainsFunc(rows(s.Xtrain), func(q []float64) bool { return key(q) == k }) &&
				slices.ContainsFunc(rows(s.Xtest), func(q []float64) bool { return key(q) == k }) {
				where = "in both the training and the test set"
			}
			return fmt.Sprintf("row %d of X %v is %s (%d + %d = %d rows came back, X has %d)", i, r, where,
				len(s.yTrain), len(s.yTest), len(s.yTrain)+len(s.yTest), len(in))
		case c < 0:
			return fmt.Sprintf("row %d of X %v is in neither set (%d + %d = %d rows came back, X has %d)", i, r,
				len(s.yTrain), len(s.yTest), len(s.yTrain)+len(s.yTest), len(in))
		}
	}
	for _, r := range append(rows(s.Xtrain), rows(s.Xtest)...) {
		if count[key(r)] != 0 {
			return fmt.Sprintf("the row %v came back, but X has no such row", r)
		}
	}
	return ""
}

// pairing returns a description of the first returned row whose label is not its label in y,
// or "". It assumes coverage holds; a row that occurs several times in X may take any of its
// labels once each.
func pairing(X *mat.Dense, y []int, s split) string {
	count := map[string]int{}
	for i, r := range rows(X) {
		count[key(r, y[i])]++
	}
	for _, set := range []struct {
		name, labels string
		X            *mat.Dense
		y            []int
	}{{"Xtrain", "yTrain", s.Xtrain, s.yTrain}, {"Xtest", "yTest", s.Xtest, s.yTest}} {
		for i, r := range rows(set.X) {
			k := key(r, set.y[i])
			if count[k] == 0 {
				return fmt.Sprintf("row %d of %s is %v, whose label in y is %s, but %s[%d] = %d",
					i, set.name, r, labelsOf(X, y, r), set.labels, i, set.y[i])
			}
			count[k]--
		}
	}
	return ""
}

// labelsOf lists the labels that row r has in (X, y).
func labelsOf(X *mat.Dense, y []int, r []float64) string {
	var ls []string
	for i, q := range rows(X) {
		if key(q) == key(r) {
			ls = append(ls, fmt.Sprint(y[i]))
		}
	}
	return strings.Join(ls, " or ")
}

// sameMultiset reports whether a and b hold the same labels, counted.
func sameMultiset(a, b []int) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// partition checks sizes (if nTest ≥ 0), coverage and pairing, naming the mistakes they reveal.
func partition(t *grader.T, fn string, X *mat.Dense, y []int, s split, nTest int) {
	m, _ := X.Dims()
	if nTest >= 0 {
		t.Label(fn + "'s test-set size")
		t.Equal(len(s.yTest), nTest)
		t.Label(fn + "'s training-set size")
		t.Equal(len(s.yTrain), m-nTest)
	}
	if c := coverage(X, s); c != "" {
		t.Mistake(true, "overlap-or-gap", fn+": "+c+". Look at the boundary: test = perm[:nTest] and train = perm[nTest:] share no index and miss none.")
	}
	if p := pairing(X, y, s); p != "" {
		t.Mistake(sameMultiset(append(slices.Clone(s.yTrain), s.yTest...), y), "misaligned-xy",
			fn+": "+p+". X and y were reordered differently: draw one permutation and use it for both.")
		t.Fatalf("%s: %s", fn, p)
	}
}

// iris returns the iris features and species labels, in class order.
func iris() (*mat.Dense, []int, []string) {
	d := datasets.Iris()
	return d.X, d.Labels(), d.Classes
}

func shufflePermutation(t *grader.T) {
	for _, n := range []int{0, 1, 10, 150} {
		got := t.Deterministic("Shuffle", n, uint64(7)).Ints()
		sorted := slices.Sorted(slices.Values(got))
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		if !slices.Equal(sorted, want) {
			t.Fatalf("Shuffle(%d, 7) = %v is not a permutation of 0…%d: each index must appear exactly once", n, got, n-1)
		}
		if n == 150 && slices.Equal(got, want) {
			t.Fatalf("Shuffle(150, 7) returned 0, 1, …, 149 in order: draw a random permutation from the seed")
		}
	}
	a := t.Call("Shuffle", 150, uint64(1)).Ints()
	b := t.Call("Shuffle", 150, uint64(2)).Ints()
	t.True(!slices.Equal(a, b), "Shuffle(150, 1) and Shuffle(150, 2) are the same permutation: seed the generator with the seed (rand.NewPCG(seed, 0))")
}

func splitSizes(t *grader.T) {
	X, y, _ := iris()
	for _, c := range []struct {
		m     int
		frac  float64
		nTest int // ⌈frac·m⌉, by hand
	}{{150, 0.2, 30}, {10, 0.25, 3}, {7, 0.5, 4}, {150, 0.33, 50}} {
		Xm := X.Slice(0, c.m, 0, 4).(*mat.Dense)
		s := callSplit(t, "TrainTestSplit", Xm, y[:c.m], c.frac, 3)
		floor := int(c.frac * float64(c.m))
		t.Mistake(floor != c.nTest && len(s.yTest) == floor, "test-size-floor",
			fmt.Sprintf("with m = %d and testFrac = %v your test set has %d rows, ⌊%v⌋: round the test size up, nTest = ⌈testFrac·m⌉ (math.Ceil)",
				c.m, c.frac, len(s.yTest), c.frac*float64(c.m)))
		t.Label(fmt.Sprintf("the test-set size for m = %d, testFrac = %v (⌈testFrac·m⌉)", c.m, c.frac))
		if !t.Equal(len(s.yTest), c.nTest) {
			return
		}
		t.Label(fmt.Sprintf("the training-set size for m = %d, testFrac = %v (m − ⌈testFrac·m⌉)", c.m, c.frac))
		if !t.Equal(len(s.yTrain), c.m-c.nTest) {
			return
		}
	}
}

func splitCoversRows(t *grader.T) {
	X, y, _ := iris()
	for _, seed := range []uint64{1, 2, 3} {
		s := callSplit(t, "TrainTestSplit", X, y, 0.2, seed)
		if c := coverage(X, s); c != "" {
			t.Mistake(true, "overlap-or-gap", "TrainTestSplit(iris, 0.2, "+fmt.Sprint(seed)+"): "+c+
				". Look at the boundary: test = perm[:nTest] and train = perm[nTest:] share no index and miss none.")
		}
	}
}

func splitKeepsPairs(t *grader.T) {
	X, y, _ := iris()
	for _, seed := range []uint64{1, 2, 3} {
		s := callSplit(t, "TrainTestSplit", X, y, 0.2, seed)
		partition(t, "TrainTestSplit", X, y, s, -1)
	}
}

func splitShuffles(t *grader.T) {
	X, y, classes := iris()
	const seed = 5
	s := callSplit(t, "TrainTestSplit", X, y, 0.2, seed)
	ref, err := data.TrainTestSplit(len(y), data.SplitOptions{TestFraction: 0.2, Seed: seed})
	if err != nil {
		t.Fatalf("internal: the reference split failed: %v", err)
	}
	t.Plot("Species in the test set (TrainTestSplit)", classBars(
		"Species in the test set: TrainTestSplit(iris, 0.2, 5)", classes,
		bars{"your test set", s.yTest}, bars{"a shuffled split (mlkit)", data.Take(y, ref.Test)}))
	present := map[int]int{}
	for _, l := range s.yTest {
		present[l]++
	}
	m, _ := X.Dims()
	k := len(s.yTest)
	contiguous := k > 0 && k < m && (mat.Equal(s.Xtest, X.Slice(0, k, 0, 4)) || mat.Equal(s.Xtest, X.Slice(m-k, m, 0, 4)))
	if len(present) == 1 {
		for l := range present {
			t.Mistake(contiguous, "not-shuffled", fmt.Sprintf(
				"your test set holds only %s (%d rows), in the order of the file: iris is sorted by species, so shuffle the rows before you slice", classes[l], k))
			t.Fatalf("your test set holds only %s (%d rows): a shuffled split of iris has all three species", classes[l], k)
		}
	}
	t.Mistake(contiguous, "not-shuffled", "your test set is a block of consecutive rows of X, in order: shuffle the rows before you slice")
	// A uniform shuffle gives each species 10 ± 2.3 of 30 test rows (hypergeometric); none
	// below 3 has a probability under 1e-3.
	for l := range classes {
		t.True(present[l] >= 3, "your test set has %d %s of %d rows; a shuffled split has about %d", present[l], classes[l], k, k/len(classes))
	}
}

func splitSeeded(t *grader.T) {
	X, y, _ := iris()
	a := shapeOf(t, "TrainTestSplit", X, t.Deterministic("TrainTestSplit", X, y, 0.2, uint64(11)))
	b := callSplit(t, "TrainTestSplit", X, y, 0.2, 12)
	t.True(!mat.Equal(a.Xtest, b.Xtest), "seeds 11 and 12 gave the same test set: shuffle with a generator seeded by seed")
}

func splitNotMutated(t *grader.T) {
	X, y, _ := iris()
	t.NotMutated("TrainTestSplit", X, y, 0.2, uint64(13))
}

// stratifiedShares runs StratifiedSplit on wine with five seeds and checks each class's count in
// the test set against testFrac·m_c.
func stratifiedShares(t *grader.T) {
	d := datasets.Wine()
	X, y := d.X, d.Labels()
	const frac = 0.25
	counts := classCounts(y, len(d.Classes))
	for seed := uint64(1); seed <= 5; seed++ {
		s := callSplit(t, "StratifiedSplit", X, y, frac, seed)
		if seed == 1 {
			ref, err := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: frac, Seed: seed})
			if err != nil {
				t.Fatalf("internal: the reference split failed: %v", err)
			}
			t.Plot("Classes in the stratified test set", classBars(
				"Wine classes in the test set: StratifiedSplit(wine, 0.25, 1)", d.Classes,
				bars{"your test set", s.yTest}, bars{"stratified (mlkit)", data.Take(y, ref.Test)}))
		}
		if msg := shares(y, s.yTest, frac, counts, d.Classes); msg != "" {
			plain := callSplit(t, "TrainTestSplit", X, y, frac, seed)
			t.Mistake(slices.Equal(plain.yTest, s.yTest) && mat.Equal(plain.Xtest, s.Xtest), "not-stratified",
				"StratifiedSplit returned the same split as TrainTestSplit: "+msg+". Split each class on its own, round(testFrac·m_c) rows of class c to the test set.")
			t.Fatalf("StratifiedSplit(wine, %v, %d): %s", frac, seed, msg)
		}
	}
}

// shares describes the first class whose test count is more than one row from testFrac·m_c,
// or returns "".
func shares(y, yTest []int, frac float64, counts []int, names []string) string {
	got := classCounts(yTest, len(counts))
	for c, mc := range counts {
		want := frac * float64(mc)
		if math.Abs(float64(got[c])-want) > 1 {
			return fmt.Sprintf("class %s has %d of its %d rows in the test set, want %.3g·%d = %.2f within one row",
				names[c], got[c], mc, frac, mc, want)
		}
	}
	return ""
}

func classCounts(y []int, k int) []int {
	counts := make([]int, k)
	for _, l := range y {
		if l >= 0 && l < k {
			counts[l]++
		}
	}
	return counts
}

func stratifiedPartition(t *grader.T) {
	d := datasets.Wine()
	X, y := d.X, d.Labels()
	r := t.NotMutated("StratifiedSplit", X, y, 0.3, uint64(4))
	partition(t, "StratifiedSplit", X, y, shapeOf(t, "StratifiedSplit", X, r), -1)
}

// sortedRandom returns an m×n matrix of random values whose column 0 is the row number (so
// every row is unique) and labels in 0..k−1, sorted, drawn from rng.
func sortedRandom(rng *rand.Rand, m, n, k int, weights []float64) (*mat.Dense, []int) {
	X := mat.NewDense(m, n, nil)
	y := make([]int, m)
	for i := range m {
		X.Set(i, 0, float64(i))
		for j := 1; j < n; j++ {
			X.Set(i, j, math.Round(rng.NormFloat64()*1000)/100)
		}
		u := rng.Float64()
		for c := range k {
			if u < weights[c] || c == k-1 {
				y[i] = c
				break
			}
			u -= weights[c]
		}
	}
	slices.Sort(y) // class order, as iris: a split without a shuffle shows
	return X, y
}
