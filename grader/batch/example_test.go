package batch_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mlkata/mlkata/grader/batch"
	"github.com/mlkata/mlkata/grader/report"
)

func ExampleParseShard() {
	s, err := batch.ParseShard("1/3") // e.g. "$JOB_COMPLETION_INDEX/3"
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"ada", "grace", "linus", "margaret"} {
		fmt.Println(name, s.Contains(name))
	}
	_, err = batch.ParseShard("3/3")
	fmt.Println(err)
	// Output:
	// ada true
	// grace false
	// linus false
	// margaret false
	// shard 3/3: the index must be at least 0 and less than the count
}

// ExampleMerge merges the results of two shards into one gradebook.
func ExampleMerge() {
	root, _ := os.MkdirTemp("", "gradebook")
	defer os.RemoveAll(root)
	write := func(shard, name string, score float64, status report.Status) {
		r := batch.Result{Version: batch.ResultVersion, Submission: name, Hash: "sha256:" + name, Seed: 7,
			Report: &report.Report{Score: score, MaxScore: 3, Exercises: []report.Exercise{
				{Number: 1, Slug: "mean", Status: status, Score: score, MaxScore: 3},
			}}}
		b, _ := json.Marshal(r)
		dir := filepath.Join(root, shard, "results")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, name+".json"), b, 0o644)
	}
	write("shard-0", "ada", 3, report.Passed)
	write("shard-1", "grace", 1, report.Failed)
	write("shard-1", "linus", 0, report.NotStarted)

	book, err := batch.Merge(batch.MergeOptions{Dirs: []string{filepath.Join(root, "shard-0"), filepath.Join(root, "shard-1")}}, os.Stdout)
	if err != nil {
		fmt.Println(err)
		return
	}
	book.WriteCSV(os.Stdout)
	// Output:
	// gradebook: 3 submissions from 2 folders (1 failed, 1 not-started, 1 passed), 1 exercises
	// submission,status,score,max_score,mean,message
	// ada,passed,3,3,3,
	// grace,failed,1,3,1,
	// linus,not-started,0,3,0,
}
