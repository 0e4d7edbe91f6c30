// Package optim minimises differentiable objectives with first-order methods: batch gradient
// descent, mini-batch stochastic gradient descent, momentum (classical and Nesterov) and Adam.
// It is the reference the grader holds a learner's optimiser against, and a toolkit learners
// may import once they have written their own.
//
// The parts fit together like this:
//
//   - An [Objective] is a function J(θ) of a parameter vector θ ∈ ℝⁿ that returns its loss and,
//     in the same pass, its gradient. A [BatchObjective] is an objective that is a mean over m
//     rows of data and can also be evaluated over a subset of the rows, a mini-batch.
//   - [LeastSquares], [Logistic] and [Softmax] are the ready objectives: linear least squares,
//     binary logistic loss and multinomial (softmax) cross-entropy, each with an optional L2
//     penalty that leaves the bias alone (see [L2]). Each computes loss and gradient in one fused pass over the rows, splits
//     large passes over rows between GOMAXPROCS goroutines, and allocates nothing per call.
//     [Func] adapts any pair of Go functions (a learner's, say) to [Objective].
//   - A [Method] is an update rule: [GD] (a plain gradient step), [Momentum] or [Adam].
//   - [Minimize] drives a method over an objective for a number of epochs, in full batches or
//     in shuffled mini-batches ([Settings]), and returns a [Result]: the parameters, the loss
//     after every epoch (for loss curves), the number of epochs and the [Status] saying why it
//     stopped. A run whose loss or parameters stop being finite, or whose loss blows up, is
//     reported as a [*DivergedError] naming the epoch; its non-finite parameters are never
//     returned.
//   - [CheckGradient] compares an objective's gradient with central differences of its loss,
//     which catches the usual mistakes in a hand-written gradient (a factor m too big, a sign
//     flipped, a ½ missing).
//
// Every random choice (the order of the rows in mini-batch SGD) comes from a math/rand/v2 PCG
// seeded by [Settings.Seed]: the same seed gives the same result, bit for bit, on any number
// of cores, because row-parallel sums are always reduced in the same order.
package optim
