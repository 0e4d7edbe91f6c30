package check

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mlkata/mlkata/grader"
)

// The visible pipelines' seeds.
const (
	seedDiabetes   = 2026
	seedQuakes     = 1973
	seedPenguins   = 2007
	seedAirShuffle = 320
	seedAirByTime  = 7
	seedClean      = 442
)

// callLeaks returns Leaks(p).
func callLeaks(t *grader.T, p pipeline) []leak {
	var got []leak
	t.Call("Leaks", p).Decode(&got)
	return got
}

// candidate is what one mistake gives as the evidence of a kind of leak.
type candidate[E comparable] struct {
	id       string
	evidence []E
	detail   string
}

// nameMistake names the mistake whose evidence equals got, when exactly one candidate does and
// its evidence differs from the right one.
func nameMistake[E comparable](t *grader.T, label string, got, want []E, cands []candidate[E]) {
	var match []candidate[E]
	for _, c := range cands {
		if !slices.Equal(c.evidence, want) && slices.Equal(c.evidence, got) {
			match = append(match, c)
		}
	}
	if len(match) == 1 {
		t.Label(label)
		t.Mistake(true, match[0].id, match[0].detail)
	}
}

// difference returns the elements of want missing from got and those of got not in want.
func difference[E comparable](got, want []E) (missing, extra []E) {
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			extra = append(extra, g)
		}
	}
	return missing, extra
}

// some returns the first few of xs, formatted by f, joined, with "…" when there are more.
func some[E any](xs []E, f func(E) string) string {
	const few = 4
	var parts []string
	for k, x := range xs {
		if k == few {
			parts = append(parts, fmt.Sprintf("and %d more", len(xs)-few))
			break
		}
		parts = append(parts, f(x))
	}
	return strings.Join(parts, "; ")
}

// ofKind returns the leaks of the given kind in got, failing the check if there are several.
func ofKind(t *grader.T, p pipeline, got []leak, kind string) leak {
	var found []leak
	for _, l := range got {
		if l.Kind == kind {
			found = append(found, l)
		}
	}
	if len(found) > 1 {
		t.Fatalf("Leaks(%s) reports %d leaks of the kind %s: want one, holding all the evidence of that kind", p, len(found), kind)
	}
	if len(found) == 0 {
		return leak{Kind: kind}
	}
	return found[0]
}

// checkKind compares the evidence of one kind of leak in got with the reference's, naming the
// mistake that gives the learner's evidence, and explaining the difference otherwise.
func checkKind(t *grader.T, p pipeline, got []leak, kind string) {
	g := ofKind(t, p, got, kind)
	label := fmt.Sprintf("the %s evidence of Leaks(%s)", kind, p)
	switch kind {
	case targetLeak:
		checkColumns(t, p, label, g.Columns, targetLeakCandidates(p, len(g.Columns)), describeCorrelation(p))
	case futureFeature:
		checkColumns(t, p, label, g.Columns, futureCandidates(p), describeWindow(p))
	case fitOnTest:
		want := stepsFittedOn(p, p.seesTest)
		nameMistake(t, label, g.Steps, want, []candidate[int]{{fitOnAllOnly, stepsFittedOn(p, p.coversAll),
			"you flagged only the steps whose FitRows are every row of the data"}})
		if !slices.Equal(g.Steps, want) {
			missing, extra := difference(g.Steps, want)
			t.Fatalf("Leaks(%s) reports the FitOnTest steps %v, want %v. %s", p, g.Steps, want, explainSteps(p, missing, extra))
		}
	case duplicateRows:
		want := crossDuplicates(p.Data, p.Train, p.Test)
		nameMistake(t, label, g.Rows, want, []candidate[int]{
			{duplicatesByIndex, inBoth(p), "you reported only the indices listed in both Train and Test, not the test rows whose values repeat another training row"},
			{duplicatesIgnoreSplit, repeatedInTable(p.Data), "you reported every row that repeats an earlier row of the table, in whichever set"},
		})
		if !slices.Equal(g.Rows, want) {
			missing, extra := difference(g.Rows, want)
			t.Fatalf("Leaks(%s) reports %d DuplicateRows rows, want %d. %s", p, len(g.Rows), len(want), explainDuplicates(p, missing, extra))
		}
	case futureInTrain:
		want := trainAfterTest(p)
		nameMistake(t, label, g.Rows, want, []candidate[int]{{indexAsTime, laterByIndex(p),
			"you reported the training rows whose index, not whose time, is after the first test row's"}})
		if !slices.Equal(g.Rows, want) {
			missing, extra := difference(g.Rows, want)
			t.Fatalf("Leaks(%s) reports %d FutureInTrain rows, want %d. %s", p, len(g.Rows), len(want), explainLater(p, missing, extra))
		}
	}
}

