// Package check grades exercise 21, k-nearest-neighbours: Euclidean distances, the k nearest
// training rows of each query with distance ties broken by index, a majority vote with vote ties
// broken by the smallest label, and the choice of k by validation accuracy after standardising
// with the training rows' statistics.
//
// Expected values come from mlkit/neighbors (Distances, Classifier: the same tie rules as
// scikit-learn's KNeighborsClassifier(algorithm="brute"), which it is tested against) and
// mlkit/preprocess.StandardScaler. Real data is wine (178 wines, 13 measurements, proline in the
// hundreds to thousands); synthetic data on a small integer grid makes exact distance ties and
// vote ties common, so that the tie rules decide the answers. The mistakes are recognised by
// computing what each one gives on the same input: squared distances, neighbour lists one row
// too long or short, without the rows at distance 0, or with equally distant rows in another
// order; votes that break ties towards the largest label or the nearest neighbour's, or that
// count the labels of training rows 0…k−1 (the neighbour's rank used as its row); accuracies of
// unscaled features, of the training rows, of a scaler fitted on all rows, or of validation rows
// scaled with their own statistics; and the last best k instead of the first.
package check

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/datasets"
	"github.com/mlkata/mlkata/mlkit/neighbors"
	"github.com/mlkata/mlkata/mlkit/preprocess"
)

