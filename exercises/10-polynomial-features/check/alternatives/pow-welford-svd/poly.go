// Package polyfeat is an alternative correct solution of exercise 10, written from the README
// alone: powers with math.Pow, each column's mean and population σ in one pass with Welford's
// running update, and the least-squares fits through a thin SVD, θ = V·Σ⁻¹·Uᵀy.
package polyfeat

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// PolyFeatures returns the powers 1 … degree of each x, one row per x.
func PolyFeatures(x []float64, degree int) *mat.Dense {
	if degree < 1 {
		panic("polyfeat: degree < 1")
	}
	X := mat.NewDense(len(x), degree, nil)
	for i, v := range x {
		for j := 1; j <= degree; j++ {
			X.Set(i, j-1, math.Pow(v, float64(j)))
		}
	}
	return X
}

// ScaledPolyFeatures expands both sets and standardises each column with the training rows'
// mean and population σ (1 for a constant column).
func ScaledPolyFeatures(xTrain, xTest []float64, degree int) (train, test *mat.Dense) {
	if len(xTrain) == 0 {
		panic("polyfeat: no training rows")
	}
	train, test = PolyFeatures(xTrain, degree), PolyFeatures(xTest, degree)
	for j := range degree {
		// Welford: mean and the sum of squared deviations, updated row by row.
		mean, m2 := 0.0, 0.0
		for i := range xTrain {
			v := train.At(i, j)
			delta := v - mean
			mean += delta / float64(i+1)
			m2 += delta * (v - mean)
		}
		sd := math.Sqrt(m2 / float64(len(xTrain)))
		if sd == 0 {
			sd = 1
		}
		for i := range xTrain {
			train.Set(i, j, (train.At(i, j)-mean)/sd)
		}
		for i := range xTest {
			test.Set(i, j, (test.At(i, j)-mean)/sd)
		}
	}
	return train, test
}

// RMSEByDegree fits every degree from 1 to maxDegree by least squares on [1 Z] and returns the
// training and validation RMSE of each fit.
func RMSEByDegree(xTrain, yTrain, xVal, yVal []float64, maxDegree int) (trainRMSE, valRMSE []float64) {
	if maxDegree < 1 || len(xTrain) != len(yTrain) || len(xVal) != len(yVal) {
		panic("polyfeat: bad arguments")
	}
	trainRMSE = make([]float64, maxDegree)
	valRMSE = make([]float64, maxDegree)
	for d := 1; d <= maxDegree; d++ {
		Ztr, Zval := ScaledPolyFeatures(xTrain, xVal, d)
		Atr, Aval := ones(Ztr), ones(Zval)
		theta := lstsq(Atr, yTrain)
		trainRMSE[d-1] = rmse(Atr, theta, yTrain)
		valRMSE[d-1] = rmse(Aval, theta, yVal)
	}
	return trainRMSE, valRMSE
}

// ones returns Z with a column of ones in front.
func ones(Z *mat.Dense) *mat.Dense {
	r, c := Z.Dims()
	A := mat.NewDense(r, c+1, nil)
	for i := range r {
		A.Set(i, 0, 1)
		for j := range c {
			A.Set(i, j+1, Z.At(i, j))
		}
	}
	return A
}

// lstsq returns the least-squares solution of Aθ ≈ y through the thin SVD A = UΣVᵀ.
func lstsq(A *mat.Dense, y []float64) []float64 {
	var svd mat.SVD
	if !svd.Factorize(A, mat.SVDThin) {
		panic("polyfeat: the SVD did not converge")
	}
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	s := svd.Values(nil)
	_, n := A.Dims()
	theta := make([]float64, n)
	for k, sk := range s {
		if sk <= 1e-13*s[0] {
			continue // a direction the data do not determine
		}
		c := 0.0
		for i, v := range y {
			c += U.At(i, k) * v
		}
		c /= sk
		for j := range n {
			theta[j] += c * V.At(j, k)
		}
	}
	return theta
}

// rmse returns √(1/m·Σᵢ (Aθ − y)ᵢ²).
func rmse(A *mat.Dense, theta, y []float64) float64 {
	ss := 0.0
	for i, v := range y {
		p := 0.0
		for j, t := range theta {
			p += A.At(i, j) * t
		}
		ss += (p - v) * (p - v)
	}
	return math.Sqrt(ss / float64(len(y)))
}
