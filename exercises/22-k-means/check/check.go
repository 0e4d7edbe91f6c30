// Package check grades exercise 22, k-means: the assignment step and its inertia, the centroid
// update with its empty-cluster rule, Lloyd's algorithm, k-means++ seeding with random numbers
// the grader hands out, and the whole pipeline on the penguins.
//
// Expected values come from mlkit/cluster (Assign, Update, Lloyd, PlusPlus: the same rules,
// tested against scikit-learn 1.2.1) and mlkit/preprocess's StandardScaler, computed here on
// the same inputs; PlusPlus's random numbers come from a seeded PCG source in the grader, and
// the reference replays the same numbers. The mistakes are recognised from values: an inertia
// that sums distances, ties given to the last centroid, an empty cluster's centroid NaN or 0,
// centroids moved while rows are still being assigned, one step too many or too few, an
// inertia history without its first value, k-means++ drawing by D or by the distance to the
// last centre only, penguins clustered without scaling, and centroids left in standardised
// units.
package check

import (
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/cluster"
	"github.com/mlkata/mlkata/mlkit/datasets"
	mlplot "github.com/mlkata/mlkata/mlkit/plot"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "k-means",
		Title: "k-means clustering: Lloyd's algorithm, empty clusters and k-means++ seeding",
		Dir:   "exercises/22-k-means",
		Functions: []grader.Func{
			{Name: "Assign", Signature: "func(X, centroids *mat.Dense) (labels []int, inertia float64)"},
			{Name: "Update", Signature: "func(X *mat.Dense, labels []int, old *mat.Dense) *mat.Dense"},
			{Name: "Fit", Signature: "func(X, init *mat.Dense, maxIter int) (centroids *mat.Dense, labels []int, inertias []float64)"},
			{Name: "PlusPlus", Signature: "func(X *mat.Dense, k int, uniform func() float64) *mat.Dense"},
			{Name: "Cluster", Signature: "func(X *mat.Dense, k, maxIter int, uniform func() float64) (labels []int, centroids *mat.Dense)"},
		},
		Forbid: []string{"github.com/mlkata/mlkata/mlkit/cluster/..."},
		Checks: append([]grader.Check{
			{Name: "Assign: nearest centroid, ties to the lowest index, and the inertia (by hand)", Points: 1, Run: assignHand},
			{Name: "Assign on the standardised penguins", Points: 1, Run: assignPenguins},
			{Name: "Update: cluster means, and an empty cluster keeps its centroid", Points: 1, Run: updateCheck},
			{Name: "Fit on the standardised penguins: centroids, labels and the inertia per step", Points: 2, Run: fitPenguins},
			{Name: "Fit with an empty cluster: the inertia never increases", Points: 1, Run: fitEmpty},
			{Name: "PlusPlus: the draws by hand, and D² seeding on the penguins", Points: 2, Run: plusPlusCheck},
			{Name: "Cluster: standardise, seed and fit the penguins", Points: 2, Run: clusterPenguins},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"k-means alternates two steps that each lower the inertia J = Σᵢ ‖xᵢ − c(xᵢ)‖²: assign every row to its nearest centroid (with the centroids fixed), then move every centroid to the mean of its rows (with the labels fixed). Stop when an assignment changes nothing. k-means++ only chooses where to start: far-apart rows, drawn with probability proportional to the squared distance D².",
			"Keep the two steps apart: Assign reads the centroids and never changes them; Update builds new centroids from sums and counts, and copies old's row for a cluster whose count is 0 (0/0 is NaN). Compare squared distances with < so that the first of equal ones wins, and add the squared distance (not its root) to the inertia. In Cluster, standardise first: body mass in grams would otherwise decide every distance.",
			"Assign: for each row i, best := 0; for c := range k { if d := Σⱼ (X[i][j] − C[c][j])²; d < bestD { best, bestD = c, d } }; inertia += bestD. Update: sums[labels[i]] += X[i]; counts[labels[i]]++; row c = sums[c]/counts[c], or old[c] if counts[c] == 0. Fit: C := copy(init); labels, J := Assign(X, C); inertias := [J]; for s := 0; s < maxIter; s++ { C = Update(X, labels, C); next, J := Assign(X, C); append J; if next equals labels { labels = next; break }; labels = next }. PlusPlus: first := int(uniform()·m); d2[i] = ‖xᵢ − x_first‖²; then k − 1 times: target := uniform()·Σd2; the first i whose running sum of d2 is > target; d2[i] = min(d2[i], ‖xᵢ − x_new‖²).",
		},
		Mistakes: []grader.Mistake{
			{ID: unsquaredInertia, Hint: "The inertia is the sum of squared distances, Σᵢ ‖xᵢ − c(xᵢ)‖², the quantity Lloyd's two steps lower (the mean is what minimises a sum of squares). Do not take the square root: add the same squared distance you compared."},
			{ID: tiesToLast, Hint: "A row at the same distance from several centroids goes to the lowest index. Scan the centroids in order and replace the best only when a distance is strictly smaller (<, not <=)."},
			{ID: emptyClusterNaN, Hint: "A cluster with no rows has a sum of 0 and a count of 0, and 0/0 is NaN, which then spreads through every later step. When a count is 0, keep that cluster's old centroid (row c of old) instead of dividing."},
			{ID: emptyClusterZero, Hint: "A cluster with no rows keeps its old centroid: row c of old. Leaving the sum (0) in its place moves the centroid to the origin, which may steal rows on the next step for no reason."},
			{ID: inPlaceUpdate, Hint: "Lloyd's algorithm assigns every row with the same, fixed centroids, and only then moves them all. Moving a centroid as soon as a row joins it (a running mean) is a different algorithm (MacQueen's online k-means): its result depends on the row order. Let Assign only read the centroids, and let Update build a new matrix."},
			{ID: stopsOneLate, Hint: "Stop after the step whose labels equal the previous step's: its centroids are already the means of their clusters, so the next update would change nothing. Waiting until the centroids stop moving takes one more step and repeats the last inertia."},
			{ID: maxIterOffByOne, Hint: "maxIter counts updates: Fit takes at most maxIter steps (Update then Assign), so inertias has at most maxIter + 1 values, the first one before any step. A loop such as for s := 0; s < maxIter; s++ takes exactly maxIter."},
			{ID: historyMissingFirst, Hint: "inertias[0] is the inertia of init, before the first step: append Assign(X, init)'s inertia before the loop, then one value after each step."},
			{ID: plusPlusByD, Hint: "k-means++ draws each next centre with probability proportional to D², the squared distance to the nearest centre chosen so far, not to D. Squaring favours far rows much more, which is what makes the seeding spread out (and its guarantee, O(log k) of the best inertia, depends on it)."},
			{ID: plusPlusLastCentre, Hint: "D(x) is the distance from x to its nearest centre among all those chosen so far, not to the last one chosen. Keep d2[i] as a running minimum: after choosing a centre, d2[i] = min(d2[i], ‖xᵢ − new centre‖²)."},
			{ID: unscaledFeatures, Hint: "k-means measures distance across all columns, so a column with large numbers decides everything: the penguins' body mass (about 4,000 g, spread 800) swamps the bill depth (about 17 mm, spread 2). Standardise each column (subtract its mean, divide by its standard deviation) before seeding and fitting, as the README says."},
			{ID: scaledCentroids, Hint: "Cluster returns the centroids in X's own units, so that they can be read (\"cluster 2: 5,000 g, flippers of 217 mm\"): map each standardised centroid back, value·σⱼ + meanⱼ, which is the mean of the cluster's rows of X."},
		},
	}
}

