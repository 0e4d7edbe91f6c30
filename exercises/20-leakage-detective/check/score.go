package check

import (
	"fmt"
	"slices"

	"github.com/mlkata/mlkata/grader"
)

// scoreCandidate is the score one mistake gives.
type scoreCandidate struct {
	id     string
	score  float64
	detail string
}

// scoreCandidates returns what each mistake of HonestScore gives on p, h being the honest
// evaluation. A mistake that changes nothing on p (no future feature to keep, no time split to
// redo) is left out.
func scoreCandidates(p pipeline, h evaluation) []scoreCandidate {
	given := asGiven().score(p)
	cands := []scoreCandidate{{leaksNotFixed, given, fmt.Sprintf("your score is what the pipeline as given scores, %s", grader.Num(given))}}
	e := h
	e.scaler = scaleAll
	cands = append(cands, scoreCandidate{scalerOnAll, e.score(p), fmt.Sprintf("your score is what a scaler fitted on all %d rows of the data gives", len(p.Data.Rows))})
	e = h
	e.dedup = keepRepeats
	cands = append(cands, scoreCandidate{keptDuplicates, e.score(p), "your score is what the honest model gives with the repeated test rows kept"})
	// The duplicates found by index in HonestScore: named by Leaks' checks, but listed here so
	// that a score it explains is not taken for kept-duplicates.
	e.dedup = dedupByIndex
	cands = append(cands, scoreCandidate{duplicatesByIndex, e.score(p), "your score is what the honest model gives when only the indices in both sets are dropped from the test set, not the copies of training rows"})
	ls := refLeaks(p)
	if future := find(ls, futureFeature).Columns; len(future) > 0 {
		e = h
		e.drop = find(ls, targetLeak).Columns
		cands = append(cands, scoreCandidate{keptFutureFeatures, e.score(p), fmt.Sprintf("your score is what the honest model gives with the future features %v kept", future)})
	}
	if h.split == splitByTime {
		e = h
		e.split = splitGiven
		cands = append(cands, scoreCandidate{keptRandomSplit, e.score(p), "your score is what the honest model gives on the pipeline's shuffled split"})
		e.split = splitByIndex
		cands = append(cands, scoreCandidate{splitByRowOrder, e.score(p), "your score is what the honest model gives when the split is redone by row position instead of time"})
	}
	return cands
}

// sameLeaks reports whether two answers of Leaks hold the same evidence of every kind.
func sameLeaks(a, b []leak) bool {
	for _, k := range kinds {
		x, y := find(a, k), find(b, k)
		if !slices.Equal(x.Columns, y.Columns) || !slices.Equal(x.Steps, y.Steps) || !slices.Equal(x.Rows, y.Rows) {
			return false
		}
	}
	return true
}

// checkScore compares HonestScore(p) with the reference's honest score, drawing both beside
// the score of the pipeline as given, and naming the mistake whose score the learner's equals.
func checkScore(t *grader.T, p pipeline, plot bool) {
	got := t.Call("HonestScore", p).Float()
	h := honest(p)
	want, given := h.score(p), asGiven().score(p)
	if plot {
		t.Plot("R² on the test rows", scoreBars(p, given, got, want))
	}
	t.Logf("%s: R² %s as given, %s honest", p.Name, grader.Num(round(given, 4)), grader.Num(round(want, 4)))
	if grader.Near(got, want, tolScore) {
		return
	}
	// HonestScore builds on Leaks: when the learner's Leaks is wrong on p, their score follows
	// from it, and the mistake to name is in Leaks (its checks name it). Otherwise name the
	// mistake of HonestScore whose score the learner's equals, if only one gives it.
	mine := callLeaks(t, p)
	if sameLeaks(mine, refLeaks(p)) {
		var match []scoreCandidate
		for _, c := range scoreCandidates(p, h) {
			if !grader.Near(c.score, want, tolScore) && grader.Near(got, c.score, tolScore) {
				match = append(match, c)
			}
		}
		if len(match) == 1 {
			t.Label(fmt.Sprintf("HonestScore(%s)", p))
			t.Mistake(true, match[0].id, match[0].detail)
		}
	} else {
		e := evaluation{drop: slices.Concat(find(mine, targetLeak).Columns, find(mine, futureFeature).Columns), dedup: dedupByValue}
		if len(find(mine, futureInTrain).Rows) > 0 && p.Data.Time != "" {
			e.split = splitByTime
		}
		if grader.Near(got, e.score(p), tolScore) {
			t.Fatalf("HonestScore(%s) = %s, want %s: your score is right for the leaks your Leaks reports, but Leaks is wrong on this pipeline (the Leaks checks say where); HonestScore will be right once Leaks is",
				p, grader.Num(got), grader.Num(want))
		}
		t.Logf("Your Leaks is wrong on this pipeline (the Leaks checks say where), and HonestScore depends on it: fix Leaks first.")
	}
	t.Label(fmt.Sprintf("HonestScore(%s)", p))
	t.Close(got, want, tolScore)
}

func scoreDiabetes(t *grader.T) {
	checkScore(t, diabetesFollowUp(seedDiabetes), false)
}

func scorePenguins(t *grader.T) {
	checkScore(t, penguinsMerged(seedPenguins), false)
}

func scoreAirquality(t *grader.T) {
	checkScore(t, airqualityShuffled(seedAirShuffle), true)
	checkScore(t, airqualityByTime(seedAirByTime), false)
	checkScore(t, twoShops(), false)
}
