//go:build hidden

package check

import (
	"fmt"

	"github.com/mlkata/mlkata/grader"
)

// hiddenChecks grade cost and gradient on data the learner never saw, drawn from the run's
// seed: 20 to 119 rows, one to five features of random scale and offset after the column of
// ones, and a random θ near the model that generated the targets.
func hiddenChecks() []grader.Check {
	return []grader.Check{
		{Name: "Cost on unseen data", Points: 1, Hidden: true, Run: hiddenCost},
		{Name: "Gradient on unseen data, against central differences", Points: 2, Hidden: true, Run: hiddenGradient},
	}
}

func hiddenCost(t *grader.T) {
	X, y, theta := unseen(t.Rand())
	m, n := X.Dims()
	want, _ := reference(X, y, theta)
	checkCost(t, X, y, theta, want, fmt.Sprintf("unseen data (%d rows, %d columns)", m, n))
}

func hiddenGradient(t *grader.T) {
	X, y, theta := unseen(t.Rand())
	m, n := X.Dims()
	other := make([]float64, n)
	for j := range other {
		other[j] = theta[j] + t.Rand().NormFloat64()
	}
	gradCheck(t, X, y, [][]float64{theta, other}, fmt.Sprintf("unseen data (%d rows, %d columns)", m, n), nil)
}
