// Package curves is an alternative correct solution of exercise 13, written from the README
// alone: the stacked ridge system solved by mat.Dense.Solve (QR for a tall matrix), the
// residuals with gonum's vector operations, the curves grown with append, and the diagnosis
// as "not good enough on the training rows" before "not good enough on new rows".
package curves

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// The three answers of Diagnose.
const (
	HighBias     = "high bias"
	HighVariance = "high variance"
	Neither      = "neither"
)

// RidgeCost returns 1/(2m)·(‖Xθ − y‖² + λ·Σⱼ≥₁ θⱼ²).
func RidgeCost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	m, _ := X.Dims()
	pred := make([]float64, m)
	mat.NewVecDense(m, pred).MulVec(X, mat.NewVecDense(len(theta), theta))
	floats.Sub(pred, y)
	return (floats.Dot(pred, pred) + lambda*floats.Dot(theta[1:], theta[1:])) / float64(2*m)
}

// FitRidge solves [X; √λ·D]θ ≈ [y; 0] in the least-squares sense.
func FitRidge(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	m, n := X.Dims()
	A := mat.NewDense(m+n-1, n, nil)
	b := mat.NewDense(m+n-1, 1, nil)
	for i := range m {
		A.SetRow(i, X.RawRowView(i))
		b.Set(i, 0, y[i])
	}
	for j := 1; j < n; j++ {
		A.Set(m+j-1, j, math.Sqrt(lambda))
	}
	var theta mat.Dense
	if err := theta.Solve(A, b); err != nil {
		return nil, err
	}
	return mat.Col(nil, 0, &theta), nil
}

// LearningCurve refits on the first s rows for each size.
func LearningCurve(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambda float64, sizes []int) (trainErr, valErr []float64) {
	_, n := Xtrain.Dims()
	for _, s := range sizes {
		X := mat.DenseCopyOf(Xtrain.Slice(0, s, 0, n))
		theta, err := FitRidge(X, yTrain[:s], lambda)
		if err != nil {
			panic(err)
		}
		trainErr = append(trainErr, RidgeCost(X, yTrain[:s], theta, 0))
		valErr = append(valErr, RidgeCost(Xval, yVal, theta, 0))
	}
	return trainErr, valErr
}

// ValidationCurve fits on all training rows for each λ.
func ValidationCurve(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambdas []float64) (trainErr, valErr []float64) {
	for _, l := range lambdas {
		theta, err := FitRidge(Xtrain, yTrain, l)
		if err != nil {
			panic(err)
		}
		trainErr = append(trainErr, RidgeCost(Xtrain, yTrain, theta, 0))
		valErr = append(valErr, RidgeCost(Xval, yVal, theta, 0))
	}
	return trainErr, valErr
}

// Diagnose reads the last point of the curves.
func Diagnose(trainErr, valErr []float64, target float64) string {
	fitsTraining := trainErr[len(trainErr)-1] <= target
	generalises := valErr[len(valErr)-1] <= target
	switch {
	case !fitsTraining:
		return HighBias
	case !generalises:
		return HighVariance
	default:
		return Neither
	}
}
