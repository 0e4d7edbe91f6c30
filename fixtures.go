// Package mlkata holds the files that every part of mlkata shares and that must travel inside
// the `grade` binary: the fixture datasets under testdata/datasets.
//
// The toolkit reads them through mlkit/datasets; nothing else should need this package.
package mlkata

import "embed"

// Fixtures holds testdata/datasets: one CSV file per dataset and SOURCES.md, their provenance.
// Paths inside it start with "testdata/datasets/".
//
//go:embed testdata/datasets
var Fixtures embed.FS