// checkColumns compares columns of evidence (TargetLeak or FutureFeature) with the first
// candidate, the right one, naming the others.
func checkColumns(t *grader.T, p pipeline, label string, got []string, cands []candidate[string], describe func(string) string) {
	want := cands[0].evidence
	nameMistake(t, label, got, want, cands[1:])
	if slices.Equal(got, want) {
		return
	}
	missing, extra := difference(got, want)
	var why []string
	if len(missing) > 0 {
		why = append(why, "missing: "+some(missing, describe))
	}
	if len(extra) > 0 {
		why = append(why, "not leaks: "+some(extra, describe))
	}
	if len(why) == 0 {
		why = append(why, "the same columns in another order: list them in the order of "+map[bool]string{true: "Data.Columns", false: "Pipeline.Features"}[cands[0].id == targetLeak])
	}
	t.Fatalf("Leaks(%s) reports the %s columns %v, want %v (%s)", p, cands[0].id, got, want, strings.Join(why, "; "))
}

// targetLeakCandidates returns the right TargetLeak columns (first) and what the mistakes give:
// r without its absolute value, and a lower threshold that flags as many columns as the learner
// did (the columns with the largest |r|, if that is more than the right number).
func targetLeakCandidates(p pipeline, n int) []candidate[string] {
	cands := []candidate[string]{
		{targetLeak, correlatedColumns(p, isTargetLeak), ""},
		{signedCorrelation, correlatedColumns(p, func(r float64) bool { return r >= threshold }),
			"you flagged only the columns with r ≥ 0.95, not those with r ≤ −0.95"},
	}
	if n > len(cands[0].evidence) {
		r := correlations(p)
		order := slices.Clone(r)
		slices.SortFunc(order, func(a, b float64) int { return cmp.Compare(math.Abs(b), math.Abs(a)) })
		if n <= len(order) {
			cut := math.Abs(order[n-1])
			cands = append(cands, candidate[string]{thresholdTooLow,
				correlatedColumns(p, func(r float64) bool { return math.Abs(r) >= cut }),
				fmt.Sprintf("you flagged every column with |r| ≥ %s, useful features among them", grader.Num(round(cut, 3)))})
		}
	}
	return cands
}

// futureCandidates returns the right FutureFeature columns (first) and what the mistakes give.
func futureCandidates(p pipeline) []candidate[string] {
	return []candidate[string]{
		{futureFeature, futureColumns(p, isFuture), ""},
		{windowStartOnly, futureColumns(p, func(f feature, target string) bool { return f.From > 0 || (f.Source == target && f.From >= 0) }),
			"you tested where each window starts (From), not where it ends (To)"},
		{targetAtOwnTime, futureColumns(p, func(f feature, _ string) bool { return f.To > 0 }),
			"you flagged the windows that end after the row's time, but not the target's windows that end at it"},
		{flaggedTargetLags, futureColumns(p, func(f feature, target string) bool { return f.To > 0 || f.Source == target }),
			"you flagged every feature computed from the target, its past values too"},
	}
}

// describeCorrelation says a column's r with the target over the training rows.
func describeCorrelation(p pipeline) func(string) string {
	r := correlations(p)
	cols := p.Data.featureColumns()
	return func(name string) string {
		k := slices.Index(cols, p.Data.col(name))
		if k < 0 {
			return fmt.Sprintf("%s is not a feature column", name)
		}
		return fmt.Sprintf("%s (r = %s)", name, grader.Num(round(r[k], 4)))
	}
}

// describeWindow says how a derived column was computed.
func describeWindow(p pipeline) func(string) string {
	return func(name string) string {
		for _, f := range p.Features {
			if f.Column == name {
				return fmt.Sprintf("%s (the mean of %s over [%s])", name, f.Source, window(f))
			}
		}
		return fmt.Sprintf("%s is not a derived feature", name)
	}
}

// window writes a feature's window relative to the row's time t.
func window(f feature) string {
	at := func(d float64) string {
		switch {
		case d == 0:
			return "t"
		case d > 0:
			return "t+" + grader.Num(d)
		}
		return "t−" + grader.Num(-d)
	}
	return at(f.From) + ", " + at(f.To)
}

