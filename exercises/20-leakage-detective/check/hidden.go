//go:build hidden

package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/mlkit/data"
)

// hiddenChecks run on pipelines the learner never saw, drawn from the run's seed: the three
// scored pipelines on other splits (and other planted columns and copies), and random pipelines
// with random leaks of every kind.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Leaks on unseen random pipelines with random leaks", Points: 2, Hidden: true, Run: hiddenLeaks},
		{Name: "HonestScore of diabetes, penguins and air quality on hidden splits", Points: 1, Hidden: true, Run: hiddenSplits},
		{Name: "HonestScore of unseen random pipelines", Points: 1, Hidden: true, Run: hiddenScores},
	}
}

func hiddenLeaks(t *grader.T) {
	rng := t.Rand()
	for k := range 4 {
		p := randomPipeline(rng, k == 0)
		checkList(t, p, callLeaks(t, p))
	}
}

func hiddenSplits(t *grader.T) {
	rng := t.Rand()
	for _, p := range []pipeline{diabetesFollowUp(rng.Uint64()), penguinsMerged(rng.Uint64()), airqualityShuffled(rng.Uint64())} {
		checkScore(t, p, false)
	}
}

func hiddenScores(t *grader.T) {
	rng := t.Rand()
	for range 3 {
		checkScore(t, randomPipeline(rng, true), false)
	}
}

// randomPipeline draws pipelines until one keeps every correlation with the target away from
// the threshold (|r| outside [0.9, 0.98], so that no rounding decides a TargetLeak) and leaves
// enough test rows to score. With boundary, it then adds two columns whose correlation with the
// target over the training rows is, by construction, just above and just below the threshold.
func randomPipeline(rng *rand.Rand, boundary bool) pipeline {
	for {
		p, origin := drawPipeline(rng)
		near := slices.ContainsFunc(correlations(p), func(r float64) bool {
			return math.IsNaN(r) || math.Abs(r) > 0.9 && math.Abs(r) < 0.98
		})
		train, test := honest(p).splitRows(p)
		if near || len(train) < 20 || len(test) < 8 {
			continue
		}
		if boundary {
			sign := []float64{-1, 1}[rng.IntN(2)]
			addExactColumn(rng, &p, "sensor_a", sign*(threshold+2e-4), origin)
			addExactColumn(rng, &p, "sensor_b", -sign*(threshold-2e-4), origin)
			p.Name = fmt.Sprintf("random pipeline (%d rows, %d columns)", len(p.Data.Rows), len(p.Data.Columns))
		}
		return p
	}
}

// addExactColumn inserts, at a random position, a column whose Pearson correlation with the
// target over the training rows is r (to rounding), with a large offset and a small spread
// (mean about 50, σ 0.05 over the training rows): computed with a wrong mean, or over all the
// rows instead of the training rows, r lands on the other side of the threshold. It is r·u + √(1 − r²)·v, with u the target centred and scaled to unit length
// over the training rows and v random noise (one value per original row, so that copied rows
// stay equal) centred, made orthogonal to u and scaled alike.
func addExactColumn(rng *rand.Rand, p *pipeline, name string, r float64, origin []int) {
	d := &p.Data
	n := len(d.Rows)
	y := d.values(d.col(d.Target), seq(n))
	noise := make([]float64, slices.Max(origin)+1)
	for i := range noise {
		noise[i] = rng.NormFloat64()
	}
	e := make([]float64, n)
	for i := range e {
		e[i] = noise[origin[i]]
	}
	mean := func(v []float64) float64 {
		s := 0.0
		for _, i := range p.Train {
			s += v[i]
		}
		return s / float64(len(p.Train))
	}
	my, me := mean(y), mean(e)
	for i := range y {
		y[i] -= my
		e[i] -= me
	}
	dot := func(a, b []float64) float64 {
		s := 0.0
		for _, i := range p.Train {
			s += a[i] * b[i]
		}
		return s
	}
	beta := dot(e, y) / dot(y, y)
	for i := range e {
		e[i] -= beta * y[i]
	}
	ny, ne := math.Sqrt(dot(y, y)), math.Sqrt(dot(e, e))
	offset, scale := 45+10*rng.Float64(), 0.05*math.Sqrt(float64(len(p.Train)))
	pos := rng.IntN(len(d.Columns) + 1)
	d.Columns = slices.Insert(slices.Clone(d.Columns), pos, name)
	// The test rows (those not drawn as a training row or a copy of one) follow another law, which
	// moves r over all the rows to the other side of the threshold: pure noise for a column just
	// above it, the target itself for a column just below.
	trained := map[int]bool{}
	for _, i := range p.Train {
		trained[origin[i]] = true
	}
	for i, row := range d.Rows {
		x := offset + scale*(r*y[i]/ny+math.Sqrt(1-r*r)*e[i]/ne)
		switch {
		case trained[origin[i]]:
		case math.Abs(r) >= threshold:
			x = offset + scale*e[i]/ne
		default:
			x = offset + scale*math.Copysign(1, r)*y[i]/ny
		}
		d.Rows[i] = slices.Insert(slices.Clone(row), pos, x)
	}
}

