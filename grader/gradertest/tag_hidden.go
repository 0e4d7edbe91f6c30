//go:build hidden

package gradertest

// hiddenBuild reports whether the package was built with the hidden tag, as the exercises'
// hidden checks are.
const hiddenBuild = true