// coversAll reports whether rows hold every row of the data.
func (p pipeline) coversAll(rows []int) bool {
	for i := range p.Data.Rows {
		if !slices.Contains(rows, i) {
			return false
		}
	}
	return true
}

func explainSteps(p pipeline, missing, extra []int) string {
	var why []string
	for _, k := range missing {
		var seen []int
		for _, i := range p.Steps[k].FitRows {
			if slices.Contains(p.Test, i) {
				seen = append(seen, i)
			}
		}
		why = append(why, fmt.Sprintf("step %d (%q) learned from %d of its %d rows in the test set, row %d among them", k, p.Steps[k].Name, len(seen), len(p.Steps[k].FitRows), seen[0]))
	}
	for _, k := range extra {
		if k < 0 || k >= len(p.Steps) {
			why = append(why, fmt.Sprintf("there is no step %d (the pipeline has %d)", k, len(p.Steps)))
			continue
		}
		why = append(why, fmt.Sprintf("step %d (%q) learned from %d rows, none of them a test row: no leak", k, p.Steps[k].Name, len(p.Steps[k].FitRows)))
	}
	return strings.Join(why, "; ")
}

// inBoth returns the indices listed in both Train and Test, in increasing order.
func inBoth(p pipeline) []int {
	var both []int
	for _, j := range p.Test {
		if slices.Contains(p.Train, j) {
			both = append(both, j)
		}
	}
	slices.Sort(both)
	return both
}

// repeatedInTable returns the rows equal to an earlier row of the data (pandas' duplicated()).
func repeatedInTable(d dataset) []int {
	seen := map[string]bool{}
	var rows []int
	for i, r := range d.Rows {
		k := fmt.Sprint(r)
		if seen[k] {
			rows = append(rows, i)
		}
		seen[k] = true
	}
	return rows
}

func explainDuplicates(p pipeline, missing, extra []int) string {
	var why []string
	if len(missing) > 0 {
		why = append(why, "missing: "+some(missing, func(j int) string {
			for _, i := range p.Train {
				if slices.Equal(p.Data.Rows[i], p.Data.Rows[j]) {
					if i == j {
						return fmt.Sprintf("row %d, listed in both Train and Test", j)
					}
					return fmt.Sprintf("test row %d, equal to training row %d", j, i)
				}
			}
			return fmt.Sprint(j)
		}))
	}
	if len(extra) > 0 {
		why = append(why, "not test rows that repeat a training row: "+some(extra, func(j int) string {
			if !slices.Contains(p.Test, j) {
				return fmt.Sprintf("row %d is not a test row", j)
			}
			return fmt.Sprintf("test row %d equals no training row", j)
		}))
	}
	if len(why) == 0 {
		return "The same rows, each listed once, in increasing order."
	}
	return strings.Join(why, "; ")
}

// laterByIndex returns the training rows whose index is larger than the smallest test index:
// FutureInTrain with the row position taken for the time.
func laterByIndex(p pipeline) []int {
	if p.Data.Time == "" || len(p.Test) == 0 {
		return nil
	}
	first := slices.Min(p.Test)
	var rows []int
	for _, i := range p.Train {
		if i > first {
			rows = append(rows, i)
		}
	}
	slices.Sort(rows)
	return rows
}

func explainLater(p pipeline, missing, extra []int) string {
	if p.Data.Time == "" {
		return "These data have no time column (Data.Time is \"\"), so no row is later than another."
	}
	tcol := p.Data.col(p.Data.Time)
	first := math.Inf(1)
	for _, j := range p.Test {
		first = math.Min(first, p.Data.Rows[j][tcol])
	}
	var why []string
	if len(missing) > 0 {
		why = append(why, "missing: "+some(missing, func(i int) string {
			return fmt.Sprintf("training row %d at time %s", i, grader.Num(p.Data.Rows[i][tcol]))
		}))
	}
	if len(extra) > 0 {
		why = append(why, "not later: "+some(extra, func(i int) string {
			if !slices.Contains(p.Train, i) {
				return fmt.Sprintf("row %d is not a training row", i)
			}
			return fmt.Sprintf("training row %d at time %s", i, grader.Num(p.Data.Rows[i][tcol]))
		}))
	}
	if len(why) == 0 {
		return "The same rows, each listed once, in increasing order."
	}
	return fmt.Sprintf("The earliest test time is %s; %s", grader.Num(first), strings.Join(why, "; "))
}