// The mistakes the checks recognise.
const (
	unsquaredInertia    = "unsquared-inertia"
	tiesToLast          = "ties-to-last"
	emptyClusterNaN     = "empty-cluster-nan"
	emptyClusterZero    = "empty-cluster-zero"
	inPlaceUpdate       = "in-place-update"
	stopsOneLate        = "stops-one-late"
	maxIterOffByOne     = "max-iter-off-by-one"
	historyMissingFirst = "history-missing-first"
	plusPlusByD         = "plusplus-by-d"
	plusPlusLastCentre  = "plusplus-last-centre"
	unscaledFeatures    = "unscaled-features"
	scaledCentroids     = "scaled-centroids"
)

// tol is for inertias and centroids: sums of a few hundred squared differences, or means,
// computed in another order than the reference's.
var tol = grader.Rel(1e-9).PlusAbs(1e-12)

// penguinColumns are the four numeric measurements of penguins.csv.
var penguinColumns = []string{"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"}

// penguins returns the 342 penguins with all four measurements, raw and standardised (mean 0,
// population standard deviation 1 per column).
func penguins(t *grader.T) (raw, scaled *mat.Dense) {
	tab, err := datasets.Load("penguins")
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	tab, err = tab.DropMissing(penguinColumns...)
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	raw = mat.NewDense(tab.NumRows(), len(penguinColumns), nil)
	for j, name := range penguinColumns {
		c, err := tab.Column(name)
		if err != nil {
			t.Fatalf("internal: %v", err)
		}
		raw.SetCol(j, c.Floats)
	}
	var s preprocess.StandardScaler
	return raw, s.FitTransform(nil, raw)
}

// penguinYears returns the year of each of penguins' rows.
func penguinYears(t *grader.T) []float64 {
	tab, err := datasets.Load("penguins")
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	tab, err = tab.DropMissing(penguinColumns...)
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	c, err := tab.Column("year")
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	return c.Floats
}

// takeRows returns the rows idx of X as a new matrix.
func takeRows(X *mat.Dense, idx ...int) *mat.Dense {
	_, n := X.Dims()
	out := mat.NewDense(len(idx), n, nil)
	for r, i := range idx {
		out.SetRow(r, X.RawRowView(i))
	}
	return out
}

func dims(M *mat.Dense) (int, int) {
	if M == nil {
		return 0, 0
	}
	return M.Dims()
}

// formatMatrix prints a small matrix row by row: [[1 0] [0 1]].
func formatMatrix(M *mat.Dense) string {
	if M == nil {
		return "nil"
	}
	r, _ := M.Dims()
	rows := make([]string, r)
	for i := range r {
		rows[i] = grader.Nums(mat.Row(nil, i, M))
	}
	return fmt.Sprint(rows)
}

