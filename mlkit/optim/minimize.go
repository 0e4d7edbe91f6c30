package optim

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
)

// Status says why [Minimize] stopped.
type Status int

const (
	// EpochLimit means the run used all of [Settings.Epochs].
	EpochLimit Status = iota + 1
	// LossConverged means the loss changed by no more than [Settings.Tol] in an epoch.
	LossConverged
	// GradConverged means the norm of the full gradient fell to [Settings.GradTol] or below.
	GradConverged
	// Stopped means [Settings.OnEpoch] asked to stop.
	Stopped
	// Diverged means the loss or the parameters stopped being finite, or the loss blew up;
	// Minimize then also returns a [*DivergedError].
	Diverged
)

// String returns a short lower-case description such as "epoch limit reached".
func (s Status) String() string {
	switch s {
	case EpochLimit:
		return "epoch limit reached"
	case LossConverged:
		return "converged: loss change within tolerance"
	case GradConverged:
		return "converged: gradient norm within tolerance"
	case Stopped:
		return "stopped by callback"
	case Diverged:
		return "diverged"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Settings control a run of [Minimize]. The zero value (or nil) runs 100 epochs of full-batch
// steps with no early stop.
type Settings struct {
	// Epochs is the maximum number of epochs; zero means 100. An epoch is one full-batch step,
	// or one pass over all rows in mini-batches.
	Epochs int
	// BatchSize is the number of rows per mini-batch. Zero, or at least the number of rows,
	// means full batches (batch gradient descent). Otherwise every epoch shuffles the rows
	// and walks through them in batches of BatchSize, the last batch holding the remaining
	// m mod BatchSize rows when that is not zero; the objective must be a [BatchObjective].
	BatchSize int
	// Seed seeds the PCG (math/rand/v2 NewPCG(Seed, 0)) that shuffles the rows. Every epoch
	// orders the rows as rand.New(rand.NewPCG(Seed, 0)).Perm(m) would on its next call.
	Seed uint64
	// Tol stops the run after epoch k when |J(θₖ₋₁) − J(θₖ)| ≤ Tol·max(1, |J(θₖ₋₁)|): a relative
	// change for losses above 1, an absolute one below. Zero disables the test.
	Tol float64
	// GradTol stops the run after epoch k when ‖∇J(θₖ)‖₂ ≤ GradTol, with the gradient of the
	// full objective. Zero disables the test. With mini-batches it costs a gradient pass at
	// the end of each epoch (the loss pass computes it at the same time).
	GradTol float64
	// Schedule, when not nil, multiplies the method's learning rate in epoch k (from 1) by
	// Schedule(k), which must be finite and ≥ 0. For example func(k int) float64 { return
	// 1 / (1 + 0.01*float64(k)) } is inverse-time decay.
	Schedule func(epoch int) float64
	// BlowUp sets when a finite loss counts as diverged: after epoch k when
	// J(θₖ) > J(θ₀) + BlowUp·max(1, |J(θ₀)|). Zero means 1e6.
	BlowUp float64
	// OnEpoch, when not nil, is called after every epoch with a finite loss (and once for
	// epoch 0, the starting point); returning true stops the run with status Stopped.
	OnEpoch func(Progress) (stop bool)
}

// Progress is the state of a run after an epoch, as passed to [Settings.OnEpoch].
type Progress struct {
	// Epoch is the number of epochs completed.
	Epoch int
	// Loss is J(θ), over all rows, at the end of the epoch.
	Loss float64
	// Theta is θ at the end of the epoch. It is the run's own slice: read it, do not modify
	// or keep it.
	Theta []float64
}

// Result is the outcome of [Minimize].
type Result struct {
	// Theta is θ after the last completed epoch; after a divergence, θ after the last epoch
	// whose loss was finite and not blown up (θ₀ if there is none).
	Theta []float64
	// Loss holds J(θₖ) over all rows for k = 0 (the starting point), 1, …, Epochs: the loss
	// curve. A diverged epoch is not in it.
	Loss []float64
	// Epochs is the number of completed epochs, len(Loss) − 1 (0 if J(θ₀) is not finite).
	Epochs int
	// Status says why the run stopped.
	Status Status
	// GradNorm is ‖∇J(Theta)‖₂ for the full objective (not finite only when J(θ₀) was not).
	GradNorm float64
}

// DivergedError reports that a run diverged: a loss of NaN or ±Inf over a batch or over all
// rows, parameters that are not finite, or a loss that blew up (see [Settings.BlowUp]).
type DivergedError struct {
	// Epoch is the epoch (from 1) in which the divergence was detected; 0 means J(θ₀) itself
	// was not finite.
	Epoch int
	// Batch is the mini-batch (from 1) whose loss was not finite, or 0 when the divergence
	// was found at the end of the epoch.
	Batch int
	// Loss is the offending loss (NaN, ±Inf, or a finite loss that blew up). It is the loss
	// J(θ) after the epoch when only the parameters stopped being finite.
	Loss float64
	// LastLoss is the last finite loss, J(θ) after epoch Epoch − 1 (NaN when Epoch is 0).
	LastLoss float64
	// Reason says what was detected.
	Reason string
}

// Error describes the divergence and suggests the usual cure.
func (e *DivergedError) Error() string {
	if e.Epoch == 0 {
		return fmt.Sprintf("optim: diverged: the loss at the starting point is %v", e.Loss)
	}
	where := fmt.Sprintf("epoch %d", e.Epoch)
	if e.Batch > 0 {
		where += fmt.Sprintf(", batch %d", e.Batch)
	}
	return fmt.Sprintf("optim: diverged in %s: %s (loss %v; last finite loss %v after epoch %d); "+
		"try a smaller learning rate or scaled features", where, e.Reason, e.Loss, e.LastLoss, e.Epoch-1)
}

// Minimize runs method on obj from theta0 (which it does not modify) as settings say, and
// returns the parameters, the loss curve and the reason it stopped; nil settings mean the zero
// value. Each epoch is one step on the full objective or, with [Settings.BatchSize], one pass
// over the shuffled rows in mini-batches, a step after each. After every epoch the loss over
// all rows is recorded and the run stops early if [Settings.Tol], [Settings.GradTol] or
// [Settings.OnEpoch] says so.
//
// Minimize checks for divergence at every batch and every epoch. When a loss or θ is not finite,
// or the loss blows up, it stops at once and returns a result with status Diverged, holding the
// last finite θ and the loss curve up to it, together with a [*DivergedError] naming the epoch.
// It returns a nil error otherwise.
//
// It panics if len(theta0) differs from obj.Dim(), if theta0 holds NaN or ±Inf, if a setting is
// negative or NaN, if BatchSize asks for mini-batches of an obj that is not a [BatchObjective],
// or if Schedule returns a negative or non-finite factor.
func Minimize(obj Objective, theta0 []float64, method Method, settings *Settings) (*Result, error) {
	var s Settings
	if settings != nil {
		s = *settings
	}
	n := obj.Dim()
	if len(theta0) != n {
		panic(fmt.Sprintf("optim: Minimize: len(theta0) = %d, want obj.Dim() = %d", len(theta0), n))
	}
	for j, v := range theta0 {
		if !finite(v) {
			panic(fmt.Sprintf("optim: Minimize: theta0[%d] = %v, want a finite number", j, v))
		}
	}
	if s.Epochs < 0 || s.BatchSize < 0 || !(s.Tol >= 0) || !(s.GradTol >= 0) || !(s.BlowUp >= 0) {
		panic(fmt.Sprintf("optim: Minimize: Settings{Epochs: %d, BatchSize: %d, Tol: %v, GradTol: %v, BlowUp: %v}: want numbers ≥ 0",
			s.Epochs, s.BatchSize, s.Tol, s.GradTol, s.BlowUp))
	}
	r := run{
		obj:      obj,
		s:        s,
		epochs:   cmp.Or(s.Epochs, 100),
		blowUp:   cmp.Or(s.BlowUp, 1e6),
		stepper:  method.start(n),
		theta:    append([]float64(nil), theta0...),
		last:     append([]float64(nil), theta0...),
		grad:     make([]float64, n),
		gradNorm: math.NaN(),
	}
	if bo, ok := obj.(BatchObjective); ok && s.BatchSize > 0 && s.BatchSize < bo.Rows() {
		r.batch = bo
		r.perm = make([]int, bo.Rows())
		r.rng = rand.New(rand.NewPCG(s.Seed, 0))
	} else if !ok && s.BatchSize > 0 {
		panic(fmt.Sprintf("optim: Minimize: BatchSize = %d needs a BatchObjective; %T is not one", s.BatchSize, obj))
	}
	return r.run()
}

// run is the state of one Minimize call.
type run struct {
	obj     Objective
	batch   BatchObjective // nil for full batches
	s       Settings
	epochs  int
	blowUp  float64
	stepper stepper

	theta, last, grad []float64
	gradNorm          float64 // ‖∇J(theta)‖₂, NaN while unknown
	perm              []int
	rng               *rand.Rand
	loss              []float64
}

func (r *run) run() (*Result, error) {
	j0 := r.evaluate()
	if !finite(j0) {
		return r.result(Diverged), &DivergedError{Loss: j0, LastLoss: math.NaN(), Reason: "the loss at θ₀ is not finite"}
	}
	r.loss = append(make([]float64, 0, min(r.epochs, 1<<12)+1), j0)
	if r.s.OnEpoch != nil && r.s.OnEpoch(Progress{Epoch: 0, Loss: j0, Theta: r.theta}) {
		return r.result(Stopped), nil
	}
	limit := j0 + r.blowUp*max(1, math.Abs(j0))
	for k := 1; k <= r.epochs; k++ {
		scale := 1.0
		if r.s.Schedule != nil {
			scale = r.s.Schedule(k)
			if !(scale >= 0) || math.IsInf(scale, 1) {
				panic(fmt.Sprintf("optim: Minimize: Schedule(%d) = %v, want a finite factor ≥ 0", k, scale))
			}
		}
		copy(r.last, r.theta)
		prev := r.loss[len(r.loss)-1]
		if err := r.epoch(k, scale, prev); err != nil {
			copy(r.theta, r.last)
			r.gradNorm = math.NaN()
			return r.result(Diverged), err
		}
		j := r.evaluate()
		var reason string
		switch {
		case !finite(j):
			reason = "the loss over all rows is not finite"
		case !allFinite(r.theta):
			reason = "the parameters are not finite"
		case j > limit:
			reason = fmt.Sprintf("the loss blew up to more than %g times its starting value", r.blowUp)
		}
		if reason != "" {
			copy(r.theta, r.last)
			r.gradNorm = math.NaN()
			return r.result(Diverged), &DivergedError{Epoch: k, Loss: j, LastLoss: prev, Reason: reason}
		}
		r.loss = append(r.loss, j)
		switch {
		case r.s.OnEpoch != nil && r.s.OnEpoch(Progress{Epoch: k, Loss: j, Theta: r.theta}):
			return r.result(Stopped), nil
		case r.s.GradTol > 0 && r.gradNorm <= r.s.GradTol:
			return r.result(GradConverged), nil
		case r.s.Tol > 0 && math.Abs(prev-j) <= r.s.Tol*max(1, math.Abs(prev)):
			return r.result(LossConverged), nil
		}
	}
	return r.result(EpochLimit), nil
}

// evaluate returns J(θ) over all rows. It computes the full gradient into r.grad at the same
// time when the next step or the gradient test needs it.
func (r *run) evaluate() float64 {
	if r.batch == nil || r.s.GradTol > 0 {
		j := r.obj.LossGrad(r.grad, r.theta)
		r.gradNorm = floats.Norm(r.grad, 2)
		return j
	}
	r.gradNorm = math.NaN()
	return r.obj.LossGrad(nil, r.theta)
}

// epoch runs the steps of epoch k. With full batches it is one step along r.grad, the
// gradient at θ that evaluate left there; with mini-batches it shuffles the rows and steps
// once per batch, returning an error as soon as a batch loss is not finite.
func (r *run) epoch(k int, scale, prev float64) error {
	if r.batch == nil {
		r.stepper.step(r.theta, r.grad, scale)
		return nil
	}
	for i := range r.perm {
		r.perm[i] = i
	}
	r.rng.Shuffle(len(r.perm), func(i, j int) { r.perm[i], r.perm[j] = r.perm[j], r.perm[i] })
	bs := r.s.BatchSize
	for b, lo := 1, 0; lo < len(r.perm); b, lo = b+1, lo+bs {
		rows := r.perm[lo:min(lo+bs, len(r.perm))]
		jb := r.batch.BatchLossGrad(r.grad, r.theta, rows)
		if !finite(jb) {
			return &DivergedError{Epoch: k, Batch: b, Loss: jb, LastLoss: prev, Reason: "a mini-batch loss is not finite"}
		}
		r.stepper.step(r.theta, r.grad, scale)
	}
	return nil
}

// result packs the run's outcome, computing the gradient norm at θ if it is not known.
func (r *run) result(status Status) *Result {
	if math.IsNaN(r.gradNorm) {
		r.obj.LossGrad(r.grad, r.theta)
		r.gradNorm = floats.Norm(r.grad, 2)
	}
	return &Result{
		Theta:    r.theta,
		Loss:     r.loss,
		Epochs:   max(len(r.loss)-1, 0),
		Status:   status,
		GradNorm: r.gradNorm,
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func allFinite(s []float64) bool {
	for _, v := range s {
		if !finite(v) {
			return false
		}
	}
	return true
}
