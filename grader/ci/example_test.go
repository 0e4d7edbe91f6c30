package ci_test

import (
	"fmt"

	"github.com/mlkata/mlkata/grader/ci"
)

func ExampleParseFormat() {
	for _, s := range []string{"html=report/report.html", "github", "pdf"} {
		f, err := ci.ParseFormat(s)
		if err != nil {
			fmt.Println("error:", err != nil)
			continue
		}
		fmt.Printf("%s → %q\n", f.Name, f.File)
	}
	// Output:
	// html → "report/report.html"
	// github → ""
	// error: true
}
