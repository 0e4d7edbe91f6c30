// Package selection measures how well a model generalises, to choose a model and its
// hyper-parameters honestly and to combine models without leaking:
//
//   - [LearningCurve] and [ValidationCurve] give the training and validation errors of ridge
//     regression over one fixed train/validation split, as the training set grows and as the
//     penalty changes: how one tells high bias (both errors high and close) from high variance
//     (a low training error and a wide gap to the validation error). They follow scikit-learn
//     1.2's learning_curve and validation_curve called with one predefined split
//     (cv = [(train, validation)]), shuffle=False, absolute training-set sizes, Ridge(alpha)
//     and the neg_mean_squared_error scoring (negated back to an error).
//   - [CrossValidate] runs k-fold cross-validation of a [Pipeline] (a [Transformer], then a
//     [Regressor]) whose steps are fitted anew inside each fold, on its training rows only, as
//     scikit-learn's cross_val_score of a make_pipeline.
//   - [SearchRidge] chooses ridge's penalty by k-fold cross-validation and refits on all rows,
//     as scikit-learn's GridSearchCV with refit=True.
//   - [CrossValPredict] gives out-of-fold predictions (scikit-learn's cross_val_predict), and
//     [FitStack] fits a two-stage stack whose second stage learns from them, as
//     StackingRegressor with passthrough=True.
//
// Each function's doc comment names the scikit-learn call it reproduces; the tests compare
// with values those calls produced (the scripts are in testdata/).
package selection
