package check

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/linear"
	"github.com/mlkata/mlkata/mlkit/preprocess"
	"github.com/mlkata/mlkata/mlkit/selection"
)

// The grader's stage models. They run in grade, behind the Fit functions handed to the
// learner's code, and the same models, through mlkit/selection, give the expected values.
//
// Each model depends only on the set of rows it is fitted on, not on their order: Fit sorts the
// rows (lexicographically, then by target) before learning, so the learner may hand the rows
// of a fold over in any order and still get a model bit-for-bit equal to the reference's. That
// lets the checks compare the stage-1 outputs the learner passes on with a tight tolerance,
// and recognise which of the grader's fits a value came from.

// canonical returns the row indices of X sorted by the rows' values (column by column), ties
// by y.
func canonical(X mat.Matrix, y []float64) []int {
	m, n := X.Dims()
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		for j := range n {
			if c := cmp.Compare(X.At(a, j), X.At(b, j)); c != 0 {
				return c
			}
		}
		return cmp.Compare(y[a], y[b])
	})
	return idx
}

// knn is k-nearest-neighbours regression on standardised features (each column scaled by the
// mean and population standard deviation of the rows it was fitted on): the prediction for a
// row is the mean target of the neighbours nearest to it in Euclidean distance, ties broken
// by the sorted order of the training rows. With neighbours = 1 it memorises: each training
// row is its own nearest neighbour, so its prediction on the rows it was fitted on is their
// target exactly.
//
// With zscore the output is reported as a standardised score (prediction − ȳ)/σ_y, ȳ and σ_y
// the mean and population standard deviation of the training targets; then it is multiplied
// by scale and shifted by shift when scale is not 0. These change what the output means, not
// how good it is: what happens when the team that owns stage 1 changes its units.
type knn struct {
	neighbours   int
	zscore       bool
	scale, shift float64

	sc     preprocess.StandardScaler
	z      *mat.Dense
	y      []float64
	ym, ys float64
}

func (m *knn) Fit(X mat.Matrix, y []float64) error {
	order := canonical(X, y)
	m.z = m.sc.FitTransform(nil, data.TakeRows(X, order))
	m.y = data.Take(y, order)
	m.ym, m.ys = 0, 0
	for _, v := range m.y {
		m.ym += v
	}
	m.ym /= float64(len(m.y))
	for _, v := range m.y {
		m.ys += (v - m.ym) * (v - m.ym)
	}
	m.ys = math.Sqrt(m.ys / float64(len(m.y)))
	if m.ys == 0 {
		m.ys = 1
	}
	return nil
}

func (m *knn) Predict(dst []float64, X mat.Matrix) []float64 {
	q := m.sc.Transform(nil, X)
	r, n := q.Dims()
	tr, _ := m.z.Dims()
	if dst == nil {
		dst = make([]float64, r)
	}
	k := min(m.neighbours, tr)
	type cand struct {
		d float64
		j int
	}
	best := make([]cand, 0, k+1)
	for i := range r {
		best = best[:0]
		qi := q.RawRowView(i)
		for j := range tr {
			zj := m.z.RawRowView(j)
			d := 0.0
			for l := range n {
				e := qi[l] - zj[l]
				d += e * e
			}
			if len(best) == k && d >= best[k-1].d {
				continue
			}
			// Insert after every candidate at most as far: ties keep the sorted row order.
			at := len(best)
			for at > 0 && best[at-1].d > d {
				at--
			}
			best = slices.Insert(best, at, cand{d, j})
			if len(best) > k {
				best = best[:k]
			}
		}
		s := 0.0
		for _, c := range best {
			s += m.y[c.j]
		}
		p := s / float64(k)
		if m.zscore {
			p = (p - m.ym) / m.ys
		}
		if m.scale != 0 {
			p = m.scale*p + m.shift
		}
		dst[i] = p
	}
	return dst
}

// ridge is linear.Ridge fitted on the rows in sorted order.
type ridge struct {
	alpha float64
	r     linear.Ridge
}

func (m *ridge) Fit(X mat.Matrix, y []float64) error {
	order := canonical(X, y)
	m.r = linear.Ridge{Alpha: m.alpha}
	return m.r.Fit(data.TakeRows(X, order), data.Take(y, order))
}

func (m *ridge) Predict(dst []float64, X mat.Matrix) []float64 { return m.r.Predict(dst, X) }

// fitRecord is one call of a Fit the grader handed to the learner's code.
type fitRecord struct {
	stage string // "stage1", "stage2" or "newStage1": the argument it was passed as
	X     *mat.Dense
	y     []float64
	model selection.Regressor
	rows  []int     // the rows of the scenario's X that X holds, in X's order (nil until known)
	all   []float64 // the model's predictions on every row of the scenario's X (lazy)
}

// predictRecord is one call of a Predict the grader's Fit returned.
type predictRecord struct {
	fit *fitRecord
	X   *mat.Dense
	out []float64
}

