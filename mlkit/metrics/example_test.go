package metrics_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/metrics"
)

func ExampleMSE() {
	yTrue := []float64{3, -0.5, 2, 7}
	yPred := []float64{2.5, 0, 2, 8}
	fmt.Printf("MSE  %.4f\n", metrics.MSE(yTrue, yPred))
	fmt.Printf("RMSE %.4f\n", metrics.RMSE(yTrue, yPred))
	fmt.Printf("MAE  %.4f\n", metrics.MAE(yTrue, yPred))
	fmt.Printf("R²   %.4f\n", metrics.R2(yTrue, yPred))
	// Output:
	// MSE  0.3750
	// RMSE 0.6124
	// MAE  0.5000
	// R²   0.9486
}

func ExampleRMSE() {
	fmt.Printf("%.4f\n", metrics.RMSE([]float64{1, 2, 3}, []float64{1, 2, 5}))
	// Output: 1.1547
}

func ExampleMAE() {
	fmt.Println(metrics.MAE([]float64{1, 2, 3}, []float64{2, 2, 1}))
	// Output: 1
}

func ExampleR2() {
	// A constant target: R² is 1 for a perfect prediction and 0 otherwise, never NaN.
	constant := []float64{2, 2, 2}
	fmt.Println(metrics.R2(constant, []float64{2, 2, 2}))
	fmt.Println(metrics.R2(constant, []float64{2, 2.5, 2}))
	// Worse than predicting the mean: negative.
	fmt.Println(metrics.R2([]float64{1, 2, 3}, []float64{3, 2, 1}))
	// Output:
	// 1
	// 0
	// -3
}

func ExampleAccuracy() {
	fmt.Println(metrics.Accuracy([]int{0, 1, 2, 2}, []int{0, 2, 2, 2}))
	// Output: 0.75
}

func ExampleConfusionMatrix() {
	yTrue := []int{0, 1, 0, 1, 1}
	yPred := []int{1, 1, 0, 1, 0}
	c := metrics.ConfusionMatrix(yTrue, yPred, 2)
	tn, fp, fn, tp := c[0][0], c[0][1], c[1][0], c[1][1]
	fmt.Println(c)
	fmt.Println("tn fp fn tp:", tn, fp, fn, tp)
	// Output:
	// [[1 1] [1 2]]
	// tn fp fn tp: 1 1 1 2
}

func ExamplePrecisionRecallF1() {
	yTrue := []int{0, 1, 2, 0, 1, 2}
	yPred := []int{0, 2, 1, 0, 0, 1}
	for _, avg := range []metrics.Average{metrics.Macro, metrics.Micro, metrics.Weighted} {
		p, r, f := metrics.PrecisionRecallF1(yTrue, yPred, 3, avg)
		fmt.Printf("%-8v P=%.4f R=%.4f F1=%.4f\n", avg, p, r, f)
	}
	// Output:
	// macro    P=0.2222 R=0.3333 F1=0.2667
	// micro    P=0.3333 R=0.3333 F1=0.3333
	// weighted P=0.2222 R=0.3333 F1=0.2667
}

func ExamplePrecision() {
	// Nothing predicted positive: precision is 0/0, reported as 0 (never NaN).
	fmt.Println(metrics.Precision([]int{0, 1, 0, 1}, []int{0, 0, 0, 0}, 2, metrics.Binary))
	fmt.Println(metrics.Precision([]int{0, 1, 0, 1}, []int{1, 1, 0, 1}, 2, metrics.Binary))
	// Output:
	// 0
	// 0.6666666666666666
}

func ExampleRecall() {
	fmt.Println(metrics.Recall([]int{0, 1, 0, 1}, []int{1, 1, 0, 0}, 2, metrics.Binary))
	// Output: 0.5
}

func ExampleF1() {
	// tp = 2, fp = 1, fn = 1: F1 = 2·2/(2·2+1+1).
	fmt.Printf("%.4f\n", metrics.F1([]int{1, 1, 1, 0, 0}, []int{1, 1, 0, 1, 0}, 2, metrics.Binary))
	// Output: 0.6667
}

