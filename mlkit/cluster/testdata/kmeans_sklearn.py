"""Writes kmeans_sklearn.json: scikit-learn's Lloyd k-means from given initial centroids, the
oracle of TestLloydSklearn.

Run from the repository root with Debian's python3-sklearn (1.2.1) and python3-numpy:

    /usr/bin/python3 mlkit/cluster/testdata/kmeans_sklearn.py

Each case stores its data X, the initial centroids, max_iter, and what
KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", tol=0, max_iter=max_iter) fitted:
cluster_centers_, labels_, inertia_ and n_iter_. scikit-learn's n_iter_ counts one more than
mlkit's Result.Iter when the run converges (it runs one more assignment to see that nothing
changed), and the same when it stops at max_iter.

The penguins cases use the four numeric columns of testdata/datasets/penguins.csv without the
rows that miss any of them (342 rows), standardised with the population standard deviation
(StandardScaler), and the same data unscaled. The blobs case is seeded Gaussian blobs.
No initial centroids here leave a cluster empty: scikit-learn relocates an empty cluster,
mlkit keeps its old centroid.
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..")
cols = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
rows = []
with open(os.path.join(root, "testdata", "datasets", "penguins.csv")) as f:
    for r in csv.DictReader(f):
        if any(r[c] in ("", "NA") for c in cols):
            continue
        rows.append([float(r[c]) for c in cols])
raw = np.array(rows)
scaled = StandardScaler().fit_transform(raw)

rng = np.random.default_rng(7)
centres = rng.uniform(-5, 5, size=(4, 3))
blobs = np.vstack([c + rng.normal(size=(50, 3)) for c in centres])
rng.shuffle(blobs)

cases = []


def case(name, X, init, max_iter):
    km = KMeans(n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", tol=0, max_iter=max_iter)
    km.fit(X)
    assert len(set(km.labels_)) == len(init), name
    cases.append({
        "name": name,
        "X": X.tolist(),
        "init": np.asarray(init).tolist(),
        "max_iter": max_iter,
        "centroids": km.cluster_centers_.tolist(),
        "labels": km.labels_.tolist(),
        "inertia": float(km.inertia_),
        "n_iter": int(km.n_iter_),
    })


case("penguins scaled, k=3, rows 0 100 200", scaled, scaled[[0, 100, 200]], 300)
case("penguins scaled, k=3, rows 0 100 200, max_iter=2", scaled, scaled[[0, 100, 200]], 2)
case("penguins scaled, k=5, rows 0 50 150 250 300", scaled, scaled[[0, 50, 150, 250, 300]], 300)
case("penguins unscaled, k=3, rows 0 100 200", raw, raw[[0, 100, 200]], 300)
case("blobs, k=4, rows 0..3", blobs, blobs[:4], 300)
case("blobs, k=6, rows 0..5, max_iter=1", blobs, blobs[:6], 1)

with open(os.path.join(here, "kmeans_sklearn.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases with scikit-learn {sklearn.__version__}")
for c in cases:
    print(c["name"], "n_iter", c["n_iter"], "inertia", c["inertia"])