// checkList compares the whole answer of Leaks(p) with the reference: the evidence of every
// kind, then one leak per kind found, in order, each with only its own evidence.
func checkList(t *grader.T, p pipeline, got []leak) {
	for _, l := range got {
		if !slices.Contains(kinds, l.Kind) {
			t.Fatalf("Leaks(%s) reports a leak of kind %q, which is none of the five kinds: use the Kind constants (%s)", p, l.Kind, strings.Join(kinds, ", "))
		}
	}
	for _, kind := range kinds {
		checkKind(t, p, got, kind)
	}
	want := refLeaks(p)
	var gotKinds, wantKinds []string
	for _, l := range got {
		gotKinds = append(gotKinds, l.Kind)
		if len(l.Columns)+len(l.Steps)+len(l.Rows) == 0 {
			t.Fatalf("Leaks(%s) reports a %s leak with no evidence: leave out the kinds it does not find", p, l.Kind)
		}
	}
	for _, l := range want {
		wantKinds = append(wantKinds, l.Kind)
	}
	if !slices.Equal(gotKinds, wantKinds) {
		t.Fatalf("Leaks(%s) reports the kinds %v, want %v: one Leak per kind found, in the order of the Kind constants", p, gotKinds, wantKinds)
	}
	for _, l := range got {
		own := map[string]int{targetLeak: len(l.Steps) + len(l.Rows), futureFeature: len(l.Steps) + len(l.Rows),
			fitOnTest: len(l.Columns) + len(l.Rows), duplicateRows: len(l.Columns) + len(l.Steps), futureInTrain: len(l.Columns) + len(l.Steps)}
		if own[l.Kind] > 0 {
			t.Fatalf("Leaks(%s) reports a %s leak with evidence in the fields of another kind (Columns %v, Steps %v, Rows %v): set only the field of its kind", p, l.Kind, l.Columns, l.Steps, l.Rows)
		}
	}
}

func targetLeakCheck(t *grader.T) {
	p := diabetesFollowUp(seedDiabetes)
	got := callLeaks(t, p)
	t.Plot("Correlation with the target", correlationBars(p, ofKind(t, p, got, targetLeak).Columns))
	checkKind(t, p, got, targetLeak)
	clean := diabetesClean(seedClean)
	checkKind(t, clean, callLeaks(t, clean), targetLeak)
}

func fitOnTestCheck(t *grader.T) {
	for _, p := range []pipeline{quakesPreprocessed(seedQuakes), shopWeek()} {
		checkKind(t, p, callLeaks(t, p), fitOnTest)
	}
}

func duplicatesCheck(t *grader.T) {
	p := penguinsMerged(seedPenguins)
	checkKind(t, p, callLeaks(t, p), duplicateRows)
}

func futureFeatureCheck(t *grader.T) {
	for _, p := range []pipeline{airqualityShuffled(seedAirShuffle), airqualityByTime(seedAirByTime)} {
		checkKind(t, p, callLeaks(t, p), futureFeature)
	}
}

func futureInTrainCheck(t *grader.T) {
	p := airqualityShuffled(seedAirShuffle)
	got := callLeaks(t, p)
	t.Plot("Training days after the first test day", laterDays(p, ofKind(t, p, got, futureInTrain).Rows))
	checkKind(t, p, got, futureInTrain)
	for _, p := range []pipeline{airqualityByTime(seedAirByTime), shopWeek()} {
		checkKind(t, p, callLeaks(t, p), futureInTrain)
	}
}

// leakListCheck compares whole answers. It calls Leaks 16 times on the two shops, whose answer
// has several columns, steps and features in a fixed order: a loop over a map starts at a
// random element each time, so an order that follows one shows in some call.
func leakListCheck(t *grader.T) {
	for _, p := range []pipeline{
		diabetesClean(seedClean), airqualityByTime(seedAirByTime), quakesSampled(seedQuakes),
		diabetesFollowUp(seedDiabetes), quakesPreprocessed(seedQuakes), penguinsMerged(seedPenguins),
		airqualityShuffled(seedAirShuffle), shopWeek(),
	} {
		checkList(t, p, callLeaks(t, p))
	}
	p := twoShops()
	for range 16 {
		checkList(t, p, callLeaks(t, p))
	}
}

func notMutated(t *grader.T) {
	for _, p := range []pipeline{airqualityShuffled(seedAirShuffle), penguinsMerged(seedPenguins)} {
		t.NotMutated("Leaks", p)
		t.NotMutated("HonestScore", p)
	}
}
