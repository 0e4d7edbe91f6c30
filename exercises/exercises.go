// Package exercises is mlkata's course: the ordered list of exercises that `grade` grades.
//
// Each exercise lives in its own folder beside this file (see DESIGN.md, "One exercise = one
// folder"): the learner's package with its stubs, solution/ with the reference solution, and
// check/ with the exercise's grader.Exercise value and its checks, which never import the
// learner's package. Adding an exercise means adding its folder and one line to All.
package exercises

import (
	"github.com/mlkata/mlkata/grader"

	loadingdata "github.com/mlkata/mlkata/exercises/01-loading-data/check"
	regressionmetrics "github.com/mlkata/mlkata/exercises/02-regression-metrics/check"
	classificationmetrics "github.com/mlkata/mlkata/exercises/03-classification-metrics/check"
	traintestsplit "github.com/mlkata/mlkata/exercises/04-train-test-split/check"
	standardize "github.com/mlkata/mlkata/exercises/05-standardize/check"
	normalequation "github.com/mlkata/mlkata/exercises/06-normal-equation/check"
	costandgradient "github.com/mlkata/mlkata/exercises/07-cost-and-gradient/check"
	gradientdescent "github.com/mlkata/mlkata/exercises/08-gradient-descent/check"
	minibatchsgd "github.com/mlkata/mlkata/exercises/09-minibatch-sgd/check"
	polynomialfeatures "github.com/mlkata/mlkata/exercises/10-polynomial-features/check"
	ridgeregression "github.com/mlkata/mlkata/exercises/11-ridge-regression/check"
	logisticregression "github.com/mlkata/mlkata/exercises/12-logistic-regression/check"
	learningandvalidationcurves "github.com/mlkata/mlkata/exercises/13-learning-and-validation-curves/check"
	rocandthresholds "github.com/mlkata/mlkata/exercises/14-roc-and-thresholds/check"
	kfoldcrossvalidation "github.com/mlkata/mlkata/exercises/15-k-fold-cross-validation/check"
	modelselection "github.com/mlkata/mlkata/exercises/16-model-selection/check"
	softmaxregression "github.com/mlkata/mlkata/exercises/17-softmax-regression/check"
	experimentlog "github.com/mlkata/mlkata/exercises/18-experiment-log/check"
	modelcascade "github.com/mlkata/mlkata/exercises/19-model-cascade/check"
	leakagedetective "github.com/mlkata/mlkata/exercises/20-leakage-detective/check"
	knearestneighbours "github.com/mlkata/mlkata/exercises/21-k-nearest-neighbours/check"
	kmeans "github.com/mlkata/mlkata/exercises/22-k-means/check"
	pca "github.com/mlkata/mlkata/exercises/23-pca/check"
	neuralnetwork "github.com/mlkata/mlkata/exercises/24-neural-network/check"
	anomalydetection "github.com/mlkata/mlkata/exercises/25-anomaly-detection/check"
	recommender "github.com/mlkata/mlkata/exercises/26-recommender/check"
	capstonepenguins "github.com/mlkata/mlkata/exercises/27-capstone-penguins/check"
)

// All returns the course, in the order a learner works through it. Each call builds new
// Exercise values, so a caller may change what it gets without affecting anyone else.
func All() []*grader.Exercise {
	return []*grader.Exercise{
		loadingdata.Exercise(),
		regressionmetrics.Exercise(),
		classificationmetrics.Exercise(),
		traintestsplit.Exercise(),
		standardize.Exercise(),
		normalequation.Exercise(),
		costandgradient.Exercise(),
		gradientdescent.Exercise(),
		minibatchsgd.Exercise(),
		polynomialfeatures.Exercise(),
		ridgeregression.Exercise(),
		logisticregression.Exercise(),
		learningandvalidationcurves.Exercise(),
		rocandthresholds.Exercise(),
		kfoldcrossvalidation.Exercise(),
		modelselection.Exercise(),
		softmaxregression.Exercise(),
		experimentlog.Exercise(),
		modelcascade.Exercise(),
		leakagedetective.Exercise(),
		knearestneighbours.Exercise(),
		kmeans.Exercise(),
		pca.Exercise(),
		neuralnetwork.Exercise(),
		anomalydetection.Exercise(),
		recommender.Exercise(),
		capstonepenguins.Exercise(),
	}
}