// allOf reports whether f holds for every value of v.
func allOf(v []float64, f func(float64) bool) bool {
	return !slices.ContainsFunc(v, func(x float64) bool { return !f(x) })
}

// near reports whether two matrices have the same shape and are within tol.
func near(got, want *mat.Dense) bool {
	if got == nil || want == nil {
		return got == want
	}
	return grader.NearMatrix(got, want, tol)
}

// sqDist returns ‖a − b‖².
func sqDist(a, b []float64) float64 { return cluster.SquaredDistance(a, b) }

// assignVariants returns the labels with ties to the last index and the sum of the unsquared
// distances to the nearest centroid.
func assignVariants(X, C *mat.Dense) (lastLabels []int, unsquared float64) {
	m, _ := X.Dims()
	k, _ := C.Dims()
	lastLabels = make([]int, m)
	for i := range m {
		best, bestD := 0, math.Inf(1)
		for c := range k {
			if d := sqDist(X.RawRowView(i), C.RawRowView(c)); d <= bestD {
				best, bestD = c, d
			}
		}
		lastLabels[i] = best
		unsquared += math.Sqrt(bestD)
	}
	return lastLabels, unsquared
}

// checkAssign compares Assign(X, C) with the reference and returns the learner's labels.
func checkAssign(t *grader.T, X, C *mat.Dense, what string) []int {
	r := t.Call("Assign", X, C)
	labels, inertia := r.Ints(), r.Out(1).Float()
	want, wantInertia := cluster.Assign(nil, X, C)
	last, unsquared := assignVariants(X, C)
	if !slices.Equal(labels, want) {
		t.Mistake(slices.Equal(labels, last) && !slices.Equal(last, want), tiesToLast,
			fmt.Sprintf("on %s your labels differ from the reference's exactly on the %d rows at the same distance from two centroids, where yours take the higher index", what, differ(want, last)))
	}
	if !grader.Near(inertia, wantInertia, tol) {
		t.Mistake(grader.Near(inertia, unsquared, tol), unsquaredInertia,
			fmt.Sprintf("your inertia %s is the sum of the distances to the nearest centroid; the sum of their squares is %s", grader.Num(inertia), grader.Num(wantInertia)))
	}
	if equalLabels(t, labels, want, fmt.Sprintf("the labels Assign returned on %s", what)) {
		t.Label(fmt.Sprintf("the inertia Assign returned on %s", what))
		t.Close(inertia, wantInertia, tol)
	}
	return labels
}

// equalLabels checks that the labels equal the reference's. A short list is compared whole;
// for a long one the message says how many labels differ and shows the first few.
func equalLabels(t *grader.T, got, want []int, what string) bool {
	t.Label(what)
	if len(want) <= 12 {
		return t.Equal(got, want)
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d labels, want one per row of X, %d", what, len(got), len(want))
		return false
	}
	var rows []string
	n := 0
	for i := range want {
		if got[i] != want[i] {
			n++
			if len(rows) < 5 {
				rows = append(rows, fmt.Sprintf("row %d is in cluster %d, want %d", i, got[i], want[i]))
			}
		}
	}
	return t.True(n == 0, "%s: %d of %d labels differ from the reference's; the first: %s", what, n, len(want), strings.Join(rows, "; "))
}

// differ counts the positions where a and b differ.
func differ(a, b []int) int {
	n := 0
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n + max(len(a), len(b)) - min(len(a), len(b))
}

func assignHand(t *grader.T) {
	// Centroids (0, 0), (2, 0), (4, 4). By hand, squared distances to c0, c1, c2:
	//   (1, 0):  1, 1, 25 → tie of c0 and c1 → 0, adds 1
	//   (3, 2):  13, 5, 5 → tie of c1 and c2 → 1, adds 5
	//   (0, 1):  1, 5, 25 → 0, adds 1
	//   (4, 5):  41, 29, 1 → 2, adds 1
	//   (2, −1): 5, 1, 29 → 1, adds 1
	// labels [0 1 0 2 1], inertia 9 (the distances would sum to 4 + √5 ≈ 6.24).
	X := mat.NewDense(5, 2, []float64{1, 0, 3, 2, 0, 1, 4, 5, 2, -1})
	C := mat.NewDense(3, 2, []float64{0, 0, 2, 0, 4, 4})
	checkAssign(t, X, C, "X = [[1 0] [3 2] [0 1] [4 5] [2 −1]] with centroids [[0 0] [2 0] [4 4]] (rows 0 and 1 are at the same distance from two centroids)")
}

func assignPenguins(t *grader.T) {
	_, Z := penguins(t)
	checkAssign(t, Z, takeRows(Z, 0, 100, 200), "the standardised penguins with rows 0, 100 and 200 as centroids")
	checkAssign(t, Z, takeRows(Z, 5, 60, 150, 220, 300), "the standardised penguins with rows 5, 60, 150, 220 and 300 as centroids")
}

