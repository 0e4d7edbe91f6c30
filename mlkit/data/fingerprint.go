package data

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Fingerprint returns a name for the exact contents of a labelled dataset: the SHA-256 digest,
// as 64 lowercase hexadecimal digits, of the bytes
//
//	m, n                          as uint64, little-endian (8 bytes each)
//	X[0][0], X[0][1], …, X[m−1][n−1]  row by row, each as the IEEE-754 bits of the float64
//	                              (math.Float64bits), uint64 little-endian
//	labels[0], …, labels[m−1]     each as int64, little-endian
//
// where X is m×n. Two datasets get the same fingerprint exactly when they have the same shape,
// the same bits in the same cells and the same labels in the same order (short of a SHA-256
// collision): reordering rows, changing one value by one unit in the last place, or flipping one
// label changes it, and so does a transposed matrix with the same values. Recorded beside a
// result, it says which data the result came from. 0 and −0 have different bits, and so
// different fingerprints; NaN payloads count as well.
//
// The bytes are what numpy writes for np.array(X, dtype="<f8").tobytes() and
// np.array(labels, dtype="<i8").tobytes() after the shape as struct.pack("<QQ", m, n); the
// tests compare with hashlib's digests of those (testdata/fingerprint.py).
//
// It panics if len(labels) is not the number of rows of X.
func Fingerprint(X mat.Matrix, labels []int) string {
	m, n := X.Dims()
	if len(labels) != m {
		panic(fmt.Sprintf("data: Fingerprint: %d labels for %d rows", len(labels), m))
	}
	h := sha256.New()
	buf := make([]byte, 8*max(n, 2))
	binary.LittleEndian.PutUint64(buf[0:], uint64(m))
	binary.LittleEndian.PutUint64(buf[8:], uint64(n))
	h.Write(buf[:16])
	for i := range m {
		for j := range n {
			binary.LittleEndian.PutUint64(buf[8*j:], math.Float64bits(X.At(i, j)))
		}
		h.Write(buf[:8*n])
	}
	for _, l := range labels {
		binary.LittleEndian.PutUint64(buf[:8], uint64(int64(l)))
		h.Write(buf[:8])
	}
	return hex.EncodeToString(h.Sum(nil))
}
