//go:build hidden

package main

// hiddenBuild reports whether grade was built with the hidden checks (-tags hidden).
const hiddenBuild = true
