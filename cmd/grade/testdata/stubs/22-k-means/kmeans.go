// Package kmeans holds exercise 22: k-means clustering — the assignment step, the centroid
// update (an empty cluster keeps its centroid), Lloyd's algorithm until no point changes
// cluster, k-means++ seeding with the grader's random numbers, and the whole pipeline on
// standardised data. See README.md for the task.
package kmeans

import "gonum.org/v1/gonum/mat"

// Assign puts each row xᵢ of X (m×n) in the cluster of its nearest centroid, a row of the k×n
// matrix centroids, by squared Euclidean distance ‖xᵢ − cₖ‖² = Σⱼ (xᵢⱼ − cₖⱼ)². It returns
// the m labels (labels[i] ∈ [0, k)) and the inertia
//
//	J = Σᵢ minₖ ‖xᵢ − cₖ‖²,
//
// the sum of the squared distances (not the distances) to the nearest centroid. A row at the
// same distance from several centroids goes to the lowest index. No input is modified.
//
// It panics if X and centroids have different numbers of columns.
func Assign(X, centroids *mat.Dense) (labels []int, inertia float64) {
	panic("not implemented")
}

// Update returns a new k×n matrix of centroids (k×n is old's shape): row c is the mean of the
// rows of X labelled c. A cluster with no row keeps its centroid: row c of old. (It is never
// NaN, and never moved to 0.) No input is modified.
//
// It panics if len(labels) is not the number of rows of X or a label is outside [0, k).
func Update(X *mat.Dense, labels []int, old *mat.Dense) *mat.Dense {
	panic("not implemented")
}

// Fit runs Lloyd's algorithm from the k×n centroids init on the rows of X. With C₀ = init and
// labels₀, J₀ = Assign(X, C₀), step s = 1, 2, … computes
//
//	Cₛ = Update(X, labelsₛ₋₁, Cₛ₋₁),  labelsₛ, Jₛ = Assign(X, Cₛ),
//
// and Fit stops after the first step whose labels equal the previous step's, or after maxIter
// steps, whichever comes first. It returns the last centroids, the last labels, and the
// inertias J₀, J₁, …: one more than the number of steps taken (inertias[0] is init's). With
// maxIter = 0 it takes no step. No input is modified.
//
// It panics as Assign does, or if maxIter < 0.
func Fit(X, init *mat.Dense, maxIter int) (centroids *mat.Dense, labels []int, inertias []float64) {
	panic("not implemented")
}

// PlusPlus chooses k rows of X (m×n) as initial centroids by k-means++, taking every random
// number from uniform (which returns numbers in [0, 1)), exactly k calls, in this order:
//
//   - the first centroid is row ⌊u·m⌋ of X, for u = uniform();
//   - each next one: with Dᵢ² the squared distance from row i to its nearest centroid chosen so
//     far, S = Σᵢ Dᵢ² and u = uniform(), it is the first row i whose running sum
//     D₀² + D₁² + … + Dᵢ² is greater than u·S (strictly greater: a row already chosen, with
//     D² = 0, is never chosen again). If no running sum is greater, every D² is 0 (X has
//     fewer than k distinct rows): take row 0. Add up S in row order, as the running sum.
//
// It returns the k×n matrix of the chosen rows, in the order chosen. No input is modified.
//
// It panics if k < 1 or k > m.
func PlusPlus(X *mat.Dense, k int, uniform func() float64) *mat.Dense {
	panic("not implemented")
}

// Cluster is k-means on raw measurements: it standardises each column of X (mean 0, standard
// deviation 1; a column with standard deviation 0 is only centred), seeds k centroids with
// PlusPlus(standardised X, k, uniform), runs Fit from them for at most maxIter steps, and
// returns Fit's labels and its centroids in X's own units (centroid value · σⱼ + meanⱼ, the
// mean of the cluster's rows of X). No input is modified.
//
// It panics as PlusPlus and Fit do.
func Cluster(X *mat.Dense, k, maxIter int, uniform func() float64) (labels []int, centroids *mat.Dense) {
	panic("not implemented")
}
