//go:build !hidden

package prairielearn_test

// hiddenBuild reports whether the course's hidden checks are compiled in.
const hiddenBuild = false
