package optim

import (
	"cmp"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// Method is an update rule for [Minimize]: [GD], [Momentum] or [Adam]. Each step moves θ
// using the gradient g of the current batch and the learning rate α·s(epoch), where s is
// [Settings.Schedule] (1 without a schedule). A Method value holds only settings: the state of
// a run (velocities, moment estimates) lives in the run, so one value can drive many runs.
type Method interface {
	// start checks the settings and returns the state of a run over dim parameters.
	start(dim int) stepper
}

// stepper is the state of a method during one run.
type stepper interface {
	// step moves theta given the gradient at theta and the learning-rate factor scale.
	step(theta, grad []float64, scale float64)
}

// GD is the plain gradient step θ ← θ − α·g. With full batches it is batch gradient descent;
// with mini-batches ([Settings.BatchSize]) it is mini-batch stochastic gradient descent.
type GD struct {
	// LearningRate is α > 0; zero means 0.01.
	LearningRate float64
}

// Momentum is gradient descent with classical momentum (Polyak's heavy ball) or, if Nesterov
// is set, Nesterov's accelerated gradient, in the forms of Sutskever, Martens, Dahl and
// Hinton, "On the importance of initialization and momentum in deep learning" (ICML 2013)
// and Bengio, Boulanger-Lewandowski and Pascanu (2012). With velocity v (initially 0):
//
//	classical: v ← μ·v − α·g(θ);  θ ← θ + v
//	Nesterov:  v' ← μ·v − α·g(θ);  θ ← θ − μ·v + (1+μ)·v';  v ← v'
//
// The Nesterov form is the look-ahead update rewritten so that the gradient is taken at the
// current θ.
type Momentum struct {
	// LearningRate is α > 0; zero means 0.01.
	LearningRate float64
	// Beta is μ in [0, 1); zero means 0.9.
	Beta float64
	// Nesterov selects Nesterov's accelerated gradient.
	Nesterov bool
}

// Adam is the method of Kingma and Ba, "Adam: A Method for Stochastic Optimization" (ICLR
// 2015), Algorithm 1, with bias correction. With t the step number (from 1) and m = v = 0
// initially, elementwise:
//
//	m ← β₁·m + (1−β₁)·g;  v ← β₂·v + (1−β₂)·g²
//	θ ← θ − α · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
//
// Zero fields take the paper's defaults.
type Adam struct {
	// LearningRate is α > 0; zero means 0.001.
	LearningRate float64
	// Beta1 is β₁ in [0, 1); zero means 0.9.
	Beta1 float64
	// Beta2 is β₂ in [0, 1); zero means 0.999.
	Beta2 float64
	// Epsilon is ε > 0; zero means 1e-8.
	Epsilon float64
}

// checkPositive panics unless v is a finite positive number.
func checkPositive(what string, v float64) {
	if !(v > 0) || math.IsInf(v, 1) {
		panic(fmt.Sprintf("optim: %s = %v, want a finite number > 0", what, v))
	}
}

// checkUnit panics unless v is in [0, 1).
func checkUnit(what string, v float64) {
	if !(v >= 0 && v < 1) {
		panic(fmt.Sprintf("optim: %s = %v, want a number in [0, 1)", what, v))
	}
}

type gdStep struct{ lr float64 }

// start panics if the learning rate is negative or not finite.
func (m GD) start(int) stepper {
	lr := cmp.Or(m.LearningRate, 0.01)
	checkPositive("GD.LearningRate", lr)
	return &gdStep{lr: lr}
}

func (s *gdStep) step(theta, grad []float64, scale float64) {
	floats.AddScaled(theta, -s.lr*scale, grad)
}

type momentumStep struct {
	lr, mu   float64
	nesterov bool
	v        []float64
}

// start panics if the learning rate is negative or not finite or Beta is outside [0, 1).
func (m Momentum) start(dim int) stepper {
	lr, mu := cmp.Or(m.LearningRate, 0.01), cmp.Or(m.Beta, 0.9)
	checkPositive("Momentum.LearningRate", lr)
	checkUnit("Momentum.Beta", mu)
	return &momentumStep{lr: lr, mu: mu, nesterov: m.Nesterov, v: make([]float64, dim)}
}

func (s *momentumStep) step(theta, grad []float64, scale float64) {
	a := s.lr * scale
	for j, g := range grad {
		v := s.v[j]
		nv := s.mu*v - a*g
		if s.nesterov {
			theta[j] += -s.mu*v + (1+s.mu)*nv
		} else {
			theta[j] += nv
		}
		s.v[j] = nv
	}
}

type adamStep struct {
	lr, b1, b2, eps float64
	p1, p2          float64 // β₁ᵗ and β₂ᵗ
	m, v            []float64
}

// start panics if the learning rate or Epsilon is negative or not finite, or a beta is
// outside [0, 1).
func (m Adam) start(dim int) stepper {
	s := &adamStep{
		lr:  cmp.Or(m.LearningRate, 0.001),
		b1:  cmp.Or(m.Beta1, 0.9),
		b2:  cmp.Or(m.Beta2, 0.999),
		eps: cmp.Or(m.Epsilon, 1e-8),
		p1:  1, p2: 1,
		m: make([]float64, dim), v: make([]float64, dim),
	}
	checkPositive("Adam.LearningRate", s.lr)
	checkPositive("Adam.Epsilon", s.eps)
	checkUnit("Adam.Beta1", s.b1)
	checkUnit("Adam.Beta2", s.b2)
	return s
}

func (s *adamStep) step(theta, grad []float64, scale float64) {
	s.p1 *= s.b1
	s.p2 *= s.b2
	a := s.lr * scale
	c1, c2 := 1-s.p1, 1-s.p2
	for j, g := range grad {
		s.m[j] = s.b1*s.m[j] + (1-s.b1)*g
		s.v[j] = s.b2*s.v[j] + (1-s.b2)*g*g
		theta[j] -= a * (s.m[j] / c1) / (math.Sqrt(s.v[j]/c2) + s.eps)
	}
}
