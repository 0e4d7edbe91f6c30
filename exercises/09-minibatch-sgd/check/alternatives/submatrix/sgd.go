// Package sgd is an alternative correct solution of exercise 09, written from the README alone:
// each batch is copied into its own small matrix, and its gradient is Xᵦᵀ(Xᵦθ − yᵦ)/|B| with
// gonum's matrix-vector products.
package sgd

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// SGD runs epochs passes of mini-batch SGD from theta0 and returns θ and the loss per epoch.
func SGD(X *mat.Dense, y, theta0 []float64, alpha float64, epochs, batch int, seed uint64) (theta, epochLoss []float64) {
	m, n := X.Dims()
	if m == 0 || len(y) != m || len(theta0) != n || epochs < 0 || batch < 1 {
		panic(fmt.Sprintf("sgd: X is %d×%d, len(y) = %d, len(theta0) = %d, epochs = %d, batch = %d", m, n, len(y), len(theta0), epochs, batch))
	}
	th := mat.NewVecDense(n, nil)
	th.CopyVec(mat.NewVecDense(n, theta0))
	rng := rand.New(rand.NewPCG(seed, 0))
	epochLoss = []float64{loss(X, y, th)}
	for e := 0; e < epochs; e++ {
		order := rng.Perm(m)
		for len(order) > 0 {
			k := min(batch, len(order))
			rows := order[:k]
			order = order[k:]
			Xb := mat.NewDense(k, n, nil)
			yb := mat.NewVecDense(k, nil)
			for r, i := range rows {
				Xb.SetRow(r, X.RawRowView(i))
				yb.SetVec(r, y[i])
			}
			res := mat.NewVecDense(k, nil)
			res.MulVec(Xb, th)
			res.SubVec(res, yb)
			g := mat.NewVecDense(n, nil)
			g.MulVec(Xb.T(), res)
			th.AddScaledVec(th, -alpha/float64(k), g)
		}
		epochLoss = append(epochLoss, loss(X, y, th))
	}
	return th.RawVector().Data, epochLoss
}

func loss(X *mat.Dense, y []float64, th *mat.VecDense) float64 {
	m, _ := X.Dims()
	r := mat.NewVecDense(m, nil)
	r.MulVec(X, th)
	r.SubVec(r, mat.NewVecDense(m, y))
	return mat.Dot(r, r) / float64(2*m)
}
