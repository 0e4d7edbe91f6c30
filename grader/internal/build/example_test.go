package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mlkata/mlkata/grader/internal/build"
)

// ExampleBuild builds two exercises of the test workspace into one driver: one lacks a
// function, the other does not compile. Nothing is written into the workspace.
func ExampleBuild() {
	cache, err := os.MkdirTemp("", "mlkata-build-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(cache)

	workspace := filepath.Join("testdata", "ws")
	res, err := build.Build(context.Background(), workspace, []build.Target{
		{Slug: "regression-metrics", Dir: "exercises/missing", Funcs: []string{"MSE", "RMSE"}},
		{Slug: "broken", Dir: "exercises/typeerr", Funcs: []string{"MSE"}},
	}, build.Options{CacheDir: cache, Env: []string{"GOPROXY=off", "GOWORK=off"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("binary:", res.Binary != "")
	for _, slug := range []string{"regression-metrics", "broken"} {
		r := res.Targets[slug]
		fmt.Printf("%s: built %v, registered %v\n  %s\n", slug, r.Built, r.Funcs, r.Message)
	}
	d := res.Targets["broken"].Diagnostics[1]
	fmt.Printf("%s:%d:%d: %s\n", d.File, d.Line, d.Column, d.Message)
	// Output:
	// binary: true
	// regression-metrics: built true, registered [MSE]
	//   exercises/missing: function RMSE is missing.
	// broken: built false, registered [MSE]
	//   exercises/typeerr does not compile: exercises/typeerr/metrics.go:6:3: invalid operation: s += (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i]) (mismatched types int and float64) (and 1 more error)
	// exercises/typeerr/metrics.go:8:9: cannot use s / len(yTrue) (value of type int) as float64 value in return statement
}
