// Package polyfeat holds exercise 10: polynomial features of one input, scaled after the
// expansion, and the overfitting experiment that fits every degree from 1 up and measures the
// training and validation error. See README.md for the task.
package polyfeat

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PolyFeatures returns the m×degree matrix whose row i is (xᵢ, xᵢ², …, xᵢ^degree): the powers 1 to
// degree of each input, and no column of ones (the bias column is added later, once, in front
// of the scaled features). x is not modified.
//
// It panics if degree < 1.
func PolyFeatures(x []float64, degree int) *mat.Dense {
	if degree < 1 {
		panic(fmt.Sprintf("polyfeat.PolyFeatures: degree %d < 1", degree))
	}
	X := mat.NewDense(len(x), degree, nil)
	for i, v := range x {
		p := 1.0
		for j := range degree {
			p *= v // p = vʲ⁺¹
			X.Set(i, j, p)
		}
	}
	return X
}

// ScaledPolyFeatures expands xTrain and xTest with PolyFeatures and then standardises every
// column, zⱼ = (xʲ − μⱼ)/σⱼ, with the mean μⱼ and population standard deviation σⱼ of that column
// over the training rows only (σⱼ read as 1 for a constant column). It expands first and scales
// second: x⁹ of a standardised x is not a standardised column. xTrain and xTest are not modified.
//
// It panics if xTrain is empty or degree < 1.
func ScaledPolyFeatures(xTrain, xTest []float64, degree int) (train, test *mat.Dense) {
	if len(xTrain) == 0 {
		panic("polyfeat.ScaledPolyFeatures: xTrain is empty")
	}
	train, test = PolyFeatures(xTrain, degree), PolyFeatures(xTest, degree)
	m := float64(len(xTrain))
	for j := range degree {
		col := mat.Col(nil, j, train)
		mean := 0.0
		for _, v := range col {
			mean += v
		}
		mean /= m
		ss := 0.0
		for _, v := range col {
			ss += (v - mean) * (v - mean)
		}
		sd := math.Sqrt(ss / (m - 1)) // Mistake: the sample σ, dividing by m − 1
		if sd == 0 {
			sd = 1
		}
		// The test rows are scaled with the training rows' μ and σ: nothing about the test set
		// may shape the model, not even its mean.
		for _, X := range []*mat.Dense{train, test} {
			r, _ := X.Dims()
			for i := range r {
				X.Set(i, j, (X.At(i, j)-mean)/sd)
			}
		}
	}
	return train, test
}

// RMSEByDegree runs the overfitting experiment: for each degree d = 1, …, maxDegree it builds
// ScaledPolyFeatures of degree d, fits θ = (θ₀, …, θ_d) by least squares on [1 Ztrain] (QR,
// mat.VecDense.SolveVec), and returns the root mean squared error √(1/m·Σᵢ (ŷᵢ − yᵢ)²) of that
// fit on the training rows and on the validation rows, at index d−1. No input is modified.
//
// It panics if maxDegree < 1 or if the lengths of a set's x and y differ. With fewer training
// rows than parameters (maxDegree ≥ m) the fit is not determined; the checks never ask for it.
func RMSEByDegree(xTrain, yTrain, xVal, yVal []float64, maxDegree int) (trainRMSE, valRMSE []float64) {
	if maxDegree < 1 {
		panic(fmt.Sprintf("polyfeat.RMSEByDegree: maxDegree %d < 1", maxDegree))
	}
	if len(xTrain) != len(yTrain) || len(xVal) != len(yVal) {
		panic(fmt.Sprintf("polyfeat.RMSEByDegree: %d training x for %d y, %d validation x for %d y", len(xTrain), len(yTrain), len(xVal), len(yVal)))
	}
	for d := 1; d <= maxDegree; d++ {
		Ztr, Zval := ScaledPolyFeatures(xTrain, xVal, d)
		Atr, Aval := withBias(Ztr), withBias(Zval)
		var theta mat.VecDense
		if err := theta.SolveVec(Atr, mat.NewVecDense(len(yTrain), yTrain)); err != nil {
			panic(fmt.Sprintf("polyfeat.RMSEByDegree: degree %d: %v", d, err))
		}
		trainRMSE = append(trainRMSE, rmse(Atr, &theta, yTrain))
		valRMSE = append(valRMSE, rmse(Aval, &theta, yVal))
	}
	return trainRMSE, valRMSE
}

// withBias returns [1 Z].
func withBias(Z *mat.Dense) *mat.Dense {
	m, n := Z.Dims()
	A := mat.NewDense(m, n+1, nil)
	for i := range m {
		A.Set(i, 0, 1)
		for j := range n {
			A.Set(i, j+1, Z.At(i, j))
		}
	}
	return A
}

// rmse returns √(1/m·‖Aθ − y‖²).
func rmse(A *mat.Dense, theta *mat.VecDense, y []float64) float64 {
	var yhat mat.VecDense
	yhat.MulVec(A, theta)
	ss := 0.0
	for i, v := range y {
		r := yhat.AtVec(i) - v
		ss += r * r
	}
	return math.Sqrt(ss / float64(len(y)))
}
