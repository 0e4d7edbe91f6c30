// Package polyfeat is an alternative correct solution of exercise 10, written from the README
// alone: the powers built a column at a time (x^j = x^(j−1)·x), each column standardised with
// two passes over the training rows, and the least-squares fits through an explicit QR
// factorisation (mat.QR) with the residual norm for the RMSE.
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
	X.SetCol(0, x)
	for j := 1; j < degree; j++ {
		for i, v := range x {
			X.Set(i, j, X.At(i, j-1)*v)
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
	m := float64(len(xTrain))
	mean := make([]float64, degree)
	sd := make([]float64, degree)
	for j := range degree {
		for i := range xTrain {
			mean[j] += train.At(i, j)
		}
		mean[j] /= m
		for i := range xTrain {
			d := train.At(i, j) - mean[j]
			sd[j] += d * d
		}
		sd[j] = math.Sqrt(sd[j] / m)
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	train.Apply(func(_, j int, v float64) float64 { return (v - mean[j]) / sd[j] }, train)
	test.Apply(func(_, j int, v float64) float64 { return (v - mean[j]) / sd[j] }, test)
	return train, test
}

// RMSEByDegree fits every degree from 1 to maxDegree by least squares on [1 Z] and returns the
// training and validation RMSE of each fit.
func RMSEByDegree(xTrain, yTrain, xVal, yVal []float64, maxDegree int) (trainRMSE, valRMSE []float64) {
	if maxDegree < 1 || len(xTrain) != len(yTrain) || len(xVal) != len(yVal) {
		panic("polyfeat: bad arguments")
	}
	for d := 1; d <= maxDegree; d++ {
		Ztr, Zval := ScaledPolyFeatures(xTrain, xVal, d)
		var Atr, Aval mat.Dense
		Atr.Augment(ones(len(xTrain)), Ztr)
		Aval.Augment(ones(len(xVal)), Zval)
		var qr mat.QR
		qr.Factorize(&Atr)
		var theta mat.VecDense
		if err := qr.SolveVecTo(&theta, false, mat.NewVecDense(len(yTrain), yTrain)); err != nil {
			panic(err)
		}
		trainRMSE = append(trainRMSE, rmse(&Atr, &theta, yTrain))
		valRMSE = append(valRMSE, rmse(&Aval, &theta, yVal))
	}
	return trainRMSE, valRMSE
}

func ones(m int) *mat.Dense {
	o := mat.NewDense(m, 1, nil)
	for i := range m {
		o.Set(i, 0, 1)
	}
	return o
}

// rmse returns ‖Aθ − y‖/√m.
func rmse(A *mat.Dense, theta *mat.VecDense, y []float64) float64 {
	var r mat.VecDense
	r.MulVec(A, theta)
	r.SubVec(&r, mat.NewVecDense(len(y), y))
	return mat.Norm(&r, 2) / math.Sqrt(float64(len(y)))
}