// Exercise returns the exercise's definition.
func Exercise() *grader.Exercise {
	return &grader.Exercise{
		Slug:  "k-nearest-neighbours",
		Title: "k-nearest neighbours: distances, a majority vote with stated ties, k chosen by validation",
		Dir:   "exercises/21-k-nearest-neighbours",
		Functions: []grader.Func{
			{Name: "Distances", Signature: "func(A, B *mat.Dense) *mat.Dense"},
			{Name: "Neighbors", Signature: "func(Xtrain, Xquery *mat.Dense, k int) [][]int"},
			{Name: "Predict", Signature: "func(Xtrain *mat.Dense, ytrain []int, Xquery *mat.Dense, k int) []int"},
			{Name: "ChooseK", Signature: "func(Xtrain *mat.Dense, ytrain []int, Xval *mat.Dense, yval []int, ks []int) (best int, acc []float64)"},
		},
		Forbid: []string{
			"github.com/mlkata/mlkata/mlkit/neighbors/...",
			"github.com/mlkata/mlkata/mlkit/preprocess/...",
			"github.com/mlkata/mlkata/mlkit/metrics/...",
		},
		Checks: append([]grader.Check{
			{Name: "Distances: Euclidean, one row per row of A", Points: 1, Run: distances},
			{Name: "Neighbors on a grid: equally distant rows lower index first", Points: 2, Run: neighborsGrid},
			{Name: "Neighbors on wine (standardised)", Points: 1, Run: neighborsWine},
			{Name: "Predict: vote ties go to the smallest label", Points: 2, Run: predictTies},
			{Name: "Predict on wine: raw features against standardised ones", Points: 1, Run: predictWine},
			{Name: "ChooseK on wine: validation accuracy for k = 1…25 and the best k", Points: 2, Run: chooseWine},
			{Name: "No function changes its inputs", Points: 1, Run: notMutated},
		}, hiddenChecks()...),
		Hints: []string{
			"k-NN has no training step: to classify a query, measure its distance to every training row, take the k nearest, and let their labels vote. Everything else is rules: which rows are nearest when distances tie (the lower index), who wins a tied vote (the smallest label), and on which features distances are measured (standardised ones, or the column with the biggest numbers decides alone).",
			"Neighbors: D := Distances(Xquery, Xtrain); for each query, sort the indices 0…m−1 by D[q][j] with a stable sort (sort.SliceStable or slices.SortStableFunc), so equal distances keep index order, and keep the first k. Predict: count votes[ytrain[r]] for r in the k rows, then scan the classes 0, 1, 2, … keeping the first with the most votes (>, not >=). ChooseK: standardise both sets with the training rows' means and population standard deviations, then score each k on the validation rows.",
			"for _, r := range nb[i] { votes[ytrain[r]]++ } — range gives the position first, so `for r := range nb[i]` would count rows 0…k−1. best := 0; for c := range votes { if votes[c] > votes[best] { best = c } }. In ChooseK: mean[j], sd[j] from Xtrain only; Z = (X − mean)/sd for Xtrain and Xval; acc[i] = (number of Predict(Ztrain, ytrain, Zval, ks[i]) equal to yval)/len(yval); keep k when acc[i] > bestAcc (strictly).",
		},
		Mistakes: []grader.Mistake{
			{ID: squaredDistances, Hint: "Your distances are the squared distances Σ(aₗ − bₗ)²: take the square root. (The neighbours come out the same, since √ keeps the order, but a distance is in the features' own units, and many uses — a radius, a weighted vote, a plot — need the real one.)"},
			{ID: kOffByOne, Hint: "Your neighbour lists hold one row too many or too few: a loop `for j := 0; j <= k; j++` visits k + 1 rows, `j < k-1` or starting at 1 visits k − 1. Keep exactly the first k of the sorted rows: order[:k]."},
			{ID: skippedSelf, Hint: "You left out the training rows at distance 0 from the query. A training row equal to the query is its nearest neighbour, and counts like any other (as in scikit-learn). Leaving the query itself out is right only when you score a model on its own training rows (leave-one-out), which is not what Neighbors or Predict do."},
			{ID: distanceTiesUnordered, Hint: "Your neighbours are at the right distances, but equally distant rows are not in index order. Ties decide which rows get in when several sit at the k-th distance, so the rule is stated: lower training index first. Use a stable sort of the indices 0…m−1 by distance (sort.SliceStable, slices.SortStableFunc); sort.Slice is not stable, and a selection loop with <= keeps the last of equals."},
			{ID: voteTieLargestLabel, Hint: "On a tied vote your Predict picks the largest of the tied labels: scanning the classes with `votes[c] >= votes[best]` moves to every later class that equals the best. Use > so that the first, smallest label with the most votes stays (scikit-learn's rule)."},
			{ID: voteTieNearest, Hint: "On a tied vote your Predict picks the label of the nearest neighbour among the tied classes. That is a sensible rule (and some libraries use it), but this exercise states another, scikit-learn's: the smallest of the tied labels. Count the votes per class, then scan the classes 0, 1, 2, … keeping the first with the most votes."},
			{ID: voteByPosition, Hint: "Your vote counts the labels of training rows 0…k−1 for every query: `for r := range nb` gives the positions 0…k−1 in the neighbour list, not the rows it holds. Write `for _, r := range nb` and count ytrain[r]."},
			{ID: unscaledFeatures, Hint: "Your ChooseK measures distances on the raw features. On wine, proline (278 to 1680) is hundreds of times bigger than every other column, so it alone decides who is near: the other 12 measurements are ignored. Standardise every column with the training rows' mean and population standard deviation, z = (x − mean)/sd, for the training and the validation rows alike, then run Predict on the standardised rows."},
			{ID: trainingAccuracy, Hint: "Your accuracies are measured on the training rows. There each row's nearest neighbour is itself, so k = 1 scores 100% and always wins, whatever it does on new data. Score each k on the validation rows: Predict(Ztrain, ytrain, Zval, k) against yval."},
			{ID: scalerFitOnAllRows, Hint: "Your means and standard deviations come from the training and the validation rows together. The validation rows stand for new data you do not have yet: letting them shape the scaling leaks them into the model, and the validation score is no longer an honest estimate. Compute the statistics from Xtrain alone, and apply them to both sets."},
			{ID: valOwnStatistics, Hint: "Your validation rows were standardised with their own means and standard deviations. The training rows define the scale: standardise Xval with the training rows' mean and sd, exactly as Xtrain, so a validation row lands where a training row with the same values would."},
			{ID: lastBestK, Hint: "When several k reach the best accuracy, yours returns the last of them; the rule is the first in ks (scikit-learn's GridSearchCV does the same). Keep a new k only when its accuracy is strictly higher: acc > bestAcc, not >=."},
		},
	}
}

// The mistakes the checks recognise.
const (
	squaredDistances      = "squared-distances"
	kOffByOne             = "k-off-by-one"
	skippedSelf           = "skipped-self"
	distanceTiesUnordered = "distance-ties-unordered"
	voteTieLargestLabel   = "vote-tie-largest-label"
	voteTieNearest        = "vote-tie-nearest"
	voteByPosition        = "vote-by-position"
	unscaledFeatures      = "unscaled-features"
	trainingAccuracy      = "training-accuracy"
	valOwnStatistics      = "val-own-statistics"
	scalerFitOnAllRows    = "scaler-fit-on-all-rows"
	lastBestK             = "last-best-k"
)

