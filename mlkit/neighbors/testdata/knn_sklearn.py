"""Writes knn_sklearn.json, the expected values of neighbors_test.go.

For each group of training rows, labels and query rows, and each k of the group, from scikit-learn's
KNeighborsClassifier(n_neighbors=k, algorithm="brute") (weights="uniform", Euclidean):

- "pred": predict(query), the majority vote (scipy.stats.mode: the smallest label on a tie);
- "dist", "ind": kneighbors(query), nearest first;
- "cdist" (once per group): scipy.spatial.distance.cdist(query, train), computed directly (scikit-learn's own
  distances expand ‖a‖² − 2a·b + ‖b‖² and lose digits);
- "ambiguous": the queries whose k-th and (k+1)-th nearest training rows are at equal distance
  (within 1e-9, relative, by cdist): there the set of k neighbours depends on how ties are
  broken, which scikit-learn leaves unspecified (argpartition), so the Go test skips them.

The cases: wine (raw, and standardised with the training rows' statistics), iris (which has
duplicate rows, hence ties), and random Gaussian data with 4 classes; the training rows are
those whose index is not a multiple of 3, the queries the others.

Run from the repository root with Debian's scikit-learn 1.2.1 / numpy 1.24.2 / scipy:

    /usr/bin/python3 mlkit/neighbors/testdata/knn_sklearn.py
"""
import csv
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import cdist
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..")


def load(name):
    with open(os.path.join(root, "testdata", "datasets", name)) as f:
        rows = list(csv.reader(f))
    head, body = rows[0], rows[1:]
    t = head.index("target") if "target" in head else len(head) - 1
    X = np.array([[float(v) for i, v in enumerate(r) if i != t] for r in body])
    labels = [r[t] for r in body]
    names = sorted(set(labels), key=labels.index)
    try:
        y = np.array([int(float(v)) for v in labels])
    except ValueError:
        y = np.array([names.index(v) for v in labels])
    return X, y


def group(note, Xtr, ytr, Xq, ks):
    exact = cdist(Xq, Xtr)
    srt = np.sort(exact, axis=1)
    runs = []
    for k in ks:
        clf = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(Xtr, ytr)
        dist, ind = clf.kneighbors(Xq)
        amb = [i for i in range(len(Xq)) if k < len(Xtr) and
               abs(srt[i, k - 1] - srt[i, k]) <= 1e-9 * max(srt[i, k - 1], srt[i, k])]
        runs.append({"k": k, "pred": clf.predict(Xq).tolist(), "dist": dist.tolist(),
                     "ind": ind.tolist(), "ambiguous": amb})
    return {"note": note, "train": Xtr.tolist(), "y": ytr.tolist(), "query": Xq.tolist(),
            "cdist": exact.tolist(), "runs": runs}


def split(X, y):
    q = np.arange(len(y)) % 3 == 0
    return X[~q], y[~q], X[q]


groups = []
X, y = load("wine.csv")
Xtr, ytr, Xq = split(X, y)
groups.append(group("wine, raw features", Xtr, ytr, Xq, (1, 3, 5, 15)))
sc = StandardScaler().fit(Xtr)
groups.append(group("wine, standardised with the training rows' statistics",
                    sc.transform(Xtr), ytr, sc.transform(Xq), (1, 4, 7)))
X, y = load("iris.csv")
Xtr, ytr, Xq = split(X, y)
groups.append(group("iris (duplicate rows: ties)", Xtr, ytr, Xq, (2, 5, 10)))
rng = np.random.default_rng(21)
X = rng.normal(size=(120, 3))
y = rng.integers(0, 4, 120)
X += y[:, None] * 0.7
Xtr, ytr, Xq = split(X, y)
groups.append(group("Gaussian, 3 features, 4 classes", Xtr, ytr, Xq, (1, 2, 6, 11)))

out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
       "groups": groups}
with open(os.path.join(here, "knn_sklearn.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
for g in groups:
    print(g["note"], "ambiguous queries per k:", [len(r["ambiguous"]) for r in g["runs"]])
