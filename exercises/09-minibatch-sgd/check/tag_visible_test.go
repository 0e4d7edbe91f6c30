//go:build !hidden

package check

const hiddenBuild = false
