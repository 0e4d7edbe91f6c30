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
			{Name: "Shuffle draws every order equally often (40 permutations of 1000)", Points: 1, Run: shuffleUniform},
			{Name: "Test set size is ⌈testFrac·m⌉", Points: 1, Run: splitSizes},
			{Name: "Every row of iris lands in exactly one set", Points: 2, Run: splitCoversRows},
			{Name: "Every row keeps its own label", Points: 2, Run: splitKeepsPairs},
			{Name: "The test set of the class-sorted iris data mixes the species", Points: 1, Run: splitShuffles},
			{Name: "Same seed, same split; another seed, another split", Points: 1, Run: splitSeeded},
			{Name: "TrainTestSplit leaves X and y as they were", Points: 1, Run: splitNotMutated},
			{Name: "A set of one row, and an empty set as nil", Points: 1, Run: smallSets},
			{Name: "StratifiedSplit puts round(testFrac·m_c) rows of each wine class in the test set (five seeds)", Points: 2, Run: stratifiedShares},
			{Name: "StratifiedSplit keeps every row once, with its label, and leaves its inputs alone", Points: 1, Run: stratifiedPartition},
			{Name: "StratifiedSplit: same seed, same split; another seed, other rows of each class", Points: 1, Run: stratifiedSeeded},
		}, hiddenChecks()...),
		Hints: []string{
			"Shuffle indices, not data: draw one permutation of the row numbers 0…m−1 and use it to pick rows of X and labels of y alike. Iris is sorted by species, so slicing without shuffling puts one species in the test set.",
			"rand.New(rand.NewPCG(seed, 0)).Perm(m) is the permutation. nTest := int(math.Ceil(testFrac * float64(m))); the test rows are perm[:nTest] and the training rows perm[nTest:] — the two slices share no index and together hold all m. Copy the rows into new matrices with mat.NewDense and SetRow(i, X.RawRowView(perm[k])); a set with no rows is a nil matrix.",
			"For StratifiedSplit, collect the row numbers of each class, take the classes in increasing order (slices.Sorted(maps.Keys(byClass)): a range over a map has a random order), shuffle each class's list with one generator, and send the first int(math.Round(testFrac·len(rows))) of each to the test set; then build the matrices as in TrainTestSplit.",
		},
		Mistakes: []grader.Mistake{
			{ID: "not-shuffled", Hint: "Your test rows were not chosen at random: they are rows in the order of X. Data files are often sorted (iris by species), so draw a permutation from the seed first and take the test rows from its start (in StratifiedSplit, shuffle each class's rows before taking its first ones)."},
			{ID: "biased-shuffle", Hint: "Your permutations are not uniform: some orders come up more often than others, or never. Fisher–Yates goes from i = n−1 down to 1 and swaps element i with element j = rng.IntN(i+1), so j may be i itself. Swapping with rng.IntN(i) never leaves an element in place (Sattolo's algorithm), and swapping every i with rng.IntN(n) favours some orders. rng.Perm(n) does it right."},
			{ID: "misaligned-xy", Hint: "X and y were reordered differently, so rows carry other rows' labels. Draw one permutation and use it to pick both the rows of X and the labels of y."},
			{ID: "overlap-or-gap", Hint: "A row of X is in both sets, twice, or in neither. Look at the boundary: the test rows are perm[:nTest] and the training rows perm[nTest:]; the two share no index and together hold all m."},
			{ID: "test-size-floor", Hint: "Your test set is too small by a rounding: int(x) truncates. TrainTestSplit takes nTest = ⌈testFrac·m⌉ test rows (math.Ceil), and StratifiedSplit takes round(testFrac·m_c) rows of class c (math.Round)."},
			{ID: "not-stratified", Hint: "StratifiedSplit returned the plain random split, so a class's share in the test set drifts from its share in the data. Split each class on its own: round(testFrac·m_c) of the m_c rows of class c go to the test set."},
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

// shapeOf decodes a split and checks that each set has as many rows as labels and as many
// columns as X. An empty set is a nil matrix with no labels.
func shapeOf(t *grader.T, fn string, X *mat.Dense, r *grader.Result) split {
	s := split{Xtrain: r.Out(0).Dense(), Xtest: r.Out(1).Dense(), yTrain: r.Out(2).Ints(), yTest: r.Out(3).Ints()}
	_, n := X.Dims()
	for _, set := range []struct {
		name, labels string
		X            *mat.Dense
		y            []int
	}{{"Xtrain", "yTrain", s.Xtrain, s.yTrain}, {"Xtest", "yTest", s.Xtest, s.yTest}} {
		rs := rows(set.X)
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
			return fmt.Sprintf("row %d of X %s is %s (%d + %d = %d rows came back, X has %d)", i, grader.Nums(r), where,
				len(s.yTrain), len(s.yTest), len(s.yTrain)+len(s.yTest), len(in))
		case c < 0:
			return fmt.Sprintf("row %d of X %s is in neither set (%d + %d = %d rows came back, X has %d)", i, grader.Nums(r),
				len(s.yTrain), len(s.yTest), len(s.yTrain)+len(s.yTest), len(in))
		}
	}
	for _, r := range append(rows(s.Xtrain), rows(s.Xtest)...) {
		if count[key(r)] != 0 {
			return fmt.Sprintf("the row %s came back, but X has no such row", grader.Nums(r))
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
				return fmt.Sprintf("row %d of %s is %s, whose label in y is %s, but %s[%d] = %d",
					i, set.name, grader.Nums(r), labelsOf(X, y, r), set.labels, i, set.y[i])
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
// Wrong sizes end the check.
func partition(t *grader.T, fn string, X *mat.Dense, y []int, s split, nTest int) {
	m, _ := X.Dims()
	if nTest >= 0 {
		t.Label(fmt.Sprintf("the test-set size of %s on %d rows", fn, m))
		okTest := t.Equal(len(s.yTest), nTest)
		t.Label(fmt.Sprintf("the training-set size of %s on %d rows", fn, m))
		if okTrain := t.Equal(len(s.yTrain), m-nTest); !okTest || !okTrain {
			t.Fatalf("") // the sizes are the message
		}
	}
	if c := coverage(X, s); c != "" {
		t.Label(fn + "'s split")
		t.Mistake(true, "overlap-or-gap", c)
	}
	if p := pairing(X, y, s); p != "" {
		t.Label(fn + "'s split")
		t.Mistake(sameMultiset(append(slices.Clone(s.yTrain), s.yTest...), y), "misaligned-xy", p)
		t.Fatalf("%s: %s", fn, p)
	}
}

// iris returns the iris features and species labels, in class order.
func iris() (*mat.Dense, []int, []string) {
	d := datasets.Iris()
	return d.X, d.Labels(), d.Classes
}

// permuted returns the rows of X and the labels of y in an order drawn from seed: data whose
// labels are not sorted, so that sorting them in place shows, and whose classes interleave.
func permuted(X *mat.Dense, y []int, seed uint64) (*mat.Dense, []int) {
	m, n := X.Dims()
	perm := rand.New(rand.NewPCG(seed, 99)).Perm(m)
	Xp, yp := mat.NewDense(m, n, nil), make([]int, m)
	for i, r := range perm {
		Xp.SetRow(i, X.RawRowView(r))
		yp[i] = y[r]
	}
	return Xp, yp
}

// isPermutation reports whether p holds each of 0…n−1 once.
func isPermutation(p []int, n int) bool {
	if len(p) != n {
		return false
	}
	seen := make([]bool, n)
	for _, v := range p {
		if v < 0 || v >= n || seen[v] {
			return false
		}
		seen[v] = true
	}
	return true
}

func shufflePermutation(t *grader.T) {
	for _, n := range []int{0, 1, 10, 150} {
		// Repeating the calls in fresh drivers costs a driver start each: the largest n,
		// where a map-ordered or clock-seeded shuffle shows, is enough.
		var got []int
		if n == 150 {
			got = t.Deterministic("Shuffle", n, uint64(7)).Ints()
		} else {
			got = t.Call("Shuffle", n, uint64(7)).Ints()
		}
		if !isPermutation(got, n) {
			t.Fatalf("Shuffle(%d, 7) = %v is not a permutation of 0…%d: each index must appear exactly once", n, got, n-1)
		}
		if n == 150 && slices.IsSorted(got) {
			t.Fatalf("Shuffle(150, 7) returned 0, 1, …, 149 in order: draw a random permutation from the seed")
		}
	}
	a := t.Call("Shuffle", 150, uint64(1)).Ints()
	b := t.Call("Shuffle", 150, uint64(2)).Ints()
	t.True(!slices.Equal(a, b), "Shuffle(150, 1) and Shuffle(150, 2) are the same permutation: seed the generator with the seed (rand.NewPCG(seed, 0))")
}

// shuffleUniform draws 40 permutations of 1000 and looks for the two classic biases of a
// hand-written Fisher–Yates shuffle. A uniform permutation has Poisson(1) fixed points, so 40
// have about 40, and none at all with probability e⁻⁴⁰; Sattolo's algorithm (j drawn from
// 0…i−1) has none. The rank correlation of position and value has mean 0 and standard error
// 1/√(999·40) over 40 uniform permutations; the naive shuffle (swap each i with any j) lifts it
// to about 9.5 standard errors (simulated, 20 and 40 seeds). The check fails at 5 (a uniform
// shuffle gets there once in 1.7 million runs).
func shuffleUniform(t *grader.T) {
	const n, perms = 1000, 40
	fixed := 0
	corr := 0.0
	c := float64(n-1) / 2
	for s := range uint64(perms) {
		p := t.Call("Shuffle", n, s+1).Ints()
		if !isPermutation(p, n) {
			t.Fatalf("Shuffle(%d, %d) is not a permutation of 0…%d: each index must appear exactly once", n, s+1, n-1)
		}
		for i, v := range p {
			if v == i {
				fixed++
			}
			corr += (float64(i) - c) * (float64(v) - c)
		}
	}
	corr /= perms * float64(n) * (float64(n)*float64(n) - 1) / 12 // mean Spearman correlation
	z := corr * math.Sqrt(float64((n-1)*perms))
	t.Label(fmt.Sprintf("Shuffle(%d, seed) for seeds 1…%d", n, perms))
	t.Mistake(fixed == 0, "biased-shuffle", fmt.Sprintf(
		"no element stayed in its place in %d permutations; uniform ones leave about one in place each (%d in all)", perms, perms))
	t.Mistake(math.Abs(z) > 5, "biased-shuffle", fmt.Sprintf(
		"where an element ends up depends on where it started: the rank correlation of position and value is %.3f on average, %.1f standard errors from the 0 of a uniform shuffle", corr, z))
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
		t.Label(fmt.Sprintf("the test-set size for m = %d, testFrac = %s (⌈testFrac·m⌉)", c.m, grader.Num(c.frac)))
		t.Mistake(floor != c.nTest && len(s.yTest) == floor, "test-size-floor",
			fmt.Sprintf("with m = %d and testFrac = %s your test set has %d rows, ⌊%s⌋; ⌈%s⌉ = %d",
				c.m, grader.Num(c.frac), len(s.yTest), grader.Num(c.frac*float64(c.m)), grader.Num(c.frac*float64(c.m)), c.nTest))
		if !t.Equal(len(s.yTest), c.nTest) {
			return
		}
		t.Label(fmt.Sprintf("the training-set size for m = %d, testFrac = %s (m − ⌈testFrac·m⌉)", c.m, grader.Num(c.frac)))
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
			t.Label(fmt.Sprintf("TrainTestSplit(iris, 0.2, %d)", seed))
			t.Mistake(true, "overlap-or-gap", c)
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
	t.Label("the test set of TrainTestSplit(iris, 0.2, 5)")
	if len(present) == 1 {
		for l := range present {
			t.Mistake(contiguous, "not-shuffled", fmt.Sprintf(
				"it holds only %s (%d rows), in the order of the file", classes[l], k))
			t.Fatalf("your test set holds only %s (%d rows): a shuffled split of iris has all three species", classes[l], k)
		}
	}
	t.Mistake(contiguous, "not-shuffled", "it is a block of consecutive rows of X, in order")
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
	t.True(!sameRows(a.Xtest, b.Xtest), "seeds 11 and 12 gave the same test set: shuffle with a generator seeded by seed")
}

// sameRows reports whether A and B hold the same rows, in any order.
func sameRows(A, B *mat.Dense) bool {
	keys := func(X *mat.Dense) []string {
		var ks []string
		for _, r := range rows(X) {
			ks = append(ks, key(r))
		}
		slices.Sort(ks)
		return ks
	}
	return slices.Equal(keys(A), keys(B))
}

func splitNotMutated(t *grader.T) {
	X, y, _ := iris()
	X, y = permuted(X, y, 13) // labels out of order, so that sorting them in place shows
	t.NotMutated("TrainTestSplit", X, y, 0.2, uint64(13))
}

// numbered returns an m×2 matrix whose column 0 is the row number (every row unique) and whose
// column 1 is the label, with the labels y.
func numbered(y []int) *mat.Dense {
	X := mat.NewDense(len(y), 2, nil)
	for i, l := range y {
		X.Set(i, 0, float64(i))
		X.Set(i, 1, float64(l))
	}
	return X
}

// smallSets checks sets of a single row and empty sets: gonum has no matrix of 0 rows, so the
// README asks for nil.
func smallSets(t *grader.T) {
	ten := []int{0, 1, 2, 0, 1, 2, 0, 1, 2, 0}
	for _, c := range []struct {
		frac  float64
		nTest int // ⌈frac·10⌉, by hand
	}{{0.1, 1}, {0.9, 9}} {
		X := numbered(ten)
		s := callSplit(t, "TrainTestSplit", X, ten, c.frac, 8)
		partition(t, "TrainTestSplit", X, ten, s, c.nTest)
	}
	// Four rows, the last of which a test fraction of 0.8 takes as well: ⌈3.2⌉ = 4.
	four := []int{2, 0, 1, 0}
	X := numbered(four)
	s := callSplit(t, "TrainTestSplit", X, four, 0.8, 8)
	partition(t, "TrainTestSplit", X, four, s, 4)
	t.True(s.Xtrain == nil, "TrainTestSplit(4 rows, 0.8) has an empty training set, which should be a nil matrix")
	// Two rows per class and testFrac 0.2: round(0.4) = 0 test rows of every class.
	six := []int{0, 1, 2, 2, 1, 0}
	X = numbered(six)
	s = callSplit(t, "StratifiedSplit", X, six, 0.2, 8)
	partition(t, "StratifiedSplit", X, six, s, 0)
	t.True(s.Xtest == nil, "StratifiedSplit(two rows of each of 3 classes, 0.2) has an empty test set, which should be a nil matrix")
}

// stratifiedCases are the test fractions of stratifiedShares, one per seed: for wine's 59, 71
// and 48 rows per class, each rounds some class's testFrac·m_c up and truncation would not.
var stratifiedCases = []struct {
	seed uint64
	frac float64
}{{1, 0.25}, {2, 0.3}, {3, 0.2}, {4, 0.25}, {5, 0.15}}

// stratifiedShares runs StratifiedSplit on wine with five seeds and fractions and checks each
// class's count in the test set against round(testFrac·m_c).
func stratifiedShares(t *grader.T) {
	d := datasets.Wine()
	X, y := d.X, d.Labels()
	counts := classCounts(y, len(d.Classes))
	for _, c := range stratifiedCases {
		s := callSplit(t, "StratifiedSplit", X, y, c.frac, c.seed)
		if c.seed == 1 {
			ref, err := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: c.frac, Seed: c.seed})
			if err != nil {
				t.Fatalf("internal: the reference split failed: %v", err)
			}
			t.Plot("Classes in the stratified test set", classBars(
				"Wine classes in the test set: StratifiedSplit(wine, 0.25, 1)", d.Classes,
				bars{"your test set", s.yTest}, bars{"stratified (mlkit)", data.Take(y, ref.Test)}))
		}
		checkShares(t, fmt.Sprintf("StratifiedSplit(wine, %s, %d)", grader.Num(c.frac), c.seed), X, y, s, c.frac, c.seed, counts, d.Classes)
	}
}

// checkShares compares the test count of each class with round(testFrac·m_c), naming the
// mistakes that explain a difference: the plain split, and truncating instead of rounding.
func checkShares(t *grader.T, call string, X *mat.Dense, y []int, s split, frac float64, seed uint64, counts []int, names []string) {
	got := classCounts(s.yTest, len(counts))
	for c, mc := range counts {
		want := int(math.Round(frac * float64(mc)))
		if got[c] == want {
			continue
		}
		msg := fmt.Sprintf("%s has %d of its %d rows in the test set, want round(%s·%d) = round(%s) = %d",
			names[c], got[c], mc, grader.Num(frac), mc, grader.Num(frac*float64(mc)), want)
		plain := callSplit(t, "TrainTestSplit", X, y, frac, seed)
		t.Label("the test set of " + call)
		t.Mistake(slices.Equal(plain.yTest, s.yTest) && mat.Equal(plain.Xtest, s.Xtest), "not-stratified",
			"it is the split TrainTestSplit returns: "+msg)
		truncated := true
		for k, mk := range counts {
			truncated = truncated && got[k] == int(frac*float64(mk))
		}
		t.Mistake(truncated, "test-size-floor", msg+": your count is ⌊"+grader.Num(frac*float64(mc))+"⌋")
		t.Fatalf("%s: %s", call, msg)
	}
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
	X, y := permuted(d.X, d.Labels(), 4) // labels out of order, so that sorting them in place shows
	r := t.NotMutated("StratifiedSplit", X, y, 0.3, uint64(4))
	partition(t, "StratifiedSplit", X, y, shapeOf(t, "StratifiedSplit", X, r), -1)
}

// stratifiedSeeded probes StratifiedSplit with the same seed many times, on wine's three classes
// in a mixed order, so that a split that follows Go's random map order shows; then with
// another seed, which must choose other test rows; then on numbered class-sorted rows, whose
// test rows must not be the first rows of each class.
func stratifiedSeeded(t *grader.T) {
	d := datasets.Wine()
	X, y := permuted(d.X, d.Labels(), 21)
	a := shapeOf(t, "StratifiedSplit", X, t.Deterministic("StratifiedSplit", X, y, 0.25, uint64(21)))
	b := callSplit(t, "StratifiedSplit", X, y, 0.25, 22)
	if sameRows(a.Xtest, b.Xtest) {
		t.Label("the test set of StratifiedSplit(wine, 0.25, 21)")
		t.Mistake(firstOfEachClass(X, y, a.Xtest), "not-shuffled", "seed 22 gives the same test set: the first rows of each class in X")
		t.Fatalf("seeds 21 and 22 gave the same test rows: choose each class's test rows with a generator seeded by seed")
	}
	sorted := []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2}
	N := numbered(sorted)
	s := callSplit(t, "StratifiedSplit", N, sorted, 0.3, 23)
	t.Label("the test set of StratifiedSplit(30 class-sorted rows, 0.3, 23)")
	t.Mistake(firstOfEachClass(N, sorted, s.Xtest), "not-shuffled", "it holds the first rows of each class, in the order of X")
}

// firstOfEachClass reports whether the test rows Xtest are, class by class, the first rows of
// that class in X: what a stratified split without a shuffle returns. A shuffled split picks
// the first k of a class of m_c rows with probability 1/C(m_c, k), and all classes at once with
// the product: for the checks' data, under 1e-6.
func firstOfEachClass(X *mat.Dense, y []int, Xtest *mat.Dense) bool {
	test := map[string]bool{}
	for _, r := range rows(Xtest) {
		test[key(r)] = true
	}
	if len(test) == 0 {
		return false
	}
	taken := map[int]int{} // test rows of each class
	for i, r := range rows(X) {
		if test[key(r)] {
			taken[y[i]]++
		}
	}
	seen := map[int]int{}
	for i, r := range rows(X) {
		if seen[y[i]] < taken[y[i]] && !test[key(r)] {
			return false
		}
		seen[y[i]]++
	}
	return true
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