// checkUpdate compares Update(X, labels, old) with the reference.
func checkUpdate(t *grader.T, X *mat.Dense, labels []int, old *mat.Dense, what string) {
	got := t.Call("Update", X, labels, old).Dense()
	want := cluster.Update(nil, X, labels, old)
	k, _ := old.Dims()
	counts := make([]int, k)
	for _, c := range labels {
		counts[c]++
	}
	if !near(got, want) && got != nil {
		if r, c := got.Dims(); r == k && c > 0 {
			for e := range k {
				if counts[e] > 0 {
					continue
				}
				row := got.RawRowView(e)
				t.Mistake(slices.ContainsFunc(row, math.IsNaN), emptyClusterNaN,
					fmt.Sprintf("no row is labelled %d, and your centroid %d is %s; it should stay %s", e, e, grader.Nums(row), grader.Nums(old.RawRowView(e))))
				isZero := func(v float64) bool { return v == 0 }
				t.Mistake(!allOf(old.RawRowView(e), isZero) && allOf(row, isZero), emptyClusterZero,
					fmt.Sprintf("no row is labelled %d, and your centroid %d is %s; it should stay %s", e, e, grader.Nums(row), grader.Nums(old.RawRowView(e))))
			}
		}
	}
	t.Label(fmt.Sprintf("Update on %s", what))
	t.CloseMatrix(got, want, tol)
}

func updateCheck(t *grader.T) {
	// The example of the Assign check, labels [0 1 0 2 1], and a fourth centroid (9, 9) that no
	// row is labelled with. By hand: cluster 0 = (1, 0), (0, 1) → (0.5, 0.5); cluster 1 = (3, 2),
	// (2, −1) → (2.5, 0.5); cluster 2 = (4, 5) → (4, 5); cluster 3 is empty → stays (9, 9).
	X := mat.NewDense(5, 2, []float64{1, 0, 3, 2, 0, 1, 4, 5, 2, -1})
	old := mat.NewDense(4, 2, []float64{0, 0, 2, 0, 4, 4, 9, 9})
	checkUpdate(t, X, []int{0, 1, 0, 2, 1}, old, "X = [[1 0] [3 2] [0 1] [4 5] [2 −1]], labels [0 1 0 2 1] and old = [[0 0] [2 0] [4 4] [9 9]] (cluster 3 is empty: it keeps [9 9])")
	_, Z := penguins(t)
	init := takeRows(Z, 0, 100, 200, 300)
	labels, _ := cluster.Assign(nil, Z, init)
	for i := range labels {
		if labels[i] == 1 { // empty cluster 1: its rows go to cluster 0
			labels[i] = 0
		}
	}
	checkUpdate(t, Z, labels, init, "the standardised penguins with the labels of rows 0, 100, 200 and 300 as centroids, cluster 1's rows moved to cluster 0 (cluster 1 is empty)")
}

// inPlaceFit is Fit with each centroid moved as soon as a row joins it: in each pass, row i
// goes to its nearest centroid as it stands, and that centroid becomes the running mean of the
// rows that joined it in this pass (the first one replaces it). The pass ends with the same
// test as Fit: stop when no label changed.
func inPlaceFit(X, init *mat.Dense, maxIter int) *mat.Dense {
	C := mat.DenseCopyOf(init)
	m, _ := X.Dims()
	k, _ := C.Dims()
	labels, _ := cluster.Assign(nil, X, C)
	for range maxIter {
		counts := make([]int, k)
		next := make([]int, m)
		for i := range m {
			x := X.RawRowView(i)
			best, bestD := 0, math.Inf(1)
			for c := range k {
				if d := sqDist(x, C.RawRowView(c)); d < bestD {
					best, bestD = c, d
				}
			}
			next[i] = best
			counts[best]++
			row := C.RawRowView(best)
			for j := range row {
				row[j] += (x[j] - row[j]) / float64(counts[best])
			}
		}
		same := slices.Equal(next, labels)
		labels = next
		if same {
			break
		}
	}
	return C
}

// fitResult is what Fit returned.
type fitResult struct {
	C        *mat.Dense
	labels   []int
	inertias []float64
}

// checkFit runs Fit and compares it with cluster.Lloyd; it returns the learner's and the
// reference's results.
func checkFit(t *grader.T, X, init *mat.Dense, maxIter int, what string) (fitResult, *cluster.Result) {
	r := t.Call("Fit", X, init, maxIter)
	got := fitResult{C: r.Dense(), labels: r.Out(1).Ints(), inertias: r.Out(2).Floats()}
	want := cluster.Lloyd(X, init, maxIter)
	call := fmt.Sprintf("Fit(%s, maxIter = %d)", what, maxIter)
	fitMistakes(t, X, init, maxIter, got, want, call)
	m, _ := X.Dims()
	if maxIter == 0 && (len(got.labels) != m || len(got.inertias) != 1) {
		t.Fatalf("%s returned %d labels and %d inertias: with maxIter = 0 Fit takes no step, and still returns init, Assign(X, init)'s %d labels, and one inertia, init's", call, len(got.labels), len(got.inertias), m)
	}
	t.Label(fmt.Sprintf("the centroids of %s", call))
	ok := t.CloseMatrix(got.C, want.Centroids, tol)
	ok = equalLabels(t, got.labels, want.Labels, fmt.Sprintf("the labels of %s", call)) && ok
	t.Label(fmt.Sprintf("the inertias of %s (inertias[s] after s steps; the reference took %d steps)", call, want.Iter))
	if t.CloseSlice(got.inertias, want.Inertia, tol) && ok {
		return got, want
	}
	for s := 1; s < len(got.inertias); s++ {
		if got.inertias[s] > got.inertias[s-1]*(1+1e-9) {
			t.Logf("your inertia rose at step %d, from %s to %s: Lloyd's steps can never raise it (each row moves to a nearer centroid, each centroid to its cluster's mean): look at Update and at how Fit chains the steps", s, grader.Num(got.inertias[s-1]), grader.Num(got.inertias[s]))
			break
		}
	}
	return got, want
}