// leakNames are the names of the planted columns that give the target away: what a table
// exported after the outcome holds.
var leakNames = []string{"followup", "outcome_code", "claim_paid", "review_score", "days_to_close", "audit_flag_score"}

// drawPipeline draws a random regression table (2 to 5 raw measurements, a target linear in
// them plus noise), maybe a time column with derived features over random windows, 0 to 2
// planted target leaks, 0 to 8 copies of rows, the columns and rows in random orders, a split
// at random, at random with an off-by-one, or by time, and steps fitted on random row sets.
//
// It also returns, for each row, the row of the table it was drawn as (a copy's is its
// original's).
func drawPipeline(rng *rand.Rand) (pipeline, []int) {
	m := 60 + rng.IntN(120)
	nRaw := 2 + rng.IntN(4)
	timed := rng.IntN(3) > 0
	cols := map[string][]float64{}
	var raw []string
	y := make([]float64, m)
	for j := range nRaw {
		name := fmt.Sprintf("x%d", j+1)
		mu, sd, w := 20*rng.Float64()-5, 0.5+4.5*rng.Float64(), rng.NormFloat64()
		x := make([]float64, m)
		for i := range x {
			z := rng.NormFloat64()
			x[i] = round(mu+sd*z, 2)
			y[i] += w * z
		}
		cols[name] = x
		raw = append(raw, name)
	}
	for i := range y {
		y[i] = round(50+10*(y[i]+rng.NormFloat64()), 1)
	}
	cols["y"] = y
	names := slices.Clone(raw)
	d := dataset{Target: "y"}
	var feats []feature
	if timed {
		step := []float64{0.5, 1, 1, 2}[rng.IntN(4)] // 0.5: two rows a day
		times := make([]float64, m)
		for i := range times {
			times[i] = math.Floor(float64(i)*step) + 1
		}
		cols["day"] = times
		d.Time = "day"
		names = append(names, "day")
		for range rng.IntN(5) {
			from := -float64(rng.IntN(7))
			to := from + float64(rng.IntN(4))
			if rng.IntN(5) == 0 {
				from, to = 1, 1+float64(rng.IntN(2))
			}
			src := "y"
			if rng.IntN(3) > 0 {
				src = raw[rng.IntN(nRaw)]
			}
			f := feature{fmt.Sprintf("%s_mean_%g_%g", src, from, to), src, from, to}
			if _, dup := cols[f.Column]; dup {
				continue
			}
			cols[f.Column] = windowOver(times, cols[src], from, to)
			names = append(names, f.Column)
			feats = append(feats, f)
		}
	}
	for _, k := range rng.Perm(len(leakNames))[:rng.IntN(3)] {
		a, b := 0.5+rng.Float64(), 100*rng.Float64()
		if rng.IntN(2) == 0 {
			a = -a
		}
		x := make([]float64, m)
		for i := range x {
			x[i] = round(a*y[i]+b+0.4*rng.NormFloat64(), 1)
		}
		cols[leakNames[k]] = x
		names = append(names, leakNames[k])
	}
	names = append(names, "y")
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	d.Columns = names
	for i := range m {
		row := make([]float64, len(names))
		for j, n := range names {
			row[j] = cols[n][i]
		}
		d.Rows = append(d.Rows, row)
	}
	origin := seq(m)
	for range rng.IntN(9) {
		k := rng.IntN(m)
		d.Rows = append(d.Rows, slices.Clone(d.Rows[k]))
		origin = append(origin, k)
	}
	rng.Shuffle(len(d.Rows), func(i, j int) {
		d.Rows[i], d.Rows[j] = d.Rows[j], d.Rows[i]
		origin[i], origin[j] = origin[j], origin[i]
	})

	n := len(d.Rows)
	frac := 0.2 + 0.15*rng.Float64()
	nTest := int(math.Ceil(frac * float64(n)))
	perm := rng.Perm(n)
	train, test := perm[nTest:], perm[:nTest]
	switch {
	case timed && rng.IntN(3) == 0:
		s, err := data.TimeTrainTestSplit(d.times(), data.SplitOptions{TestCount: nTest})
		if err != nil {
			panic(err)
		}
		train, test = s.Train, s.Test
	case rng.IntN(4) == 0:
		train = perm[nTest-1:] // an off-by-one at the boundary
	}
	rowSets := []func() []int{
		func() []int { return train },
		func() []int { return train },
		func() []int { return train[:len(train)/2] },
		func() []int { return seq(n) },
		func() []int { return test },
		func() []int { return slices.Concat(train, test[:3]) },
	}
	var steps []step
	for _, name := range []string{"impute-median", "standardize", "select-k-best", "pca"} {
		if rng.IntN(2) == 0 {
			steps = append(steps, step{name, rowSets[rng.IntN(len(rowSets))]()})
		}
	}
	steps = append(steps, step{"ridge", train})
	return pipeline{
		Name: fmt.Sprintf("random pipeline (%d rows, %d columns)", n, len(names)), Data: d,
		Train: train, Test: test, Features: feats, Steps: steps, Alpha: round(1+49*rng.Float64(), 1),
	}, origin
}
