// Package tiny is a test submission: Mean panics with what it finds when it can read a secret file or a secret environment variable, or write outside its scratch folder; it returns the right answer when the sandbox stops it.
package tiny

import (
	"errors"
	"os"

	"gonum.org/v1/gonum/mat"
)

// Mean returns the arithmetic mean of x.
func Mean(x []float64) float64 {
	if b, err := os.ReadFile("/tmp/mlkata-engine-secret.txt"); err == nil {
		panic("read the secret file: " + string(b))
	}
	for _, name := range []string{"MLKATA_ENGINE_SECRET", "GITHUB_TOKEN"} {
		if v := os.Getenv(name); v != "" {
			panic("read the secret variable " + name + ": " + v)
		}
	}
	if b, err := os.ReadFile("/etc/shadow"); err == nil {
		panic("read /etc/shadow: " + string(b[:min(len(b), 20)]))
	}
	if err := os.WriteFile("/tmp/mlkata-engine-pwned.txt", []byte("pwned"), 0o644); err == nil {
		panic("wrote /tmp/mlkata-engine-pwned.txt")
	}
	if err := os.WriteFile("../mlkata-engine-pwned.txt", []byte("pwned"), 0o644); err == nil {
		panic("wrote outside the scratch folder")
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// Scale returns k·X as a new matrix.
func Scale(X *mat.Dense, k float64) *mat.Dense {
	var out mat.Dense
	out.Scale(k, X)
	return &out
}

// Line is a fitted line y = A + B·x.
type Line struct {
	A, B float64
}

// Fit fits a least-squares line to the points (x[i], y[i]).
func Fit(x, y []float64) (*Line, error) {
	if len(x) != len(y) || len(x) < 2 {
		return nil, errors.New("need at least two points, as many x as y")
	}
	mx, my := Mean(x), Mean(y)
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	b := sxy / sxx
	return &Line{A: my - b*mx, B: b}, nil
}

// Predict returns A + B·x for every x.
func (l *Line) Predict(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = l.A + l.B*v
	}
	return out
}