// fitMistakes names the mistake a wrong Fit result matches.
func fitMistakes(t *grader.T, X, init *mat.Dense, maxIter int, got fitResult, want *cluster.Result, call string) {
	if near(got.C, want.Centroids) && slices.Equal(got.labels, want.Labels) && grader.NearSlice(got.inertias, want.Inertia, tol) {
		return
	}
	k, _ := init.Dims()
	for c := range k {
		if r, _ := dims(got.C); r == k && slices.ContainsFunc(got.C.RawRowView(c), math.IsNaN) && !slices.ContainsFunc(want.Centroids.RawRowView(c), math.IsNaN) {
			t.Mistake(!slices.Contains(want.Labels, c), emptyClusterNaN,
				fmt.Sprintf("cluster %d of %s is empty, and your centroid %d is %s; it should keep %s", c, call, c, grader.Nums(got.C.RawRowView(c)), grader.Nums(want.Centroids.RawRowView(c))))
		}
	}
	n := len(want.Inertia)
	late := append(slices.Clone(want.Inertia), want.Inertia[n-1])
	t.Mistake(want.Converged && len(got.inertias) == n+1 && grader.NearSlice(got.inertias, late, tol), stopsOneLate,
		fmt.Sprintf("the reference's labels stopped changing at step %d and it stops there; your inertias go on for one more step, repeating %s", want.Iter, grader.Num(want.Inertia[n-1])))
	t.Mistake(n > 1 && grader.NearSlice(got.inertias, want.Inertia[1:], tol), historyMissingFirst,
		fmt.Sprintf("your inertias are the reference's without inertias[0] = %s, the inertia of init", grader.Num(want.Inertia[0])))
	if !want.Converged {
		for _, d := range []int{-1, 1} {
			if maxIter+d < 0 {
				continue
			}
			o := cluster.Lloyd(X, init, maxIter+d)
			if o.Iter == want.Iter {
				continue
			}
			t.Mistake(near(got.C, o.Centroids) && grader.NearSlice(got.inertias, o.Inertia, tol), maxIterOffByOne,
				fmt.Sprintf("with maxIter = %d Fit must take %d steps; yours took %d (%d inertias)", maxIter, maxIter, len(got.inertias)-1, len(got.inertias)))
		}
	}
	if ip := inPlaceFit(X, init, maxIter); !near(ip, want.Centroids) {
		t.Mistake(near(got.C, ip), inPlaceUpdate,
			fmt.Sprintf("the centroids of %s are what moving each centroid while the rows are being assigned gives", call))
	}
}

func fitPenguins(t *grader.T) {
	_, Z := penguins(t)
	init3 := takeRows(Z, 0, 100, 200)
	checkFit(t, Z, init3, 0, "the standardised penguins, init = rows 0, 100 and 200")
	checkFit(t, Z, init3, 2, "the standardised penguins, init = rows 0, 100 and 200")
	checkFit(t, Z, init3, 100, "the standardised penguins, init = rows 0, 100 and 200")
	init5 := takeRows(Z, 0, 50, 150, 250, 300)
	got, want := checkFit(t, Z, init5, 100, "the standardised penguins, init = rows 0, 50, 150, 250 and 300")
	runs := []mlplot.Line{{Name: fmt.Sprintf("reference (%d steps)", want.Iter), Y: want.Inertia}}
	if len(got.inertias) > 0 && !slices.ContainsFunc(got.inertias, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }) {
		runs = append(runs, mlplot.Line{Name: fmt.Sprintf("yours (%d steps)", len(got.inertias)-1), Y: got.inertias, Style: mlplot.Style{Dash: mlplot.Dashed}})
	}
	if p, err := mlplot.LossCurves("Inertia per step of Lloyd's algorithm (standardised penguins, k = 5)", mlplot.Linear, runs...); err == nil {
		p.X.Label.Text = "step"
		p.Y.Label.Text = "inertia (sum of squared distances)"
		t.Plot("Inertia per step", p)
	}
}

