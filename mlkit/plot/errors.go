package plot

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// The kinds of bad input a figure function reports. The errors returned
// wrap one of them (test with errors.Is) and name the figure, the series
// and the index at fault, as in
//
//	plot: loss curves: run 2 "learner": loss[7] = NaN: not a finite number
var (
	ErrEmpty       = errors.New("no data")
	ErrLength      = errors.New("lengths differ")
	ErrNonFinite   = errors.New("not a finite number")
	ErrNonPositive = errors.New("not positive, cannot be drawn on a log scale")
	ErrDomain      = errors.New("out of range")
)

// check validates the input of one figure; its methods return nil or an
// error wrapping one of the sentinel errors.
type check struct{ figure string }

// errorf returns "plot: <figure>: <what>: <err>".
func (c check) errorf(err error, format string, args ...any) error {
	return fmt.Errorf("plot: %s: %s: %w", c.figure, fmt.Sprintf(format, args...), err)
}

// series names the i-th series (counted from 1 in messages) of a kind.
func series(kind string, i int, name string) string {
	s := kind + " " + strconv.Itoa(i+1)
	if name != "" {
		s += " " + strconv.Quote(name)
	}
	return s
}

// count reports ErrEmpty when a figure is given no series at all.
func (c check) count(kind string, n int) error {
	if n == 0 {
		return c.errorf(ErrEmpty, "no %s given", kind)
	}
	return nil
}

// values checks that v is not empty and holds finite numbers only.
func (c check) values(who, field string, v []float64) error {
	if len(v) == 0 {
		return c.errorf(ErrEmpty, "%s: %s is empty", who, field)
	}
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return c.errorf(ErrNonFinite, "%s: %s[%d] = %v", who, field, i, x)
		}
	}
	return nil
}

// sameLen checks that two fields of a series have the same length.
func (c check) sameLen(who, fa string, a int, fb string, b int) error {
	if a != b {
		return c.errorf(ErrLength, "%s: len(%s) = %d, len(%s) = %d", who, fa, a, fb, b)
	}
	return nil
}

// pair checks x and y with values and sameLen.
func (c check) pair(who, fx string, x []float64, fy string, y []float64) error {
	if err := c.values(who, fx, x); err != nil {
		return err
	}
	if err := c.values(who, fy, y); err != nil {
		return err
	}
	return c.sameLen(who, fx, len(x), fy, len(y))
}

// positive checks, for a log axis, that every value of v is above zero.
func (c check) positive(who, field string, v []float64) error {
	for i, x := range v {
		if x <= 0 {
			return c.errorf(ErrNonPositive, "%s: %s[%d] = %v", who, field, i, x)
		}
	}
	return nil
}

// unit checks that every value of v lies in [0, 1].
func (c check) unit(who, field string, v []float64) error {
	for i, x := range v {
		if x < 0 || x > 1 {
			return c.errorf(ErrDomain, "%s: %s[%d] = %v is outside [0, 1]", who, field, i, x)
		}
	}
	return nil
}