// spy hands out Fit functions whose calls, and the calls of the Predict functions they
// return, it records in order. What it records comes from the grader's side of the calls, so
// the learner's code cannot forge it.
type spy struct {
	fits     []*fitRecord
	predicts []*predictRecord
}

// mark is a point in a spy's record.
type mark struct{ fits, predicts int }

func (s *spy) mark() mark { return mark{len(s.fits), len(s.predicts)} }

// fitsSince returns the fits of the stage since mk ("" for every stage).
func (s *spy) fitsSince(mk mark, stage string) []*fitRecord {
	var out []*fitRecord
	for _, f := range s.fits[mk.fits:] {
		if stage == "" || f.stage == stage {
			out = append(out, f)
		}
	}
	return out
}

// predictsSince returns the Predict calls of the stage's fits since mk.
func (s *spy) predictsSince(mk mark, stage string) []*predictRecord {
	var out []*predictRecord
	for _, p := range s.predicts[mk.predicts:] {
		if stage == "" || p.fit.stage == stage {
			out = append(out, p)
		}
	}
	return out
}

// fitFunc is the check's side of a learner's Fit: it fits a new model from newModel and
// returns its Predict, recording both. It refuses (the learner's call panics with the message)
// a nil matrix, a y of the wrong length, NaN or ±Inf, and a Predict on a matrix whose number
// of columns differs from the fit's.
func (s *spy) fitFunc(stage string, newModel func() selection.Regressor) func(*mat.Dense, []float64) (func(*mat.Dense) ([]float64, error), error) {
	return func(X *mat.Dense, y []float64) (func(*mat.Dense) ([]float64, error), error) {
		if X == nil || X.IsEmpty() {
			return nil, fmt.Errorf("%s was given no matrix to fit on (nil)", stage)
		}
		r, n := X.Dims()
		if len(y) != r {
			return nil, fmt.Errorf("%s was given a matrix of %d rows and %d targets: y needs one target per row", stage, r, len(y))
		}
		if err := finite(stage, X, y); err != nil {
			return nil, err
		}
		model := newModel()
		if err := model.Fit(X, y); err != nil {
			return nil, fmt.Errorf("%s could not be fitted: %v", stage, err)
		}
		rec := &fitRecord{stage: stage, X: X, y: y, model: model}
		s.fits = append(s.fits, rec)
		return func(Q *mat.Dense) ([]float64, error) {
			if Q == nil || Q.IsEmpty() {
				return nil, fmt.Errorf("the Predict that %s returned was given no matrix (nil)", stage)
			}
			if _, c := Q.Dims(); c != n {
				return nil, fmt.Errorf("the Predict that %s returned was given a matrix of %d columns, but the model was fitted on %d", stage, c, n)
			}
			if err := finite(stage+"'s Predict", Q, nil); err != nil {
				return nil, err
			}
			out := model.Predict(nil, Q)
			s.predicts = append(s.predicts, &predictRecord{fit: rec, X: Q, out: out})
			return slices.Clone(out), nil
		}, nil
	}
}

// finite returns an error naming the first NaN or ±Inf in X or y.
func finite(who string, X *mat.Dense, y []float64) error {
	r, c := X.Dims()
	for i := range r {
		for j := range c {
			if v := X.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%s was given %v in row %d, column %d", who, v, i, j)
			}
		}
	}
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s was given the target %v at index %d", who, v, i)
		}
	}
	return nil
}

// rowKey is the exact bit pattern of a row's values, to recognise a row of X wherever it goes.
func rowKey(row []float64) string {
	var b strings.Builder
	for _, v := range row {
		fmt.Fprintf(&b, "%016x", math.Float64bits(v))
	}
	return b.String()
}

// rowIndex maps each row of X to its index. It returns an error if two rows are equal: the
// checks recognise rows by their values, so the fixtures hold distinct rows.
func rowIndex(X *mat.Dense) (map[string]int, error) {
	m, _ := X.Dims()
	idx := make(map[string]int, m)
	for i := range m {
		k := rowKey(X.RawRowView(i))
		if j, ok := idx[k]; ok {
			return nil, fmt.Errorf("rows %d and %d are equal", j, i)
		}
		idx[k] = i
	}
	return idx, nil
}

// unknownRow is the error of identify: row Row of a matrix is not a row of X.
type unknownRow struct{ Row int }

func (e unknownRow) Error() string { return fmt.Sprintf("row %d is not a row of X", e.Row) }

// identify returns, for each row of A, the index of the row of X (through idx) that equals
// columns from..from+n−1 of it, or an unknownRow error.
func identify(idx map[string]int, A *mat.Dense, from, n int) ([]int, error) {
	r, c := A.Dims()
	if from+n > c {
		return nil, unknownRow{0}
	}
	out := make([]int, r)
	for i := range r {
		j, ok := idx[rowKey(A.RawRowView(i)[from:from+n])]
		if !ok {
			return nil, unknownRow{i}
		}
		out[i] = j
	}
	return out, nil
}
