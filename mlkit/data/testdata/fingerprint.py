"""Test vectors for data.Fingerprint, computed independently with hashlib and numpy.

The fingerprint of an m×n matrix X with labels y is the hex SHA-256 of
struct.pack("<QQ", m, n), then X's float64 values row by row as little-endian bytes, then
the labels as little-endian int64. This script writes testdata/fingerprint.json; the Go test
TestFingerprintOracle reads it.

Run from the repository root with Debian's python3-numpy (1.24.2):
    /usr/bin/python3 mlkit/data/testdata/fingerprint.py
"""
import hashlib
import json
import struct

import numpy as np


def fingerprint(X, y):
    X = np.ascontiguousarray(X, dtype="<f8")
    y = np.ascontiguousarray(y, dtype="<i8")
    m, n = X.shape
    assert y.shape == (m,)
    return hashlib.sha256(struct.pack("<QQ", m, n) + X.tobytes(order="C") + y.tobytes()).hexdigest()


def bits(x):
    """The float64 as the hex of its bits, so that -0.0 and subnormals survive JSON."""
    return struct.pack(">d", x).hex()


cases = []


def small(name, X, y, note):
    X = np.array(X, dtype="<f8")
    cases.append({"name": name, "note": note, "rows": X.shape[0], "cols": X.shape[1],
                  "bits": [bits(v) for v in X.ravel()], "labels": [int(v) for v in y],
                  "fingerprint": fingerprint(X, y)})


small("2x3", [[1, 2, 3], [4, 5, 6]], [0, 1], "a small matrix")
small("3x2", [[1, 2], [3, 4], [5, 6]], [0, 1, 0], "the same values in another shape")
small("2x3 rows swapped", [[4, 5, 6], [1, 2, 3]], [1, 0], "the first case with its rows (and labels) swapped")
small("2x3 label flipped", [[1, 2, 3], [4, 5, 6]], [1, 1], "the first case with one label flipped")
small("2x3 one ulp", [[1, 2, 3], [4, np.nextafter(5, 6), 6]], [0, 1], "the first case with 5 one ulp higher")
small("specials", [[-0.0, 5e-324, -1.5e308], [np.inf, -np.inf, 0.1]], [-3, 7],
      "negative zero, the smallest subnormal, large values, infinities, negative labels")
small("1x1", [[0.0]], [0], "one cell")

for name, target in (("iris", "target"), ("breast_cancer", "target")):
    path = f"testdata/datasets/{name}.csv"
    with open(path) as f:
        head = f.readline().strip().split(",")
    raw = np.loadtxt(path, delimiter=",", skiprows=1)
    ti = head.index(target)
    X = np.delete(raw, ti, axis=1)
    y = raw[:, ti].astype(np.int64)
    cases.append({"name": name, "note": f"{path}, features in file order, labels from column {target!r}",
                  "dataset": name, "rows": X.shape[0], "cols": X.shape[1],
                  "fingerprint": fingerprint(X, y)})

with open("mlkit/data/testdata/fingerprint.json", "w") as f:
    f.write('{"generator": %s,\n "cases": [\n' % json.dumps(
        f"hashlib sha256, numpy {np.__version__}; mlkit/data/testdata/fingerprint.py", ensure_ascii=False))
    f.write(",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cases))
    f.write("\n]}\n")
