// Package curves is an alternative correct solution of exercise 13, written from the README
// alone: the ridge fit by centring and a thin SVD instead of a zero in D, every subset of rows
// copied into a new matrix, the errors summed in plain loops, and the validation curve as one
// learning-curve point (all rows) per λ.
package curves

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// The three answers of Diagnose.
const (
	HighBias     = "high bias"
	HighVariance = "high variance"
	Neither      = "neither"
)

// RidgeCost returns 1/(2m)·‖Xθ − y‖² + λ/(2m)·Σⱼ≥₁ θⱼ².
func RidgeCost(X *mat.Dense, y, theta []float64, lambda float64) float64 {
	m, n := X.Dims()
	sum := 0.0
	for i := range m {
		pred := 0.0
		for j := range n {
			pred += X.At(i, j) * theta[j]
		}
		sum += (pred - y[i]) * (pred - y[i])
	}
	for j := 1; j < n; j++ {
		sum += lambda * theta[j] * theta[j]
	}
	return sum / float64(2*m)
}

// FitRidge returns the ridge θ: the weights w of the centred features from a thin SVD
// Xc = UΣVᵀ, w = V·diag(σₖ/(σₖ² + λ))·Uᵀyc, and θ₀ = ȳ − x̄·w.
func FitRidge(X *mat.Dense, y []float64, lambda float64) ([]float64, error) {
	m, n := X.Dims()
	mean := make([]float64, n)
	ybar := 0.0
	for i := range m {
		for j := 1; j < n; j++ {
			mean[j] += X.At(i, j)
		}
		ybar += y[i]
	}
	for j := range mean {
		mean[j] /= float64(m)
	}
	ybar /= float64(m)
	theta := make([]float64, n)
	theta[0] = ybar
	if n == 1 {
		return theta, nil
	}
	Xc := mat.NewDense(m, n-1, nil)
	yc := make([]float64, m)
	for i := range m {
		for j := 1; j < n; j++ {
			Xc.Set(i, j-1, X.At(i, j)-mean[j])
		}
		yc[i] = y[i] - ybar
	}
	var svd mat.SVD
	if !svd.Factorize(Xc, mat.SVDThin) {
		return nil, errors.New("FitRidge: the SVD did not converge")
	}
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	s := svd.Values(nil)
	if lambda == 0 && (len(s) < n-1 || s[len(s)-1] <= 1e-12*s[0]) {
		return nil, fmt.Errorf("FitRidge: λ = 0 and the features are linearly dependent")
	}
	for k, sk := range s {
		if sk == 0 {
			continue
		}
		c := 0.0
		for i := range m {
			c += U.At(i, k) * yc[i]
		}
		c *= sk / (sk*sk + lambda)
		for j := 1; j < n; j++ {
			theta[j] += c * V.At(j-1, k)
		}
	}
	for j := 1; j < n; j++ {
		theta[0] -= mean[j] * theta[j]
	}
	return theta, nil
}

// halfMSE returns 1/(2m)·Σ(xᵢθ − yᵢ)², the error without the penalty.
func halfMSE(X *mat.Dense, y, theta []float64) float64 {
	return RidgeCost(X, y, theta, 0)
}

// LearningCurve fits θ on a copy of the first s rows for every size s, and scores it on those
// rows and on the whole validation set.
func LearningCurve(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambda float64, sizes []int) (trainErr, valErr []float64) {
	_, n := Xtrain.Dims()
	for _, s := range sizes {
		X := mat.NewDense(s, n, nil)
		y := make([]float64, s)
		for i := range s {
			X.SetRow(i, Xtrain.RawRowView(i))
			y[i] = yTrain[i]
		}
		theta, err := FitRidge(X, y, lambda)
		if err != nil {
			panic(err)
		}
		trainErr = append(trainErr, halfMSE(X, y, theta))
		valErr = append(valErr, halfMSE(Xval, yVal, theta))
	}
	return trainErr, valErr
}

// ValidationCurve is the last point of a learning curve (all rows) for each λ.
func ValidationCurve(Xtrain *mat.Dense, yTrain []float64, Xval *mat.Dense, yVal []float64, lambdas []float64) (trainErr, valErr []float64) {
	m, _ := Xtrain.Dims()
	for _, l := range lambdas {
		tr, va := LearningCurve(Xtrain, yTrain, Xval, yVal, l, []int{m})
		trainErr = append(trainErr, tr[0])
		valErr = append(valErr, va[0])
	}
	return trainErr, valErr
}

// Diagnose reads the last point of the curves.
func Diagnose(trainErr, valErr []float64, target float64) string {
	last := len(trainErr) - 1
	if trainErr[last] > target {
		return HighBias
	}
	if valErr[last] > target {
		return HighVariance
	}
	return Neither
}
