// Package curves holds exercise 13: learning curves and validation curves of ridge regression,
// and the diagnosis they support (high bias, high variance, or neither). See README.md for the
// task.
package curves

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// The three answers of Diagnose.
const (
	HighBias     = "high bias"
	HighVariance = "high variance"
	Neither      = "neither"
)

// RidgeCost returns the ridge cost of θ on the design matrix X (m rows; column 0 is the column
// of ones, so θ₀ is the bias) and targets y, as in exercise 11:
//
//	J(θ) = 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ₌₁ⁿ⁻¹ θⱼ²
//
// With λ = 0 it is the unregularised error that the curves report. No input is modified.
func RidgeCost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	m, n := X.Dims()
	r := mat.NewVecDense(m, nil)
	r.MulVec(X, mat.NewVecDense(n, theta))
	r.SubVec(r, mat.NewVecDense(m, y))
	penalty := 0.0
	for _, t := range theta[1:] {
		penalty += t * t
	}
	return (mat.Dot(r, r) + lambda*penalty) / (2 * float64(m))
}

// FitRidge returns the θ that minimises RidgeCost, as in exercise 11: the least-squares
// solution of the stacked system [X; √λ·D]θ ≈ [y; 0], D = diag(0, 1, …, 1), by QR. It returns
// an error if θ is not determined (λ = 0 and linearly dependent columns, such as fewer rows
// than columns). No input is modified.
func FitRidge(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	m, n := X.Dims()
	A := mat.NewDense(m+n, n, nil)
	A.Slice(0, m, 0, n).(*mat.Dense).Copy(X)
	for j := 1; j < n; j++ { // no row for θ₀, which is not penalised
		A.Set(m+j, j, math.Sqrt(lambda))
	}
	b := mat.NewVecDense(m+n, nil)
	b.SliceVec(0, m).(*mat.VecDense).CopyVec(mat.NewVecDense(m, y))
	var theta mat.VecDense
	if err := theta.SolveVec(A, b); err != nil {
		return nil, fmt.Errorf("FitRidge: λ = %g: %w", lambda, err)
	}
	return theta.RawVector().Data, nil
}

// LearningCurve returns, for each size s = sizes[k], the errors of θ = FitRidge(first s rows
// of Xtrain and yTrain, λ), fitted again for every size:
//
//	trainErr[k] = RidgeCost(the first s training rows, θ, 0)
//	valErr[k]   = RidgeCost(all of Xval and yVal, θ, 0)
//
// Both errors are reported without the penalty (λ = 0 in RidgeCost): λ is only used to fit θ.
// sizes is increasing, each size between 1 and the number of training rows; at λ = 0 each size
// is at least the number of columns of X, so that θ is determined (otherwise LearningCurve may
// panic with FitRidge's error). No input is modified.
func LearningCurve(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambda float64, sizes []int) (trainErr, valErr []float64) {
	_, n := Xtrain.Dims()
	trainErr = make([]float64, len(sizes))
	valErr = make([]float64, len(sizes))
	theta, err := FitRidge(Xtrain, yTrain, lambda) // Mistake: fitted once, on all rows, before the loop
	if err != nil {
		panic(fmt.Sprintf("LearningCurve: %v", err))
	}
	for k, s := range sizes {
		X := Xtrain.Slice(0, s, 0, n).(*mat.Dense)
		y := yTrain[:s]
		trainErr[k] = RidgeCost(X, y, theta, 0)
		valErr[k] = RidgeCost(Xval, yVal, theta, 0)
	}
	return trainErr, valErr
}

// ValidationCurve returns, for each penalty λ = lambdas[k] (in any order), the errors of
// θ = FitRidge(Xtrain, yTrain, λ), fitted on all training rows:
//
//	trainErr[k] = RidgeCost(Xtrain, yTrain, θ, 0)
//	valErr[k]   = RidgeCost(Xval, yVal, θ, 0)
//
// Both errors are reported without the penalty. A fit that fails (λ = 0 on linearly dependent
// columns) panics with FitRidge's error. No input is modified.
func ValidationCurve(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambdas []float64) (trainErr, valErr []float64) {
	trainErr = make([]float64, len(lambdas))
	valErr = make([]float64, len(lambdas))
	for k, lambda := range lambdas {
		theta, err := FitRidge(Xtrain, yTrain, lambda)
		if err != nil {
			panic(fmt.Sprintf("ValidationCurve: λ = %g: %v", lambda, err))
		}
		trainErr[k] = RidgeCost(Xtrain, yTrain, theta, 0)
		valErr[k] = RidgeCost(Xval, yVal, theta, 0)
	}
	return trainErr, valErr
}

// Diagnose reads a learning curve at its last point, the largest training set: with J_train
// and J_val the last values of trainErr and valErr (which have the same length, at least 1),
// it returns
//
//	HighBias      if J_train > target,
//	HighVariance  if J_train ≤ target < J_val,
//	Neither       if J_val ≤ target as well.
//
// No input is modified.
func Diagnose(trainErr, valErr []float64, target float64) string {
	jTrain, jVal := trainErr[len(trainErr)-1], valErr[len(valErr)-1]
	switch {
	case jTrain > target:
		return HighBias
	case jVal > target:
		return HighVariance
	}
	return Neither
}