// blobs returns k Gaussian blobs of size points each in d dimensions around centres drawn in
// [−spread, spread]ᵈ, standard deviation 1, the rows interleaved (row i belongs to blob i mod k).
func blobs(rng *rand.Rand, k, d, size int, spread float64) *mat.Dense {
	centres := make([][]float64, k)
	for c := range centres {
		centres[c] = make([]float64, d)
		for j := range d {
			centres[c][j] = spread * (2*rng.Float64() - 1)
		}
	}
	X := mat.NewDense(k*size, d, nil)
	for i := range k * size {
		for j := range d {
			X.Set(i, j, centres[i%k][j]+rng.NormFloat64())
		}
	}
	return X
}

// withFar returns init with one more row, far from every row of X: a centroid no row is ever
// nearest to, so its cluster stays empty.
func withFar(init *mat.Dense, far float64) *mat.Dense {
	k, d := init.Dims()
	out := mat.NewDense(k+1, d, nil)
	out.Copy(init)
	for j := range d {
		out.Set(k, j, far)
	}
	return out
}

// checkNeverRises checks that the learner's own inertias never rise.
func checkNeverRises(t *grader.T, inertias []float64, what string) {
	for s := 1; s < len(inertias); s++ {
		if !t.True(inertias[s] <= inertias[s-1]*(1+1e-9),
			"your inertia rose at step %d of %s, from %s to %s: it can never rise, since each row moves to a nearer centroid and each centroid to its cluster's mean", s, what, grader.Num(inertias[s-1]), grader.Num(inertias[s])) {
			return
		}
	}
}

func fitEmpty(t *grader.T) {
	// Synthetic data: with rows of the data as init, the penguins never leave a cluster empty.
	// Three blobs of 40 points in 2-D (seeded), the first three rows as centroids, and a fourth
	// centroid at (50, 50), farther than any row: its cluster is empty at every step.
	X := blobs(rand.New(rand.NewPCG(22, 1)), 3, 2, 40, 6)
	init := withFar(takeRows(X, 0, 1, 2), 50)
	got, _ := checkFit(t, X, init, 100, "three seeded blobs, init = rows 0, 1, 2 and the far point (50, 50)")
	checkNeverRises(t, got.inertias, "Fit on the three blobs")
	// Two equal centroids: every row at the same distance from both goes to the first, so the
	// second's cluster is empty from the start, and it must keep its place.
	init = takeRows(X, 0, 0, 1)
	got, _ = checkFit(t, X, init, 100, "three seeded blobs, init = rows 0, 0 and 1 (two equal centroids: the second's cluster is empty)")
	checkNeverRises(t, got.inertias, "Fit on the three blobs with two equal centroids")
}

// stream returns a source of uniform numbers in [0, 1) from seed, and a counter of its calls.
func stream(seed uint64) (func() float64, *int) {
	rng := rand.New(rand.NewPCG(seed, 22))
	n := new(int)
	return func() float64 { *n++; return rng.Float64() }, n
}

// replay returns a uniform() that hands out the values in order, then 0.
func replay(u ...float64) (func() float64, *int) {
	n := new(int)
	return func() float64 {
		*n++
		if *n <= len(u) {
			return u[*n-1]
		}
		return 0
	}, n
}

// plusPlusVariant chooses k rows by k-means++ with the wrong weights: D instead of D² (byD), or
// the squared distance to the last centre chosen instead of the nearest (lastOnly).
func plusPlusVariant(X *mat.Dense, k int, uniform func() float64, byD, lastOnly bool) *mat.Dense {
	m, n := X.Dims()
	C := mat.NewDense(k, n, nil)
	pick := min(int(uniform()*float64(m)), m-1)
	C.SetRow(0, X.RawRowView(pick))
	w := make([]float64, m)
	for i := range m {
		w[i] = math.Inf(1)
	}
	for c := 1; c < k; c++ {
		total := 0.0
		for i := range m {
			d := sqDist(X.RawRowView(i), X.RawRowView(pick))
			if byD {
				d = math.Sqrt(d)
			}
			if lastOnly {
				w[i] = d
			} else {
				w[i] = min(w[i], d)
			}
			total += w[i]
		}
		target := uniform() * total
		next, last, run := -1, 0, 0.0
		for i, d := range w {
			run += d
			if d > 0 {
				last = i
			}
			if run > target {
				next = i
				break
			}
		}
		if next < 0 {
			next = last
		}
		pick = next
		C.SetRow(c, X.RawRowView(pick))
	}
	return C
}

// checkPlusPlus calls PlusPlus(X, k, uniform) with numbers from newUniform (called twice: once
// for the learner, once for the reference and the mistakes, with the same numbers) and
// compares the result with cluster.PlusPlus.
func checkPlusPlus(t *grader.T, X *mat.Dense, k int, newUniform func() (func() float64, *int), what string) *mat.Dense {
	u, calls := newUniform()
	got := t.Call("PlusPlus", X, k, u).Dense()
	t.True(*calls == k, "PlusPlus(%s, k = %d) called uniform %d times, want exactly k = %d: one number for the first centroid, then one for each next one (and no other randomness)", what, k, *calls, k)
	ref := func() func() float64 { f, _ := newUniform(); return f }
	want := cluster.PlusPlus(X, k, ref())
	if !near(got, want) && *calls == k {
		byD := plusPlusVariant(X, k, ref(), true, false)
		last := plusPlusVariant(X, k, ref(), false, true)
		t.Mistake(near(got, byD) && !near(byD, want) && !near(byD, last), plusPlusByD,
			fmt.Sprintf("your centroids for %s are the rows drawn with probability proportional to D, not D²", what))
		t.Mistake(near(got, last) && !near(last, want) && !near(byD, last), plusPlusLastCentre,
			fmt.Sprintf("your centroids for %s are the rows drawn with D² measured to the last centre chosen, not the nearest", what))
	}
	t.Label(fmt.Sprintf("PlusPlus(%s, k = %d)", what, k))
	t.CloseMatrix(got, want, grader.Tol{})
	return got
}

