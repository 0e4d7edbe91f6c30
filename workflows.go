package mlkata

import _ "embed"

// GradeWorkflow is docs/github-actions/grade.yml: the GitHub Actions workflow that grades a
// learner's repository on every push with the instructor's hidden checks. It is the documented
// file itself, so `grade release --with-workflow` writes exactly what docs/ci.md describes,
// even when grade runs outside the instructor's repository.
//
//go:embed docs/github-actions/grade.yml
var GradeWorkflow string
