// Command nomain calls sandbox.Start without calling sandbox.Main first: the mistake that
// TestProgramWithoutMain shows Start reports (instead of re-executing itself forever).
package main

import (
	"fmt"
	"os"

	"github.com/mlkata/mlkata/grader/internal/sandbox"
)

func main() {
	dir, err := os.MkdirTemp("", "sandbox-nomain-")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	_, err = sandbox.Start(sandbox.Config{Dir: dir}, "/bin/true")
	fmt.Println(err)
}
