package selection

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/data"
	"github.com/mlkata/mlkata/mlkit/linear"
)

// RidgeSearch is the outcome of SearchRidge: the cross-validation error of every candidate
// penalty, the best one, and ridge refitted with it on all rows.
type RidgeSearch struct {
	// Alphas are the candidate penalties, in the order SearchRidge was given them.
	Alphas []float64
	// CVError[i] is the cross-validation error of Alphas[i]: the mean over the folds of the
	// validation error FoldError[i][f].
	CVError []float64
	// FoldError[i][f] is the mean squared error, on fold f's Test rows, of ridge with
	// penalty Alphas[i] fitted on fold f's Train rows.
	FoldError [][]float64
	// TrainError[i] is the mean over the folds of the mean squared error of each fold's fit
	// on the Train rows it was fitted on.
	TrainError []float64
	// Best is the index of the smallest CVError; among equal errors, the first.
	Best int
	// Model is ridge with penalty Alphas[Best] fitted on all rows.
	Model *linear.Ridge
}

// BestAlpha returns the penalty with the smallest cross-validation error, Alphas[Best].
func (s *RidgeSearch) BestAlpha() float64 { return s.Alphas[s.Best] }

// SearchRidge chooses the penalty of ridge regression by cross-validation over a grid, as
// scikit-learn's
//
//	GridSearchCV(Ridge(), {"alpha": alphas}, cv=folds, scoring="neg_mean_squared_error",
//	             return_train_score=True, refit=True)
//
// does, with the errors negated back to mean squared errors 1/m·Σᵢ (ŷᵢ − yᵢ)². For each
// candidate α and each fold f, ridge (linear.Ridge{Alpha: α}, with an unpenalised intercept:
// X holds the features only) is fitted on the rows folds[f].Train of X and y and scored on
// the rows folds[f].Test:
//
//	FoldError[i][f] = MSE on folds[f].Test of the fit of alphas[i] on folds[f].Train
//	CVError[i]      = 1/k · Σ_f FoldError[i][f]
//
// CVError is the unweighted mean of the k fold errors (scikit-learn's mean_test_score), not
// the error pooled over all validation rows: the two differ when the folds differ in size.
// Best is the index of the smallest CVError, the first one in alphas order among equal values
// (scikit-learn's best_index_, numpy's argmin), and Model is refitted on all rows of X with
// alphas[Best]. Folds usually come from data.KFold; any splits will do (their Test parts need
// not cover the rows, as with a repeated or a shuffled split).
//
// It returns the error of a fit that fails (NaN or ±Inf in X or y), and an error if a fit's
// error is not finite. It panics if len(y) is not the number of rows of X, if alphas or folds
// is empty, if an alpha is negative or NaN, or if a fold has an empty Train or Test part or an
// index outside 0…m−1.
func SearchRidge(X mat.Matrix, y []float64, alphas []float64, folds []data.Split) (*RidgeSearch, error) {
	m, _ := X.Dims()
	switch {
	case len(y) != m:
		panic(fmt.Sprintf("selection.SearchRidge: len(y) = %d, X has %d rows", len(y), m))
	case len(alphas) == 0:
		panic("selection.SearchRidge: no alphas")
	case len(folds) == 0:
		panic("selection.SearchRidge: no folds")
	}
	for i, a := range alphas {
		if !(a >= 0) {
			panic(fmt.Sprintf("selection.SearchRidge: alphas[%d] = %v, want ≥ 0", i, a))
		}
	}
	for f, s := range folds {
		if len(s.Train) == 0 || len(s.Test) == 0 {
			panic(fmt.Sprintf("selection.SearchRidge: fold %d has %d training and %d test rows, want both > 0", f, len(s.Train), len(s.Test)))
		}
		for _, idx := range [][]int{s.Train, s.Test} {
			for _, r := range idx {
				if r < 0 || r >= m {
					panic(fmt.Sprintf("selection.SearchRidge: fold %d holds the row index %d, X has %d rows", f, r, m))
				}
			}
		}
	}

	// Gather each fold's rows once; they serve every alpha.
	type part struct {
		X *mat.Dense
		y []float64
	}
	train, test := make([]part, len(folds)), make([]part, len(folds))
	for f, s := range folds {
		train[f] = part{data.TakeRows(X, s.Train), data.Take(y, s.Train)}
		test[f] = part{data.TakeRows(X, s.Test), data.Take(y, s.Test)}
	}

	k := float64(len(folds))
	res := &RidgeSearch{
		Alphas:     append([]float64(nil), alphas...),
		CVError:    make([]float64, len(alphas)),
		FoldError:  make([][]float64, len(alphas)),
		TrainError: make([]float64, len(alphas)),
	}
	for i, a := range alphas {
		res.FoldError[i] = make([]float64, len(folds))
		var cv, tr float64
		for f := range folds {
			r := &linear.Ridge{Alpha: a}
			if err := r.Fit(train[f].X, train[f].y); err != nil {
				return nil, fmt.Errorf("selection.SearchRidge: alpha %v, fold %d: %w", a, f, err)
			}
			res.FoldError[i][f] = searchMSE(r, test[f].X, test[f].y)
			cv += res.FoldError[i][f]
			tr += searchMSE(r, train[f].X, train[f].y)
		}
		res.CVError[i], res.TrainError[i] = cv/k, tr/k
		if e := res.CVError[i]; math.IsNaN(e) || math.IsInf(e, 0) {
			return nil, fmt.Errorf("selection.SearchRidge: alpha %v: the cross-validation error is %v", a, e)
		}
		if res.CVError[i] < res.CVError[res.Best] {
			res.Best = i
		}
	}
	res.Model = &linear.Ridge{Alpha: res.BestAlpha()}
	if err := res.Model.Fit(X, y); err != nil {
		return nil, fmt.Errorf("selection.SearchRidge: refit with alpha %v: %w", res.BestAlpha(), err)
	}
	return res, nil
}

// searchMSE returns the mean squared error of r's predictions for the rows of X against y.
func searchMSE(r *linear.Ridge, X *mat.Dense, y []float64) float64 {
	pred := r.Predict(nil, X)
	s := 0.0
	for i, p := range pred {
		d := p - y[i]
		s += d * d
	}
	return s / float64(len(y))
}
