package recommend

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlkata/mlkata/mlkit/optim"
)

// Params returns m's learned parameters as one vector θ, in the order bᵤ (users values),
// bᵢ (items values), P row by row, Q row by row. μ is not among them.
func (m *Model) Params() []float64 {
	users, items, rank := m.Dims()
	theta := make([]float64, 0, users+items+(users+items)*rank)
	theta = append(theta, m.UserBias...)
	theta = append(theta, m.ItemBias...)
	theta = append(theta, mat.DenseCopyOf(m.P).RawMatrix().Data...)
	return append(theta, mat.DenseCopyOf(m.Q).RawMatrix().Data...)
}

// FromParams returns the model of the given shape and global mean mu whose parameters are
// theta, in the order of Params. It copies theta. It panics if len(theta) does not fit.
func FromParams(users, items, rank int, mu float64, theta []float64) *Model {
	if want := users + items + (users+items)*rank; len(theta) != want {
		panic(fmt.Sprintf("recommend: FromParams: %d parameters, want %d", len(theta), want))
	}
	m := NewModel(users, items, rank)
	m.Mu = mu
	copy(m.UserBias, theta)
	copy(m.ItemBias, theta[users:])
	off := users + items
	copy(m.P.RawMatrix().Data, theta[off:])
	copy(m.Q.RawMatrix().Data, theta[off+users*rank:])
	return m
}

// Objective returns Loss and Gradient as an optim.Objective over the parameters of a model of
// the given shape and global mean mu, flattened as by Params: for optim.CheckGradient and
// optim.Minimize.
func Objective(ratings []Rating, users, items, rank int, mu, lambda float64) optim.Objective {
	return optim.Func{
		N: users + items + (users+items)*rank,
		Loss: func(theta []float64) float64 {
			return Loss(FromParams(users, items, rank, mu, theta), ratings, lambda)
		},
		Grad: func(grad, theta []float64) {
			copy(grad, Gradient(FromParams(users, items, rank, mu, theta), ratings, lambda).Params())
		},
	}
}
