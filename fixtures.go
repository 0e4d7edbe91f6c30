// Package mlkata holds the files that every part of mlkata shares and that must travel inside
// the `grade` binary: the fixture datasets under testdata/datasets, and the GitHub Actions
// workflow that grades a learner's repository (GradeWorkflow).
//
// The toolkit reads the datasets through mlkit/datasets; `grade release --with-workflow`
// writes the workflow. Nothing else should need this package.
package mlkata

import "embed"

// Fixtures holds testdata/datasets: one CSV file per dataset and SOURCES.md, their provenance.
// Paths inside it start with "testdata/datasets/".
//
//go:embed testdata/datasets
var Fixtures embed.FS
