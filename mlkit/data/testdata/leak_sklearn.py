"""Reference values for mlkit/data/leak.go, written to leak_sklearn.json.

- "time_split": scikit-learn's train_test_split(order, test_size=..., shuffle=False) on the
  stable argsort of the times (numpy's kind="stable"), which is what TimeTrainTestSplit does;
  the times have ties and are not in order.
- "cross_duplicates" and "train_after_test": the same questions answered independently in
  plain Python and numpy on random splits of matrices with repeated rows: the test indices
  whose row equals a training row, and the training indices later than the earliest test time.

Run from the repository root with Debian's python3-sklearn 1.2.1 and python3-numpy:

    /usr/bin/python3 mlkit/data/testdata/leak_sklearn.py
"""
import json

import numpy as np
import sklearn
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(20)
out = {"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
       "mlkit/data/testdata/leak_sklearn.py", "time_split": [], "cross_duplicates": [],
       "train_after_test": []}

for n, test_size, ties in [(10, 0.25, False), (10, 3, True), (37, 0.2, True), (100, 0.3, True),
                           (2, 0.5, False), (153, 0.25, False), (60, 1 / 3, True)]:
    if ties:
        times = rng.integers(0, n // 3 + 1, n).astype(float)
    else:
        times = rng.permutation(n).astype(float) * 1.5 - 7
    order = np.argsort(times, kind="stable")
    train, test = train_test_split(order, test_size=test_size, shuffle=False)
    case = {"times": times.tolist(), "train": train.tolist(), "test": test.tolist()}
    if isinstance(test_size, int):
        case["test_count"] = test_size
    else:
        case["test_fraction"] = test_size
    out["time_split"].append(case)

for m, n, reps in [(12, 2, 4), (50, 3, 10), (200, 4, 30), (9, 1, 3)]:
    X = rng.integers(0, 4, (m, n)).astype(float)  # small integers: rows repeat by chance too
    for _ in range(reps):  # plant exact copies of earlier rows
        X[rng.integers(0, m)] = X[rng.integers(0, m)]
    perm = rng.permutation(m)
    k = int(np.ceil(0.3 * m))
    test, train = perm[:k].tolist(), perm[k - 1:].tolist()  # one index in both sets
    seen = {tuple(X[i]) for i in train}
    dup = sorted({j for j in test if tuple(X[j]) in seen})
    out["cross_duplicates"].append({"x": X.tolist(), "train": train, "test": test, "want": dup})

    times = rng.integers(0, m, m).astype(float)
    first = times[test].min()
    later = sorted({i for i in train if times[i] > first})
    out["train_after_test"].append({"times": times.tolist(), "train": train, "test": test, "want": later})

with open("mlkit/data/testdata/leak_sklearn.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
