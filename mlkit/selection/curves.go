package selection

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/linear"
)

// LearningCurve returns the training and validation errors of ridge regression with penalty
// alpha fitted on the first sizes[k] rows of (Xtrain, yTrain), for each k:
//
//	train[k] = MSE of the fit on the sizes[k] rows it was fitted on,
//	val[k]   = MSE of the same fit on all of (Xval, yVal),
//
// where MSE = 1/m·Σᵢ (ŷᵢ − yᵢ)², scikit-learn's mean_squared_error, without a penalty term
// (the course's J = 1/(2m)·‖Xθ − y‖² is half of it). The model is refitted from scratch for
// every size. It is linear.Ridge{Alpha: alpha}, which minimises ‖y − Xw − b‖² + α‖w‖² with an
// unpenalised intercept b: X holds the features only, with no column of ones, and α equals
// the λ of J(θ) = 1/(2m)·(‖Xθ − y‖² + λ·Σⱼ≥₁ θⱼ²) on the design matrix [1 X]. Rows are taken
// in their order (scikit-learn's shuffle=False); sizes may come in any order and repeat.
//
// With alpha = 0 and fewer rows than features plus one, the fit is not determined: Ridge then
// returns the minimum-norm solution of the centred problem, one of the many exact fits.
//
// It returns the error of a fit that fails (NaN or ±Inf in the data). It panics if alpha is
// negative or NaN, if a size is outside 1…m (m the rows of Xtrain), if the lengths of yTrain
// and yVal differ from the rows of Xtrain and Xval, or if the two matrices have different
// numbers of columns.
func LearningCurve(Xtrain mat.Matrix, yTrain []float64, Xval mat.Matrix, yVal []float64, alpha float64, sizes []int) (train, val []float64, err error) {
	m := checkInputs("LearningCurve", Xtrain, yTrain, Xval, yVal)
	checkAlpha("LearningCurve", alpha)
	for k, s := range sizes {
		if s < 1 || s > m {
			panic(fmt.Sprintf("selection.LearningCurve: sizes[%d] = %d, want 1…%d", k, s, m))
		}
	}
	_, n := Xtrain.Dims()
	Xd, ok := Xtrain.(*mat.Dense)
	if !ok {
		Xd = mat.DenseCopyOf(Xtrain)
	}
	train, val = make([]float64, len(sizes)), make([]float64, len(sizes))
	for k, s := range sizes {
		var r linear.Ridge
		if train[k], val[k], err = fitScore(&r, alpha, Xd.Slice(0, s, 0, n), yTrain[:s], Xval, yVal); err != nil {
			return nil, nil, fmt.Errorf("selection.LearningCurve: size %d: %w", s, err)
		}
	}
	return train, val, nil
}

// ValidationCurve returns the training and validation errors of ridge regression fitted on all
// of (Xtrain, yTrain) with each penalty alphas[k]:
//
//	train[k] = MSE of the fit on (Xtrain, yTrain),
//	val[k]   = MSE of the same fit on (Xval, yVal),
//
// with MSE and the model as in LearningCurve: the errors have no penalty term, so the
// training error grows with α while the validation error is usually lowest in between.
//
// It returns the error of a fit that fails. It panics if an alpha is negative or NaN, or for
// inputs LearningCurve panics on.
func ValidationCurve(Xtrain mat.Matrix, yTrain []float64, Xval mat.Matrix, yVal []float64, alphas []float64) (train, val []float64, err error) {
	checkInputs("ValidationCurve", Xtrain, yTrain, Xval, yVal)
	for _, a := range alphas {
		checkAlpha("ValidationCurve", a)
	}
	train, val = make([]float64, len(alphas)), make([]float64, len(alphas))
	for k, a := range alphas {
		var r linear.Ridge
		if train[k], val[k], err = fitScore(&r, a, Xtrain, yTrain, Xval, yVal); err != nil {
			return nil, nil, fmt.Errorf("selection.ValidationCurve: α = %g: %w", a, err)
		}
	}
	return train, val, nil
}

// fitScore fits r with penalty alpha on (X, y) and returns its mean squared errors on (X, y)
// and on (Xval, yVal).
func fitScore(r *linear.Ridge, alpha float64, X mat.Matrix, y []float64, Xval mat.Matrix, yVal []float64) (train, val float64, err error) {
	r.Alpha = alpha
	if err := r.Fit(X, y); err != nil {
		return 0, 0, err
	}
	return mse(y, r.Predict(nil, X)), mse(yVal, r.Predict(nil, Xval)), nil
}

// mse returns 1/m·Σ(pred − y)².
func mse(y, pred []float64) float64 {
	s := 0.0
	for i, v := range y {
		d := pred[i] - v
		s += d * d
	}
	return s / float64(len(y))
}

// checkInputs panics unless the shapes agree, and returns the number of training rows.
func checkInputs(fn string, Xtrain mat.Matrix, yTrain []float64, Xval mat.Matrix, yVal []float64) int {
	m, n := Xtrain.Dims()
	mv, nv := Xval.Dims()
	switch {
	case len(yTrain) != m:
		panic(fmt.Sprintf("selection.%s: Xtrain has %d rows but yTrain has %d values", fn, m, len(yTrain)))
	case len(yVal) != mv:
		panic(fmt.Sprintf("selection.%s: Xval has %d rows but yVal has %d values", fn, mv, len(yVal)))
	case nv != n:
		panic(fmt.Sprintf("selection.%s: Xtrain has %d columns but Xval has %d", fn, n, nv))
	}
	return m
}

func checkAlpha(fn string, alpha float64) {
	if alpha < 0 || math.IsNaN(alpha) {
		panic(fmt.Sprintf("selection.%s: α = %v, want α ≥ 0", fn, alpha))
	}
}