func plusPlusCheck(t *grader.T) {
	// By hand, the points 0, 1, 3, 7 on a line and the numbers 0.3, 0.5, 0.2: u = 0.3 picks row
	// ⌊0.3·4⌋ = 1 (the point 1). D² = 1, 0, 4, 36, S = 41, u·S = 20.5: the running sums 1, 1,
	// 5, 41 first exceed it at row 3 (the point 7). D² = 1, 0, 4, 0, S = 5, u·S = 1: the running
	// sum at row 0 is 1, not greater, so row 2 (running sum 5): the point 3.
	X := mat.NewDense(4, 1, []float64{0, 1, 3, 7})
	checkPlusPlus(t, X, 3, func() (func() float64, *int) { return replay(0.3, 0.5, 0.2) },
		"X = [0 1 3 7] (one column), with uniform() returning 0.3, 0.5 and 0.2")
	// Fewer distinct rows than k: the points 5, 6, 5 and the numbers 0.5, 0.7, 0.4. u = 0.5 picks
	// row ⌊0.5·3⌋ = 1 (the 6); D² = 1, 0, 1, S = 2, u·S = 1.4: the running sums 1, 1, 2 first
	// exceed it at row 2 (a 5). Now every D² is 0, and the rule says row 0: centroids 6, 5, 5.
	checkPlusPlus(t, mat.NewDense(3, 1, []float64{5, 6, 5}), 3, func() (func() float64, *int) { return replay(0.5, 0.7, 0.4) },
		"X = [5 6 5] (one column; only two distinct rows for k = 3), with uniform() returning 0.5, 0.7 and 0.4")
	_, Z := penguins(t)
	for _, c := range []struct {
		k    int
		seed uint64
	}{{3, 1}, {6, 2}} {
		checkPlusPlus(t, Z, c.k, func() (func() float64, *int) { return stream(c.seed) },
			fmt.Sprintf("the standardised penguins, with uniform() from a seeded PCG source (seed %d)", c.seed))
	}
}

// clusterRef runs the reference pipeline: standardise, PlusPlus, Lloyd; it returns the labels,
// the centroids in X's units and in standardised units.
func clusterRef(X *mat.Dense, k, maxIter int, uniform func() float64) ([]int, *mat.Dense, *mat.Dense) {
	var s preprocess.StandardScaler
	Z := s.FitTransform(nil, X)
	r := cluster.Lloyd(Z, cluster.PlusPlus(Z, k, uniform), maxIter)
	return r.Labels, s.InverseTransform(nil, r.Centroids), r.Centroids
}

// checkCluster calls Cluster and compares it with the reference pipeline. show, if not nil,
// gets the learner's labels and centroids and the reference's before any comparison (to draw
// them even when a mistake ends the check).
func checkCluster(t *grader.T, X *mat.Dense, k, maxIter int, newUniform func() (func() float64, *int), what string, show func(labels []int, C *mat.Dense, wantLabels []int, wantC *mat.Dense)) {
	u, calls := newUniform()
	r := t.Call("Cluster", X, k, maxIter, u)
	labels, C := r.Ints(), r.Out(1).Dense()
	t.True(*calls == k, "Cluster(%s, k = %d) called uniform %d times, want k = %d (PlusPlus's numbers)", what, k, *calls, k)
	ref := func() func() float64 { f, _ := newUniform(); return f }
	wantLabels, wantC, wantScaled := clusterRef(X, k, maxIter, ref())
	if show != nil {
		show(labels, C, wantLabels, wantC)
	}
	if !slices.Equal(labels, wantLabels) {
		raw := cluster.Lloyd(X, cluster.PlusPlus(X, k, ref()), maxIter)
		t.Mistake(slices.Equal(labels, raw.Labels) && differ(raw.Labels, wantLabels) > 0, unscaledFeatures,
			fmt.Sprintf("your labels for %s are those of k-means on the raw columns, where the largest numbers decide every distance", what))
		t.Logf("Cluster is three steps: standardise each column, z = (x − mean)/σ (not a min–max scaling), then PlusPlus on the standardised rows, then Fit from its centroids. If PlusPlus and Fit pass their own checks, look at the scaling.")
	} else if !near(C, wantC) {
		t.Mistake(near(C, wantScaled), scaledCentroids,
			fmt.Sprintf("your centroids for %s are in standardised units (%s), not X's", what, formatMatrix(C)))
	}
	if equalLabels(t, labels, wantLabels, fmt.Sprintf("the labels of Cluster(%s, k = %d, maxIter = %d)", what, k, maxIter)) {
		t.Label(fmt.Sprintf("the centroids of Cluster(%s, k = %d, maxIter = %d), in X's units", what, k, maxIter))
		t.CloseMatrix(C, wantC, tol)
	}
}

