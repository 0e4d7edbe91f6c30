// Package preprocess turns raw feature matrices into the ones models want: StandardScaler
// (zero mean, unit population variance), MinMaxScaler (a fixed range), PolynomialFeatures
// (powers and products up to a degree, in scikit-learn's column order), AddBias (a leading
// column of ones) and OneHot (categories to 0/1 columns).
//
// The transformers that learn from data follow scikit-learn's split between Fit, which learns
// the parameters from a training set and stores them in exported fields, and Transform, which
// applies them to any set with the same columns: fit on the training rows only, then
// transform both training and test rows, so that nothing about the test set leaks into the
// model. FitTransform does both on one set. Nothing mutates its input.
//
// Inputs are mat.Matrix; outputs are *mat.Dense written into a destination given first, in
// gonum's style: a nil dst allocates a new matrix, an empty (zero-value) dst is resized, and a
// dst of another shape panics. Every method returns the matrix it wrote. dst may be the input
// matrix itself, for an in-place transform, but must not otherwise overlap it.
//
// Misuse panics with a message naming the method and the element, as gonum does: empty input,
// NaN or ±Inf in a matrix, a column count that differs from the one seen by Fit, and using a
// transformer before Fit. A category unseen by OneHot.Fit is an error, since it comes from data.
package preprocess
