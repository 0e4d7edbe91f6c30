// Package polyfeat holds exercise 10: polynomial features of one input, scaled after the
// expansion, and the overfitting experiment that fits every degree from 1 up and measures the
// training and validation error. See README.md for the task.
package polyfeat

import "gonum.org/v1/gonum/mat"

// PolyFeatures returns the m×degree matrix whose row i is (xᵢ, xᵢ², …, xᵢ^degree): the powers 1 to
// degree of each input, and no column of ones (the bias column is added later, once, in front
// of the scaled features). x is not modified.
//
// It panics if degree < 1.
func PolyFeatures(x []float64, degree int) *mat.Dense {
	panic("not implemented")
}

// ScaledPolyFeatures expands xTrain and xTest with PolyFeatures and then standardises every
// column, zⱼ = (xʲ − μⱼ)/σⱼ, with the mean μⱼ and population standard deviation σⱼ of that column
// over the training rows only (σⱼ read as 1 for a constant column). It expands first and scales
// second: x⁹ of a standardised x is not a standardised column. xTrain and xTest are not modified.
//
// It panics if xTrain is empty or degree < 1.
func ScaledPolyFeatures(xTrain, xTest []float64, degree int) (train, test *mat.Dense) {
	panic("not implemented")
}

// RMSEByDegree runs the overfitting experiment: for each degree d = 1, …, maxDegree it builds
// ScaledPolyFeatures of degree d, fits θ = (θ₀, …, θ_d) by least squares on [1 Ztrain] (QR,
// mat.VecDense.SolveVec), and returns the root mean squared error √(1/m·Σᵢ (ŷᵢ − yᵢ)²) of that
// fit on the training rows and on the validation rows, at index d−1. No input is modified.
//
// It panics if maxDegree < 1 or if the lengths of a set's x and y differ. With fewer training
// rows than parameters (maxDegree ≥ m) the fit is not determined; the checks never ask for it.
func RMSEByDegree(xTrain, yTrain, xVal, yVal []float64, maxDegree int) (trainRMSE, valRMSE []float64) {
	panic("not implemented")
}
