//go:build linux && race

package sandbox_test

// raceEnabled is true under the race detector, whose run-time needs far more memory than
// the memory-limit tests give a driver.
const raceEnabled = true