// tolDist is for distances: a sum of n squares and a square root, in any order.
var tolDist = grader.Rel(1e-12).PlusAbs(1e-12)

// tieRule is how a vote tie is broken: the exercise's rule and two mistakes.
type tieRule int

const (
	smallestLabel tieRule = iota
	largestLabel
	nearestLabel
)

// refNeighbors returns the reference's k nearest training rows of each query.
func refNeighbors(Xtrain, Xquery *mat.Dense, k int) [][]int {
	m, _ := Xtrain.Dims()
	y := make([]int, m) // the labels do not matter to the neighbours
	_, ind := (&neighbors.Classifier{K: k}).Fit(Xtrain, y).KNeighbors(Xquery)
	return ind
}

// refPredict returns the reference's predictions.
func refPredict(Xtrain *mat.Dense, ytrain []int, Xquery *mat.Dense, k int) []int {
	return (&neighbors.Classifier{K: k}).Fit(Xtrain, ytrain).Predict(Xquery)
}

// vote returns the label most common among rows, ties broken by rule (rows nearest first).
func vote(ytrain []int, rows []int, rule tieRule) int {
	votes := map[int]int{}
	most := 0
	for _, r := range rows {
		votes[ytrain[r]]++
		most = max(most, votes[ytrain[r]])
	}
	var tied []int
	for c, v := range votes {
		if v == most {
			tied = append(tied, c)
		}
	}
	slices.Sort(tied)
	switch rule {
	case largestLabel:
		return tied[len(tied)-1]
	case nearestLabel:
		for _, r := range rows {
			if slices.Contains(tied, ytrain[r]) {
				return ytrain[r]
			}
		}
	}
	return tied[0]
}

// votes returns the vote of each neighbour list under rule.
func votes(ytrain []int, nb [][]int, rule tieRule) []int {
	out := make([]int, len(nb))
	for i, rows := range nb {
		out[i] = vote(ytrain, rows, rule)
	}
	return out
}

// withoutZero returns the k nearest training rows of each query among those at a distance > 0
// from it (the mistake skipped-self), or nil if some query has fewer than k such rows.
func withoutZero(Xtrain, Xquery *mat.Dense, k int) [][]int {
	D := neighbors.Distances(nil, Xquery, Xtrain)
	q, m := D.Dims()
	out := make([][]int, q)
	for i := range q {
		order := make([]int, 0, m)
		for j := range m {
			if D.At(i, j) > 0 {
				order = append(order, j)
			}
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmpf(D.At(i, a), D.At(i, b)) })
		if len(order) < k {
			return nil
		}
		out[i] = order[:k]
	}
	return out
}

