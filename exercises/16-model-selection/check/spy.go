package check

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/linear"
)

// The spy: the fit and the test set the checks hand the learner's code, as callbacks that run
// here in the grader. They do the work asked of them (a ridge fit, a test error) and record,
// in one timeline, which rows and λ every fit saw, the θ it returned, and every read of the
// test set with the θ it was given. What they record comes from the grader's side of the
// calls, so the learner's code cannot forge it. The callbacks must not call T's methods: the
// checks read the records after the learner's call returns.

// fitRecord is one call of the spy's fit.
type fitRecord struct {
	seq    int       // position in the spy's timeline
	rows   []int     // the development rows the fit saw, sorted; -1 for a row X does not have
	lambda float64   // the penalty it was given
	theta  []float64 // the θ it returned
	yWrong int       // how many targets were not the targets of their rows
}

// readRecord is one read of the test set.
type readRecord struct {
	seq   int
	theta []float64
	mse   float64 // the test error returned
	fit   int     // the index of the fit that returned this θ, or -1
}

// model fits the rows it is given: ridge, or a stand-in whose numbers a learner can follow by
// hand.
type model func(X *mat.Dense, y []float64, lambda float64) ([]float64, error)

// spy holds one problem's data and records what the learner's code did with it.
type spy struct {
	p     *problem
	model model
	index map[string]int // a development row's key → its index
	fits  []fitRecord
	reads []readRecord
	seq   int
}

func newSpy(p *problem, fit model) *spy {
	s := &spy{p: p, model: fit, index: map[string]int{}}
	m, _ := p.X.Dims()
	for i := range m {
		s.index[rowKey(p.X.RawRowView(i))] = i
	}
	return s
}

// rowKey identifies a row by its exact values (their bits).
func rowKey(row []float64) string {
	b := make([]byte, 0, 8*len(row))
	for _, v := range row {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return string(b)
}

// fit is the callback the learner's code receives as its Fit.
func (s *spy) fit(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	_, n := s.p.X.Dims()
	if X == nil || X.IsEmpty() {
		return nil, errors.New("fit was given a matrix with no rows")
	}
	r, c := X.Dims()
	switch {
	case c != n:
		return nil, fmt.Errorf("fit was given a matrix with %d columns; the rows of X have %d (the ones column and %d features)", c, n, n-1)
	case len(y) != r:
		return nil, fmt.Errorf("fit was given %d rows but %d targets: one target per row", r, len(y))
	case !(lambda >= 0) || math.IsInf(lambda, 0):
		return nil, fmt.Errorf("fit was given λ = %v: a penalty is a number ≥ 0", lambda)
	}
	rec := fitRecord{lambda: lambda, rows: make([]int, r)}
	for i := range r {
		j, ok := s.index[rowKey(X.RawRowView(i))]
		if !ok {
			j = -1
		} else if y[i] != s.p.y[j] {
			rec.yWrong++
		}
		rec.rows[i] = j
	}
	slices.Sort(rec.rows)
	theta, err := s.model(X, y, lambda)
	if err != nil {
		return nil, fmt.Errorf("fit could not fit these %d rows: %v", r, err)
	}
	s.seq++
	rec.seq, rec.theta = s.seq, theta
	s.fits = append(s.fits, rec)
	return slices.Clone(theta), nil
}

// test is the callback the learner's code receives as its TestError.
func (s *spy) test(theta []float64) (float64, error) {
	_, n := s.p.Xtest.Dims()
	if len(theta) != n {
		return 0, fmt.Errorf("test was given θ with %d values; a model here has %d (θ₀ and one weight per feature)", len(theta), n)
	}
	mse := mseOf(s.p.Xtest, s.p.ytest, theta)
	s.seq++
	rec := readRecord{seq: s.seq, theta: slices.Clone(theta), mse: mse, fit: -1}
	for i := len(s.fits) - 1; i >= 0; i-- {
		if slices.Equal(s.fits[i].theta, theta) {
			rec.fit = i
			break
		}
	}
	s.reads = append(s.reads, rec)
	return mse, nil
}

// ridge is the fit the checks pass: linear.Ridge with α = λ on the features (the columns after
// the ones), whose minimiser is that of J(θ) = 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ≥₁ θⱼ²; θ is
// [intercept, weights…].
func ridge(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	r := &linear.Ridge{Alpha: lambda, Workers: 1}
	m, n := X.Dims()
	if err := r.Fit(X.Slice(0, m, 1, n), y); err != nil {
		return nil, err
	}
	return append([]float64{r.Intercept()}, r.Coef()...), nil
}

// meanModel ignores X and λ and predicts the mean of y: θ = (mean(y), 0, …, 0). Its CV errors
// can be followed by hand, and it gives every λ exactly the same error.
func meanModel(X *mat.Dense, y []float64, _ float64) ([]float64, error) {
	_, n := X.Dims()
	theta := make([]float64, n)
	for _, v := range y {
		theta[0] += v
	}
	theta[0] /= float64(len(y))
	return theta, nil
}

// features returns the columns of X after the first (the ones).
func features(X *mat.Dense) *mat.Dense {
	m, n := X.Dims()
	return mat.DenseCopyOf(X.Slice(0, m, 1, n))
}

// mseOf returns the mean squared error of the linear model θ on the rows of X (ones first).
func mseOf(X *mat.Dense, y, theta []float64) float64 {
	m, _ := X.Dims()
	s := 0.0
	for i := range m {
		d := mat.Dot(X.RowView(i), mat.NewVecDense(len(theta), theta)) - y[i]
		s += d * d
	}
	return s / float64(m)
}

// allRows reports whether rows (sorted) is every development row 0…m−1 once.
func allRows(rows []int, m int) bool {
	if len(rows) != m {
		return false
	}
	for i, r := range rows {
		if r != i {
			return false
		}
	}
	return true
}

// heldOut returns the development rows 0…m−1 that rows (sorted) leaves out, and whether rows
// holds each of its rows once and only rows of X.
func heldOut(rows []int, m int) (out []int, clean bool) {
	clean = true
	seen := make([]int, m)
	for _, r := range rows {
		if r < 0 {
			clean = false
			continue
		}
		seen[r]++
	}
	for i, c := range seen {
		switch {
		case c == 0:
			out = append(out, i)
		case c > 1:
			clean = false
		}
	}
	return out, clean
}

// ranges writes sorted row indices as runs, "0–66, 134–330", at most six of them.
func ranges(rows []int) string {
	if len(rows) == 0 {
		return "none"
	}
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if len(parts) == 6 {
			parts = append(parts, "…")
			break
		}
		if i == j {
			parts = append(parts, fmt.Sprint(rows[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", rows[i], rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
