"""Times scikit-learn 1.2.1 on the work of BenchmarkAssign and BenchmarkLloydIteration: 100,000
rows of 8 standard normal features, k = 8 centroids (the first 8 rows).

Run with Debian's python3-sklearn and python3-numpy:

    /usr/bin/python3 mlkit/cluster/testdata/bench_sklearn.py

and compare with

    go test -run '^$' -bench 'Assign|LloydIteration' -count 7 ./mlkit/cluster

"assign" is pairwise_distances_argmin_min (nearest centroid and its distance; the inertia is
the sum of the squared distances); "lloyd iteration" is KMeans(init=C, n_init=1, max_iter=1,
algorithm="lloyd"), which assigns, updates once and assigns again, as Lloyd(X, C, 1) does.
Both use numpy's BLAS, with threads limited to OMP_NUM_THREADS when it is set.
"""
import statistics
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import pairwise_distances_argmin_min

warnings.simplefilter("ignore")  # KMeans warns that max_iter = 1 did not converge
rng = np.random.default_rng(1)
X = rng.normal(size=(100_000, 8))
C = X[:8].copy()


def assign():
    labels, d = pairwise_distances_argmin_min(X, C)
    return labels, float((d**2).sum())


def lloyd():
    return KMeans(n_clusters=8, init=C, n_init=1, max_iter=1, algorithm="lloyd").fit(X)


for name, f in (("assign", assign), ("lloyd iteration", lloyd)):
    f()  # warm-up
    reps = 15
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    print(f"sklearn {sklearn.__version__} {name} 100000x8 k=8: median {statistics.median(times) * 1e3:.2f} ms "
          f"(min {min(times) * 1e3:.2f}, {reps} runs)")