func cmpf(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// grid returns m training rows and q query rows with integer coordinates in 0…side−1 (so many
// distances are exactly equal, and many queries sit exactly on training rows), and m labels in
// 0…classes−1. Real data rarely has exact ties; this data makes the tie rules decide.
func grid(rng *rand.Rand, m, q, side, classes int) (Xtrain *mat.Dense, y []int, Xquery *mat.Dense) {
	Xtrain, Xquery = mat.NewDense(m, 2, nil), mat.NewDense(q, 2, nil)
	y = make([]int, m)
	for i := range m {
		Xtrain.SetRow(i, []float64{float64(rng.IntN(side)), float64(rng.IntN(side))})
		y[i] = rng.IntN(classes)
	}
	for i := range q {
		Xquery.SetRow(i, []float64{float64(rng.IntN(side)), float64(rng.IntN(side))})
	}
	return Xtrain, y, Xquery
}

// visibleGrid is the visible grid: 40 training points on a 4 × 4 grid, 3 classes, 30 queries.
func visibleGrid() (*mat.Dense, []int, *mat.Dense) {
	return grid(rand.New(rand.NewPCG(2026, 21)), 40, 30, 4, 3)
}

// wineSplit returns wine split into training and validation rows (stratified), raw.
func wineSplit(fraction float64, seed uint64) (Xtr *mat.Dense, ytr []int, Xva *mat.Dense, yva []int, err error) {
	w := datasets.Wine()
	y := w.Labels()
	s, err := data.StratifiedTrainTestSplit(y, data.SplitOptions{TestFraction: fraction, Seed: seed})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return data.TakeRows(w.X, s.Train), data.Take(y, s.Train), data.TakeRows(w.X, s.Test), data.Take(y, s.Test), nil
}

// standardised returns Xtrain and Xquery standardised with Xtrain's statistics.
func standardised(Xtrain, Xquery *mat.Dense) (*mat.Dense, *mat.Dense) {
	var sc preprocess.StandardScaler
	return sc.FitTransform(nil, Xtrain), sc.Transform(nil, Xquery)
}

func distances(t *grader.T) {
	// By hand: ‖(0,0) − (3,4)‖ = 5, ‖(0,0) − (6,8)‖ = 10, ‖(3,4) − (6,8)‖ = 5.
	A := mat.NewDense(2, 2, []float64{0, 0, 3, 4})
	B := mat.NewDense(3, 2, []float64{3, 4, 0, 0, 6, 8})
	checkDistances(t, A, B, "A = [[0 0] [3 4]], B = [[3 4] [0 0] [6 8]] (want [[5 0 10] [0 5 5]])")
	Xtr, _, Xva, _, err := wineSplit(0.4, 21)
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	checkDistances(t, data.TakeRows(Xva, []int{0, 1, 2, 3, 4}), Xtr, "5 wine validation rows against the 106 training rows (raw)")
}

// checkDistances compares Distances(A, B) with the reference.
func checkDistances(t *grader.T, A, B *mat.Dense, what string) {
	got := t.Call("Distances", A, B).Dense()
	want := neighbors.Distances(nil, A, B)
	ra, _ := A.Dims()
	rb, _ := B.Dims()
	if got == nil {
		t.Fatalf("Distances(%s) returned nil, want a %d × %d matrix", what, ra, rb)
	}
	if r, c := got.Dims(); r != ra || c != rb {
		t.Fatalf("Distances(%s) is %d × %d, want %d × %d: one row per row of A, one column per row of B", what, r, c, ra, rb)
	}
	var sq mat.Dense
	sq.MulElem(want, want)
	t.Mistake(!grader.NearMatrix(got, want, tolDist) && grader.NearMatrix(got, &sq, tolDist), squaredDistances,
		fmt.Sprintf("D[0][0] = %s, the square of %s", grader.Num(got.At(0, 0)), grader.Num(want.At(0, 0))))
	t.Label("Distances(" + what + ")")
	t.CloseMatrix(got, want, tolDist)
}

// checkNeighbors compares Neighbors(Xtrain, Xquery, k) with the reference and names the
// mistakes it recognises. It reports whether they agree.
func checkNeighbors(t *grader.T, Xtrain, Xquery *mat.Dense, k int, what string) bool {
	var got [][]int
	t.Call("Neighbors", Xtrain, Xquery, k).Decode(&got)
	want := refNeighbors(Xtrain, Xquery, k)
	t.Label(fmt.Sprintf("Neighbors(%s, k = %d)", what, k))
	if !t.True(len(got) == len(want), "Neighbors(%s, k = %d) returned %d lists for %d queries: one list per row of Xquery", what, k, len(got), len(want)) {
		return false
	}
	if slices.EqualFunc(got, want, slices.Equal) {
		return true
	}
	longer, shorter := true, true
	for i := range got {
		longer = longer && len(got[i]) == k+1
		shorter = shorter && len(got[i]) == k-1
	}
	t.Mistake(longer || shorter, kOffByOne, fmt.Sprintf("your lists hold %d rows for k = %d", len(got[0]), k))
	if wz := withoutZero(Xtrain, Xquery, k); wz != nil {
		t.Mistake(slices.EqualFunc(got, wz, slices.Equal), skippedSelf,
			fmt.Sprintf("query 0 is %s; your neighbours %v leave out the training rows at distance 0", grader.Nums(Xquery.RawRowView(0)), got[0]))
	}
	D := neighbors.Distances(nil, Xquery, Xtrain)
	m, _ := Xtrain.Dims()
	sameDistances, first := true, -1
	for i := range got {
		if len(got[i]) != k {
			sameDistances = false
			break
		}
		for j, r := range got[i] {
			if r < 0 || r >= m || D.At(i, r) != D.At(i, want[i][j]) {
				sameDistances = false
			}
		}
		if first < 0 && !slices.Equal(got[i], want[i]) {
			first = i
		}
	}
	if sameDistances && first >= 0 {
		d := make([]float64, k)
		for j, r := range want[first] {
			d[j] = D.At(first, r)
		}
		t.Mistake(true, distanceTiesUnordered,
			fmt.Sprintf("query %d: your neighbours %v, want %v, at distances %s", first, got[first], want[first], grader.Nums(d)))
	}
	for i := range got {
		if !slices.Equal(got[i], want[i]) {
			d := make([]float64, len(want[i]))
			for j, r := range want[i] {
				d[j] = D.At(i, r)
			}
			t.Errorf("Neighbors(%s, k = %d): query %d (%s) has neighbours %v, want %v (at distances %s; nearest first, equal distances lower index first)",
				what, k, i, grader.Nums(Xquery.RawRowView(i)), got[i], want[i], grader.Nums(d))
			return false
		}
	}
	return true
}

func neighborsGrid(t *grader.T) {
	Xtr, _, Xq := visibleGrid()
	for _, k := range []int{1, 3, 6} {
		checkNeighbors(t, Xtr, Xq, k, "the 4 × 4 grid")
	}
	// k = m: every training row, in order of distance.
	m, _ := Xtr.Dims()
	checkNeighbors(t, Xtr, Xq, m, "the 4 × 4 grid")
}

func neighborsWine(t *grader.T) {
	Xtr, _, Xva, _, err := wineSplit(0.4, 21)
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	Ztr, Zva := standardised(Xtr, Xva)
	checkNeighbors(t, Ztr, Zva, 5, "standardised wine, 106 training rows, 72 queries")
}

// checkPredict compares Predict with the reference and names the vote mistakes; it returns the
// learner's predictions.
func checkPredict(t *grader.T, Xtrain *mat.Dense, ytrain []int, Xquery *mat.Dense, k int, what string) []int {
	got := t.Call("Predict", Xtrain, ytrain, Xquery, k).Ints()
	nb := refNeighbors(Xtrain, Xquery, k)
	want := votes(ytrain, nb, smallestLabel)
	t.Label(fmt.Sprintf("Predict(%s, k = %d)", what, k))
	if len(got) == len(want) && !slices.Equal(got, want) {
		// Each fingerprint is named only when no other one gives the same answers (with k = 2,
		// for example, the nearest neighbour's label on a tie is the vote of k = 1), and the
		// same answer for every query needs several queries to say anything.
		pos := vote(ytrain, seq(k), smallestLabel)
		allPos := len(got) >= 5 && !slices.ContainsFunc(got, func(c int) bool { return c != pos })
		m, _ := Xtrain.Dims()
		offByOne := 0
		for _, kk := range []int{k - 1, k + 1} {
			if kk >= 1 && kk <= m && slices.Equal(got, refPredict(Xtrain, ytrain, Xquery, kk)) {
				offByOne = kk
			}
		}
		largest := slices.Equal(got, votes(ytrain, nb, largestLabel))
		nearest := slices.Equal(got, votes(ytrain, nb, nearestLabel))
		i := firstDiff(got, want)
		detail := fmt.Sprintf("query %d: the labels of its %d nearest rows, nearest first, are %v; you say %d, want %d", i, k, labelsOf(ytrain, nb[i]), got[i], want[i])
		only := func(flag bool) bool {
			n := 0
			for _, f := range []bool{allPos, offByOne > 0, largest, nearest} {
				if f {
					n++
				}
			}
			return flag && n == 1
		}
		t.Mistake(only(allPos), voteByPosition,
			fmt.Sprintf("every prediction is %d, the vote of training rows 0…%d (labels %v)", pos, k-1, ytrain[:k]))
		t.Mistake(only(offByOne > 0), kOffByOne,
			fmt.Sprintf("your predictions for k = %d are the votes of the %d nearest rows", k, offByOne))
		t.Mistake(only(largest), voteTieLargestLabel, detail)
		t.Mistake(only(nearest), voteTieNearest, detail)
		if i := firstDiff(got, want); i >= 0 {
			t.Errorf("Predict(%s, k = %d): query %d is %d, want %d (the labels of its %d nearest rows, nearest first: %v; the most common wins, the smallest label on a tie; if a Neighbors check fails too, fix that first)",
				what, k, i, got[i], want[i], k, labelsOf(ytrain, nb[i]))
			return got
		}
	}
	t.Equal(got, want)
	return got
}

func seq(k int) []int {
	s := make([]int, k)
	for i := range s {
		s[i] = i
	}
	return s
}

func labelsOf(y []int, rows []int) []int {
	out := make([]int, len(rows))
	for i, r := range rows {
		out[i] = y[r]
	}
	return out
}

func firstDiff(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

func predictTies(t *grader.T) {
	// By hand: training points on a line at 0, 1, 2, −1, −2 with labels 1 2 2 0 0, query 0.4.
	// Distances 0.4, 0.6, 1.6, 1.4, 2.4: the order is rows 0, 1, 3, 2, 4, labels 1, 2, 0, 2, 0.
	// k = 2 votes 1, 2: a tie, the smallest label 1 wins (the largest would be 2).
	// k = 3 votes 1, 2, 0: a three-way tie, 0 wins (the nearest row's label would be 1, the
	// largest 2).
	Xtr := mat.NewDense(5, 1, []float64{0, 1, 2, -1, -2})
	y := []int{1, 2, 2, 0, 0}
	q := mat.NewDense(1, 1, []float64{0.4})
	checkPredict(t, Xtr, y, q, 2, "points 0, 1, 2, −1, −2 with labels 1 2 2 0 0, query 0.4")
	checkPredict(t, Xtr, y, q, 3, "points 0, 1, 2, −1, −2 with labels 1 2 2 0 0, query 0.4")
	// k = 5 = m: all rows vote 1, 2, 0, 2, 0, and 0 and 2 tie: 0.
	checkPredict(t, Xtr, y, q, 5, "points 0, 1, 2, −1, −2 with labels 1 2 2 0 0, query 0.4")
	Xg, yg, Xq := visibleGrid()
	for _, k := range []int{2, 4, 6} {
		checkPredict(t, Xg, yg, Xq, k, "the 4 × 4 grid, 3 classes")
	}
}

// accuracy returns the fraction of pred equal to y.
func accuracy(y, pred []int) float64 {
	right := 0
	for i := range y {
		if i < len(pred) && pred[i] == y[i] {
			right++
		}
	}
	return float64(right) / float64(len(y))
}

func predictWine(t *grader.T) {
	Xtr, ytr, Xva, yva, err := wineSplit(0.4, 21)
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	const k = 5
	plotRegions(t, Xtr, ytr, k)
	raw := checkPredict(t, Xtr, ytr, Xva, k, "wine, raw features")
	Ztr, Zva := standardised(Xtr, Xva)
	scaled := checkPredict(t, Ztr, ytr, Zva, k, "wine, standardised")
	t.Logf("validation accuracy with k = %d: %.3f on the raw features, %.3f standardised (proline, in the hundreds to thousands, decides alone when the features are raw)",
		k, accuracy(yva, raw), accuracy(yva, scaled))
}

// checkChoose runs ChooseK and compares it with the reference; it names the mistakes it
// recognises. With plot, it first draws the learner's accuracies beside the reference's.
func checkChoose(t *grader.T, Xtr *mat.Dense, ytr []int, Xva *mat.Dense, yva []int, ks []int, what string, plot bool) {
	r := t.Call("ChooseK", Xtr, ytr, Xva, yva, ks)
	best, got := r.Int(), r.Out(1).Floats()
	Ztr, Zva := standardised(Xtr, Xva)
	wantBest, want := refChoose(Ztr, ytr, Zva, yva, ks)
	_, raw := refChoose(Xtr, ytr, Xva, yva, ks)
	_, train := refChoose(Ztr, ytr, Ztr, ytr, ks)
	if plot {
		plotAccuracy(t, ks, got, want, raw, train)
	}
	tol := grader.Abs(1e-12)
	t.Label(fmt.Sprintf("acc of ChooseK(%s, ks = %s)", what, ksString(ks)))
	if len(got) == len(ks) && !grader.NearSlice(got, want, tol) {
		i := 0
		for i < len(ks)-1 && grader.Near(got[i], want[i], tol) {
			i++
		}
		detail := func(whose string) string {
			return fmt.Sprintf("with k = %d your accuracy is %s, %s; the right one is %s", ks[i], grader.Num(got[i]), whose, grader.Num(want[i]))
		}
		t.Mistake(grader.NearSlice(got, raw, tol), unscaledFeatures, detail("that of the raw features"))
		t.Mistake(grader.NearSlice(got, train, tol), trainingAccuracy, detail("the accuracy on the training rows")+fmt.Sprintf(" (with k = %d on the training rows: %s)", ks[0], grader.Num(train[0])))
		var all preprocess.StandardScaler
		all.Fit(stack(Xtr, Xva))
		_, leaked := refChoose(all.Transform(nil, Xtr), ytr, all.Transform(nil, Xva), yva, ks)
		t.Mistake(grader.NearSlice(got, leaked, tol), scalerFitOnAllRows, detail("that of a scaler fitted on the training and validation rows together"))
		var own preprocess.StandardScaler
		_, selfScaled := refChoose(Ztr, ytr, own.FitTransform(nil, Xva), yva, ks)
		t.Mistake(grader.NearSlice(got, selfScaled, tol), valOwnStatistics, detail("that of validation rows standardised with their own statistics"))
	}
	ok := t.CloseSlice(got, want, tol)
	if !ok {
		t.Logf("if a Predict check fails too, fix that first: ChooseK's accuracies are only as right as the Predict it calls")
	}
	t.Label(fmt.Sprintf("best of ChooseK(%s, ks = %s) (best accuracy %s)", what, ksString(ks), grader.Num(slices.Max(want))))
	if ok && best != wantBest {
		t.Mistake(best == lastBest(ks, want), lastBestK,
			fmt.Sprintf("the best accuracy %s is reached by k = %s; you chose %d, want the first, %d", grader.Num(slices.Max(want)), ksString(bestKs(ks, want)), best, wantBest))
	}
	t.Equal(best, wantBest)
}

// refChoose returns the reference's validation accuracy for each k on rows already scaled,
// and the first k of highest accuracy. The neighbours are sorted once, for the largest k: the
// k nearest rows are the first k of them.
func refChoose(Xtr *mat.Dense, ytr []int, Xva *mat.Dense, yva []int, ks []int) (int, []float64) {
	_, nb := (&neighbors.Classifier{K: slices.Max(ks)}).Fit(Xtr, ytr).KNeighbors(Xva)
	acc := make([]float64, len(ks))
	best := 0
	pred := make([]int, len(yva))
	for i, k := range ks {
		for r := range pred {
			pred[r] = vote(ytr, nb[r][:k], smallestLabel)
		}
		acc[i] = accuracy(yva, pred)
		if acc[i] > acc[best] {
			best = i
		}
	}
	return ks[best], acc
}

func lastBest(ks []int, acc []float64) int {
	b := bestKs(ks, acc)
	return b[len(b)-1]
}

func bestKs(ks []int, acc []float64) []int {
	var out []int
	for i, a := range acc {
		if a == slices.Max(acc) {
			out = append(out, ks[i])
		}
	}
	return out
}

func ksString(ks []int) string {
	if len(ks) > 2 && ks[len(ks)-1]-ks[0] == len(ks)-1 {
		return fmt.Sprintf("%d…%d", ks[0], ks[len(ks)-1])
	}
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = fmt.Sprint(k)
	}
	return "[" + strings.Join(s, " ") + "]"
}

// stack returns the rows of a followed by the rows of b.
func stack(a, b *mat.Dense) *mat.Dense {
	var s mat.Dense
	s.Stack(a, b)
	return &s
}

func chooseWine(t *grader.T) {
	Xtr, ytr, Xva, yva, err := wineSplit(0.4, 21)
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	checkChoose(t, Xtr, ytr, Xva, yva, seq(26)[1:], "wine, 106 training rows, 72 validation rows", true)
	// A single candidate is the best one.
	checkChoose(t, Xtr, ytr, Xva, yva, []int{7}, "wine, 106 training rows, 72 validation rows", false)
}

func notMutated(t *grader.T) {
	Xtr, ytr, Xq := visibleGrid()
	t.NotMutated("Distances", Xq, Xtr)
	t.NotMutated("Neighbors", Xtr, Xq, 4)
	t.NotMutated("Predict", Xtr, ytr, Xq, 4)
	Xw, yw, Xv, yv, err := wineSplit(0.4, 21)
	if err != nil {
		t.Fatalf("internal: %v", err)
	}
	t.NotMutated("ChooseK", Xw, yw, Xv, yv, []int{5, 1, 3})
}