func ExamplePerClass() {
	p, r, f1, support := metrics.PerClass([]int{0, 1, 2, 0, 1, 2}, []int{0, 2, 1, 0, 0, 1}, 3)
	fmt.Printf("precision %.3f\nrecall    %.3f\nf1        %.3f\nsupport   %v\n", p, r, f1, support)
	// Output:
	// precision [0.667 0.000 0.000]
	// recall    [1.000 0.000 0.000]
	// f1        [0.800 0.000 0.000]
	// support   [2 2 2]
}

func ExampleAverage_String() {
	fmt.Println(metrics.Macro, metrics.Weighted)
	// Output: macro weighted
}

func ExampleBinaryLogLoss() {
	yTrue := []int{1, 0, 0, 1}
	pSpam := []float64{0.9, 0.1, 0.2, 0.65}
	fmt.Printf("%.6f\n", metrics.BinaryLogLoss(yTrue, pSpam))
	// A certain, wrong prediction is clipped to 1e-15, not an infinite loss.
	fmt.Printf("%.4f\n", metrics.BinaryLogLoss([]int{1}, []float64{0}))
	// Output:
	// 0.216162
	// 34.5388
}

func ExampleLogLoss() {
	// −(log 0.7 + log 0.5 + log 0.2)/3.
	proba := mat.NewDense(3, 3, []float64{
		0.7, 0.2, 0.1,
		0.25, 0.5, 0.25,
		0.4, 0.4, 0.2,
	})
	fmt.Printf("%.6f\n", metrics.LogLoss([]int{0, 1, 2}, proba))
	// Output: 0.886420
}

func ExampleROCAUC() {
	yTrue := []int{0, 0, 1, 1}
	score := []float64{0.1, 0.4, 0.35, 0.8}
	fmt.Println(metrics.ROCAUC(yTrue, score))
	// Ties count one half.
	fmt.Println(metrics.ROCAUC([]int{0, 1, 1}, []float64{0.2, 0.2, 0.9}))
	// Output:
	// 0.75
	// 0.75
}

func ExampleROCAUCOvR() {
	// Three classes; column c holds the predicted probability of class c. scikit-learn 1.2.1
	// gives 0.8958333333333334.
	proba := mat.NewDense(6, 3, []float64{
		0.8, 0.1, 0.1,
		0.3, 0.6, 0.1,
		0.2, 0.2, 0.6,
		0.1, 0.7, 0.2,
		0.4, 0.2, 0.4,
		0.2, 0.5, 0.3,
	})
	fmt.Printf("%.4f\n", metrics.ROCAUCOvR([]int{0, 1, 2, 1, 2, 0}, proba))
	// Output: 0.8958
}

func ExampleROCCurve() {
	fpr, tpr, thresholds := metrics.ROCCurve([]int{0, 0, 1, 1}, []float64{0.1, 0.4, 0.35, 0.8})
	fmt.Println("fpr", fpr)
	fmt.Println("tpr", tpr)
	fmt.Println("thresholds", thresholds)
	// Output:
	// fpr [0 0 0.5 0.5 1]
	// tpr [0 0.5 0.5 1 1]
	// thresholds [+Inf 0.8 0.4 0.35 0.1]
}

func ExamplePrecisionRecallCurve() {
	precision, recall, thresholds := metrics.PrecisionRecallCurve([]int{0, 0, 1, 1}, []float64{0.1, 0.4, 0.35, 0.8})
	fmt.Printf("precision %.3f\n", precision)
	fmt.Println("recall", recall)
	fmt.Println("thresholds", thresholds)
	// Output:
	// precision [0.500 0.667 0.500 1.000 1.000]
	// recall [1 1 0.5 0.5 0]
	// thresholds [0.1 0.35 0.4 0.8]
}

func ExampleAveragePrecision() {
	fmt.Printf("%.4f\n", metrics.AveragePrecision([]int{0, 0, 1, 1}, []float64{0.1, 0.4, 0.35, 0.8}))
	// Output: 0.8333
}
