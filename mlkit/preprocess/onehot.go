package preprocess

import (
	"fmt"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Category is the type of a categorical value OneHot can encode: an integer or a string type.
type Category interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~string
}

// OneHot encodes one categorical column as 0/1 indicator columns, one per category seen by
// Fit, as scikit-learn's OneHotEncoder with handle_unknown="error": value v becomes a row
// with a 1 in the column of v and 0 elsewhere. The categories are sorted, so the column order
// does not depend on the order of the data.
//
// The zero value is ready to Fit.
type OneHot[T Category] struct {
	// Categories holds the distinct values seen by Fit, sorted ascending; output column j
	// stands for Categories[j].
	Categories []T
}

// Fit learns the sorted distinct values of values, replacing any earlier fit. It panics if
// values is empty.
func (o *OneHot[T]) Fit(values []T) {
	if len(values) == 0 {
		panic("preprocess: OneHot.Fit: empty input")
	}
	cats := slices.Clone(values)
	slices.Sort(cats)
	o.Categories = slices.Clip(slices.Compact(cats))
}

// Transform writes the indicator matrix of values, len(values) × len(Categories), into dst and
// returns it (see the package comment for dst). A value that Fit did not see is an error
// naming it and its position; dst is then left partly written. It panics if the encoder is
// not fitted, if values is empty, or if dst has the wrong shape.
func (o *OneHot[T]) Transform(dst *mat.Dense, values []T) (*mat.Dense, error) {
	const fn = "OneHot.Transform"
	if o.Categories == nil {
		notFitted(fn)
	}
	if len(values) == 0 {
		panic("preprocess: " + fn + ": empty input")
	}
	k := len(o.Categories)
	dst = prepare(fn, dst, len(values), k)
	row := make([]float64, k)
	for i, v := range values {
		j, ok := slices.BinarySearch(o.Categories, v)
		if !ok {
			return dst, fmt.Errorf("preprocess: %s: values[%d] = %#v is not a known category (known: %s)", fn, i, v, o.known())
		}
		row[j] = 1
		dst.SetRow(i, row)
		row[j] = 0
	}
	return dst, nil
}

// known lists the categories for an error message, at most ten of them.
func (o *OneHot[T]) known() string {
	const most = 10
	if len(o.Categories) <= most {
		return fmt.Sprintf("%v", o.Categories)
	}
	return fmt.Sprintf("%v and %d more", o.Categories[:most], len(o.Categories)-most)
}

// FitTransform fits the encoder to values and writes their indicator matrix into dst,
// returning it; every value is known, so it cannot fail. It panics like Fit and Transform.
func (o *OneHot[T]) FitTransform(dst *mat.Dense, values []T) *mat.Dense {
	o.Fit(values)
	dst, err := o.Transform(dst, values)
	if err != nil {
		panic("preprocess: OneHot.FitTransform: " + err.Error()) // unreachable: Fit saw every value
	}
	return dst
}

// FeatureNames returns the names of the output columns, "<prefix>_<category>" as
// scikit-learn's get_feature_names_out (whose default prefix is "x0"). It panics if the
// encoder is not fitted.
func (o *OneHot[T]) FeatureNames(prefix string) []string {
	if o.Categories == nil {
		notFitted("OneHot.FeatureNames")
	}
	names := make([]string, len(o.Categories))
	for j, c := range o.Categories {
		names[j] = fmt.Sprintf("%s_%v", prefix, c)
	}
	return names
}
