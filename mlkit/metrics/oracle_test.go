package metrics

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mlkata/mlkata/mlkit/internal/oracletest"
)

// oracleCase is one entry of testdata/sklearn.json (scikit-learn 1.2.1, numpy 1.24.2); only the
// fields the metrics use are decoded.
type oracleCase struct {
	Kind  string          `json:"kind"`
	Note  string          `json:"note"`
	YTrue json.RawMessage `json:"y_true"`
	YPred json.RawMessage `json:"y_pred"`

	// regression_metrics
	MSE, RMSE, MAE, R2 float64

	// binary_metrics and multiclass_metrics
	YScore            []float64 `json:"y_score"`
	Accuracy          float64
	Precision         float64
	Recall            float64
	F1                float64
	Confusion         [][]int
	LogLoss           *float64  `json:"log_loss"`
	ROCAUC            *float64  `json:"roc_auc"`
	ROCFPR            []float64 `json:"roc_fpr"`
	ROCTPR            []float64 `json:"roc_tpr"`
	PrecisionMacro    float64   `json:"precision_macro"`
	RecallMacro       float64   `json:"recall_macro"`
	F1Macro           float64   `json:"f1_macro"`
	PrecisionMicro    float64   `json:"precision_micro"`
	RecallMicro       float64   `json:"recall_micro"`
	F1Micro           float64   `json:"f1_micro"`
	PrecisionWeighted float64   `json:"precision_weighted"`
	RecallWeighted    float64   `json:"recall_weighted"`
	F1Weighted        float64   `json:"f1_weighted"`
}

// Oracle tolerance for closed-form float metrics: |a−b| ≤ atol + rtol·max(|a|,|b|) with
// rtol = 1e-9 and atol = 1e-12 (summation order differs from numpy's pairwise sums by ~n·ε).
const (
	rtol = 1e-9
	atol = 1e-12
)

// assertClose checks |want−got| ≤ atol + rtol·max(|want|,|got|).
func assertClose(t *testing.T, want, got float64, msgAndArgs ...any) {
	t.Helper()
	tol := atol + rtol*math.Max(math.Abs(want), math.Abs(got))
	assert.InDelta(t, want, got, tol, msgAndArgs...)
}

func assertAllClose(t *testing.T, want, got []float64, msgAndArgs ...any) {
	t.Helper()
	if !assert.Len(t, got, len(want), msgAndArgs...) {
		return
	}
	for i := range want {
		assertClose(t, want[i], got[i], "%s[%d]", fmt.Sprint(msgAndArgs...), i)
	}
}

func TestOracleRegression(t *testing.T) {
	for i, c := range oracletest.Cases[oracleCase](t, "regression_metrics") {
		t.Run(fmt.Sprintf("case%d", i), func(t *testing.T) {
			var yTrue, yPred []float64
			require.NoError(t, json.Unmarshal(c.YTrue, &yTrue))
			require.NoError(t, json.Unmarshal(c.YPred, &yPred))
			assertClose(t, c.MSE, MSE(yTrue, yPred), "MSE")
			assertClose(t, c.RMSE, RMSE(yTrue, yPred), "RMSE")
			assertClose(t, c.MAE, MAE(yTrue, yPred), "MAE")
			assertClose(t, c.R2, R2(yTrue, yPred), "R2 %s", c.Note)
		})
	}
}

func TestOracleBinary(t *testing.T) {
	for i, c := range oracletest.Cases[oracleCase](t, "binary_metrics") {
		t.Run(fmt.Sprintf("case%d", i), func(t *testing.T) {
			var yTrue, yPred []int
			require.NoError(t, json.Unmarshal(c.YTrue, &yTrue))
			require.NoError(t, json.Unmarshal(c.YPred, &yPred))
			// Counts exactly; ratios of small counts to rtol 1e-9.
			assert.Equal(t, c.Confusion, ConfusionMatrix(yTrue, yPred, 2), "confusion")
			assertClose(t, c.Accuracy, Accuracy(yTrue, yPred), "accuracy")
			p, r, f := PrecisionRecallF1(yTrue, yPred, 2, Binary)
			assertClose(t, c.Precision, p, "precision")
			assertClose(t, c.Recall, r, "recall")
			assertClose(t, c.F1, f, "f1")
			assertClose(t, c.Precision, Precision(yTrue, yPred, 2, Binary), "Precision")
			assertClose(t, c.Recall, Recall(yTrue, yPred, 2, Binary), "Recall")
			assertClose(t, c.F1, F1(yTrue, yPred, 2, Binary), "F1")
			if c.YScore == nil {
				return
			}
			require.NotNil(t, c.LogLoss)
			require.NotNil(t, c.ROCAUC)
			assertClose(t, *c.LogLoss, BinaryLogLoss(yTrue, c.YScore), "log loss")
			assertClose(t, *c.ROCAUC, ROCAUC(yTrue, c.YScore), "ROC AUC")
			fpr, tpr, thr := ROCCurve(yTrue, c.YScore)
			assertAllClose(t, c.ROCFPR, fpr, "fpr")
			assertAllClose(t, c.ROCTPR, tpr, "tpr")
			assert.Len(t, thr, len(c.ROCFPR), "thresholds")
		})
	}
}

func TestOracleMulticlass(t *testing.T) {
	for i, c := range oracletest.Cases[oracleCase](t, "multiclass_metrics") {
		t.Run(fmt.Sprintf("case%d", i), func(t *testing.T) {
			var yTrue, yPred []int
			require.NoError(t, json.Unmarshal(c.YTrue, &yTrue))
			require.NoError(t, json.Unmarshal(c.YPred, &yPred))
			k := len(c.Confusion)
			assert.Equal(t, c.Confusion, ConfusionMatrix(yTrue, yPred, k), "confusion")
			assertClose(t, c.Accuracy, Accuracy(yTrue, yPred), "accuracy")
			for _, tc := range []struct {
				avg     Average
				p, r, f float64
			}{
				{Macro, c.PrecisionMacro, c.RecallMacro, c.F1Macro},
				{Micro, c.PrecisionMicro, c.RecallMicro, c.F1Micro},
				{Weighted, c.PrecisionWeighted, c.RecallWeighted, c.F1Weighted},
			} {
				p, r, f := PrecisionRecallF1(yTrue, yPred, k, tc.avg)
				assertClose(t, tc.p, p, "precision %v", tc.avg)
				assertClose(t, tc.r, r, "recall %v", tc.avg)
				assertClose(t, tc.f, f, "f1 %v", tc.avg)
			}
		})
	}
}