func clusterPenguins(t *grader.T) {
	raw, Z := penguins(t)
	checkCluster(t, raw, 3, 100, func() (func() float64, *int) { return stream(3) },
		"the penguins' four raw measurements, uniform() from a seeded PCG source (seed 3)",
		func(labels []int, C *mat.Dense, wantLabels []int, wantC *mat.Dense) {
			plotClusters(t, raw, Z, labels, C, wantLabels, wantC)
		})
	// Two more columns: the year of the observation (2007 to 2009: a mean of 2008 and a spread
	// of 0.8, where a standard deviation computed around the wrong mean is far off), and a column
	// that is 2 on every row, whose standard deviation is 0: it is only centred (to 0
	// everywhere) and changes no distance.
	year := penguinYears(t)
	m, _ := raw.Dims()
	wide := mat.NewDense(m, 6, nil)
	for i := range m {
		wide.SetRow(i, append(slices.Clone(raw.RawRowView(i)), year[i], 2))
	}
	checkCluster(t, wide, 5, 100, func() (func() float64, *int) { return stream(4) },
		"the penguins' four raw measurements, the year and a constant column (2 on every row), uniform() from a seeded PCG source (seed 4)", nil)
}

// plotClusters draws the standardised bill length and flipper length of the penguins coloured
// by the learner's clusters and by the reference's, each with its centroids.
func plotClusters(t *grader.T, raw, Z *mat.Dense, labels []int, C *mat.Dense, wantLabels []int, wantC *mat.Dense) {
	const fx, fy = 0, 2 // bill length, flipper length
	m, _ := Z.Dims()
	var s preprocess.StandardScaler
	s.Fit(raw)
	scale := func(v float64, j int) float64 { return (v - s.Mean[j]) / s.Scale[j] }
	panel := func(title string, labels []int, C *mat.Dense, k int) *gplot.Plot {
		var pts []mlplot.Points
		for c := range k {
			p := mlplot.Points{Name: fmt.Sprintf("cluster %d", c)}
			for i := range m {
				if labels[i] == c {
					p.X = append(p.X, Z.At(i, fx))
					p.Y = append(p.Y, Z.At(i, fy))
				}
			}
			if len(p.X) > 0 {
				pts = append(pts, p)
			}
		}
		p, err := mlplot.Scatter(title, pts)
		if err != nil {
			return nil
		}
		var xy plotter.XYs
		for c := range k {
			x, y := scale(C.At(c, fx), fx), scale(C.At(c, fy), fy)
			if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
				continue
			}
			xy = append(xy, plotter.XY{X: x, Y: y})
		}
		if sc, err := plotter.NewScatter(xy); err == nil && len(xy) > 0 {
			sc.GlyphStyle.Shape = thickCross{}
			sc.GlyphStyle.Radius = vg.Points(8)
			sc.GlyphStyle.Color = color.Black
			p.Add(sc)
		}
		p.X.Label.Text = "bill length (standardised)"
		p.Y.Label.Text = "flipper length (standardised)"
		return p
	}
	k, _ := wantC.Dims()
	ref := panel("Reference: k-means++ and Lloyd on the standardised columns", wantLabels, wantC, k)
	var yours *gplot.Plot
	if r, c := dims(C); len(labels) == m && r == k && c == 4 && !slices.ContainsFunc(labels, func(l int) bool { return l < 0 || l >= k }) {
		yours = panel("Yours: Cluster(penguins, k = 3)", labels, C, k)
	}
	if ref == nil {
		return
	}
	if yours == nil {
		t.Plot("Penguin clusters", ref)
		return
	}
	t.Plot("Penguin clusters", mlplot.SideBySide("k-means on the penguins (k = 3) on two of the four standardised measurements; × marks the centroids", yours, ref))
}

// thickCross draws a centroid: an × with lines thick enough to see over the points.
type thickCross struct{}

func (thickCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(2.5)})
	r := sty.Radius * 0.7
	for _, s := range []vg.Length{1, -1} {
		p := make(vg.Path, 0, 2)
		p.Move(vg.Point{X: pt.X - r, Y: pt.Y - s*r})
		p.Line(vg.Point{X: pt.X + r, Y: pt.Y + s*r})
		c.Stroke(p)
	}
}

func notMutated(t *grader.T) {
	raw, Z := penguins(t)
	init := takeRows(Z, 3, 30, 300)
	labels, _ := cluster.Assign(nil, Z, init)
	t.NotMutated("Assign", Z, init)
	t.NotMutated("Update", Z, labels, init)
	t.NotMutated("Fit", Z, init, 5)
	u, _ := stream(5)
	t.NotMutated("PlusPlus", Z, 3, u)
	u, _ = stream(6)
	t.NotMutated("Cluster", raw, 3, 5, u)
}
