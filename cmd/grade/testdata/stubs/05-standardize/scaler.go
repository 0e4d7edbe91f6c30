// Package standardize holds exercise 05: a standard scaler that learns each feature's mean and
// standard deviation from the training rows and applies them to any rows. See README.md for the
// task.
package standardize

import "gonum.org/v1/gonum/mat"

// Scaler holds what FitScaler learned from the training rows, one value per column.
type Scaler struct {
	// Mean is each column's mean, μⱼ = (1/m) Σᵢ xᵢⱼ.
	Mean []float64
	// Std is each column's population standard deviation, σⱼ = √((1/m) Σᵢ (xᵢⱼ − μⱼ)²),
	// and exactly 0 for a column whose values are all equal.
	Std []float64
}

// FitScaler learns the mean and the population standard deviation of each column of X (m rows,
// n columns). A column whose m values are all equal gets Std exactly 0: decide that by comparing
// the values, since a σ computed from the rounded mean of equal values can be 1e-17. X is not
// modified.
//
// It panics if X has no rows.
func FitScaler(X *mat.Dense) *Scaler {
	panic("not implemented")
}

// Transform returns a new matrix Z with zᵢⱼ = (xᵢⱼ − μⱼ) / σⱼ, using the Mean and Std the scaler
// learned from the training rows, whatever rows X holds (training or test). A column with
// σⱼ = 0 is divided by 1 instead, so it maps to xᵢⱼ − μⱼ (0 on the training rows), never NaN.
// X is not modified.
//
// It panics if X's column count differs from the one the scaler was fitted on.
func (s *Scaler) Transform(X *mat.Dense) *mat.Dense {
	panic("not implemented")
}

// InverseTransform undoes Transform: it returns a new matrix X with xᵢⱼ = zᵢⱼ·σⱼ + μⱼ (σⱼ read as
// 1 where it is 0). Z is not modified.
//
// It panics if Z's column count differs from the one the scaler was fitted on.
func (s *Scaler) InverseTransform(Z *mat.Dense) *mat.Dense {
	panic("not implemented")
}

// Prepare turns raw training and test features into the design matrices of a linear model: it
// fits a Scaler on Xtrain only, transforms both Xtrain and Xtest with it, and then puts a column
// of ones (the bias column, which must stay exactly 1) in front of each. Xtrain and Xtest are
// not modified.
//
// It panics if Xtrain has no rows or the two matrices have different column counts.
func Prepare(Xtrain, Xtest *mat.Dense) (train, test *mat.Dense) {
	panic("not implemented")
}
