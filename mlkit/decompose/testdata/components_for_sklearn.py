"""Writes components_for_sklearn.json, the expected values of TestComponentsForSklearn.

For each fixture dataset (numeric columns of testdata/datasets/, the target left out) and each
fraction, the number of components n_components_ that scikit-learn's PCA(n_components=fraction,
svd_solver="full") keeps, with the explained variance ratios of all components
(PCA().explained_variance_ratio_) that mlkit's ComponentsFor takes.

Run from the repository root with Debian's scikit-learn 1.2.1 / numpy 1.24.2:

    /usr/bin/python3 mlkit/decompose/testdata/components_for_sklearn.py
"""
import csv
import json

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

FRACTIONS = [0.05, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, 0.999]


def load(name):
    with open(f"testdata/datasets/{name}.csv") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    cols = [j for j, h in enumerate(header) if h != "target"]
    return np.array([[float(r[j]) for j in cols] for r in rows])


cases = []
for name, scale in [("digits", False), ("iris", False), ("wine", False), ("wine", True), ("breast_cancer", True)]:
    x = load(name)
    if scale:
        x = StandardScaler().fit_transform(x)
    ratio = PCA(svd_solver="full").fit(x).explained_variance_ratio_
    counts = [int(PCA(n_components=f, svd_solver="full").fit(x).n_components_) for f in FRACTIONS]
    cases.append({"dataset": name, "standardised": scale, "ratio": ratio.tolist(),
                  "fractions": FRACTIONS, "n_components": counts})

with open("mlkit/decompose/testdata/components_for_sklearn.json", "w") as f:
    json.dump({"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
                            "mlkit/decompose/testdata/components_for_sklearn.py",
               "cases": cases}, f, indent=1)
    f.write("\n")
